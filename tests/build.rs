//! Building fixture sites and checking the pages by parsing their HTML.

mod common;
use common::{site, study};

const KHON_KAEN: &str = r#"title: Citizen Awareness of the Smart City
date: 2023-07-05
city: Khon Kaen
country: Thailand
topics: [Smart city, Mobility]
fast_facts:
  mayor: Thirasak Thikhayuphan
  population: 147579
  area_km2: 46
  signatory_since: 2016
  notes:
    - A rice-trading centre with **Khon Kaen University**.
sources:
  - title: "Thailand Smart Cities: What is the Path to Success?"
    url: https://onlinelibrary.wiley.com/doi/10.1111/aspp.12445
    publisher: Wiley Online Library
    date: 2019-02-26"#;

const KHON_KAEN_BODY: &str = "Opening words.

## Results and Lessons Learned

Leaders launched it.[^a] Again.[^b]

## Background

The background.[^a]

### Detail

Deeper.

## Budget

Money.

## Solutions Implemented

Light rail.

[^a]: First source.
[^b]: Second source.
";

fn khon_kaen_site(extra: &str) -> common::Site {
    site(&format!(
        "{}{}",
        study("khon-kaen.md", KHON_KAEN, KHON_KAEN_BODY),
        extra
    ))
}

/// A site.yaml showing `size` items per list page.
fn paged_config(size: usize) -> String {
    format!("-- site.yaml --\ntitle: T\nbase_url: https://example.org/\npage_size: {size}\n")
}

/// Studies `s1.md` to `s{count}.md`, titled S1..., dated one day apart from 2023-01-01 (so S1 is
/// the oldest), each with the front matter lines `extra`, where `{n}` stands for its number.
fn dated_studies(count: usize, extra: &str) -> String {
    (1..=count)
        .map(|n| {
            let extra = extra.replace("{n}", &n.to_string());
            study(
                &format!("s{n}.md"),
                &format!("title: S{n}\ndate: 2023-01-{n:02}\n{extra}"),
                "x",
            )
        })
        .collect()
}

#[test]
fn every_page_kind_is_written() {
    let s = khon_kaen_site("-- content/pages/about.md --\n---\ntitle: About us\n---\nHello.\n");
    s.build_ok();
    for path in [
        "index.html",
        "404.html",
        "case-studies/index.html",
        "case-studies/khon-kaen/index.html",
        "cities/index.html",
        "cities/khon-kaen/index.html",
        "countries/index.html",
        "countries/thailand/index.html",
        "topics/index.html",
        "topics/smart-city/index.html",
        "topics/mobility/index.html",
        "about/index.html",
        "search/index.html",
        "style.css",
        "atom.xml",
        "sitemap.xml",
        "search/catalog.js",
        "search/terms/0.js",
        "search/text/0.js",
        "robots.txt",
        "data/case-studies.json",
        "data/cities.json",
        "data/graph.json",
    ] {
        assert!(s.exists(path), "missing public/{path}");
    }
}

#[test]
fn study_page_structure() {
    let s = khon_kaen_site("");
    s.build_ok();
    let p = s.html("case-studies/khon-kaen/index.html");
    assert_eq!(p.count("h1"), 1);
    assert_eq!(
        p.text("h1"),
        "Khon Kaen, Thailand | Citizen Awareness of the Smart City"
    );
    assert_eq!(
        p.text("title"),
        "Khon Kaen, Thailand | Citizen Awareness of the Smart City | Test Site"
    );
    assert_eq!(p.attrs("html", "lang"), vec!["en"]);
    assert_eq!(p.attrs("time", "datetime")[0], "2023-07-05");
    assert_eq!(p.texts("header time")[0], "July 5, 2023");
    // Landmarks and the skip link.
    assert_eq!(p.count("header.site-header"), 1);
    assert_eq!(p.count("main#main"), 1);
    assert_eq!(p.count("footer"), 1);
    assert_eq!(
        p.links("a.skip-link"),
        vec![("Skip to main content".into(), "#main".into())]
    );
    assert!(p
        .links("a")
        .iter()
        .any(|(t, h)| t == "Back to top" && h == "#top"));
    assert_eq!(p.count("#top"), 1);
    // Breadcrumbs: Home > Thailand > Khon Kaen > study.
    assert_eq!(
        p.texts("nav.breadcrumbs li"),
        vec![
            "Home",
            "Thailand",
            "Khon Kaen",
            "Citizen Awareness of the Smart City"
        ]
    );
    assert_eq!(
        p.attrs("nav.breadcrumbs a", "href"),
        vec!["/", "/countries/thailand/", "/cities/khon-kaen/"]
    );
    // A link to the city page, and topics.
    assert!(p
        .links(".city-link a")
        .iter()
        .any(|(_, h)| h == "/cities/khon-kaen/"));
    assert_eq!(p.texts(".topics a"), vec!["Smart city", "Mobility"]);
    // No request to any other host: no external scripts, styles or images.
    for attr in ["src", "href"] {
        for v in p.attrs("script, link[rel=stylesheet], link[rel=icon], img", attr) {
            assert!(v.starts_with('/'), "{v} is not on this host");
        }
    }
}

