//! Incremental rebuilds: a site built into memory and kept up to date as its files change, for
//! `casebook serve`.
//!
//! A [`Session`] holds the last good build: the resolved site, every study's rendered card and
//! every output file. [`Session::apply`] takes the files that changed since and brings the build up
//! to date in the cheapest way that gives exactly the bytes of a full build:
//!
//! - **text**: one study whose front matter changed at most in its title and summary. The graph is patched in place
//!   ([`crate::graph::SiteGraph::patch_study_text`]); the pages that show the study (its page, its
//!   card's lists, the cities whose "mentioned in" gained or lost it) and the data files are
//!   rendered again.
//! - **incremental**: other content edits (a title, a city, a new or deleted file). The changed
//!   files are read again, the content resolved again, and [`crate::change::affected`] names the
//!   routes to render again and the files to remove.
//! - **full**: `site.yaml`, the theme, a folder, or anything the first two cannot place.
//!
//! On a site in several languages every content edit (a translation's included) is incremental:
//! each language's view is made again from the resolved site and compared with its view before.
//! An edit re-reads the other files of its item as well, as which of them is the source depends
//! on which exist (deleting `x.md` makes `x.id.md` the source).
//!
//! A failed rebuild keeps the last good build and remembers every file changed since, so the fix
//! of any of them brings the site up to date. HTML pages are rendered first and handed to the
//! caller (who can reload browsers) before the data files, which are larger and rarely looked at
//! while writing.

use crate::change::affected;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{Id, StudyId};
use crate::layout::Placed;
use crate::load::{self, Item};
use crate::pipeline::{BuildFailure, Site};
use crate::render::inputs::Dep;
use crate::render::{route_inputs, Cards, SiteRender};
use crate::routes::{Route, Routes};
use crate::BuildOptions;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The output files of a site: output path (`cities/phuket/index.html`) -> bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// One output file: its path and bytes.
type File = (String, Arc<[u8]>);

/// How a rebuild was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Everything loaded, resolved and rendered.
    Full,
    /// Changed files read again, the site resolved again, the affected routes rendered.
    Incremental,
    /// One study's text replaced in the graph, the pages that show it rendered.
    Text,
}

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    pub method: Method,
    /// Output paths rendered again (HTML pages first, then data files).
    pub rendered: Vec<String>,
    /// Output paths the site no longer has.
    pub removed: Vec<String>,
    /// Warnings (of the changed files, or of the whole site after a full build).
    pub warnings: Vec<Diagnostic>,
    /// From the start of the rebuild until the first pages were ready (see [`PagesReady`]).
    pub pages_time: Duration,
    /// The whole rebuild.
    pub total_time: Duration,
}

/// The pages of the documents edited are ready (or, when none was, every HTML page); the other
/// outputs follow.
pub struct PagesReady<'a> {
    /// Every file of the site, those still pending as before.
    pub files: &'a Arc<Files>,
    /// The outputs being rendered again (serve them only once they are).
    pub pending: &'a [String],
}

/// A site kept in memory between edits.
pub struct Session {
    options: BuildOptions,
    built: Option<Built>,
    /// Files changed since the last good build (all of them are read again on the next rebuild).
    dirty: BTreeSet<PathBuf>,
}

/// The last good build.
struct Built {
    site: Site,
    cards: Option<Cards>,
    files: Arc<Files>,
    /// Set when the graph no longer matches the files (a text patch whose check failed): the
    /// next rebuild is a full one.
    stale: bool,
    /// The routes that show each study, found by the first text edit after a build: a text
    /// edit changes what pages say, never which pages show what, so the next ones reuse it.
    readers: Option<StudyReaders>,
}

/// For each study (by number), the routes whose output shows it: its text or its card.
struct StudyReaders(Vec<Vec<Route>>);

impl StudyReaders {
    fn new(routes: &Routes) -> StudyReaders {
        let g = routes.graph();
        let found: Vec<(Route, Vec<StudyId>)> = routes
            .all()
            .into_par_iter()
            .filter(|&r| {
                !Routes::reads_every_item(r)
                    && !matches!(r, Route::StudyFile(..) | Route::ThemeFile(_))
            })
            .map(|r| {
                let mut shown: Vec<StudyId> = (route_inputs(g, r).deps.iter())
                    .filter_map(|&d| match d {
                        Dep::StudyFile(s) | Dep::StudyCard(s) => Some(s),
                        _ => None,
                    })
                    .collect();
                shown.sort_unstable();
                shown.dedup();
                (r, shown)
            })
            .collect();
        let mut readers = vec![Vec::new(); g.studies.len()];
        for (r, shown) in found {
            for s in shown {
                if let Some(list) = readers.get_mut(s.index()) {
                    list.push(r);
                }
            }
        }
        StudyReaders(readers)
    }
}

