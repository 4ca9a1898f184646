//! The change seam: after an edit, which outputs of the site can change, so that a rebuild
//! renders only those and keeps the rest.
//!
//! [`affected`] takes the routes of the site before and after the edit (each graph resolved in
//! full from content that shares its unchanged items) and the files that changed, and compares
//! the two route by route, without rendering. A route of the new site is rendered again when:
//!
//! - its output is new (a new study, a new page of a list), or was another kind of page before;
//! - what it reads differs from what the same output read before: other items, in another order,
//!   other counts or page numbers ([`crate::render::route_inputs`], listed by each page module
//!   beside the code that renders it), or
//! - an item it reads changed: a study, profile or page whose file changed, a city, country or
//!   topic whose name changed, a study whose card shows another city or country name.
//!
//! Items are matched between the two builds by slug, which is what decides their URLs. Data files
//! and feeds are always rendered again; a change to `site.yaml` or to the theme renders everything.
//! Outputs the new site no longer has are listed for removal.
//!
//! On a site in several languages the seam compares each language's view of the two builds
//! ([`crate::graph::views`]) on its own. A changed translation counts as a change of its source
//! document in the view of its language, which shows the translation in the source's place; in
//! every other view only the document's own page changes (it links its translations: the
//! switcher, the head's alternates, JSON-LD).

use crate::graph::{DocRef, Id, SiteGraph, StudyId, Table};
use crate::render::inputs::{Dep, Inputs};
use crate::render::route_inputs;
use crate::routes::{Route, Routes};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What an edit changes in the built site.
#[derive(Debug, Default)]
pub struct SiteChange {
    /// Routes of the new site to render (again).
    pub render: Vec<Route>,
    /// Output paths of the old site that the new one does not have.
    pub remove: Vec<String>,
    /// Whether everything is rendered again (the configuration or the theme changed).
    pub everything: bool,
}

/// The routes of `new` whose output can differ from `old`'s after the files `changed` (relative
/// to the site root) were edited, added or deleted.
pub fn affected(old: &Routes, new: &Routes, changed: &[PathBuf]) -> SiteChange {
    let new_routes = new.all();
    let new_paths: HashSet<String> = new_routes.iter().map(|&r| new.output_path(r)).collect();
    let remove: Vec<String> = old
        .all()
        .into_iter()
        .map(|r| old.output_path(r))
        .filter(|p| !new_paths.contains(p))
        .collect();
    let site_wide = changed
        .iter()
        .any(|p| p == Path::new("site.yaml") || p.starts_with("themes"));
    if site_wide {
        return SiteChange {
            render: new_routes,
            remove,
            everything: true,
        };
    }

    let (g0, g1) = (old.graph(), new.graph());
    // The sources whose translations changed, in any language and in this view's.
    let retranslated: HashSet<&Path> = [g0, g1]
        .iter()
        .flat_map(|g| g.sources_translated_by(changed, None))
        .collect();
    let shown = [g0, g1].map(|g| match g.view.as_deref() {
        Some(language) => g.sources_translated_by(changed, Some(language)),
        None => Vec::new(),
    });
    let changed: HashSet<&Path> = changed
        .iter()
        .map(PathBuf::as_path)
        .chain(shown.iter().flatten().copied())
        .collect();
    let own_page_retranslated = |r: Route| {
        r.doc_ref()
            .and_then(|d| g1.doc_source(d))
            .is_some_and(|o| retranslated.contains(o.path.as_path()))
    };
    let map = IdMap::new(g0, g1);
    let flags = Flags::new(g0, g1, &map, &changed);
    let old_by_path: HashMap<String, Route> = old
        .all()
        .into_iter()
        .map(|r| (old.output_path(r), r))
        .collect();
    // Comparing every route's inputs is the cost of this step: spread it over the cores.
    let render = new_routes
        .into_par_iter()
        .filter(|&r1| {
            let Some(&r0) = old_by_path.get(&new.output_path(r1)) else {
                return true;
            };
            if std::mem::discriminant(&r0) != std::mem::discriminant(&r1) {
                return true;
            }
            match r1 {
                r if Routes::reads_every_item(r) => true,
                Route::ThemeFile(_) => false,
                Route::StudyFile(s, i) => {
                    flags.study_file[s.index()]
                        || g1.studies[s]
                            .study
                            .bundle_dir
                            .as_ref()
                            .zip(g1.studies[s].study.assets.get(i))
                            .is_some_and(|(dir, name)| changed.contains(dir.join(name).as_path()))
                }
                page if own_page_retranslated(page) => true,
                page => {
                    let before = map.translate(route_inputs(g0, r0));
                    let after = route_inputs(g1, page);
                    before != after || after.deps.iter().any(|&d| flags.changed(d))
                }
            }
        })
        .collect();
    SiteChange {
        render,
        remove,
        everything: false,
    }
}