#[test]
fn fast_facts_are_formatted() {
    let s = khon_kaen_site("");
    s.build_ok();
    let p = s.html("case-studies/khon-kaen/index.html");
    assert_eq!(p.count(".fast-facts .fact"), 6);
    assert_eq!(
        p.texts(".fast-facts dt"),
        vec![
            "Mayor",
            "Population",
            "Area",
            "Population density",
            "Signatory since",
            "Notes"
        ]
    );
    let dd = p.texts(".fast-facts dd:not(.fact-note)");
    assert_eq!(dd[0], "Thirasak Thikhayuphan");
    assert_eq!(dd[1], "147,579");
    assert_eq!(dd[2], "46 km²");
    // Derived: 147,579 / 46 km², whole people, marked as calculated.
    assert_eq!(dd[3], "3,208 people per km²");
    assert_eq!(
        p.text(".fact-density .fact-note"),
        "calculated from the population and area"
    );
    assert_eq!(dd[4], "2016");
    assert_eq!(p.count(".fast-facts dd ul li"), 1);
    assert_eq!(p.text(".fast-facts dd li strong"), "Khon Kaen University");
}

#[test]
fn fast_fact_labels_and_order_come_from_the_config() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nfast_facts:\n  labels:\n    signatory_since: GCoM signatory since\n  order: [population, mayor]\n{}",
        study("a.md", "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\nfast_facts:\n  mayor: M\n  gdp_per_capita: 5\n  population: '1,234'\n  signatory_since: 2016", "Body.")
    ));
    s.build_ok();
    let p = s.html("case-studies/a/index.html");
    assert_eq!(
        p.texts(".fast-facts dt"),
        vec![
            "Population",
            "Mayor",
            "Gdp per capita",
            "GCoM signatory since"
        ]
    );
    assert_eq!(p.texts(".fast-facts dd")[0], "1,234");
}

#[test]
fn sections_are_detected_and_placed_canonically() {
    let s = khon_kaen_site("");
    s.build_ok();
    let p = s.html("case-studies/khon-kaen/index.html");
    assert_eq!(p.text(".study-body .intro"), "Opening words.");
    // Background, Solutions, other sections in order, then Results and Lessons.
    assert_eq!(
        p.attrs(".study-body > section.section", "class"),
        vec![
            "section section-background",
            "section section-solutions",
            "section section-other",
            "section section-lessons"
        ]
    );
    assert_eq!(
        p.texts(".study-body > section.section > h2"),
        vec![
            "Background",
            "Solutions Implemented",
            "Budget",
            "Results and Lessons Learned"
        ]
    );
    // Every heading has a stable id; the table of contents follows the page order.
    assert_eq!(
        p.attrs(".study-body section h2, .study-body section h3", "id")[..5],
        [
            "background",
            "detail",
            "solutions-implemented",
            "budget",
            "results-and-lessons-learned"
        ]
    );
    assert_eq!(
        p.attrs(".toc > ol > li > a", "href"),
        vec![
            "#background",
            "#solutions-implemented",
            "#budget",
            "#results-and-lessons-learned"
        ]
    );
    assert_eq!(p.attrs(".toc ol ol a", "href"), vec!["#detail"]);
}

