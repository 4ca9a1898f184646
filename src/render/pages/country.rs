//! A country: its cities (on the first page) and its studies, in pages.

use super::StudyGroup;
use crate::graph::CountryId;
use crate::graph::SiteGraph;
use crate::render::context::{CountedLink, Ctx};
use crate::render::inputs::{Dep, Inputs};
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, k: CountryId, n: usize) {
    let g = ctx.g;
    let country = &g.countries[k];
    // The city list shows on the first page only; later pages do not build it.
    let shown = if n == 1 { &country.cities[..] } else { &[] };
    let cities: Vec<CountedLink> = shown
        .iter()
        .map(|&i| CountedLink {
            title: &g.cities[i].name,
            url: ctx.url(Route::City(i)),
            count: g.cities[i].studies.len(),
        })
        .collect();
    let description = ctx.fill_count(
        Text::CountryDescription,
        country.studies.len(),
        &[
            (
                "cities",
                &ctx.theme.locale.whole_number(country.cities.len() as u64),
            ),
            ("country", &country.name),
        ],
    );
    let group = StudyGroup {
        name: &country.name,
        studies: &country.studies,
        description,
        kind: "country",
        feed: crate::routes::FeedOf::Country(k),
        list: (Text::Countries, Route::CountryList),
    };
    super::fill_group_page(ctx, c, group, n, |p| Route::Country(k, p));
    c.insert("country", &ctx.country_link(k));
    c.insert("cities", &cities);
    if n == 1 {
        let map = super::maps::map_of(
            ctx,
            shown.iter().copied(),
            Some(super::maps::COUNTRY_WINDOW),
        );
        c.insert("map", &map);
    }
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs, k: CountryId, n: usize) {
    i.chrome(g);
    let country = &g.countries[k];
    i.push(Dep::CountryName(k));
    i.number(n);
    i.number(country.studies.len());
    i.number(country.cities.len());
    if n == 1 {
        for &c in &country.cities {
            i.push(Dep::CityName(c));
            i.number(g.cities[c].studies.len());
        }
        super::maps::map_inputs(g, i, country.cities.iter().copied());
    }
    i.cards(super::page_of(g, &country.studies, n).iter().copied());
}
