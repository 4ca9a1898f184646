//! `casebook report`: studies by country, topic and year, quiet cities and stale facts, as JSON
//! (parsed) and text, on a fixed day (`SOURCE_DATE_EPOCH`); and the same report published as
//! `/report/` with `report: true`.

mod common;

use common::{site, study};
use std::process::Command;

/// 2026-11-18.
const TODAY: &str = "1795000000";

fn report_site(extra: &str) -> common::Site {
    site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nfreshness:\n  mayor: 5 years\n  population: 10\n{extra}\n-- content/cities/quiet.md --\n---\nname: Quietville\ncountry: Atlantis\nfast_facts:\n  population: 5000\n---\nA city without studies.\n{}{}{}{}",
        study("a.md", "title: A\ndate: 2025-01-01\ncity: Alpha\ncountry: Atlantis\ntopics: [Mobility, Energy]\nfast_facts:\n  mayor: {value: M, year: 2018}", "A."),
        study("b.md", "title: B\ndate: 2024-06-01\ncity: Alpha\ncountry: Atlantis\ntopics: [Mobility]", "B."),
        study("c.md", "title: C\ndate: 2019-03-01\ncity: Beta\ncountry: Lemuria\ntopics: [Energy]\nfast_facts:\n  population: 1200", "C."),
        study("d.md", "title: D\ndate: 2019-05-01\ncity: Gamma\ncountry: Lemuria\ntopics: [Mobility]", "D."),
    ))
}