/// Old ids -> new ids, by slug.
struct IdMap {
    studies: Vec<Option<usize>>,
    cities: Vec<Option<usize>>,
    countries: Vec<Option<usize>>,
    topics: Vec<Option<usize>>,
    pages: Vec<Option<usize>>,
}

impl IdMap {
    fn new(g0: &SiteGraph, g1: &SiteGraph) -> IdMap {
        fn by_slug<'a>(
            old: impl Iterator<Item = &'a str>,
            new: impl Iterator<Item = &'a str>,
        ) -> Vec<Option<usize>> {
            let index: HashMap<&str, usize> = new.enumerate().map(|(i, s)| (s, i)).collect();
            old.map(|s| index.get(s).copied()).collect()
        }
        IdMap {
            studies: by_slug(
                g0.studies.iter().map(|s| s.study.slug.as_str()),
                g1.studies.iter().map(|s| s.study.slug.as_str()),
            ),
            cities: by_slug(
                g0.cities.iter().map(|c| c.slug.as_str()),
                g1.cities.iter().map(|c| c.slug.as_str()),
            ),
            countries: by_slug(
                g0.countries.iter().map(|c| c.slug.as_str()),
                g1.countries.iter().map(|c| c.slug.as_str()),
            ),
            topics: by_slug(
                g0.topics.iter().map(|t| t.slug.as_str()),
                g1.topics.iter().map(|t| t.slug.as_str()),
            ),
            pages: by_slug(
                g0.pages.iter().map(|p| p.page.slug.as_str()),
                g1.pages.iter().map(|p| p.page.slug.as_str()),
            ),
        }
    }

    /// The inputs of an old route in the new build's ids.
    fn translate(&self, mut inputs: Inputs) -> Inputs {
        fn id<I: Id>(map: &[Option<usize>], old: I) -> Option<I> {
            map.get(old.index()).copied().flatten().map(I::from_index)
        }
        inputs.map(|d| {
            let mapped = match d {
                Dep::StudyFile(s) => id(&self.studies, s).map(Dep::StudyFile),
                Dep::StudyCard(s) => id(&self.studies, s).map(Dep::StudyCard),
                Dep::StudyFacts(s) => id(&self.studies, s).map(Dep::StudyFacts),
                Dep::CityName(c) => id(&self.cities, c).map(Dep::CityName),
                Dep::CityProfile(c) => id(&self.cities, c).map(Dep::CityProfile),
                Dep::CountryName(k) => id(&self.countries, k).map(Dep::CountryName),
                Dep::TopicName(t) => id(&self.topics, t).map(Dep::TopicName),
                Dep::PageTitle(p) => id(&self.pages, p).map(Dep::PageTitle),
                Dep::PageFile(p) => id(&self.pages, p).map(Dep::PageFile),
                Dep::LinkTo(DocRef::Study(s)) => {
                    id(&self.studies, s).map(|s| Dep::LinkTo(DocRef::Study(s)))
                }
                Dep::LinkTo(DocRef::City(c)) => {
                    id(&self.cities, c).map(|c| Dep::LinkTo(DocRef::City(c)))
                }
                Dep::LinkTo(DocRef::Page(p)) => {
                    id(&self.pages, p).map(|p| Dep::LinkTo(DocRef::Page(p)))
                }
                Dep::Number(_) | Dep::Gone => Some(d),
            };
            mapped.unwrap_or(Dep::Gone)
        });
        inputs
    }
}

/// For each item of `new`, whether it is new or its name differs from the item it was (`old_of`
/// maps new positions to old ones).
fn renamed<I: Id, T>(
    new: &Table<I, T>,
    old: &Table<I, T>,
    old_of: &[Option<usize>],
    name: impl Fn(&T) -> &str,
) -> Vec<bool> {
    new.iter()
        .zip(old_of)
        .map(|(item, o)| {
            o.is_none_or(|o| {
                old.as_slice()
                    .get(o)
                    .is_none_or(|was| name(was) != name(item))
            })
        })
        .collect()
}

