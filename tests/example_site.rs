//! The example site in this repository builds, and its pages link as the issues require.

mod common;
use casebook::BuildOptions;
use common::Page;
use scraper::Html;
use std::path::PathBuf;

struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    report: casebook::BuildReport,
}

fn build_example() -> Built {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("public");
    let mut opts = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    opts.output = Some(out.clone());
    let report = casebook::build(&opts).unwrap_or_else(|f| {
        panic!(
            "{}",
            f.diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<String>()
        )
    });
    Built {
        _dir: dir,
        out,
        report,
    }
}

fn page(b: &Built, path: &str) -> Page {
    let text = std::fs::read_to_string(b.out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Page(Html::parse_document(&text))
}

#[test]
fn example_site_builds_without_warnings() {
    let b = build_example();
    let printed: Vec<String> = b.report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(printed.is_empty(), "{}", printed.join("\n"));
    assert_eq!(b.report.studies, 2);
    assert_eq!(b.report.cities, 4);
}

#[test]
fn khon_kaen_study_matches_the_model_page() {
    let b = build_example();
    let p = page(&b, "case-studies/khon-kaen-citizen-awareness/index.html");
    assert_eq!(
        p.text("h1"),
        "Khon Kaen, Thailand | Citizen Awareness of the Smart City"
    );
    assert_eq!(p.text("header time"), "July 5, 2023");
    assert_eq!(
        p.texts(".fast-facts dd:not(.fact-note)")[..5],
        [
            "Thirasak Thikhayuphan",
            "147,579",
            "46 km²",
            "3,208 people per km²",
            "2016"
        ]
    );
    assert_eq!(p.texts(".fast-facts dt")[4], "GCoM signatory since");
    assert_eq!(
        p.attrs(".study-body > section.section", "class"),
        vec![
            "section section-background",
            "section section-solutions",
            "section section-lessons"
        ]
    );
    assert_eq!(p.count(".footnotes li"), 1);
    assert!(p
        .text(".footnotes li")
        .contains("Thailand Smart Cities: What is the Path to Success?"));
}

#[test]
fn news_study_links_every_city_it_mentions_through_aliases() {
    let b = build_example();
    let p = page(
        &b,
        "case-studies/thailand-private-smart-city-partnerships/index.html",
    );
    let mentions = p.links(".study-body a.mention");
    let targets: Vec<&str> = mentions.iter().map(|(_, h)| h.as_str()).collect();
    for city in [
        "/cities/phuket/",
        "/cities/chiang-mai/",
        "/cities/khon-kaen/",
        "/cities/busan/",
    ] {
        assert!(targets.contains(&city), "{city} not linked: {mentions:?}");
    }
    // "Kon Kaen" is the news report's spelling of Khon Kaen.
    assert!(mentions.contains(&("Kon Kaen".to_string(), "/cities/khon-kaen/".to_string())));
    // Each city is linked once (its first mention), and never inside a heading.
    assert_eq!(mentions.len(), 4, "{mentions:?}");
    assert_eq!(p.count(".study-body h3 a"), 0);
}

#[test]
fn busan_shows_its_partner_and_where_it_is_mentioned() {
    let b = build_example();
    let p = page(&b, "cities/busan/index.html");
    assert_eq!(
        p.links("#partners + ul a"),
        vec![("Phuket".to_string(), "/cities/phuket/".to_string())]
    );
    let mentioned: Vec<(String, String)> = p.links(".backlinks > li > a");
    assert!(mentioned.contains(&(
        "Private Smart City Partnerships".to_string(),
        "/case-studies/thailand-private-smart-city-partnerships/".to_string()
    )));
    assert!(p.texts(".backlinks blockquote")[0].contains("South Korean city of Busan"));
    // Phuket declared the partnership; it shows on Phuket's page too.
    let phuket = page(&b, "cities/phuket/index.html");
    assert_eq!(
        phuket.links("#partners + ul a"),
        vec![("Busan".to_string(), "/cities/busan/".to_string())]
    );
}

#[test]
fn khon_kaen_city_page_shows_both_studies() {
    let b = build_example();
    let p = page(&b, "cities/khon-kaen/index.html");
    let studies: Vec<String> = p
        .links("#city-studies + .study-list .study-card-title a")
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    assert_eq!(
        studies,
        vec![
            "/case-studies/thailand-private-smart-city-partnerships/",
            "/case-studies/khon-kaen-citizen-awareness/"
        ]
    );
    // The profile's `@/` link was rewritten to the study's section.
    assert!(p
        .attrs(".profile a", "href")
        .contains(&"/case-studies/khon-kaen-citizen-awareness/#solutions-implemented".to_string()));
}

#[test]
fn every_internal_link_of_the_example_resolves() {
    let b = build_example();
    let r = casebook::linkcheck::check_output(&b.out, "/").expect("check");
    let text: Vec<String> = r.failures.iter().map(|d| d.to_string()).collect();
    assert!(text.is_empty(), "{}", text.join("\n"));
    // In English: 21 pages, the comparison of cities and the coverage report (23); in Thai and
    // Indonesian, every page but the report, the 404 page and the studies not translated; and
    // the page left at the Khon Kaen study's old address.
    assert_eq!(r.pages, 63);
    assert!(
        r.links > 400 && r.fragments > 50,
        "{} links, {} fragments",
        r.links,
        r.fragments
    );
}

#[test]
fn a_study_page_and_its_stylesheet_weigh_under_40_kb_and_need_no_script() {
    let b = build_example();
    let css = std::fs::metadata(b.out.join("style.css"))
        .expect("css")
        .len();
    for study in [
        "khon-kaen-citizen-awareness",
        "thailand-private-smart-city-partnerships",
    ] {
        let path = format!("case-studies/{study}/index.html");
        let html = std::fs::metadata(b.out.join(&path)).expect("page").len();
        assert!(html + css < 40_000, "{path}: {html} + {css} bytes");
        let p = page(&b, &path);
        assert_eq!(p.count("script[src]"), 0, "{path} loads no script");
    }
}