#[test]
fn section_aliases_from_the_config() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nsections:\n  lessons: [\"What we learned\"]\n{}",
        study("a.md", "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y", "## What We Learned\n\nL.\n\n## Background\n\nB.\n")
    ));
    s.build_ok();
    let p = s.html("case-studies/a/index.html");
    assert_eq!(
        p.attrs(".study-body > section.section", "class"),
        vec!["section section-background", "section section-lessons"]
    );
}

#[test]
fn footnotes_are_numbered_with_back_links() {
    let s = khon_kaen_site("");
    s.build_ok();
    let p = s.html("case-studies/khon-kaen/index.html");
    // Numbered in the order the reader meets them: Background (shown first) cites [^a], so it
    // is 1 although the Results section, written first, cites it too; [^b] is 2.
    let refs = p.links("sup.footnote-ref a");
    assert_eq!(refs.len(), 3);
    let notes = p.attrs(".footnotes li", "id");
    assert_eq!(notes, vec!["fn-1", "fn-2"]);
    assert_eq!(
        p.texts(".footnotes li p"),
        vec!["First source.", "Second source."]
    );
    assert_eq!(p.texts("sup.footnote-ref a"), vec!["1", "1", "2"]);
    // Every reference points at its note and every back-link at an existing reference.
    let ref_ids = p.attrs("sup.footnote-ref a", "id");
    for (_, href) in &refs {
        assert!(
            notes.contains(&href.trim_start_matches('#').to_string()),
            "{href}"
        );
    }
    let backs = p.attrs(".footnotes a.footnote-backref", "href");
    assert_eq!(backs.len(), 3, "note 1 is referenced twice");
    for b in backs {
        assert!(
            ref_ids.contains(&b.trim_start_matches('#').to_string()),
            "{b} has no reference"
        );
    }
    // Sources are listed with link, publisher and date in words.
    assert_eq!(
        p.text(".sources li"),
        "Thailand Smart Cities: What is the Path to Success?, Wiley Online Library, February 26, 2019"
    );
}

#[test]
fn city_page_with_profile() {
    let s = khon_kaen_site(
        "-- content/cities/khon-kaen.md --\n---\nname: Khon Kaen\ncountry: Thailand\nregion: Isan\nsummary: A hub of the northeast.\nfast_facts:\n  population: {value: 150000, year: 2024, source: Census office, url: 'https://example.org/census'}\n  mayor: An older mayor\n---\nProfile text.\n\n-- content/cities/udon-thani.md --\n---\nname: Udon Thani\ncountry: Thailand\n---\nNeighbour.\n",
    );
    s.build_ok();
    let p = s.html("cities/khon-kaen/index.html");
    assert_eq!(p.text("h1"), "Khon Kaen, Thailand");
    assert_eq!(p.text(".lead"), "A hub of the northeast.");
    assert_eq!(p.text(".profile"), "Profile text.");
    // Each fact from the newest dated source: the profile's population of 2024 (with its year
    // and source) beats the study's of 2023; the study's mayor (dated by the study) beats the
    // profile's plain, undated one; facts only the study has come from it.
    assert_eq!(
        p.texts(".fast-facts dt"),
        vec![
            "Population",
            "Mayor",
            "Area",
            "Population density",
            "Signatory since",
            "Notes"
        ]
    );
    assert_eq!(p.text(".fact-population dd"), "150,000 (2024)");
    assert_eq!(
        p.links(".fact-population .fact-note a"),
        vec![("Census office".into(), "https://example.org/census".into())]
    );
    assert_eq!(p.texts(".fact-population .fact-note")[1], "as of 2024");
    assert_eq!(p.text(".fact-mayor dd"), "Thirasak Thikhayuphan");
    assert_eq!(
        p.text(".fact-mayor .fact-note"),
        "quoted in Citizen Awareness of the Smart City (July 2023)"
    );
    // The density comes from the chosen population and area: 150,000 / 46.
    assert_eq!(p.text(".fact-density dd"), "3,261 people per km² (2024)");
    assert_eq!(p.count(".as-of"), 0, "the facts come from two places");
    assert_eq!(
        p.links("#city-studies + .study-list .study-card-title a"),
        vec![(
            "Citizen Awareness of the Smart City".into(),
            "/case-studies/khon-kaen/".into()
        )]
    );
    assert_eq!(
        p.links("#same-country + ul a"),
        vec![("Udon Thani".into(), "/cities/udon-thani/".into())]
    );
    assert_eq!(
        p.texts("nav.breadcrumbs li"),
        vec!["Home", "Thailand", "Khon Kaen"]
    );
}

