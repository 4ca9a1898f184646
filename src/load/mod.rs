//! Stage 1, load: `load(&BuildOptions) -> Loaded` reads `site.yaml` and every file under
//! `content/` into typed values (case studies, city profiles, free pages), in parallel.
//!
//! Nothing here knows about other files: cities named by a study are kept as written, links are
//! kept as written. Resolving them is the next stage's work (`graph`).

pub mod frontmatter;
pub mod markdown;
pub mod site_config;
pub mod tape;

use crate::config::{BuildOptions, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::text::{is_slug, slugify, Date};
use frontmatter::{Fields, Node, Value};
use markdown::Document;
use rayon::prelude::*;
use site_config::load_site_config;
use std::path::{Path, PathBuf};

/// Everything read from disk, before any cross-file resolution.
#[derive(Debug)]
pub struct Content {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub studies: Vec<CaseStudy>,
    pub cities: Vec<CityProfile>,
    pub pages: Vec<Page>,
}

/// The outcome of loading: the content (possibly partial) and every problem found.
pub struct Loaded {
    pub content: Content,
    pub diagnostics: Diagnostics,
}

/// A content file as read: its text is needed only while the file is parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/case-studies/khon-kaen.md`.
    pub path: PathBuf,
    /// The normalised text (no BOM, LF line endings).
    pub text: String,
}

/// Where a loaded item came from. Its text is not kept (it would double the memory a large site
/// needs); diagnostics made later quote their line by reading the file again
/// ([`crate::diagnostics::Diagnostics::quote_lines`]).
#[derive(Debug, Clone)]
pub struct Origin {
    /// Relative to the site root, e.g. `content/case-studies/khon-kaen.md`.
    pub path: PathBuf,
}

/// A name written in front matter, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Position,
}

#[derive(Debug)]
pub struct CaseStudy {
    pub source: Origin,
    pub slug: String,
    pub title: String,
    pub date: Date,
    /// As written; the first is the primary city.
    pub cities: Vec<Spanned<String>>,
    pub country: Option<Spanned<String>>,
    pub summary: Option<String>,
    pub topics: Vec<String>,
    pub related: Vec<Spanned<String>>,
    pub draft: bool,
    pub autolink: bool,
    pub fast_facts: Vec<FastFact>,
    pub sources: Vec<SourceRef>,
    pub doc: Document,
    /// Files beside `index.md` in a bundle folder, relative to that folder.
    pub assets: Vec<PathBuf>,
    pub bundle_dir: Option<PathBuf>,
}

#[derive(Debug)]
pub struct CityProfile {
    pub source: Origin,
    pub slug: String,
    pub name: Spanned<String>,
    pub country: String,
    pub region: Option<String>,
    pub aliases: Vec<Spanned<String>>,
    pub coordinates: Option<(f64, f64)>,
    pub fast_facts: Vec<FastFact>,
    pub partners: Vec<Spanned<String>>,
    pub summary: Option<String>,
    pub autolink: bool,
    pub doc: Document,
}

#[derive(Debug)]
pub struct Page {
    pub source: Origin,
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub autolink: bool,
    pub doc: Document,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FastFact {
    pub key: String,
    pub value: FactValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Text(String),
    Population(u64),
    AreaKm2(f64),
    Year(u16),
    /// Markdown strings, shown as bullets.
    List(Vec<String>),
}

/// An entry of `sources:`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceRef {
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
}

/// Which kind of content a file under `content/` is, by its folder.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Study,
    City,
    Page,
}

struct Found {
    kind: Kind,
    path: PathBuf,
    bundle_dir: Option<PathBuf>,
}

