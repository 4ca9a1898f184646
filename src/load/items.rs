//! Reading one content file of each kind: a case study, a city profile, a free page. Each reader
//! takes the file's text and returns the typed item, recording every problem it finds.

use super::content::*;
use super::frontmatter::{self, Fields, Key, Node, Value};
use super::markdown::{self, Document};
use crate::config::SiteConfig;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::layout::{is_hidden_or_temporary, ContentFile};
use crate::text::{is_slug, slugify};
use std::path::{Path, PathBuf};

/// A content file as read: its text is needed only while the file is parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/case-studies/khon-kaen.md`.
    pub path: PathBuf,
    /// The normalised text (no BOM, LF line endings).
    pub text: String,
}

/// Front matter and body of one file, or `None` after recording why not.
pub(super) fn parse_file(source: &SourceFile, d: &mut Diagnostics) -> Option<(Node, usize, usize)> {
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
            frontmatter::check_values(&node, &source.text, &source.path, d);
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
pub(super) fn parse_body(
    source: &SourceFile,
    start: usize,
    first_line: usize,
    config: &SiteConfig,
    d: &mut Diagnostics,
) -> Document {
    markdown::parse(&source.text[start..], first_line, &source.path, config, d)
}

/// Names as written, with their positions.
pub(super) fn spanned(items: Vec<(String, Position)>) -> Vec<Spanned<String>> {
    items
        .into_iter()
        .map(|(value, pos)| Spanned { value, pos })
        .collect()
}

/// The slug of an item and where it was decided: `slug:` if it is written and valid, else the
/// slug of `fallback_name` (the file name, or a city's name). A name that gives no slug (`!!!`)
/// is an error: the page would have no address.
fn slug_for(f: &mut Fields, fallback_name: &str, fallback_at: Position) -> (String, Position) {
    if let Some((slug, pos)) = f.located_text("slug", "my-case-study") {
        if is_slug(&slug) {
            return (slug, pos);
        }
        f.error(
            code::BAD_SLUG,
            pos,
            format!("`slug` must be lowercase letters, digits and `-`: `{slug}`"),
            match slugify(&slug) {
                s if s.is_empty() => "write it like `slug: khon-kaen-light-rail`".to_string(),
                s => format!("write it like `slug: {s}`"),
            },
        );
        return (slugify(&slug), pos);
    }
    let slug = slugify(fallback_name);
    if slug.is_empty() {
        f.error(code::BAD_SLUG,
            fallback_at,
            format!("`{fallback_name}` has no letters or digits, so it gives this page no address"),
            "add a line like `slug: khon-kaen-light-rail` to the front matter (lowercase letters, digits and `-`)",
        );
    }
    (slug, fallback_at)
}

pub(super) fn load_study(
    source: SourceFile,
    file: &ContentFile,
    root: &Path,
    bundle_dir: Option<&Path>,
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
                code::FRONT_MATTER,
                pos,
                "both `city` and `cities` are given; `city` is put first",
                "use one of them",
            );
        }
        cities.insert(0, (city, pos));
    }
    if cities.is_empty() {
        let at = Position::new(1, 1);
        f.error(code::MISSING_FIELD,
            at,
            "a case study needs a city: the required field `city` is missing",
            "add `city: Khon Kaen`, or `cities: [Phuket, Chiang Mai]` for a study of several cities",
        );
    }
    let country = f.located_text("country", "Thailand");
    let summary = f.text("summary", "One sentence about the study");
    let topics = spanned(f.text_list("topics", "smart city, mobility"));
    let related = f.text_list("related", "other-study-slug");
    let draft = f.bool("draft").unwrap_or(false);
    let autolink = f.bool("autolink").unwrap_or(true);
    let fast_facts = f
        .get("fast_facts")
        .map(|n| read_fast_facts(n, &mut f, config))
        .unwrap_or_default();
    let sources = f
        .get("sources")
        .map(|n| read_sources(n, &mut f))
        .unwrap_or_default();
    let redirect_from = read_redirects(&mut f);
    let (slug, slug_at) = slug_for(&mut f, &file.name, Position::new(1, 1));
    f.finish();
    let doc = std::sync::Arc::new(parse_body(&source, body_start, body_line, config, d));
    let assets = bundle_dir
        .map(|dir| bundle_assets(root, dir, d))
        .unwrap_or_default();
    if d.error_count() > errors_before {
        return None;
    }
    Some(CaseStudy {
        language: file.language.clone(),
        slug,
        slug_at,
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
        redirect_from,
        doc,
        assets,
        bundle_dir: bundle_dir.map(Path::to_path_buf),
        source: Origin { path: source.path },
    })
}

