//! The `casebook` command line. All work happens in the library; this file parses arguments,
//! prints what the library reports and sets the exit code.

use casebook::{BuildOptions, Diagnostic};

// Rendering allocates many short-lived strings on every thread; mimalloc's per-thread heaps
// make that markedly cheaper than glibc's malloc (see bench/README.md for the figures).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "casebook",
    version,
    about = "Builds a website of best-practice case studies of cities"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct SiteArgs {
    /// The site folder (holding site.yaml and content/)
    #[arg(long, short = 'r', default_value = ".")]
    root: PathBuf,
    /// Include case studies marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Use this base URL instead of the one in site.yaml (for previews)
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Print how long each stage took
        #[arg(long, short = 'v')]
        verbose: bool,
    },
    /// Build the site into memory, serve it, rebuild on every change and reload open pages
    Serve {
        /// The site folder (holding site.yaml and content/)
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0 picks a free one)
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but a loopback address lets other computers in
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include case studies marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default web browser
        #[arg(long)]
        open: bool,
        /// Print each rebuild's time and every file it rendered
        #[arg(long, short = 'v')]
        verbose: bool,
    },
    /// Delete a previous output that a build moved aside (run by `build` in the background)
    #[command(hide = true, name = "remove-old-output")]
    RemoveOldOutput { path: PathBuf },
    /// Check the content for errors without writing anything; with --output, check the links of
    /// the built site instead
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Check that every internal link, image and #fragment of the built site resolves
        /// (DIR, as `build --output DIR` wrote it; the site's public/ without DIR)
        #[arg(long, num_args = 0..=1, value_name = "DIR")]
        output: Option<Option<PathBuf>>,
    },
}

fn options(site: SiteArgs, output: Option<PathBuf>) -> BuildOptions {
    BuildOptions {
        output,
        // The previous output is deleted by a background process: nobody waits for it.
        defer_removal: true,
        drafts: site.drafts,
        base_url: site.base_url,
        ..BuildOptions::new(site.root)
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// Deletes the previous output in a detached process, or here if that cannot be started.
fn remove_in_background(old: &std::path::Path) {
    let spawned = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg("remove-old-output")
            .arg(old)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    });
    if spawned.is_err() {
        let _ = casebook::write::remove_old_output(old);
    }
}

