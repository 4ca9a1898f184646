//! How old the facts that cities show are, against the limits of `site.yaml` `freshness`
//! (`population: 10 years`): used by `check` (warnings at the line of each value) and by
//! `casebook report`.

use crate::graph::{CityId, FactOrigin, SiteGraph};
use crate::text::Date;
use std::path::PathBuf;

/// A fact a city shows that is older than its limit, or has no year while a limit is set.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleFact {
    pub city: CityId,
    pub key: String,
    /// The year the value held; none when it has none (a plain value in a profile).
    pub year: Option<u16>,
    pub limit_years: u16,
    /// Where the value is written, relative to the site root.
    pub file: PathBuf,
    pub pos: crate::diagnostics::Position,
}

/// Every fact shown on a city's page that is past its limit on `today`, city by city.
pub fn stale_facts(g: &SiteGraph, today: Date) -> Vec<StaleFact> {
    let mut found = Vec::new();
    for (c, city) in g.cities.enumerate() {
        for shown in &city.fast_facts {
            let Some(&(_, limit)) = g
                .config
                .freshness
                .iter()
                .find(|(k, _)| *k == shown.fact.key)
            else {
                continue;
            };
            let year = shown.as_of().map(|a| a.year());
            if year.is_some_and(|y| today.year.saturating_sub(y) <= limit) {
                continue;
            }
            let file = match shown.from {
                FactOrigin::Study(s, _) => g.studies[s].study.source.path.clone(),
                FactOrigin::Profile => match &city.profile {
                    Some(p) => p.source.path.clone(),
                    None => continue,
                },
            };
            found.push(StaleFact {
                city: c,
                key: shown.fact.key.clone(),
                year,
                limit_years: limit,
                file,
                pos: shown.fact.pos,
            });
        }
    }
    found
}