#[test]
fn city_page_without_profile_uses_the_newest_study() {
    let s = site(&format!(
        "{}{}",
        study("old.md", "title: Old\ndate: 2020-01-01\ncity: Nowhere\ncountry: Atlantis\nfast_facts:\n  population: 10", "Old."),
        study("new.md", "title: New\ndate: 2022-03-04\ncity: Nowhere\ncountry: Atlantis\nfast_facts:\n  population: 20000", "New.")
    ));
    s.build_ok();
    let p = s.html("cities/nowhere/index.html");
    assert_eq!(p.text("h1"), "Nowhere, Atlantis");
    assert_eq!(p.texts(".fast-facts dd"), vec!["20,000"]);
    assert_eq!(p.text(".as-of"), "Quoted in New (March 2022).");
    assert_eq!(p.texts(".study-card-title"), vec!["New", "Old"]);
    assert_eq!(p.count(".profile"), 0);
}

#[test]
fn subpath_base_url_prefixes_every_link() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/best-practices/\n{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand\ntopics: [x]",
            "See [b](b.md)."
        ),
        study(
            "b.md",
            "title: B\ndate: 2023-01-02\ncity: Busan\ncountry: South Korea",
            "Phuket is a partner."
        )
    ));
    s.build_ok();
    for path in [
        "index.html",
        "case-studies/a/index.html",
        "cities/busan/index.html",
        "404.html",
        "topics/x/index.html",
    ] {
        let p = s.html(path);
        for attr in ["href", "src", "action"] {
            for v in p.attrs("[href], [src], [action]", attr) {
                let ok = v.starts_with("/best-practices/")
                    || v.starts_with('#')
                    || v.starts_with("https://");
                assert!(ok, "{path}: {attr}={v} escapes the subpath");
            }
        }
    }
    let p = s.html("case-studies/a/index.html");
    assert_eq!(
        p.attrs("link[rel=canonical]", "href"),
        vec!["https://example.org/best-practices/case-studies/a/"]
    );
    assert!(p
        .links(".study-body a")
        .contains(&("b".into(), "/best-practices/case-studies/b/".into())));
    let feed = s.read("atom.xml");
    assert!(feed.contains("<link href=\"https://example.org/best-practices/case-studies/b/\"/>"));
}

#[test]
fn slug_collisions_name_both_files() {
    let s = site(&format!(
        "{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\nslug: same",
            "A."
        ),
        study(
            "b.md",
            "title: B\ndate: 2023-01-01\ncity: X\ncountry: Y\nslug: same",
            "B."
        )
    ));
    let diags = s.build_err();
    let d = common::find(
        &diags,
        "two items would be written to `case-studies/same/index.html`",
    );
    // Both files, with the line of each `slug:`.
    assert!(
        d.message.contains("content/case-studies/a.md:6")
            && d.message.contains("content/case-studies/b.md:6"),
        "{d}"
    );
}

#[test]
fn page_slug_may_not_shadow_a_built_in_section() {
    let s = site(&format!(
        "{}-- content/pages/cities.md --\n---\ntitle: Cities\n---\nx\n",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y",
            "A."
        )
    ));
    let diags = s.build_err();
    common::find(&diags, "used by casebook for its own pages");
}

