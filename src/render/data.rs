//! Machine-readable outputs: the Atom feed, the sitemap, the search index and open data.
//!
//! - `atom.xml`: the newest 50 case studies.
//! - `sitemap.xml`: every page, for search engines.
//! - `search-index.json`: what the search page searches (titles, cities, countries, topics,
//!   summaries), kept small so it loads fast.
//! - `data/studies.json`, `data/cities.json`: the content as open data.
//! - `data/graph.json`: the site graph, nodes and typed edges, for drawing the network.

use super::summary_of;
use crate::graph::{DocRef, SiteGraph};
use crate::load::{FactValue, FastFact};
use crate::output::{Body, Output};
use crate::text::escape_html;
use serde::Serialize;

const FEED_ENTRIES: usize = 50;

/// The machine-readable files of a site.
#[derive(Debug, Clone, Copy)]
pub(super) enum DataFile {
    Atom,
    Sitemap,
    SearchIndex,
    Studies,
    Cities,
    Graph,
}

impl DataFile {
    pub(super) const ALL: [DataFile; 6] = [
        DataFile::Atom,
        DataFile::Sitemap,
        DataFile::SearchIndex,
        DataFile::Studies,
        DataFile::Cities,
        DataFile::Graph,
    ];
}

pub(super) fn render_data_file(g: &SiteGraph, file: DataFile) -> Output {
    match file {
        DataFile::Atom => out("atom.xml", atom(g).into_bytes()),
        DataFile::Sitemap => out("sitemap.xml", sitemap(g).into_bytes()),
        DataFile::SearchIndex => out("search-index.json", search_index(g)),
        DataFile::Studies => out("data/studies.json", studies(g)),
        DataFile::Cities => out("data/cities.json", cities(g)),
        DataFile::Graph => out("data/graph.json", graph(g)),
    }
}

fn out(path: &str, bytes: Vec<u8>) -> Output {
    Output {
        path: path.to_string(),
        body: Body::Bytes(bytes),
    }
}

fn atom(g: &SiteGraph) -> String {
    let updated = g.studies.first().map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |s| s.study.date.rfc3339(),
    );
    let mut x = String::with_capacity(1024 + g.studies.len().min(FEED_ENTRIES) * 512);
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    x.push_str(&format!(
        " xml:lang=\"{}\">\n",
        escape_html(&g.config.language)
    ));
    x.push_str(&format!(
        "  <title>{}</title>\n",
        escape_html(&g.config.title)
    ));
    if !g.config.description.is_empty() {
        x.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_html(&g.config.description)
        ));
    }
    let home = g.config.absolute_url(&g.config.base_path);
    x.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        escape_html(&format!("{home}atom.xml"))
    ));
    x.push_str(&format!("  <link href=\"{}\"/>\n", escape_html(&home)));
    x.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}</updated>\n",
        escape_html(&home)
    ));
    x.push_str("  <generator>casebook</generator>\n");
    for s in g.studies.iter().take(FEED_ENTRIES) {
        let url = g.config.absolute_url(&s.url);
        let city = &g.cities[s.cities[0]];
        let summary = s
            .study
            .summary
            .as_deref()
            .unwrap_or(&s.study.doc.first_paragraph);
        x.push_str("  <entry>\n");
        x.push_str(&format!(
            "    <title>{}</title>\n",
            escape_html(&format!(
                "{}, {} | {}",
                city.name, g.countries[s.country].name, s.study.title
            ))
        ));
        x.push_str(&format!(
            "    <link href=\"{}\"/>\n    <id>{}</id>\n",
            escape_html(&url),
            escape_html(&url)
        ));
        x.push_str(&format!(
            "    <updated>{}</updated>\n",
            s.study.date.rfc3339()
        ));
        x.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape_html(&g.config.title)
        ));
        for &t in &s.topics {
            x.push_str(&format!(
                "    <category term=\"{}\"/>\n",
                escape_html(&g.topics[t].name)
            ));
        }
        x.push_str(&format!(
            "    <summary>{}</summary>\n  </entry>\n",
            escape_html(summary)
        ));
    }
    x.push_str("</feed>\n");
    x
}

