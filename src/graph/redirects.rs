//! Old addresses (`redirect_from:`): every document's and translation's, gathered with the page
//! each leads to and the language of that page. Where each is written, and whether another
//! output takes its address, is the route layer's decision (`crate::routes`).

use super::{DocRef, SiteGraph, Written};
use crate::load::{Origin, Spanned};

/// One old address and the page it leads to.
#[derive(Debug, Clone, PartialEq)]
pub struct Redirect {
    /// As the output folder holds it (`portfolio/khon-kaen/`, `old.html`): decoded, no leading
    /// `/` ([`crate::paths::old_address`]).
    pub path: String,
    pub to: DocRef,
    /// The language of the page it leads to (`None`: the site's default).
    pub language: Option<String>,
    /// The `redirect_from:` entry that asks for it.
    pub written: Written,
}

/// Every old address of the site: the documents' in the order of their tables, then the
/// translations' in the order of their files.
pub(super) fn gather(g: &SiteGraph) -> Vec<Redirect> {
    let mut found = Vec::new();
    let mut add =
        |to: DocRef, language: Option<&str>, origin: &Origin, list: &[Spanned<String>]| {
            found.extend(list.iter().map(|entry| Redirect {
                path: entry.value.clone(),
                to,
                language: language.map(str::to_string),
                written: Written::at(origin, entry.pos),
            }));
        };
    for (s, node) in g.studies.enumerate() {
        let study = &node.study;
        add(
            DocRef::Study(s),
            study.language.as_deref(),
            &study.source,
            &study.redirect_from,
        );
    }
    for (c, node) in g.cities.enumerate() {
        if let Some(p) = &node.profile {
            add(
                DocRef::City(c),
                p.language.as_deref(),
                &p.source,
                &p.redirect_from,
            );
        }
    }
    for (p, node) in g.pages.enumerate() {
        let page = &node.page;
        add(
            DocRef::Page(p),
            page.language.as_deref(),
            &page.source,
            &page.redirect_from,
        );
    }
    for t in &g.translations {
        let tr = &t.translation;
        add(t.of, Some(&tr.language), &tr.source, &tr.redirect_from);
    }
    found
}
