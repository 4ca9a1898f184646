//! Machine-readable outputs: the Atom feed, the sitemap, the search index and open data.
//!
//! - `atom.xml`: the newest 50 case studies.
//! - `sitemap.xml`: every page, for search engines.
//! - `search-index.json`: what the search page searches (titles, cities, countries, topics,
//!   summaries), kept small so it loads fast.
//! - `data/studies.json`, `data/cities.json`: the content as open data.
//! - `data/graph.json`: the site graph, nodes and typed edges, for drawing the network.

use super::{Body, Output};
use crate::graph::{DocRef, SiteGraph};
use crate::load::FactValue;
use crate::text::escape_html;
use serde_json::{json, Value};

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
        DataFile::SearchIndex => out("search-index.json", json_bytes(&search_index(g))),
        DataFile::Studies => out("data/studies.json", json_bytes(&studies(g))),
        DataFile::Cities => out("data/cities.json", json_bytes(&cities(g))),
        DataFile::Graph => out("data/graph.json", json_bytes(&graph(g))),
    }
}

fn out(path: &str, bytes: Vec<u8>) -> Output {
    Output {
        path: path.to_string(),
        body: Body::Bytes(bytes),
    }
}

fn json_bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
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

fn search_index(g: &SiteGraph) -> Value {
    let studies: Vec<Value> = g
        .studies
        .iter()
        .map(|s| {
            let cities: Vec<&str> = s
                .cities
                .iter()
                .map(|&c| g.cities[c].name.as_str())
                .collect();
            // Other spellings of its cities, so a search for "Kon Kaen" finds Khon Kaen's studies.
            let aliases: Vec<&str> = s
                .cities
                .iter()
                .flat_map(|&c| g.cities[c].aliases.iter().map(String::as_str))
                .collect();
            let topics: Vec<&str> = s
                .topics
                .iter()
                .map(|&t| g.topics[t].name.as_str())
                .collect();
            json!({
                "t": s.study.title,
                "u": s.url,
                "d": s.study.date.to_string(),
                "c": cities,
                "a": aliases,
                "k": g.countries[s.country].name,
                "g": topics,
                "s": s.study.summary.as_deref().unwrap_or(&s.study.doc.first_paragraph),
            })
        })
        .collect();
    let cities: Vec<Value> = g
        .cities
        .iter()
        .map(|c| json!({ "n": c.name, "a": c.aliases, "u": c.url, "k": g.countries[c.country].name, "m": c.studies.len() }))
        .collect();
    json!({ "studies": studies, "cities": cities })
}

fn fact_json(v: &FactValue) -> Value {
    match v {
        FactValue::Text(t) => json!(t),
        FactValue::Population(n) => json!(n),
        FactValue::AreaKm2(a) => json!(a),
        FactValue::Year(y) => json!(y),
        FactValue::List(items) => json!(items),
    }
}

fn facts_json(facts: &[crate::load::FastFact]) -> Value {
    let map: serde_json::Map<String, Value> = facts
        .iter()
        .map(|f| (f.key.clone(), fact_json(&f.value)))
        .collect();
    Value::Object(map)
}

