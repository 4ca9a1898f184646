//! `search-index.json`: what the search page searches (titles, cities and their other spellings,
//! countries, topics, summaries), with short keys to keep it small: every reader who searches
//! downloads it.

use super::{to_json, Lazy};
use crate::render::context::Ctx;
use crate::routes::Route;
use serde::Serialize;

#[derive(Serialize)]
struct SearchIndex<S, C> {
    studies: S,
    cities: C,
}

/// Short keys keep the index small: it is downloaded by every reader who searches.
#[derive(Serialize)]
struct SearchStudy<'a> {
    t: &'a str,
    u: std::borrow::Cow<'a, str>,
    d: String,
    c: Vec<&'a str>,
    /// Other spellings of its cities, so a search for "Kon Kaen" finds Khon Kaen's studies.
    a: Vec<&'a str>,
    k: &'a str,
    g: Vec<&'a str>,
    s: &'a str,
}

#[derive(Serialize)]
struct SearchCity<'a> {
    n: &'a str,
    a: &'a [String],
    u: std::borrow::Cow<'a, str>,
    k: &'a str,
    m: usize,
}

pub(super) fn search_index(ctx: &Ctx) -> Vec<u8> {
    let g = ctx.g;
    let index = SearchIndex {
        studies: Lazy(|| {
            g.studies.enumerate().map(|(id, s)| SearchStudy {
                t: &s.study.title,
                u: ctx.url(Route::Study(id)),
                d: s.study.date.to_string(),
                c: s.cities
                    .iter()
                    .map(|&c| g.cities[c].name.as_str())
                    .collect(),
                a: s.cities
                    .iter()
                    .flat_map(|&c| g.cities[c].aliases.iter().map(String::as_str))
                    .collect(),
                k: &g.countries[s.country].name,
                g: s.topics
                    .iter()
                    .map(|&t| g.topics[t].name.as_str())
                    .collect(),
                s: s.summary(),
            })
        }),
        cities: Lazy(|| {
            g.cities.enumerate().map(|(id, c)| SearchCity {
                n: &c.name,
                a: &c.aliases,
                u: ctx.url(Route::City(id)),
                k: &g.countries[c.country].name,
                m: c.studies.len(),
            })
        }),
    };
    to_json(&index, g.studies.len() + g.cities.len(), 400)
}
