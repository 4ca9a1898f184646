//! The site graph: city identity, automatic mentions, backlinks, partners, internal links,
//! related studies, navigation and the exported graph.

mod common;
use casebook::diagnostics::Position;
use casebook::Severity;
use common::{find, site, study};

fn city(slug: &str, front: &str, body: &str) -> String {
    format!("-- content/cities/{slug}.md --\n---\n{front}\n---\n{body}\n")
}

/// A site with three profiled cities and one study whose body is `body`.
fn mention_site(body: &str) -> common::Site {
    site(&format!(
        "{}{}{}{}{}",
        city("york", "name: York\ncountry: UK", "A city."),
        city(
            "new-york",
            "name: New York\ncountry: USA\naliases: [NYC]",
            "A city."
        ),
        city("khon", "name: Khon\ncountry: Laos", "A made-up town."),
        city(
            "khon-kaen",
            "name: Khon Kaen\ncountry: Thailand\naliases: [Kon Kaen]",
            "A city."
        ),
        study("s.md", "title: S\ndate: 2023-01-01\ncity: Khon Kaen", body)
    ))
}

fn mentions(s: &common::Site, path: &str) -> Vec<(String, String)> {
    s.html(path)
        .links(".study-body a.mention, .profile a.mention, article.page a.mention")
}

#[test]
fn first_mention_of_each_city_is_linked_once() {
    let s = mention_site("York is old. York again. NYC is big, New York too.");
    s.build_ok();
    assert_eq!(
        mentions(&s, "case-studies/s/index.html"),
        vec![
            ("York".into(), "/cities/york/".into()),
            ("NYC".into(), "/cities/new-york/".into())
        ]
    );
}

#[test]
fn longest_name_wins() {
    let s = mention_site("Flights from New York arrive. Students of Khon Kaen University.");
    s.build_ok();
    // "New York" is one city, not York; "Khon Kaen" (the study's own city) hides "Khon".
    assert_eq!(
        mentions(&s, "case-studies/s/index.html"),
        vec![("New York".into(), "/cities/new-york/".into())]
    );
    assert!(!s.read("cities/york/index.html").contains("Mentioned in"));
}

#[test]
fn whole_words_only() {
    let s = mention_site("Yorkshire and Khonburi are not cities here; Khon is.");
    s.build_ok();
    assert_eq!(
        mentions(&s, "case-studies/s/index.html"),
        vec![("Khon".into(), "/cities/khon/".into())]
    );
}

#[test]
fn never_inside_links_code_headings_or_alt_text() {
    let body = "## York\n\nSee [York](https://example.org), `York`, ![York](https://example.org/york.png), <a href=\"https://example.org/x\">York</a>.\n\n```\nYork\n```\n\n<p>York</p>\n";
    let s = mention_site(body);
    s.build_ok();
    assert!(mentions(&s, "case-studies/s/index.html").is_empty());
    let p = s.html("case-studies/s/index.html");
    assert_eq!(p.attrs(".study-body img", "alt"), vec!["York"]);
    assert_eq!(p.count(".study-body h2 a"), 0);
}

#[test]
fn never_in_front_matter_values() {
    let s = mention_site("Plain text.");
    s.write(
        "content/case-studies/s.md",
        "---\ntitle: York and beyond\ndate: 2023-01-01\ncity: Khon Kaen\nsummary: About York.\nfast_facts:\n  notes: [Near York]\n---\nPlain text.\n",
    );
    s.build_ok();
    let p = s.html("case-studies/s/index.html");
    assert_eq!(p.count("a.mention"), 0);
    assert_eq!(p.text("h1"), "Khon Kaen, Thailand | York and beyond");
}

#[test]
fn never_a_page_s_own_city() {
    let s = mention_site("Khon Kaen and Kon Kaen are this study's city.");
    s.write(
        "content/cities/york.md",
        "---\nname: York\ncountry: UK\n---\nYork is proud of York. Khon Kaen is far.\n",
    );
    s.build_ok();
    assert!(mentions(&s, "case-studies/s/index.html").is_empty());
    assert_eq!(
        mentions(&s, "cities/york/index.html"),
        vec![("Khon Kaen".into(), "/cities/khon-kaen/".into())]
    );
}

