//! Membership: the studies of each city, country and topic (newest first), the cities of each
//! country and topic (by name), and the fast facts of cities without a profile, which come from
//! the newest study that names the city first.

use super::ids::{CityId, StudyId};
use super::SiteGraph;

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
        if g.cities[c].profile.is_some() {
            continue;
        }
        let newest: Option<StudyId> = g.cities[c].studies.iter().copied().find(|&s| {
            g.studies[s].primary_city() == c && !g.studies[s].study.fast_facts.is_empty()
        });
        if let Some(s) = newest {
            let study = &g.studies[s].study;
            g.cities[c].fast_facts = study.fast_facts.clone();
            g.cities[c].facts_from = Some((s, study.date));
        }
    }
}
