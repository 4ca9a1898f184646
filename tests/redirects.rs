//! Old addresses (`redirect_from:`): the page left at each, in both link modes and in every
//! language; what leaves them out (sitemap, search, feeds, open data); `data/redirects.json`;
//! every conflict and every form that is no plain path, named at its file and line; and the
//! rules file of each host `site.yaml redirects:` names.

mod common;

use common::{find, site, Site};
use std::path::Path;

const CONFIG: &str = "-- site.yaml --
title: City Best Practices
base_url: https://example.org/bp/
";

const STUDY: &str = "-- content/case-studies/kk.md --
---
title: Citizen Awareness of the Smart City
date: 2023-07-05
city: Khon Kaen
country: Thailand
redirect_from:
  - /portfolio/khon-kaen-citizen-awareness/
  - old-study.html
  - /p/kk
---
Khon Kaen learnt from Phuket.

## Results

The city started in 2016.
-- content/cities/khon-kaen.md --
---
name: Khon Kaen
country: Thailand
redirect_from: [/city/khon-kaen/]
---
A city in the northeast.
-- content/pages/about.md --
---
title: About
redirect_from: [/about-us/]
---
About this site.
";

/// A site in English and Thai.
const BILINGUAL: &str = "-- site.yaml --
title: City Best Practices
base_url: https://example.org/bp/
language: en
languages:
  en: {name: English}
  th: {name: ไทย}
";

/// The Khon Kaen study at `content/case-studies/kk.md`, with `front` (its old addresses) from
/// the front matter's line 6.
fn kk(front: &str) -> String {
    format!(
        "-- content/case-studies/kk.md --\n---\ntitle: Citizen Awareness\ndate: 2023-07-05\ncity: Khon Kaen\ncountry: Thailand\n{front}\n---\nText.\n"
    )
}

/// What the page at an old address says: where its refresh, its link and its canonical lead,
/// and whether it asks not to be indexed and keeps the fragment.
struct Stub {
    refresh: String,
    link: String,
    canonical: String,
    noindex: bool,
    keeps_fragment: bool,
}

fn stub(s: &Site, path: &str) -> Stub {
    let page = s.html(path);
    let refresh = page.attrs("meta[http-equiv=refresh]", "content");
    assert_eq!(refresh.len(), 1, "{path}: one meta refresh");
    let refresh = (refresh[0].strip_prefix("0; url="))
        .unwrap_or_else(|| panic!("{path}: the refresh is not immediate: {}", refresh[0]))
        .to_string();
    let links = page.attrs("main a#moved", "href");
    assert_eq!(links.len(), 1, "{path}: one visible link");
    let script = page.texts("script").join("\n");
    Stub {
        refresh,
        link: links[0].clone(),
        canonical: page.attrs("link[rel=canonical]", "href").join(" "),
        noindex: page.attrs("meta[name=robots]", "content") == ["noindex"],
        keeps_fragment: script.contains("location.hash") && script.contains("moved"),
    }
}

/// The output file a link written on the page at `page` (under public/) leads to, with
/// `base` the site's base path.
fn resolve(page: &str, link: &str, base: &str) -> String {
    let path = match link.strip_prefix(base) {
        Some(rest) => rest.to_string(),
        None => {
            let dir = Path::new(page).parent().unwrap_or(Path::new(""));
            let mut parts: Vec<String> = dir
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            for part in link.split('/') {
                match part {
                    ".." => {
                        parts.pop();
                    }
                    "." => {}
                    p => parts.push(p.to_string()),
                }
            }
            parts.join("/")
        }
    };
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    }
}

#[test]
fn an_old_address_leaves_a_page_that_sends_readers_on() {
    let s = site(&format!("{CONFIG}{STUDY}"));
    s.build_ok();
    let cases = [
        (
            "portfolio/khon-kaen-citizen-awareness/index.html",
            "case-studies/kk/index.html",
        ),
        ("old-study.html", "case-studies/kk/index.html"),
        ("p/kk/index.html", "case-studies/kk/index.html"),
        ("city/khon-kaen/index.html", "cities/khon-kaen/index.html"),
        ("about-us/index.html", "about/index.html"),
    ];
    for (old, new) in cases {
        let page = stub(&s, old);
        assert_eq!(resolve(old, &page.refresh, "/bp/"), new, "{old}: refresh");
        assert_eq!(resolve(old, &page.link, "/bp/"), new, "{old}: link");
        assert!(s.exists(new));
        let folder = new.trim_end_matches("index.html");
        assert_eq!(page.canonical, format!("https://example.org/bp/{folder}"));
        assert!(page.noindex && page.keeps_fragment, "{old}");
    }
    // The study's page itself does not point at its old addresses.
    let study = s.read("case-studies/kk/index.html");
    assert!(!study.contains("portfolio"));
}