#[test]
fn autolink_false_turns_it_off() {
    let s = mention_site("York.");
    s.write(
        "content/case-studies/s.md",
        "---\ntitle: S\ndate: 2023-01-01\ncity: Khon Kaen\nautolink: false\n---\nYork.\n",
    );
    s.build_ok();
    assert!(mentions(&s, "case-studies/s/index.html").is_empty());
}

#[test]
fn thai_name_inside_unspaced_thai_text_is_linked() {
    let s = site(&format!(
        "{}{}",
        city(
            "khon-kaen",
            "name: Khon Kaen\ncountry: Thailand\naliases: [ขอนแก่น]",
            "A city."
        ),
        study(
            "s.md",
            "title: S\ndate: 2023-01-01\ncity: Bangkok\ncountry: Thailand",
            "โครงการเมืองอัจฉริยะของจังหวัดขอนแก่นเริ่มต้นจากภาคเอกชน"
        )
    ));
    s.build_ok();
    assert_eq!(
        mentions(&s, "case-studies/s/index.html"),
        vec![("ขอนแก่น".into(), "/cities/khon-kaen/".into())]
    );
}

#[test]
fn names_compare_without_case_and_with_nfc() {
    // The profile writes "São Paulo" composed; the study names it decomposed and in capitals.
    let s = site(&format!(
        "{}{}",
        city("sao-paulo", "name: São Paulo\ncountry: Brazil", "A city."),
        study(
            "s.md",
            "title: S\ndate: 2023-01-01\ncity: SA\u{303}O PAULO",
            "Body."
        )
    ));
    let report = s.build_ok();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    assert_eq!(report.cities, 1);
    let p = s.html("case-studies/s/index.html");
    assert_eq!(p.text("h1"), "São Paulo, Brazil | S");
}

#[test]
fn a_city_can_be_named_by_slug_or_alias() {
    let s = site(&format!(
        "{}{}{}",
        city(
            "khon-kaen",
            "name: Khon Kaen\ncountry: Thailand\naliases: [Kon Kaen]",
            "A city."
        ),
        study("a.md", "title: A\ndate: 2023-01-01\ncity: khon-kaen", "A."),
        study("b.md", "title: B\ndate: 2023-01-02\ncity: kon kaen", "B.")
    ));
    let report = s.build_ok();
    assert_eq!(report.cities, 1);
    assert_eq!(
        s.html("cities/khon-kaen/index.html").count(".study-card"),
        2
    );
}

#[test]
fn duplicate_alias_is_an_error_naming_both_files() {
    let s = site(&format!(
        "{}{}{}",
        city("a", "name: Alpha\ncountry: X\naliases: [Shared]", "."),
        city("b", "name: Beta\ncountry: X\naliases:\n  - Shared", "."),
        study("s.md", "title: S\ndate: 2023-01-01\ncity: Alpha", ".")
    ));
    let diags = s.build_err();
    let d = find(&diags, "the name `Shared` is claimed by two cities");
    assert_eq!(d.file.display().to_string(), "content/cities/b.md");
    assert_eq!(d.position, Some(Position::new(5, 5)));
    assert!(d.message.contains("content/cities/a.md"), "{d}");
}

#[test]
fn unknown_city_gets_a_page_and_a_warning_with_the_nearest_name() {
    let s = site(&format!(
        "{}{}",
        city("chiang-mai", "name: Chiang Mai\ncountry: Thailand", "."),
        study(
            "s.md",
            "title: S\ndate: 2023-01-01\ncity: Chang Mai\ncountry: Thailand",
            "."
        )
    ));
    let report = s.build_ok();
    let d = find(&report.diagnostics, "no city profile is named `Chang Mai`");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.position, Some(Position::new(4, 7)));
    assert!(
        d.hint.as_deref().unwrap_or("").contains("`Chiang Mai`"),
        "{d}"
    );
    assert!(s.exists("cities/chang-mai/index.html"));
}

#[test]
fn mentioned_in_lists_each_source_with_its_sentence() {
    let s = mention_site("Intro. Trade with York grew fast. More.");
    s.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nWe also cover York, in England.\n",
    );
    s.build_ok();
    let p = s.html("cities/york/index.html");
    assert_eq!(
        p.links(".backlinks > li > a"),
        vec![
            ("S".into(), "/case-studies/s/".into()),
            ("About".into(), "/about/".into())
        ]
    );
    assert_eq!(
        p.texts(".backlinks blockquote"),
        vec![
            "Trade with York grew fast.",
            "We also cover York, in England."
        ]
    );
}

