//! Membership: the studies of each city, country and topic (newest first), the cities of each
//! country and topic (by name), and each city's fast facts, each from the newest dated source
//! among its profile and the studies that name it first.

use super::ids::CityId;
use super::{as_of, AsOf, CityFact, FactOrigin, SiteGraph};
use crate::load::FastFact;

pub(super) fn link(g: &mut SiteGraph) {
    // Studies are in id order, newest first, so every list is too.
    for (s, node) in g.studies.enumerate() {
        for &c in &node.cities {
            g.cities[c].studies.push(s);
        }
        g.countries[node.country].studies.push(s);
        for &t in &node.topics {
            g.topics[t].studies.push(s);
            g.topics[t].cities.extend_from_slice(&node.cities);
        }
    }
    for (c, city) in g.cities.enumerate() {
        g.countries[city.country].cities.push(c);
    }
    for t in g.topics.iter_mut() {
        t.cities.sort_unstable();
        t.cities.dedup();
    }
    let ids: Vec<CityId> = g.cities.ids().collect();
    for c in ids {
        let facts = city_facts(g, c);
        g.cities[c].fast_facts = facts;
    }
}

/// A city's facts: for each fact, the value from the best dated source among its profile and the
/// studies that name it first. A value written with its year (`{value, year}`) says when it
/// held, and the newest such wins; a value in a study without a year was only quoted there, as
/// of the study's date, and gives way to any value with a year of its own; a plain value in the
/// profile has no date and gives way to both. Then the first written wins (profile, then newer
/// studies). Facts keep the order in which they are first seen.
fn city_facts(g: &SiteGraph, c: CityId) -> Vec<CityFact> {
    let city = &g.cities[c];
    let from_profile = city
        .profile
        .iter()
        .flat_map(|p| p.fast_facts.iter().map(|f| (f, FactOrigin::Profile)));
    let from_studies = city
        .studies
        .iter()
        .filter(|&&s| g.studies[s].primary_city() == c)
        .flat_map(|&s| {
            let study = &g.studies[s].study;
            (study.fast_facts.iter()).map(move |f| (f, FactOrigin::Study(s, study.date)))
        });
    let rank = |f: &FastFact, from: FactOrigin| {
        as_of(f, from).map(|a| (matches!(a, AsOf::Year(_)), a.year(), a))
    };
    let mut chosen: Vec<CityFact> = Vec::new();
    for (fact, from) in from_profile.chain(from_studies) {
        match chosen.iter_mut().find(|c| c.fact.key == fact.key) {
            Some(current) if rank(fact, from) > rank(&current.fact, current.from) => {
                *current = CityFact {
                    fact: fact.clone(),
                    from,
                };
            }
            Some(_) => {}
            None => chosen.push(CityFact {
                fact: fact.clone(),
                from,
            }),
        }
    }
    chosen
}
