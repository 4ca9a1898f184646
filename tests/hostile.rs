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
    // Two studies with one `slug:`: tests/build.rs, slug_collisions_name_both_files.
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

#[test]
fn script_and_data_urls_are_refused_where_they_are_written() {
    let s = site(&study(
        "a.md",
        &format!("{FRONT}\nsources:\n  - title: Bad\n    url: \" JavaScript:alert(1)\"\nfast_facts:\n  notes:\n    - \"[note](vbscript:x)\""),
        "Intro.\n\n[a](javascript:alert(1)) and ![b](DATA:image/png;base64,AAAA)\n\n<vbscript:msgbox(1)> and [c](&#106;avascript:alert(2))\n",
    ));
    let diags = s.build_err();
    let refused: Vec<(usize, usize)> = diags
        .iter()
        .filter(|d| d.message.contains("not allowed"))
        .map(position)
        .collect();
    // The source's url (line 8), a note (line 11), then the body's four links (lines 15, 17).
    assert_eq!(
        refused,
        vec![(8, 10), (11, 7), (15, 1), (15, 30), (17, 1), (17, 26)],
        "{diags:?}"
    );
    assert!(find(&diags, "`javascript:`").hint.is_some());
}

#[test]
fn control_characters_are_errors_where_they_are_written() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\ndescription: \"ring\\a\"\n{}",
        study(
            "a.md",
            "title: \"Bad\\0title\"\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand",
            "A line with an escape \u{1b} here.\n\nAn entity &#27; and &#x85; too.\n",
        )
    ));
    let diags = s.build_err();
    let found: Vec<(String, (usize, usize))> = diags
        .iter()
        .filter(|d| d.message.contains("control character") || d.message.contains("cannot hold"))
        .map(|d| (d.file.display().to_string(), position(d)))
        .collect();
    assert_eq!(
        found,
        vec![
            ("content/case-studies/a.md".to_string(), (2, 8)),
            ("content/case-studies/a.md".to_string(), (7, 23)),
            ("content/case-studies/a.md".to_string(), (9, 11)),
            ("site.yaml".to_string(), (3, 14)),
        ],
        "{diags:?}"
    );
    assert!(find(&diags, "U+001B").hint.is_some());
}

#[test]
fn raw_html_false_escapes_html_in_every_markdown_text() {
    let spec = |raw: &str| {
        format!(
            "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n{raw}{}-- content/cities/phuket.md --\n---\nname: Phuket\ncountry: Thailand\n---\nA city <em class=\"x\">in</em> Thailand.\n\n<div class=\"profile-box\">boxed</div>\n-- content/pages/about.md --\n---\ntitle: About\n---\n<iframe src=\"https://example.org/\"></iframe>\n",
            study(
                "a.md",
                &format!("{FRONT}\nfast_facts:\n  notes:\n    - \"A <b>bold</b> note\""),
                "Intro with <b onclick=\"steal()\">bold</b> text.\n\n<script>alert(1)</script>\n",
            )
        )
    };
    let s = site(&spec("raw_html: false\n"));
    s.build_ok();
    let study = s.html("case-studies/a/index.html");
    assert_eq!(
        study.count(".study-body b, .study-body script, .fast-facts b"),
        0
    );
    assert!(study
        .text(".study-body .intro")
        .contains("<b onclick=\"steal()\">bold</b>"));
    assert!(study
        .text(".study-body")
        .contains("<script>alert(1)</script>"));
    assert!(study.text(".fast-facts").contains("A <b>bold</b> note"));
    let city = s.html("cities/phuket/index.html");
    assert_eq!(city.count(".profile em, .profile .profile-box"), 0);
    let about = s.html("about/index.html");
    assert_eq!(about.count("article iframe"), 0);
    assert!(about.text("article").contains("<iframe"));

    // By default editors are trusted: the same HTML passes through.
    let s = site(&spec(""));
    s.build_ok();
    let study = s.html("case-studies/a/index.html");
    assert_eq!(
        study.count(".study-body b, .study-body script, .fast-facts b"),
        3
    );
    assert_eq!(
        s.html("cities/phuket/index.html")
            .count(".profile .profile-box"),
        1
    );
}

