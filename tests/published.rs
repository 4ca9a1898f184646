//! The removed-URL guard: `published-urls.txt` lists every address the site has published; a
//! build adds the new ones and never drops one, and a listed address the site no longer has is
//! the error `url-removed`, named at its line with the file it most likely moved to, until an
//! old address (`redirect_from:`) or `retired:` answers it.

mod common;

use common::{find, site, Site};

const LIST: &str = "published-urls.txt";

const SITE: &str = "-- site.yaml --
title: City Best Practices
base_url: https://example.org/bp/
page_size: 1
-- published-urls.txt --
# the list, empty
-- content/case-studies/kk.md --
---
title: Citizen Awareness of the Smart City
date: 2023-07-05
city: Khon Kaen
country: Thailand
---
Text.
-- content/case-studies/pk.md --
---
title: Phuket Smart Island
date: 2022-03-01
city: Phuket
country: Thailand
---
Text.
";

/// The addresses of the list, in its order.
fn listed(s: &Site) -> Vec<String> {
    std::fs::read_to_string(s.root().join(LIST))
        .expect("the list")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn rename(s: &Site, from: &str, to: &str) {
    std::fs::rename(s.root().join(from), s.root().join(to)).expect("rename");
}

#[test]
fn a_build_lists_what_it_publishes_and_only_adds() {
    let s = site(SITE);
    s.build_ok();
    let list = listed(&s);
    let mut sorted = list.clone();
    sorted.sort();
    assert_eq!(list, sorted, "sorted");
    for address in [
        "/",
        "/case-studies/",
        "/case-studies/kk/",
        "/cities/khon-kaen/",
        "/cities/khon-kaen/atom.xml",
        "/countries/thailand/",
        "/atom.xml",
        "/sitemap.xml",
        "/data/case-studies.json",
        "/data/redirects.json",
    ] {
        assert!(list.contains(&address.to_string()), "{address} in {list:?}");
    }
    // A list's later pages, theme files, the search index's parts and the 404 page are not
    // addresses anyone links.
    for address in [
        "/case-studies/page/2/",
        "/style.css",
        "/search/terms/0.js",
        "/404.html",
    ] {
        assert!(!list.contains(&address.to_string()), "{address}");
    }
    assert!(s.exists("case-studies/page/2/index.html"));

    // Building again changes nothing.
    let before = std::fs::read_to_string(s.root().join(LIST)).expect("list");
    s.build_ok();
    assert_eq!(
        std::fs::read_to_string(s.root().join(LIST)).expect("list"),
        before
    );

    // A new study is added; a study whose address is answered by an old address keeps it.
    s.write(
        "content/case-studies/cm.md",
        "---\ntitle: Chiang Mai Old City\ndate: 2021-01-01\ncity: Chiang Mai\ncountry: Thailand\n---\nText.\n",
    );
    s.build_ok();
    assert!(listed(&s).contains(&"/case-studies/cm/".to_string()));
    // The study, its city and the city's feed (the third page of the list is not kept).
    assert_eq!(listed(&s).len(), list.len() + 3);
}

#[test]
fn a_moved_study_is_url_removed_until_its_old_address_is_kept() {
    let s = site(SITE);
    s.build_ok();
    let text = std::fs::read_to_string(s.root().join(LIST)).expect("list");
    let line = text
        .lines()
        .position(|a| a == "/case-studies/kk/")
        .expect("listed")
        + 1;
    let published = s.read("case-studies/kk/index.html");
    rename(
        &s,
        "content/case-studies/kk.md",
        "content/case-studies/khon-kaen-awareness.md",
    );
    let diags = s.build_err();
    let d = find(&diags, "`/case-studies/kk/` was published");
    assert_eq!(d.code, "url-removed");
    assert_eq!(d.file.to_string_lossy(), LIST);
    assert_eq!(d.position.map(|p| p.line), Some(line));
    let hint = d.hint.as_deref().unwrap_or("");
    assert!(
        hint.contains("content/case-studies/khon-kaen-awareness.md")
            && hint.contains("`redirect_from: [/case-studies/kk/]`"),
        "{hint}"
    );
    // The failed build left the published site as it was.
    assert_eq!(s.read("case-studies/kk/index.html"), published);
    // `check` says the same.
    let failure = casebook::check(&s.options()).err().expect("check fails");
    find(&failure.diagnostics, "`/case-studies/kk/` was published");

    // The old address answers it: the build goes on, and the list keeps both.
    let file = "content/case-studies/khon-kaen-awareness.md";
    let text = std::fs::read_to_string(s.root().join(file)).expect("read");
    s.write(
        file,
        &text.replacen("date:", "redirect_from: [/case-studies/kk/]\ndate:", 1),
    );
    s.build_ok();
    let list = listed(&s);
    assert!(list.contains(&"/case-studies/kk/".to_string()));
    assert!(list.contains(&"/case-studies/khon-kaen-awareness/".to_string()));
    assert!(
        s.exists("case-studies/kk/index.html"),
        "the page at the old address"
    );
}

#[test]
fn the_hint_finds_a_study_by_the_title_its_old_page_showed() {
    let s = site(SITE);
    s.build_ok();
    // Renamed to an address nothing like the old one; another new study beside it.
    rename(
        &s,
        "content/case-studies/kk.md",
        "content/case-studies/x-2023.md",
    );
    s.write(
        "content/case-studies/kb.md",
        "---\ntitle: Bus Rapid Transit\ndate: 2021-01-01\ncity: Khon Kaen\ncountry: Thailand\n---\nText.\n",
    );
    let diags = s.build_err();
    let d = find(&diags, "`/case-studies/kk/` was published");
    assert!(
        d.hint
            .as_deref()
            .unwrap_or("")
            .contains("content/case-studies/x-2023.md"),
        "{:?}",
        d.hint
    );
}

#[test]
fn a_build_with_drafts_adds_nothing_and_a_site_without_a_list_gets_none() {
    let s = site(SITE);
    s.build_ok();
    let before = listed(&s);
    s.write(
        "content/case-studies/draft.md",
        "---\ntitle: Work in progress\ndate: 2024-01-01\ncity: Khon Kaen\ncountry: Thailand\ndraft: true\n---\nText.\n",
    );
    let options = casebook::BuildOptions {
        drafts: true,
        ..s.options()
    };
    casebook::build(&options).expect("build with drafts");
    assert!(s.exists("case-studies/draft/index.html"));
    assert_eq!(listed(&s), before);

    let plain = site(&SITE.replace("-- published-urls.txt --\n# the list, empty\n", ""));
    plain.build_ok();
    assert!(!plain.root().join(LIST).exists());
}

#[test]
fn a_line_of_the_list_that_is_no_address_is_an_error_at_it() {
    let s = site(&SITE.replace("# the list, empty\n", "# the list\n/\ncase-studies/kk/\n"));
    let diags = s.build_err();
    let d = find(&diags, "`case-studies/kk/` is no address of the site");
    assert_eq!(d.position.map(|p| p.line), Some(3));
}

#[test]
fn init_starts_the_list_and_the_first_build_fills_it() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path().join("site");
    let written = casebook::scaffold::init(&root, casebook::text::Date::today()).expect("init");
    assert!(written.iter().any(|p| p.to_string_lossy() == LIST));
    casebook::build(&casebook::BuildOptions::new(&root)).expect("build");
    let text = std::fs::read_to_string(root.join(LIST)).expect("list");
    assert!(text.lines().any(|l| l == "/cities/khon-kaen/"), "{text}");
}

