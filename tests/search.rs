//! The search index, read back as the search script reads it: the catalog's studies, cities and
//! facets; terms found in section text, in a city's other spellings, in Thai (written without
//! spaces) and without accents; title matches ranked above text matches; terms split into parts
//! that the catalog's first terms locate; snippet text by section; URLs that lead to files in
//! both link modes; and the page's message without JavaScript.

mod common;

use std::collections::{BTreeMap, HashMap};

const SITE: &str = r#"-- site.yaml --
title: Search
base_url: https://example.org/sub/
-- content/cities/khon-kaen.md --
---
name: Khon Kaen
country: Thailand
aliases: [Kon Kaen, ขอนแก่น]
---
A city.
-- content/case-studies/kk.md --
---
title: Light Rail for Khon Kaen
date: 2023-07-05
city: Khon Kaen
topics: [Mobility, Smart city]
summary: A tram line built by the city's own company.
---
The intro.

## Background

The province studied the route for years.

## Results

The depot at Zeppelinport opened first. โครงการรถไฟฟ้ารางเบา is the project's Thai name.
-- content/case-studies/sp.md --
---
title: Bus Lanes of São Paulo
date: 2021-03-01
city: São Paulo
country: Brazil
topics: [Mobility]
---
Buses and a light rail feeder, rail again, rail.
-- content/case-studies/pk.md --
---
title: Phuket Data
date: 2022-01-01
city: Phuket
country: Thailand
topics: [Smart city]
---
Open data.
"#;

/// The index as the search script sees it: the catalog, and every term's postings.
struct Index {
    catalog: serde_json::Value,
    /// term -> [(study, score)], in the parts' order.
    terms: Vec<(String, Vec<(usize, u64)>)>,
    /// Which part each term was found in.
    part_of: HashMap<String, usize>,
}

fn read_index(s: &common::Site) -> Index {
    let catalog = s.script_call("search/catalog.js", "catalog")[0].clone();
    let parts = catalog["terms"]["urls"]
        .as_array()
        .expect("term parts")
        .len();
    let mut terms = Vec::new();
    let mut part_of = HashMap::new();
    for n in 0..parts {
        let call = s.script_call(&format!("search/terms/{n}.js"), "terms");
        assert_eq!(call[0], catalog["terms"]["key"], "part {n} names its index");
        assert_eq!(call[1], n, "part {n} names itself");
        let flat = call[2].as_array().expect("terms and postings");
        assert_eq!(flat.len() % 2, 0, "terms and postings alternate");
        for pair in flat.chunks(2) {
            let (name, list) = (&pair[0], &pair[1]);
            let name = name.as_str().expect("a term is a string").to_string();
            let flat: Vec<u64> = (list.as_array().expect("list").iter())
                .map(|v| v.as_u64().expect("a number"))
                .collect();
            let mut study = 0;
            let postings = flat
                .chunks(2)
                .map(|pair| {
                    study += pair[0] as usize;
                    (study, pair[1])
                })
                .collect();
            assert!(part_of.insert(name.clone(), n).is_none(), "{name} twice");
            terms.push((name, postings));
        }
    }
    Index {
        catalog,
        terms,
        part_of,
    }
}

impl Index {
    /// Study titles found by a query term, as the script finds them: every term it begins, the
    /// best score per study.
    fn find(&self, prefix: &str) -> BTreeMap<String, u64> {
        let mut found = BTreeMap::new();
        for (term, postings) in &self.terms {
            if term.starts_with(prefix) {
                for &(study, score) in postings {
                    let title = self.catalog["studies"][study][0]
                        .as_str()
                        .expect("title")
                        .to_string();
                    let best = found.entry(title).or_insert(0);
                    *best = (*best).max(score);
                }
            }
        }
        found
    }

    fn titles(&self, prefix: &str) -> Vec<String> {
        self.find(prefix).into_keys().collect()
    }
}

