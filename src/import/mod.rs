//! `casebook import wordpress`: a WordPress export made into content files, one study per post
//! (pages into `content/pages/`), a city profile for each city met that has none, and a report
//! of what was written, what was skipped and why, and what needs an editor.
//!
//! It never replaces a file (a second run writes nothing and says so), and `--dry-run` writes
//! nothing at all. Each post's old address becomes a `redirect_from:` entry, so links to the
//! old site keep working.

mod post;
pub mod wxr;

use crate::layout::{Kind, Layout};
use crate::scaffold::quoted;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What to import, and how.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub root: PathBuf,
    /// The post types made into content (`portfolio`, `post` and `page` by default).
    pub post_types: Vec<String>,
    pub dry_run: bool,
}

impl ImportOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ImportOptions {
            root: root.into(),
            post_types: ["portfolio", "post", "page"].map(String::from).to_vec(),
            dry_run: false,
        }
    }
}

/// What an import did.
#[derive(Debug, Default, Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Files written (or, with `--dry-run`, that would be), relative to the site root.
    pub written: Vec<PathBuf>,
    /// Files not written because they exist.
    pub exists: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
    /// What an editor should look at in the files written.
    pub needs_editor: Vec<Skipped>,
    /// Shortcodes removed, by name, with how many times.
    pub removed_shortcodes: BTreeMap<String, usize>,
}

/// An item of the export, with its line, and why it was left out or needs an editor.
#[derive(Debug, Serialize)]
pub struct Skipped {
    pub title: String,
    pub line: usize,
    pub reason: String,
}

/// Imports the export at `export` into the site of `options`.
pub fn wordpress(export: &Path, options: &ImportOptions) -> Result<ImportReport, wxr::WxrError> {
    let export = wxr::read(export)?;
    let mut ignored = crate::diagnostics::Diagnostics::new();
    let config = crate::load::site_config::load_site_config(&options.root, &mut ignored);
    let mut report = ImportReport {
        dry_run: options.dry_run,
        ..ImportReport::default()
    };
    let mut cities_made: BTreeSet<String> = BTreeSet::new();
    for item in &export.items {
        let skip = |reason: &str| Skipped {
            title: item.title.clone(),
            line: item.line,
            reason: reason.to_string(),
        };
        if let Some(reason) = left_out(item, &options.post_types) {
            report.skipped.push(skip(&reason));
            continue;
        }
        let made = match make_file(item, &export.site_url, &config.fact_labels) {
            Ok(made) => made,
            Err(reason) => {
                report.skipped.push(skip(&reason));
                continue;
            }
        };
        for (name, n) in &made.converted_shortcodes {
            *report.removed_shortcodes.entry(name.clone()).or_default() += n;
        }
        report
            .needs_editor
            .extend(made.notes.iter().map(|n| skip(n)));
        write(options, &made.path, &made.text, &mut report);
        if let (Some(city), Some(country)) = (&made.city, &made.country) {
            let key = crate::text::slugify(city);
            if !cities_made.contains(&key) && !crate::scaffold::city_profile(&options.root, city) {
                cities_made.insert(key.clone());
                let path = Layout::file_of(Kind::City, &key, false, None);
                let text = format!(
                    "---\nname: {}\ncountry: {}\n---\n",
                    quoted(city),
                    quoted(country)
                );
                write(options, &path, &text, &mut report);
            }
        }
    }
    Ok(report)
}

/// Why an item is no content to import, if it is not.
fn left_out(item: &wxr::WxrItem, post_types: &[String]) -> Option<String> {
    let what = match item.post_type.as_str() {
        "attachment" => Some("an attachment (a media file)"),
        "nav_menu_item" => Some("a menu item"),
        "revision" => Some("a revision of another post"),
        "wp_block"
        | "wp_template"
        | "wp_template_part"
        | "wp_navigation"
        | "wp_global_styles"
        | "custom_css"
        | "customize_changeset"
        | "oembed_cache" => Some("a part of the theme"),
        _ => None,
    };
    if let Some(what) = what {
        return Some(format!("{what}, not content"));
    }
    if !post_types.contains(&item.post_type) {
        return Some(format!(
            "of the post type `{}`, which --post-type does not list",
            item.post_type
        ));
    }
    match item.status.as_str() {
        "trash" => Some("in the trash".into()),
        "auto-draft" | "inherit" => Some("a draft WordPress saved by itself".into()),
        _ => None,
    }
}

/// A content file made from one item.
struct Made {
    path: PathBuf,
    text: String,
    city: Option<String>,
    country: Option<String>,
    converted_shortcodes: BTreeMap<String, usize>,
    /// What an editor should look at.
    notes: Vec<String>,
}

