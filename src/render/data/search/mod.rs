//! The search index, read by the theme's `search.js` on the search page. Every file is a classic
//! script (`casebookSearch.catalog({...})`), which browsers load from `file://` too, where `fetch`
//! and module scripts are refused.
//!
//! - `search/catalog.js`: every study (title, URL, date, city, country, topics) and city, the
//!   facets' names, and where the other parts are. Loaded first; a reader needs nothing else to
//!   filter by facets.
//! - `search/terms/N.js`: the terms of all studies with the studies they occur in (`terms.rs`),
//!   split into parts by term, so a query loads only the parts of its words.
//! - `search/text/N.js`: the text of a few studies (`casebookSearch.text([ids], [texts])`), for
//!   the snippets of the results shown.
//!
//! A language other than the default indexes and writes the text of the studies written in it
//! (its catalog names them, `texts.own`); of the others it indexes only their cities' names,
//! which are its own. For the rest of their terms and their text, which are the same as in the
//! default language, its catalog sends the script to the default language's parts (`shared`).
//!
//! URLs in them are written as the search page writes its links (relative to it with
//! `links: relative`), since the script puts them into that page.

pub mod terms;
mod tokens;

use crate::graph::{Id, SiteGraph, StudyId};
use crate::render::context::Ctx;
use crate::render::inputs::{Dep, Inputs};
use crate::render::relative::relative_url;
use crate::routes::{Route, Routes, STUDIES_PER_TEXT_PART};
use serde::Serialize;

/// `[name, slug, country, url, aliases, studies]`.
type CityRow<'a> = (&'a str, &'a str, usize, String, &'a [String], usize);

/// `[title, url, date in words, year, country, cities, topics]`.
type StudyRow<'a> = (&'a str, String, String, u16, usize, Vec<usize>, Vec<usize>);

#[derive(Serialize)]
struct Catalog<'a> {
    /// `[name, slug]` of every country, topic: the facets.
    countries: Vec<(&'a str, &'a str)>,
    topics: Vec<(&'a str, &'a str)>,
    cities: Vec<CityRow<'a>>,
    /// Newest first.
    studies: Vec<StudyRow<'a>>,
    terms: Parts<'a>,
    texts: Parts<'a>,
    /// In a language other than the default: the default language's parts, which hold the
    /// studies not among `texts.own` as this language shows them (but for their cities' names,
    /// which this language's terms hold).
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<Shared<'a>>,
}

#[derive(Serialize)]
struct Shared<'a> {
    /// None when this language lists only its own studies (`untranslated: hide`).
    #[serde(skip_serializing_if = "Option::is_none")]
    terms: Option<Parts<'a>>,
    texts: Parts<'a>,
}

/// Where the parts of the index are; `key`: the name the parts of the terms call themselves
/// by, `first`: the first term of each of them.
#[derive(Serialize)]
struct Parts<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    urls: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    first: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    per: Option<usize>,
    /// The studies these parts hold, in order, when not every study.
    #[serde(skip_serializing_if = "Option::is_none")]
    own: Option<Vec<usize>>,
}

/// URLs of routes as the search page links to them (relative to it with `links: relative`).
struct Linker<'c, 'g> {
    ctx: &'c Ctx<'g>,
    /// The search page's output path, when links are relative.
    from: Option<String>,
}

impl<'c, 'g> Linker<'c, 'g> {
    fn new(ctx: &'c Ctx<'g>) -> Self {
        let from = (ctx.g.config.relative_links).then(|| ctx.routes.output_path(Route::Search));
        Linker { ctx, from }
    }

    fn link(&self, route: Route) -> String {
        self.link_url(&self.ctx.url(route))
    }

    fn link_url(&self, url: &str) -> String {
        let relative = (self.from.as_deref())
            .and_then(|page| relative_url(url, page, &self.ctx.g.config.base_path));
        relative.unwrap_or_else(|| url.to_string())
    }
}

