//! Checking a built site: every internal link, image and script resolves to a file of the output,
//! and every `#fragment` to an id on its target page, under the site's base path.
//!
//! This reads only the output folder, so it checks what a host will serve, whatever theme made
//! it. `casebook check --output` runs it; the test suite runs it on every fixture site.

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::paths::{forgotten_base, percent_decode, split_url, url_target, UrlTarget};
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
            Diagnostic::error(dir, "there is no built site here to check")
                .with_code(code::OUTPUT)
                .with_hint(
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

    let scans = read_pages(dir, &pages);
    let mut report = LinkReport {
        pages: pages.len(),
        ..LinkReport::default()
    };
    for (path, why) in listing.unreadable {
        report.failures.push(
            Diagnostic::error(path, format!("cannot read this part of the site: {why}"))
                .with_code(code::UNREADABLE),
        );
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
    let site = Site {
        base_path,
        files: &files,
        ids: &ids,
    };
    let results: Vec<PageLinks> = scans
        .par_iter()
        .filter_map(|(rel, scan)| scan.as_ref().ok().map(|(html, s)| (rel, html, s)))
        .map(|(rel, html, scan)| site.check_page(rel, html, scan))
        .collect();
    for page in results {
        report.links += page.links;
        report.fragments += page.fragments;
        report.external += page.external;
        report.failures.extend(page.failures);
    }
    report
        .failures
        .sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    Ok(report)
}

/// A page's path, and its text with what was found in it (or why it could not be read).
type Scanned = (String, Result<(String, PageScan), Diagnostic>);

/// Reads and scans `pages` (paths relative to `dir`), in parallel.
fn read_pages(dir: &Path, pages: &[String]) -> Vec<Scanned> {
    pages
        .par_iter()
        .map(|rel| {
            let path = dir.join(rel);
            let scan = std::fs::read_to_string(&path)
                .map_err(|e| {
                    Diagnostic::error(rel, format!("cannot read this page: {e}"))
                        .with_code(code::UNREADABLE)
                })
                .and_then(|html| {
                    scan_page(&html)
                        .map(|s| (html, s))
                        .map_err(|e| Diagnostic::error(rel, e).with_code(code::UNREADABLE))
                });
            (rel.clone(), scan)
        })
        .collect()
}

/// What links on the built site can lead to: its files and each page's ids.
struct Site<'s> {
    base_path: &'s str,
    files: &'s HashSet<String>,
    ids: &'s HashMap<&'s str, &'s HashSet<String>>,
}

/// One page's links, counted, and what is wrong on it.
struct PageLinks {
    links: usize,
    fragments: usize,
    external: usize,
    failures: Vec<Diagnostic>,
}

impl Site<'_> {
    /// Checks the ids of page `rel` and where each of its links leads.
    fn check_page(&self, rel: &str, html: &str, scan: &PageScan) -> PageLinks {
        let lines = LineIndex::new(html, 1);
        let mut page = PageLinks {
            links: 0,
            fragments: 0,
            external: 0,
            failures: Vec::new(),
        };
        for (id, offset) in &scan.duplicate_ids {
            page.failures.push(
                Diagnostic::error(
                    rel,
                    format!("the id `{id}` is used more than once on this page"),
                )
                .with_code(code::OUTPUT)
                .at_index(&lines, lines.position(*offset))
                .with_hint("ids must be unique; links to it reach only the first"),
            );
        }
        for r in &scan.refs {
            match resolve(rel, &r.value, self.base_path, self.files, self.ids) {
                Outcome::External => page.external += 1,
                Outcome::Ok { fragment } => {
                    page.links += 1;
                    page.fragments += usize::from(fragment);
                }
                Outcome::Broken {
                    message,
                    hint,
                    fragment,
                } => {
                    page.links += 1;
                    page.fragments += usize::from(fragment);
                    page.failures.push(
                        Diagnostic::error(rel, message)
                            .with_code(code::BROKEN_LINK)
                            .at_index(&lines, lines.position(r.offset))
                            .with_hint(hint),
                    );
                }
            }
        }
        page
    }
}

/// Ids and references of one page.
fn scan_page(html: &str) -> Result<PageScan, String> {
    let scan = crate::html::scan(html)?;
    let mut ids: HashSet<String> = HashSet::with_capacity(scan.ids.len() + scan.names.len());
    let mut duplicate_ids = Vec::new();
    for (id, offset) in scan.ids {
        if ids.contains(&id) {
            duplicate_ids.push((id, offset));
        } else {
            ids.insert(id);
        }
    }
    ids.extend(scan.names.into_iter().map(|(name, _)| name));
    let refs = scan
        .refs
        .into_iter()
        .map(|(value, offset)| Reference { value, offset })
        .collect();
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
    let (path, fragment) = split_url(value);
    let has_fragment = fragment.is_some_and(|f| !f.is_empty());
    let broken = |message: String, hint: &str| Outcome::Broken {
        message,
        hint: hint.to_string(),
        fragment: has_fragment,
    };
    let target = match url_target(page, path, base_path) {
        UrlTarget::External => return Outcome::External,
        UrlTarget::SamePage => page.to_string(),
        UrlTarget::Output { file, index } => {
            match file {
                Some(file) if files.contains(&file) => file,
                _ if files.contains(&index) => index,
                _ => return broken(
                    format!("the link `{value}` points to no file of the site"),
                    "the target page was not written; check the URL or the content it comes from",
                ),
            }
        }
        // Another part of the host is not this site's to check, but a link that names a
        // file of the site without its base path is a mistake (the build refuses such links
        // from content, and all of them with `outside_base: refuse`).
        UrlTarget::OutsideBase => {
            let Some(meant) = forgotten_base(page, path, base_path, |f| files.contains(f)) else {
                return Outcome::External;
            };
            return broken(
                format!("the link `{value}` is outside the site's base path `{base_path}`"),
                &format!("it names a file of the site without the base path: `{meant}`"),
            );
        }
        UrlTarget::ClimbsOut => {
            return broken(
                format!("the link `{value}` climbs out of the site"),
                "check the relative path",
            )
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
