//! Open data for spreadsheets and crawlers: the CSV files parse back to the same records as the
//! JSON data files (UTF-8 with a byte-order mark, quoting), `robots.txt` names the sitemap, and
//! every page has its Open Graph description.

mod common;

const SITE: &str = r#"-- site.yaml --
title: Open Data
base_url: https://example.org/sub/
-- content/cities/khon-kaen.md --
---
name: Khon Kaen
country: Thailand
region: "Northeast, Isan"
aliases: [Kon Kaen, ขอนแก่น]
coordinates: {lat: 16.44, lon: 102.83}
partners: [Phuket]
fast_facts:
  mayor: Teerasak Teechauyapan
  population: 147579
  governor: "Somsak \"Sam\" Jangtrakul"
---
A city.
-- content/case-studies/kk.md --
---
title: "Light Rail, Phase 1: \"Yes\""
date: 2023-07-05
city: Khon Kaen
topics: [Mobility, Smart city]
summary: "A line, with commas; and \"quotes\"."
fast_facts:
  area_km2: 46
  notes: [One, "Two, three"]
  budget: 1.5 billion baht
sources:
  - title: Report
    url: https://example.org/report
---
Text about ขอนแก่น.
-- content/case-studies/pk.md --
---
title: Phuket Data
date: 2022-01-01
city: Phuket
country: Thailand
---
Text.
"#;

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn cell<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[i]
}

#[test]
fn the_csv_files_hold_the_same_records_as_the_json_files() {
    let s = common::site(SITE);
    s.build_ok();
    let json: serde_json::Value =
        serde_json::from_str(&s.read("data/case-studies.json")).expect("JSON");
    let (header, rows) = read_csv(&std::fs::read(s.out("data/case-studies.csv")).expect("csv"));
    let studies = json["studies"].as_array().expect("studies");
    assert_eq!(rows.len(), studies.len());
    for (row, study) in rows.iter().zip(studies) {
        for field in ["slug", "title", "date", "url", "country", "summary"] {
            assert_eq!(
                cell(&header, row, field),
                study[field].as_str().expect(field),
                "{field}"
            );
        }
        let topics: Vec<&str> = study["topics"]
            .as_array()
            .expect("topics")
            .iter()
            .filter_map(|t| t.as_str())
            .collect();
        assert_eq!(cell(&header, row, "topics"), topics.join("; "));
    }
    let kk = rows
        .iter()
        .find(|r| cell(&header, r, "slug") == "kk")
        .expect("kk");
    assert_eq!(cell(&header, kk, "title"), "Light Rail, Phase 1: \"Yes\"");
    assert_eq!(cell(&header, kk, "city"), "Khon Kaen");
    assert_eq!(cell(&header, kk, "area_km2"), "46");
    assert_eq!(cell(&header, kk, "notes"), "One; Two, three");
    assert_eq!(cell(&header, kk, "budget"), "1.5 billion baht");
    assert_eq!(
        cell(&header, kk, "sources"),
        "Report <https://example.org/report>"
    );
    // The standard facts come first, then the others.
    let mayor = header.iter().position(|h| h == "mayor").expect("mayor");
    let budget = header.iter().position(|h| h == "budget").expect("budget");
    assert!(mayor < budget);

    let (header, rows) = read_csv(&std::fs::read(s.out("data/cities.csv")).expect("csv"));
    let cities: serde_json::Value =
        serde_json::from_str(&s.read("data/cities.json")).expect("JSON");
    assert_eq!(
        rows.len(),
        cities["cities"].as_array().expect("cities").len()
    );
    let kk = rows
        .iter()
        .find(|r| cell(&header, r, "slug") == "khon-kaen")
        .expect("kk");
    assert_eq!(cell(&header, kk, "region"), "Northeast, Isan");
    assert_eq!(cell(&header, kk, "aliases"), "Kon Kaen; ขอนแก่น");
    assert_eq!(
        (cell(&header, kk, "lat"), cell(&header, kk, "lon")),
        ("16.44", "102.83")
    );
    assert_eq!(cell(&header, kk, "population"), "147579");
    assert_eq!(cell(&header, kk, "governor"), "Somsak \"Sam\" Jangtrakul");
    assert_eq!(cell(&header, kk, "partners"), "Phuket");
    assert_eq!(cell(&header, kk, "studies"), "1");
    assert_eq!(
        cell(&header, kk, "url"),
        "https://example.org/sub/cities/khon-kaen/"
    );
}