/// Reads the site at `options.root`.
pub fn load(options: &BuildOptions) -> Loaded {
    let root = options.root.clone();
    let mut diagnostics = Diagnostics::new();
    let config = load_site_config(&root, &mut diagnostics);
    let mut config = config;
    if let Some(url) = &options.base_url {
        config.set_base_url(url);
    }

    let found = discover(&root, &mut diagnostics);
    enum Item {
        Study(CaseStudy),
        City(CityProfile),
        Page(Page),
    }
    let results: Vec<(Option<Item>, Diagnostics)> = found
        .par_iter()
        .map(|f| {
            let mut d = Diagnostics::new();
            let rel = f.path.strip_prefix(&root).unwrap_or(&f.path).to_path_buf();
            let text = match std::fs::read(&f.path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(e) => {
                        let valid = e.utf8_error().valid_up_to();
                        let bytes = e.into_bytes();
                        let before = String::from_utf8_lossy(&bytes[..valid]);
                        let line = before.matches('\n').count() + 1;
                        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                        d.push(
                            Diagnostic::error(&rel, "this file is not valid UTF-8 text")
                                .at(&before, Position::new(line, col))
                                .with_hint("save the file as UTF-8 in your editor"),
                        );
                        return (None, d);
                    }
                },
                Err(e) => {
                    d.push(Diagnostic::error(
                        &rel,
                        format!("cannot read this file: {e}"),
                    ));
                    return (None, d);
                }
            };
            let source = SourceFile {
                path: rel,
                text: crate::text::normalize_source(text),
            };
            let item = match f.kind {
                Kind::Study => load_study(source, f, &config, &mut d).map(Item::Study),
                Kind::City => load_city(source, &config, &mut d).map(Item::City),
                Kind::Page => load_page(source, &config, &mut d).map(Item::Page),
            };
            (item, d)
        })
        .collect();

    let mut content = Content {
        root,
        config,
        studies: Vec::new(),
        cities: Vec::new(),
        pages: Vec::new(),
    };
    for (item, d) in results {
        diagnostics.extend(d);
        match item {
            Some(Item::Study(s)) if s.draft && !options.drafts => {}
            Some(Item::Study(s)) => content.studies.push(s),
            Some(Item::City(c)) => content.cities.push(c),
            Some(Item::Page(p)) => content.pages.push(p),
            None => {}
        }
    }
    Loaded {
        content,
        diagnostics,
    }
}

