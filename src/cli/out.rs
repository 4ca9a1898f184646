//! What the command line prints: diagnostics (text, colour or JSON lines), progress, counts in
//! words and `serve`'s events. The library never prints; this is the one place that does.

use super::args::{Cli, Command, Format};
use casebook::Diagnostic;

/// How much to print, and whether in colour.
#[derive(Clone, Copy)]
pub(crate) struct Out {
    pub(crate) quiet: bool,
    pub(crate) verbose: bool,
    pub(crate) colour: bool,
    /// `check --format json`: problems as JSON lines on stdout, and nothing else printed.
    pub(crate) json: bool,
}

impl Out {
    pub(crate) fn new(cli: &Cli) -> Out {
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
    pub(crate) fn diagnostics(&self, diagnostics: &[Diagnostic]) {
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
    pub(crate) fn say(&self, line: &str) {
        if !self.quiet && !self.json {
            println!("{line}");
        }
    }

    /// A closing line about a failure on stderr (left out with JSON output).
    pub(crate) fn complain(&self, line: &str) {
        if !self.json {
            eprintln!("{line}");
        }
    }
}

pub(crate) fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    format!(
        "{}, {}",
        counted(errors, "error", "errors"),
        counted(warnings, "warning", "warnings")
    )
}

/// `n` things in the terminal's English: `1 city`, `1,002 case studies`.
pub(crate) fn counted(n: usize, one: &str, other: &str) -> String {
    let word = if n == 1 { one } else { other };
    format!("{} {word}", casebook::text::thousands(n as u64))
}

/// Prints what the server reports.
pub(crate) fn serve_event(event: casebook::serve::Event<'_>, out: Out) {
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