/// The files of a bundle folder (`dir`, relative to `root`) other than Markdown, relative to the
/// folder and written with `/`. A file or folder that cannot be read is reported and left out.
fn bundle_assets(root: &Path, dir: &Path, d: &mut Diagnostics) -> Vec<String> {
    let full = root.join(dir);
    let mut assets = Vec::new();
    let walker = walkdir::WalkDir::new(&full)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden_or_temporary(e.file_name().to_str().unwrap_or("")));
    for entry in walker {
        match entry {
            Ok(e) if e.path_is_symlink() => {
                d.push(super::link_warning(
                    e.path().strip_prefix(root).unwrap_or(e.path()),
                ));
            }
            Ok(e) if e.file_type().is_file() && e.path().extension().is_none_or(|x| x != "md") => {
                if let Ok(rel) = e.path().strip_prefix(&full) {
                    assets.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map_or_else(
                    || dir.to_path_buf(),
                    |p| p.strip_prefix(root).unwrap_or(p).to_path_buf(),
                );
                d.push(
                    Diagnostic::warning(
                        path,
                        format!("this file of the bundle cannot be read and is not published: {e}"),
                    )
                    .with_code(code::UNREADABLE)
                    .with_hint("check the file's permissions"),
                );
            }
        }
    }
    assets
}

pub(super) fn load_city(
    source: SourceFile,
    file: &ContentFile,
    config: &SiteConfig,
    d: &mut Diagnostics,
) -> Option<CityProfile> {
    let (node, body_start, body_line) = parse_file(&source, d)?;
    let errors_before = d.error_count();
    let mut f = Fields::new(&node, &source.text, &source.path, d);
    let name = f.get("name").map(|n| n.pos);
    let name = f.required_text("name", "Khon Kaen").zip(name);
    let country_pos = f.get("country").map(|n| n.pos);
    let country = f.required_text("country", "Thailand").zip(country_pos);
    let region = f.text("region", "Northeastern Thailand");
    let aliases = f.text_list("aliases", "Kon Kaen");
    let names = f
        .get("names")
        .map(|n| read_names(n, config, &mut f))
        .unwrap_or_default();
    let coordinates = f
        .get("coordinates")
        .and_then(|n| read_coordinates(n, &mut f));
    let fast_facts = f
        .get("fast_facts")
        .map(|n| read_fast_facts(n, &mut f, config))
        .unwrap_or_default();
    let partners = f.text_list("partners", "Busan");
    let summary = f.text("summary", "One sentence about the city");
    let autolink = f.bool("autolink").unwrap_or(true);
    let redirect_from = read_redirects(&mut f);
    let (fallback, fallback_at) = match &name {
        Some((n, pos)) => (n.clone(), *pos),
        None => (file.name.clone(), Position::new(1, 1)),
    };
    let (slug, slug_at) = slug_for(&mut f, &fallback, fallback_at);
    f.finish();
    let doc = std::sync::Arc::new(parse_body(&source, body_start, body_line, config, d));
    if d.error_count() > errors_before {
        return None;
    }
    let (name, name_pos) = name?;
    let (country, country_pos) = country?;
    Some(CityProfile {
        language: file.language.clone(),
        slug,
        slug_at,
        name: Spanned {
            value: name,
            pos: name_pos,
        },
        country: Spanned {
            value: country,
            pos: country_pos,
        },
        region,
        aliases: spanned(aliases),
        names,
        coordinates,
        fast_facts,
        partners: spanned(partners),
        summary,
        autolink,
        redirect_from,
        doc,
        source: Origin { path: source.path },
    })
}

pub(super) fn load_page(
    source: SourceFile,
    file: &ContentFile,
    config: &SiteConfig,
    d: &mut Diagnostics,
) -> Option<Page> {
    let (node, body_start, body_line) = parse_file(&source, d)?;
    let errors_before = d.error_count();
    let mut f = Fields::new(&node, &source.text, &source.path, d);
    let title = f.required_text("title", "About this site");
    let summary = f.text("summary", "One sentence about the page");
    let autolink = f.bool("autolink").unwrap_or(true);
    let redirect_from = read_redirects(&mut f);
    let (slug, slug_at) = slug_for(&mut f, &file.name, Position::new(1, 1));
    f.finish();
    let doc = std::sync::Arc::new(parse_body(&source, body_start, body_line, config, d));
    if d.error_count() > errors_before {
        return None;
    }
    Some(Page {
        language: file.language.clone(),
        slug,
        slug_at,
        title: title?,
        summary,
        autolink,
        redirect_from,
        doc,
        source: Origin { path: source.path },
    })
}