fn studies(g: &SiteGraph) -> Value {
    let items: Vec<Value> = g
        .studies
        .iter()
        .map(|s| {
            json!({
                "slug": s.study.slug,
                "title": s.study.title,
                "date": s.study.date.to_string(),
                "url": absolute(g, &s.url),
                "cities": s.cities.iter().map(|&c| g.cities[c].slug.as_str()).collect::<Vec<_>>(),
                "country": g.countries[s.country].name,
                "topics": s.topics.iter().map(|&t| g.topics[t].name.as_str()).collect::<Vec<_>>(),
                "summary": s.study.summary.as_deref().unwrap_or(&s.study.doc.first_paragraph),
                "fast_facts": facts_json(&s.study.fast_facts),
                "sources": s.study.sources.iter().map(|src| json!({
                    "title": src.title, "url": src.url, "publisher": src.publisher, "date": src.date,
                })).collect::<Vec<_>>(),
                "related": s.related.iter().map(|&r| g.studies[r].study.slug.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "generator": "casebook", "site": g.config.title, "studies": items })
}

fn cities(g: &SiteGraph) -> Value {
    let items: Vec<Value> = g
        .cities
        .iter()
        .map(|c| {
            let profile = c.profile.as_ref();
            json!({
                "slug": c.slug,
                "name": c.name,
                "url": absolute(g, &c.url),
                "country": g.countries[c.country].name,
                "region": profile.and_then(|p| p.region.clone()),
                "aliases": c.aliases,
                "coordinates": profile.and_then(|p| p.coordinates).map(|(lat, lon)| json!({"lat": lat, "lon": lon})),
                "fast_facts": facts_json(&c.fast_facts),
                "fast_facts_as_of": c.facts_from.map(|(_, d)| d.to_string()),
                "partners": c.partners.iter().map(|&p| g.cities[p].slug.as_str()).collect::<Vec<_>>(),
                "studies": c.studies.iter().map(|&s| g.studies[s].study.slug.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "generator": "casebook", "site": g.config.title, "cities": items })
}

fn node_id(g: &SiteGraph, r: DocRef) -> String {
    match r {
        DocRef::Study(i) => format!("study:{}", g.studies[i].study.slug),
        DocRef::City(i) => format!("city:{}", g.cities[i].slug),
        DocRef::Page(i) => format!("page:{}", g.pages[i].page.slug),
    }
}

fn graph(g: &SiteGraph) -> Value {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let edge = |source: String, target: String, kind: &str| json!({ "source": source, "target": target, "type": kind });
    for (i, s) in g.studies.iter().enumerate() {
        let id = node_id(g, DocRef::Study(i));
        nodes.push(json!({ "id": id, "type": "study", "label": s.study.title, "url": s.url, "date": s.study.date.to_string() }));
        for (k, &c) in s.cities.iter().enumerate() {
            let kind = if k == 0 { "about" } else { "also_about" };
            edges.push(edge(id.clone(), node_id(g, DocRef::City(c)), kind));
        }
        edges.push(edge(
            id.clone(),
            format!("country:{}", g.countries[s.country].slug),
            "in_country",
        ));
        for &t in &s.topics {
            edges.push(edge(
                id.clone(),
                format!("topic:{}", g.topics[t].slug),
                "has_topic",
            ));
        }
        for &r in &s.related {
            edges.push(edge(id.clone(), node_id(g, DocRef::Study(r)), "related"));
        }
    }
    for (i, c) in g.cities.iter().enumerate() {
        let id = node_id(g, DocRef::City(i));
        nodes.push(json!({ "id": id, "type": "city", "label": c.name, "url": c.url, "has_profile": c.profile.is_some() }));
        edges.push(edge(
            id.clone(),
            format!("country:{}", g.countries[c.country].slug),
            "in_country",
        ));
        for &p in c.partners.iter().filter(|&&p| p > i) {
            edges.push(edge(id.clone(), node_id(g, DocRef::City(p)), "partner"));
        }
        for b in &c.mentioned_in {
            edges.push(edge(node_id(g, b.from), id.clone(), "mentions"));
        }
    }
    for p in 0..g.pages.len() {
        nodes.push(json!({ "id": node_id(g, DocRef::Page(p)), "type": "page", "label": g.pages[p].page.title, "url": g.pages[p].url }));
    }
    for k in &g.countries {
        nodes.push(json!({ "id": format!("country:{}", k.slug), "type": "country", "label": k.name, "url": k.url }));
    }
    for t in &g.topics {
        nodes.push(json!({ "id": format!("topic:{}", t.slug), "type": "topic", "label": t.name, "url": t.url }));
    }
    json!({ "generator": "casebook", "nodes": nodes, "edges": edges })
}