#[test]
fn footnotes_defined_twice_or_referenced_from_notes_keep_every_link_working() {
    let s = site(&study(
        "a.md",
        FRONT,
        "Text.[^a] More.[^b]\n\n[^a]: First.\n[^a]: Again.\n[^b]: Says more.[^c]\n[^c]: Only in a note.\n",
    ));
    // build_ok runs the link check: every back-link and reference must land.
    let report = s.build_ok();
    let d = find(&report.diagnostics, "defined twice");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(position(d).0, 10);
    let p = s.html("case-studies/a/index.html");
    assert_eq!(
        p.texts(".footnotes li"),
        vec!["First. ↩", "Says more.3 ↩", "Only in a note. ↩"]
    );
    let ids = p.attrs("[id^=fnref]", "id");
    assert_eq!(ids, vec!["fnref-1", "fnref-2", "fnref-3"]);
}

#[test]
fn an_error_on_a_very_long_line_quotes_a_window_around_the_column() {
    let long = "x".repeat(2_000_000);
    let s = site(&study(
        "a.md",
        FRONT,
        &format!("{long}[broken](missing.md) end\n"),
    ));
    let diags = s.build_err();
    let d = find(&diags, "missing file");
    assert_eq!(position(d), (7, 2_000_001));
    let shown = d.to_string();
    assert!(shown.len() < 600, "{} bytes shown", shown.len());
    // The caret stands under the `[` of the link.
    let lines: Vec<&str> = shown.lines().collect();
    let quoted = lines
        .iter()
        .position(|l| l.contains("[broken]"))
        .expect("quoted line");
    let caret = lines[quoted + 1].find('^').expect("caret");
    let bracket_col = lines[quoted].find("[broken]").expect("bracket");
    assert_eq!(
        lines[quoted][..bracket_col].chars().count(),
        lines[quoted + 1][..caret].chars().count()
    );
}

#[test]
fn deeply_nested_front_matter_is_refused_at_once() {
    let deep = format!("{}1{}", "[".repeat(20_000), "]".repeat(20_000));
    let s = site(&study("a.md", &format!("{FRONT}\nnotes_list: {deep}"), "x"));
    let diags = s.build_err();
    let d = find(&diags, "nested");
    assert_eq!(position(d).0, 6);
    assert!(d.hint.is_some());

    let big = format!("{FRONT}\nsummary: \"{}\"", "y".repeat(2_000_000));
    let s = site(&study("b.md", &big, "x"));
    find(&s.build_err(), "front matter is");
}

#[test]
fn thousands_of_headings_and_of_problems_in_one_file_stay_quick_and_correct() {
    // 5,000 identical headings: ids numbered -2 to -5000 (this took minutes before).
    let body: String = (0..5000).map(|_| "## Same\n\nx\n\n").collect();
    let s = site(&study("a.md", FRONT, &body));
    s.build_ok();
    let p = s.html("case-studies/a/index.html");
    let ids = p.attrs("section.section > h2", "id");
    assert_eq!(ids.len(), 5000);
    assert_eq!(ids[4999], "same-5000");

    // 10,000 unknown keys and 20,000 broken links in one file: every one reported, quoted.
    let keys: String = (0..10_000).map(|i| format!("\nunknown_{i}: x")).collect();
    let links: String = (0..20_000)
        .map(|i| format!("[l{i}](gone-{i}.md)\n"))
        .collect();
    let s = site(&study("a.md", &format!("{FRONT}{keys}"), &links));
    let diags = s.build_err();
    let warnings = diags
        .iter()
        .filter(|d| d.message.contains("unknown key"))
        .count();
    let errors = diags
        .iter()
        .filter(|d| d.message.contains("missing file"))
        .count();
    assert_eq!((warnings, errors), (10_000, 20_000));
    assert!(
        diags.iter().all(|d| d.source_line.is_some()),
        "every problem quotes its line"
    );
}