/// `redirect_from: [/portfolio/khon-kaen/, /old.html]`: the old addresses of the item's page,
/// each checked to be a plain path (whether another output takes it is the route layer's check).
pub(super) fn read_redirects(f: &mut Fields) -> Vec<Spanned<String>> {
    let mut found = Vec::new();
    for (written, pos) in f.text_list("redirect_from", "/portfolio/old-address/") {
        match crate::paths::old_address(&written) {
            Ok(path) => found.push(Spanned { value: path, pos }),
            Err(e) => {
                let (what, hint) = e.explain();
                f.error(
                    code::BAD_REDIRECT,
                    pos,
                    format!("the old address `{written}` {what}"),
                    hint,
                );
            }
        }
    }
    found
}

/// `names: {th: ขอนแก่น, zh-hans: 孔敬}`: a city's name in each other language of the site.
fn read_names(node: &Node, config: &SiteConfig, f: &mut Fields) -> Vec<(String, Spanned<String>)> {
    let hint = "write `names:` then one line per language, such as `  th: ขอนแก่น`";
    let Value::Map(entries) = &node.value else {
        f.error(
            code::WRONG_TYPE,
            node.pos,
            "`names` must map language codes to the city's name in them",
            hint,
        );
        return Vec::new();
    };
    let layout = config.layout();
    let codes = layout.translation_codes();
    let mut names = Vec::new();
    for (key, value) in entries {
        if !codes.contains(&key.name) {
            let near = crate::diagnostics::nearest(&key.name, codes.iter().map(String::as_str));
            let hint = match (near.first(), codes.is_empty()) {
                (_, true) => {
                    "list the site's languages under `languages:` in site.yaml first".to_string()
                }
                (Some(n), _) => format!(
                    "did you mean `{n}`? The site's other languages are {}",
                    codes.join(", ")
                ),
                (None, _) => format!("the site's other languages are {}", codes.join(", ")),
            };
            f.error(
                code::UNKNOWN_LANGUAGE,
                key.pos,
                format!("`{}` is not one of the site's other languages", key.name),
                hint,
            );
            continue;
        }
        match value.as_text().filter(|t| !t.trim().is_empty()) {
            Some(name) => names.push((
                key.name.clone(),
                Spanned {
                    value: name.trim().to_string(),
                    pos: value.pos,
                },
            )),
            None => f.error(
                code::WRONG_TYPE,
                value.pos,
                format!("the name in `{}` must be text", key.name),
                hint,
            ),
        }
    }
    names
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
        code::WRONG_TYPE,
        node.pos,
        "`coordinates` must give `lat` (-90 to 90) and `lon` (-180 to 180) in degrees",
        "write it like `coordinates: {lat: 16.44, lon: 102.83}`",
    );
    None
}