fn sitemap(g: &SiteGraph) -> String {
    let mut urls: Vec<(String, Option<String>)> = vec![(g.config.base_path.clone(), None)];
    for list in ["case-studies/", "cities/", "countries/", "topics/"] {
        urls.push((format!("{}{list}", g.config.base_path), None));
    }
    urls.extend(
        g.studies
            .iter()
            .map(|s| (s.url.clone(), Some(s.study.date.to_string()))),
    );
    urls.extend(g.cities.iter().map(|c| (c.url.clone(), None)));
    urls.extend(g.countries.iter().map(|c| (c.url.clone(), None)));
    urls.extend(g.topics.iter().map(|t| (t.url.clone(), None)));
    urls.extend(g.pages.iter().map(|p| (p.url.clone(), None)));
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (url, lastmod) in urls {
        x.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_html(&g.config.absolute_url(&url))
        ));
        if let Some(m) = lastmod {
            x.push_str(&format!("<lastmod>{m}</lastmod>"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

// The JSON files are written from borrowed, typed records: no intermediate `serde_json::Value`
// tree, which cost more than rendering the HTML of a thousand pages.

#[derive(Serialize)]
struct SearchIndex<S, C> {
    studies: S,
    cities: C,
}

/// Short keys keep the index small: it is downloaded by every reader who searches.
#[derive(Serialize)]
struct SearchStudy<'a> {
    t: &'a str,
    u: &'a str,
    d: String,
    c: Vec<&'a str>,
    /// Other spellings of its cities, so a search for "Kon Kaen" finds Khon Kaen's studies.
    a: Vec<&'a str>,
    k: &'a str,
    g: Vec<&'a str>,
    s: &'a str,
}

#[derive(Serialize)]
struct SearchCity<'a> {
    n: &'a str,
    a: &'a [String],
    u: &'a str,
    k: &'a str,
    m: usize,
}

fn search_index(g: &SiteGraph) -> Vec<u8> {
    let index = SearchIndex {
        studies: Lazy(|| {
            g.studies.iter().map(|s| SearchStudy {
                t: &s.study.title,
                u: &s.url,
                d: s.study.date.to_string(),
                c: s.cities
                    .iter()
                    .map(|&c| g.cities[c].name.as_str())
                    .collect(),
                a: s.cities
                    .iter()
                    .flat_map(|&c| g.cities[c].aliases.iter().map(String::as_str))
                    .collect(),
                k: &g.countries[s.country].name,
                g: s.topics
                    .iter()
                    .map(|&t| g.topics[t].name.as_str())
                    .collect(),
                s: summary_of(s),
            })
        }),
        cities: Lazy(|| {
            g.cities.iter().map(|c| SearchCity {
                n: &c.name,
                a: &c.aliases,
                u: &c.url,
                k: &g.countries[c.country].name,
                m: c.studies.len(),
            })
        }),
    };
    to_json(&index, g.studies.len() + g.cities.len(), 400)
}

/// Serializes `value` into a buffer sized for `items` records of about `bytes_each` bytes.
fn to_json(value: &impl Serialize, items: usize, bytes_each: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(items * bytes_each + 256);
    let _ = serde_json::to_writer(&mut out, value);
    out
}

/// A JSON array written straight from an iterator, never collected: the large data files then
/// need no more memory than their own bytes.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Fast facts as a JSON object, keys in the order written.
struct Facts<'a>(&'a [FastFact]);

impl Serialize for Facts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for f in self.0 {
            match &f.value {
                FactValue::Text(t) => map.serialize_entry(&f.key, t)?,
                FactValue::Population(n) => map.serialize_entry(&f.key, n)?,
                FactValue::AreaKm2(a) => map.serialize_entry(&f.key, a)?,
                FactValue::Year(y) => map.serialize_entry(&f.key, y)?,
                FactValue::List(items) => map.serialize_entry(&f.key, items)?,
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct StudiesFile<'a, S> {
    generator: &'static str,
    site: &'a str,
    studies: S,
}

#[derive(Serialize)]
struct StudyRecord<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    url: String,
    cities: Vec<&'a str>,
    country: &'a str,
    topics: Vec<&'a str>,
    summary: &'a str,
    fast_facts: Facts<'a>,
    sources: &'a [crate::load::SourceRef],
    related: Vec<&'a str>,
}

fn studies(g: &SiteGraph) -> Vec<u8> {
    to_json(
        &StudiesFile {
            generator: "casebook",
            site: &g.config.title,
            studies: Lazy(|| {
                g.studies.iter().map(|s| StudyRecord {
                    slug: &s.study.slug,
                    title: &s.study.title,
                    date: s.study.date.to_string(),
                    url: g.config.absolute_url(&s.url),
                    cities: s
                        .cities
                        .iter()
                        .map(|&c| g.cities[c].slug.as_str())
                        .collect(),
                    country: &g.countries[s.country].name,
                    topics: s
                        .topics
                        .iter()
                        .map(|&t| g.topics[t].name.as_str())
                        .collect(),
                    summary: summary_of(s),
                    fast_facts: Facts(&s.study.fast_facts),
                    sources: &s.study.sources,
                    related: s
                        .related
                        .iter()
                        .map(|&r| g.studies[r].study.slug.as_str())
                        .collect(),
                })
            }),
        },
        g.studies.len(),
        900,
    )
}

#[derive(Serialize)]
struct CitiesFile<'a, C> {
    generator: &'static str,
    site: &'a str,
    cities: C,
}

