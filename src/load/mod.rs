//! Stage 1, load: `load(&BuildOptions) -> Loaded` reads `site.yaml` and every file under
//! `content/` into typed values (case studies, city profiles, free pages), in parallel.
//!
//! Nothing here knows about other files: cities named by a study are kept as written, links are
//! kept as written. Resolving them is the next stage's work (`graph`). [`load_file`] reads one
//! file on its own, for rebuilding after an edit.

pub mod content;
pub mod frontmatter;
mod items;
pub mod markdown;
pub mod raw_html;
pub mod schema;
pub mod site_config;
mod source;
pub mod tape;

pub use content::*;

use crate::config::{BuildOptions, SiteConfig};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{self, Ignored, Kind, Placed};
use items::SourceFile;
use rayon::prelude::*;
use site_config::load_site_config;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything read from disk, before any cross-file resolution.
///
/// Items are shared (`Arc`): a graph resolved from this content holds the same items, so the
/// content of a built site can be taken back out of its graph ([`crate::graph::SiteGraph::content`]),
/// one file replaced, and the site resolved again without copying the rest.
#[derive(Debug, Clone)]
pub struct Content {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub studies: Vec<Arc<CaseStudy>>,
    pub cities: Vec<Arc<CityProfile>>,
    pub pages: Vec<Arc<Page>>,
    /// Content files that could not be read (their errors are reported). Resolving goes on
    /// without them, and does not report what follows only from their absence.
    pub failed: Vec<PathBuf>,
    /// Studies left out because they are drafts: a link to one is reported as such.
    pub drafts: Vec<Draft>,
}

/// A case study marked `draft: true`, left out of a build without `--drafts`.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub path: PathBuf,
    pub slug: String,
}

/// The outcome of loading: the content (possibly partial) and every problem found.
pub struct Loaded {
    pub content: Content,
    pub diagnostics: Diagnostics,
}

/// One loaded content file.
#[derive(Debug)]
pub enum Item {
    Study(CaseStudy),
    City(CityProfile),
    Page(Page),
}

impl Item {
    fn source(&self) -> &Path {
        match self {
            Item::Study(s) => &s.source.path,
            Item::City(c) => &c.source.path,
            Item::Page(p) => &p.source.path,
        }
    }
}

impl Content {
    /// Removes the item read from `path` (relative to the site root), if there is one.
    pub fn remove(&mut self, path: &Path) {
        self.failed.retain(|f| f != path);
        self.drafts.retain(|f| f.path != path);
        self.studies.retain(|s| s.source.path != path);
        self.cities.retain(|c| c.source.path != path);
        self.pages.retain(|p| p.source.path != path);
    }

    /// Adds `item`, replacing the item read from the same file. Drafts are left out unless
    /// `drafts` is set, as [`load`] does.
    pub fn insert(&mut self, item: Item, drafts: bool) {
        self.remove(item.source());
        self.insert_new(item, drafts);
    }

    /// Adds `item`, read from a file no item came from yet.
    fn insert_new(&mut self, item: Item, drafts: bool) {
        match item {
            Item::Study(s) if s.draft && !drafts => self.drafts.push(Draft {
                path: s.source.path.clone(),
                slug: s.slug.clone(),
            }),
            Item::Study(s) => self.studies.push(Arc::new(s)),
            Item::City(c) => self.cities.push(Arc::new(c)),
            Item::Page(p) => self.pages.push(Arc::new(p)),
        }
    }

    /// Sorts every kind by source path, the order [`load`] gives: later stages depend on it
    /// only for which of two conflicting files is reported, but that must not change.
    pub fn sort(&mut self) {
        self.studies
            .sort_by(|a, b| a.source.path.cmp(&b.source.path));
        self.cities
            .sort_by(|a, b| a.source.path.cmp(&b.source.path));
        self.pages.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    }
}

/// A content file to read: its kind, its path (under the site root as given) and, for a study
/// written as `<slug>/index.md`, its bundle folder relative to the site root.
struct Found {
    kind: Kind,
    path: PathBuf,
    bundle_dir: Option<PathBuf>,
}

