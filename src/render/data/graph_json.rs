//! `data/graph.json`: the site graph as nodes (studies, cities, pages, countries, topics) and
//! typed edges (about, in_country, has_topic, related, partner, mentions), for drawing the network.

use super::{to_json, Lazy};
use crate::graph::{CountryId, DocRef, SiteGraph};
use crate::render::context::Ctx;
use crate::routes::Route;
use serde::Serialize;

/// A node's id (`study:khon-kaen-citizen-awareness`), written without being allocated.
#[derive(Clone, Copy)]
enum NodeId<'a> {
    Study(&'a str),
    City(&'a str),
    Page(&'a str),
    Country(&'a str),
    Topic(&'a str),
}

impl NodeId<'_> {
    fn of(g: &SiteGraph, r: DocRef) -> NodeId<'_> {
        match r {
            DocRef::Study(i) => NodeId::Study(&g.studies[i].study.slug),
            DocRef::City(i) => NodeId::City(&g.cities[i].slug),
            DocRef::Page(i) => NodeId::Page(&g.pages[i].page.slug),
        }
    }
}

impl std::fmt::Display for NodeId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (kind, slug) = match self {
            NodeId::Study(s) => ("study", s),
            NodeId::City(s) => ("city", s),
            NodeId::Page(s) => ("page", s),
            NodeId::Country(s) => ("country", s),
            NodeId::Topic(s) => ("topic", s),
        };
        write!(f, "{kind}:{slug}")
    }
}

impl Serialize for NodeId<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[derive(Serialize)]
struct GraphFile<N, E> {
    generator: &'static str,
    nodes: N,
    edges: E,
}

#[derive(Serialize)]
struct GraphNode<'a> {
    id: NodeId<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    url: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    has_profile: Option<bool>,
}

#[derive(Serialize)]
struct GraphEdge<'a> {
    source: NodeId<'a>,
    target: NodeId<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

pub(super) fn graph(ctx: &Ctx) -> Vec<u8> {
    let g = ctx.g;
    // Sized from the real counts: a buffer that has to double holds both copies for a moment,
    // and this is the largest file of the site.
    let nodes_count =
        g.studies.len() + g.cities.len() + g.pages.len() + g.countries.len() + g.topics.len();
    let edge_count: usize = g
        .studies
        .iter()
        .map(|s| s.cities.len() + s.topics.len() + s.related.len() + 1)
        .sum::<usize>()
        + g.cities
            .iter()
            .map(|c| c.partners.len() + c.mentioned_in.len() + 1)
            .sum::<usize>();
    to_json(
        &GraphFile {
            generator: "casebook",
            nodes: Lazy(|| nodes(ctx)),
            edges: Lazy(|| edges(g)),
        },
        nodes_count * 2 + edge_count,
        80,
    )
}

/// Every study, city, page, country and topic, in that order.
fn nodes<'a>(ctx: &'a Ctx) -> impl Iterator<Item = GraphNode<'a>> + 'a {
    let g = ctx.g;
    let node = move |id, kind, label, route| GraphNode {
        id,
        kind,
        label,
        url: ctx.url(route),
        date: None,
        has_profile: None,
    };
    let studies = g.studies.enumerate().map(move |(i, s)| GraphNode {
        date: Some(s.study.date.to_string()),
        ..node(
            NodeId::of(g, DocRef::Study(i)),
            "study",
            &s.study.title,
            Route::Study(i),
        )
    });
    let cities = g.cities.enumerate().map(move |(i, c)| GraphNode {
        has_profile: Some(c.profile.is_some()),
        ..node(
            NodeId::of(g, DocRef::City(i)),
            "city",
            &c.name,
            Route::City(i),
        )
    });
    let pages = g.pages.enumerate().map(move |(i, p)| {
        node(
            NodeId::of(g, DocRef::Page(i)),
            "page",
            &p.page.title,
            Route::Page(i),
        )
    });
    let countries = g.countries.enumerate().map(move |(i, k)| {
        node(
            NodeId::Country(&k.slug),
            "country",
            &k.name,
            Route::Country(i, 1),
        )
    });
    let topics = (g.topics.enumerate())
        .map(move |(i, t)| node(NodeId::Topic(&t.slug), "topic", &t.name, Route::Topic(i, 1)));
    studies
        .chain(cities)
        .chain(pages)
        .chain(countries)
        .chain(topics)
}

/// Every edge: a study's cities, country, topics and related studies, then a city's country,
/// partners (each pair once) and the documents that mention it.
fn edges(g: &SiteGraph) -> impl Iterator<Item = GraphEdge<'_>> + '_ {
    let edge = |source, target, kind| GraphEdge {
        source,
        target,
        kind,
    };
    let country = move |k: CountryId| NodeId::Country(&g.countries[k].slug);
    let from_studies = g.studies.enumerate().flat_map(move |(i, s)| {
        let id = NodeId::of(g, DocRef::Study(i));
        let about = s.cities.iter().enumerate().map(move |(k, &c)| {
            edge(
                id,
                NodeId::of(g, DocRef::City(c)),
                if k == 0 { "about" } else { "also_about" },
            )
        });
        let topics = (s.topics.iter())
            .map(move |&t| edge(id, NodeId::Topic(&g.topics[t].slug), "has_topic"));
        let related =
            (s.related.iter()).map(move |&r| edge(id, NodeId::of(g, DocRef::Study(r)), "related"));
        about
            .chain(std::iter::once(edge(id, country(s.country), "in_country")))
            .chain(topics)
            .chain(related)
    });
    let from_cities = g.cities.enumerate().flat_map(move |(i, c)| {
        let id = NodeId::of(g, DocRef::City(i));
        let partners = (c.partners.iter())
            .filter(move |&&p| p > i)
            .map(move |&p| edge(id, NodeId::of(g, DocRef::City(p)), "partner"));
        let mentions =
            (c.mentioned_in.iter()).map(move |b| edge(NodeId::of(g, b.from), id, "mentions"));
        std::iter::once(edge(id, country(c.country), "in_country"))
            .chain(partners)
            .chain(mentions)
    });
    from_studies.chain(from_cities)
}
