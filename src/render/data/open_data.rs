//! Open data: `data/case-studies.json` and `data/cities.json`, every case study and city with its fast
//! facts, sources and links, for researchers and other tools.

use super::{to_json, Lazy};
use crate::graph::{AsOf, FactOrigin};
use crate::load::{FactValue, FastFact};
use std::collections::BTreeMap;

/// `2020` for a year, `2023-07-05` for a date.
pub(super) fn as_of_text(a: AsOf) -> String {
    match a {
        AsOf::Year(y) => y.to_string(),
        AsOf::Date(d) => d.to_string(),
    }
}
use crate::render::context::Ctx;
use crate::routes::Route;
use serde::Serialize;

/// Fast facts as a JSON object, keys in the order written: a plain value as it is, one written
/// with its year and source as `{value, year, source, url}`.
struct Facts<'a>(Vec<&'a FastFact>);

struct Value<'a>(&'a FactValue);

impl Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            FactValue::Text(t) => t.serialize(serializer),
            FactValue::Population(n) => n.serialize(serializer),
            FactValue::AreaKm2(a) => a.serialize(serializer),
            FactValue::Year(y) => y.serialize(serializer),
            FactValue::List(items) => items.serialize(serializer),
        }
    }
}

#[derive(Serialize)]
struct WithSource<'a> {
    value: Value<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

impl Serialize for Facts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for f in &self.0 {
            if f.source.is_empty() {
                map.serialize_entry(&f.key, &Value(&f.value))?;
            } else {
                let full = WithSource {
                    value: Value(&f.value),
                    year: f.source.year,
                    source: f.source.name.as_deref(),
                    url: f.source.url.as_deref(),
                };
                map.serialize_entry(&f.key, &full)?;
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct StudiesFile<'a, S> {
    generator: &'static str,
    site: &'a str,
    studies: S,
}

#[derive(Serialize)]
struct StudyRecord<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    url: String,
    cities: Vec<&'a str>,
    country: &'a str,
    topics: Vec<&'a str>,
    summary: &'a str,
    fast_facts: Facts<'a>,
    sources: &'a [crate::load::SourceRef],
    related: Vec<&'a str>,
    /// The study's language and its translations, on a site in several languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    translations: Vec<TranslationRecord<'a>>,
}

/// A translation of a study, in the open data.
#[derive(Serialize)]
struct TranslationRecord<'a> {
    language: &'a str,
    title: &'a str,
    url: String,
    /// `current`, `outdated` or `unstamped`.
    status: &'static str,
}

pub(super) fn studies(ctx: &Ctx) -> Vec<u8> {
    let g = ctx.g;
    to_json(
        &StudiesFile {
            generator: "casebook",
            site: &g.config.title,
            studies: Lazy(|| {
                g.studies.enumerate().map(|(id, s)| StudyRecord {
                    slug: &s.study.slug,
                    title: &s.study.title,
                    date: s.study.date.to_string(),
                    url: ctx.routes.absolute_url(Route::Study(id)),
                    cities: s
                        .cities
                        .iter()
                        .map(|&c| g.cities[c].slug.as_str())
                        .collect(),
                    country: &g.countries[s.country].name,
                    topics: s
                        .topics
                        .iter()
                        .map(|&t| g.topics[t].name.as_str())
                        .collect(),
                    summary: s.summary(),
                    fast_facts: Facts(s.study.fast_facts.iter().collect()),
                    sources: &s.study.sources,
                    related: s
                        .related
                        .iter()
                        .map(|&r| g.studies[r].study.slug.as_str())
                        .collect(),
                    language: (!g.config.languages.is_empty())
                        .then(|| crate::render::languages::tag(g, s.study.language.as_deref())),
                    translations: translations_of(ctx, id),
                })
            }),
        },
        g.studies.len(),
        900,
    )
}

/// The translations of study `s`, with their addresses and how current they are.
fn translations_of<'a>(ctx: &'a Ctx, s: crate::graph::StudyId) -> Vec<TranslationRecord<'a>> {
    let g = ctx.g;
    let mut translations = g
        .translations_of_doc(crate::graph::DocRef::Study(s))
        .peekable();
    if translations.peek().is_none() {
        return Vec::new();
    }
    let alternates = ctx.routes.alternates(Route::Study(s));
    translations
        .map(|t| TranslationRecord {
            language: crate::render::languages::tag(g, Some(&t.translation.language)),
            title: &t.translation.title.value,
            url: alternates
                .iter()
                .find(|(l, _)| *l == Some(t.translation.language.as_str()))
                .map(|(_, u)| u.clone())
                .unwrap_or_default(),
            status: t.status.name(),
        })
        .collect()
}

#[derive(Serialize)]
struct CitiesFile<'a, C> {
    generator: &'static str,
    site: &'a str,
    cities: C,
}

#[derive(Serialize)]
struct CityRecord<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    country: &'a str,
    region: Option<&'a str>,
    aliases: &'a [String],
    coordinates: Option<Coordinates>,
    fast_facts: Facts<'a>,
    /// When each fact held: its year, or the date of the study it comes from.
    fast_facts_as_of: BTreeMap<&'a str, String>,
    /// The slug of the study each fact comes from (none: the city's profile).
    fast_facts_from: BTreeMap<&'a str, &'a str>,
    partners: Vec<&'a str>,
    studies: Vec<&'a str>,
}

#[derive(Serialize)]
struct Coordinates {
    lat: f64,
    lon: f64,
}

pub(super) fn cities(ctx: &Ctx) -> Vec<u8> {
    let g = ctx.g;
    to_json(
        &CitiesFile {
            generator: "casebook",
            site: &g.config.title,
            cities: Lazy(|| {
                g.cities.enumerate().map(|(id, c)| {
                    let profile = c.profile.as_ref();
                    CityRecord {
                        slug: &c.slug,
                        name: &c.name,
                        url: ctx.routes.absolute_url(Route::City(id)),
                        country: &g.countries[c.country].name,
                        region: profile.and_then(|p| p.region.as_deref()),
                        aliases: &c.aliases,
                        coordinates: profile
                            .and_then(|p| p.coordinates)
                            .map(|(lat, lon)| Coordinates { lat, lon }),
                        fast_facts: Facts(c.fast_facts.iter().map(|f| &f.fact).collect()),
                        fast_facts_as_of: c
                            .fast_facts
                            .iter()
                            .filter_map(|f| Some((f.fact.key.as_str(), as_of_text(f.as_of()?))))
                            .collect(),
                        fast_facts_from: c
                            .fast_facts
                            .iter()
                            .filter_map(|f| match f.from {
                                FactOrigin::Study(s, _) => {
                                    Some((f.fact.key.as_str(), g.studies[s].study.slug.as_str()))
                                }
                                FactOrigin::Profile => None,
                            })
                            .collect(),
                        partners: c
                            .partners
                            .iter()
                            .map(|&p| g.cities[p].slug.as_str())
                            .collect(),
                        studies: c
                            .studies
                            .iter()
                            .map(|&s| g.studies[s].study.slug.as_str())
                            .collect(),
                    }
                })
            }),
        },
        g.cities.len(),
        600,
    )
}
