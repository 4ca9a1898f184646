//! The link checker of built sites (`casebook check --output`): it passes clean sites and catches
//! each kind of planted fault, with the page, line and column.

mod common;
use casebook::diagnostics::Position;
use common::{find, site, study};

fn subpath_site() -> common::Site {
    site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/best-practices/\n{}{}-- content/cities/b.md --\n---\nname: B\ncountry: C\n---\nNear A.\n",
        study("one.md", "title: One\ndate: 2023-01-01\ncity: A\ncountry: C\ntopics: [x]", "## Background\n\nSee [two](two.md#results).[^1]\n\n[^1]: Note."),
        study("two.md", "title: Two\ndate: 2023-01-02\ncity: B", "## Results\n\nB and A.")
    ))
}

#[test]
fn a_clean_subpath_site_has_no_broken_links() {
    let s = subpath_site();
    s.build_ok();
    let r = s.check_links();
    assert!(r.failures.is_empty());
    assert_eq!(r.pages, 14, "index, 404, search, 3 lists of places, the comparison of cities, 2 studies, studies list, 2 cities, 1 country, 1 topic");
    assert!(r.links > 200, "{} links", r.links);
    assert!(r.fragments > 20, "{} fragments", r.fragments);
}

/// Appends `html` to the body of `page` in the built output.
fn plant(s: &common::Site, page: &str, html: &str) {
    let path = s.out(page);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("</main>", &format!("{html}\n</main>"))).expect("write");
}

fn line_of(s: &common::Site, page: &str, needle: &str) -> usize {
    s.read(page)
        .lines()
        .position(|l| l.contains(needle))
        .expect("planted line")
        + 1
}

#[test]
fn a_link_to_a_missing_page_is_caught() {
    let s = subpath_site();
    s.build_ok();
    plant(
        &s,
        "index.html",
        "<p><a href=\"/best-practices/cities/nowhere/\">gone</a></p>",
    );
    let r = s.check_links();
    let d = find(
        &r.failures,
        "`/best-practices/cities/nowhere/` points to no file",
    );
    assert_eq!(d.file.display().to_string(), "index.html");
    let line = line_of(&s, "index.html", "cities/nowhere");
    assert_eq!(d.position, Some(Position::new(line, 4)));
    assert_eq!(r.failures.len(), 1);
}

#[test]
fn a_missing_fragment_is_caught() {
    let s = subpath_site();
    s.build_ok();
    plant(
        &s,
        "case-studies/one/index.html",
        "<a href=\"../two/#lessons\">x</a> <a href=\"#nope\">y</a>",
    );
    let r = s.check_links();
    find(
        &r.failures,
        "points to `#lessons`, which is no id on `case-studies/two/index.html`",
    );
    find(
        &r.failures,
        "points to `#nope`, which is no id on `case-studies/one/index.html`",
    );
    assert_eq!(r.failures.len(), 2);
}

#[test]
fn a_duplicate_id_is_caught() {
    let s = subpath_site();
    s.build_ok();
    plant(&s, "cities/a/index.html", "<p id=\"main\">again</p>");
    let r = s.check_links();
    find(&r.failures, "the id `main` is used more than once");
}

#[test]
fn a_link_outside_the_base_path_is_caught() {
    let s = subpath_site();
    s.build_ok();
    plant(&s, "404.html", "<a href=\"/cities/a/\">root-relative, without the base path</a><img src=\"/style.css\" alt=\"x\">");
    let r = s.check_links();
    find(
        &r.failures,
        "`/cities/a/` is outside the site's base path `/best-practices/`",
    );
    find(&r.failures, "`/style.css` is outside the site's base path");
    assert_eq!(r.failures.len(), 2);
}

/// Another part of the same host is not the site's to check: a link to it is no failure, while
/// one that names a file of the site without the base path is.
#[test]
fn a_link_elsewhere_on_the_host_is_not_a_failure() {
    let s = subpath_site();
    s.build_ok();
    plant(
        &s,
        "404.html",
        "<a href=\"/reports/2023.pdf\">a report of the city</a>",
    );
    assert!(s.check_links().failures.is_empty());
}

