//! Bad input: every error names file, line and column, quotes the line and gives a hint; all
//! errors of a build are reported together; a failed build leaves the previous output alone;
//! nothing outside the output folder is ever deleted.

mod common;
use casebook::diagnostics::Position;
use casebook::Severity;
use common::{find, site, study};
use std::path::Path;

const OK_FRONT: &str = "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y";

#[test]
fn malformed_yaml_points_at_the_line() {
    let s = site("-- content/case-studies/a.md --\n---\ntitle: A\ndate: 2023-01-01\ncity: [Khon Kaen\ncountry: Y\n---\nBody\n");
    let diags = s.build_err();
    let d = find(&diags, "the YAML is malformed");
    assert_eq!(d.file, Path::new("content/case-studies/a.md"));
    let pos = d.position.expect("position");
    assert!(
        (5..=6).contains(&pos.line),
        "whole-file line expected, got {pos:?}\n{d}"
    );
    assert!(d.hint.is_some());
    let printed = d.to_string();
    assert!(
        printed.contains("--> content/case-studies/a.md:"),
        "{printed}"
    );
    assert!(
        printed.contains(" | "),
        "the offending line is quoted: {printed}"
    );
}

/// A quote never closed is reported where it opens, not at the closing `---` where the parser
/// gave up; an apostrophe inside plain text is no quote.
#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    for (front, line, col, quote) in [
        (
            "title: \"A study\ndate: 2023-01-01\ncity: X\ncountry: Y",
            2,
            8,
            '"',
        ),
        (
            "title: It's a study\ndate: 2023-01-01\ncity: 'X\ncountry: Y",
            4,
            7,
            '\'',
        ),
        (
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\ntopics: [Mobility, \"Data]",
            6,
            20,
            '"',
        ),
    ] {
        let s = site(&format!(
            "-- content/case-studies/a.md --\n---\n{front}\n---\nBody\n"
        ));
        let diags = s.build_err();
        let d = find(&diags, "opened here is never closed");
        assert!(d.message.contains(&format!("`{quote}`")), "{}", d.message);
        assert_eq!(d.position, Some(Position { line, col }), "{front}");
        assert_eq!(d.code, "yaml-syntax");
    }
}

#[test]
fn value_with_colon_gets_a_quoting_hint() {
    let s = site("-- content/case-studies/a.md --\n---\ntitle: Khon Kaen: a model\ndate: 2023-01-01\ncity: X\ncountry: Y\n---\nBody\n");
    let diags = s.build_err();
    let d = find(&diags, "malformed");
    assert_eq!(d.position.map(|p| p.line), Some(2), "{d}");
    assert!(d.hint.as_deref().unwrap_or("").contains("quoted"), "{d}");
}

#[test]
fn missing_required_field() {
    let s = site(&study(
        "a.md",
        "date: 2023-01-01\ncity: X\ncountry: Y",
        "Body",
    ));
    let diags = s.build_err();
    let d = find(&diags, "the required field `title` is missing");
    assert_eq!(d.file, Path::new("content/case-studies/a.md"));
    assert_eq!(d.position, Some(Position::new(2, 1)));
    assert!(d.hint.as_deref().unwrap_or("").contains("title:"), "{d}");
}

#[test]
fn missing_city_is_an_error() {
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncountry: Y",
        "Body",
    ));
    find(&s.build_err(), "needs a city");
}

#[test]
fn missing_country_without_profile_is_an_error() {
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncity: Nowhere",
        "Body",
    ));
    let diags = s.build_err();
    let d = find(&diags, "the country of `Nowhere` is not known");
    assert_eq!(d.position, Some(Position::new(4, 7)));
}

#[test]
fn country_comes_from_the_city_profile() {
    let s = site(&format!(
        "{}-- content/cities/x.md --\n---\nname: X\ncountry: Freedonia\n---\nText.\n",
        study("a.md", "title: A\ndate: 2023-01-01\ncity: x", "Body")
    ));
    s.build_ok();
    assert!(s.exists("countries/freedonia/index.html"));
}