pub(in crate::render) fn catalog(ctx: &Ctx) -> Vec<u8> {
    let g = ctx.g;
    let index = ctx.search_terms();
    let linker = Linker::new(ctx);
    let link = |route| linker.link(route);
    let ids = |v: &[crate::graph::CityId]| v.iter().map(|c| c.index()).collect();
    let catalog = Catalog {
        countries: g
            .countries
            .iter()
            .map(|k| (k.name.as_str(), k.slug.as_str()))
            .collect(),
        topics: (g.topics.iter())
            .map(|t| (t.name.as_str(), t.slug.as_str()))
            .collect(),
        cities: g
            .cities
            .enumerate()
            .map(|(id, c)| {
                (
                    c.name.as_str(),
                    c.slug.as_str(),
                    c.country.index(),
                    link(Route::City(id)),
                    c.aliases.as_slice(),
                    c.studies.len(),
                )
            })
            .collect(),
        studies: g
            .studies
            .enumerate()
            .map(|(id, s)| {
                (
                    s.study.title.as_str(),
                    link(Route::Study(id)),
                    ctx.theme.locale.long_date(s.study.date),
                    s.study.date.year,
                    s.country.index(),
                    ids(&s.cities),
                    s.topics.iter().map(|t| t.index()).collect(),
                )
            })
            .collect(),
        terms: Parts {
            key: Some(terms::parts_key(g)),
            urls: (0..index.parts.len())
                .map(|n| link(Route::SearchTerms(n)))
                .collect(),
            first: index.firsts.clone(),
            per: None,
            own: None,
        },
        texts: Parts {
            key: None,
            urls: (0..ctx.routes.search_text_parts())
                .map(|n| link(Route::SearchText(n)))
                .collect(),
            first: Vec::new(),
            per: Some(STUDIES_PER_TEXT_PART),
            own: g.view.is_some().then(|| {
                (g.own_language_studies().iter())
                    .map(|s| s.index())
                    .collect()
            }),
        },
        shared: g.view.is_some().then(|| shared_parts(ctx, &linker)),
    };
    let mut out = b"casebookSearch.catalog(".to_vec();
    let _ = serde_json::to_writer(&mut out, &catalog);
    out.extend_from_slice(b");\n");
    out
}

/// The default language's parts, as a view of another language's search page reads them.
fn shared_parts<'a>(ctx: &'a Ctx, linker: &Linker) -> Shared<'a> {
    let g = ctx.g;
    let default_url = |route| linker.link_url(&ctx.routes.url_in(route, None));
    let shows_others = g.listed_studies().len() > g.own_language_studies().len();
    let terms = (ctx.default_search.as_ref())
        .filter(|_| shows_others)
        .map(|terms| {
            let index = terms.get();
            Parts {
                key: Some(&g.config.language),
                urls: (0..index.parts.len())
                    .map(|n| default_url(Route::SearchTerms(n)))
                    .collect(),
                first: index.firsts.clone(),
                per: None,
                own: None,
            }
        });
    Shared {
        terms,
        texts: Parts {
            key: None,
            urls: (0..g.studies.len().div_ceil(STUDIES_PER_TEXT_PART))
                .map(|n| default_url(Route::SearchText(n)))
                .collect(),
            first: Vec::new(),
            per: Some(STUDIES_PER_TEXT_PART),
            own: None,
        },
    }
}

pub(in crate::render) fn terms_part(ctx: &Ctx, n: usize) -> Vec<u8> {
    ctx.search_terms().parts.get(n).cloned().unwrap_or_default()
}

/// One study's text for snippets: its summary and `[heading, id, text]` of each section (the
/// introduction has no heading).
#[derive(Serialize)]
struct StudyText<'a> {
    summary: &'a str,
    sections: Vec<(&'a str, &'a str, String)>,
}

/// The studies of text part `n` of `g`'s view.
fn text_part_studies(g: &SiteGraph, n: usize) -> &[StudyId] {
    let owned = g.own_language_studies();
    owned
        .get(Routes::search_text_studies(owned.len(), n))
        .unwrap_or_default()
}

/// A text part shows what its studies' files say, and their numbers in the catalog.
pub(in crate::render) fn text_inputs(g: &SiteGraph, i: &mut Inputs, n: usize) {
    for &s in text_part_studies(g, n) {
        i.push(Dep::StudyFile(s));
        i.number(s.index());
    }
}

pub(in crate::render) fn text_part(ctx: &Ctx, n: usize) -> Vec<u8> {
    let g = ctx.g;
    let ids = text_part_studies(g, n);
    let texts: Vec<StudyText> = ids
        .iter()
        .map(|&id| &g.studies[id])
        .map(|s| {
            let doc = &s.study.doc;
            StudyText {
                summary: s.summary(),
                sections: doc
                    .sections
                    .iter()
                    .map(|section| {
                        let heading = section.heading.and_then(|h| doc.headings.get(h));
                        let mut text = String::new();
                        doc.append_text(section.events.clone(), &mut text);
                        (
                            heading.map_or("", |h| h.text.as_str()),
                            heading.map_or("", |h| h.id.as_str()),
                            text,
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let mut out = b"casebookSearch.text(".to_vec();
    let ids: Vec<usize> = ids.iter().map(|s| s.index()).collect();
    let _ = serde_json::to_writer(&mut out, &ids);
    out.push(b',');
    let _ = serde_json::to_writer(&mut out, &texts);
    out.extend_from_slice(b");\n");
    out
}