/// `check --output`: the link check of a built site, with the base path from site.yaml.
fn check_links(site: SiteArgs, dir: Option<PathBuf>) -> ExitCode {
    let mut diagnostics = casebook::Diagnostics::new();
    let mut config = casebook::load::site_config::load_site_config(&site.root, &mut diagnostics);
    if let Some(url) = &site.base_url {
        if !config.set_base_url(url) {
            diagnostics.push(casebook::config::bad_base_url_option(url));
        }
    }
    if diagnostics.has_errors() {
        print_diagnostics(&diagnostics.sorted());
        return ExitCode::FAILURE;
    }
    // The same rule as `build --output`: one place decides where a site's output is.
    let dir = options(site, dir).output_dir();
    match casebook::linkcheck::check_output(&dir, &config.base_path) {
        Ok(report) => {
            print_diagnostics(&report.failures);
            println!(
                "Checked {} pages: {} internal links ({} with #fragments), {} external links not followed; {} broken.",
                report.pages,
                report.links,
                report.fragments,
                report.external,
                report.failures.len()
            );
            if report.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(d) => {
            print_diagnostics(&[d]);
            ExitCode::FAILURE
        }
    }
}

/// Prints what the server reports.
fn serve_event(event: casebook::serve::Event<'_>, verbose: bool) {
    use casebook::serve::Event;
    use casebook::session::Method;
    use std::io::Write;
    match event {
        Event::Serving { url } => {
            println!("Serving the site at {url} (press Ctrl+C to stop)");
            let _ = std::io::stdout().flush();
        }
        Event::Rebuilt {
            rebuilt,
            latency,
            changed,
        } => {
            print_diagnostics(&rebuilt.warnings);
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            let (pages, data): (Vec<&String>, Vec<&String>) =
                rebuilt.rendered.iter().partition(|p| p.ends_with(".html"));
            let how = match rebuilt.method {
                Method::Full => "full",
                Method::Incremental => "incremental",
                Method::Text => "text only",
            };
            match changed.first() {
                None => println!(
                    "Built {} pages and {} other files in {:.0} ms",
                    pages.len(),
                    data.len(),
                    ms(rebuilt.total_time)
                ),
                Some(first) => {
                    let what = if changed.len() == 1 {
                        first.display().to_string()
                    } else {
                        format!("{} and {} more", first.display(), changed.len() - 1)
                    };
                    println!(
                        "{what} changed: {} pages and {} other files rendered, {} removed ({how} rebuild); pages ready {:.1} ms after the change was seen, data files {:.1} ms later",
                        pages.len(),
                        data.len(),
                        rebuilt.removed.len(),
                        latency.map_or(ms(rebuilt.pages_time), ms),
                        ms(rebuilt.total_time.saturating_sub(rebuilt.pages_time)),
                    );
                }
            }
            if verbose {
                for p in &rebuilt.rendered {
                    println!("  rendered {p}");
                }
                for p in &rebuilt.removed {
                    println!("  removed {p}");
                }
            }
            let _ = std::io::stdout().flush();
        }
        Event::Failed { diagnostics, .. } => {
            print_diagnostics(diagnostics);
            eprintln!(
                "Build failed ({}); still serving the last good site, with the problems shown on every page.",
                summary(diagnostics)
            );
        }
        Event::Warning(w) => eprintln!("warning: {w}"),
    }
}

/// Opens `url` in the default browser, if there is one to open.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(command.0)
        .args(command.1)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            site,
            output,
            verbose,
        } => {
            let started = Instant::now();
            let opts = options(site, output);
            match casebook::build(&opts) {
                Ok(report) => {
                    if let Some(old) = &report.old_output {
                        remove_in_background(old);
                    }
                    print_diagnostics(&report.diagnostics);
                    let t = report.times;
                    println!(
                        "Built {} case studies and {} cities: {} pages, {} files ({:.1} MB) in {} in {:.2} s",
                        report.studies,
                        report.cities,
                        report.pages,
                        report.files,
                        report.bytes as f64 / 1e6,
                        opts.output_dir().display(),
                        started.elapsed().as_secs_f64()
                    );
                    if !report.diagnostics.is_empty() {
                        println!("{}", summary(&report.diagnostics));
                    }
                    if verbose {
                        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                        let r = t.resolve_steps;
                        println!(
                            "stages: load {:.1} ms, resolve {:.1} ms, render and write {:.1} ms (render {:.1} ms and write {:.1} ms of thread time; theme and routes {:.1} ms, study cards and site header {:.1} ms)",
                            ms(t.load),
                            ms(t.resolve),
                            ms(t.render_and_write),
                            ms(t.render),
                            ms(t.write),
                            ms(t.theme),
                            ms(t.render_setup)
                        );
                        println!(
                            "resolve: identity {:.1} ms, mentions {:.1} ms ({:.1} MB of text, {} city links), internal links {:.1} ms, related and navigation {:.1} ms",
                            ms(r.identity),
                            ms(r.mentions),
                            r.text_bytes as f64 / 1e6,
                            r.mentions_found,
                            ms(r.links),
                            ms(r.related)
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    print_diagnostics(&failure.diagnostics);
                    eprintln!(
                        "Build failed ({}); the previous output was left as it was.",
                        summary(&failure.diagnostics)
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check {
            site,
            output: Some(dir),
        } => check_links(site, dir),
        Command::Serve {
            root,
            port,
            bind,
            drafts,
            open,
            verbose,
        } => {
            let options = casebook::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
            };
            let report = |event: casebook::serve::Event<'_>| {
                if let (true, casebook::serve::Event::Serving { url }) = (open, &event) {
                    open_browser(url);
                }
                serve_event(event, verbose);
            };
            match casebook::serve::run(options, &report) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::RemoveOldOutput { path } => match casebook::write::remove_old_output(&path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Check { site, output: None } => match casebook::check(&options(site, None)) {
            Ok((casebook::Site { graph, .. }, warnings)) => {
                print_diagnostics(&warnings);
                println!(
                    "No errors: {} case studies, {} cities, {} countries, {} topics ({}).",
                    graph.studies.len(),
                    graph.cities.len(),
                    graph.countries.len(),
                    graph.topics.len(),
                    summary(&warnings)
                );
                // The process ends here: freeing a large graph piece by piece would only delay it.
                std::mem::forget(graph);
                ExitCode::SUCCESS
            }
            Err(failure) => {
                print_diagnostics(&failure.diagnostics);
                eprintln!("Check failed ({}).", summary(&failure.diagnostics));
                ExitCode::FAILURE
            }
        },
    }
}