#[test]
fn robots_txt_names_the_sitemap_and_pages_have_open_graph_tags() {
    let s = common::site(SITE);
    s.build_ok();
    let robots = s.read("robots.txt");
    let sitemap = robots
        .lines()
        .find_map(|l| l.strip_prefix("Sitemap: "))
        .expect("a Sitemap line");
    assert_eq!(sitemap, "https://example.org/sub/sitemap.xml");
    let page = s.html("case-studies/kk/index.html");
    let og = |p: &str| page.attrs(&format!("meta[property=\"og:{p}\"]"), "content");
    assert_eq!(og("type"), vec!["article"]);
    assert_eq!(
        og("title"),
        vec!["Khon Kaen, Thailand | Light Rail, Phase 1: \"Yes\""]
    );
    assert_eq!(og("url"), vec!["https://example.org/sub/case-studies/kk/"]);
    assert_eq!(
        og("description"),
        vec!["A line, with commas; and \"quotes\"."]
    );
    assert_eq!(og("site_name"), vec!["Open Data"]);
    let city = s.html("cities/khon-kaen/index.html");
    assert_eq!(
        city.attrs("meta[property=\"og:type\"]", "content"),
        vec!["website"]
    );
}

#[test]
fn each_city_country_and_topic_has_its_feed_linked_from_its_page() {
    let s = common::site(SITE);
    s.build_ok();
    let atom = "http://www.w3.org/2005/Atom";
    for (page, feed, titles) in [
        (
            "cities/khon-kaen/index.html",
            "cities/khon-kaen/atom.xml",
            vec!["Khon Kaen, Thailand | Light Rail, Phase 1: \"Yes\""],
        ),
        (
            "countries/thailand/index.html",
            "countries/thailand/atom.xml",
            vec![
                "Khon Kaen, Thailand | Light Rail, Phase 1: \"Yes\"",
                "Phuket, Thailand | Phuket Data",
            ],
        ),
        (
            "topics/mobility/index.html",
            "topics/mobility/atom.xml",
            vec!["Khon Kaen, Thailand | Light Rail, Phase 1: \"Yes\""],
        ),
    ] {
        let url = format!("https://example.org/sub/{feed}");
        let html = s.html(page);
        assert_eq!(
            html.attrs("link[rel=alternate][type=\"application/atom+xml\"]", "href"),
            vec!["https://example.org/sub/atom.xml".to_string(), url.clone()]
                .into_iter()
                .map(|u| u.replace("https://example.org", ""))
                .collect::<Vec<_>>(),
            "{page}"
        );
        assert_eq!(
            html.attrs(".feed-link a", "href"),
            vec![url.replace("https://example.org", "")],
            "{page}"
        );
        let text = s.read(feed);
        let doc = roxmltree::Document::parse(&text).expect("feed is XML");
        let root = doc.root_element();
        assert!(root.has_tag_name((atom, "feed")));
        let self_link = root
            .children()
            .find(|n| n.has_tag_name((atom, "link")) && n.attribute("rel") == Some("self"))
            .and_then(|n| n.attribute("href"));
        assert_eq!(self_link, Some(url.as_str()));
        let entries: Vec<&str> = root
            .children()
            .filter(|n| n.has_tag_name((atom, "entry")))
            .filter_map(|e| e.children().find(|n| n.has_tag_name((atom, "title"))))
            .filter_map(|t| t.text())
            .collect();
        assert_eq!(entries, titles, "{feed}");
        let feed_title = root
            .children()
            .find(|n| n.has_tag_name((atom, "title")))
            .and_then(|n| n.text())
            .unwrap_or("");
        assert!(feed_title.ends_with("| Open Data"), "{feed_title}");
    }
}