#[test]
fn partners_link_both_ways_whoever_declared_them() {
    let s = site(&format!(
        "{}{}{}",
        city(
            "phuket",
            "name: Phuket\ncountry: Thailand\npartners: [busan, Nowhere]",
            "."
        ),
        city("busan", "name: Busan\ncountry: South Korea", "."),
        study("s.md", "title: S\ndate: 2023-01-01\ncity: Phuket", ".")
    ));
    let report = s.build_ok();
    find(
        &report.diagnostics,
        "the partner city `Nowhere` is not known",
    );
    assert_eq!(
        s.html("cities/busan/index.html").links("#partners + ul a"),
        vec![("Phuket".into(), "/cities/phuket/".into())]
    );
    assert_eq!(
        s.html("cities/phuket/index.html").links("#partners + ul a"),
        vec![("Busan".into(), "/cities/busan/".into())]
    );
}

#[test]
fn internal_links_are_rewritten_to_output_urls() {
    let s = site(&format!(
        "{}{}{}",
        city("phuket", "name: Phuket\ncountry: Thailand", "."),
        study("a.md", "title: A\ndate: 2023-01-01\ncity: Phuket\nautolink: false", "[p](@/cities/phuket.md) [b](b.md#background) [c](../cities/phuket.md) [self](#intro) [ext](https://example.org/x.md)\n\n## Intro\n\nx"),
        study("b.md", "title: B\ndate: 2023-01-02\ncity: Phuket", "## Background\n\nx")
    ));
    s.build_ok();
    let p = s.html("case-studies/a/index.html");
    assert_eq!(
        p.attrs(".study-body .intro a", "href"),
        vec![
            "/cities/phuket/",
            "/case-studies/b/#background",
            "/cities/phuket/",
            "#intro",
            "https://example.org/x.md"
        ]
    );
}

#[test]
fn broken_internal_links_are_errors_at_their_position() {
    let body = "Intro line.\n\nSee [gone](@/cities/nowhere.md) and\n[bad](b.md#budget) and [local](#missing).";
    let s = site(&format!(
        "{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y",
            body
        ),
        study(
            "b.md",
            "title: B\ndate: 2023-01-02\ncity: X\ncountry: Y",
            "## Background\n\n## Budget plans\n"
        )
    ));
    let diags = s.build_err();
    // The front matter has 4 lines between the fences, so the body starts on line 7.
    let d = find(
        &diags,
        "points to a missing file `content/cities/nowhere.md`",
    );
    assert_eq!(
        (d.file.display().to_string(), d.position),
        (
            "content/case-studies/a.md".into(),
            Some(Position::new(9, 5))
        )
    );
    // Found after loading, yet the offending line is quoted with a caret under the link.
    assert!(
        d.to_string()
            .contains("9 | See [gone](@/cities/nowhere.md) and\n  |     ^"),
        "{d}"
    );
    let d = find(&diags, "points to `#budget`, which is no heading");
    assert_eq!(d.position, Some(Position::new(10, 1)));
    assert_eq!(d.hint.as_deref(), Some("did you mean `#budget-plans`?"));
    let d = find(
        &diags,
        "the link `#missing` points to no heading of this page",
    );
    assert_eq!(d.position, Some(Position::new(10, 24)));
}

#[test]
fn navigation_within_city_and_overall() {
    let s = site(&format!(
        "{}{}{}",
        study(
            "x1.md",
            "title: X1\ndate: 2023-01-01\ncity: X\ncountry: C\ntopics: [t]",
            "."
        ),
        study(
            "y1.md",
            "title: Y1\ndate: 2023-01-02\ncity: Y\ncountry: C\ntopics: [t]",
            "."
        ),
        study(
            "x2.md",
            "title: X2\ndate: 2023-01-03\ncity: X\ncountry: C",
            "."
        )
    ));
    s.build_ok();
    let p = s.html("case-studies/x1/index.html");
    let pager = p.texts(".pager a");
    assert!(pager.contains(&"Newer from X: X2".to_string()), "{pager:?}");
    assert!(
        pager.contains(&"Newer case study: Y1".to_string()),
        "{pager:?}"
    );
    // Countries list their cities; topics list their studies and cities.
    let country = s.html("countries/c/index.html");
    assert_eq!(country.texts("#cities-heading + ul a"), vec!["X", "Y"]);
    let topic = s.html("topics/t/index.html");
    assert_eq!(topic.texts(".study-card-title"), vec!["Y1", "X1"]);
    assert_eq!(topic.texts("#cities-heading + ul a"), vec!["X", "Y"]);
}