#[test]
fn words_of_sections_other_spellings_thai_and_accents_are_found() {
    let s = common::site(SITE);
    s.build_ok();
    let index = read_index(&s);
    let kk = vec!["Light Rail for Khon Kaen".to_string()];
    // A word written only in the body of the Results section.
    assert_eq!(index.titles("zeppelinport"), kk);
    // As the reader types it: a prefix.
    assert_eq!(index.titles("zeppel"), kk);
    // The city's other spellings find its studies.
    assert_eq!(index.titles("kon"), kk);
    assert_eq!(index.titles("kaen"), kk);
    // Thai, written without spaces, is indexed as pairs of letters: a word inside a run is found.
    for pair in ["รา", "าง", "งเ", "เบ", "บา"] {
        assert_eq!(index.titles(pair), kk, "{pair}");
    }
    // Accents are folded: "sao" finds São Paulo; the upper case of the text does not matter.
    assert_eq!(index.titles("sao"), vec!["Bus Lanes of São Paulo"]);
    assert_eq!(index.titles("paulo"), vec!["Bus Lanes of São Paulo"]);
    // Countries and topics are searchable too.
    assert_eq!(index.titles("brazil"), vec!["Bus Lanes of São Paulo"]);
    assert_eq!(index.titles("mobility").len(), 2);
    // Summaries are searched, headings too.
    assert_eq!(index.titles("tram"), kk);
    assert_eq!(index.titles("background"), kk);
    // Words of the page's frame (the site title) and of other studies are not.
    assert!(index.titles("search").is_empty());
}

#[test]
fn a_title_match_ranks_above_text_matches() {
    let s = common::site(SITE);
    s.build_ok();
    let found = read_index(&s).find("rail");
    // São Paulo's text says "rail" three times; Khon Kaen's title says it once.
    assert!(
        found["Light Rail for Khon Kaen"] > found["Bus Lanes of São Paulo"],
        "{found:?}"
    );
}

#[test]
fn the_catalog_lists_studies_cities_and_facets() {
    let s = common::site(SITE);
    s.build_ok();
    let c = read_index(&s).catalog;
    let names = |key: &str| -> Vec<String> {
        (c[key].as_array().expect(key).iter())
            .map(|v| v[0].as_str().expect("name").to_string())
            .collect()
    };
    assert_eq!(names("countries"), ["Brazil", "Thailand"]);
    assert_eq!(names("topics"), ["Mobility", "Smart city"]);
    assert_eq!(names("cities"), ["Khon Kaen", "Phuket", "São Paulo"]);
    // Newest first: [title, url, date, year, country, cities, topics].
    let kk = &c["studies"][0];
    assert_eq!(kk[0], "Light Rail for Khon Kaen");
    assert_eq!(kk[1], "/sub/case-studies/kk/");
    assert_eq!(kk[2], "July 5, 2023");
    assert_eq!(kk[3], 2023);
    assert_eq!(
        c["countries"][kk[4].as_u64().expect("country") as usize][0],
        "Thailand"
    );
    assert_eq!(
        c["cities"][kk[5][0].as_u64().expect("city") as usize][0],
        "Khon Kaen"
    );
    let topics: Vec<&str> = (kk[6].as_array().expect("topics").iter())
        .map(|t| {
            c["topics"][t.as_u64().expect("topic") as usize][0]
                .as_str()
                .expect("name")
        })
        .collect();
    assert_eq!(topics, ["Mobility", "Smart city"]);
    assert_eq!(c["studies"][1][3], 2022);
    assert_eq!(c["studies"][2][3], 2021);
    // A city: [name, slug, country, url, other spellings, studies].
    let city = &c["cities"][0];
    assert_eq!(city[1], "khon-kaen");
    assert_eq!(city[3], "/sub/cities/khon-kaen/");
    assert_eq!(city[4], serde_json::json!(["Kon Kaen", "ขอนแก่น"]));
    assert_eq!(city[5], 1);
    assert_eq!(c["countries"][1][1], "thailand");
}

