//! Checking a built site: every internal link, image and script resolves to a file of the output,
//! and every `#fragment` to an id on its target page, under the site's base path.
//!
//! This reads only the output folder, so it checks what a host will serve, whatever theme made
//! it. `casebook check --output` runs it; the test suite runs it on every fixture site.

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::paths::{fold, is_external, percent_decode};
use lol_html::{element, HtmlRewriter, Settings};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What a link check looked at and what it found broken.
#[derive(Debug, Default)]
pub struct LinkReport {
    pub pages: usize,
    /// Internal links, images, scripts and styles checked.
    pub links: usize,
    /// Of those, links with a `#fragment` checked against the target's ids.
    pub fragments: usize,
    /// Links to other hosts, not checked.
    pub external: usize,
    pub failures: Vec<Diagnostic>,
}

/// A reference found in a page: the attribute's value and the byte offset of its element.
struct Reference {
    value: String,
    offset: usize,
}

struct PageScan {
    ids: HashSet<String>,
    refs: Vec<Reference>,
    duplicate_ids: Vec<(String, usize)>,
}

/// Checks every HTML page under `dir`, whose pages are served under `base_path` (`/` or `/sub/`).
pub fn check_output(dir: &Path, base_path: &str) -> Result<LinkReport, Diagnostic> {
    if !dir.is_dir() {
        return Err(
            Diagnostic::error(dir, "there is no built site here to check").with_hint(
                "run `casebook build` first, or give the output folder with --output DIR",
            ),
        );
    }
    let mut files: HashSet<String> = HashSet::new();
    let mut pages: Vec<String> = Vec::new();
    let listing = crate::files::files_under(dir);
    for (_, rel) in listing.files {
        if rel.ends_with(".html") {
            pages.push(rel.clone());
        }
        files.insert(rel);
    }

    // Each page: its path, and its text with what was found in it (or why it could not be read).
    type Scanned = (String, Result<(String, PageScan), Diagnostic>);
    let scans: Vec<Scanned> = pages
        .par_iter()
        .map(|rel| {
            let path = dir.join(rel);
            let scan = std::fs::read_to_string(&path)
                .map_err(|e| Diagnostic::error(rel, format!("cannot read this page: {e}")))
                .and_then(|html| {
                    scan_page(&html)
                        .map(|s| (html, s))
                        .map_err(|e| Diagnostic::error(rel, e))
                });
            (rel.clone(), scan)
        })
        .collect();

    let mut report = LinkReport {
        pages: pages.len(),
        ..LinkReport::default()
    };
    for (path, why) in listing.unreadable {
        report.failures.push(Diagnostic::error(
            path,
            format!("cannot read this part of the site: {why}"),
        ));
    }
    let mut ids: HashMap<&str, &HashSet<String>> = HashMap::new();
    for (rel, scan) in &scans {
        match scan {
            Ok((_, s)) => {
                ids.insert(rel.as_str(), &s.ids);
            }
            Err(d) => report.failures.push(d.clone()),
        }
    }

    let results: Vec<(usize, usize, usize, Vec<Diagnostic>)> = scans
        .par_iter()
        .filter_map(|(rel, scan)| scan.as_ref().ok().map(|(html, s)| (rel, html, s)))
        .map(|(rel, html, scan)| {
            let lines = LineIndex::new(html, 1);
            let mut failures = Vec::new();
            let (mut links, mut fragments, mut external) = (0, 0, 0);
            for (id, offset) in &scan.duplicate_ids {
                failures.push(
                    Diagnostic::error(
                        rel,
                        format!("the id `{id}` is used more than once on this page"),
                    )
                    .at_index(&lines, lines.position(*offset))
                    .with_hint("ids must be unique; links to it reach only the first"),
                );
            }
            for r in &scan.refs {
                match resolve(rel, &r.value, base_path, &files, &ids) {
                    Outcome::External => external += 1,
                    Outcome::Ok { fragment } => {
                        links += 1;
                        fragments += usize::from(fragment);
                    }
                    Outcome::Broken {
                        message,
                        hint,
                        fragment,
                    } => {
                        links += 1;
                        fragments += usize::from(fragment);
                        failures.push(
                            Diagnostic::error(rel, message)
                                .at_index(&lines, lines.position(r.offset))
                                .with_hint(hint),
                        );
                    }
                }
            }
            (links, fragments, external, failures)
        })
        .collect();
    for (links, fragments, external, failures) in results {
        report.links += links;
        report.fragments += fragments;
        report.external += external;
        report.failures.extend(failures);
    }
    report
        .failures
        .sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    Ok(report)
}

