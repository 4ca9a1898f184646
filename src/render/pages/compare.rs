//! `/cities/compare/`: every city and its fast facts in one table (with years and sources), the
//! population density derived where population and area are known. Readable without
//! JavaScript; the theme's `compare.js` makes the columns sortable.

use crate::graph::{CityId, DocRef, FactOrigin, SiteGraph};
use crate::load::fact_key;
use crate::load::FactValue;
use crate::render::context::{Ctx, Link};
use crate::render::facts::{bare_value, density_per_km2, label};
use crate::render::inputs::{Dep, Inputs};
use crate::routes::Route;
use crate::theme::Text;
use serde::Serialize;

#[derive(Serialize)]
struct Column {
    key: String,
    label: String,
    /// The unit, for the header (`km²`).
    unit: Option<String>,
    numeric: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    city: Link<'a>,
    country: Link<'a>,
    cells: Vec<Cell<'a>>,
}

#[derive(Default, Serialize)]
struct Cell<'a> {
    text: String,
    /// What the column sorts by: the number, or the text.
    sort: String,
    year: Option<u16>,
    /// Where the value comes from: its source, or else the study it was taken from.
    source: Option<&'a str>,
    source_url: Option<std::borrow::Cow<'a, str>>,
}

/// The columns: every fact key a city has (lists left out), in the site's order, then by how
/// many cities have it; the density after the area.
fn columns(ctx: &Ctx) -> Vec<Column> {
    let g = ctx.g;
    let mut keys: Vec<(&str, usize, bool)> = Vec::new();
    for city in g.cities.iter() {
        for f in &city.fast_facts {
            if matches!(f.fact.value, FactValue::List(_)) {
                continue;
            }
            // A column is numeric when every value in it is a number.
            let numeric = bare_value(ctx, &f.fact.value).is_some_and(|(_, n)| n.is_some());
            match keys.iter_mut().find(|(k, _, _)| *k == f.fact.key) {
                Some(k) => {
                    k.1 += 1;
                    k.2 &= numeric;
                }
                None => keys.push((&f.fact.key, 1, numeric)),
            }
        }
    }
    let order = &g.config.fact_labels.order;
    let rank = |k: &str| order.iter().position(|o| o == k).unwrap_or(order.len());
    keys.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then(b.1.cmp(&a.1)));
    let mut columns: Vec<Column> = keys
        .iter()
        .map(|&(key, _, numeric)| Column {
            key: key.to_string(),
            label: label(ctx, key),
            unit: (key == fact_key::AREA_KM2).then(|| ctx.text(Text::UnitKm2).to_string()),
            numeric,
        })
        .collect();
    if keys.iter().any(|k| k.0 == fact_key::POPULATION)
        && keys.iter().any(|k| k.0 == fact_key::AREA_KM2)
    {
        let at = columns
            .iter()
            .position(|c| c.key == fact_key::AREA_KM2)
            .map_or(columns.len(), |i| i + 1);
        columns.insert(
            at,
            Column {
                key: "density".into(),
                label: ctx.text(Text::FactDensity).to_string(),
                unit: Some(ctx.text(Text::UnitDensity).to_string()),
                numeric: true,
            },
        );
    }
    columns
}

fn row<'a>(ctx: &'a Ctx, id: CityId, columns: &[Column]) -> Row<'a> {
    let g = ctx.g;
    let city = &g.cities[id];
    let find = |key: &str| city.fast_facts.iter().find(|f| f.fact.key == key);
    let cells = columns
        .iter()
        .map(|col| {
            if col.key == "density" {
                let value = find(fact_key::POPULATION)
                    .zip(find(fact_key::AREA_KM2))
                    .and_then(|(p, a)| density_per_km2(&p.fact.value, &a.fact.value));
                return value.map_or_else(Cell::default, |d| Cell {
                    text: ctx.theme.locale.number(d),
                    sort: d.to_string(),
                    ..Cell::default()
                });
            }
            let Some(shown) = find(&col.key) else {
                return Cell::default();
            };
            let Some((text, number)) = bare_value(ctx, &shown.fact.value) else {
                return Cell::default();
            };
            let written = &shown.fact.source;
            // The source written with the value; else the study it was taken from, named by
            // the theme (its title would tie this page to every study's text).
            let (source, source_url) = match (&written.name, &written.url, shown.from) {
                (None, None, FactOrigin::Study(s, _)) => (
                    Some(ctx.text(Text::CompareFromStudy)),
                    Some(ctx.url(Route::Study(s))),
                ),
                (name, url, _) => (
                    name.as_deref().or(url.as_deref()),
                    url.as_deref().map(std::borrow::Cow::Borrowed),
                ),
            };
            Cell {
                sort: number.map_or_else(|| text.to_lowercase(), |n| n.to_string()),
                text,
                year: shown.as_of().map(|a| a.year()),
                source,
                source_url,
            }
        })
        .collect();
    Row {
        city: ctx.city_link(id),
        country: ctx.country_link(city.country),
        cells,
    }
}

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context) {
    let columns = columns(ctx);
    let rows: Vec<Row> = ctx
        .g
        .cities
        .ids()
        .map(|id| row(ctx, id, &columns))
        .collect();
    c.insert(
        "page",
        &ctx.meta(
            ctx.text(Text::CompareTitle).to_string(),
            &ctx.fill_count(Text::CompareDescription, ctx.g.cities.len(), &[]),
            Route::CityCompare,
            "compare",
        ),
    );
    c.insert(
        "breadcrumbs",
        &ctx.crumbs(&[(ctx.text(Text::Cities), Route::CityList)]),
    );
    c.insert("columns", &columns);
    c.insert("rows", &rows);
}

/// Every city's name and facts: their profiles and the studies their facts come from.
pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs) {
    i.chrome(g);
    i.number(g.cities.len());
    for (id, city) in g.cities.enumerate() {
        i.push(Dep::CityName(id));
        i.push(Dep::CountryName(city.country));
        if city.profile.is_some() {
            i.push(Dep::CityProfile(id));
        }
        // The facts the city takes from its studies, and the links to them; not their text:
        // an edit to a study's text does not touch this (large) page.
        for &s in &city.studies {
            if g.studies[s].primary_city() == id {
                i.deps
                    .extend([Dep::StudyFacts(s), Dep::LinkTo(DocRef::Study(s))]);
            }
        }
    }
}