/// Every URL of the catalog (studies, cities, parts) leads to a file, read as the search page at
/// `search/index.html` reads it.
fn assert_catalog_urls_resolve(s: &common::Site, relative: bool) {
    let c = read_index(s).catalog;
    let mut urls: Vec<String> = Vec::new();
    for row in c["studies"].as_array().expect("studies") {
        urls.push(row[1].as_str().expect("url").into());
    }
    for row in c["cities"].as_array().expect("cities") {
        urls.push(row[3].as_str().expect("url").into());
    }
    for key in ["terms", "texts"] {
        for u in c[key]["urls"].as_array().expect("urls") {
            urls.push(u.as_str().expect("url").into());
        }
    }
    assert!(urls.len() > 7);
    for url in urls {
        let file = if relative {
            assert!(!url.starts_with('/'), "{url} is not relative");
            let from_search = url.strip_prefix("../").unwrap_or_else(|| panic!("{url}"));
            from_search.to_string()
        } else {
            let path = url.strip_prefix("/sub/").unwrap_or_else(|| panic!("{url}"));
            if path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            }
        };
        assert!(s.exists(&file), "{url} leads to no file");
    }
}

#[test]
fn catalog_urls_lead_to_files_in_both_link_modes() {
    let s = common::site(SITE);
    s.build_ok();
    assert_catalog_urls_resolve(&s, false);
    let search = s.html("search/index.html");
    assert_eq!(
        search.attrs("#search-app", "data-index"),
        ["/sub/search/catalog.js"]
    );

    s.write(
        "site.yaml",
        "title: Search\nbase_url: https://example.org/sub/\nlinks: relative\n",
    );
    s.build_ok();
    assert_catalog_urls_resolve(&s, true);
    let search = s.html("search/index.html");
    assert_eq!(
        search.attrs("#search-app", "data-index"),
        ["../search/catalog.js"]
    );
}

#[test]
fn text_parts_hold_each_sections_text_and_anchor() {
    let s = common::site(SITE);
    s.build_ok();
    let catalog = read_index(&s).catalog;
    assert_eq!(catalog["texts"]["per"], 8);
    let texts = s.script_call("search/text/0.js", "text");
    // The part names the studies it holds, by their number in the catalog.
    assert_eq!(texts[0], serde_json::json!([0, 1, 2]));
    let kk = &texts[1][0];
    assert_eq!(
        kk["summary"],
        "A tram line built by the city's own company."
    );
    let sections = kk["sections"].as_array().expect("sections");
    let headings: Vec<&str> = sections.iter().map(|x| x[0].as_str().expect("h")).collect();
    assert_eq!(headings, ["", "Background", "Results"]);
    assert_eq!(sections[0][2], "The intro.");
    let results = sections[2][2].as_str().expect("text");
    assert!(
        results.starts_with("The depot at Zeppelinport opened first."),
        "{results}"
    );
    // The anchor of a section is the id of its heading on the study's page.
    let page = s.html("case-studies/kk/index.html");
    let id = sections[2][1].as_str().expect("id");
    assert_eq!(page.texts(&format!("#{id}")), vec!["Results"]);
    // Three studies, one part.
    assert!(!s.exists("search/text/1.js"));
}

#[test]
fn a_large_site_splits_its_terms_into_parts_the_catalog_locates() {
    let mut spec = String::new();
    for i in 0..450 {
        spec.push_str(&common::study(
            &format!("s{i:03}.md"),
            &format!(
                "title: Study {i}\ndate: 2020-01-{:02}\ncity: City{}\ncountry: Land",
                i % 28 + 1,
                i % 40
            ),
            &format!("Common words in every study. Word{i} alone. Ünique{i} too. ไทย{i}"),
        ));
    }
    let s = common::site(&spec);
    s.build_ok();
    let index = read_index(&s);
    let first: Vec<String> = (index.catalog["terms"]["first"]
        .as_array()
        .expect("first")
        .iter())
    .map(|v| v.as_str().expect("term").to_string())
    .collect();
    assert_eq!(first.len(), 3, "450 studies make 3 parts");
    // Parts hold consecutive terms in UTF-16 order (the order the script compares strings in).
    let utf16 = |t: &str| t.encode_utf16().collect::<Vec<u16>>();
    for w in index.terms.windows(2) {
        assert!(
            utf16(&w[0].0) < utf16(&w[1].0),
            "{} before {}",
            w[0].0,
            w[1].0
        );
    }
    // The script's lookup (the last part whose first term is not after the term) finds each
    // term in the part that holds it.
    for (term, _) in &index.terms {
        let located = first
            .iter()
            .rposition(|f| utf16(f) <= utf16(term))
            .unwrap_or(0);
        assert_eq!(located, index.part_of[term], "{term}");
    }
    // Each part holds a fair share: none is empty.
    for n in 0..3 {
        assert!(index.part_of.values().filter(|&&p| p == n).count() > 100);
    }
    // A word of every study is in all 450; one of a single study in one.
    assert_eq!(index.titles("common").len(), 450);
    assert_eq!(index.titles("word417"), vec!["Study 417"]);
    assert_eq!(index.titles("unique3").len(), 1 + 10 + 100);
    // 450 studies, 8 to a text part.
    assert!(s.exists("search/text/56.js"));
    assert!(!s.exists("search/text/57.js"));
}