#[test]
fn slugs_are_transliterated_lowercase_ascii() {
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncity: São Paulo\ncountry: Brasil",
        "A.",
    ));
    s.build_ok();
    assert!(s.exists("cities/sao-paulo/index.html"));
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncity: ขอนแก่น\ncountry: Thailand",
        "A.",
    ));
    s.build_ok();
    let cities: Vec<_> = std::fs::read_dir(s.out("cities"))
        .expect("cities")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n != "index.html" && n != "compare" && n != "map.svg")
        .collect();
    assert_eq!(cities.len(), 1);
    assert!(
        cities[0]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{cities:?}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let s = site(&format!(
        "{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y",
            "A."
        ),
        study(
            "d.md",
            "title: D\ndate: 2023-01-01\ncity: X\ncountry: Y\ndraft: true",
            "D."
        )
    ));
    s.build_ok();
    assert!(!s.exists("case-studies/d/index.html"));
    let mut opts = s.options();
    opts.drafts = true;
    casebook::build(&opts).expect("build with drafts");
    assert!(s.exists("case-studies/d/index.html"));
}

#[test]
fn bundle_files_are_copied_beside_the_page() {
    let s = site(&study(
        "a/index.md",
        "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y",
        "![A tram](tram.png)",
    ));
    s.write("content/case-studies/a/tram.png", "PNG");
    s.build_ok();
    assert_eq!(s.read("case-studies/a/tram.png"), "PNG");
    let p = s.html("case-studies/a/index.html");
    assert_eq!(p.attrs(".study-body img", "src"), vec!["tram.png"]);
    assert_eq!(p.attrs(".study-body img", "alt"), vec!["A tram"]);
}

#[test]
fn study_list_is_paginated_newest_first_and_names_each_page_range() {
    let s = site(&format!(
        "{}{}",
        paged_config(2),
        dated_studies(5, "city: X\ncountry: Y")
    ));
    s.build_ok();
    let p1 = s.html("case-studies/index.html");
    assert_eq!(p1.texts(".study-card-title"), vec!["S5", "S4"]);
    assert_eq!(p1.text("#list-heading"), "Case studies 1 to 2");
    // Cards sit one level below the range heading.
    assert_eq!(p1.texts("h3.study-card-title"), vec!["S5", "S4"]);
    let last = s.html("case-studies/page/3/index.html");
    assert_eq!(last.texts(".study-card-title"), vec!["S1"]);
    assert_eq!(last.text("#list-heading"), "Case studies 5 to 5");
    assert_eq!(last.texts("h3.study-card-title"), vec!["S1"]);
    assert_eq!(
        p1.attrs(".pagination a[rel=next]", "href"),
        vec!["/case-studies/page/2/"]
    );
    // Older/newer links on a study page.
    let p = s.html("case-studies/s3/index.html");
    let pager: Vec<String> = p.texts(".pager a");
    assert!(
        pager.contains(&"Newer case study: S4".to_string()),
        "{pager:?}"
    );
    assert!(
        pager.contains(&"Older case study: S2".to_string()),
        "{pager:?}"
    );
}

#[test]
fn related_studies_prefer_explicit_then_shared_city() {
    let s = site(&format!(
        "{}{}{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\nrelated: [d]",
            "a"
        ),
        study(
            "b.md",
            "title: B\ndate: 2023-01-02\ncity: X\ncountry: Y",
            "b"
        ),
        study(
            "c.md",
            "title: C\ndate: 2023-01-03\ncity: Z\ncountry: Y",
            "c"
        ),
        study(
            "d.md",
            "title: D\ndate: 2023-01-04\ncity: W\ncountry: V",
            "d"
        )
    ));
    s.build_ok();
    let p = s.html("case-studies/a/index.html");
    assert_eq!(p.texts(".related .study-card-title"), vec!["D", "B", "C"]);
}