#[test]
fn related_studies_are_scored_and_deterministic() {
    let mut spec = String::new();
    spec.push_str(&study(
        "a.md",
        "title: A\ndate: 2023-01-10\ncity: X\ncountry: C\ntopics: [t1, t2]",
        "Mentions Z.",
    ));
    spec.push_str(&study(
        "same-city.md",
        "title: Same city\ndate: 2023-01-01\ncity: X\ncountry: C",
        ".",
    ));
    spec.push_str(&study(
        "two-topics.md",
        "title: Two topics\ndate: 2023-01-02\ncity: W\ncountry: D\ntopics: [t1, t2]",
        ".",
    ));
    spec.push_str(&study(
        "one-topic.md",
        "title: One topic\ndate: 2023-01-03\ncity: V\ncountry: D\ntopics: [t1]",
        ".",
    ));
    spec.push_str(&study(
        "country.md",
        "title: Country\ndate: 2023-01-04\ncity: U\ncountry: C",
        ".",
    ));
    spec.push_str(&study(
        "mentioned.md",
        "title: Mentioned\ndate: 2023-01-05\ncity: Z\ncountry: E",
        ".",
    ));
    spec.push_str(&study(
        "unrelated.md",
        "title: Unrelated\ndate: 2023-01-06\ncity: Q\ncountry: F",
        ".",
    ));
    let s = site(&spec);
    s.build_ok();
    let first = s
        .html("case-studies/a/index.html")
        .texts(".related .study-card-title");
    // Two topics (4) > same city (3) > one topic (2) > mentioned (1, newer) = country (1, older).
    assert_eq!(
        first,
        vec![
            "Two topics",
            "Same city",
            "One topic",
            "Mentioned",
            "Country"
        ]
    );
    s.build_ok();
    assert_eq!(
        s.html("case-studies/a/index.html")
            .texts(".related .study-card-title"),
        first
    );
}

#[test]
fn unknown_related_slug_warns() {
    let s = site(&format!(
        "{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: C\nrelated: [bb]",
            "."
        ),
        study(
            "b.md",
            "title: B\ndate: 2023-01-01\ncity: X\ncountry: C",
            "."
        )
    ));
    let report = s.build_ok();
    let d = find(&report.diagnostics, "no case study has the slug `bb`");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `b`? `related` lists case-study slugs")
    );
}

#[test]
fn graph_json_has_typed_edges() {
    let s = site(&format!(
        "{}{}{}",
        city(
            "phuket",
            "name: Phuket\ncountry: Thailand\npartners: [Busan]",
            "."
        ),
        city("busan", "name: Busan\ncountry: South Korea", "."),
        study(
            "s.md",
            "title: S\ndate: 2023-01-01\ncity: Phuket\ntopics: [PPP]",
            "With Busan."
        )
    ));
    s.build_ok();
    let g: serde_json::Value = serde_json::from_str(&s.read("data/graph.json")).expect("json");
    let edges = g["edges"].as_array().expect("edges");
    let has = |src: &str, dst: &str, kind: &str| {
        edges
            .iter()
            .any(|e| e["source"] == src && e["target"] == dst && e["type"] == kind)
    };
    assert!(has("study:s", "city:phuket", "about"));
    assert!(has("study:s", "city:busan", "mentions"));
    assert!(
        has("city:busan", "city:phuket", "partner") || has("city:phuket", "city:busan", "partner")
    );
    assert!(has("study:s", "topic:ppp", "has_topic"));
    assert!(has("city:busan", "country:south-korea", "in_country"));
    let nodes = g["nodes"].as_array().expect("nodes");
    for e in edges {
        for end in ["source", "target"] {
            assert!(
                nodes.iter().any(|n| n["id"] == e[end]),
                "edge end {} is no node",
                e[end]
            );
        }
    }
}