#[test]
fn a_sitemap_over_fifty_thousand_pages_is_split_under_an_index() {
    // 50,001 studies would take long to build in a test; the split is decided by the route layer
    // from the number of pages, so a site just over the limit is made from cheap studies.
    let n = casebook::routes::SITEMAP_MAX_URLS;
    let s = common::site(SITE);
    let dir = s.root().join("content/case-studies");
    for i in 0..n {
        std::fs::write(
            dir.join(format!("s{i}.md")),
            format!("---\ntitle: S{i}\ndate: 2020-01-01\ncity: Phuket\ncountry: Thailand\n---\n"),
        )
        .expect("write");
    }
    let site = match casebook::check(&s.options()) {
        Ok((site, _)) => site,
        Err(f) => panic!("{:?}", f.diagnostics.first()),
    };
    let files = casebook::write::to_memory(&site.render().expect("render")).expect("files");
    let parse = |path: &str| {
        let text = String::from_utf8(files.get(path).unwrap_or_else(|| panic!("{path}")).clone())
            .expect("UTF-8");
        let doc = roxmltree::Document::parse(&text)
            .expect("XML")
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .map(|n| {
                n.children()
                    .find(|c| c.has_tag_name("loc"))
                    .and_then(|c| c.text())
                    .unwrap_or("")
                    .to_string()
            })
            .collect::<Vec<String>>();
        doc
    };
    let index = parse("sitemap.xml");
    assert_eq!(
        index,
        vec![
            "https://example.org/sub/sitemaps/1.xml".to_string(),
            "https://example.org/sub/sitemaps/2.xml".to_string()
        ]
    );
    let first = parse("sitemaps/1.xml");
    let second = parse("sitemaps/2.xml");
    assert_eq!(first.len(), n);
    assert!(!second.is_empty());
    let all: std::collections::HashSet<&String> = first.iter().chain(&second).collect();
    assert_eq!(all.len(), first.len() + second.len(), "no page twice");
    assert!(all.contains(&"https://example.org/sub/case-studies/kk/".to_string()));
    let robots = String::from_utf8(files["robots.txt"].clone()).expect("UTF-8");
    assert!(robots.contains("Sitemap: https://example.org/sub/sitemap.xml"));
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(page: &common::Page) -> Vec<serde_json::Value> {
    let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").expect("selector");
    page.0
        .select(&sel)
        .flat_map(|e| {
            let text: String = e.text().collect();
            let v: serde_json::Value = serde_json::from_str(&text).expect("JSON-LD parses");
            v.as_array().cloned().unwrap_or_default()
        })
        .collect()
}

#[test]
fn study_and_city_pages_carry_structured_data_that_no_title_can_break() {
    let spec = SITE.replace(
        "title: Phuket Data",
        "title: \"Phuket </script><script>alert(1)</script> Data\"",
    );
    let s = common::site(&spec);
    s.build_ok();
    let page = s.html("case-studies/kk/index.html");
    let items = json_ld(&page);
    let article = items
        .iter()
        .find(|i| i["@type"] == "Article")
        .expect("an Article");
    assert_eq!(article["headline"], "Light Rail, Phase 1: \"Yes\"");
    assert_eq!(article["datePublished"], "2023-07-05");
    assert_eq!(
        article["description"],
        "A line, with commas; and \"quotes\"."
    );
    assert_eq!(article["publisher"]["name"], "Open Data");
    assert_eq!(article["author"]["name"], "Open Data");
    let city_id = "https://example.org/sub/cities/khon-kaen/#city";
    assert_eq!(article["about"][0]["@id"], city_id);
    assert_eq!(article["spatialCoverage"][0]["@id"], city_id);
    assert_eq!(article["citation"][0]["url"], "https://example.org/report");
    let crumbs = items
        .iter()
        .find(|i| i["@type"] == "BreadcrumbList")
        .expect("breadcrumbs");
    let names: Vec<&str> = crumbs["itemListElement"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Home",
            "Thailand",
            "Khon Kaen",
            "Light Rail, Phase 1: \"Yes\""
        ]
    );

    let city = json_ld(&s.html("cities/khon-kaen/index.html"));
    let collection = city
        .iter()
        .find(|i| i["@type"] == "CollectionPage")
        .expect("a CollectionPage");
    let place = &collection["mainEntity"];
    assert_eq!(place["@type"], "City");
    assert_eq!(place["@id"], city_id);
    assert_eq!(place["geo"]["latitude"], 16.44);
    assert_eq!(place["geo"]["longitude"], 102.83);
    assert_eq!(place["containedInPlace"]["name"], "Thailand");
    let population = place["additionalProperty"]
        .as_array()
        .expect("properties")
        .iter()
        .find(|p| p["name"] == "population")
        .expect("population");
    assert_eq!(population["value"], 147579);

    // The hostile title stays inside its JSON string: one script element, whose JSON parses.
    let hostile = s.html("case-studies/pk/index.html");
    let items = json_ld(&hostile);
    let article = items
        .iter()
        .find(|i| i["@type"] == "Article")
        .expect("an Article");
    assert_eq!(
        article["headline"],
        "Phuket </script><script>alert(1)</script> Data"
    );
    assert_eq!(hostile.count("script[type=\"application/ld+json\"]"), 1);
    assert!(!s
        .read("case-studies/pk/index.html")
        .contains("<script>alert(1)"));
}