#[test]
fn a_retired_address_gets_a_page_saying_why_and_clears_the_error() {
    let s = site(SITE);
    s.build_ok();
    std::fs::remove_file(s.root().join("content/case-studies/pk.md")).expect("delete");
    let diags = s.build_err();
    find(&diags, "`/case-studies/pk/` was published");
    // Phuket's page and feed go with its only study.
    find(&diags, "`/cities/phuket/` was published");
    find(&diags, "`/cities/phuket/atom.xml` was published");
    let config = std::fs::read_to_string(s.root().join("site.yaml")).expect("site.yaml");
    s.write(
        "site.yaml",
        &format!(
            "{config}retired:\n  /case-studies/pk/: Withdrawn at the city's request.\n  /cities/phuket/: No study of Phuket is published now.\n  /cities/phuket/atom.xml: No study of Phuket is published now.\n"
        ),
    );
    s.build_ok();
    let page = s.html("case-studies/pk/index.html");
    assert_eq!(page.text("main h1"), "This page was withdrawn");
    assert_eq!(
        page.text(".withdrawn-reason"),
        "Withdrawn at the city's request."
    );
    assert_eq!(page.attrs("meta[name=robots]", "content"), ["noindex"]);
    assert!(s.exists("cities/phuket/atom.xml"));
    assert!(!s.read("sitemap.xml").contains("/case-studies/pk/"));
    let data: serde_json::Value =
        serde_json::from_str(&s.read("data/redirects.json")).expect("json");
    assert_eq!(data["retired"][0]["address"], "/bp/case-studies/pk/");
    assert_eq!(
        data["retired"][0]["reason"],
        "Withdrawn at the city's request."
    );
    assert!(listed(&s).contains(&"/case-studies/pk/".to_string()));
}