/// Which items of the new build changed, by new id.
struct Flags {
    study_file: Vec<bool>,
    study_card: Vec<bool>,
    city_name: Vec<bool>,
    city_profile: Vec<bool>,
    country_name: Vec<bool>,
    topic_name: Vec<bool>,
    page_title: Vec<bool>,
    page_file: Vec<bool>,
}

impl Flags {
    fn new(g0: &SiteGraph, g1: &SiteGraph, map: &IdMap, changed: &HashSet<&Path>) -> Flags {
        // New id -> old id.
        fn inverse(map: &[Option<usize>], len: usize) -> Vec<Option<usize>> {
            let mut inv = vec![None; len];
            for (old, new) in map.iter().enumerate() {
                if let Some(new) = new {
                    inv[*new] = Some(old);
                }
            }
            inv
        }
        let studies = inverse(&map.studies, g1.studies.len());
        let cities = inverse(&map.cities, g1.cities.len());
        let countries = inverse(&map.countries, g1.countries.len());
        let topics = inverse(&map.topics, g1.topics.len());
        let pages = inverse(&map.pages, g1.pages.len());
        let file_changed = |old: Option<&Path>, new: Option<&Path>| match (old, new) {
            (Some(o), Some(n)) => o != n || changed.contains(n),
            (None, None) => false,
            _ => true,
        };

        let study_file: Vec<bool> = g1
            .studies
            .enumerate()
            .map(|(s, node)| {
                let old = studies[s.index()].map(|o| {
                    g0.studies[StudyId::from_index(o)]
                        .study
                        .source
                        .path
                        .as_path()
                });
                file_changed(old, Some(&node.study.source.path)) || old.is_none()
            })
            .collect();
        let study_card = g1
            .studies
            .enumerate()
            .map(|(s, node)| {
                let Some(o) = studies[s.index()] else {
                    return true;
                };
                let before = &g0.studies[StudyId::from_index(o)];
                let (c0, c1) = (
                    &g0.cities[before.primary_city()],
                    &g1.cities[node.primary_city()],
                );
                let (k0, k1) = (&g0.countries[before.country], &g1.countries[node.country]);
                study_file[s.index()]
                    || c0.name != c1.name
                    || c0.slug != c1.slug
                    || k0.name != k1.name
                    || k0.slug != k1.slug
            })
            .collect();
        let city_name = renamed(&g1.cities, &g0.cities, &cities, |c| &c.name);
        let city_profile = g1
            .cities
            .enumerate()
            .map(|(c, node)| {
                let old = cities[c.index()].and_then(|o| g0.cities.as_slice()[o].profile.as_ref());
                file_changed(
                    old.map(|p| p.source.path.as_path()),
                    node.profile.as_ref().map(|p| p.source.path.as_path()),
                ) || (node.profile.is_some() && cities[c.index()].is_none())
            })
            .collect();
        let country_name = renamed(&g1.countries, &g0.countries, &countries, |k| &k.name);
        let topic_name = renamed(&g1.topics, &g0.topics, &topics, |t| &t.name);
        let page_title = renamed(&g1.pages, &g0.pages, &pages, |p| &p.page.title);
        let page_file = g1
            .pages
            .enumerate()
            .map(|(p, node)| {
                let old =
                    pages[p.index()].map(|o| g0.pages.as_slice()[o].page.source.path.as_path());
                file_changed(old, Some(&node.page.source.path)) || old.is_none()
            })
            .collect();
        Flags {
            study_file,
            study_card,
            city_name,
            city_profile,
            country_name,
            topic_name,
            page_title,
            page_file,
        }
    }

    /// Whether the item a dep names changed (structural deps never do on their own).
    fn changed(&self, d: Dep) -> bool {
        match d {
            // Any change to its file may change its facts or date.
            Dep::StudyFile(s) | Dep::StudyFacts(s) => self.study_file[s.index()],
            Dep::StudyCard(s) => self.study_card[s.index()],
            Dep::CityName(c) => self.city_name[c.index()],
            Dep::CityProfile(c) => self.city_profile[c.index()],
            Dep::CountryName(k) => self.country_name[k.index()],
            Dep::TopicName(t) => self.topic_name[t.index()],
            Dep::PageTitle(p) => self.page_title[p.index()],
            Dep::PageFile(p) => self.page_file[p.index()],
            Dep::LinkTo(_) | Dep::Number(_) | Dep::Gone => false,
        }
    }
}