#[test]
fn an_old_address_works_with_relative_links() {
    let s = site(&format!("{CONFIG}links: relative\n{STUDY}"));
    s.build_ok();
    for old in [
        "portfolio/khon-kaen-citizen-awareness/index.html",
        "old-study.html",
    ] {
        let page = stub(&s, old);
        assert!(!page.refresh.starts_with('/'), "{old}: {}", page.refresh);
        assert_eq!(page.refresh, page.link);
        assert_eq!(
            resolve(old, &page.refresh, "/bp/"),
            "case-studies/kk/index.html"
        );
    }
    assert_eq!(
        stub(&s, "old-study.html").refresh,
        "case-studies/kk/index.html"
    );
}

#[test]
fn old_addresses_are_listed_in_their_own_file_and_nowhere_else() {
    let s = site(&format!("{CONFIG}{STUDY}"));
    s.build_ok();
    let data: serde_json::Value =
        serde_json::from_str(&s.read("data/redirects.json")).expect("redirects.json");
    let list = data["redirects"].as_array().expect("a list");
    let pairs: Vec<(&str, &str, &str, u64)> = list
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap_or(""),
                r["to"].as_str().unwrap_or(""),
                r["file"].as_str().unwrap_or(""),
                r["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "/bp/portfolio/khon-kaen-citizen-awareness/",
                "/bp/case-studies/kk/",
                "content/case-studies/kk.md",
                7
            ),
            (
                "/bp/old-study.html",
                "/bp/case-studies/kk/",
                "content/case-studies/kk.md",
                8
            ),
            (
                "/bp/p/kk",
                "/bp/case-studies/kk/",
                "content/case-studies/kk.md",
                9
            ),
            (
                "/bp/city/khon-kaen/",
                "/bp/cities/khon-kaen/",
                "content/cities/khon-kaen.md",
                4
            ),
            ("/bp/about-us/", "/bp/about/", "content/pages/about.md", 3),
        ]
    );
    assert_eq!(list[0]["to_url"], "https://example.org/bp/case-studies/kk/");
    assert_eq!(list[0]["language"], "en");

    let sitemap = s.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap");
    let urls: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(urls.contains(&"https://example.org/bp/case-studies/kk/"));
    for needle in ["portfolio", "old-study", "/p/kk", "about-us", "/city/"] {
        assert!(
            !urls.iter().any(|u| u.contains(needle)),
            "sitemap: {needle}"
        );
        for file in [
            "atom.xml",
            "search/catalog.js",
            "data/case-studies.json",
            "data/cities.json",
            "data/graph.json",
            "data/case-studies.csv",
        ] {
            assert!(!s.read(file).contains(needle), "{file} names {needle}");
        }
    }
}

