//! Open data: `data/case-studies.json` and `data/cities.json`, every case study and city with its fast
//! facts, sources and links, for researchers and other tools.

use super::{to_json, Lazy};
use crate::load::{FactValue, FastFact};
use crate::render::context::Ctx;
use crate::routes::Route;
use serde::Serialize;

/// Fast facts as a JSON object, keys in the order written.
struct Facts<'a>(&'a [FastFact]);

impl Serialize for Facts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for f in self.0 {
            match &f.value {
                FactValue::Text(t) => map.serialize_entry(&f.key, t)?,
                FactValue::Population(n) => map.serialize_entry(&f.key, n)?,
                FactValue::AreaKm2(a) => map.serialize_entry(&f.key, a)?,
                FactValue::Year(y) => map.serialize_entry(&f.key, y)?,
                FactValue::List(items) => map.serialize_entry(&f.key, items)?,
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
                    fast_facts: Facts(&s.study.fast_facts),
                    sources: &s.study.sources,
                    related: s
                        .related
                        .iter()
                        .map(|&r| g.studies[r].study.slug.as_str())
                        .collect(),
                })
            }),
        },
        g.studies.len(),
        900,
    )
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
    fast_facts_as_of: Option<String>,
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
                        fast_facts: Facts(&c.fast_facts),
                        fast_facts_as_of: c.facts_from.map(|(_, d)| d.to_string()),
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