/// Content may link other parts of the site's host (`/reports/2023.pdf` from a site at
/// `/best-practices/`); `outside_base: refuse` makes that an error at the link's line; a link to
/// a page of this site that forgot the base path is always one. Hints never name an unrelated
/// file or the linking file itself.
#[test]
fn links_outside_the_base_path_are_allowed_unless_refused() {
    let page = "-- content/pages/about.md --\n---\ntitle: About\n---\nSee [the report](/reports/2023.pdf).\n";
    let allowed = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/best-practices/\n{page}"
    ));
    allowed.build_ok();
    assert_eq!(
        allowed
            .html("about/index.html")
            .attrs("main a[href='/reports/2023.pdf']", "href"),
        ["/reports/2023.pdf"]
    );

    let refused = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/best-practices/\noutside_base: refuse\n{page}"
    ));
    let errors = refused.build_err();
    let d = find(
        &errors,
        "`/reports/2023.pdf` is outside the site's base path",
    );
    assert_eq!(d.file, std::path::Path::new("content/pages/about.md"));
    assert_eq!(d.position.map(|p| p.line), Some(4));
    assert!(d
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("outside_base: refuse")));
    assert!(!d.hint.as_deref().unwrap_or("").contains("phuket"));

    let forgot = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/best-practices/\n{}-- content/pages/about.md --\n---\ntitle: About\n---\nSee [One](/case-studies/one/).\n",
        study("one.md", "title: One\ndate: 2023-01-01\ncity: A\ncountry: C", "Text.")
    ));
    let errors = forgot.build_err();
    let d = find(
        &errors,
        "`/case-studies/one/` is outside the site's base path",
    );
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("without the base path")),
        "{:?}",
        d.hint
    );

    let bad =
        site("-- site.yaml --\ntitle: T\nbase_url: https://example.org/\noutside_base: maybe\n");
    find(
        &bad.build_err(),
        "`outside_base` must be `allow` or `refuse`",
    );
}

/// A link to a missing file suggests a file of a near name, never the linking file itself nor
/// one that only shares its folder.
#[test]
fn a_missing_file_suggests_only_a_file_of_a_near_name() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n{}{}",
        study(
            "broken.md",
            "title: Broken\ndate: 2023-01-01\ncity: A\ncountry: C",
            "See [x](missing.md) and [y](tw.md)."
        ),
        study(
            "two.md",
            "title: Two\ndate: 2023-01-02\ncity: A\ncountry: C",
            "Text."
        )
    ));
    let errors = s.build_err();
    let missing = find(&errors, "missing file `content/case-studies/missing.md`");
    assert!(
        !missing
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean"),
        "{:?}",
        missing.hint
    );
    let near = find(&errors, "missing file `content/case-studies/tw.md`");
    assert_eq!(
        near.hint.as_deref(),
        Some("did you mean `@/case-studies/two.md`?")
    );
}

#[test]
fn a_missing_image_is_caught() {
    let s = subpath_site();
    s.build_ok();
    plant(
        &s,
        "case-studies/two/index.html",
        "<img src=\"tram.jpg\" alt=\"A tram\">",
    );
    let r = s.check_links();
    find(&r.failures, "`tram.jpg` points to no file");
}

#[test]
fn the_command_line_reports_and_fails() {
    let s = subpath_site();
    s.build_ok();
    let exe = env!("CARGO_BIN_EXE_casebook");
    let ok = std::process::Command::new(exe)
        .args(["check", "--output", "--root"])
        .arg(s.root())
        .output()
        .expect("run");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("0 broken"));
    plant(
        &s,
        "index.html",
        "<a href=\"/best-practices/nowhere/\">gone</a>",
    );
    let bad = std::process::Command::new(exe)
        .args(["check", "--output", "--root"])
        .arg(s.root())
        .output()
        .expect("run");
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("--> index.html:"), "{err}");
    assert!(String::from_utf8_lossy(&bad.stdout).contains("1 broken"));
}