#[test]
fn a_retired_address_must_be_free_and_say_why() {
    let config = "-- site.yaml --\ntitle: City Best Practices\nbase_url: https://example.org/bp/\nretired:\n  /cities/khon-kaen/: Gone.\n  /?p=3: Gone.\n  /old/: ''\n";
    let content = &SITE[SITE.find("-- content/").unwrap_or(0)..];
    let s = site(&format!("{config}{content}"));
    let diags = s.build_err();
    let taken = find(&diags, "the retired address `/cities/khon-kaen/`");
    assert_eq!(taken.code, "address-taken");
    assert_eq!(taken.file.to_string_lossy(), "site.yaml");
    assert_eq!(taken.position.map(|p| p.line), Some(4));
    let query = find(&diags, "the retired address `/?p=3`");
    assert_eq!(query.code, "bad-redirect");
    find(&diags, "the retired address `/old/` says not why");
}

#[test]
fn check_against_an_older_build_or_its_sitemap() {
    let s = site(&SITE.replace("-- published-urls.txt --\n# the list, empty\n", ""));
    s.build_ok();
    let older = tempfile::tempdir().expect("dir");
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        for entry in walkdir::WalkDir::new(from)
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = entry.path().strip_prefix(from).expect("inside");
            let target = to.join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    };
    copy(&s.out(""), older.path());
    rename(
        &s,
        "content/case-studies/kk.md",
        "content/case-studies/khon-kaen-awareness.md",
    );

    let against = |path: std::path::PathBuf| {
        let options = casebook::BuildOptions {
            against: Some(path),
            ..s.options()
        };
        casebook::check(&options)
            .err()
            .expect("url-removed")
            .diagnostics
    };
    let diags = against(older.path().to_path_buf());
    let d = find(&diags, "`/case-studies/kk/` was published");
    assert_eq!(d.code, "url-removed");
    assert!(d
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("khon-kaen-awareness.md"));
    // The later pages of lists are not held to.
    assert!(diags.iter().all(|d| !d.message.contains("/page/")));

    let sitemap = older.path().join("sitemap.xml");
    let diags = against(sitemap.clone());
    let d = find(&diags, "`/case-studies/kk/` was published");
    assert_eq!(d.file, sitemap);
    let line = std::fs::read_to_string(&sitemap)
        .expect("sitemap")
        .lines()
        .position(|l| l.contains("/bp/case-studies/kk/<"))
        .expect("listed")
        + 1;
    assert_eq!(d.position.map(|p| p.line), Some(line));

    // From the command line; and nothing is recorded.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["check", "--root"])
        .arg(s.root())
        .arg("--against")
        .arg(older.path())
        .output()
        .expect("run");
    assert!(!run.status.success());
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        printed.contains("`/case-studies/kk/` was published"),
        "{printed}"
    );
    assert!(!s.root().join(LIST).exists());

    let bad = against(older.path().join("atom.xml"));
    find(&bad, "this is no sitemap");
}
