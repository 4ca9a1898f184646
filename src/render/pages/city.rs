//! A city: its profile and facts, its studies, its partners, where it is mentioned, and the
//! other cities of its country.

use super::SHORT_LIST;
use crate::graph::SiteGraph;
use crate::graph::{CityId, DocRef};
use crate::render::context::{Ctx, Link};
use crate::render::facts::{facts, FactList};
use crate::render::inputs::{doc_deps, Dep, Inputs};
use crate::render::markdown::{render_document, RenderedDoc, RenderedFootnote};
use crate::routes::{Route, Routes};
use crate::theme::Text;
use serde::Serialize;

#[derive(Serialize)]
struct CityPage<'a> {
    name: &'a str,
    url: std::borrow::Cow<'a, str>,
    country: Link<'a>,
    region: Option<&'a str>,
    aliases: &'a [String],
    coordinates: Option<(f64, f64)>,
    summary: Option<&'a str>,
    has_profile: bool,
    /// The text of the profile, when it has any (its notes are in `footnotes`).
    profile: Option<RenderedDoc>,
    footnotes: Vec<RenderedFootnote>,
    fast_facts: FactList<'a>,
    partners: Vec<Link<'a>>,
    mentioned_in: Vec<BacklinkView<'a>>,
    same_country: Vec<Link<'a>>,
    same_country_more: usize,
}

#[derive(Serialize)]
struct BacklinkView<'a> {
    title: &'a str,
    url: std::borrow::Cow<'a, str>,
    kind: &'a str,
    excerpt: String,
}

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, id: CityId) {
    let g = ctx.g;
    let city = &g.cities[id];
    let country = &g.countries[city.country];
    let profile = city.profile.as_deref();
    let (profile_doc, footnotes) = match profile {
        Some(p) => {
            let mut doc = render_document(&p.doc, &city.links, ctx, false);
            let notes = std::mem::take(&mut doc.footnotes);
            let has_text = !doc.intro_html.is_empty() || !doc.sections.is_empty();
            (has_text.then_some(doc), notes)
        }
        None => (None, Vec::new()),
    };
    let others: Vec<CityId> = country
        .cities
        .iter()
        .copied()
        .filter(|&o| o != id)
        .collect();
    let summary = profile.and_then(|p| p.summary.as_deref());
    let page = CityPage {
        name: &city.name,
        url: ctx.url(Route::City(id)),
        country: ctx.country_link(city.country),
        region: profile.and_then(|p| p.region.as_deref()),
        aliases: &city.aliases,
        coordinates: profile.and_then(|p| p.coordinates),
        summary,
        has_profile: profile.is_some(),
        profile: profile_doc,
        footnotes,
        fast_facts: facts(ctx, city.fast_facts.iter().map(|f| (&f.fact, Some(f.from)))),
        partners: ctx.city_links(city.partners.iter().copied()),
        mentioned_in: city
            .mentioned_in
            .iter()
            .map(|b| BacklinkView {
                title: g.doc_title(b.from),
                url: ctx.url(Routes::doc(b.from)),
                kind: ctx.text(match b.from {
                    DocRef::Study(_) => Text::KindStudy,
                    DocRef::City(_) => Text::KindCity,
                    DocRef::Page(_) => Text::KindPage,
                }),
                excerpt: g.excerpt(b.from, id),
            })
            .collect(),
        same_country: ctx.city_links(others.iter().copied().take(SHORT_LIST)),
        same_country_more: others.len().saturating_sub(SHORT_LIST),
    };
    let first_paragraph = profile
        .map(|p| p.doc.first_paragraph.as_str())
        .filter(|s| !s.is_empty());
    let description = summary.or(first_paragraph).map_or_else(
        || {
            ctx.fill_count(
                Text::CityDescription,
                city.studies.len(),
                &[("city", &city.name), ("country", &country.name)],
            )
        },
        str::to_string,
    );
    let title = ctx.fill(
        Text::CityTitle,
        &[("city", &city.name), ("country", &country.name)],
    );
    c.insert(
        "page",
        &ctx.meta(title, &description, Route::City(id), "city"),
    );
    let trail = [(country.name.as_str(), Route::Country(city.country, 1))];
    c.insert("breadcrumbs", &ctx.crumbs(&trail));
    c.insert("city", &page);
    c.insert(
        "map",
        &super::maps::map_of(ctx, std::iter::once(id), Some(super::maps::CITY_WINDOW)),
    );
    c.insert_value("studies", ctx.cards(city.studies.iter().copied()));
    super::insert_feed(ctx, c, &city.name, crate::routes::FeedOf::City(id));
    c.insert_value("json_ld", crate::render::structured::city(ctx, id, &trail));
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs, id: CityId) {
    i.chrome(g);
    let city = &g.cities[id];
    i.push(Dep::CityName(id));
    match &city.profile {
        Some(_) => i.push(Dep::CityProfile(id)),
        None => i.number(usize::MAX),
    }
    i.push(Dep::CountryName(city.country));
    i.doc_links(&city.links);
    // The facts come from the profile and the studies naming the city first: which one gives
    // each fact depends on all of their facts.
    for &s in &city.studies {
        if g.studies[s].primary_city() == id {
            i.deps.extend([Dep::StudyCard(s), Dep::StudyFile(s)]);
        }
    }
    i.cities(city.partners.iter().copied());
    for b in &city.mentioned_in {
        i.deps.extend(doc_deps(b.from));
        // The excerpt is the sentence around the document's first mention of this city.
        if let Some(m) = g.doc_links(b.from).mentions.iter().find(|m| m.city == id) {
            i.deps.extend([
                Dep::Number(m.event),
                Dep::Number(m.range.start),
                Dep::Number(m.range.end),
            ]);
        }
    }
    i.number(city.mentioned_in.len());
    let others = g.countries[city.country].cities.len().saturating_sub(1);
    i.cities(
        g.countries[city.country]
            .cities
            .iter()
            .copied()
            .filter(|&o| o != id)
            .take(SHORT_LIST),
    );
    i.number(others);
    i.cards(city.studies.iter().copied());
}
