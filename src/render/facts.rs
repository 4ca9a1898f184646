//! Fast facts as readers see them: labelled (the site's labels, then the theme's, then the key
//! itself), in the configured order, with numbers and units written out, each with its year and
//! source when written with them, and the population density derived from population and area.
//! On a city's page each fact also says when it held and which study it was taken from.

use super::context::{Ctx, Link};
use super::markdown::render_inline;
use crate::graph::{as_of, AsOf, FactOrigin};
use crate::load::fact_key;
use crate::load::{FactValue, FastFact};
use crate::text::humanize_key;
use crate::theme::Text;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Fact<'a> {
    key: &'a str,
    label: String,
    /// Plain text; empty for lists.
    value: String,
    /// List items as HTML (notes may contain Markdown).
    items: Vec<String>,
    /// The year the value held, when written with it.
    year: Option<u16>,
    /// Who published the value, and where.
    source: Option<FactSourceView<'a>>,
    /// Calculated by casebook from other facts (the population density).
    derived: bool,
    /// On a city's page: when the value held (its year), or, for a value its study quotes
    /// without a year (`quoted`), the study's month; and the study it was taken from.
    as_of: Option<String>,
    quoted: bool,
    from: Option<Link<'a>>,
}

/// A list of facts; when every fact of a city comes from the same place, that place is said once
/// (`common`) instead of under each fact.
#[derive(Serialize)]
pub(super) struct FactList<'a> {
    items: Vec<Fact<'a>>,
    common: Option<Origin<'a>>,
}

#[derive(Serialize, Clone, PartialEq)]
pub(super) struct Origin<'a> {
    as_of: Option<String>,
    quoted: bool,
    from: Option<Link<'a>>,
}

#[derive(Serialize)]
pub(super) struct FactSourceView<'a> {
    name: Option<&'a str>,
    url: Option<&'a str>,
}

/// The facts of a study (`origin` none) or of a city (each with where it was written).
pub(super) fn facts<'a>(
    ctx: &'a Ctx,
    facts: impl Iterator<Item = (&'a FastFact, Option<FactOrigin>)>,
) -> FactList<'a> {
    let labels = &ctx.g.config.fact_labels;
    let all: Vec<(&FastFact, Option<FactOrigin>)> = facts.collect();
    let mut ordered: Vec<(&FastFact, Option<FactOrigin>)> = Vec::with_capacity(all.len() + 1);
    for key in &labels.order {
        ordered.extend(all.iter().filter(|(f, _)| &f.key == key));
    }
    ordered.extend(all.iter().filter(|(f, _)| !labels.order.contains(&f.key)));
    let mut shown: Vec<Fact> = ordered
        .iter()
        .map(|&(f, from)| fact(ctx, f, from))
        .collect();
    if let Some(density) = density(ctx, &all) {
        // Right after the area (or the population), where a reader looks for it.
        let at = [fact_key::AREA_KM2, fact_key::POPULATION]
            .iter()
            .find_map(|k| shown.iter().position(|f| f.key == *k))
            .map_or(shown.len(), |i| i + 1);
        shown.insert(at, density);
    }
    let origin = |f: &Fact<'a>| Origin {
        as_of: f.as_of.clone(),
        quoted: f.quoted,
        from: f.from.clone(),
    };
    let first = shown
        .first()
        .map(origin)
        .filter(|o| o.as_of.is_some() || o.from.is_some());
    let common = first.filter(|o| shown.iter().all(|f| origin(f) == *o));
    if common.is_some() {
        for f in &mut shown {
            f.as_of = None;
            f.quoted = false;
            f.from = None;
        }
    }
    FactList {
        items: shown,
        common,
    }
}