#[test]
fn a_translations_old_address_leads_to_the_translation() {
    let s = site(&format!(
        "{BILINGUAL}{}-- content/case-studies/kk.th.md --
---
title: การรับรู้ของประชาชน
redirect_from: [/th/portfolio/kk/, /เก่า/ขอนแก่น/]
---
ข้อความ
",
        kk("redirect_from: [/portfolio/kk/]")
    ));
    s.build_ok();
    let en = stub(&s, "portfolio/kk/index.html");
    assert_eq!(en.link, "/bp/case-studies/kk/");
    for old in ["th/portfolio/kk/index.html", "เก่า/ขอนแก่น/index.html"] {
        let th = stub(&s, old);
        assert_eq!(th.link, "/bp/th/case-studies/kk/", "{old}");
        assert_eq!(th.canonical, "https://example.org/bp/th/case-studies/kk/");
        let page = s.html(old);
        assert_eq!(page.attrs("html", "lang"), ["th"]);
        assert_eq!(page.text("main a#moved"), "การรับรู้ของประชาชน");
        // A redirect page has no language versions of its own.
        assert_eq!(page.count("link[rel=alternate][hreflang]"), 0);
    }
    let data: serde_json::Value =
        serde_json::from_str(&s.read("data/redirects.json")).expect("redirects.json");
    let languages: Vec<&str> = (data["redirects"].as_array().expect("list").iter())
        .map(|r| r["language"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(languages, ["en", "th", "th"]);
    assert_eq!(
        data["redirects"][2]["from"],
        "/bp/%E0%B9%80%E0%B8%81%E0%B9%88%E0%B8%B2/%E0%B8%82%E0%B8%AD%E0%B8%99%E0%B9%81%E0%B8%81%E0%B9%88%E0%B8%99/"
    );
}

/// `file:line` of a diagnostic.
fn at(d: &casebook::Diagnostic) -> String {
    format!("{}:{}", d.file.display(), d.position.map_or(0, |p| p.line))
}

#[test]
fn an_old_address_that_is_no_plain_path_is_an_error_at_its_line() {
    let s = site(&format!(
        "{CONFIG}{}",
        kk("redirect_from:\n  - /a/../b/\n  - /?p=12\n  - /old/#part\n  - https://old.example.org/portfolio/kk/\n  - ''\n  - /old page/\n  - /\n  - /.well-known/x")
    ));
    let diags = s.build_err();
    let cases = [
        ("`/a/../b/`", 7, "`..`"),
        ("`/?p=12`", 8, "query"),
        ("`/old/#part`", 9, "fragment"),
        ("`https://old.example.org/portfolio/kk/`", 10, "full URL"),
        ("`/old page/`", 12, "character"),
        ("`/`", 13, "home page"),
        ("`/.well-known/x`", 14, "starting with `.`"),
    ];
    for (address, line, what) in cases {
        let d = find(&diags, &format!("the old address {address}"));
        assert_eq!(at(d), format!("content/case-studies/kk.md:{line}"));
        assert!(d.message.contains(what), "{}", d.message);
        assert_eq!(d.code, "bad-redirect");
        assert!(d.hint.as_deref().is_some_and(|h| !h.is_empty()));
    }
    let empty = find(
        &diags,
        "every item of `redirect_from` must be text, but one is empty",
    );
    assert_eq!(at(empty), "content/case-studies/kk.md:11");
    assert!(!s.out("").exists(), "a failed build writes nothing");
}

#[test]
fn an_old_address_that_is_taken_names_both_files() {
    let s = site(&format!(
        "{CONFIG}{}-- content/case-studies/pk.md --
---
title: Phuket Smart Island
date: 2022-03-01
city: Phuket
country: Thailand
redirect_from: [portfolio/shared]
---
Text.
",
        kk("redirect_from:\n  - /cities/khon-kaen/\n  - /style.css\n  - /_redirects\n  - /portfolio/shared/\n  - /data/redirects.json")
    ));
    let diags = s.build_err();
    let taken = find(&diags, "the old address `/cities/khon-kaen/`");
    assert_eq!(at(taken), "content/case-studies/kk.md:7");
    assert!(
        taken.message.contains("the city `Khon Kaen`"),
        "{}",
        taken.message
    );
    assert_eq!(taken.code, "address-taken");
    let css = find(&diags, "the old address `/style.css`");
    assert!(
        css.message.contains("the theme file `style.css`"),
        "{}",
        css.message
    );
    let host = find(&diags, "the old address `/_redirects`");
    assert!(host.message.contains("file hosts read"), "{}", host.message);
    let data = find(&diags, "the old address `/data/redirects.json`");
    assert!(
        data.message.contains("casebook builds itself"),
        "{}",
        data.message
    );
    // `portfolio/shared` is the folder `portfolio/shared/`: the two entries meet.
    let twice = find(
        &diags,
        "the old address `/portfolio/shared` of the case study `Phuket",
    );
    assert_eq!(at(twice), "content/case-studies/pk.md:6");
    assert!(
        twice.message.contains("content/case-studies/kk.md:10"),
        "{}",
        twice.message
    );
}

#[test]
fn an_old_address_of_one_language_may_not_take_another_languages_page() {
    let s = site(&format!(
        "{BILINGUAL}{}-- content/case-studies/kk.th.md --
---
title: การรับรู้ของประชาชน
redirect_from: [/case-studies/kk/, /old/kk/]
---
ข้อความ
-- content/pages/about.md --
---
title: About
redirect_from: [/old/kk/]
---
About.
",
        kk("redirect_from: [/th/cities/]")
    ));
    let diags = s.build_err();
    let en = find(&diags, "the old address `/th/cities/`");
    assert_eq!(at(en), "content/case-studies/kk.md:6");
    let th = find(&diags, "the old address `/case-studies/kk/`");
    assert_eq!(at(th), "content/case-studies/kk.th.md:3");
    assert!(
        th.message.contains("content/case-studies/kk.md:"),
        "{}",
        th.message
    );
    let both = find(&diags, "the old address `/old/kk/`");
    assert!(both.message.contains("is also"), "{}", both.message);
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.message.contains("`/old/kk/`"))
            .count(),
        1,
        "one error for one pair"
    );
}

/// A site whose one study has two old addresses, published on `host`.
fn hosted(host: &str) -> Site {
    let s = site(&format!(
        "{CONFIG}redirects: {host}
{}",
        kk("redirect_from: [/portfolio/khon-kaen/, /old.php]")
    ));
    s.build_ok();
    s
}