#[test]
fn bad_date_points_at_the_value() {
    let s = site(&study(
        "a.md",
        "title: A\ndate: 5 July 2023\ncity: X\ncountry: Y",
        "Body",
    ));
    let diags = s.build_err();
    let d = find(&diags, "`date` is not a valid date: `5 July 2023`");
    assert_eq!(d.position, Some(Position::new(3, 7)));
    assert_eq!(d.span, "5 July 2023".len());
    assert!(
        d.to_string()
            .contains("3 | date: 5 July 2023\n  |       ^^^^^^^^^^^"),
        "{d}"
    );
    assert!(d.hint.as_deref().unwrap_or("").contains("YYYY-MM-DD"));
}

#[test]
fn impossible_date_is_an_error() {
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-02-30\ncity: X\ncountry: Y",
        "Body",
    ));
    find(&s.build_err(), "not a valid date");
}

#[test]
fn wrong_fast_fact_types_point_at_the_value() {
    let s = site(&study(
        "a.md",
        &format!("{OK_FRONT}\nfast_facts:\n  population: many\n  area_km2: 46 km2"),
        "Body",
    ));
    let diags = s.build_err();
    let d = find(&diags, "`population` must be a whole number");
    assert_eq!(d.position, Some(Position::new(7, 15)));
    let d = find(&diags, "`area_km2` must be a number");
    assert_eq!(d.position, Some(Position::new(8, 13)));
}

#[test]
fn unknown_key_warns_with_the_nearest_known_key() {
    let s = site(&study(
        "a.md",
        &format!("{OK_FRONT}\ntopic: [mobility]"),
        "Body",
    ));
    let report = s.build_ok();
    let d = find(&report.diagnostics, "unknown key `topic`");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.position, Some(Position::new(6, 1)));
    assert_eq!(d.hint.as_deref(), Some("did you mean `topics`?"));
}

#[test]
fn bom_and_crlf_files_build_with_correct_positions() {
    let s = site("");
    s.write(
        "content/case-studies/a.md",
        "\u{feff}---\r\ntitle: A\r\ndate: 2023-01-01\r\ncity: X\r\ncountry: Y\r\nfast_facts:\r\n  population: 1000\r\n---\r\n## Background\r\n\r\nText.\r\n",
    );
    s.build_ok();
    let p = s.html("case-studies/a/index.html");
    assert_eq!(p.text("h1"), "X, Y | A");
    assert_eq!(p.texts(".study-body h2"), vec!["Background"]);
    assert_eq!(p.texts(".fast-facts dd"), vec!["1,000"]);
    // Errors in such files still count lines and columns from the first character.
    s.write(
        "content/case-studies/a.md",
        "\u{feff}---\r\ntitle: A\r\ndate: 2023-1-1\r\ncity: X\r\ncountry: Y\r\n---\r\nx\r\n",
    );
    let diags = s.build_err();
    assert_eq!(
        find(&diags, "not a valid date").position,
        Some(Position::new(3, 7))
    );
}

#[test]
fn file_without_front_matter() {
    let s = site("-- content/case-studies/a.md --\n# Just text\n");
    let diags = s.build_err();
    let d = find(&diags, "no front matter");
    assert_eq!(d.position, Some(Position::new(1, 1)));
}

#[test]
fn unclosed_front_matter() {
    let s = site("-- content/case-studies/a.md --\n---\ntitle: A\n");
    find(&s.build_err(), "never closed");
}

