//! The list of cities, grouped by country.

use super::country_groups;
use crate::graph::SiteGraph;
use crate::render::context::Ctx;
use crate::render::inputs::Inputs;
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context) {
    let count = ctx.g.cities.len();
    c.insert(
        "page",
        &ctx.meta(
            ctx.text(Text::Cities).to_string(),
            &ctx.fill_count(Text::CitiesDescription, count, &[]),
            Route::CityList,
            "cities",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert("groups", &country_groups(ctx, usize::MAX));
    c.insert("city_count", &count);
    c.insert("map", &super::maps::map_of(ctx, ctx.g.cities.ids(), None));
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs) {
    i.chrome(g);
    i.number(g.cities.len());
    super::country_group_inputs(g, i, usize::MAX);
    super::maps::map_inputs(g, i, g.cities.ids());
}
