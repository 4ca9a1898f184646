//! Open data for spreadsheets: `data/case-studies.csv` and `data/cities.csv`, one row per item
//! with its fast facts, city, country, topics, date and URL.
//!
//! UTF-8 with a byte-order mark (without it, Excel reads UTF-8 as the local code page), fields
//! quoted where they need it (the csv crate), lists joined with `; `. The fact columns are the
//! standard facts first (mayor, population, area_km2, signatory_since, notes), then every other
//! fact key the site uses, in alphabetical order. Fields are described in docs/open-data.md.

use crate::load::{FactValue, FastFact};
use crate::render::context::Ctx;
use crate::routes::Route;

use crate::load::STANDARD_FACTS;

/// The fact columns for items with these facts.
fn fact_columns<'a>(facts: impl Iterator<Item = &'a FastFact>) -> Vec<String> {
    let mut others: Vec<&str> = facts
        .map(|f| f.key.as_str())
        .filter(|k| !STANDARD_FACTS.contains(k))
        .collect();
    others.sort_unstable();
    others.dedup();
    STANDARD_FACTS
        .iter()
        .copied()
        .chain(others)
        .map(str::to_string)
        .collect()
}

/// The value of fact `key`, as a cell.
fn fact_cell<'a>(mut facts: impl Iterator<Item = &'a FastFact>, key: &str) -> String {
    match facts.find(|f| f.key == key).map(|f| &f.value) {
        Some(FactValue::Text(t)) => t.clone(),
        Some(FactValue::Population(n)) => n.to_string(),
        Some(FactValue::AreaKm2(a)) => a.to_string(),
        Some(FactValue::Year(y)) => y.to_string(),
        Some(FactValue::List(items)) => items.join("; "),
        None => String::new(),
    }
}

/// Writes a header and rows; an in-memory writer cannot fail.
fn write_csv(header: Vec<String>, rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let _ = w.write_record(&header);
        for row in rows {
            let _ = w.write_record(&row);
        }
        let _ = w.flush();
    }
    out
}

pub(super) fn studies(ctx: &Ctx) -> Vec<u8> {
    let g = ctx.g;
    let facts = fact_columns(g.studies.iter().flat_map(|s| s.study.fast_facts.iter()));
    let mut header: Vec<String> = [
        "slug", "title", "date", "url", "city", "cities", "country", "topics", "summary", "sources",
    ]
    .map(str::to_string)
    .to_vec();
    header.extend(facts.iter().cloned());
    let rows = g.studies.enumerate().map(|(id, s)| {
        let mut row = vec![
            s.study.slug.clone(),
            s.study.title.clone(),
            s.study.date.to_string(),
            ctx.routes.absolute_url(Route::Study(id)),
            g.cities[s.primary_city()].name.clone(),
            s.cities
                .iter()
                .map(|&c| g.cities[c].name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            g.countries[s.country].name.clone(),
            s.topics
                .iter()
                .map(|&t| g.topics[t].name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            s.summary().to_string(),
            s.study
                .sources
                .iter()
                .map(|src| match &src.url {
                    Some(url) => format!("{} <{url}>", src.title),
                    None => src.title.clone(),
                })
                .collect::<Vec<_>>()
                .join("; "),
        ];
        row.extend(
            facts
                .iter()
                .map(|k| fact_cell(s.study.fast_facts.iter(), k)),
        );
        row
    });
    write_csv(header, rows)
}

pub(super) fn cities(ctx: &Ctx) -> Vec<u8> {
    let g = ctx.g;
    let facts = fact_columns(
        g.cities
            .iter()
            .flat_map(|c| c.fast_facts.iter().map(|f| &f.fact)),
    );
    let mut header: Vec<String> = [
        "slug",
        "name",
        "url",
        "country",
        "region",
        "lat",
        "lon",
        "aliases",
        "partners",
        "studies",
        "fast_facts_as_of",
    ]
    .map(str::to_string)
    .to_vec();
    header.extend(facts.iter().cloned());
    let rows = g.cities.enumerate().map(|(id, c)| {
        let profile = c.profile.as_ref();
        let coordinates = profile.and_then(|p| p.coordinates);
        let mut row = vec![
            c.slug.clone(),
            c.name.clone(),
            ctx.routes.absolute_url(Route::City(id)),
            g.countries[c.country].name.clone(),
            profile.and_then(|p| p.region.clone()).unwrap_or_default(),
            coordinates.map_or_else(String::new, |(lat, _)| lat.to_string()),
            coordinates.map_or_else(String::new, |(_, lon)| lon.to_string()),
            c.aliases.join("; "),
            c.partners
                .iter()
                .map(|&p| g.cities[p].name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            c.studies.len().to_string(),
            // The newest date of its facts.
            (c.fast_facts.iter().filter_map(|f| f.as_of()))
                .max_by_key(|a| (a.year(), *a))
                .map_or_else(String::new, super::open_data::as_of_text),
        ];
        row.extend(
            facts
                .iter()
                .map(|k| fact_cell(c.fast_facts.iter().map(|f| &f.fact), k)),
        );
        row
    });
    write_csv(header, rows)
}
