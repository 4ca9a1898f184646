//! casebook: a static site generator for best-practice case studies of cities.
//!
//! A build is four stages, each a function from one value to the next:
//!
//! ```text
//! load(&BuildOptions)  -> Content     files parsed: config, studies, city profiles, pages
//! resolve(Content)     -> SiteGraph   cities identified, mentions, backlinks, related, URLs
//! render(&SiteGraph)   -> SiteRender  every output (HTML, feeds, data); rendering one is pure
//! write(&source, dir)  -> WriteReport the only stage that touches the output folder; it pulls
//!                                     outputs from the render and writes them in parallel
//! ```
//!
//! [`build`] runs them all; [`check`] stops after `resolve`. Library code never prints or exits:
//! problems come back as [`Diagnostic`]s for the caller to show.

// Diagnostics are returned by value: they are rare (cold path) and boxing them would only add
// noise at every call site.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod diagnostics;
pub mod files;
pub mod graph;
pub mod linkcheck;
pub mod load;
pub mod output;
pub mod render;
pub mod text;
pub mod write;

pub use config::BuildOptions;
pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use graph::SiteGraph;

use std::time::{Duration, Instant};

/// How long each stage took.
#[derive(Debug, Default, Clone, Copy)]
pub struct StageTimes {
    pub load: Duration,
    pub resolve: Duration,
    /// The steps of `resolve`.
    pub resolve_steps: graph::ResolveTimes,
    /// Loading the theme and preparing the render, which renders every study's card and link.
    pub render_setup: Duration,
    /// Rendering and writing run together, page by page; this is their wall time.
    pub render_and_write: Duration,
    /// Time spent rendering, summed over threads.
    pub render: Duration,
    /// Time spent writing files, summed over threads.
    pub write: Duration,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Warnings (a successful build has no errors).
    pub diagnostics: Vec<Diagnostic>,
    pub studies: usize,
    pub cities: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub times: StageTimes,
    /// The previous output, moved aside, when the build was asked to defer its removal.
    pub old_output: Option<std::path::PathBuf>,
}

/// Why a build failed: every error and warning found, sorted by file and line.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads and resolves the site, stopping before anything is rendered or written.
pub fn check(options: &BuildOptions) -> Result<(SiteGraph, Vec<Diagnostic>), BuildFailure> {
    let mut times = StageTimes::default();
    check_timed(options, &mut times)
}

fn check_timed(
    options: &BuildOptions,
    times: &mut StageTimes,
) -> Result<(SiteGraph, Vec<Diagnostic>), BuildFailure> {
    let t = Instant::now();
    let loaded = load::load(options);
    times.load = t.elapsed();
    let mut diagnostics = loaded.diagnostics;
    if diagnostics.has_errors() {
        // Resolving half-loaded content would only add confusing follow-on errors.
        return Err(BuildFailure {
            diagnostics: diagnostics.sorted(),
        });
    }
    let t = Instant::now();
    let resolved = graph::resolve(loaded.content);
    times.resolve = t.elapsed();
    times.resolve_steps = resolved.times;
    let mut resolve_diagnostics = resolved.diagnostics;
    resolve_diagnostics.quote_lines(&options.root);
    diagnostics.extend(resolve_diagnostics);
    if diagnostics.has_errors() {
        return Err(BuildFailure {
            diagnostics: diagnostics.sorted(),
        });
    }
    Ok((resolved.graph, diagnostics.sorted()))
}

/// Builds the site: load, resolve, render, write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let out_dir = options.output_dir();
    // Refuse an unsafe output folder before doing any work.
    if let Err(d) = write::check_output_dir(&out_dir, &options.root) {
        return Err(BuildFailure {
            diagnostics: vec![d],
        });
    }
    let mut times = StageTimes::default();
    let (graph, warnings) = check_timed(options, &mut times)?;

    let t = Instant::now();
    let mut theme_diags = Diagnostics::new();
    let theme = render::theme::load_theme(&graph.root, &graph.config.theme, &mut theme_diags);
    let fail = |extra: Vec<Diagnostic>| -> BuildFailure {
        let mut all = Diagnostics::new();
        all.extend(warnings.iter().cloned());
        all.extend(extra);
        BuildFailure {
            diagnostics: all.sorted(),
        }
    };
    let Some(theme) = theme else {
        return Err(fail(theme_diags.into_iter().collect()));
    };
    let site = render::SiteRender::new(&graph, theme).map_err(fail)?;
    times.render_setup = t.elapsed();
    let t = Instant::now();
    let written =
        write::write(&site, &out_dir, &options.root, options.defer_removal).map_err(fail)?;
    times.render_and_write = t.elapsed();
    times.render = written.produce_time;
    times.write = written.write_time;
    let pages = site.page_count();
    drop(site);
    let (studies, cities) = (graph.studies.len(), graph.cities.len());
    // Freeing the graph (hundreds of thousands of small allocations) takes a noticeable moment;
    // nobody needs to wait for it.
    std::thread::spawn(move || drop(graph));
    Ok(BuildReport {
        diagnostics: warnings,
        studies,
        cities,
        pages,
        files: written.files,
        bytes: written.bytes,
        times,
        old_output: written.old_output,
    })
}
