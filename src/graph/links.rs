//! Links between content files.
//!
//! Editors link to other content by file: `[Phuket](@/cities/phuket.md)` (from the content
//! root) or a plain relative path (`../cities/phuket.md`, `other-study.md#background`). Each
//! becomes a [`LinkTarget`] (the document and the heading), which rendering turns into a URL; a
//! missing file or a `#fragment` that is no anchor of the target is an error at the link's
//! position.

use super::{DocRef, LinkTarget, Missing, SiteGraph};
use crate::diagnostics::code;
use crate::diagnostics::{nearest, Diagnostic, Diagnostics};
use crate::layout::link_path;
use crate::load::markdown::Document;
use crate::load::Origin;
use crate::paths::{fold, is_external, split_url};
use rayon::prelude::*;
use std::collections::HashMap;

/// Finds the target of every link between content files, reporting the broken ones.
pub(super) fn resolve_links(g: &mut SiteGraph, missing: &Missing, d: &mut Diagnostics) {
    let drafts = draft_paths(g);
    let absent = &Absent {
        drafts: &drafts,
        failed: missing,
    };
    let (targets, docs) = documents(g);
    type Found = (DocRef, Vec<(usize, LinkTarget)>, Vec<Diagnostic>);
    let results: Vec<Found> = docs
        .par_iter()
        .map(|&(r, doc, source)| {
            let (found, problems) = doc_targets(doc, source, &targets, absent);
            (r, found, problems)
        })
        .collect();
    drop(targets);
    for (r, found, problems) in results {
        d.extend(problems);
        let links = match r {
            DocRef::Study(i) => &mut g.studies[i].links,
            DocRef::City(i) => &mut g.cities[i].links,
            DocRef::Page(i) => &mut g.pages[i].links,
        };
        links.targets = found;
    }
}

/// The links of one document, `doc` (a new text of `r`), resolved against the rest of the site;
/// `Err` holds the problems (used when one study's text is replaced, see `patch`).
pub(super) fn resolve_doc(
    g: &SiteGraph,
    r: DocRef,
    doc: &Document,
    source: &Origin,
    missing: &Missing,
) -> Result<Vec<(usize, LinkTarget)>, Vec<Diagnostic>> {
    let drafts = draft_paths(g);
    let absent = &Absent {
        drafts: &drafts,
        failed: missing,
    };
    let targets = Targets::Graph {
        g,
        replaced: (r, doc),
    };
    let (found, problems) = doc_targets(doc, source, &targets, absent);
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

fn draft_paths(g: &SiteGraph) -> Vec<String> {
    g.drafts.iter().map(|d| link_path(&d.path)).collect()
}

/// The documents links can point to, by the path links name them with (`cities/phuket.md`).
enum Targets<'a> {
    /// Every document, for resolving the links of the whole site.
    Map(HashMap<String, (DocRef, &'a Document)>),
    /// Looked up in a resolved graph, one document's text replaced (for one document's links).
    Graph {
        g: &'a SiteGraph,
        replaced: (DocRef, &'a Document),
    },
}

impl<'a> Targets<'a> {
    fn get(&self, wanted: &str) -> Option<(DocRef, &'a Document)> {
        match self {
            Targets::Map(map) => map.get(wanted).copied(),
            Targets::Graph { g, replaced } => {
                let r = g.find_source(&crate::layout::from_link_path(wanted))?;
                if r == replaced.0 {
                    return Some(*replaced);
                }
                Some((r, g.document(r)?))
            }
        }
    }

    /// Every path a link may name, for suggestions.
    fn paths(&self) -> Vec<String> {
        match self {
            Targets::Map(map) => map.keys().cloned().collect(),
            Targets::Graph { g, .. } => g
                .doc_refs()
                .filter_map(|r| g.doc_source(r))
                .map(|s| link_path(&s.path))
                .collect(),
        }
    }
}

/// Every document by the path links name it with, and every document with its source.
fn documents(g: &SiteGraph) -> (Targets<'_>, Vec<(DocRef, &Document, &Origin)>) {
    let mut targets = HashMap::new();
    let mut docs: Vec<(DocRef, &Document, &Origin)> = Vec::new();
    for r in g.doc_refs() {
        let (Some(doc), Some(source)) = (g.document(r), g.doc_source(r)) else {
            continue;
        };
        targets.insert(link_path(&source.path), (r, doc));
        docs.push((r, doc, source));
    }
    (Targets::Map(targets), docs)
}

/// The targets of a document's links, and its broken links.
fn doc_targets(
    doc: &Document,
    source: &Origin,
    targets: &Targets,
    absent: &Absent,
) -> (Vec<(usize, LinkTarget)>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for raw in &doc.raw_links {
        if link_kind(&raw.dest) == LinkKind::Content {
            problems.push(
                Diagnostic::error(
                    &source.path,
                    format!("the link `{}` is written in HTML, where casebook does not turn file names into addresses", raw.dest),
                )
                .with_code(code::BROKEN_LINK)
                .at_position(raw.pos)
                .with_hint("write it as a Markdown link, like `[text](file.md)`"),
            );
        } else if let Err((code, message, hint)) =
            resolve_one(&raw.dest, doc, source, targets, absent)
        {
            problems.push(
                Diagnostic::error(&source.path, message)
                    .with_code(code)
                    .at_position(raw.pos)
                    .with_hint(hint),
            );
        }
    }
    for link in &doc.links {
        match resolve_one(&link.dest, doc, source, targets, absent) {
            Ok(Some(target)) => found.push((link.event, target)),
            Ok(None) => {}
            Err((code, message, hint)) => problems.push(
                Diagnostic::error(&source.path, message)
                    .with_code(code)
                    .at_position(link.pos)
                    .with_hint(hint),
            ),
        }
    }
    (found, problems)
}

/// What a link written in content leads to, by its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Another host or a scheme (`https://…`, `mailto:`).
    External,
    /// An element of the same page (`#budget`).
    Fragment,
    /// A content file (`@/cities/phuket.md`, `../other.md#background`): resolved here.
    Content,
    /// A URL of the site as written (`tram.jpg`, `/best-practices/cities/`): the route layer
    /// checks it names a file the build writes.
    SiteUrl,
}

/// The kind of a link, by its destination as written.
pub fn link_kind(dest: &str) -> LinkKind {
    let (path, _) = split_url(dest);
    if is_external(dest) {
        LinkKind::External
    } else if path.is_empty() {
        LinkKind::Fragment
    } else if path.starts_with("@/") || (path.ends_with(".md") && !path.starts_with('/')) {
        LinkKind::Content
    } else {
        LinkKind::SiteUrl
    }
}

/// Content files that links may name but that are not in the graph.
struct Absent<'a> {
    /// Files that could not be read (their own errors say why).
    failed: &'a Missing,
    /// Drafts, by their path in links (`case-studies/x.md`).
    drafts: &'a [String],
}

/// The file a link to the missing `wanted` probably meant: one whose name is near `wanted`'s
/// (the folder it is in does not count, or every file of the same folder would look near), and
/// never the linking file `own` itself.
fn suggest_file<'p>(wanted: &str, own: &str, paths: &'p [String]) -> Option<&'p str> {
    let name = |p: &'p str| -> &'p str {
        let file = p.rsplit('/').next().unwrap_or(p);
        file.strip_suffix(".md").unwrap_or(file)
    };
    let wanted_name = wanted.rsplit('/').next().unwrap_or(wanted);
    let wanted_name = wanted_name.strip_suffix(".md").unwrap_or(wanted_name);
    let mut others: Vec<&str> = paths
        .iter()
        .map(String::as_str)
        .filter(|p| *p != own)
        .collect();
    others.sort_unstable();
    let near = nearest(wanted_name, others.iter().map(|p| name(p)));
    let best = near.first()?;
    // Of the files with that name, the one in the folder the link named, if any.
    let folder = wanted.rsplit_once('/').map_or("", |(d, _)| d);
    let same_name = others.iter().filter(|p| name(p) == *best);
    let mut in_folder = same_name
        .clone()
        .filter(|p| p.rsplit_once('/').map_or("", |(d, _)| d) == folder);
    in_folder
        .next()
        .or_else(|| same_name.into_iter().next())
        .copied()
}