/// Finds the content files, sorted by path so that every later order is deterministic.
fn discover(root: &Path, diagnostics: &mut Diagnostics) -> Vec<Found> {
    let content = root.join("content");
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error("content", "the site has no `content/` folder").with_hint(
                "create content/case-studies/ and put a Markdown file per case study in it",
            ),
        );
        return Vec::new();
    }
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden_or_temporary(e.file_name().to_str().unwrap_or("")));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf());
                diagnostics.push(Diagnostic::error(
                    path.unwrap_or_else(|| "content".into()),
                    format!("cannot read this folder: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let rel = path.strip_prefix(&content).unwrap_or(path);
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let is_md = path.extension().is_some_and(|e| e == "md");
        let kind = match parts.first().copied() {
            Some("case-studies") => Kind::Study,
            Some("cities") => Kind::City,
            Some("pages") => Kind::Page,
            _ => {
                diagnostics.push(
                    Diagnostic::warning(path.strip_prefix(root).unwrap_or(path), "this file is not in a known content folder and is ignored")
                        .with_hint("case studies go in content/case-studies/, city profiles in content/cities/, pages in content/pages/"),
                );
                continue;
            }
        };
        match (kind, parts.len(), is_md) {
            (_, 2, true) => found.push(Found {
                kind,
                path: path.to_path_buf(),
                bundle_dir: None,
            }),
            (Kind::Study, 3, true) if parts[2] == "index.md" => found.push(Found {
                kind,
                path: path.to_path_buf(),
                bundle_dir: path.parent().map(Path::to_path_buf),
            }),
            // Files beside a bundle's index.md are its assets, gathered with the bundle.
            (Kind::Study, n, _) if n >= 3 && path_has_bundle_index(&content, &parts) => {}
            _ => diagnostics.push(
                Diagnostic::warning(
                    path.strip_prefix(root).unwrap_or(path),
                    "this file is ignored",
                )
                .with_hint("write `<slug>.md`, or `<slug>/index.md` with images beside it"),
            ),
        }
    }
    found
}

fn path_has_bundle_index(content: &Path, parts: &[&str]) -> bool {
    content
        .join(parts[0])
        .join(parts[1])
        .join("index.md")
        .is_file()
}

fn is_hidden_or_temporary(name: &str) -> bool {
    (name.starts_with('.') && name != ".") || name.ends_with('~') || name.ends_with(".swp")
}

/// Front matter and body of one file, or `None` after recording why not.
fn parse_file(source: &SourceFile, d: &mut Diagnostics) -> Option<(Node, usize, usize)> {
    let split = match frontmatter::split(&source.text, &source.path) {
        Ok(s) => s,
        Err(e) => {
            d.push(e);
            return None;
        }
    };
    match frontmatter::parse_yaml(
        split.yaml,
        split.yaml_first_line,
        &source.text,
        &source.path,
    ) {
        Ok(node) => {
            let body_start = source.text.len() - split.body.len();
            Some((node, body_start, split.body_first_line))
        }
        Err(e) => {
            d.push(e);
            None
        }
    }
}

/// The Markdown body of a file, which starts at byte `start` and line `first_line`.
fn parse_body(
    source: &SourceFile,
    start: usize,
    first_line: usize,
    config: &SiteConfig,
    d: &mut Diagnostics,
) -> Document {
    markdown::parse(
        &source.text[start..],
        first_line,
        &source.text,
        &source.path,
        &config.sections,
        d,
    )
}

/// Names as written, with their positions.
fn spanned(items: Vec<(String, Position)>) -> Vec<Spanned<String>> {
    items
        .into_iter()
        .map(|(value, pos)| Spanned { value, pos })
        .collect()
}

fn slug_for(f: &mut Fields, fallback_name: &str) -> String {
    if let Some((slug, pos)) = f.located_text("slug", "my-case-study") {
        if is_slug(&slug) {
            return slug;
        }
        f.error(
            pos,
            format!("`slug` must be lowercase letters, digits and `-`: `{slug}`"),
            format!("write it like `slug: {}`", slugify(&slug)),
        );
    }
    slugify(fallback_name)
}

fn file_stem_name(path: &Path, bundle: bool) -> String {
    let p = if bundle {
        path.parent().unwrap_or(path)
    } else {
        path
    };
    let name = if bundle { p.file_name() } else { p.file_stem() };
    name.and_then(|n| n.to_str())
        .unwrap_or("untitled")
        .to_string()
}

fn load_study(
    source: SourceFile,
    found: &Found,
    config: &SiteConfig,
    d: &mut Diagnostics,
) -> Option<CaseStudy> {
    let (node, body_start, body_line) = parse_file(&source, d)?;
    let errors_before = d.error_count();
    let mut f = Fields::new(&node, &source.text, &source.path, d);
    let title = f.required_text("title", "Citizen Awareness of the Smart City");
    let date = f.required_date("date");
    let mut cities = f.text_list("cities", "Khon Kaen, Phuket");
    if let Some((city, pos)) = f.located_text("city", "Khon Kaen") {
        if !cities.is_empty() {
            f.warning(
                pos,
                "both `city` and `cities` are given; `city` is put first",
                "use one of them",
            );
        }
        cities.insert(0, (city, pos));
    }
    if cities.is_empty() {
        let at = Position::new(1, 1);
        f.error(
            at,
            "a case study needs a city: the required field `city` is missing",
            "add `city: Khon Kaen`, or `cities: [Phuket, Chiang Mai]` for a study of several cities",
        );
    }
    let country = f.located_text("country", "Thailand");
    let summary = f.text("summary", "One sentence about the study");
    let topics = f
        .text_list("topics", "smart city, mobility")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let related = f.text_list("related", "other-study-slug");
    let draft = f.bool("draft").unwrap_or(false);
    let autolink = f.bool("autolink").unwrap_or(true);
    let fast_facts = f
        .get("fast_facts")
        .map(|n| read_fast_facts(n, &mut f))
        .unwrap_or_default();
    let sources = f
        .get("sources")
        .map(|n| read_sources(n, &mut f))
        .unwrap_or_default();
    let slug = slug_for(
        &mut f,
        &file_stem_name(&source.path, found.bundle_dir.is_some()),
    );
    f.finish();
    let doc = parse_body(&source, body_start, body_line, config, d);
    let assets = found
        .bundle_dir
        .as_deref()
        .map(bundle_assets)
        .unwrap_or_default();
    if d.error_count() > errors_before {
        return None;
    }
    Some(CaseStudy {
        slug,
        title: title?,
        date: date?,
        cities: spanned(cities),
        country: country.map(|(value, pos)| Spanned { value, pos }),
        summary,
        topics,
        related: spanned(related),
        draft,
        autolink,
        fast_facts,
        sources,
        doc,
        assets,
        bundle_dir: found.bundle_dir.clone(),
        source: Origin { path: source.path },
    })
}

fn bundle_assets(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden_or_temporary(e.file_name().to_str().unwrap_or("")))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_none_or(|x| x != "md"))
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}

