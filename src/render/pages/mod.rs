//! One module per kind of page. Each fills the template context of its route from the graph;
//! the route layer names the template (`Routes::template`) and the output path.

mod cities;
mod city;
mod countries;
mod country;
mod home;
mod not_found;
mod page;
mod search;
mod study;
mod study_list;
mod topic;
mod topics;

use super::context::{CountedLink, Ctx, Link};
use crate::routes::Route;
use serde::Serialize;

/// How many items a "more of the same" list shows before linking to the full list.
const SHORT_LIST: usize = 12;

/// Fills `c` with what the page of `route` shows. Routes that are not HTML pages leave it empty.
pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, route: Route) {
    match route {
        Route::Home => home::fill_context(ctx, c),
        Route::StudyList(n) => study_list::fill_context(ctx, c, n),
        Route::Study(s) => study::fill_context(ctx, c, s),
        Route::CityList => cities::fill_context(ctx, c),
        Route::City(id) => city::fill_context(ctx, c, id),
        Route::CountryList => countries::fill_context(ctx, c),
        Route::Country(k, n) => country::fill_context(ctx, c, k, n),
        Route::TopicList => topics::fill_context(ctx, c),
        Route::Topic(t, n) => topic::fill_context(ctx, c, t, n),
        Route::Page(p) => page::fill_context(ctx, c, p),
        Route::Search => search::fill_context(ctx, c),
        Route::NotFound => not_found::fill_context(ctx, c),
        Route::StudyFile(..) | Route::Data(_) | Route::ThemeFile(_) => {}
    }
}

/// A country with (some of) its cities, for the home page and the list of cities.
#[derive(Serialize)]
struct CountryGroup<'a> {
    country: Link<'a>,
    cities: Vec<Link<'a>>,
    /// Cities not listed here (see the country page).
    more: usize,
}

/// Every country with its first `limit` cities.
fn country_groups<'g>(ctx: &Ctx<'g>, limit: usize) -> Vec<CountryGroup<'g>> {
    ctx.g
        .countries
        .enumerate()
        .map(|(k, country)| CountryGroup {
            country: ctx.country_link(k),
            cities: ctx.city_links(country.cities.iter().copied().take(limit)),
            more: country.cities.len().saturating_sub(limit),
        })
        .collect()
}

/// Every topic with its number of studies.
fn topic_links<'g>(ctx: &Ctx<'g>) -> Vec<CountedLink<'g>> {
    ctx.g
        .topics
        .enumerate()
        .map(|(t, topic)| CountedLink {
            title: &topic.name,
            url: ctx.url(Route::Topic(t, 1)),
            count: topic.studies.len(),
        })
        .collect()
}