#[test]
fn each_host_gets_its_file_of_301_rules() {
    let lines = |s: &Site, file: &str| -> Vec<String> {
        (s.read(file).lines())
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let netlify = hosted("netlify");
    assert_eq!(
        lines(&netlify, "_redirects"),
        [
            "/bp/portfolio/khon-kaen/ /bp/case-studies/kk/ 301!",
            "/bp/old.php /bp/case-studies/kk/ 301!"
        ]
    );
    assert!(
        netlify.exists("portfolio/khon-kaen/index.html"),
        "netlify keeps the pages"
    );

    let cloudflare = hosted("cloudflare");
    assert_eq!(
        lines(&cloudflare, "_redirects")[0],
        "/bp/portfolio/khon-kaen/ /bp/case-studies/kk/ 301"
    );
    assert!(cloudflare.exists("old.php"));

    let gitlab = hosted("gitlab");
    assert_eq!(lines(&gitlab, "_redirects").len(), 2);
    // GitLab serves a file before a rule: the pages would hide the 301s.
    assert!(!gitlab.exists("portfolio/khon-kaen/index.html"));
    assert!(!gitlab.exists("old.php"));
    assert!(gitlab.exists("data/redirects.json"));

    let apache = hosted("apache");
    assert_eq!(
        lines(&apache, ".htaccess"),
        [
            r#"RedirectMatch 301 "^/bp/portfolio/khon-kaen(/|/index\.html)?$" "/bp/case-studies/kk/""#,
            r#"RedirectMatch 301 "^/bp/old\.php$" "/bp/case-studies/kk/""#,
        ]
    );

    let nginx = hosted("nginx");
    let conf = lines(&nginx, "nginx-redirects.conf");
    assert_eq!(
        conf.first().map(String::as_str),
        Some("map $uri $casebook_redirect {")
    );
    assert_eq!(conf.last().map(String::as_str), Some("}"));
    for from in [
        "/bp/portfolio/khon-kaen/",
        "/bp/portfolio/khon-kaen",
        "/bp/portfolio/khon-kaen/index.html",
        "/bp/old.php",
    ] {
        let rule = format!("    \"{from}\" \"/bp/case-studies/kk/\";");
        assert!(conf.contains(&rule), "{rule} in {conf:?}");
    }

    let vercel = hosted("vercel");
    let file: serde_json::Value =
        serde_json::from_str(&vercel.read("vercel.json")).expect("vercel.json");
    assert_eq!(
        file["redirects"][0],
        serde_json::json!({"source": "/bp/portfolio/khon-kaen/", "destination": "/bp/case-studies/kk/", "statusCode": 301})
    );

    let plain = hosted("static");
    for file in [
        "_redirects",
        ".htaccess",
        "nginx-redirects.conf",
        "vercel.json",
    ] {
        assert!(!plain.exists(file), "static writes no {file}");
    }
}

#[test]
fn a_host_the_site_names_is_one_casebook_knows() {
    let s = site(&format!("{CONFIG}redirects: netlfy\n"));
    let diags = s.build_err();
    let d = find(&diags, "`redirects` names no host");
    assert_eq!(at(d), "site.yaml:3");
    assert!(d.hint.as_deref().unwrap_or("").contains("`netlify`"));
}

#[test]
fn an_old_address_that_is_no_page_warns_on_a_static_host() {
    let s = site(&format!(
        "{CONFIG}{}",
        kk("redirect_from: [/old.php, /old.html]")
    ));
    let report = s.build_ok();
    let warned: Vec<&str> = (report.diagnostics.iter())
        .filter(|d| d.code == "bad-redirect")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].contains("`/old.php`"));
    let netlify = hosted("netlify").build_ok();
    assert!(netlify.diagnostics.iter().all(|d| d.code != "bad-redirect"));
}

#[test]
fn a_host_near_its_rule_limit_is_warned_of() {
    let addresses: Vec<String> = (0..950).map(|i| format!("  - /p/{i}/")).collect();
    let s = site(&format!(
        "{CONFIG}redirects: gitlab
{}",
        kk(&format!("redirect_from:\n{}", addresses.join("\n")))
    ));
    let report = s.build_ok();
    let d = find(
        &report.diagnostics,
        "950 old addresses are close to the 1000",
    );
    assert_eq!(d.code, "bad-redirect");
    assert_eq!(s.read("_redirects").lines().count(), 951);
    // Under the limit's nine tenths, nothing is said.
    let fewer = hosted("gitlab").build_ok();
    assert!(fewer.diagnostics.iter().all(|d| d.code != "bad-redirect"));
}
