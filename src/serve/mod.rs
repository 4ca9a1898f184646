//! `casebook serve`: the site built into memory, served over HTTP, rebuilt when its files
//! change, and reloaded in every open browser tab.
//!
//! Three parts, each on its own thread(s):
//!
//! ```text
//! watcher  (notify)        files changed -> one burst of paths        watch.rs
//! rebuild  (one thread)    burst -> Session::apply -> a new Snapshot   this file
//! server   (tokio + axum)  requests and reload streams read the latest Snapshot  http.rs
//! ```
//!
//! A [`Snapshot`] is published whole (a `tokio::sync::watch` channel), so a request never sees a
//! half-built site: it gets the files of one build or of the next. `public/` is never touched.

mod http;
mod live;
mod locate;
mod watch;

use crate::diagnostics::Diagnostic;
use crate::session::{Files, Rebuilt, Session};
use crate::BuildOptions;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// What `casebook serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
}

/// What the server reports as it runs, for the command line to print.
pub enum Event<'a> {
    /// Listening; the site's address.
    Serving { url: &'a str },
    /// A build or rebuild succeeded; `latency` is from the first change seen (none for the
    /// first build).
    Rebuilt {
        rebuilt: &'a Rebuilt,
        latency: Option<Duration>,
        changed: &'a [PathBuf],
    },
    /// A build failed; the last good site is still served.
    Failed {
        diagnostics: &'a [Diagnostic],
        changed: &'a [PathBuf],
    },
    /// Something the user should know that is not a content problem.
    Warning(String),
}

/// Everything a request needs: the files of one build and how to present them.
pub(crate) struct Snapshot {
    files: Arc<Files>,
    /// Data files being rendered again: wait for the next snapshot before serving them.
    pending: Vec<String>,
    /// The last good build's number (0: none yet).
    version: u64,
    /// Only stylesheets changed since the previous version.
    css_only: bool,
    /// The overlay of the last rebuild, if it failed.
    problems: Option<Arc<str>>,
    base_path: String,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    Bind(SocketAddr, std::io::Error),
    Watch(notify::Error),
    Runtime(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Bind(addr, e) => write!(f, "cannot listen on {addr}: {e} (choose another port with --port, or --port 0 for any free one)"),
            ServeError::Watch(e) => write!(f, "cannot watch the site's files: {e}"),
            ServeError::Runtime(e) => write!(f, "cannot start the server: {e}"),
        }
    }
}

/// Builds the site, serves it and rebuilds it on every change, until the process is stopped.
pub fn run(options: ServeOptions, report: &(dyn Fn(Event<'_>) + Sync)) -> Result<(), ServeError> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| ServeError::Bind(addr, e))?;
    let local = listener.local_addr().map_err(ServeError::Runtime)?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::Runtime)?;
    if !options.bind.is_loopback() {
        report(Event::Warning(format!(
            "serving on {}, which other computers can reach; the preview is meant for this computer (the default, --bind 127.0.0.1)",
            options.bind
        )));
    }
    let host = if options.bind.is_unspecified() {
        SocketAddr::new(IpAddr::from([127, 0, 0, 1]), local.port()).to_string()
    } else {
        local.to_string()
    };

    let mut watcher = watch::SiteWatcher::new(&options.root).map_err(ServeError::Watch)?;
    // Links work as in production: the path of base_url, this server's host and port.
    let mut base_path = site_base_path(&options.root).unwrap_or_else(|| "/".into());
    let session_for = |base_path: &str| {
        Session::new(BuildOptions {
            drafts: options.drafts,
            base_url: Some(format!("http://{host}{base_path}")),
            // Edits are work in progress: the list of published addresses waits for a build.
            guard_published: false,
            ..BuildOptions::new(options.root.clone())
        })
    };
    let mut session = session_for(&base_path);
    let first = session.build();
    report_build(report, &first, None, &[]);
    let mut version = u64::from(first.is_ok());
    let (tx, rx) =
        tokio::sync::watch::channel(snapshot(&session, &first, version, false, &base_path));
    report(Event::Serving {
        url: &format!("http://{host}{base_path}"),
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let server = runtime.spawn(http::serve(listener, rx));

    // The rebuild loop: one burst of changes, one rebuild.
    while let Some(burst) = watcher.next_burst() {
        if burst.lost {
            session.forget();
        }
        // Only a new site.yaml can move the base path (a new one needs a new session).
        if burst.lost || burst.changed.iter().any(|p| p == Path::new("site.yaml")) {
            if let Some(now) = site_base_path(&options.root) {
                if now != base_path {
                    base_path = now;
                    session = session_for(&base_path);
                }
            }
        }
        let css_only = !burst.lost
            && !burst.changed.is_empty()
            && burst
                .changed
                .iter()
                .all(|p| p.starts_with("themes") && p.extension().is_some_and(|e| e == "css"));
        let mut pages_at = None;
        let result = session.apply(&burst.changed, &mut |ready| {
            // The pages are in: browsers may reload while the other files are rendered.
            tx.send_replace(Arc::new(Snapshot {
                files: ready.files.clone(),
                pending: ready.pending.to_vec(),
                version: version + 1,
                css_only,
                problems: None,
                base_path: base_path.clone(),
            }));
            pages_at = Some(burst.first_seen.elapsed());
        });
        report_build(report, &result, pages_at, &burst.changed);
        version += u64::from(result.is_ok());
        tx.send_replace(snapshot(&session, &result, version, css_only, &base_path));
    }
    server.abort();
    Ok(())
}

/// Reports a build's outcome.
fn report_build(
    report: &(dyn Fn(Event<'_>) + Sync),
    result: &Result<Rebuilt, crate::BuildFailure>,
    latency: Option<Duration>,
    changed: &[PathBuf],
) {
    match result {
        Ok(rebuilt) => report(Event::Rebuilt {
            rebuilt,
            latency,
            changed,
        }),
        Err(f) => report(Event::Failed {
            diagnostics: &f.diagnostics,
            changed,
        }),
    }
}

/// The snapshot after a build: its files, or the last good ones with the overlay.
fn snapshot(
    session: &Session,
    result: &Result<Rebuilt, crate::BuildFailure>,
    version: u64,
    css_only: bool,
    base_path: &str,
) -> Arc<Snapshot> {
    Arc::new(Snapshot {
        files: session.files(),
        pending: Vec::new(),
        version,
        css_only,
        problems: result
            .as_ref()
            .err()
            .map(|f| Arc::from(live::overlay(&f.diagnostics))),
        base_path: base_path.to_string(),
    })
}

/// The base path `site.yaml` gives now (it may have changed while serving).
fn site_base_path(root: &std::path::Path) -> Option<String> {
    let mut d = crate::Diagnostics::new();
    let config = crate::load::site_config::load_site_config(root, &mut d);
    (!d.has_errors()).then_some(config.base_path)
}