/// Ids and references of one page.
fn scan_page(html: &str) -> Result<PageScan, String> {
    let mut ids: HashSet<String> = HashSet::new();
    let mut duplicate_ids = Vec::new();
    let mut refs: Vec<Reference> = Vec::new();
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new().append_element_content_handler(element!("*", |el| {
                let offset = el.source_location().bytes().start;
                if let Some(id) = el.get_attribute("id") {
                    if !ids.insert(id.clone()) {
                        duplicate_ids.push((id, offset));
                    }
                }
                let tag = el.tag_name();
                if tag == "a" {
                    if let Some(name) = el.get_attribute("name") {
                        ids.insert(name);
                    }
                }
                let attr = match tag.as_str() {
                    "a" | "area" | "link" => "href",
                    "img" | "script" | "source" | "iframe" | "video" | "audio" | "track"
                    | "embed" => "src",
                    "form" => "action",
                    _ => return Ok(()),
                };
                if let Some(value) = el.get_attribute(attr) {
                    refs.push(Reference { value, offset });
                }
                Ok(())
            })),
            |_: &[u8]| {},
        );
        rewriter
            .write(html.as_bytes())
            .map_err(|e| format!("cannot parse this page: {e}"))?;
        rewriter
            .end()
            .map_err(|e| format!("cannot parse this page: {e}"))?;
    }
    Ok(PageScan {
        ids,
        refs,
        duplicate_ids,
    })
}

enum Outcome {
    External,
    Ok {
        fragment: bool,
    },
    Broken {
        message: String,
        hint: String,
        fragment: bool,
    },
}

fn resolve(
    page: &str,
    value: &str,
    base_path: &str,
    files: &HashSet<String>,
    ids: &HashMap<&str, &HashSet<String>>,
) -> Outcome {
    let value = value.trim();
    if is_external(value) {
        return Outcome::External;
    }
    let (path, fragment) = match value.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (value, None),
    };
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let has_fragment = fragment.is_some_and(|f| !f.is_empty());
    let broken = |message: String, hint: &str| Outcome::Broken {
        message,
        hint: hint.to_string(),
        fragment: has_fragment,
    };
    let target = if path.is_empty() {
        page.to_string()
    } else {
        let decoded = percent_decode(path);
        let joined = if let Some(abs) = decoded.strip_prefix('/') {
            let within = format!("/{abs}");
            match within.strip_prefix(base_path) {
                Some(rest) => rest.to_string(),
                None => {
                    return broken(
                        format!("the link `{value}` is outside the site's base path `{base_path}`"),
                        "links must start with the base path so the site works in its folder",
                    )
                }
            }
        } else {
            let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            if dir.is_empty() {
                decoded.clone()
            } else {
                format!("{dir}/{decoded}")
            }
        };
        let Some(normal) = fold(&joined) else {
            return broken(
                format!("the link `{value}` climbs out of the site"),
                "check the relative path",
            );
        };
        let directory_like = joined.is_empty() || joined.ends_with('/');
        let as_index = if normal.is_empty() {
            "index.html".to_string()
        } else {
            format!("{normal}/index.html")
        };
        if !directory_like && files.contains(&normal) {
            normal
        } else if files.contains(&as_index) {
            as_index
        } else {
            return broken(
                format!("the link `{value}` points to no file of the site"),
                "the target page was not written; check the URL or the content it comes from",
            );
        }
    };
    match fragment {
        Some(f) if !f.is_empty() => {
            let f = percent_decode(f);
            match ids.get(target.as_str()) {
                Some(page_ids) if page_ids.contains(&f) => Outcome::Ok { fragment: true },
                Some(_) => broken(
                    format!("the link `{value}` points to `#{f}`, which is no id on `{target}`"),
                    "the target page has no element with that id",
                ),
                None => Outcome::Ok { fragment: true }, // a fragment into a non-HTML file
            }
        }
        _ => Outcome::Ok { fragment: false },
    }
}
