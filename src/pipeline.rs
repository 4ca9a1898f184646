//! The build pipeline put together: [`check`] (load, resolve, theme, routes), [`build`] (then
//! render and write), and [`resolve_site`] for resolving edited content again.

use crate::config::BuildOptions;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{self, SiteGraph};
use crate::routes::Routes;
use crate::theme::Theme;
use crate::{load, published, render, theme, write};
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// How long each stage took.
#[derive(Debug, Default, Clone, Copy)]
pub struct StageTimes {
    pub load: Duration,
    pub resolve: Duration,
    /// The steps of `resolve`.
    pub resolve_steps: graph::ResolveTimes,
    /// Loading the theme and checking the routes.
    pub theme: Duration,
    /// Preparing the render, which renders every study's card and link.
    pub render_setup: Duration,
    /// Rendering and writing run together, page by page; this is their wall time.
    pub render_and_write: Duration,
    /// Time spent rendering, summed over threads.
    pub render: Duration,
    /// Time spent writing files, summed over threads.
    pub write: Duration,
    /// The search index's terms: their count and build time (part of `render`).
    pub search_index: render::SearchIndexStats,
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
    /// The resolved graph, when the build was asked to keep it (`BuildOptions::keep_graph`).
    pub graph: Option<SiteGraph>,
}

/// Why a build failed: every error and warning found, sorted by file and line.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

/// A site read, resolved and checked, with its theme: ready to render.
pub struct Site {
    pub graph: SiteGraph,
    pub theme: Theme,
    /// The site in each of its other languages, with the theme in that language
    /// ([`graph::views`]); empty on a site in one language.
    pub views: Vec<(SiteGraph, Theme)>,
}

impl Site {
    /// The route layer of this site.
    pub fn routes(&self) -> Routes<'_> {
        Routes::new(&self.graph, self.theme.static_names())
    }

    /// The route layer of every language of the site: the default first, then each other.
    pub fn all_routes(&self) -> Vec<Routes<'_>> {
        let mut all = vec![self.routes()];
        all.extend(
            self.views
                .iter()
                .map(|(view, theme)| Routes::new(view, theme.static_names())),
        );
        all
    }

    /// The render of this site (the site is kept: it can render again after an edit).
    pub fn render(&self) -> Result<render::SiteRender<'_>, Vec<Diagnostic>> {
        render::SiteRender::new(self.routes(), self.theme.clone())
    }

    /// The render of every language of the site: the default first, then each other.
    pub fn render_all(&self) -> Result<render::Renders<'_>, Vec<Diagnostic>> {
        let themes = std::iter::once(&self.theme).chain(self.views.iter().map(|(_, t)| t));
        // Each language's cards and list of routes are made on their own, in parallel.
        let languages: Vec<(Routes, &Theme)> = self.all_routes().into_iter().zip(themes).collect();
        let mut renders: Vec<render::SiteRender> = languages
            .into_par_iter()
            .map(|(routes, theme)| render::SiteRender::new(routes, theme.clone()))
            .collect::<Result<_, _>>()?;
        if let Some((default, others)) = renders.split_first_mut() {
            for render in others {
                render.read_default_terms(default);
            }
        }
        Ok(render::Renders(renders))
    }

    /// The content this site was resolved from, sharing its items (see [`SiteGraph::content`]).
    pub fn content(&self) -> load::Content {
        self.graph.content()
    }
}

/// Resolves content again after an edit ([`load::load_file`], then `Content::insert` or
/// `Content::remove`) and checks it with `theme`, as [`check`] does after loading.
pub fn resolve_site(
    content: load::Content,
    theme: Option<Theme>,
) -> Result<(Site, Vec<Diagnostic>), BuildFailure> {
    let root = content.root.clone();
    finish_check(
        content,
        theme,
        Diagnostics::new(),
        &root,
        &mut StageTimes::default(),
    )
}

/// Loads and resolves the site, loads its theme and checks its routes, without rendering or
/// writing anything.
pub fn check(options: &BuildOptions) -> Result<(Site, Vec<Diagnostic>), BuildFailure> {
    let mut times = StageTimes::default();
    check_timed(options, &mut times).map(|(site, warnings, _)| (site, warnings))
}

/// The site's list of published addresses and the addresses this build produces.
struct Published {
    listed: Vec<published::Listed>,
    produced: std::collections::BTreeSet<String>,
}

fn check_timed(
    options: &BuildOptions,
    times: &mut StageTimes,
) -> Result<(Site, Vec<Diagnostic>, Option<Published>), BuildFailure> {
    let t = Instant::now();
    let loaded = load::load(options);
    times.load = t.elapsed();
    // Even when some files could not be read, the rest is resolved, so that one run reports every
    // file's problems; what follows only from a missing file is not reported (`Content::failed`).
    let (site, warnings) = finish_check(
        loaded.content,
        None,
        loaded.diagnostics,
        &options.root,
        times,
    )?;
    if !options.guard_published {
        return Ok((site, warnings, None));
    }
    let fail = |errors: Vec<Diagnostic>| {
        let mut all = Diagnostics::new();
        all.extend(warnings.iter().cloned());
        all.extend(errors);
        BuildFailure {
            diagnostics: all.sorted(),
        }
    };
    let (listed, source) = match &options.against {
        Some(older) => (
            published::read_against(older, &site.graph.config.base_url).map_err(fail)?,
            older.clone(),
        ),
        None => match published::read_list(&options.root).map_err(fail)? {
            Some(listed) => (listed, published::LIST_FILE.into()),
            None => return Ok((site, warnings, None)),
        },
    };
    let all = site.all_routes();
    let produced = published::produced(&all);
    let removed = published::removed(&all, &listed, &produced, &options.output_dir(), &source);
    drop(all);
    if !removed.is_empty() {
        return Err(fail(removed));
    }
    // An older build's addresses are compared, not recorded.
    let published = options
        .against
        .is_none()
        .then_some(Published { listed, produced });
    Ok((site, warnings, published))
}