#[test]
fn all_errors_are_reported_together_sorted_by_file() {
    let s = site(&format!(
        "{}{}{}",
        study("b.md", "title: B\ndate: nope\ncity: X\ncountry: Y", "Body"),
        study("a.md", "date: 2023-01-01\ncity: X\ncountry: Y", "Body"),
        "-- content/cities/c.md --\n---\ncountry: Y\n---\n"
    ));
    let diags = s.build_err();
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 3, "{diags:#?}");
    let files: Vec<_> = errors
        .iter()
        .map(|d| d.file.display().to_string())
        .collect();
    assert_eq!(
        files,
        vec![
            "content/case-studies/a.md",
            "content/case-studies/b.md",
            "content/cities/c.md"
        ]
    );
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let s = site(&study("a.md", OK_FRONT, "First version."));
    s.build_ok();
    let before = s.read("case-studies/a/index.html");
    s.write(
        "content/case-studies/a.md",
        "---\ntitle: A\ndate: broken\ncity: X\ncountry: Y\n---\nSecond version.\n",
    );
    s.build_err();
    assert_eq!(s.read("case-studies/a/index.html"), before);
    // And a good build replaces it, leaving no staging folders behind.
    s.write(
        "content/case-studies/a.md",
        "---\ntitle: A\ndate: 2023-01-01\ncity: X\ncountry: Y\n---\nThird version.\n",
    );
    s.build_ok();
    assert!(s
        .read("case-studies/a/index.html")
        .contains("Third version."));
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .expect("root")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("casebook-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn unsafe_output_folders_are_refused() {
    let s = site(&study("a.md", OK_FRONT, "Body"));
    let parent = s.root().parent().expect("parent").to_path_buf();
    for (out, why) in [
        (s.root().to_path_buf(), "site folder"),
        (s.root().join("content"), "content"),
        (s.root().join("content/case-studies"), "content"),
        (parent, "site folder"),
        (Path::new("/").to_path_buf(), "`/`"),
        (s.root().join("public/.."), "site folder"),
    ] {
        let mut opts = s.options();
        opts.output = Some(out.clone());
        let failure =
            casebook::build(&opts).expect_err(&format!("{} must be refused", out.display()));
        let msg = &failure.diagnostics[0].message;
        assert!(msg.contains(why), "{}: {msg}", out.display());
    }
    // Nothing was deleted.
    assert!(s.root().join("content/case-studies/a.md").is_file());
}

#[test]
fn output_folder_with_foreign_files_is_refused() {
    let s = site(&study("a.md", OK_FRONT, "Body"));
    s.write("public/important.txt", "keep me");
    let diags = s.build_err();
    let d = find(&diags, "holds files that casebook did not write");
    assert!(d.hint.is_some());
    assert_eq!(
        std::fs::read_to_string(s.root().join("public/important.txt")).expect("kept"),
        "keep me"
    );
    // An empty folder is fine, and a casebook output folder is replaced.
    std::fs::remove_file(s.root().join("public/important.txt")).expect("rm");
    s.build_ok();
    s.build_ok();
}

#[test]
#[cfg(unix)]
fn output_folder_that_is_a_symlink_to_the_site_is_refused() {
    let s = site(&study("a.md", OK_FRONT, "Body"));
    std::os::unix::fs::symlink(s.root(), s.root().join("public")).expect("symlink");
    let diags = s.build_err();
    find(&diags, "site folder");
    assert!(s.root().join("content/case-studies/a.md").is_file());
}

#[test]
fn missing_site_config_is_an_error() {
    let s = site(&study("a.md", OK_FRONT, "Body"));
    std::fs::remove_file(s.root().join("site.yaml")).expect("rm");
    let diags = s.build_err();
    assert_eq!(
        find(&diags, "site configuration").file,
        Path::new("site.yaml")
    );
}

#[test]
fn bad_base_url_points_at_the_value() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: example.org\n{}",
        study("a.md", OK_FRONT, "Body")
    ));
    let diags = s.build_err();
    let d = find(&diags, "`base_url` must be");
    assert_eq!(
        (d.file.as_path(), d.position),
        (Path::new("site.yaml"), Some(Position::new(2, 11)))
    );
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    let s = site("");
    s.write("content/case-studies/a.md", "");
    std::fs::write(
        s.root().join("content/case-studies/a.md"),
        b"---\ntitle: \xff\n---\n",
    )
    .expect("write");
    let diags = s.build_err();
    let d = find(&diags, "not valid UTF-8");
    assert_eq!(d.position, Some(Position::new(2, 8)));
}

