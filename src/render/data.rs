//! Machine-readable outputs: the Atom feed, the sitemap, the search index and open data.
//!
//! - `atom.xml`: the newest 50 case studies.
//! - `sitemap.xml`: every page, for search engines.
//! - `search-index.json`: what the search page searches (titles, cities, countries, topics,
//!   summaries), kept small so it loads fast.
//! - `data/studies.json`, `data/cities.json`: the content as open data.
//! - `data/graph.json`: the site graph, nodes and typed edges, for drawing the network.

use super::{summary_of, Body, Output};
use crate::graph::{DocRef, SiteGraph};
use crate::load::{FactValue, FastFact};
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

fn absolute(g: &SiteGraph, url: &str) -> String {
    let rel = url.strip_prefix(g.config.base_path.as_str()).unwrap_or(url);
    format!("{}{rel}", g.config.base_url)
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
    let home = absolute(g, &g.config.base_path);
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
        let url = absolute(g, &s.url);
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
            escape_html(&absolute(g, &url))
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
struct SearchIndex<'a> {
    studies: Vec<SearchStudy<'a>>,
    cities: Vec<SearchCity<'a>>,
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
        studies: g
            .studies
            .iter()
            .map(|s| SearchStudy {
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
            .collect(),
        cities: g
            .cities
            .iter()
            .map(|c| SearchCity {
                n: &c.name,
                a: &c.aliases,
                u: &c.url,
                k: &g.countries[c.country].name,
                m: c.studies.len(),
            })
            .collect(),
    };
    to_json(&index)
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
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
struct StudiesFile<'a> {
    generator: &'static str,
    site: &'a str,
    studies: Vec<StudyRecord<'a>>,
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
    to_json(&StudiesFile {
        generator: "casebook",
        site: &g.config.title,
        studies: g
            .studies
            .iter()
            .map(|s| StudyRecord {
                slug: &s.study.slug,
                title: &s.study.title,
                date: s.study.date.to_string(),
                url: absolute(g, &s.url),
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
            .collect(),
    })
}

#[derive(Serialize)]
struct CitiesFile<'a> {
    generator: &'static str,
    site: &'a str,
    cities: Vec<CityRecord<'a>>,
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
    to_json(&CitiesFile {
        generator: "casebook",
        site: &g.config.title,
        cities: g
            .cities
            .iter()
            .map(|c| {
                let profile = c.profile.as_ref();
                CityRecord {
                    slug: &c.slug,
                    name: &c.name,
                    url: absolute(g, &c.url),
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
            .collect(),
    })
}

fn node_id(g: &SiteGraph, r: DocRef) -> String {
    match r {
        DocRef::Study(i) => format!("study:{}", g.studies[i].study.slug),
        DocRef::City(i) => format!("city:{}", g.cities[i].slug),
        DocRef::Page(i) => format!("page:{}", g.pages[i].page.slug),
    }
}

#[derive(Serialize)]
struct GraphFile<'a> {
    generator: &'static str,
    nodes: Vec<GraphNode<'a>>,
    edges: Vec<GraphEdge>,
}

#[derive(Serialize)]
struct GraphNode<'a> {
    id: String,
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
struct GraphEdge {
    source: String,
    target: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

fn graph(g: &SiteGraph) -> Vec<u8> {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let edge = |source: String, target: String, kind: &'static str| GraphEdge {
        source,
        target,
        kind,
    };
    let country_ids: Vec<String> = g
        .countries
        .iter()
        .map(|k| format!("country:{}", k.slug))
        .collect();
    let topic_ids: Vec<String> = g
        .topics
        .iter()
        .map(|t| format!("topic:{}", t.slug))
        .collect();
    let city_ids: Vec<String> = (0..g.cities.len())
        .map(|c| node_id(g, DocRef::City(c)))
        .collect();
    for (i, s) in g.studies.iter().enumerate() {
        let id = node_id(g, DocRef::Study(i));
        for (k, &c) in s.cities.iter().enumerate() {
            edges.push(edge(
                id.clone(),
                city_ids[c].clone(),
                if k == 0 { "about" } else { "also_about" },
            ));
        }
        edges.push(edge(
            id.clone(),
            country_ids[s.country].clone(),
            "in_country",
        ));
        for &t in &s.topics {
            edges.push(edge(id.clone(), topic_ids[t].clone(), "has_topic"));
        }
        for &r in &s.related {
            edges.push(edge(id.clone(), node_id(g, DocRef::Study(r)), "related"));
        }
        nodes.push(GraphNode {
            id,
            kind: "study",
            label: &s.study.title,
            url: &s.url,
            date: Some(s.study.date.to_string()),
            has_profile: None,
        });
    }
    for (i, c) in g.cities.iter().enumerate() {
        edges.push(edge(
            city_ids[i].clone(),
            country_ids[c.country].clone(),
            "in_country",
        ));
        for &p in c.partners.iter().filter(|&&p| p > i) {
            edges.push(edge(city_ids[i].clone(), city_ids[p].clone(), "partner"));
        }
        for b in &c.mentioned_in {
            let from = match b.from {
                DocRef::City(k) => city_ids[k].clone(),
                other => node_id(g, other),
            };
            edges.push(edge(from, city_ids[i].clone(), "mentions"));
        }
        nodes.push(GraphNode {
            id: city_ids[i].clone(),
            kind: "city",
            label: &c.name,
            url: &c.url,
            date: None,
            has_profile: Some(c.profile.is_some()),
        });
    }
    for (p, page) in g.pages.iter().enumerate() {
        nodes.push(GraphNode {
            id: node_id(g, DocRef::Page(p)),
            kind: "page",
            label: &page.page.title,
            url: &page.url,
            date: None,
            has_profile: None,
        });
    }
    for (k, country) in g.countries.iter().enumerate() {
        nodes.push(GraphNode {
            id: country_ids[k].clone(),
            kind: "country",
            label: &country.name,
            url: &country.url,
            date: None,
            has_profile: None,
        });
    }
    for (t, topic) in g.topics.iter().enumerate() {
        nodes.push(GraphNode {
            id: topic_ids[t].clone(),
            kind: "topic",
            label: &topic.name,
            url: &topic.url,
            date: None,
            has_profile: None,
        });
    }
    to_json(&GraphFile {
        generator: "casebook",
        nodes,
        edges,
    })
}