fn load_city(source: SourceFile, config: &SiteConfig, d: &mut Diagnostics) -> Option<CityProfile> {
    let (node, body_start, body_line) = parse_file(&source, d)?;
    let errors_before = d.error_count();
    let mut f = Fields::new(&node, &source.text, &source.path, d);
    let name = f.get("name").map(|n| n.pos);
    let name = f.required_text("name", "Khon Kaen").zip(name);
    let country = f.required_text("country", "Thailand");
    let region = f.text("region", "Northeastern Thailand");
    let aliases = f.text_list("aliases", "Kon Kaen");
    let coordinates = f
        .get("coordinates")
        .and_then(|n| read_coordinates(n, &mut f));
    let fast_facts = f
        .get("fast_facts")
        .map(|n| read_fast_facts(n, &mut f))
        .unwrap_or_default();
    let partners = f.text_list("partners", "Busan");
    let summary = f.text("summary", "One sentence about the city");
    let autolink = f.bool("autolink").unwrap_or(true);
    let fallback = name
        .as_ref()
        .map_or_else(|| file_stem_name(&source.path, false), |(n, _)| n.clone());
    let slug = slug_for(&mut f, &fallback);
    f.finish();
    let doc = parse_body(&source, body_start, body_line, config, d);
    if d.error_count() > errors_before {
        return None;
    }
    let (name, name_pos) = name?;
    Some(CityProfile {
        slug,
        name: Spanned {
            value: name,
            pos: name_pos,
        },
        country: country?,
        region,
        aliases: spanned(aliases),
        coordinates,
        fast_facts,
        partners: spanned(partners),
        summary,
        autolink,
        doc,
        source: Origin { path: source.path },
    })
}

fn load_page(source: SourceFile, config: &SiteConfig, d: &mut Diagnostics) -> Option<Page> {
    let (node, body_start, body_line) = parse_file(&source, d)?;
    let errors_before = d.error_count();
    let mut f = Fields::new(&node, &source.text, &source.path, d);
    let title = f.required_text("title", "About this site");
    let summary = f.text("summary", "One sentence about the page");
    let autolink = f.bool("autolink").unwrap_or(true);
    let slug = slug_for(&mut f, &file_stem_name(&source.path, false));
    f.finish();
    let doc = parse_body(&source, body_start, body_line, config, d);
    if d.error_count() > errors_before {
        return None;
    }
    Some(Page {
        slug,
        title: title?,
        summary,
        autolink,
        doc,
        source: Origin { path: source.path },
    })
}

fn read_coordinates(node: &Node, f: &mut Fields) -> Option<(f64, f64)> {
    let number = |n: &Node| match n.value {
        Value::Int(i) => Some(i as f64),
        Value::Float(x) => Some(x),
        _ => None,
    };
    if let Value::Map(entries) = &node.value {
        let get = |k: &str| {
            entries
                .iter()
                .find(|(key, _)| key.name == k)
                .and_then(|(_, v)| number(v))
        };
        if let (Some(lat), Some(lon)) = (get("lat"), get("lon")) {
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
                return Some((lat, lon));
            }
        }
    }
    f.error(
        node.pos,
        "`coordinates` must give `lat` (-90 to 90) and `lon` (-180 to 180) in degrees",
        "write it like `coordinates: {lat: 16.44, lon: 102.83}`",
    );
    None
}