#[derive(Serialize)]
struct CityRecord<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    country: &'a str,
    region: Option<&'a str>,
    aliases: &'a [String],
    coordinates: Option<Coordinates>,
    fast_facts: Facts<'a>,
    fast_facts_as_of: Option<String>,
    partners: Vec<&'a str>,
    studies: Vec<&'a str>,
}

#[derive(Serialize)]
struct Coordinates {
    lat: f64,
    lon: f64,
}

fn cities(g: &SiteGraph) -> Vec<u8> {
    to_json(
        &CitiesFile {
            generator: "casebook",
            site: &g.config.title,
            cities: Lazy(|| {
                g.cities.iter().map(|c| {
                    let profile = c.profile.as_ref();
                    CityRecord {
                        slug: &c.slug,
                        name: &c.name,
                        url: g.config.absolute_url(&c.url),
                        country: &g.countries[c.country].name,
                        region: profile.and_then(|p| p.region.as_deref()),
                        aliases: &c.aliases,
                        coordinates: profile
                            .and_then(|p| p.coordinates)
                            .map(|(lat, lon)| Coordinates { lat, lon }),
                        fast_facts: Facts(&c.fast_facts),
                        fast_facts_as_of: c.facts_from.map(|(_, d)| d.to_string()),
                        partners: c
                            .partners
                            .iter()
                            .map(|&p| g.cities[p].slug.as_str())
                            .collect(),
                        studies: c
                            .studies
                            .iter()
                            .map(|&s| g.studies[s].study.slug.as_str())
                            .collect(),
                    }
                })
            }),
        },
        g.cities.len(),
        600,
    )
}

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
    url: &'a str,
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

fn graph(g: &SiteGraph) -> Vec<u8> {
    let edge = |source, target, kind| GraphEdge {
        source,
        target,
        kind,
    };
    let country = |k: usize| NodeId::Country(&g.countries[k].slug);
    let node = |id, kind, label, url| GraphNode {
        id,
        kind,
        label,
        url,
        date: None,
        has_profile: None,
    };
    let nodes = Lazy(|| {
        let studies = g.studies.iter().enumerate().map(move |(i, s)| GraphNode {
            date: Some(s.study.date.to_string()),
            ..node(
                NodeId::of(g, DocRef::Study(i)),
                "study",
                &s.study.title,
                &s.url,
            )
        });
        let cities = g.cities.iter().enumerate().map(move |(i, c)| GraphNode {
            has_profile: Some(c.profile.is_some()),
            ..node(NodeId::of(g, DocRef::City(i)), "city", &c.name, &c.url)
        });
        let pages = g.pages.iter().enumerate().map(move |(i, p)| {
            node(
                NodeId::of(g, DocRef::Page(i)),
                "page",
                &p.page.title,
                &p.url,
            )
        });
        let countries = g
            .countries
            .iter()
            .map(move |k| node(NodeId::Country(&k.slug), "country", &k.name, &k.url));
        let topics = g
            .topics
            .iter()
            .map(move |t| node(NodeId::Topic(&t.slug), "topic", &t.name, &t.url));
        studies
            .chain(cities)
            .chain(pages)
            .chain(countries)
            .chain(topics)
    });
    let edges = Lazy(|| {
        let from_studies = g.studies.iter().enumerate().flat_map(move |(i, s)| {
            let id = NodeId::of(g, DocRef::Study(i));
            let about = s.cities.iter().enumerate().map(move |(k, &c)| {
                edge(
                    id,
                    NodeId::of(g, DocRef::City(c)),
                    if k == 0 { "about" } else { "also_about" },
                )
            });
            let topics = s
                .topics
                .iter()
                .map(move |&t| edge(id, NodeId::Topic(&g.topics[t].slug), "has_topic"));
            let related = s
                .related
                .iter()
                .map(move |&r| edge(id, NodeId::of(g, DocRef::Study(r)), "related"));
            about
                .chain(std::iter::once(edge(id, country(s.country), "in_country")))
                .chain(topics)
                .chain(related)
        });
        let from_cities = g.cities.iter().enumerate().flat_map(move |(i, c)| {
            let id = NodeId::of(g, DocRef::City(i));
            let partners = c
                .partners
                .iter()
                .filter(move |&&p| p > i)
                .map(move |&p| edge(id, NodeId::of(g, DocRef::City(p)), "partner"));
            let mentions = c
                .mentioned_in
                .iter()
                .map(move |b| edge(NodeId::of(g, b.from), id, "mentions"));
            std::iter::once(edge(id, country(c.country), "in_country"))
                .chain(partners)
                .chain(mentions)
        });
        from_studies.chain(from_cities)
    });
    to_json(
        &GraphFile {
            generator: "casebook",
            nodes,
            edges,
        },
        g.studies.len() * 8 + g.cities.len() * 8,
        90,
    )
}