impl Session {
    /// A session for the site of `options`, not built yet.
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            built: None,
            dirty: BTreeSet::new(),
        }
    }

    /// The files of the last good build (empty before the first).
    pub fn files(&self) -> Arc<Files> {
        self.built
            .as_ref()
            .map_or_else(Default::default, |b| b.files.clone())
    }

    /// Makes the next rebuild a full one (when which files changed is not known).
    pub fn forget(&mut self) {
        if let Some(b) = &mut self.built {
            b.stale = true;
        }
    }

    /// Builds the whole site into memory.
    pub fn build(&mut self) -> Result<Rebuilt, BuildFailure> {
        self.apply(&[], &mut |_| {})
    }

    /// Brings the build up to date after `changed` (paths relative to the site root, or absolute
    /// paths inside it) were edited, created or deleted. `pages_ready` is called once the HTML
    /// pages are in place, before the data files are rendered. On failure the last good build
    /// stays.
    pub fn apply(
        &mut self,
        changed: &[PathBuf],
        pages_ready: &mut dyn FnMut(PagesReady<'_>),
    ) -> Result<Rebuilt, BuildFailure> {
        let started = Instant::now();
        let root = self.options.root.clone();
        for p in changed {
            self.dirty
                .insert(p.strip_prefix(&root).unwrap_or(p).to_path_buf());
        }
        let dirty: Vec<PathBuf> = self.dirty.iter().cloned().collect();
        let plan = match &self.built {
            Some(b) if !b.stale => plan(&root, &b.site, &dirty),
            _ => Plan::Full,
        };
        let result = match plan {
            Plan::Full => self.full(started, pages_ready),
            Plan::Reload(items, bundle_files) => {
                self.incremental(&dirty, items, bundle_files, started, pages_ready)
            }
        };
        if result.is_ok() {
            self.dirty.clear();
        }
        result
    }

    fn full(
        &mut self,
        started: Instant,
        pages_ready: &mut dyn FnMut(PagesReady<'_>),
    ) -> Result<Rebuilt, BuildFailure> {
        let (site, warnings) = crate::pipeline::check(&self.options)?;
        let old = self.built.as_ref().map(|b| b.files.clone());
        let mut renders = site.render_all().map_err(failure)?;
        let files: Files = crate::write::to_memory(&renders)
            .map_err(failure)?
            .into_iter()
            .map(|(path, bytes)| (path, Arc::from(bytes)))
            .collect();
        let cards = renders.0.swap_remove(0).into_cards();
        let removed = old
            .map(|old| {
                old.keys()
                    .filter(|p| !files.contains_key(*p))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let mut rendered: Vec<String> = files.keys().cloned().collect();
        rendered.sort();
        let files = Arc::new(files);
        let pages_time = started.elapsed();
        pages_ready(PagesReady {
            files: &files,
            pending: &[],
        });
        self.built = Some(Built {
            site,
            cards: Some(cards),
            files,
            stale: false,
            readers: None,
        });
        Ok(Rebuilt {
            method: Method::Full,
            rendered,
            removed,
            warnings,
            pages_time,
            total_time: started.elapsed(),
        })
    }

    fn incremental(
        &mut self,
        dirty: &[PathBuf],
        items: Vec<(PathBuf, bool)>,
        bundle_files: bool,
        started: Instant,
        pages_ready: &mut dyn FnMut(PagesReady<'_>),
    ) -> Result<Rebuilt, BuildFailure> {
        let root = self.options.root.clone();
        let Some(built) = self.built.as_mut() else {
            return self.full(started, pages_ready);
        };
        // Read the changed files first: a file that does not load fails the rebuild here.
        let mut loaded: Vec<(PathBuf, Option<Item>)> = Vec::new();
        let mut problems = Diagnostics::new();
        for (path, exists) in items {
            if !exists {
                loaded.push((path, None));
                continue;
            }
            let (item, d) = load::load_file(&root, &built.site.graph.config, &path);
            let failed = d.has_errors();
            problems.extend(d);
            if failed {
                continue;
            }
            loaded.push((path, item));
        }
        problems.quote_lines(&root);
        if problems.has_errors() {
            return Err(BuildFailure {
                diagnostics: problems.sorted(),
            });
        }
        let warnings = problems.sorted();

        // One study whose text alone changed: patch the graph. (A bundle's other files are
        // copied by the general path; on a site in several languages the views of the graph
        // are made again by it.)
        let drafts = self.options.drafts;
        let one_study = !bundle_files
            && built.site.views.is_empty()
            && matches!(loaded.as_slice(), [(_, Some(Item::Study(s)))] if drafts || !s.draft);
        if one_study {
            if let Some((path, Some(Item::Study(study)))) = loaded.pop() {
                match built.site.graph.patch_study_text(study) {
                    Ok(patch) => return text_rebuild(built, patch, warnings, started, pages_ready),
                    Err(study) => loaded.push((path, Some(Item::Study(study)))),
                }
            }
        }

        let mut content = built.site.content();
        for (path, item) in loaded {
            content.remove(&path);
            if let Some(item) = item {
                content.insert(item, self.options.drafts);
            }
        }
        content.sort();
        let (site, more) = crate::pipeline::resolve_site(content, Some(built.site.theme.clone()))?;
        let (before, after) = (built.site.all_routes(), site.all_routes());
        if before.len() != after.len() {
            return self.full(started, pages_ready);
        }
        // Each language's view of the site is compared with its view before.
        let changes: Vec<_> = before
            .iter()
            .zip(&after)
            .map(|(old, new)| affected(old, new, dirty))
            .collect();
        // (A path one language no longer writes may be another's now.)
        let written: HashSet<String> = after
            .iter()
            .flat_map(|r| r.all().into_iter().map(|route| r.output_path(route)))
            .collect();
        let mut removed: Vec<String> = changes
            .iter()
            .flat_map(|c| c.remove.iter())
            .filter(|p| !written.contains(*p))
            .cloned()
            .collect();
        removed.sort();
        removed.dedup();
        drop((before, after));
        let mut warnings = warnings;
        warnings.extend(more);
        let mut renders = site.render_all().map_err(failure)?;
        let jobs: Vec<(&SiteRender, &[Route])> = renders
            .0
            .iter()
            .zip(&changes)
            .map(|(render, change)| (render, change.render.as_slice()))
            .collect();
        // The pages of the documents edited come first: the reader is most likely on one.
        let edited: Vec<Route> = (dirty.iter())
            .filter_map(|path| site.graph.find_source(path))
            .map(Routes::doc)
            .collect();
        let mut files = built.files.clone();
        let rendered = render_into(&jobs, &edited, &mut files, &removed, started, pages_ready)?;
        drop(jobs);
        let cards = renders.0.swap_remove(0).into_cards();
        drop(renders);
        *built = Built {
            site,
            cards: Some(cards),
            files,
            stale: false,
            readers: None,
        };
        Ok(Rebuilt {
            method: Method::Incremental,
            rendered: rendered.0,
            removed,
            warnings,
            pages_time: rendered.1,
            total_time: started.elapsed(),
        })
    }
}

/// The rebuild after one study's text was patched into the graph.
fn text_rebuild(
    built: &mut Built,
    patch: crate::graph::TextPatch,
    warnings: Vec<Diagnostic>,
    started: Instant,
    pages_ready: &mut dyn FnMut(PagesReady<'_>),
) -> Result<Rebuilt, BuildFailure> {
    let site = &built.site;
    let routes = site.routes();
    // Links written as site addresses are checked by the route layer, over the whole site.
    if patch.site_urls_to_check {
        let mut problems = routes.check();
        problems.quote_lines(&site.graph.root);
        if problems.has_errors() {
            built.stale = true;
            return Err(BuildFailure {
                diagnostics: problems.sorted(),
            });
        }
    }
    // A study mentioned by new cities is shown by their pages from now on.
    if !patch.cities.is_empty() {
        built.readers = None;
    }
    let readers = (built.readers).get_or_insert_with(|| StudyReaders::new(&routes));
    let again = text_routes(&routes, readers, patch.study, &patch.cities);
    let render = match built.cards.take() {
        Some(cards) => SiteRender::reusing(routes, site.theme.clone(), cards, &[patch.study]),
        None => SiteRender::new(routes, site.theme.clone()),
    };
    let render = render.map_err(|d| {
        built.stale = true;
        failure(d)
    })?;
    let mut files = built.files.clone();
    let edited = [Route::Study(patch.study)];
    let result = render_into(
        &[(&render, &again)],
        &edited,
        &mut files,
        &[],
        started,
        pages_ready,
    );
    built.cards = Some(render.into_cards());
    let (rendered, pages_time) = result.inspect_err(|_| built.stale = true)?;
    built.files = files;
    Ok(Rebuilt {
        method: Method::Text,
        rendered,
        removed: Vec::new(),
        warnings,
        pages_time,
        total_time: started.elapsed(),
    })
}

/// The routes whose output shows study `s` (its text or its card: pages and feeds; `readers`),
/// its own page, the pages of `cities`, and the outputs that read every item.
fn text_routes(
    routes: &Routes,
    readers: &StudyReaders,
    s: StudyId,
    cities: &[crate::graph::CityId],
) -> Vec<Route> {
    let mut again: Vec<Route> = (routes.all().into_iter())
        .filter(|&r| Routes::reads_every_item(r))
        .collect();
    again.push(Route::Study(s));
    again.extend(cities.iter().map(|&c| Route::City(c)));
    again.extend(readers.0.get(s.index()).into_iter().flatten().copied());
    // Each once.
    again.sort_unstable();
    again.dedup();
    again
}

/// Renders the routes of each render (one per language) into `files` and removes `remove`: the
/// pages of the documents `edited` first (all HTML pages if none of them is among the routes),
/// then `pages_ready` is called, then the other files (other pages, data files, feeds), which
/// the server holds requests for until they are in. Returns the paths rendered and the time
/// until the first pages were ready.
fn render_into(
    jobs: &[(&SiteRender, &[Route])],
    edited: &[Route],
    files: &mut Arc<Files>,
    remove: &[String],
    started: Instant,
    pages_ready: &mut dyn FnMut(PagesReady<'_>),
) -> Result<(Vec<String>, Duration), BuildFailure> {
    type Job<'a, 'g> = (&'a SiteRender<'g>, Route);
    let all: Vec<Job> = jobs
        .iter()
        .flat_map(|&(render, routes)| routes.iter().map(move |&r| (render, r)))
        .collect();
    let edited_shown = all.iter().any(|(_, r)| edited.contains(r));
    let (pages, others): (Vec<Job>, Vec<Job>) = all.into_iter().partition(|&(_, r)| {
        Routes::template(r).is_some() && (!edited_shown || edited.contains(&r))
    });
    let produce = |routes: &[Job]| -> Result<Vec<File>, BuildFailure> {
        let results: Vec<_> = routes
            .par_iter()
            .map(|&(render, r)| crate::output::output_bytes(render.render(r)?))
            .collect();
        let files = crate::output::all_or_failures(results).map_err(failure)?;
        Ok(files
            .into_iter()
            .map(|(path, bytes)| (path, Arc::from(bytes)))
            .collect())
    };
    let mut rendered = Vec::new();
    let new_pages = produce(&pages)?;
    let map = Arc::make_mut(files);
    for path in remove {
        map.remove(path);
    }
    for (path, bytes) in new_pages {
        rendered.push(path.clone());
        map.insert(path, bytes);
    }
    let pending: Vec<String> = others
        .iter()
        .map(|&(render, r)| render.route_layer().output_path(r))
        .collect();
    let pages_time = started.elapsed();
    pages_ready(PagesReady {
        files,
        pending: &pending,
    });
    let new_data = produce(&others)?;
    let map = Arc::make_mut(files);
    for (path, bytes) in new_data {
        rendered.push(path.clone());
        map.insert(path, bytes);
    }
    Ok((rendered, pages_time))
}

fn failure(diagnostics: Vec<Diagnostic>) -> BuildFailure {
    BuildFailure { diagnostics }
}

/// How to bring a build up to date after the files `dirty` changed.
enum Plan {
    Full,
    /// Content files to read again (path relative to the root, whether it exists now), and
    /// whether files of a bundle other than its `index.md` changed.
    Reload(Vec<(PathBuf, bool)>, bool),
}

/// Places each changed file: a content file to read again, a file of a study's bundle (whose
/// `index.md` is read again, as it lists the bundle's files), or something only a full build
/// handles (`site.yaml`, the theme, a folder, a file in no content folder).
fn plan(root: &Path, site: &Site, dirty: &[PathBuf]) -> Plan {
    let g = &site.graph;
    let bundles: HashSet<&Path> = g
        .studies
        .iter()
        .filter_map(|s| s.study.bundle_dir.as_deref())
        .collect();
    let mut items: Vec<(PathBuf, bool)> = Vec::new();
    let mut bundle_files = false;
    let mut add = |p: PathBuf| {
        if !items.iter().any(|(q, _)| *q == p) {
            let exists = root.join(&p).is_file();
            items.push((p, exists));
        }
    };
    for path in dirty {
        let on_disk = root.join(path);
        if on_disk.is_dir() {
            return Plan::Full;
        }
        // Gone, and never content: an editor's or a tool's temporary file.
        let known = g.find_source(path).is_some()
            || g.is_translation_file(path)
            || g.drafts.iter().any(|d| d.path == *path);
        if !on_disk.exists() && !known && !path.parent().is_some_and(|p| bundles.contains(p)) {
            continue;
        }
        let is_file =
            |p: &Path| root.join(p).is_file() || p.parent().is_some_and(|d| bundles.contains(d));
        let layout = g.config.layout();
        match layout.place(path, is_file) {
            // Its item's other files are read again too: which of them is the source depends
            // on which files the item has.
            Placed::Content(file) => {
                add(path.clone());
                for other in layout.item_files(&file) {
                    if root.join(&other).is_file() {
                        add(other);
                    }
                }
            }
            Placed::BundleFile { index } => {
                bundle_files = true;
                add(index);
            }
            Placed::Ignored(_) => return Plan::Full,
        }
    }
    Plan::Reload(items, bundle_files)
}
