//! One module per kind of page. Each fills the template context of its route from the graph;
//! the route layer names the template (`Routes::template`) and the output path.

mod cities;
mod city;
mod compare;
mod countries;
mod country;
mod home;
mod maps;
mod not_found;
mod page;
mod redirect;
mod report;
mod search;
mod study;
mod study_list;
mod topic;
mod topics;
mod withdrawn;

use super::context::{CountedLink, Ctx, Link};
use super::paging::Paged;
use crate::graph::SiteGraph;
use crate::render::inputs::{Dep, Inputs};
use crate::routes::Route;
use crate::theme::Text;
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
        Route::CityCompare => compare::fill_context(ctx, c),
        Route::City(id) => city::fill_context(ctx, c, id),
        Route::CountryList => countries::fill_context(ctx, c),
        Route::Country(k, n) => country::fill_context(ctx, c, k, n),
        Route::TopicList => topics::fill_context(ctx, c),
        Route::Topic(t, n) => topic::fill_context(ctx, c, t, n),
        Route::Page(p) => page::fill_context(ctx, c, p),
        Route::Search => search::fill_context(ctx, c),
        Route::NotFound => not_found::fill_context(ctx, c),
        Route::Report => report::fill_context(ctx, c),
        Route::Redirect(i) => redirect::fill_context(ctx, c, i),
        Route::Retired(i) => withdrawn::fill_context(ctx, c, i),
        Route::StudyFile(..)
        | Route::Data(_)
        | Route::Feed(_)
        | Route::SitemapPart(_)
        | Route::SearchTerms(_)
        | Route::SearchText(_)
        | Route::ThemeFile(_) => {}
    }
}

/// A group of studies shown in pages (a country, a topic).
struct StudyGroup<'a> {
    name: &'a str,
    studies: &'a [crate::graph::StudyId],
    description: String,
    kind: &'static str,
    /// The list of all groups of this kind, for the breadcrumbs.
    list: (Text, Route),
    /// The group's own feed.
    feed: crate::routes::FeedOf,
}

/// The feed a page links to (in its head, and visibly): whose it is and where.
fn insert_feed(ctx: &Ctx, c: &mut tera::Context, name: &str, of: crate::routes::FeedOf) {
    c.insert(
        "feed",
        &Link {
            title: name,
            url: ctx.url(Route::Feed(of)),
        },
    );
}

/// What the pages of a group show: title, description, breadcrumbs, the cards of page `n`, the
/// number of studies and the pager, `page(k)` being the route of page `k`.
fn fill_group_page(
    ctx: &Ctx,
    c: &mut tera::Context,
    group: StudyGroup,
    n: usize,
    page: impl Fn(usize) -> Route,
) {
    let paged = Paged::new(ctx, group.studies.len(), n, &page);
    c.insert(
        "page",
        &ctx.meta(
            ctx.paged_title(group.name, n, paged.pager.total),
            &group.description,
            page(n),
            group.kind,
        ),
    );
    c.insert(
        "breadcrumbs",
        &ctx.crumbs(&[(ctx.text(group.list.0), group.list.1)]),
    );
    c.insert_value(
        "studies",
        ctx.cards(group.studies[paged.range.clone()].iter().copied()),
    );
    c.insert("study_count", &group.studies.len());
    c.insert("pager", &paged.pager);
    insert_feed(ctx, c, group.name, group.feed);
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
fn country_groups<'a>(ctx: &'a Ctx, limit: usize) -> Vec<CountryGroup<'a>> {
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
fn topic_links<'a>(ctx: &'a Ctx) -> Vec<CountedLink<'a>> {
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

/// Lists in `i` what the page of `route` reads (see `render::inputs`). Routes that are not HTML
/// pages list nothing.
pub(crate) fn inputs(g: &SiteGraph, i: &mut Inputs, route: Route) {
    match route {
        Route::Home => home::inputs(g, i),
        Route::StudyList(n) => study_list::inputs(g, i, n),
        Route::Study(s) => study::inputs(g, i, s),
        Route::CityList => cities::inputs(g, i),
        Route::CityCompare => compare::inputs(g, i),
        Route::City(id) => city::inputs(g, i, id),
        Route::CountryList => countries::inputs(g, i),
        Route::Country(k, n) => country::inputs(g, i, k, n),
        Route::TopicList => topics::inputs(g, i),
        Route::Topic(t, n) => topic::inputs(g, i, t, n),
        Route::Page(p) => page::inputs(g, i, p),
        Route::Search | Route::NotFound | Route::Retired(_) => i.chrome(g),
        Route::Report => report::inputs(g, i),
        Route::Feed(of) => super::data::feed::inputs(g, i, of),
        Route::SearchText(n) => super::data::search::text_inputs(g, i, n),
        Route::Redirect(n) => redirect::inputs(g, i, n),
        Route::StudyFile(..)
        | Route::Data(_)
        | Route::SitemapPart(_)
        | Route::SearchTerms(_)
        | Route::ThemeFile(_) => {}
    }
}

/// The part of `list` that page `n` shows.
fn page_of<'a, T>(g: &SiteGraph, list: &'a [T], n: usize) -> &'a [T] {
    &list[crate::render::paging::page_range(list.len(), g.config.page_size, n)]
}

/// What [`country_groups`] reads.
fn country_group_inputs(g: &SiteGraph, i: &mut Inputs, limit: usize) {
    for (k, country) in g.countries.enumerate() {
        i.push(Dep::CountryName(k));
        i.cities(country.cities.iter().copied().take(limit));
        i.number(country.cities.len());
    }
    i.number(g.countries.len());
}

/// What [`topic_links`] reads.
fn topic_link_inputs(g: &SiteGraph, i: &mut Inputs) {
    for (t, topic) in g.topics.enumerate() {
        i.push(Dep::TopicName(t));
        i.number(topic.studies.len());
    }
    i.number(g.topics.len());
}