/// Reads `fast_facts:`, keeping the written order and checking the known keys' types. List items
/// are Markdown (`raw_html` as the site says). A key of the site's own that is a slip for a
/// standard one (`mayr`) is warned of.
pub(super) fn read_fast_facts(node: &Node, f: &mut Fields, config: &SiteConfig) -> Vec<FastFact> {
    let raw_html = config.raw_html;
    let Value::Map(entries) = &node.value else {
        f.error(
            code::WRONG_TYPE,
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
    for (key, written) in entries {
        if written.value == Value::Null {
            continue;
        }
        // `{value: 147579, year: 2020, source: ..., url: ...}`: the value with its provenance.
        let (value, source) = match &written.value {
            Value::Map(fields) if fields.iter().any(|(k, _)| k.name == "value") => {
                match fact_source(fields, f) {
                    Some(found) => found,
                    None => continue,
                }
            }
            _ => (written, FactSource::default()),
        };
        warn_if_misspelt(&key.name, key.pos, f, config);
        let parsed = match key.name.as_str() {
            fact_key::POPULATION => whole_number(value).map(FactValue::Population).ok_or((
                "`population` must be a whole number",
                "write it like `population: 147579` (separators such as 147,579 are fine too)",
            )),
            fact_key::AREA_KM2 => area(value).map(FactValue::AreaKm2).ok_or((
                "`area_km2` must be a number of square kilometres",
                "write it like `area_km2: 46` (the unit is added on the page)",
            )),
            fact_key::SIGNATORY_SINCE => whole_number(value)
                .filter(|y| (1000..=2999).contains(y))
                .map(|y| FactValue::Year(y as u16))
                .ok_or((
                    "`signatory_since` must be a year",
                    "write it like `signatory_since: 2016`",
                )),
            _ => match &value.value {
                Value::Seq(items) => {
                    let texts: Vec<String> = items.iter().filter_map(Node::as_text).collect();
                    // List items are Markdown: their links are checked like the body's.
                    for item in items {
                        let text = item.as_text().unwrap_or_default();
                        for problem in markdown::inline_problems(&text, f.file(), raw_html) {
                            f.report(problem, item.pos);
                        }
                    }
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
                    "a fast fact must be text, a number or a list, or a map with `value`",
                    "write it like `mayor: Thirasak Thikhayuphan`, or with its year and source: `population: {value: 147579, year: 2020, source: National Statistical Office}`",
                )),
                _ if key.name == fact_key::NOTES => {
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
                source,
                pos: value.pos,
            }),
            Err((msg, hint)) => {
                let found = value
                    .as_text()
                    .map_or_else(|| value.kind().to_string(), |t| format!("`{t}`"));
                f.error(
                    code::WRONG_TYPE,
                    value.pos,
                    format!("{msg}, not {found}"),
                    hint,
                );
            }
        }
    }
    facts
}

/// Warns of a fact key that is not standard, nor labelled in site.yaml, but near a standard one
/// (`mayr`, `populaton`): custom facts are allowed, so it is only a warning.
fn warn_if_misspelt(key: &str, pos: Position, f: &mut Fields, config: &SiteConfig) {
    if STANDARD_FACTS.contains(&key) || config.fact_labels.labels.contains_key(key) {
        return;
    }
    if let Some(near) = crate::diagnostics::nearest_within(key, STANDARD_FACTS, 0.75).first() {
        f.warning(
            code::UNKNOWN_KEY,
            pos,
            format!("the fast fact `{key}` is not a standard one: did you mean `{near}`?"),
            format!("write `{near}:` to have it shown, compared and checked as the standard fact; a fact of the site's own is fine, and giving it a label under `fast_facts: labels:` in site.yaml silences this"),
        );
    }
}

/// The parts of a fact written as a map: its `value` node and its year, source and URL. `None`
/// (with the problems reported) when a part is wrong.
fn fact_source<'n>(fields: &'n [(Key, Node)], f: &mut Fields) -> Option<(&'n Node, FactSource)> {
    let mut source = FactSource::default();
    let mut value = None;
    let mut ok = true;
    for (k, v) in fields {
        match k.name.as_str() {
            "value" => value = Some(v),
            "year" => match whole_number(v).filter(|y| (1000..=2999).contains(y)) {
                Some(y) => source.year = Some(y as u16),
                None => {
                    ok = false;
                    f.error(
                        code::WRONG_TYPE,
                        v.pos,
                        "the `year` of a fact must be a year",
                        "write it like `year: 2020`: the year the value held",
                    );
                }
            },
            "source" => match v.as_text().filter(|t| !t.trim().is_empty()) {
                Some(t) => source.name = Some(t.trim().to_string()),
                None => {
                    ok = false;
                    f.error(
                        code::WRONG_TYPE,
                        v.pos,
                        "the `source` of a fact must be text",
                        "write who published the value: `source: National Statistical Office`",
                    );
                }
            },
            "url" => match v
                .as_text()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            {
                Some(u) => source.url = Some(u),
                None => {
                    ok = false;
                    f.error(
                        code::WRONG_TYPE,
                        v.pos,
                        "the `url` of a fact must be an absolute http(s) URL",
                        "write it like `url: https://example.org/census-2020`",
                    );
                }
            },
            other => {
                ok = false;
                f.error(
                    code::UNKNOWN_KEY,
                    k.pos,
                    format!("unknown key `{other}` in a fast fact"),
                    "a fast fact with its provenance has `value`, `year`, `source` and `url`",
                );
            }
        }
    }
    if !ok {
        return None;
    }
    value.map(|v| (v, source))
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
            code::WRONG_TYPE,
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
                code::MISSING_FIELD,
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
                    code::UNKNOWN_KEY,
                    key.pos,
                    format!("unknown key `{}` in a source is ignored", key.name),
                    hint,
                );
            }
        }
        match get("title") {
            Some(title) => out.push(SourceRef {
                title,
                url: get("url").filter(|url| {
                    let problem = match crate::paths::unsafe_scheme(url) {
                        Some(scheme) => markdown::unsafe_url(f.file(), scheme),
                        None if crate::paths::is_external(url) => return true,
                        None => Diagnostic::error(
                            f.file(),
                            format!("a source's `url` must be a web address, not `{url}`"),
                        )
                        .with_code(code::BAD_URL)
                        .with_hint(
                            "write the full address, like `url: https://example.org/report.pdf`",
                        ),
                    };
                    let pos = entries
                        .iter()
                        .find(|(key, _)| key.name == "url")
                        .map_or(item.pos, |(_, v)| v.pos);
                    f.report(problem, pos);
                    false
                }),
                publisher: get("publisher"),
                date: get("date"),
            }),
            None => f.error(
                code::MISSING_FIELD,
                item.pos,
                "this source has no `title`",
                "add `title: …` to the source",
            ),
        }
    }
    out
}
