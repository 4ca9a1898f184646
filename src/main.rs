//! The `casebook` command line. All work happens in the library; this file sends each command
//! to it and sets the exit code. The commands and options are defined in `cli/args.rs`, and
//! everything the command line prints in `cli/out.rs`.

use casebook::BuildOptions;

// Rendering allocates many short-lived strings on every thread; mimalloc's per-thread heaps
// make that markedly cheaper than glibc's malloc (see bench/README.md for the figures).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod cli;
use cli::args::{Cli, Command, Format, ImportKind, NewKind, SiteArgs};
use cli::out::{counted, serve_event, summary, Out};

/// Options for a command that reads the site without publishing it (`report`, `translations`):
/// the list of published addresses is not its business.
fn unguarded(options: BuildOptions) -> BuildOptions {
    BuildOptions {
        guard_published: false,
        ..options
    }
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
    match casebook::check(&unguarded(options(site, None))) {
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
    let (site, _) = match casebook::check(&unguarded(BuildOptions::new(root))) {
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
    let (site, _) = match casebook::check(&unguarded(options(site, None))) {
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

/// `import wordpress`: the report of what was written, skipped and left to an editor.
fn import_wordpress(
    export: &Path,
    options: &casebook::import::ImportOptions,
    format: Format,
    out: Out,
) -> ExitCode {
    let report = match casebook::import::wordpress(export, options) {
        Ok(report) => report,
        Err(e) => {
            let at = e.line.map_or(String::new(), |l| format!(":{l}"));
            out.complain(&format!("error: {}{at}: {}", export.display(), e.message));
            out.complain(&format!("  = hint: {}", e.hint));
            return ExitCode::FAILURE;
        }
    };
    if format == Format::Json {
        println!("{}", serde_json::to_string(&report).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let verb = if report.dry_run {
        "would write"
    } else {
        "wrote"
    };
    for path in &report.written {
        out.say(&format!("{verb} {}", path.display()));
    }
    for path in &report.exists {
        out.say(&format!("kept {} (it exists)", path.display()));
    }
    for s in &report.skipped {
        out.say(&format!(
            "skipped {}:{} {:?}: {}",
            export.display(),
            s.line,
            s.title,
            s.reason
        ));
    }
    for s in &report.needs_editor {
        out.say(&format!(
            "to check {}:{} {:?}: {}",
            export.display(),
            s.line,
            s.title,
            s.reason
        ));
    }
    for (name, n) in &report.removed_shortcodes {
        out.say(&format!(
            "removed the shortcode [{name}] {}",
            counted(*n, "time", "times")
        ));
    }
    out.say(&format!(
        "{} {}, {} kept, {} skipped{}",
        verb,
        counted(report.written.len(), "file", "files"),
        report.exists.len(),
        report.skipped.len(),
        if report.written.is_empty() && !report.exists.is_empty() {
            ": nothing new to write"
        } else {
            ""
        }
    ));
    ExitCode::SUCCESS
}

/// `check`: the build's problems and the advice for editors, as text or JSON.
fn check_content(
    site: SiteArgs,
    deny_warnings: bool,
    against: Option<PathBuf>,
    out: Out,
) -> ExitCode {
    let options = BuildOptions {
        against,
        ..options(site, None)
    };
    let (graph, mut diagnostics, ok) = match casebook::check(&options) {
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
            against,
            ..
        } => check_content(site, deny_warnings, against, out),
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
            serve(options, open, out)
        }
        Command::New { kind } => new(kind, out),
        Command::Init { dir } => init(&dir, out),
        Command::Import {
            kind:
                ImportKind::Wordpress {
                    export,
                    root,
                    post_type,
                    dry_run,
                    format,
                },
        } => {
            let options = casebook::import::ImportOptions {
                post_types: post_type,
                dry_run,
                ..casebook::import::ImportOptions::new(root)
            };
            import_wordpress(&export, &options, format, out)
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
        Command::Schema { dir } => schema(&dir, out),
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

/// `serve`: until stopped, printing what the server reports (and opening a browser with `--open`).
fn serve(options: casebook::serve::ServeOptions, open: bool, out: Out) -> ExitCode {
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

/// `init DIR`: a new site from the example.
fn init(dir: &Path, out: Out) -> ExitCode {
    match casebook::scaffold::init(dir, casebook::scaffold::today()) {
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

/// `schema DIR`: the front-matter schemas, written as files.
fn schema(dir: &Path, out: Out) -> ExitCode {
    let written = std::fs::create_dir_all(dir).and_then(|()| {
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