#[test]
fn data_files_are_valid_json_and_xml() {
    let s = khon_kaen_site("");
    s.build_ok();
    let studies: serde_json::Value =
        serde_json::from_str(&s.read("data/case-studies.json")).expect("json");
    assert_eq!(studies["studies"][0]["fast_facts"]["population"], 147579);
    let catalog = s.script_call("search/catalog.js", "catalog");
    assert_eq!(
        catalog[0]["studies"][0][0],
        "Citizen Awareness of the Smart City"
    );
    let feed_text = s.read("atom.xml");
    let feed = roxmltree::Document::parse(&feed_text).expect("atom.xml is well-formed XML");
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(feed.root_element().tag_name().namespace(), Some(atom));
    assert_eq!(feed.root_element().tag_name().name(), "feed");
    let entries: Vec<_> = feed
        .descendants()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), 1);
    let entry_link = entries[0]
        .children()
        .find(|n| n.has_tag_name((atom, "link")))
        .and_then(|n| n.attribute("href"));
    assert_eq!(
        entry_link,
        Some("https://example.org/case-studies/khon-kaen/")
    );
    let sitemap_text = s.read("sitemap.xml");
    let sitemap =
        roxmltree::Document::parse(&sitemap_text).expect("sitemap.xml is well-formed XML");
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&"https://example.org/cities/khon-kaen/"),
        "{locs:?}"
    );
    assert!(
        locs.contains(&"https://example.org/case-studies/khon-kaen/"),
        "{locs:?}"
    );
}

#[test]
fn theme_templates_can_be_overridden_by_the_site() {
    let s = khon_kaen_site("-- themes/default/templates/404.html --\n{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}\n");
    s.build_ok();
    assert_eq!(s.html("404.html").text("h1"), "Lost");
}

#[test]
fn template_errors_are_reported_with_the_template_position() {
    let s = khon_kaen_site("-- themes/default/templates/404.html --\n{% extends \"base.html\" %}{% block content %}{{ oops( }}{% endblock content %}\n");
    let diags = s.build_err();
    let d = common::find(&diags, "template");
    assert!(d.file.ends_with("themes/default/templates/404.html"), "{d}");
    assert!(d.message.contains("404.html:1:"), "{d}");
}

#[test]
fn a_template_failing_on_every_page_is_reported_once_with_a_count() {
    let mut spec = dated_studies(3, "city: C{n}\ncountry: Y");
    // Fails at render time (the syntax is fine), once per city page.
    spec.push_str("-- themes/default/templates/city.html --\n{% extends \"base.html\" %}{% block content %}{{ city.name | truncate(length=\"x\") }}{% endblock content %}\n");
    let s = site(&spec);
    let diags = s.build_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert!(
        d.file.ends_with("themes/default/templates/city.html"),
        "{d}"
    );
    assert!(
        d.message
            .starts_with("the template failed (in `cities/c1/index.html` and 2 other files):\n"),
        "{d}"
    );
    assert!(d.message.contains("city.html:1:"), "{d}");
}

#[test]
fn a_failing_card_template_is_reported_once_naming_the_studies() {
    let mut spec = dated_studies(3, "city: X\ncountry: Y");
    spec.push_str("-- themes/default/templates/study_card.html --\n<li>{{ card.title | truncate(length=\"x\") }}</li>\n");
    let s = site(&spec);
    let diags = s.build_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert!(
        d.file.ends_with("themes/default/templates/study_card.html"),
        "{d}"
    );
    assert!(
        d.message.starts_with(
            "the template failed (in `content/case-studies/s1.md` and 2 other files):\n"
        ),
        "{d}"
    );
    assert!(!s.root().join("public").exists(), "nothing is written");
}

#[test]
fn study_cards_and_links_come_from_their_own_templates_on_every_list() {
    let mut spec = dated_studies(7, "city: Khon Kaen\ncountry: Thailand\ntopics: [t]");
    spec.push_str("-- themes/default/templates/study_card.html --\n<li class=\"mine\"><a href=\"{{ card.url }}\">{{ card.title }} ({{ card.city }})</a></li>\n");
    spec.push_str("-- themes/default/templates/study_link.html --\n<li class=\"my-link\"><a href=\"{{ card.url }}\">{{ card.title }}</a></li>\n");
    let s = site(&spec);
    s.build_ok();
    for page in [
        "index.html",
        "case-studies/index.html",
        "cities/khon-kaen/index.html",
        "countries/thailand/index.html",
        "topics/t/index.html",
    ] {
        let cards = s.html(page).texts(".study-list > li.mine");
        assert_eq!(cards.len(), 7, "{page}");
        assert_eq!(cards[0], "S7 (Khon Kaen)", "{page}");
    }
    // On a study page: five related studies as cards, the city's sixth other study as a link.
    let s4 = s.html("case-studies/s4/index.html");
    assert_eq!(s4.count(".related .study-list > li.mine"), 5);
    assert_eq!(s4.links(".more li.my-link a").len(), 1);
}

