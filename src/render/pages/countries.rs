//! The list of countries, with their numbers of studies.

use crate::graph::SiteGraph;
use crate::render::context::{CountedLink, Ctx};
use crate::render::inputs::{Dep, Inputs};
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context) {
    let countries: Vec<CountedLink> = ctx
        .g
        .countries
        .enumerate()
        .map(|(k, country)| CountedLink {
            title: &country.name,
            url: ctx.url(Route::Country(k, 1)),
            count: country.studies.len(),
        })
        .collect();
    c.insert(
        "page",
        &ctx.meta(
            ctx.text(Text::Countries).to_string(),
            ctx.text(Text::CountriesDescription),
            Route::CountryList,
            "countries",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert("countries", &countries);
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs) {
    i.chrome(g);
    for (k, country) in g.countries.enumerate() {
        i.push(Dep::CountryName(k));
        i.number(country.studies.len());
    }
    i.number(g.countries.len());
}
