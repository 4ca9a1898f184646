//! Hostile and careless input: names that make no address, outputs that would overwrite each
//! other, unsafe URLs, control characters, raw HTML on sites that forbid it, and inputs built to be
//! slow. Each must give a clear error (file, line, hint) or a safe page, never a write outside the
//! output folder or a page that fails casebook's own link check.

mod common;
use casebook::Severity;
use common::{find, site, study};

const FRONT: &str = "title: T\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand";

fn position(d: &casebook::Diagnostic) -> (usize, usize) {
    let p = d.position.unwrap_or_else(|| panic!("no position: {d}"));
    (p.line, p.col)
}

#[test]
fn a_file_name_without_letters_is_an_error_and_nothing_is_written() {
    let s = site(&format!(
        "{}-- content/pages/_.md --\n---\ntitle: Under\n---\nx\n-- content/pages/!!!.md --\n---\ntitle: Bangs\n---\nx\n",
        study("!!!.md", FRONT, "x")
    ));
    let diags = s.build_err();
    for file in [
        "content/pages/_.md",
        "content/pages/!!!.md",
        "content/case-studies/!!!.md",
    ] {
        let d = diags
            .iter()
            .find(|d| d.file == std::path::Path::new(file))
            .unwrap_or_else(|| panic!("no error for {file}: {diags:?}"));
        assert!(d.message.contains("no address"), "{d}");
        assert!(d.hint.as_deref().unwrap_or("").contains("slug:"), "{d}");
    }
    assert!(!s.root().join("public").exists());
}

#[test]
fn a_city_country_or_topic_without_letters_is_an_error_at_its_line() {
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncity: \"!!!\"\ncountry: \"???\"\ntopics: [Fine, \"***\"]",
        "x",
    ));
    let diags = s.build_err();
    assert_eq!(position(find(&diags, "city name `!!!`")).0, 4);
    assert_eq!(position(find(&diags, "country name `???`")).0, 5);
    assert_eq!(position(find(&diags, "topic `***`")), (6, 16));
}

#[test]
fn two_items_on_one_address_name_both_files_and_lines() {
    let s = site(&format!(
        "{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Thailand",
            "x"
        ),
        study(
            "b.md",
            "title: B\ndate: 2023-01-02\ncity: Y\ncountry: Thailand!",
            "x"
        )
    ));
    let diags = s.build_err();
    let d = find(&diags, "`countries/thailand/index.html`");
    assert!(
        d.message.contains("content/case-studies/a.md:5")
            && d.message.contains("content/case-studies/b.md:5"),
        "{d}"
    );
    assert_eq!(d.position.map(|p| p.line), Some(5));

    let s = site(&format!(
        "{}{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\nslug: same",
            "x"
        ),
        study(
            "b.md",
            "title: B\ndate: 2023-01-02\ncity: X\ncountry: Y\nslug: same",
            "x"
        )
    ));
    let diags = s.build_err();
    let d = find(&diags, "`case-studies/same/index.html`");
    assert!(
        d.message.contains("content/case-studies/a.md:6")
            && d.message.contains("content/case-studies/b.md:6"),
        "{d}"
    );
}

#[test]
fn a_theme_file_may_not_take_a_page_s_address() {
    let s = site(&study("a.md", FRONT, "x"));
    s.write("themes/default/static/cities/index.html", "<p>mine</p>");
    let diags = s.build_err();
    let d = find(&diags, "`cities/index.html`");
    assert!(d.message.contains("theme"), "{d}");
}

#[test]
#[cfg(unix)]
fn links_inside_content_are_reported() {
    let s = site(&study("a.md", FRONT, "x"));
    let elsewhere = tempfile::tempdir().expect("temp");
    std::fs::write(
        elsewhere.path().join("phuket.md"),
        "---\nname: Phuket\ncountry: Thailand\n---\nx\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(elsewhere.path(), s.root().join("content/cities")).expect("symlink");
    let report = s.build_ok();
    let d = find(&report.diagnostics, "is a link to another place");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.file, std::path::PathBuf::from("content/cities"));
}