/// Reads the site at `options.root`.
pub fn load(options: &BuildOptions) -> Loaded {
    let root = options.root.clone();
    let mut diagnostics = Diagnostics::new();
    let mut config = load_site_config(&root, &mut diagnostics);
    if let Some(url) = &options.base_url {
        if !config.set_base_url(url) {
            diagnostics.push(crate::config::bad_base_url_option(url));
        }
    }
    config.relative_links |= options.relative;

    let found = discover(&root, &config.layout(), &mut diagnostics);
    let results: Vec<(Option<Item>, Diagnostics)> = found
        .par_iter()
        .map(|f| read_found(&root, &config, f))
        .collect();
    let failed = found
        .iter()
        .zip(&results)
        .filter(|(_, (item, d))| item.is_none() && d.has_errors())
        .map(|(f, _)| f.path.strip_prefix(&root).unwrap_or(&f.path).to_path_buf())
        .collect();

    let mut content = Content {
        root,
        config,
        studies: Vec::new(),
        cities: Vec::new(),
        pages: Vec::new(),
        failed,
        drafts: Vec::new(),
    };
    for (item, d) in results {
        diagnostics.extend(d);
        if let Some(item) = item {
            content.insert_new(item, options.drafts);
        }
    }
    Loaded {
        content,
        diagnostics,
    }
}

/// Reads one content file, `path` being relative to `root` (`content/case-studies/x.md`).
///
/// Returns `None` (with the reason among the diagnostics) for a file that is not content: one
/// outside the content folders, a file of a bundle, or a file that cannot be read or parsed.
pub fn load_file(root: &Path, config: &SiteConfig, path: &Path) -> (Option<Item>, Diagnostics) {
    let mut d = Diagnostics::new();
    let rel = path.strip_prefix(root).unwrap_or(path);
    match config.layout().place(rel, |p| root.join(p).is_file()) {
        Placed::Content(file) => {
            let found = Found {
                kind: file.kind,
                path: root.join(rel),
                bundle_dir: file.bundle.then(|| root.join(rel.parent().unwrap_or(rel))),
            };
            read_found(root, config, &found)
        }
        Placed::BundleFile { .. } | Placed::Ignored(Ignored::Hidden) => (None, d),
        Placed::Ignored(Ignored::OutsideContent) => {
            d.push(
                Diagnostic::warning(
                    rel,
                    "this file is not in the content folder and is not read",
                )
                .with_code(code::NOT_CONTENT),
            );
            (None, d)
        }
        Placed::Ignored(why) => {
            d.extend(ignored_diagnostic(&why, rel));
            (None, d)
        }
    }
}

/// Reads and parses one found file.
fn read_found(root: &Path, config: &SiteConfig, f: &Found) -> (Option<Item>, Diagnostics) {
    let mut d = Diagnostics::new();
    let rel = f.path.strip_prefix(root).unwrap_or(&f.path).to_path_buf();
    let bytes = match std::fs::read(&f.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            d.push(
                Diagnostic::error(&rel, format!("cannot read this file: {e}"))
                    .with_code(code::UNREADABLE),
            );
            return (None, d);
        }
    };
    let bundle_dir = f
        .bundle_dir
        .as_deref()
        .map(|b| b.strip_prefix(root).unwrap_or(b).to_path_buf());
    let item = parse_bytes(
        root,
        config,
        f.kind,
        rel,
        bundle_dir.as_deref(),
        bytes,
        &mut d,
    );
    (item, d)
}

/// Parses a content file that is not read from disk: `bytes` as the text of `rel` (relative to
/// `root`, such as `content/case-studies/x.md`), exactly as [`load_file`] would parse that file.
/// For text an editor has not saved, and for the fuzz targets. Bundles (`x/index.md`) are not
/// taken: their images are files.
pub fn load_bytes(
    root: &Path,
    config: &SiteConfig,
    rel: &Path,
    bytes: Vec<u8>,
) -> (Option<Item>, Diagnostics) {
    let mut d = Diagnostics::new();
    let kind = match config.layout().place(rel, |_| false) {
        Placed::Content(file) if !file.bundle => file.kind,
        _ => {
            d.push(
                Diagnostic::warning(
                    rel,
                    "this is not the path of a content file and is not read",
                )
                .with_code(code::NOT_CONTENT),
            );
            return (None, d);
        }
    };
    let item = parse_bytes(root, config, kind, rel.to_path_buf(), None, bytes, &mut d);
    (item, d)
}

