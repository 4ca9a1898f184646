//! The `casebook` command line. All work happens in the library; this file parses arguments,
//! prints what the library reports and sets the exit code.

use casebook::{BuildOptions, Diagnostic};

// Rendering allocates many short-lived strings on every thread; mimalloc's per-thread heaps
// make that markedly cheaper than glibc's malloc (see bench/README.md for the figures).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
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
    /// Print only errors
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: each stage's time (build), each rebuild's files (serve)
    #[arg(long, short = 'v', global = true)]
    verbose: bool,
}

/// How much to print, and whether in colour.
#[derive(Clone, Copy)]
struct Out {
    quiet: bool,
    verbose: bool,
    colour: bool,
    /// `check --format json`: problems as JSON lines on stdout, and nothing else printed.
    json: bool,
}

impl Out {
    fn new(cli: &Cli) -> Out {
        use std::io::IsTerminal;
        // https://no-color.org: any non-empty NO_COLOR turns colour off.
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let json = matches!(
            cli.command,
            Command::Check {
                format: Format::Json,
                ..
            }
        );
        Out {
            quiet: cli.quiet,
            verbose: cli.verbose,
            colour: std::io::stderr().is_terminal() && !no_color,
            json,
        }
    }

    /// Prints diagnostics to stderr (warnings left out with -q), or with `--format json` one JSON
    /// object per line on stdout (all of them).
    fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        if self.json {
            for d in diagnostics {
                println!("{}", d.to_json());
            }
            return;
        }
        for d in diagnostics {
            if self.quiet && !d.is_error() {
                continue;
            }
            let text = d.to_string();
            if self.colour {
                let (label, colour) = if d.is_error() {
                    ("error", "1;31")
                } else {
                    ("warning", "1;33")
                };
                let rest = text.strip_prefix(label).unwrap_or(&text);
                eprintln!("\x1b[{colour}m{label}\x1b[0m{rest}");
            } else {
                eprintln!("{text}");
            }
        }
    }

    /// A line of progress on stdout (left out with -q and with JSON output).
    fn say(&self, line: &str) {
        if !self.quiet && !self.json {
            println!("{line}");
        }
    }

    /// A closing line about a failure on stderr (left out with JSON output).
    fn complain(&self, line: &str) {
        if !self.json {
            eprintln!("{line}");
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum NewKind {
    /// A case study: content/case-studies/<slug>.md (or <slug>/index.md with --bundle)
    #[command(name = "case-study")]
    CaseStudy {
        /// Its title (the file name is made from it)
        title: String,
        /// The city it is about
        #[arg(long)]
        city: String,
        /// The city's country (needed when the city has no profile yet)
        #[arg(long)]
        country: Option<String>,
        /// Make a folder, so images can sit beside the text
        #[arg(long)]
        bundle: bool,
        /// The site folder
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
    /// A translation of a case study, city profile or page: FILE.<language>.md beside FILE,
    /// holding the source's texts to translate and a stamp of what the source says now
    Translation {
        /// The source, such as content/case-studies/khon-kaen-citizen-awareness.md
        file: PathBuf,
        /// The language to translate into (a code of `languages:` in site.yaml)
        #[arg(long, short = 'l')]
        language: String,
        /// The site folder
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
    /// A city profile: content/cities/<slug>.md
    City {
        /// The city's name
        name: String,
        /// Its country
        #[arg(long)]
        country: String,
        /// The site folder
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
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
        /// Link pages by paths relative to each page (works from any folder and from file://)
        #[arg(long)]
        relative: bool,
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
    },
    /// Write a new case study or city profile, correctly named and shaped
    New {
        #[command(subcommand)]
        kind: NewKind,
    },
    /// Create a new site in an empty folder
    Init {
        /// The folder (created if missing; must be empty)
        dir: PathBuf,
    },
    /// Write JSON Schemas (draft-07) of case-study, city and page front matter and of site.yaml
    Schema {
        /// The folder to write them to
        #[arg(default_value = "schema")]
        dir: PathBuf,
    },
    /// Print a coverage report: studies by country, topic and year, cities with no recent study,
    /// facts past their freshness limit
    Report {
        #[command(flatten)]
        site: SiteArgs,
        /// Cities with no study for this many years count as quiet
        #[arg(long, default_value_t = casebook::report::QUIET_YEARS)]
        years: u16,
        /// text for people, json for tools
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List every translation per language: current, outdated (with the parts of the source
    /// that changed), unstamped or missing; and the theme's strings missing per language
    Translations {
        #[command(flatten)]
        site: SiteArgs,
        /// text for people, json for tools
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Mark this translation current: stamp it with what its source says now
        #[arg(long, value_name = "FILE")]
        stamp: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
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
        /// How to print problems: text for people, json for tools (one object per line)
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
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

fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    format!(
        "{}, {}",
        counted(errors, "error", "errors"),
        counted(warnings, "warning", "warnings")
    )
}

/// `n` things in the terminal's English: `1 city`, `1,002 case studies`.
fn counted(n: usize, one: &str, other: &str) -> String {
    let word = if n == 1 { one } else { other };
    format!("{} {word}", casebook::text::thousands(n as u64))
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

/// The exit code for a usage problem (bad arguments, a port in use, an existing file).
fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// `check --output`: the link check of a built site, with the base path from site.yaml.
fn check_links(site: SiteArgs, dir: Option<PathBuf>, out: Out) -> ExitCode {
    let mut diagnostics = casebook::Diagnostics::new();
    let mut config = casebook::load::site_config::load_site_config(&site.root, &mut diagnostics);
    if let Some(url) = &site.base_url {
        if !config.set_base_url(url) {
            diagnostics.push(casebook::config::bad_base_url_option(url));
        }
    }
    if diagnostics.has_errors() {
        out.diagnostics(&diagnostics.sorted());
        return ExitCode::FAILURE;
    }
    // The same rule as `build --output`: one place decides where a site's output is.
    let dir = options(site, dir).output_dir();
    match casebook::linkcheck::check_output(&dir, &config.base_path) {
        Ok(report) => {
            out.diagnostics(&report.failures);
            out.say(&format!(
                "Checked {} pages: {} internal links ({} with #fragments), {} external links not followed; {} broken.",
                report.pages,
                report.links,
                report.fragments,
                report.external,
                report.failures.len()
            ));
            if report.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(d) => {
            out.diagnostics(&[d]);
            ExitCode::FAILURE
        }
    }
}

/// `report`: the site's coverage, as text or JSON (the content must build).
fn report(site: SiteArgs, years: u16, format: Format, out: Out) -> ExitCode {
    match casebook::check(&options(site, None)) {
        Ok((casebook::Site { graph, .. }, _)) => {
            let coverage = casebook::report::coverage(&graph, casebook::text::Date::today(), years);
            match format {
                Format::Text => print!("{}", coverage.to_text()),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&coverage).unwrap_or_default()
                ),
            }
            std::mem::forget(graph);
            ExitCode::SUCCESS
        }
        Err(failure) => {
            out.diagnostics(&failure.diagnostics);
            out.complain(&format!(
                "No report: the content has errors ({}).",
                summary(&failure.diagnostics)
            ));
            ExitCode::FAILURE
        }
    }
}

/// `new translation`: the source's texts to translate, stamped, beside the source.
fn new_translation(root: &Path, file: &Path, language: &str, out: Out) -> ExitCode {
    let (site, _) = match casebook::check(&BuildOptions::new(root)) {
        Ok(s) => s,
        Err(failure) => {
            out.diagnostics(&failure.diagnostics);
            out.complain("No translation: the content has errors.");
            return ExitCode::FAILURE;
        }
    };
    let rel = file.strip_prefix(root).unwrap_or(file);
    match casebook::translations::new_translation(root, &site.graph, rel, language) {
        Ok(path) => {
            println!("{}", root.join(path).display());
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(e),
    }
}

/// `translations`: the state of every translation, or `--stamp FILE`.
fn translations(site: SiteArgs, format: Format, stamp: Option<PathBuf>, out: Out) -> ExitCode {
    let root = site.root.clone();
    let (site, _) = match casebook::check(&options(site, None)) {
        Ok(s) => s,
        Err(failure) => {
            out.diagnostics(&failure.diagnostics);
            out.complain(&format!(
                "No list of translations: the content has errors ({}).",
                summary(&failure.diagnostics)
            ));
            return ExitCode::FAILURE;
        }
    };
    let g = &site.graph;
    if let Some(file) = stamp {
        let rel = file.strip_prefix(&root).unwrap_or(&file).to_path_buf();
        return match casebook::translations::stamp(&root, g, &rel) {
            Ok(_) => {
                out.say(&format!("stamped {}: it is current", rel.display()));
                ExitCode::SUCCESS
            }
            Err(e) => usage_error(e),
        };
    }
    let entries = casebook::translations::entries(g);
    let strings = casebook::theme::strings_file::missing_per_language(&root, &g.config);
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "translations": entries,
                "missing_strings": strings,
            }))
            .unwrap_or_default()
        ),
        Format::Text => {
            let mut language = "";
            for e in &entries {
                if e.language != language {
                    language = &e.language;
                    println!("{language}:");
                }
                let file = e.translation.as_ref().unwrap_or(&e.source);
                match e.status {
                    "outdated" => println!(
                        "  outdated   {} (changed in the source: {})",
                        file.display(),
                        e.changed.join(", ")
                    ),
                    "missing" => println!("  missing    {}", e.source.display()),
                    status => println!("  {status:<10} {}", file.display()),
                }
            }
            for (code, keys) in &strings {
                if !keys.is_empty() {
                    println!(
                        "{code}: {} theme strings shown in English: {}",
                        keys.len(),
                        keys.join(", ")
                    );
                }
            }
            if entries.is_empty() {
                println!("The site is in one language: it has no translations.");
            }
        }
    }
    ExitCode::SUCCESS
}

/// `check`: the build's problems and the advice for editors, as text or JSON.
fn check_content(site: SiteArgs, deny_warnings: bool, out: Out) -> ExitCode {
    let (graph, mut diagnostics, ok) = match casebook::check(&options(site, None)) {
        Ok((casebook::Site { graph, .. }, warnings)) => (Some(graph), warnings, true),
        Err(failure) => (None, failure.diagnostics, false),
    };
    if let Some(g) = &graph {
        let mut advice = casebook::Diagnostics::new();
        advice.extend(casebook::advice::advice(g));
        advice.quote_lines(&g.root);
        diagnostics.extend(advice.sorted());
    }
    let warnings = diagnostics.iter().filter(|d| !d.is_error()).count();
    out.diagnostics(&diagnostics);
    match &graph {
        Some(g) => out.say(&format!(
            "No errors: {}, {}, {}, {} ({}).",
            counted(g.studies.len(), "case study", "case studies"),
            counted(g.cities.len(), "city", "cities"),
            counted(g.countries.len(), "country", "countries"),
            counted(g.topics.len(), "topic", "topics"),
            summary(&diagnostics)
        )),
        None => out.complain(&format!("Check failed ({}).", summary(&diagnostics))),
    }
    // The process ends here: freeing a large graph piece by piece would only delay it.
    std::mem::forget(graph);
    if !ok || (deny_warnings && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn build(site: SiteArgs, output: Option<PathBuf>, relative: bool, out: Out) -> ExitCode {
    let started = Instant::now();
    let opts = BuildOptions {
        relative,
        ..options(site, output)
    };
    match casebook::build(&opts) {
        Ok(report) => {
            if let Some(old) = &report.old_output {
                remove_in_background(old);
            }
            out.diagnostics(&report.diagnostics);
            let t = report.times;
            out.say(&format!(
                "Built {} case studies and {} cities: {} pages, {} files ({:.1} MB) in {} in {:.2} s",
                report.studies,
                report.cities,
                report.pages,
                report.files,
                report.bytes as f64 / 1e6,
                opts.output_dir().display(),
                started.elapsed().as_secs_f64()
            ));
            if !report.diagnostics.is_empty() {
                out.say(&summary(&report.diagnostics));
            }
            if out.verbose {
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
                let search = t.search_index;
                println!(
                    "search index: {} terms, {} term-study pairs, built in {:.1} ms (part of render)",
                    search.terms,
                    search.postings,
                    ms(search.time)
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
            out.diagnostics(&failure.diagnostics);
            eprintln!(
                "Build failed ({}); the previous output was left as it was.",
                summary(&failure.diagnostics)
            );
            ExitCode::FAILURE
        }
    }
}

/// Prints what the server reports.
fn serve_event(event: casebook::serve::Event<'_>, out: Out) {
    use casebook::serve::Event;
    use casebook::session::Method;
    use std::io::Write;
    match event {
        Event::Serving { url } => {
            // Printed even with -q: it is how one finds the site.
            println!("Serving the site at {url} (press Ctrl+C to stop)");
        }
        Event::Rebuilt {
            rebuilt,
            latency,
            changed,
        } => {
            out.diagnostics(&rebuilt.warnings);
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            let (pages, data): (Vec<&String>, Vec<&String>) =
                rebuilt.rendered.iter().partition(|p| p.ends_with(".html"));
            let how = match rebuilt.method {
                Method::Full => "full",
                Method::Incremental => "incremental",
                Method::Text => "text only",
            };
            let line = match changed.first() {
                None => format!(
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
                    format!(
                        "{what} changed: {} pages and {} other files rendered, {} removed ({how} rebuild); pages ready {:.1} ms after the change was seen, data files {:.1} ms later",
                        pages.len(),
                        data.len(),
                        rebuilt.removed.len(),
                        latency.map_or(ms(rebuilt.pages_time), ms),
                        ms(rebuilt.total_time.saturating_sub(rebuilt.pages_time)),
                    )
                }
            };
            out.say(&line);
            if out.verbose {
                for p in &rebuilt.rendered {
                    println!("  rendered {p}");
                }
                for p in &rebuilt.removed {
                    println!("  removed {p}");
                }
            }
        }
        Event::Failed { diagnostics, .. } => {
            out.diagnostics(diagnostics);
            eprintln!(
                "Build failed ({}); still serving the last good site, with the problems shown on every page.",
                summary(diagnostics)
            );
        }
        Event::Warning(w) => eprintln!("warning: {w}"),
    }
    let _ = std::io::stdout().flush();
}

fn new(kind: NewKind, out: Out) -> ExitCode {
    use casebook::scaffold;
    let created = match kind {
        NewKind::Translation {
            file,
            language,
            root,
        } => return new_translation(&root, &file, &language, out),
        NewKind::CaseStudy {
            title,
            city,
            country,
            bundle,
            root,
        } => scaffold::new_study(
            &root,
            &title,
            &city,
            country.as_deref(),
            bundle,
            scaffold::today(),
        )
        .map(|c| (root, c)),
        NewKind::City {
            name,
            country,
            root,
        } => scaffold::new_city(&root, &name, &country, None).map(|c| (root, c)),
    };
    match created {
        Ok((root, created)) => {
            // The path is the output: printed even with -q, for scripts and editors.
            println!("{}", root.join(&created.path).display());
            if let Some(note) = created.note {
                out.say(&format!("note: {note}"));
            }
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(e),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Out::new(&cli);
    match cli.command {
        Command::Build {
            site,
            output,
            relative,
        } => build(site, output, relative, out),
        Command::Check {
            site,
            output: Some(dir),
            ..
        } => check_links(site, dir, out),
        Command::Check {
            site,
            output: None,
            deny_warnings,
            ..
        } => check_content(site, deny_warnings, out),
        Command::Serve {
            root,
            port,
            bind,
            drafts,
            open,
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
                serve_event(event, out);
            };
            match casebook::serve::run(options, &report) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => usage_error(e),
            }
        }
        Command::New { kind } => new(kind, out),
        Command::Init { dir } => {
            match casebook::scaffold::init(&dir, casebook::scaffold::today()) {
                Ok(files) => {
                    for f in &files {
                        out.say(&format!("created {}", dir.join(f).display()));
                    }
                    out.say(&format!(
                        "Preview it with: casebook serve --root {}",
                        dir.display()
                    ));
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(e),
            }
        }
        Command::Report {
            site,
            years,
            format,
        } => report(site, years, format, out),
        Command::Translations {
            site,
            format,
            stamp,
        } => translations(site, format, stamp, out),
        Command::Schema { dir } => {
            let written = std::fs::create_dir_all(&dir).and_then(|()| {
                casebook::load::schema::schemas()
                    .into_iter()
                    .map(|(name, text)| {
                        let path = dir.join(name);
                        std::fs::write(&path, text).map(|()| path)
                    })
                    .collect::<std::io::Result<Vec<_>>>()
            });
            match written {
                Ok(paths) => {
                    for p in paths {
                        out.say(&format!("wrote {}", p.display()));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(format!(
                    "cannot write the schemas into {}: {e}",
                    dir.display()
                )),
            }
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "casebook", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::RemoveOldOutput { path } => match casebook::write::remove_old_output(&path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