/// Reads `fast_facts:`, keeping the written order and checking the known keys' types.
fn read_fast_facts(node: &Node, f: &mut Fields) -> Vec<FastFact> {
    let Value::Map(entries) = &node.value else {
        f.error(
            node.pos,
            format!(
                "`fast_facts` must be a mapping of fact names to values, but it is {}",
                node.kind()
            ),
            "write `fast_facts:` then indented lines like `  mayor: Thirasak Thikhayuphan`",
        );
        return Vec::new();
    };
    let mut facts = Vec::new();
    for (key, value) in entries {
        if value.value == Value::Null {
            continue;
        }
        let parsed = match key.name.as_str() {
            "population" => whole_number(value).map(FactValue::Population).ok_or((
                "`population` must be a whole number",
                "write it like `population: 147579` (separators such as 147,579 are fine too)",
            )),
            "area_km2" => area(value).map(FactValue::AreaKm2).ok_or((
                "`area_km2` must be a number of square kilometres",
                "write it like `area_km2: 46` (the unit is added on the page)",
            )),
            "signatory_since" => whole_number(value)
                .filter(|y| (1000..=2999).contains(y))
                .map(|y| FactValue::Year(y as u16))
                .ok_or((
                    "`signatory_since` must be a year",
                    "write it like `signatory_since: 2016`",
                )),
            _ => match &value.value {
                Value::Seq(items) => {
                    let texts: Vec<String> = items.iter().filter_map(Node::as_text).collect();
                    if texts.len() == items.len() {
                        Ok(FactValue::List(texts))
                    } else {
                        Err((
                            "every item of this list must be text",
                            "write each item as `- text`",
                        ))
                    }
                }
                Value::Map(_) => Err((
                    "a fast fact must be text, a number or a list",
                    "write it like `mayor: Thirasak Thikhayuphan`",
                )),
                _ if key.name == "notes" => {
                    Ok(FactValue::List(value.as_text().into_iter().collect()))
                }
                _ => value
                    .as_text()
                    .map(FactValue::Text)
                    .ok_or(("this fast fact has no value", "")),
            },
        };
        match parsed {
            Ok(v) => facts.push(FastFact {
                key: key.name.clone(),
                value: v,
            }),
            Err((msg, hint)) => {
                let found = value
                    .as_text()
                    .map_or_else(|| value.kind().to_string(), |t| format!("`{t}`"));
                f.error(value.pos, format!("{msg}, not {found}"), hint);
            }
        }
    }
    facts
}

fn whole_number(node: &Node) -> Option<u64> {
    match &node.value {
        Value::Int(i) => u64::try_from(*i).ok(),
        Value::Str(s) => {
            let digits: String = s
                .chars()
                .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
                .collect();
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.parse().ok()
        }
        _ => None,
    }
}

fn area(node: &Node) -> Option<f64> {
    match &node.value {
        Value::Int(i) if *i >= 0 => Some(*i as f64),
        Value::Float(x) if *x >= 0.0 && x.is_finite() => Some(*x),
        Value::Str(s) => s
            .replace(',', "")
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|x| *x >= 0.0 && x.is_finite()),
        _ => None,
    }
}

fn read_sources(node: &Node, f: &mut Fields) -> Vec<SourceRef> {
    let Value::Seq(items) = &node.value else {
        f.error(
            node.pos,
            "`sources` must be a list",
            "write `sources:` then items like `  - title: Thailand Smart Cities`",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Value::Map(entries) = &item.value else {
            f.error(
                item.pos,
                "each source must have a `title` (and may have `url`, `publisher`, `date`)",
                "write `- title: …` then `  url: https://…` on the next line",
            );
            continue;
        };
        let get = |k: &str| {
            entries
                .iter()
                .find(|(key, _)| key.name == k)
                .and_then(|(_, v)| v.as_text())
        };
        for (key, _) in entries {
            if !["title", "url", "publisher", "date"].contains(&key.name.as_str()) {
                let hint =
                    crate::diagnostics::nearest(&key.name, ["title", "url", "publisher", "date"])
                        .first()
                        .map_or(
                            "a source has `title`, `url`, `publisher` and `date`".to_string(),
                            |s| format!("did you mean `{s}`?"),
                        );
                f.warning(
                    key.pos,
                    format!("unknown key `{}` in a source is ignored", key.name),
                    hint,
                );
            }
        }
        match get("title") {
            Some(title) => out.push(SourceRef {
                title,
                url: get("url"),
                publisher: get("publisher"),
                date: get("date"),
            }),
            None => f.error(
                item.pos,
                "this source has no `title`",
                "add `title: …` to the source",
            ),
        }
    }
    out
}