#[test]
fn topic_and_country_pages_are_paginated_with_a_short_pager() {
    let spec = format!(
        "{}{}",
        paged_config(1),
        dated_studies(9, "city: X\ncountry: Y\ntopics: [t]")
    );
    let s = site(&spec);
    s.build_ok();
    for base in ["topics/t/", "countries/y/"] {
        let first = s.html(&format!("{base}index.html"));
        assert_eq!(first.texts(".study-card-title"), vec!["S9"]);
        assert_eq!(
            first.count("#cities-heading"),
            1,
            "cities are listed on the first page"
        );
        let fifth = s.html(&format!("{base}page/5/index.html"));
        assert_eq!(fifth.texts(".study-card-title"), vec!["S5"]);
        assert_eq!(fifth.count("#cities-heading"), 0);
        // First, last, and two on each side of the current page, with gaps marked.
        assert_eq!(
            fifth.texts(".pagination li:not(.gap) a, .pagination [aria-current]"),
            vec!["Newer", "1", "3", "4", "5", "6", "7", "9", "Older"]
        );
        assert_eq!(fifth.count(".pagination .gap"), 2);
        assert!(s.exists(&format!("{base}page/9/index.html")));
        assert!(!s.exists(&format!("{base}page/10/index.html")));
    }
    assert_eq!(
        s.html("topics/t/page/5/index.html").text("title"),
        "t, page 5 of 9 | T"
    );
}

#[test]
fn areas_are_rounded_for_readers() {
    let s = site(&format!(
        "{}{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: A\ncountry: Y\nfast_facts:\n  area_km2: 46.999",
            "x"
        ),
        study(
            "b.md",
            "title: B\ndate: 2023-01-02\ncity: B\ncountry: Y\nfast_facts:\n  area_km2: 46.001",
            "x"
        ),
        study(
            "c.md",
            "title: C\ndate: 2023-01-03\ncity: C\ncountry: Y\nfast_facts:\n  area_km2: 1234.5",
            "x"
        ),
    ));
    s.build_ok();
    for (slug, shown) in [("a", "47 km²"), ("b", "46 km²"), ("c", "1,234.5 km²")] {
        let p = s.html(&format!("case-studies/{slug}/index.html"));
        assert_eq!(p.texts(".fact-area_km2 dd"), vec![shown], "{slug}");
    }
}

#[test]
fn a_topic_written_twice_lists_the_study_once() {
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\ntopics: [Smart city, Mobility, smart-city]",
        "x",
    ));
    s.build_ok();
    let topic = s.html("topics/smart-city/index.html");
    assert_eq!(topic.count(".study-list > li"), 1);
    assert_eq!(topic.text("#studies-heading .count"), "(1)");
    let study = s.html("case-studies/a/index.html");
    assert_eq!(study.texts(".topics a"), vec!["Smart city", "Mobility"]);
    let topics = s.html("topics/index.html");
    assert_eq!(topics.texts(".tag-list .count"), vec!["(1)", "(1)"]);
}

#[test]
fn an_unreadable_template_override_is_reported_and_the_default_used() {
    let s = khon_kaen_site("");
    std::fs::create_dir_all(s.root().join("themes/default/templates")).expect("mkdir");
    std::fs::write(
        s.root().join("themes/default/templates/page.html"),
        b"{% extends \"base.html\" %}\xff\xfe",
    )
    .expect("write");
    let report = s.build_ok();
    let d = common::find(&report.diagnostics, "cannot read this template");
    assert_eq!(d.severity, casebook::Severity::Warning);
    assert_eq!(
        d.file,
        std::path::PathBuf::from("themes/default/templates/page.html")
    );
    assert!(s.exists("case-studies/khon-kaen/index.html"));
}