fn report(s: &common::Site, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["report", "--root", ".", "--format", format])
        .current_dir(s.root())
        .env("SOURCE_DATE_EPOCH", TODAY)
        .output()
        .expect("run casebook");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_report_counts_and_lists_what_needs_attention() {
    let s = report_site("");
    let json: serde_json::Value = serde_json::from_str(&report(&s, "json")).expect("JSON");
    assert_eq!(json["date"], "2026-11-18");
    assert_eq!(json["studies"], 4);
    assert_eq!(json["cities"], 4);
    let counts = |key: &str| -> Vec<(String, u64)> {
        (json[key].as_array().expect(key).iter())
            .map(|c| {
                (
                    c["name"].as_str().expect("name").to_string(),
                    c["studies"].as_u64().expect("n"),
                )
            })
            .collect()
    };
    // Most studies first, then by name.
    assert_eq!(
        counts("by_country"),
        [("Atlantis".into(), 2), ("Lemuria".into(), 2)]
    );
    assert_eq!(
        counts("by_topic"),
        [("Mobility".into(), 3), ("Energy".into(), 2)]
    );
    let years: Vec<(u64, u64)> = (json["by_year"].as_array().expect("years").iter())
        .map(|y| {
            (
                y["year"].as_u64().expect("y"),
                y["studies"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(years, [(2019, 2), (2024, 1), (2025, 1)]);
    // No study for 5 years: Quietville (none at all) first, then Beta and Gamma (2019).
    let quiet: Vec<(String, serde_json::Value)> =
        (json["quiet_cities"].as_array().expect("quiet").iter())
            .map(|c| {
                (
                    c["name"].as_str().expect("name").to_string(),
                    c["last_study"].clone(),
                )
            })
            .collect();
    assert_eq!(
        quiet,
        [
            ("Quietville".into(), serde_json::Value::Null),
            ("Beta".into(), "2019-03-01".into()),
            ("Gamma".into(), "2019-05-01".into()),
        ]
    );
    // Facts past their limits: Alpha's mayor (2018, 5 years), Quietville's population (no year).
    let stale: Vec<String> = (json["stale_facts"].as_array().expect("stale").iter())
        .map(|f| {
            format!(
                "{} {} {} {} {}",
                f["city"], f["fact"], f["year"], f["limit_years"], f["at"]
            )
        })
        .collect();
    assert_eq!(
        stale,
        [
            "\"Alpha\" \"mayor\" 2018 5 \"content/case-studies/a.md:8\"",
            "\"Quietville\" \"population\" null 10 \"content/cities/quiet.md:5\"",
        ]
    );

    let text = report(&s, "text");
    assert!(
        text.starts_with("Coverage on 2026-11-18: 4 case studies, 4 cities."),
        "{text}"
    );
    assert!(
        text.contains("Cities with no study for 5 years or more: 3"),
        "{text}"
    );
    assert!(
        text.contains("  Alpha: mayor (2018, limit 5 years) at content/case-studies/a.md:8"),
        "{text}"
    );
}

#[test]
fn report_true_publishes_the_report_as_a_page() {
    let s = report_site("");
    s.build_ok();
    assert!(!s.exists("report/index.html"), "not published unless asked");
    let s = report_site("report: true");
    std::env::set_var("SOURCE_DATE_EPOCH", TODAY);
    s.build_ok();
    let p = s.html("report/index.html");
    assert_eq!(p.text("h1"), "Coverage report");
    assert_eq!(
        p.links("#by-country ~ .table-wrap tbody a"),
        vec![
            ("Atlantis".into(), "/countries/atlantis/".into()),
            ("Lemuria".into(), "/countries/lemuria/".into())
        ]
    );
    assert_eq!(
        p.texts("#by-year ~ .table-wrap tbody td"),
        vec!["2", "1", "1"]
    );
    assert_eq!(
        p.texts("#quiet + .table-wrap tbody th"),
        vec!["Quietville", "Beta", "Gamma"]
    );
    assert_eq!(
        p.texts("#stale + .table-wrap tbody th"),
        vec!["Alpha", "Quietville"]
    );
    // Every page's footer links it.
    let home = s.html("index.html");
    assert!(home
        .links("footer a")
        .contains(&("Coverage report".into(), "/report/".into())));
    // A free page cannot take its address.
    let s =
        report_site("report: true\n-- content/pages/report.md --\n---\ntitle: Mine\n---\nText.");
    let diags = s.build_err();
    assert!(
        diags.iter().any(|d| d.message.contains("report")),
        "{diags:?}"
    );
}

/// The chart of one section of the report page: (label, number, bar width) per row, and its
/// caption, which names the chart for assistive technology.
fn chart(p: &common::Page, section: &str) -> (Vec<(String, String, f64)>, String) {
    let at = format!("section[aria-labelledby={section}] figure.chart");
    let labelled = p.attrs(&format!("{at} svg[role=img]"), "aria-labelledby");
    assert_eq!(labelled.len(), 1, "{section}: one chart, an image");
    let caption = p.text(&format!("{at} figcaption#{}", labelled[0]));
    let labels = p.texts(&format!("{at} svg text.chart-label"));
    let values = p.texts(&format!("{at} svg text.chart-value"));
    let widths: Vec<f64> = (p.attrs(&format!("{at} svg rect"), "width").iter())
        .map(|w| w.parse().expect("a width"))
        .collect();
    assert_eq!(labels.len(), values.len());
    assert_eq!(widths.len(), labels.len(), "{section}: one bar per row");
    let rows = (labels.into_iter().zip(values).zip(widths))
        .map(|((l, v), w)| (l, v, w))
        .collect();
    (rows, caption)
}

/// Each count table of the report page has a bar chart before it: a row per row of the table
/// (the largest, when the table is long), in its order, with its number, each bar as long as
/// its count.
#[test]
fn the_report_page_draws_its_counts_as_charts_to_scale() {
    let topics: Vec<String> = (1..=14).map(|n| format!("T{n:02}")).collect();
    let extra = format!(
        "report: true\n{}",
        study(
            "e.md",
            &format!(
                "title: E\ndate: 2025-02-01\ncity: Alpha\ncountry: Atlantis\ntopics: [{}]",
                topics.join(", ")
            ),
            "E."
        )
    );
    let s = report_site(&extra);
    std::env::set_var("SOURCE_DATE_EPOCH", TODAY);
    s.build_ok();
    let p = s.html("report/index.html");

    let (rows, caption) = chart(&p, "by-country");
    let table: Vec<String> = p.texts("#by-country ~ .table-wrap tbody th");
    let counts: Vec<String> = p.texts("#by-country ~ .table-wrap tbody td");
    assert_eq!(table, ["Atlantis", "Lemuria"]);
    assert_eq!(counts, ["3", "2"]);
    let labels: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let values: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(labels, table);
    assert_eq!(values, counts);
    assert!((rows[0].2 / rows[1].2 - 1.5).abs() < 0.01, "{rows:?}");
    assert_eq!(caption, "Bar chart of the table below.");

    // 16 topics: the chart draws the 12 largest, and says so.
    let (rows, caption) = chart(&p, "by-topic");
    let table = p.texts("#by-topic ~ .table-wrap tbody th");
    assert_eq!(table.len(), 16);
    assert_eq!(rows.len(), 12);
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    assert_eq!(labels, table[..12]);
    assert_eq!(
        caption,
        "Bar chart of the largest 12 of 16; the table below lists every one."
    );
    // Mobility (3) against a topic of one study.
    assert_eq!(rows[0].0, "Mobility");
    assert!((rows[0].2 / rows[11].2 - 3.0).abs() < 0.01, "{rows:?}");

    let (rows, _) = chart(&p, "by-year");
    let years: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(years, p.texts("#by-year ~ .table-wrap tbody th"));
}