#[test]
fn duplicate_key_is_an_error() {
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\ntitle: B",
        "Body",
    ));
    let diags = s.build_err();
    let d = find(&diags, "duplicate entry with key \"title\"");
    assert_eq!(d.file, Path::new("content/case-studies/a.md"));
    assert!(
        d.position.is_some_and(|p| p.line >= 2 && p.line <= 6),
        "{d}"
    );
    assert!(d.hint.as_deref().unwrap_or("").contains("only once"), "{d}");
}

/// Each problem carries the code docs/diagnostics.md gives its kind.
#[test]
fn problems_carry_the_codes_the_docs_give_them() {
    let cases: [(&str, &str, &str); 5] = [
        (
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y",
            "Text <textarea>never closed.",
            "raw-html",
        ),
        (
            "title: [A, B]\ndate: 2023-01-01\ncity: X\ncountry: Y",
            "Text.",
            "wrong-type",
        ),
        (
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\ntopics: [a, [b]]",
            "Text.",
            "wrong-type",
        ),
        (
            "title: '  '\ndate: 2023-01-01\ncity: X\ncountry: Y",
            "Text.",
            "missing-field",
        ),
        (
            "title: A\ndate: 2023-01-01\ncity: '!!!'\ncountry: Y",
            "Text.",
            "bad-slug",
        ),
    ];
    for (front, body, code) in cases {
        let s = site(&study("a.md", front, body));
        let diags = s.build_err();
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        assert!(
            errors.iter().any(|d| d.code == code),
            "{front}: expected `{code}`, got {:?}",
            errors
                .iter()
                .map(|d| (d.code, &d.message))
                .collect::<Vec<_>>()
        );
        assert!(!errors
            .iter()
            .any(|d| d.code == "content-error" || d.code == "front-matter"));
    }
    // Coordinates out of range are a value of the wrong kind too.
    let s = site("-- content/cities/x.md --\n---\nname: X\ncountry: Y\ncoordinates: {lat: 200, lon: 5}\n---\nText.\n");
    let diags = s.build_err();
    let d = find(&diags, "`coordinates` must give");
    assert_eq!(d.code, "wrong-type");
    // A template that is not UTF-8 is a forbidden character; its default is used.
    let s = site(&study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y",
        "Text.",
    ));
    std::fs::create_dir_all(s.root().join("themes/default/templates")).expect("dir");
    std::fs::write(
        s.root().join("themes/default/templates/page.html"),
        b"\xff\xfe<p>",
    )
    .expect("write");
    let report = s.build_ok();
    let d = find(&report.diagnostics, "cannot read this template");
    assert_eq!(d.code, "forbidden-character");
}

/// Every code of `diagnostics::code` is documented in docs/diagnostics.md, and the docs list no
/// code that does not exist.
#[test]
fn every_diagnostic_code_is_documented_and_every_documented_one_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("src/diagnostics.rs")).expect("source");
    let docs = std::fs::read_to_string(root.join("docs/diagnostics.md")).expect("docs");
    let defined: std::collections::BTreeSet<String> = source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub const "))
        .filter_map(|l| l.split('"').nth(1))
        .map(str::to_string)
        .collect();
    let documented: std::collections::BTreeSet<String> = docs
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| {
            let first = l.split('|').nth(1).unwrap_or("");
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(defined.len() > 30, "{defined:?}");
    let undocumented: Vec<_> = defined.difference(&documented).collect();
    let unknown: Vec<_> = documented.difference(&defined).collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from docs/diagnostics.md: {undocumented:?}"
    );
    assert!(
        unknown.is_empty(),
        "docs/diagnostics.md lists codes that do not exist: {unknown:?}"
    );
}