#[test]
fn every_file_s_problems_are_reported_in_one_run() {
    let s = site(&format!(
        "{}{}-- content/cities/broken.md --\n---\nname: [Broken\n---\nx\n",
        study("a.md", "title: A\ndate: [2023", "x"),
        study(
            "b.md",
            "title: B\ndate: 2023-01-01\ncity: Broken\ncountry: Laos\nrelated: [a]",
            "[gone](c.md) but [a](a.md) is only broken, and [p](@/cities/broken.md).",
        ),
    ));
    let diags = s.build_err();
    // The load errors of a.md and broken.md, and b.md's link to a file that does not exist...
    find(&diags, "malformed");
    assert!(diags
        .iter()
        .any(|d| d.file == std::path::Path::new("content/cities/broken.md")));
    let gone = find(&diags, "`c.md`");
    assert_eq!(
        gone.file,
        std::path::PathBuf::from("content/case-studies/b.md")
    );
    // ...but nothing that only follows from a.md and broken.md not loading.
    for d in &diags {
        assert!(
            !(d.file.ends_with("b.md")
                && (d.message.contains("`a.md`")
                    || d.message.contains("broken.md")
                    || d.message.contains("slug `a`"))),
            "{d}"
        );
    }
}

#[test]
fn numbers_too_large_are_quoted_as_written() {
    let s = site(&study(
        "a.md",
        "title: 99999999999999999999\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand\nfast_facts:\n  population: 18446744073709551616\n  mayor: 1234567890123456789012345678901234567890",
        "x",
    ));
    let diags = s.build_err();
    let d = find(&diags, "`population`");
    assert!(d.message.contains("`18446744073709551616`"), "{d}");
    assert!(
        !d.hint.as_deref().unwrap_or("").contains("indentation"),
        "{d}"
    );
    // A large number where text is expected is that text, as written.
    let s = site(&study(
        "b.md",
        "title: 99999999999999999999\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand\nfast_facts:\n  population: 18446744073709551615\n  mayor: 1234567890123456789012345678901234567890",
        "x",
    ));
    s.build_ok();
    let p = s.html("case-studies/b/index.html");
    assert_eq!(
        p.text(".case-study h1"),
        "Phuket, Thailand | 99999999999999999999"
    );
    assert_eq!(
        p.texts(".fast-facts dd"),
        vec![
            "18,446,744,073,709,551,615",
            "1234567890123456789012345678901234567890"
        ]
    );
}

#[test]
fn a_base_url_on_the_command_line_is_checked_like_site_yaml() {
    let s = site(&study("a.md", FRONT, "x"));
    let mut options = s.options();
    options.base_url = Some("not a url".into());
    let diags = casebook::build(&options).expect_err("refused").diagnostics;
    let d = find(&diags, "`--base-url`");
    assert!(d.message.contains("`not a url`"), "{d}");
}

#[test]
fn huge_and_tiny_areas_read_as_numbers() {
    let s = site(&format!(
        "{}{}",
        study(
            "a.md",
            &format!("{FRONT}\nfast_facts:\n  area_km2: 1e20"),
            "x"
        ),
        study(
            "b.md",
            &format!("{FRONT}\nslug: b\nfast_facts:\n  area_km2: 0.004"),
            "x"
        ),
    ));
    s.build_ok();
    let a = s.html("case-studies/a/index.html");
    assert_eq!(
        a.texts(".fact-area_km2 dd"),
        vec!["100,000,000,000,000,000,000 km²"]
    );
    let b = s.html("case-studies/b/index.html");
    assert_eq!(b.texts(".fact-area_km2 dd"), vec!["0.004 km²"]);
}