/// Resolves loaded content, loads the theme (unless given) and checks the routes.
fn finish_check(
    content: load::Content,
    theme: Option<Theme>,
    mut diagnostics: Diagnostics,
    root: &std::path::Path,
    times: &mut StageTimes,
) -> Result<(Site, Vec<Diagnostic>), BuildFailure> {
    let t = Instant::now();
    let resolved = graph::resolve(content);
    times.resolve = t.elapsed();
    times.resolve_steps = resolved.times;
    let mut later = resolved.diagnostics;
    let graph = resolved.graph;

    let t = Instant::now();
    let theme = match theme {
        Some(theme) => Some(theme),
        None => theme::load_theme(&graph.root, &graph.config, &mut later),
    };
    let mut views = Vec::new();
    if let Some(theme) = &theme {
        views = language_views(&graph, theme, &mut later);
        // Each language's routes are checked on their own (the checks share no state).
        let graphs: Vec<(&SiteGraph, &Theme)> = std::iter::once((&graph, theme))
            .chain(views.iter().map(|(v, t)| (v, t)))
            .collect();
        let checked: Vec<Vec<Diagnostic>> = graphs
            .par_iter()
            .map(|(g, t)| {
                Routes::new(g, t.static_names())
                    .check()
                    .into_iter()
                    .collect()
            })
            .collect();
        let mut found: Vec<Diagnostic> = Vec::new();
        for d in checked.into_iter().flatten() {
            if !found.contains(&d) {
                found.push(d);
            }
        }
        later.extend(found);
    }
    times.theme = t.elapsed();
    later.quote_lines(root);
    diagnostics.extend(later);
    match theme {
        Some(theme) if !diagnostics.has_errors() => Ok((
            Site {
                graph,
                theme,
                views,
            },
            diagnostics.sorted(),
        )),
        _ => Err(BuildFailure {
            diagnostics: diagnostics.sorted(),
        }),
    }
}

/// The site in each language other than the default, with the theme in that language (the
/// views are made in parallel: each is a copy of the whole graph).
fn language_views(g: &SiteGraph, theme: &Theme, d: &mut Diagnostics) -> Vec<(SiteGraph, Theme)> {
    let codes: Vec<&str> = (g.config.languages.iter().skip(1))
        .map(|l| l.language.code.as_str())
        .collect();
    let themes: Vec<Theme> = codes
        .iter()
        .map(|code| theme.for_language(&g.root, &g.config, code, d))
        .collect();
    let views: Vec<SiteGraph> = codes
        .par_iter()
        .map(|code| graph::views::language_view(g, code))
        .collect();
    views.into_iter().zip(themes).collect()
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
    let (site, mut warnings, published) = check_timed(options, &mut times)?;
    let fail = |extra: Vec<Diagnostic>| -> BuildFailure {
        let mut all = Diagnostics::new();
        all.extend(warnings.iter().cloned());
        all.extend(extra);
        BuildFailure {
            diagnostics: all.sorted(),
        }
    };

    let t = Instant::now();
    let renders = site.render_all().map_err(fail)?;
    times.render_setup = t.elapsed();
    let t = Instant::now();
    let written =
        write::write(&renders, &out_dir, &options.root, options.defer_removal).map_err(fail)?;
    times.render_and_write = t.elapsed();
    // A build with drafts shows work in progress: its addresses are not published.
    if let Some(p) = published.filter(|_| !options.drafts) {
        if let Err(e) = published::record(&options.root, &p.listed, &p.produced) {
            warnings.push(
                Diagnostic::warning(
                    published::LIST_FILE,
                    format!("cannot add the new addresses to the list: {e}"),
                )
                .with_code(crate::diagnostics::code::OUTPUT),
            );
        }
    }
    times.render = written.produce_time;
    times.write = written.write_time;
    times.search_index = renders.search_index_stats().unwrap_or_default();
    let pages = renders.page_count();
    drop(renders);
    let Site { graph, views, .. } = site;
    std::thread::spawn(move || drop(views));
    let (studies, cities) = (graph.studies.len(), graph.cities.len());
    let graph = if options.keep_graph {
        Some(graph)
    } else {
        // Freeing the graph (hundreds of thousands of small allocations) takes a noticeable
        // moment; nobody needs to wait for it.
        std::thread::spawn(move || drop(graph));
        None
    };
    Ok(BuildReport {
        diagnostics: warnings,
        studies,
        cities,
        pages,
        files: written.files,
        bytes: written.bytes,
        times,
        old_output: written.old_output,
        graph,
    })
}
