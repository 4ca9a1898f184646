//! Internal links between content files.
//!
//! Editors link to other content by file: `[Phuket](@/cities/phuket.md)` (from the content
//! root) or a plain relative path (`../cities/phuket.md`, `other-study.md#background`). Each is
//! rewritten to the target's output URL; a missing file or a `#fragment` that is not a heading of
//! the target is an error at the link's position.

use super::{DocLinks, DocRef, SiteGraph};
use crate::diagnostics::{nearest, Diagnostic, Diagnostics};
use crate::load::markdown::{Document, RESERVED_IDS};
use crate::load::Origin;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Component, Path};

struct Target<'a> {
    url: &'a str,
    doc: &'a Document,
}

/// Rewrites the links of every document, reporting the broken ones.
pub(super) fn resolve_links(g: &mut SiteGraph, d: &mut Diagnostics) {
    let mut targets: HashMap<String, Target> = HashMap::new();
    let mut docs: Vec<(DocRef, &Document, &Origin)> = Vec::new();
    for (i, s) in g.studies.iter().enumerate() {
        targets.insert(
            content_path(&s.study.source.path),
            Target {
                url: &s.url,
                doc: &s.study.doc,
            },
        );
        docs.push((DocRef::Study(i), &s.study.doc, &s.study.source));
    }
    for (i, c) in g.cities.iter().enumerate() {
        if let Some(p) = &c.profile {
            targets.insert(
                content_path(&p.source.path),
                Target {
                    url: &c.url,
                    doc: &p.doc,
                },
            );
            docs.push((DocRef::City(i), &p.doc, &p.source));
        }
    }
    for (i, p) in g.pages.iter().enumerate() {
        targets.insert(
            content_path(&p.page.source.path),
            Target {
                url: &p.url,
                doc: &p.page.doc,
            },
        );
        docs.push((DocRef::Page(i), &p.page.doc, &p.page.source));
    }

    let results: Vec<(DocRef, HashMap<usize, String>, Vec<Diagnostic>)> = docs
        .par_iter()
        .map(|(r, doc, source)| {
            let mut rewrites = HashMap::new();
            let mut problems = Vec::new();
            for link in &doc.links {
                match resolve_one(&link.dest, doc, source, &targets) {
                    Ok(Some(url)) => {
                        rewrites.insert(link.event, url);
                    }
                    Ok(None) => {}
                    Err((message, hint)) => problems.push(
                        Diagnostic::error(&source.path, message)
                            .at_position(link.pos)
                            .with_hint(hint),
                    ),
                }
            }
            (*r, rewrites, problems)
        })
        .collect();
    drop(targets);
    for (r, rewrites, problems) in results {
        d.extend(problems);
        let links: &mut DocLinks = match r {
            DocRef::Study(i) => &mut g.studies[i].links,
            DocRef::City(i) => &mut g.cities[i].links,
            DocRef::Page(i) => &mut g.pages[i].links,
        };
        links.rewrites = rewrites;
    }
}

/// `content/cities/phuket.md` -> `cities/phuket.md`.
fn content_path(path: &Path) -> String {
    let rel = path.strip_prefix("content").unwrap_or(path);
    rel.components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect::<Vec<_>>()
        .join("/")
}

/// The rewritten URL of a link, `None` for links left as written, or an error and a hint.
fn resolve_one(
    dest: &str,
    doc: &Document,
    source: &Origin,
    targets: &HashMap<String, Target>,
) -> Result<Option<String>, (String, String)> {
    if is_external(dest) || dest.starts_with('/') {
        return Ok(None);
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    if path.is_empty() {
        return match fragment {
            Some(f) if !f.is_empty() && !has_id(doc, f) => Err((
                format!("the link `#{f}` points to no heading of this page"),
                known_ids_hint(doc, f),
            )),
            _ => Ok(None),
        };
    }
    let wanted = if let Some(from_root) = path.strip_prefix("@/") {
        Some(normalize(Path::new(from_root)))
    } else if path.ends_with(".md") {
        let dir = Path::new(&content_path(&source.path))
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        Some(normalize(&dir.join(path)))
    } else {
        None
    };
    let Some(wanted) = wanted else {
        return Ok(None); // an image or file beside the page, or a URL path
    };
    let Some(wanted) = wanted else {
        return Err((
            format!("the link `{dest}` leaves the content folder"),
            "link to files inside content/, e.g. `@/cities/phuket.md`".to_string(),
        ));
    };
    let Some(target) = targets.get(&wanted) else {
        let suggestions = nearest(&wanted, targets.keys().map(String::as_str));
        let hint = match suggestions.first() {
            Some(s) => format!("did you mean `@/{s}`?"),
            None => {
                "check the file name; paths are relative to this file, or to content/ with `@/`"
                    .to_string()
            }
        };
        return Err((
            format!("the link `{dest}` points to a missing file `content/{wanted}`"),
            hint,
        ));
    };
    match fragment {
        Some(f) if !f.is_empty() => {
            if has_id(target.doc, f) {
                Ok(Some(format!("{}#{f}", target.url)))
            } else {
                Err((
                    format!("the link `{dest}` points to `#{f}`, which is no heading of `content/{wanted}`"),
                    known_ids_hint(target.doc, f),
                ))
            }
        }
        _ => Ok(Some(target.url.to_string())),
    }
}

fn has_id(doc: &Document, id: &str) -> bool {
    doc.has_heading_id(id) || RESERVED_IDS.contains(&id)
}

fn known_ids_hint(doc: &Document, wanted: &str) -> String {
    let ids: Vec<&str> = doc.headings.iter().map(|h| h.id.as_str()).collect();
    match nearest(wanted, ids.iter().copied()).first() {
        Some(s) => format!("did you mean `#{s}`?"),
        None if ids.is_empty() => "that page has no headings to link to".to_string(),
        None => format!(
            "its headings are: {}",
            ids.iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !dest.starts_with("@/")
        }
        None => false,
    }
}

/// Folds `.` and `..`; `None` when the path climbs out of the content folder.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?.to_string()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_are_left_alone() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example.org/x"));
        assert!(!is_external("@/cities/phuket.md"));
        assert!(!is_external("../cities/phuket.md"));
    }

    #[test]
    fn relative_paths_fold() {
        assert_eq!(
            normalize(Path::new("case-studies/../cities/phuket.md")),
            Some("cities/phuket.md".into())
        );
        assert_eq!(normalize(Path::new("../x.md")), None);
    }
}
