//! A case study: its facts, its sections in reading order, its notes and sources, and the
//! studies around it (more from its city, related studies, older and newer).

use crate::graph::SiteGraph;
use crate::graph::{StudyId, RELATED_MAX};
use crate::render::context::{Ctx, Link};
use crate::render::facts::{facts, FactList};
use crate::render::inputs::{Dep, Inputs};
use crate::render::markdown::{render_document, RenderedFootnote, RenderedSection, TocEntry};
use crate::routes::Route;
use crate::text::Date;
use crate::theme::Text;
use serde::Serialize;

/// How many other studies of the same city a case study links to.
const MORE_FROM_CITY: usize = 8;

#[derive(Serialize)]
struct StudyPage<'a> {
    title: &'a str,
    /// `Khon Kaen, Thailand | Citizen Awareness of the Smart City`
    full_title: String,
    date: String,
    date_iso: String,
    summary: &'a str,
    city: Link<'a>,
    cities: Vec<Link<'a>>,
    country: Link<'a>,
    topics: Vec<Link<'a>>,
    fast_facts: FactList<'a>,
    intro_html: String,
    /// Background and Solutions, other sections, then Results and Lessons.
    sections: Vec<RenderedSection>,
    toc: Vec<TocEntry>,
    footnotes: Vec<RenderedFootnote>,
    sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
struct SourceView<'a> {
    title: &'a str,
    url: Option<&'a str>,
    publisher: Option<&'a str>,
    date: Option<String>,
}

/// The studies a case study links to besides its related ones: others of its primary city.
pub(crate) fn more_from_city(g: &crate::graph::SiteGraph, s: StudyId) -> Vec<StudyId> {
    let node = &g.studies[s];
    g.cities[node.primary_city()]
        .studies
        .iter()
        .copied()
        .filter(|&o| o != s && !node.related.contains(&o))
        .take(MORE_FROM_CITY)
        .collect()
}

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, s: StudyId) {
    debug_assert!(ctx.g.studies[s].related.len() <= RELATED_MAX);
    let g = ctx.g;
    let node = &g.studies[s];
    let study = &node.study;
    let city_id = node.primary_city();
    let city = &g.cities[city_id];
    let country = &g.countries[node.country];
    let doc = render_document(&study.doc, &node.links, ctx, true);
    let full_title = ctx.fill(
        Text::StudyTitle,
        &[
            ("city", &city.name),
            ("country", &country.name),
            ("title", &study.title),
        ],
    );
    let strings = &ctx.theme.locale;
    let page = StudyPage {
        title: &study.title,
        full_title: full_title.clone(),
        date: strings.long_date(study.date),
        date_iso: study.date.to_string(),
        summary: node.summary(),
        city: ctx.city_link(city_id),
        cities: ctx.city_links(node.cities.iter().copied()),
        country: ctx.country_link(node.country),
        topics: node.topics.iter().map(|&t| ctx.topic_link(t)).collect(),
        fast_facts: facts(ctx, study.fast_facts.iter().map(|f| (f, None))),
        intro_html: doc.intro_html,
        sections: doc.sections,
        toc: doc.toc,
        footnotes: doc.footnotes,
        sources: study
            .sources
            .iter()
            .map(|src| SourceView {
                title: &src.title,
                url: src.url.as_deref(),
                publisher: src.publisher.as_deref(),
                date: src.date.as_deref().map(|d| {
                    Date::parse(d).map_or_else(|| d.to_string(), |x| strings.long_date(x))
                }),
            })
            .collect(),
    };
    c.insert(
        "page",
        &ctx.meta(full_title, node.summary(), Route::Study(s), "case-study"),
    );
    let trail = [
        (country.name.as_str(), Route::Country(node.country, 1)),
        (city.name.as_str(), Route::City(city_id)),
    ];
    c.insert("breadcrumbs", &ctx.crumbs(&trail));
    c.insert("study", &page);
    c.insert_value("more_in_city", ctx.study_links(more_from_city(g, s)));
    c.insert("more_in_city_total", &city.studies.len());
    c.insert_value("related", ctx.cards(node.related.iter().copied()));
    let link = |id: Option<StudyId>| id.map(|i| ctx.study_link(i));
    c.insert("older", &link(node.older));
    c.insert("newer", &link(node.newer));
    c.insert("older_in_city", &link(node.older_in_city));
    c.insert("newer_in_city", &link(node.newer_in_city));
    c.insert_value("json_ld", crate::render::structured::study(ctx, s, &trail));
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs, s: StudyId) {
    i.chrome(g);
    let node = &g.studies[s];
    i.push(Dep::StudyFile(s));
    i.cities(node.cities.iter().copied());
    i.push(Dep::CountryName(node.country));
    for &t in &node.topics {
        i.push(Dep::TopicName(t));
    }
    i.number(node.topics.len());
    i.doc_links(&node.links);
    i.cards(node.related.iter().copied());
    i.cards(more_from_city(g, s));
    i.number(g.cities[node.primary_city()].studies.len());
    for neighbour in [
        node.older,
        node.newer,
        node.older_in_city,
        node.newer_in_city,
    ] {
        i.maybe_card(neighbour);
    }
}