#[test]
fn relative_links_lead_to_files_from_every_page_and_absolute_urls_stay() {
    let spec = SITE.replace(
        "base_url: https://example.org/sub/",
        "base_url: https://example.org/sub/\nlinks: relative",
    );
    let s = common::site(&spec);
    s.build_ok(); // the link check passes
    let public = s.root().join("public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = path
            .strip_prefix(&public)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let page = s.html(&rel);
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
            ("form[action]", "action"),
        ] {
            for url in page.attrs(css, attr) {
                if url.starts_with("https://")
                    || url.starts_with("http://")
                    || url.starts_with("mailto:")
                {
                    continue;
                }
                if rel == "404.html" {
                    // Shown at any depth: its links stay absolute.
                    assert!(
                        url.starts_with("/sub/") || url.starts_with('#'),
                        "404: {url}"
                    );
                    continue;
                }
                assert!(!url.starts_with('/'), "{rel}: {url} is not relative");
                let file = url.split(['#', '?']).next().unwrap_or("");
                if file.is_empty() {
                    continue;
                }
                assert!(!file.ends_with('/'), "{rel}: {url} names a folder");
                // As a browser opening the files from disk resolves it.
                let target = path.parent().expect("folder").join(file);
                assert!(target.is_file(), "{rel}: {url} leads to no file");
                checked += 1;
            }
        }
        // Canonical and Open Graph URLs stay absolute.
        if rel != "404.html" {
            for url in page.attrs("link[rel=canonical]", "href") {
                assert!(url.starts_with("https://example.org/sub/"), "{rel}: {url}");
            }
        }
    }
    assert!(checked > 100, "{checked}");
    // Feeds and the sitemap keep absolute URLs.
    assert!(s
        .read("sitemap.xml")
        .contains("<loc>https://example.org/sub/case-studies/kk/</loc>"));
    assert!(s
        .read("atom.xml")
        .contains("href=\"https://example.org/sub/case-studies/kk/\""));
}

#[test]
fn an_unknown_link_mode_is_an_error_at_its_line() {
    let spec = SITE.replace(
        "base_url: https://example.org/sub/",
        "base_url: https://example.org/sub/\nlinks: sideways",
    );
    let s = common::site(&spec);
    let diags = s.build_err();
    let d = common::find(&diags, "`links` must be");
    assert_eq!(d.file, std::path::Path::new("site.yaml"));
    assert_eq!(d.position.map(|p| p.line), Some(3));
}

#[test]
fn author_and_publisher_from_site_yaml_sign_the_articles_and_feeds() {
    let spec = SITE.replace(
        "base_url: https://example.org/sub/",
        "base_url: https://example.org/sub/\nauthor: Urban Lab Team\npublisher: {name: City Network, url: https://network.example.org/}",
    );
    let s = common::site(&spec);
    s.build_ok();
    let items = json_ld(&s.html("case-studies/kk/index.html"));
    let article = items
        .iter()
        .find(|i| i["@type"] == "Article")
        .expect("an Article");
    assert_eq!(article["author"]["name"], "Urban Lab Team");
    assert!(article["author"].get("url").is_none());
    assert_eq!(article["publisher"]["name"], "City Network");
    assert_eq!(article["publisher"]["url"], "https://network.example.org/");

    let atom = "http://www.w3.org/2005/Atom";
    for feed_path in ["atom.xml", "cities/khon-kaen/atom.xml"] {
        let text = s.read(feed_path);
        let feed = roxmltree::Document::parse(&text).expect("XML");
        let names: Vec<&str> = feed
            .descendants()
            .filter(|n| n.has_tag_name((atom, "author")))
            .filter_map(|a| a.children().find(|c| c.has_tag_name((atom, "name"))))
            .filter_map(|n| n.text())
            .collect();
        assert!(!names.is_empty(), "{feed_path} names an author");
        assert!(
            names.iter().all(|&n| n == "Urban Lab Team"),
            "{feed_path}: {names:?}"
        );
    }

    // Without them, the site signs: its title, and its address as the publisher's.
    let s = common::site(SITE);
    s.build_ok();
    let items = json_ld(&s.html("case-studies/kk/index.html"));
    let article = items
        .iter()
        .find(|i| i["@type"] == "Article")
        .expect("an Article");
    assert_eq!(article["author"]["name"], "Open Data");
    assert_eq!(article["publisher"]["url"], "https://example.org/sub/");
}

#[test]
fn a_bad_author_or_publisher_is_an_error_at_its_line() {
    let spec = SITE.replace(
        "base_url: https://example.org/sub/",
        "base_url: https://example.org/sub/\nauthor: {url: https://x.example/}\npublisher: {name: P, url: ftp://files.example/, logo: x.png}",
    );
    let s = common::site(&spec);
    let diags = s.build_err();
    let no_name = common::find(&diags, "`author` has no `name`");
    assert_eq!(no_name.position.map(|p| p.line), Some(3));
    let bad_url = common::find(
        &diags,
        "the `url` of `publisher` must be an absolute http(s) URL",
    );
    assert_eq!(bad_url.position.map(|p| p.line), Some(4));
    let unknown = common::find(&diags, "unknown key `logo` in `publisher`");
    assert_eq!(unknown.position.map(|p| p.line), Some(4));
    assert!(unknown
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("publisher: {name:"));
}
