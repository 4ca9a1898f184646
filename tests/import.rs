//! `casebook import wordpress`: the fixture export (the seed page as WordPress holds it, with the
//! items an export also carries) gives the content an editor would write by hand, equal in its
//! facts, sections, footnote and source to the example site's; it never replaces a file, a dry
//! run writes nothing, and a hostile export is refused at its line.

use casebook::import::{wordpress, ImportOptions, ImportReport};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wordpress/export.xml")
}

/// An empty site (site.yaml only, with the example's section aliases and fact labels).
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("site.yaml"),
        "title: Imported\nbase_url: https://example.org/\nsections:\n  lessons: [\"Results and Solutions Learned\"]\n",
    )
    .expect("site.yaml");
    dir
}

fn import(root: &Path) -> ImportReport {
    wordpress(&fixture(), &ImportOptions::new(root)).expect("import")
}

/// A content file's front matter, as YAML, and its body.
fn read(root: &Path, rel: &str) -> (serde_yaml::Value, String) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (front, body) = rest.split_once("\n---\n").expect("closed");
    (serde_yaml::from_str(front).expect("YAML"), body.to_string())
}

fn names(paths: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.sort();
    names
}

#[test]
fn a_wordpress_export_becomes_studies_pages_and_cities() {
    let site = empty_site();
    let report = import(site.path());
    assert_eq!(
        names(&report.written),
        [
            "content/case-studies/khon-kaen-citizen-awareness.md",
            "content/case-studies/phuket-partnership.md",
            "content/case-studies/private-smart-city-partnerships.md",
            "content/cities/khon-kaen.md",
            "content/cities/phuket.md",
            "content/pages/about-us.md",
        ]
    );
    let (front, body) = read(
        site.path(),
        "content/case-studies/khon-kaen-citizen-awareness.md",
    );
    assert_eq!(front["title"], "Citizen Awareness of the Smart City");
    assert_eq!(front["date"], "2023-07-05");
    assert_eq!(front["city"], "Khon Kaen");
    assert_eq!(front["country"], "Thailand");
    assert_eq!(
        front["topics"],
        serde_yaml::from_str::<serde_yaml::Value>("[Smart city, Citizen participation]")
            .expect("yaml")
    );
    assert_eq!(
        front["redirect_from"][0],
        "/portfolio/khon-kaen-citizen-awareness/"
    );
    assert!(front.get("draft").is_none());
    // Typed facts: numbers are numbers.
    let facts = &front["fast_facts"];
    assert_eq!(facts["mayor"], "Thirasak Thikhayuphan");
    assert_eq!(facts["population"].as_u64(), Some(147_579));
    assert_eq!(facts["area_km2"].as_u64(), Some(46));
    assert_eq!(facts["signatory_since"].as_u64(), Some(2016));
    // The sections, the footnote and its reference, paired; nothing of the old page's chrome.
    let headings: Vec<&str> = body.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Background",
            "## Solutions Implemented",
            "## Results and Solutions Learned"
        ]
    );
    assert!(body.contains("engagement.[^1]"), "{body}");
    assert!(
        body.contains("\n[^1]: Suradech Taweesaengsakulthai"),
        "{body}"
    );
    for gone in [
        "Return to top",
        "vc_row",
        "vc_column",
        "gravityform",
        "Fast Facts",
    ] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
    assert_eq!(
        front["sources"][0]["url"],
        "https://onlinelibrary.wiley.com/doi/10.1111/aspp.12445"
    );
    assert_eq!(
        front["sources"][0]["title"],
        "Thailand Smart Cities: What is the Path to Success?"
    );

    // A draft stays a draft; a city from the post's category; a page with its old address.
    let (draft, _) = read(
        site.path(),
        "content/case-studies/private-smart-city-partnerships.md",
    );
    assert_eq!(draft["draft"].as_bool(), Some(true));
    assert_eq!(draft["city"], "Phuket");
    let (page, _) = read(site.path(), "content/pages/about-us.md");
    assert_eq!(page["title"], "About");
    assert!(
        page.get("redirect_from").is_none(),
        "its address is unchanged"
    );
    let (city, _) = read(site.path(), "content/cities/khon-kaen.md");
    assert_eq!(city["country"], "Thailand");

    // What was left out, and why; what an editor should look at.
    let skipped: Vec<(&str, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.title.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 4, "{skipped:?}");
    assert!(skipped.iter().any(|(_, r)| r.contains("attachment")));
    assert!(skipped.iter().any(|(_, r)| r.contains("menu item")));
    assert!(skipped.iter().any(|(_, r)| r.contains("revision")));
    assert!(skipped
        .iter()
        .any(|(t, r)| *t == "Old draft" && r.contains("trash")));
    assert_eq!(report.removed_shortcodes.get("gravityform"), Some(&1));
    assert!(!report.removed_shortcodes.contains_key("vc_row"));
    let query = report
        .needs_editor
        .iter()
        .find(|n| n.reason.contains("?p=14"))
        .expect("the query address is named");
    assert_eq!(query.line, 51);

    // What it wrote passes check, and builds, the old address included.
    let (_, warnings) = casebook::check(&casebook::BuildOptions::new(site.path())).expect("check");
    assert!(warnings
        .iter()
        .all(|d| d.severity != casebook::diagnostics::Severity::Error));
    casebook::build(&casebook::BuildOptions::new(site.path())).expect("build");
    assert!(site
        .path()
        .join("public/portfolio/khon-kaen-citizen-awareness/index.html")
        .is_file());
}

