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
mod page_ids;
pub mod raw_html;
pub mod schema;
pub mod site_config;
mod source;
pub mod tape;
mod translation;

pub use content::*;

use crate::config::{BuildOptions, SiteConfig};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{self, ContentFile, Ignored, Kind, Placed, Role};
use items::SourceFile;
use rayon::prelude::*;
use site_config::load_site_config;
use std::collections::HashMap;
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
    /// Translations of studies, city profiles and pages (`x.th.md`), tied to their sources
    /// when the site is resolved.
    pub translations: Vec<Arc<Translation>>,
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
    Translation(Translation),
}

impl Item {
    fn source(&self) -> &Path {
        match self {
            Item::Study(s) => &s.source.path,
            Item::City(c) => &c.source.path,
            Item::Page(p) => &p.source.path,
            Item::Translation(t) => &t.source.path,
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
        self.translations.retain(|t| t.source.path != path);
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
            Item::Translation(t) => self.translations.push(Arc::new(t)),
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
        self.translations
            .sort_by(|a, b| a.source.path.cmp(&b.source.path));
    }
}

/// A content file to read: what its path says it is, its role among its item's files, its
/// path (under the site root as given) and, for a study written as `<slug>/index.md`, its bundle
/// folder.
struct Found {
    file: ContentFile,
    role: Role,
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
        translations: Vec::new(),
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
    let layout = config.layout();
    match layout.place(rel, |p| root.join(p).is_file()) {
        Placed::Content(file) => {
            let has = |language: Option<&str>| {
                [false, true].into_iter().any(|bundle| {
                    let path = layout::Layout::file_of(file.kind, &file.name, bundle, language);
                    root.join(path).is_file()
                })
            };
            let found = Found {
                role: layout.role(&file, has),
                bundle_dir: file.bundle.then(|| root.join(rel.parent().unwrap_or(rel))),
                file,
                path: root.join(rel),
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
            d.extend(ignored_diagnostic(&why, rel, &layout));
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
        (&f.file, f.role),
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
    let layout = config.layout();
    let file = match layout.place(rel, |_| false) {
        Placed::Content(file) if !file.bundle => file,
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
    let has = |language: Option<&str>| {
        root.join(layout::Layout::file_of(
            file.kind, &file.name, false, language,
        ))
        .is_file()
    };
    let role = layout.role(&file, has);
    let item = parse_bytes(
        root,
        config,
        (&file, role),
        rel.to_path_buf(),
        None,
        bytes,
        &mut d,
    );
    (item, d)
}

/// Decodes and parses the bytes of one content file of the given kind.
fn parse_bytes(
    root: &Path,
    config: &SiteConfig,
    (file, role): (&ContentFile, Role),
    rel: PathBuf,
    bundle_dir: Option<&Path>,
    bytes: Vec<u8>,
    d: &mut Diagnostics,
) -> Option<Item> {
    let text = source::text_of(bytes, &rel, d)?;
    let source = SourceFile { path: rel, text };
    let language = file.language.clone();
    // A stamped translation whose source is gone is still read as a translation, so that the
    // site reports the missing source instead of the source's fields it lacks.
    let role = match (role, &language) {
        (Role::Source, Some(_)) if has_stamp(&source.text) => Role::Translation,
        _ => role,
    };
    match (role, file.kind) {
        (Role::Translation, kind) => {
            let of = translation::Of {
                kind,
                language: language.unwrap_or_default(),
                name: file.name.clone(),
            };
            translation::load_translation(source, of, config, d).map(Item::Translation)
        }
        (Role::Source, Kind::Study) => {
            items::load_study(source, file, root, bundle_dir, config, d).map(Item::Study)
        }
        (Role::Source, Kind::City) => items::load_city(source, file, config, d).map(Item::City),
        (Role::Source, Kind::Page) => items::load_page(source, file, config, d).map(Item::Page),
    }
}

/// Whether a file's front matter has a `translated_from:` stamp (at the start of a line).
fn has_stamp(text: &str) -> bool {
    text.lines()
        .skip(1)
        .take_while(|l| l.trim_end() != "---")
        .any(|l| l.starts_with("translated_from:"))
}

/// Why a file under `content/` is not read, for the editor; nothing for hidden files.
fn ignored_diagnostic(why: &Ignored, rel: &Path, layout: &layout::Layout) -> Option<Diagnostic> {
    Some(match why {
        Ignored::Hidden => return None,
        Ignored::OutsideContent | Ignored::UnknownFolder => Diagnostic::warning(rel, "this file is not in a known content folder and is ignored")
            .with_code(code::NOT_CONTENT)
            .with_hint("case studies go in content/case-studies/, city profiles in content/cities/, pages in content/pages/"),
        Ignored::Misplaced => Diagnostic::warning(rel, "this file is ignored")
            .with_code(code::NOT_CONTENT)
            .with_hint("write `<slug>.md`, or `<slug>/index.md` with images beside it"),
        Ignored::UnknownLanguage(language) if layout.default_code() == Some(language.as_str()) => {
            Diagnostic::error(rel, format!("`{language}` is the site's default language, which file names do not carry, so this file is not read"))
                .with_code(code::UNKNOWN_LANGUAGE)
                .at_position(crate::diagnostics::Position::new(1, 1))
                .with_hint("name it without the code: `x.md` is the default language's file")
        }
        Ignored::UnknownLanguage(language) => {
            let codes = layout.translation_codes();
            let near = crate::diagnostics::nearest(language, codes.iter().map(String::as_str));
            let known = codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
            let hint = match near.first() {
                Some(n) => format!("did you mean `.{n}.md`? The site's other languages are {known}; add a language to `languages:` in site.yaml"),
                None => format!("the site's other languages are {known}; add `{language}` to `languages:` in site.yaml, or rename the file"),
            };
            Diagnostic::error(rel, format!("`{language}` is not a language of this site, so this file is not read"))
                .with_code(code::UNKNOWN_LANGUAGE)
                .at_position(crate::diagnostics::Position::new(1, 1))
                .with_hint(hint)
        }
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
                role: Role::Source,
                bundle_dir: if file.bundle {
                    path.parent().map(Path::to_path_buf)
                } else {
                    None
                },
                file,
                path: path.to_path_buf(),
            }),
            Placed::BundleFile { .. } => {}
            Placed::Ignored(why) => diagnostics.extend(ignored_diagnostic(&why, rel, layout)),
        }
    }
    assign_roles(root, layout, &mut found, diagnostics);
    found
}

/// Decides which file of each item is its source and which are translations, and reports two
/// files for one translation (`x.th.md` and `x/index.th.md`), keeping the first.
fn assign_roles(root: &Path, layout: &layout::Layout, found: &mut Vec<Found>, d: &mut Diagnostics) {
    if layout.translation_codes().is_empty() {
        return;
    }
    let mut first: HashMap<(Kind, String, Option<String>), PathBuf> = HashMap::new();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    found.retain(|f| {
        let key = (f.file.kind, f.file.name.clone(), f.file.language.clone());
        match first.get(&key) {
            Some(earlier) if key.2.is_some() => {
                d.push(
                    Diagnostic::error(rel(&f.path), format!("this is a second file for the same translation as `{}`", rel(earlier).display()))
                        .with_code(code::TRANSLATION)
                        .at_position(crate::diagnostics::Position::new(1, 1))
                        .with_hint("keep one of them: `x.th.md` beside `x.md`, or `x/index.th.md` inside the study's folder"),
                );
                false
            }
            Some(_) => true,
            None => {
                first.insert(key, f.path.clone());
                true
            }
        }
    });
    for f in found.iter_mut() {
        let (kind, name) = (f.file.kind, f.file.name.clone());
        f.role = layout.role(&f.file, |language| {
            first.contains_key(&(kind, name.clone(), language.map(str::to_string)))
        });
    }
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