#[test]
fn an_alias_bomb_is_named_for_what_it_is() {
    let mut yaml = String::from("title: T\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (name, prev) in [
        ("b", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "d"),
        ("f", "e"),
        ("g", "f"),
        ("h", "g"),
        ("i", "h"),
    ] {
        yaml.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let s = site(&study("a.md", yaml.trim_end(), "x"));
    let diags = s.build_err();
    let d = find(&diags, "alias");
    assert_eq!(position(d).0, 7, "{d}");
    assert!(d.hint.as_deref().unwrap_or("").contains("anchor"), "{d}");
}

/// The line and column of the error containing `needle` in `file`.
fn at(diags: &[casebook::Diagnostic], file: &str, needle: &str) -> (usize, usize) {
    let d = diags
        .iter()
        .find(|d| d.file == std::path::Path::new(file) && d.message.contains(needle))
        .unwrap_or_else(|| {
            let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            panic!("no error `{needle}` in {file}; got:\n{}", all.join("\n"))
        });
    position(d)
}

#[test]
fn html_left_open_is_refused_in_the_section_that_opens_it() {
    // A comment, a <script> and a quoted attribute left open would swallow the page after them
    // (the sections are reordered by the theme, so each must close its own HTML).
    let s = site(&format!(
        "{}{}{}",
        study(
            "a.md",
            FRONT,
            "## Background\n\nText.\n\n## Lessons Learned\n\n<!-- for later\n\nnever closed\n"
        ),
        study(
            "b.md",
            FRONT,
            "## Background\n\n<div title=\"open\n\n## Budget\n\nMore.[^1]\n\n[^1]: A note.\n\n    <script>\n"
        ),
        study("c.md", FRONT, "## Background\n\n<!-- closed -->\n\n<b>bold</b>\n")
    ));
    let diags = s.build_err();
    assert_eq!(
        at(&diags, "content/case-studies/a.md", "never closed"),
        (13, 1)
    );
    let in_b: Vec<usize> = diags
        .iter()
        .filter(|d| d.file == std::path::Path::new("content/case-studies/b.md"))
        .map(|d| position(d).0)
        .collect();
    assert_eq!(
        in_b,
        [9, 17],
        "the open attribute's section and the footnote"
    );
    assert!(diags
        .iter()
        .all(|d| d.file != std::path::Path::new("content/case-studies/c.md")));
    assert!(!s.root().join("public").exists());
}

#[test]
fn html_ids_that_repeat_or_that_the_page_uses_are_refused() {
    let s = site(&study(
        "a.md",
        FRONT,
        "## Background\n\n<a id=\"x\"></a> and <a id=\"x\"></a>\n\n<div id=\"main\">m</div>\n\n<span id=\"fn-1\">n</span> <span id=\"fine\">f</span>\n",
    ));
    let diags = s.build_err();
    let ids: Vec<(String, (usize, usize))> = diags
        .iter()
        .map(|d| (d.message.clone(), position(d)))
        .collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(
        ids[0].0.contains("`x`") && ids[0].0.contains("twice"),
        "{ids:?}"
    );
    assert_eq!(ids[0].1 .0, 9);
    assert!(ids[1].0.contains("`main`") && ids[1].1 .0 == 11, "{ids:?}");
    assert!(ids[2].0.contains("`fn-1`") && ids[2].1 .0 == 13, "{ids:?}");
}

#[test]
fn links_written_as_addresses_must_name_a_file_the_build_writes() {
    let spec = format!(
        "{}{}{}-- content/case-studies/bundle/index.md --\n---\n{FRONT}\n---\n![A tram](tram.jpg) [file](./tram.jpg)\n-- content/case-studies/bundle/tram.jpg --\nJPEG\n",
        study(
            "a.md",
            FRONT,
            "## Background\n\n![A tram](tram.jpg)\n\n[cities](/cities/) [Phuket](/cities/phuket/#partners) [style](/style.css)\n\n[gone](/cities/nowhere/) [no heading](/cities/phuket/#nope) [up](../../../x)\n\n<a href=\"b.md\">raw</a> <img src=\"missing.png\" alt=\"\">\n"
        ),
        study("b.md", FRONT, "## Background\n\n[a](/case-studies/a/#background) [bundle image](/case-studies/bundle/tram.jpg)\n"),
        "-- content/cities/phuket.md --\n---\nname: Phuket\ncountry: Thailand\npartners: [Busan]\n---\nText.\n-- content/cities/busan.md --\n---\nname: Busan\ncountry: South Korea\n---\nText.\n"
    );
    let s = site(&spec);
    let diags = s.build_err();
    let a = "content/case-studies/a.md";
    assert_eq!(at(&diags, a, "`tram.jpg` points to no file"), (9, 1));
    assert_eq!(
        at(&diags, a, "`/cities/nowhere/` points to no file"),
        (13, 1)
    );
    assert_eq!(at(&diags, a, "which is no heading of that page").0, 13);
    assert_eq!(at(&diags, a, "`../../../x` climbs out").0, 13);
    assert_eq!(at(&diags, a, "`b.md` is written in HTML").0, 15);
    assert_eq!(at(&diags, a, "`missing.png` points to no file").0, 15);
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        6,
        "nothing else is refused: {:#?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );

    // The same site without the broken links builds, and passes the link check.
    let fixed = spec
        .replace("![A tram](tram.jpg)\n\n[cities]", "[cities]")
        .replace(
            "[gone](/cities/nowhere/) [no heading](/cities/phuket/#nope) [up](../../../x)",
            "",
        )
        .replace(
            "<a href=\"b.md\">raw</a> <img src=\"missing.png\" alt=\"\">",
            "",
        );
    site(&fixed).build_ok();
}

#[test]
fn a_link_to_a_draft_says_so_and_related_drafts_wait() {
    let s = site(&format!(
        "{}{}",
        study(
            "a.md",
            &format!("{FRONT}\nrelated: [b]"),
            "See [the plan](b.md)."
        ),
        study("b.md", &format!("{FRONT}\ndraft: true"), "Soon.")
    ));
    let diags = s.build_err();
    let d = find(&diags, "points to a draft");
    assert_eq!(position(d), (8, 5));
    assert!(d.hint.as_deref().unwrap_or("").contains("--drafts"), "{d}");
    assert_eq!(diags.len(), 1, "`related: [b]` waits for the draft quietly");
    let mut options = s.options();
    options.drafts = true;
    casebook::build(&options).expect("with --drafts the link has its target");
}

#[test]
fn fast_fact_notes_and_sources_link_only_to_web_addresses() {
    let s = site(&study(
        "a.md",
        &format!(
            "{FRONT}\nfast_facts:\n  notes:\n    - \"[Phuket](@/cities/phuket.md)\"\n    - \"<!-- open\"\n    - \"<b id=\\\"x\\\">b</b>\"\n    - \"[fine](https://example.org/)\"\nsources:\n  - title: Report\n    url: report.pdf"
        ),
        "x",
    ));
    let diags = s.build_err();
    let f = "content/case-studies/a.md";
    assert_eq!(at(&diags, f, "must be a web address").0, 8);
    assert_eq!(at(&diags, f, "never closed").0, 9);
    assert_eq!(at(&diags, f, "cannot set an id").0, 10);
    assert_eq!(at(&diags, f, "a source's `url`").0, 14);
    assert_eq!(diags.len(), 4, "{diags:#?}");
}

#[test]
fn a_base_path_with_escapes_and_ampersands_links_correctly_and_a_broken_one_is_refused() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/caf%C3%A9/r&d/\n{}",
        study(
            "a.md",
            FRONT,
            "## Background\n\n[me](/caf%C3%A9/r&d/case-studies/a/#background)"
        )
    ));
    s.build_ok();
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: \"https://example.org/a#b/\"\n{}",
        study("a.md", FRONT, "x")
    ));
    let diags = s.build_err();
    assert_eq!(position(find(&diags, "`base_url` must be")), (2, 11));
}