fn fact<'a>(ctx: &'a Ctx, f: &'a FastFact, from: Option<FactOrigin>) -> Fact<'a> {
    let strings = &ctx.theme.locale;
    let (value, items) = match &f.value {
        FactValue::Text(t) => (t.clone(), Vec::new()),
        FactValue::Population(n) => (strings.whole_number(*n), Vec::new()),
        FactValue::AreaKm2(a) => (
            ctx.fill(Text::AreaKm2, &[("value", &strings.number(*a))]),
            Vec::new(),
        ),
        FactValue::Year(y) => (y.to_string(), Vec::new()),
        FactValue::List(items) => (
            String::new(),
            items
                .iter()
                .map(|i| render_inline(i, ctx.g.config.raw_html))
                .collect(),
        ),
    };
    let source = (f.source.name.is_some() || f.source.url.is_some()).then_some(FactSourceView {
        name: f.source.name.as_deref(),
        url: f.source.url.as_deref(),
    });
    let mut shown = Fact {
        key: &f.key,
        label: label(ctx, &f.key),
        value,
        items,
        year: f.source.year,
        source,
        derived: false,
        as_of: None,
        quoted: false,
        from: None,
    };
    if let Some(from) = from {
        set_origin(ctx, &mut shown, f, from);
    }
    shown
}

/// On a city's page: when the value held, and the study it comes from.
fn set_origin<'a>(ctx: &'a Ctx, shown: &mut Fact<'a>, f: &FastFact, from: FactOrigin) {
    let held = as_of(f, from);
    shown.quoted = matches!(held, Some(AsOf::Date(_)));
    shown.as_of = held.map(|a| match a {
        AsOf::Year(y) => y.to_string(),
        AsOf::Date(d) => ctx.theme.locale.month_year(d),
    });
    if let FactOrigin::Study(s, _) = from {
        shown.from = Some(ctx.study_link(s));
    }
}

/// The label of fact `key`: the site's, the theme's, or the key made readable.
pub(in crate::render) fn label(ctx: &Ctx, key: &str) -> String {
    match ctx.g.config.fact_labels.labels.get(key) {
        Some(l) => l.clone(),
        None => ctx
            .theme
            .locale
            .strings
            .fact_label(key)
            .map_or_else(|| humanize_key(key), str::to_string),
    }
}

/// People per km², from a population and an area, rounded as a reader expects: whole people
/// from 10 up, one decimal below (a rural district of 3.4 per km²).
pub(super) fn density_per_km2(population: &FactValue, area: &FactValue) -> Option<f64> {
    let (FactValue::Population(people), FactValue::AreaKm2(km2)) = (population, area) else {
        return None;
    };
    if *km2 <= 0.0 {
        return None;
    }
    let per_km2 = *people as f64 / km2;
    Some(if per_km2 >= 10.0 {
        per_km2.round()
    } else {
        (per_km2 * 10.0).round() / 10.0
    })
}

/// A fact's value for a table whose column header gives the unit: the number alone
/// (`46` for an area), and the number to sort by. Lists have no cell.
pub(super) fn bare_value(ctx: &Ctx, value: &FactValue) -> Option<(String, Option<f64>)> {
    let strings = &ctx.theme.locale;
    Some(match value {
        // A number written as text (`founded: 1797`, a custom fact) sorts as a number.
        FactValue::Text(t) => (t.clone(), t.replace(',', "").trim().parse::<f64>().ok()),
        FactValue::Population(n) => (strings.whole_number(*n), Some(*n as f64)),
        FactValue::AreaKm2(a) => (strings.number(*a), Some(*a)),
        FactValue::Year(y) => (y.to_string(), Some(f64::from(*y))),
        FactValue::List(_) => return None,
    })
}

/// The population density, derived (see [`density_per_km2`]); on a city's page it holds as of
/// the population's date.
fn density<'a>(ctx: &'a Ctx, all: &[(&'a FastFact, Option<FactOrigin>)]) -> Option<Fact<'a>> {
    let find = |key: &str| all.iter().find(|(f, _)| f.key == key);
    let &(population, from) = find(fact_key::POPULATION)?;
    let &(area, _) = find(fact_key::AREA_KM2)?;
    let rounded = density_per_km2(&population.value, &area.value)?;
    let strings = &ctx.theme.locale;
    let mut shown = Fact {
        key: "density",
        label: ctx.text(Text::FactDensity).to_string(),
        value: ctx.fill(Text::DensityValue, &[("value", &strings.number(rounded))]),
        items: Vec::new(),
        year: population.source.year,
        source: None,
        derived: true,
        as_of: None,
        quoted: false,
        from: None,
    };
    if let Some(from) = from {
        set_origin(ctx, &mut shown, population, from);
    }
    Some(shown)
}
