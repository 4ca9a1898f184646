//! The benchmark corpus generator writes what the benchmark claims to measure: a valid casebook
//! site of realistic studies (and the same content for Hugo), deterministic from its seed.

#[path = "../bench/corpus.rs"]
mod corpus;

mod common;
use common::Page;
use corpus::Corpus;
use std::fs;

#[test]
fn generated_site_builds_cleanly_with_realistic_studies() {
    let dir = tempfile::tempdir().expect("temp");
    let site = dir.path().join("site");
    let corpus = Corpus::generate(60, 20, 7);
    corpus.write_casebook(&site).expect("write");

    let mut opts = casebook::BuildOptions::new(&site);
    opts.output = Some(dir.path().join("out"));
    let report = casebook::build(&opts).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    // Not even a warning: the generator writes valid front matter, known cities and partners.
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
    assert_eq!((report.studies, report.cities), (60, 20));
    let links =
        casebook::linkcheck::check_output(&dir.path().join("out"), "/cases/").expect("check");
    assert!(links.failures.is_empty(), "{:#?}", links.failures);

    let mut mentions = 0;
    for entry in fs::read_dir(site.join("content/case-studies"))
        .expect("dir")
        .flatten()
    {
        let text = fs::read_to_string(entry.path()).expect("read");
        let body = text.splitn(3, "---\n").nth(2).expect("front matter");
        assert!(
            (6 * 1024..=8 * 1024).contains(&body.len()),
            "{} is {} bytes",
            entry.path().display(),
            body.len()
        );
        for part in [
            "## Background",
            "## Solutions Implemented",
            "## Results and Lessons Learned",
            "| Phase |",
            "[^1]:",
            "fast_facts:",
            "sources:",
        ] {
            assert!(
                text.contains(part),
                "{} lacks {part}",
                entry.path().display()
            );
        }
        let slug = entry
            .path()
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        let html = fs::read_to_string(
            dir.path()
                .join("out/case-studies")
                .join(&slug)
                .join("index.html"),
        )
        .expect("page");
        let page = Page(scraper::Html::parse_document(&html));
        // Five written, and the population density derived from two of them.
        assert_eq!(page.count(".fast-facts .fact"), 6, "{slug}");
        assert_eq!(page.count(".study-body section.section"), 3, "{slug}");
        assert_eq!(page.count(".study-body table"), 1, "{slug}");
        assert_eq!(page.count(".footnotes li"), 2, "{slug}");
        mentions += page.count("a.mention");
    }
    assert!(
        mentions >= 60,
        "studies mention other cities ({mentions} links)"
    );
}

#[test]
fn generation_is_deterministic_and_writes_the_hugo_version() {
    let a = tempfile::tempdir().expect("temp");
    let b = tempfile::tempdir().expect("temp");
    Corpus::generate(30, 10, 42)
        .write_casebook(a.path())
        .expect("write");
    Corpus::generate(30, 10, 42)
        .write_casebook(b.path())
        .expect("write");
    let file = "content/case-studies/study-000017.md";
    assert_eq!(
        fs::read(a.path().join(file)).expect("a"),
        fs::read(b.path().join(file)).expect("b")
    );
    let c = tempfile::tempdir().expect("temp");
    Corpus::generate(30, 10, 43)
        .write_casebook(c.path())
        .expect("write");
    assert_ne!(
        fs::read(a.path().join(file)).expect("a"),
        fs::read(c.path().join(file)).expect("c")
    );

    let hugo = tempfile::tempdir().expect("temp");
    let corpus = Corpus::generate(30, 10, 42);
    corpus.write_hugo(hugo.path()).expect("write");
    assert!(hugo.path().join("hugo.yaml").is_file());
    assert!(hugo.path().join("layouts/page.html").is_file());
    let studies = fs::read_dir(hugo.path().join("content/case-studies"))
        .expect("dir")
        .count();
    assert_eq!(studies, 31, "30 studies and the section's _index.md");
    let cities = fs::read_dir(hugo.path().join("content/cities"))
        .expect("dir")
        .count();
    assert_eq!(cities, 10);
    let study = fs::read_to_string(hugo.path().join(file)).expect("study");
    assert!(
        study.contains("cities: [")
            && study.contains("countries: [")
            && study.contains("fast_facts:")
    );
}