#[test]
fn without_javascript_the_search_page_links_the_index_pages() {
    let s = common::site(SITE);
    s.build_ok();
    let page = s.read("search/index.html");
    let start = page.find("<noscript>").expect("a noscript message");
    let end = page[start..].find("</noscript>").expect("closed") + start;
    let message = scraper::Html::parse_fragment(&page[start + 10..end]);
    let links: Vec<(String, String)> = message
        .select(&scraper::Selector::parse("a").expect("selector"))
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("case studies".to_string(), "/sub/case-studies/".to_string()),
            ("cities".into(), "/sub/cities/".into()),
            ("countries".into(), "/sub/countries/".into()),
            ("topics".into(), "/sub/topics/".into()),
        ]
    );
    assert!(message
        .root_element()
        .text()
        .collect::<String>()
        .contains("Search needs JavaScript"));
}

/// The search script's `terms()` (themes/default/static/search.js), run by node on what a
/// reader types, gives exactly the terms the index made of the same text (src/render/data/
/// search/tokens.rs): Thai keeps its vowel and tone marks, Vietnamese folds to plain Latin.
#[test]
fn the_search_script_and_the_index_make_the_same_terms() {
    let texts = ["น้ำท่วม", "เชียงใหม่", "Đà Nẵng", "São Paulo", "Łódź", "東京都"];
    let mut spec = String::new();
    for (i, t) in texts.iter().enumerate() {
        spec.push_str(&common::study(
            &format!("s{i}.md"),
            &format!(
                "title: T{i}\ndate: 2023-01-0{}\ncity: Phuket\ncountry: Thailand",
                i + 1
            ),
            t,
        ));
    }
    let s = common::site(&spec);
    s.build_ok();
    let index = read_index(&s);
    let indexed: std::collections::HashSet<&str> =
        index.terms.iter().map(|(t, _)| t.as_str()).collect();
    // Thai: not folded into other words ("water" is not "rice field").
    assert!(indexed.contains("น้ํา"), "{indexed:?}");
    assert!(!indexed.contains("นา"));
    assert!(indexed.contains("da") && indexed.contains("nang"));
    assert!(indexed.contains("lodz"));
    let Ok(node) = std::process::Command::new("node").arg("--version").output() else {
        eprintln!("node is not installed: the search script's half of this test is skipped");
        return;
    };
    assert!(node.status.success());
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    let program = format!(
        r#"const src = require("fs").readFileSync({script:?}, "utf8");
const a = src.indexOf("  var UNSPACED"), b = src.indexOf("  // --- Loading the index");
const terms = new Function(src.slice(a, b) + "; return terms;")();
console.log(JSON.stringify({texts:?}.map(terms)));"#,
        script = script.display().to_string(),
        texts = texts,
    );
    let out = std::process::Command::new("node")
        .arg("-e")
        .arg(program)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).expect("JSON");
    for (text, terms) in texts.iter().zip(js) {
        assert!(!terms.is_empty(), "{text}");
        for t in terms {
            let found = index.titles(&t);
            assert!(
                !found.is_empty(),
                "the script makes {t:?} of {text:?}, which the index lacks"
            );
        }
    }
}