#[test]
fn the_import_equals_the_example_sites_study() {
    let site = empty_site();
    import(site.path());
    let (imported, body) = read(
        site.path(),
        "content/case-studies/khon-kaen-citizen-awareness.md",
    );
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (written, example_body) = read(
        example,
        "content/case-studies/khon-kaen-citizen-awareness.md",
    );
    for key in ["title", "date", "city", "country", "fast_facts"] {
        assert_eq!(imported[key], written[key], "{key}");
    }
    assert_eq!(imported["sources"][0]["url"], written["sources"][0]["url"]);
    assert_eq!(
        imported["sources"][0]["title"],
        written["sources"][0]["title"]
    );
    let headings = |b: &str| -> Vec<String> {
        b.lines()
            .filter(|l| l.starts_with("## "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(headings(&body), headings(&example_body));
    // One note, referred to once (the example names it, the import numbers it).
    assert_eq!(
        body.matches("[^").count(),
        example_body.matches("[^").count()
    );
}

#[test]
fn a_second_run_writes_nothing_and_a_dry_run_nothing_at_all() {
    let site = empty_site();
    let dry = wordpress(
        &fixture(),
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::new(site.path())
        },
    )
    .expect("dry run");
    assert!(dry.dry_run);
    assert_eq!(dry.written.len(), 6);
    assert!(
        !site.path().join("content").exists(),
        "a dry run writes nothing"
    );

    let first = import(site.path());
    assert_eq!(names(&first.written), names(&dry.written));
    let file = site
        .path()
        .join("content/case-studies/khon-kaen-citizen-awareness.md");
    std::fs::write(&file, "---\ntitle: Edited by hand\n---\n").expect("edit");
    let second = import(site.path());
    assert!(second.written.is_empty(), "{:?}", second.written);
    assert_eq!(second.exists.len(), 4);
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "---\ntitle: Edited by hand\n---\n",
        "never replaced"
    );
}

#[test]
fn only_the_post_types_asked_for() {
    let site = empty_site();
    let report = wordpress(
        &fixture(),
        &ImportOptions {
            post_types: vec!["page".into()],
            ..ImportOptions::new(site.path())
        },
    )
    .expect("import");
    assert_eq!(names(&report.written), ["content/pages/about-us.md"]);
    assert!(report
        .skipped
        .iter()
        .any(|s| s.reason.contains("post type `portfolio`")));
}

#[test]
fn a_hostile_export_is_refused_at_its_line() {
    let site = empty_site();
    let cases = [
        (
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<rss><channel><item><title>&lol2;</title></item></channel></rss>\n",
            "document type",
        ),
        (
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss><channel><title>&x;</title></channel></rss>\n",
            "document type",
        ),
        (
            "<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>cut short",
            "not well-formed",
        ),
        ("<?xml version=\"1.0\"?>\n<html></html>\n", "no WordPress export"),
    ];
    for (text, what) in cases {
        let file = site.path().join("export.xml");
        std::fs::write(&file, text).expect("write");
        let e = wordpress(&file, &ImportOptions::new(site.path())).expect_err(what);
        assert!(e.message.contains(what), "{}", e.message);
        assert!(e.line.is_some_and(|l| l >= 1));
        assert!(!e.hint.is_empty());
    }
    assert!(!site.path().join("content").exists());
}

#[test]
fn the_command_prints_its_report_as_json() {
    let site = empty_site();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["import", "wordpress"])
        .arg(fixture())
        .arg("--root")
        .arg(site.path())
        .args(["--dry-run", "--format", "json"])
        .output()
        .expect("run");
    assert!(run.status.success());
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["written"].as_array().map(Vec::len), Some(6));
    assert_eq!(report["removed_shortcodes"]["gravityform"], 1);
    assert!(!site.path().join("content").exists());
}