fn make_file(
    item: &wxr::WxrItem,
    site_url: &str,
    labels: &crate::config::FactLabels,
) -> Result<Made, String> {
    let (city, country, title) = post::split_title(&item.title);
    let page = item.post_type == "page";
    let city = city
        .or_else(|| item.categories.first().cloned())
        .filter(|_| !page);
    if !page && city.is_none() {
        return Err("no city: its title is not \"City, Country | Title\" and it has no category; write it by hand with `casebook new study`".into());
    }
    let slug = Some(crate::text::slugify(&item.slug))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| crate::text::slugify(&title));
    if slug.is_empty() {
        return Err("no name to make its file's name from".into());
    }
    let date = item.date.get(..10).unwrap_or("");
    if !page && crate::text::Date::parse(date).is_none() {
        return Err(format!("no usable date (`{}`)", item.date));
    }
    let converted = post::convert(&item.content, labels);
    let mut notes = Vec::new();
    let mut front = vec![format!("title: {}", quoted(&title))];
    if !page {
        front.push(format!("date: {date}"));
        front.extend(city.iter().map(|c| format!("city: {}", quoted(c))));
        front.extend(country.iter().map(|c| format!("country: {}", quoted(c))));
        if !item.tags.is_empty() {
            front.push(format!("topics: [{}]", list(&item.tags)));
        }
    }
    let kind = if page { Kind::Page } else { Kind::Study };
    let new_address = format!("/{}", crate::routes::item_folder(kind, &slug));
    match old_address(&item.link, site_url) {
        Ok(Some(path)) if path != new_address => {
            front.push(format!("redirect_from: [{}]", quoted(&path)))
        }
        Ok(_) => {}
        Err(why) => notes.push(why),
    }
    if item.status != "publish" {
        front.push("draft: true".into());
    }
    if !page {
        facts_yaml(&converted, &mut front);
    }
    if !converted.removed_shortcodes.is_empty() {
        let names: Vec<&str> = converted
            .removed_shortcodes
            .keys()
            .map(String::as_str)
            .collect();
        notes.push(format!("shortcodes removed: {}", names.join(", ")));
    }
    let path = Layout::file_of(kind, &slug, false, None);
    let text = format!("---\n{}\n---\n\n{}", front.join("\n"), converted.body);
    Ok(Made {
        path,
        text,
        city: city.filter(|_| country.is_some()),
        country,
        converted_shortcodes: converted.removed_shortcodes,
        notes,
    })
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|t| quoted(t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fast facts and sources as front matter lines.
fn facts_yaml(c: &post::Converted, front: &mut Vec<String>) {
    if !c.facts.is_empty() || !c.notes.is_empty() {
        front.push("fast_facts:".into());
        front.extend(c.facts.iter().map(|(k, v)| format!("  {k}: {v}")));
        if !c.notes.is_empty() {
            front.push("  notes:".into());
            front.extend(c.notes.iter().map(|n| format!("    - {}", quoted(n))));
        }
    }
    if !c.sources.is_empty() {
        front.push("sources:".into());
        for s in &c.sources {
            front.push(format!("  - title: {}", quoted(&s.title)));
            front.push(format!("    url: {}", quoted(&s.url)));
        }
    }
}

/// The old address of a post under the old site's address (`/portfolio/x/`), or why it cannot
/// be kept.
fn old_address(link: &str, site_url: &str) -> Result<Option<String>, String> {
    if link.is_empty() {
        return Ok(None);
    }
    let base = site_url.trim_end_matches('/');
    let Some(path) = link
        .strip_prefix(base)
        .filter(|p| p.is_empty() || p.starts_with('/'))
    else {
        return Err(format!("its old address `{link}` is not under the old site's `{site_url}`: add a redirect by hand if it was published"));
    };
    match crate::paths::old_address(path) {
        Ok(p) => Ok(Some(format!("/{p}"))),
        Err(crate::paths::OldAddressError::QueryOrFragment) => Err(format!("its old address `{link}` is a query, which a static host cannot redirect: if it was published, redirect it on the host")),
        Err(crate::paths::OldAddressError::Home) => Ok(None),
        Err(e) => Err(format!("its old address `{link}` {}", e.explain().0)),
    }
}

/// Writes a new file, never replacing one; records what happened.
fn write(options: &ImportOptions, rel: &Path, text: &str, report: &mut ImportReport) {
    let path = options.root.join(rel);
    if path.exists() || report.written.iter().any(|w| w == rel) {
        report.exists.push(rel.to_path_buf());
        return;
    }
    if !options.dry_run {
        let done = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)?;
                std::io::Write::write_all(&mut file, text.as_bytes())
            });
        if let Err(e) = done {
            report.skipped.push(Skipped {
                title: rel.display().to_string(),
                line: 0,
                reason: format!("cannot write it: {e}"),
            });
            return;
        }
    }
    report.written.push(rel.to_path_buf());
}