/// A broken link: its code, the message and a hint.
type LinkProblem = (&'static str, String, String);

/// The target of a link, `None` for links left as written, or an error and a hint.
fn resolve_one(
    dest: &str,
    doc: &Document,
    source: &Origin,
    targets: &Targets,
    missing: &Absent,
) -> Result<Option<LinkTarget>, LinkProblem> {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    if link_kind(dest) == LinkKind::Fragment {
        return match fragment {
            Some(f) if !f.is_empty() && !doc.has_anchor(f) => Err((
                code::BROKEN_FRAGMENT,
                format!("the link `#{f}` points to no heading of this page"),
                known_ids_hint(doc, f),
            )),
            _ => Ok(None),
        };
    }
    if link_kind(dest) != LinkKind::Content {
        // Another host, or a URL of the site (the route layer checks those).
        return Ok(None);
    }
    let wanted = if let Some(from_root) = path.strip_prefix("@/") {
        fold(from_root)
    } else {
        let from = link_path(&source.path);
        let dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        fold(&format!("{dir}/{path}"))
    };
    let Some(wanted) = wanted else {
        return Err((
            code::BROKEN_LINK,
            format!("the link `{dest}` leaves the content folder"),
            "link to files inside content/, e.g. `@/cities/phuket.md`".to_string(),
        ));
    };
    if missing.failed.has_file(&wanted) {
        return Ok(None); // the target could not be read; its own error says why
    }
    if missing.drafts.contains(&wanted) {
        return Err((
            code::LINK_TO_DRAFT,
            format!(
                "the link `{dest}` points to a draft (`draft: true`), which this build leaves out"
            ),
            "publish it by removing `draft: true`, or preview both with `--drafts`".to_string(),
        ));
    }
    let Some((target, target_doc)) = targets.get(&wanted) else {
        let paths = targets.paths();
        let hint = match suggest_file(&wanted, &link_path(&source.path), &paths) {
            Some(s) => format!("did you mean `@/{s}`?"),
            None => {
                "check the file name; paths are relative to this file, or to content/ with `@/`"
                    .to_string()
            }
        };
        return Err((
            code::BROKEN_LINK,
            format!("the link `{dest}` points to a missing file `content/{wanted}`"),
            hint,
        ));
    };
    match fragment {
        Some(f) if !f.is_empty() => {
            if target_doc.has_anchor(f) {
                Ok(Some(LinkTarget {
                    doc: target,
                    fragment: Some(f.to_string()),
                }))
            } else {
                Err((
                    code::BROKEN_FRAGMENT,
                    format!("the link `{dest}` points to `#{f}`, which is no heading of `content/{wanted}`"),
                    known_ids_hint(target_doc, f),
                ))
            }
        }
        _ => Ok(Some(LinkTarget {
            doc: target,
            fragment: None,
        })),
    }
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