/// Decodes and parses the bytes of one content file of the given kind.
fn parse_bytes(
    root: &Path,
    config: &SiteConfig,
    kind: Kind,
    rel: PathBuf,
    bundle_dir: Option<&Path>,
    bytes: Vec<u8>,
    d: &mut Diagnostics,
) -> Option<Item> {
    let text = source::text_of(bytes, &rel, d)?;
    let source = SourceFile { path: rel, text };
    match kind {
        Kind::Study => {
            items::load_study(source, None, root, bundle_dir, config, d).map(Item::Study)
        }
        Kind::City => items::load_city(source, None, config, d).map(Item::City),
        Kind::Page => items::load_page(source, None, config, d).map(Item::Page),
    }
}

/// Why a file under `content/` is not read, for the editor; nothing for hidden files.
fn ignored_diagnostic(why: &Ignored, rel: &Path) -> Option<Diagnostic> {
    Some(match why {
        Ignored::Hidden => return None,
        Ignored::OutsideContent | Ignored::UnknownFolder => Diagnostic::warning(rel, "this file is not in a known content folder and is ignored")
            .with_code(code::NOT_CONTENT)
            .with_hint("case studies go in content/case-studies/, city profiles in content/cities/, pages in content/pages/"),
        Ignored::Misplaced => Diagnostic::warning(rel, "this file is ignored")
            .with_code(code::NOT_CONTENT)
            .with_hint("write `<slug>.md`, or `<slug>/index.md` with images beside it"),
        Ignored::UnknownLanguage(code) => Diagnostic::error(rel, format!("`{code}` is not a language of this site, so this file is not read"))
            .with_code(code::NOT_CONTENT)
            .with_hint("add the language to `languages:` in site.yaml, or rename the file"),
    })
}

/// Finds the content files, sorted by path so that every later order is deterministic.
fn discover(root: &Path, layout: &layout::Layout, diagnostics: &mut Diagnostics) -> Vec<Found> {
    let content = root.join(layout::CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error("content", "the site has no `content/` folder")
                .with_code(code::NOT_CONTENT)
                .with_hint(
                    "create content/case-studies/ and put a Markdown file per case study in it",
                ),
        );
        return Vec::new();
    }
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !layout::is_hidden_or_temporary(e.file_name().to_str().unwrap_or("")));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf());
                diagnostics.push(
                    Diagnostic::error(
                        path.unwrap_or_else(|| "content".into()),
                        format!("cannot read this folder: {e}"),
                    )
                    .with_code(code::UNREADABLE),
                );
                continue;
            }
        };
        if entry.path_is_symlink() {
            diagnostics.push(link_warning(
                entry.path().strip_prefix(root).unwrap_or(entry.path()),
            ));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(path);
        match layout.place(rel, |p| root.join(p).is_file()) {
            Placed::Content(file) => found.push(Found {
                kind: file.kind,
                path: path.to_path_buf(),
                bundle_dir: if file.bundle {
                    path.parent().map(Path::to_path_buf)
                } else {
                    None
                },
            }),
            Placed::BundleFile { .. } => {}
            Placed::Ignored(why) => diagnostics.extend(ignored_diagnostic(&why, rel)),
        }
    }
    found
}

/// A link (symlink) inside `content/` is not followed: it could lead outside the site or in a
/// circle. Saying so keeps a linked folder from vanishing without a word.
fn link_warning(rel: &Path) -> Diagnostic {
    Diagnostic::warning(
        rel,
        "this is a link to another place; casebook does not follow links inside the site, so what it points to is not read",
    )
.with_code(code::NOT_CONTENT)
    .with_hint("move or copy the files themselves into the site's folder")
}
