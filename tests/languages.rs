//! A site in several languages: translations next to their sources (`x.th.md`), each language
//! under its own folder, `lang` and hreflang on every page, the sitemap's alternates, the
//! language switcher, untranslated studies listed with a badge and never copied, facts written
//! once, localised dates and numbers, per-language feeds, city names found in unspaced Thai.

mod common;

use common::{find, site, Site};
use std::collections::BTreeSet;

const CONFIG: &str = "-- site.yaml --
title: City Best Practices
base_url: https://example.org/bp/
language: en
languages:
  en: {name: English}
  th: {name: ไทย, title: แนวปฏิบัติที่ดีของเมือง}
  id: {name: Bahasa Indonesia}
";

const SOURCE: &str = "-- content/case-studies/kk.md --
---
title: Citizen Awareness of the Smart City
date: 2023-07-05
city: Khon Kaen
country: Thailand
fast_facts:
  mayor: Thirasak Thikhayuphan
  population: 147579
  area_km2: 1569.3
---
Khon Kaen learnt from Phuket.

## Background

The city started in 2016.
";

const THAI: &str = "-- content/case-studies/kk.th.md --
---
title: การรับรู้ของประชาชนต่อเมืองอัจฉริยะ
fast_facts:
  mayor: ธีระศักดิ์ ฑีฆายุพันธุ์
  population: 147579
---
ขอนแก่นเรียนรู้จากภูเก็ตเป็นอย่างมาก

## ความเป็นมา

เมืองเริ่มต้นในปี 2016
";

const REST: &str = "-- content/case-studies/phuket.md --
---
title: Phuket Smart Island
date: 2022-03-01
city: Phuket
country: Thailand
---
An island study.
-- content/case-studies/banjir.id.md --
---
title: Peta Banjir
date: 2021-02-01
city: Phuket
country: Thailand
---
Sebuah studi dalam bahasa Indonesia.
-- content/cities/khon-kaen.md --
---
name: Khon Kaen
country: Thailand
names: {th: ขอนแก่น}
---
A city in the northeast.
-- content/cities/phuket.md --
---
name: Phuket
country: Thailand
names: {th: ภูเก็ต}
---
An island.
-- content/pages/about.md --
---
title: About
---
About this site.
-- content/pages/about.id.md --
---
title: Tentang
---
Tentang situs ini.
";

fn bilingual() -> Site {
    let s = site(&format!("{CONFIG}{SOURCE}{THAI}{REST}"));
    s.build_ok();
    s
}

/// The `<link rel="alternate" hreflang>` set of a page: (hreflang, href).
fn head_set(s: &Site, path: &str) -> BTreeSet<(String, String)> {
    let page = s.html(path);
    let langs = page.attrs("head link[rel=alternate][hreflang]", "hreflang");
    let hrefs = page.attrs("head link[rel=alternate][hreflang]", "href");
    langs.into_iter().zip(hrefs).collect()
}

fn set(pairs: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn each_language_has_its_folder_and_no_fallback_copies() {
    let s = bilingual();
    for path in [
        "index.html",
        "th/index.html",
        "id/index.html",
        "case-studies/kk/index.html",
        "th/case-studies/kk/index.html",
        "id/case-studies/banjir/index.html",
        "th/cities/khon-kaen/index.html",
        "id/cities/phuket/index.html",
        "th/countries/thailand/index.html",
        "th/search/index.html",
        "th/search/catalog.js",
        "th/atom.xml",
        "id/atom.xml",
        "about/index.html",
        "id/about/index.html",
    ] {
        assert!(s.exists(path), "public/{path} is missing");
    }
    // A study or a page exists only in the languages it is written in.
    for path in [
        "th/case-studies/phuket/index.html",
        "id/case-studies/kk/index.html",
        "case-studies/banjir/index.html",
        "th/about/index.html",
        // Shared files are written once, at the root.
        "th/style.css",
        "th/sitemap.xml",
        "th/data/cities.json",
    ] {
        assert!(!s.exists(path), "public/{path} should not exist");
    }
}

#[test]
fn pages_say_their_language_and_list_the_same_alternates_both_ways() {
    let s = bilingual();
    assert_eq!(
        s.html("th/case-studies/kk/index.html")
            .attrs("html", "lang"),
        ["th"]
    );
    assert_eq!(
        s.html("case-studies/kk/index.html").attrs("html", "lang"),
        ["en"]
    );
    let expected = set(&[
        ("en", "https://example.org/bp/case-studies/kk/"),
        ("th", "https://example.org/bp/th/case-studies/kk/"),
        ("x-default", "https://example.org/bp/case-studies/kk/"),
    ]);
    assert_eq!(head_set(&s, "th/case-studies/kk/index.html"), expected);
    assert_eq!(head_set(&s, "case-studies/kk/index.html"), expected);
    // A page in one language only lists itself, and is its own x-default.
    assert_eq!(
        head_set(&s, "id/case-studies/banjir/index.html"),
        set(&[
            ("id", "https://example.org/bp/id/case-studies/banjir/"),
            (
                "x-default",
                "https://example.org/bp/id/case-studies/banjir/"
            ),
        ])
    );
    // Pages every language has list all three.
    let home = head_set(&s, "th/index.html");
    assert_eq!(home.len(), 4, "{home:?}");
    assert_eq!(
        home.iter().filter(|(l, _)| l == "x-default").count(),
        1,
        "one x-default"
    );
    assert!(home.iter().all(|(_, u)| u.starts_with("https://")));
    // The canonical URL is the page itself.
    assert_eq!(
        s.html("th/case-studies/kk/index.html")
            .attrs("link[rel=canonical]", "href"),
        ["https://example.org/bp/th/case-studies/kk/"]
    );
}

#[test]
fn the_sitemap_lists_every_page_with_the_alternates_of_its_head() {
    let s = bilingual();
    let xml = s.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap parses");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    let mut checked = 0;
    for url in doc.descendants().filter(|n| n.has_tag_name((ns, "url"))) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name((ns, "loc")))
            .and_then(|n| n.text())
            .expect("loc");
        let listed: BTreeSet<(String, String)> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml, "link")))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap_or("").to_string(),
                    n.attribute("href").unwrap_or("").to_string(),
                )
            })
            .collect();
        let path = loc
            .strip_prefix("https://example.org/bp/")
            .expect("under the base URL");
        let file = format!("{path}index.html");
        assert_eq!(listed, head_set(&s, &file), "{loc}");
        checked += 1;
    }
    // The Thai study page is listed, the untranslated Thai copy of the Phuket study is not.
    assert!(xml.contains("https://example.org/bp/th/case-studies/kk/"));
    assert!(!xml.contains("https://example.org/bp/th/case-studies/phuket/"));
    assert!(checked > 20, "{checked}");
}

#[test]
fn the_switcher_links_only_pages_that_were_built() {
    let s = bilingual();
    let page = s.html("th/case-studies/kk/index.html");
    let links = page.links(".language-switcher a");
    assert_eq!(
        links,
        [("English".to_string(), "/bp/case-studies/kk/".to_string())]
    );
    assert_eq!(
        page.attrs(".language-switcher [aria-current]", "lang"),
        ["th"]
    );
    // Indonesian has no page of this study: named, not linked.
    assert_eq!(page.count(".language-switcher .unavailable[lang=id]"), 1);
    for path in [
        "index.html",
        "th/cities/phuket/index.html",
        "id/about/index.html",
    ] {
        for (_, href) in s.html(path).links(".language-switcher a") {
            let file = format!("{}index.html", href.trim_start_matches("/bp/"));
            assert!(s.exists(&file), "{path} links {href}, which was not built");
        }
    }
}

#[test]
fn untranslated_studies_are_listed_in_their_own_language_with_a_badge() {
    let s = bilingual();
    let list = s.html("th/case-studies/index.html");
    let titles = list.links(".study-card-title a");
    assert!(titles.contains(&(
        "การรับรู้ของประชาชนต่อเมืองอัจฉริยะ".to_string(),
        "/bp/th/case-studies/kk/".to_string()
    )));
    assert!(titles.contains(&(
        "Phuket Smart Island".to_string(),
        "/bp/case-studies/phuket/".to_string()
    )));
    assert_eq!(
        list.attrs(
            ".study-card-title a[href='/bp/case-studies/phuket/']",
            "lang"
        ),
        ["en"]
    );
    assert_eq!(
        list.attrs(
            ".study-card-title a[href='/bp/case-studies/phuket/']",
            "hreflang"
        ),
        ["en"]
    );
    assert_eq!(
        list.count(".language-badge"),
        2,
        "Phuket (en) and Banjir (id)"
    );
    // On the English list, the Indonesian study carries its badge.
    let en = s.html("case-studies/index.html");
    assert!(en
        .texts(".language-badge")
        .contains(&"in Bahasa Indonesia".to_string()));
}

#[test]
fn facts_are_written_once_and_dates_and_numbers_follow_the_language() {
    let s = bilingual();
    let th = s.html("th/case-studies/kk/index.html");
    let facts = th.texts(".fast-facts dd").join(" | ");
    assert!(facts.contains("ธีระศักดิ์ ฑีฆายุพันธุ์"), "{facts}");
    assert!(facts.contains("147,579"), "{facts}");
    assert!(
        facts.contains("1,569.3"),
        "the area is the source's: {facts}"
    );
    assert_eq!(th.texts("time[datetime='2023-07-05']")[0], "5 กรกฎาคม 2566");
    let en = s.html("case-studies/kk/index.html");
    assert_eq!(en.texts("time[datetime='2023-07-05']")[0], "July 5, 2023");
    // Indonesian pages write numbers and dates their way.
    let id = s.html("id/cities/khon-kaen/index.html");
    let facts = id.texts(".fast-facts dd").join(" | ");
    assert!(facts.contains("147.579"), "{facts}");
    assert!(facts.contains("1.569,3"), "{facts}");
    assert!(s
        .html("id/case-studies/banjir/index.html")
        .texts("time")
        .contains(&"1 Februari 2021".to_string()));
}

#[test]
fn a_gregorian_thai_site_writes_the_common_era() {
    let config = CONFIG.replace("th: {name: ไทย,", "th: {name: ไทย, calendar: gregorian,");
    let s = site(&format!("{config}{SOURCE}{THAI}{REST}"));
    s.build_ok();
    let th = s.html("th/case-studies/kk/index.html");
    let date = &th.texts("time[datetime='2023-07-05']")[0];
    assert!(
        date.starts_with("5 กรกฎาคม") && date.ends_with("2023"),
        "{date}"
    );
}

#[test]
fn each_language_has_its_feed_of_what_exists_in_it() {
    let s = bilingual();
    let entries = |path: &str| {
        let xml = s.read(path);
        let doc = roxmltree::Document::parse(&xml).expect("feed parses");
        let root = doc.root_element();
        let lang = root
            .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
            .unwrap_or("")
            .to_string();
        let titles: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .filter_map(|e| e.children().find(|c| c.has_tag_name("title")))
            .filter_map(|t| t.text().map(str::to_string))
            .collect();
        (lang, titles)
    };
    // Entry titles are "city, country | title".
    let (lang, th) = entries("th/atom.xml");
    assert_eq!(lang, "th");
    assert_eq!(th.len(), 1, "{th:?}");
    assert!(th[0].ends_with("| การรับรู้ของประชาชนต่อเมืองอัจฉริยะ"), "{th:?}");
    let (lang, id) = entries("id/atom.xml");
    assert_eq!(lang, "id");
    assert_eq!(id.len(), 1, "{id:?}");
    assert!(id[0].ends_with("| Peta Banjir"), "{id:?}");
    let (lang, en) = entries("atom.xml");
    assert_eq!(lang, "en");
    assert_eq!(en.len(), 2, "{en:?}");
}

#[test]
fn thai_city_names_are_linked_inside_unspaced_text() {
    let s = bilingual();
    let th = s.html("th/case-studies/kk/index.html");
    let links = th.links("main .study-body a, main article a");
    assert!(
        links.contains(&("ภูเก็ต".to_string(), "/bp/th/cities/phuket/".to_string())),
        "{links:?}"
    );
}

#[test]
fn a_translation_that_changes_a_number_or_a_source_field_is_refused_at_its_line() {
    let thai = THAI
        .replace("population: 147579", "population: 147580")
        .replace("title: การ", "city: Phuket\ntitle: การ");
    let s = site(&format!("{CONFIG}{SOURCE}{thai}{REST}"));
    let errors = s.build_err();
    let number = find(
        &errors,
        "`population` is 147,580 here but 147,579 in the source",
    );
    assert_eq!(number.code, "translation");
    assert_eq!(
        number.file,
        std::path::Path::new("content/case-studies/kk.th.md")
    );
    assert_eq!(number.position.map(|p| p.line), Some(6));
    let city = find(&errors, "`city` belongs to the source");
    assert_eq!(city.position.map(|p| p.line), Some(2));
}

#[test]
fn bad_language_files_and_settings_are_reported() {
    let s = site(&format!(
        "{CONFIG}{SOURCE}{THAI}
-- content/case-studies/kk.ht.md --
---
title: x
---
-- content/case-studies/kk.en.md --
---
title: x
---
-- content/pages/about.md --
---
title: About
---
-- content/pages/about.th.md --
---
title: เกี่ยวกับ
---
-- content/case-studies/kk/index.th.md --
---
title: สอง
---
-- content/case-studies/gone.th.md --
---
title: หายไป
translated_from: {{title: 0123456789ab}}
---
"
    ));
    let errors = s.build_err();
    let unknown = find(&errors, "`ht` is not a language of this site");
    assert_eq!(unknown.code, "unknown-language");
    assert!(
        unknown
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `.th.md`"),
        "{unknown}"
    );
    let default = find(&errors, "is the site's default language");
    assert_eq!(
        default.file,
        std::path::Path::new("content/case-studies/kk.en.md")
    );
    let twice = find(&errors, "a second file for the same translation");
    assert_eq!(twice.code, "translation");
    let gone = find(&errors, "this translation's source is gone");
    assert_eq!(gone.position.map(|p| p.line), Some(3));

    let bad_code = site("-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nlanguage: en\nlanguages:\n  en: {name: English}\n  Th: {name: x}\n");
    let errors = bad_code.build_err();
    let d = find(&errors, "the language `Th` must be written in lowercase");
    assert_eq!(d.position.map(|p| p.line), Some(6));
    let missing_default = site("-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nlanguage: en\nlanguages:\n  th: {name: ไทย}\n");
    find(&missing_default.build_err(), "is not among `languages`");
}

#[test]
fn a_site_without_languages_reads_dotted_names_as_before() {
    let s = site(&format!(
        "{SOURCE}-- content/case-studies/report.th.md --\n---\ntitle: Dotted\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand\n---\nText.\n"
    ));
    s.build_ok();
    assert!(s.exists("case-studies/report-th/index.html"));
    assert!(!s.exists("th/index.html"));
    assert_eq!(s.html("index.html").count("link[hreflang]"), 0);
    assert_eq!(s.html("index.html").count(".language-switcher"), 0);
}

/// The Thai search page's catalog knows a city by its Thai name and by its default one.
#[test]
fn a_city_is_found_by_its_default_name_in_another_language() {
    let s = bilingual();
    let catalog = s.script_call("th/search/catalog.js", "catalog")[0].clone();
    let text = catalog["cities"].to_string();
    assert!(
        text.contains("ขอนแก่น") && text.contains("Khon Kaen"),
        "{text}"
    );
}

#[test]
fn structured_and_open_data_link_the_translations() {
    let s = bilingual();
    let json_ld = |path: &str| -> serde_json::Value {
        let page = s.html(path);
        let script = page.texts("script[type='application/ld+json']");
        serde_json::from_str(&script[0]).expect("JSON-LD")
    };
    let th = json_ld("th/case-studies/kk/index.html");
    let article = &th[0];
    assert_eq!(article["inLanguage"], "th");
    assert_eq!(
        article["translationOfWork"]["@id"],
        "https://example.org/bp/case-studies/kk/#article"
    );
    let en = json_ld("case-studies/kk/index.html");
    assert_eq!(
        en[0]["workTranslation"][0]["@id"],
        "https://example.org/bp/th/case-studies/kk/#article"
    );
    let data: serde_json::Value =
        serde_json::from_str(&s.read("data/case-studies.json")).expect("open data");
    let kk = data["studies"]
        .as_array()
        .expect("studies")
        .iter()
        .find(|st| st["slug"] == "kk")
        .expect("kk")
        .clone();
    assert_eq!(kk["language"], "en");
    assert_eq!(kk["translations"][0]["language"], "th");
    assert_eq!(
        kk["translations"][0]["url"],
        "https://example.org/bp/th/case-studies/kk/"
    );
    assert_eq!(kk["translations"][0]["status"], "unstamped");
    // Facts once: the translation's numbers are not repeated there.
    assert_eq!(kk["fast_facts"]["population"], 147579);
}

fn casebook(root: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("casebook runs")
}

/// A new translation is stamped current; editing a section of its source makes it outdated
/// (named, warned by check, noticed on its page); `--stamp` makes it current again.
#[test]
fn stamps_tell_current_from_outdated_translations() {
    let s = site(&format!("{CONFIG}{SOURCE}{REST}"));
    let made = casebook(
        s.root(),
        &[
            "new",
            "translation",
            "content/case-studies/kk.md",
            "--language",
            "th",
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let file = s.root().join("content/case-studies/kk.th.md");
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(
        text.contains("translated_from:") && text.contains("## Background"),
        "{text}"
    );
    // Never overwritten.
    let again = casebook(
        s.root(),
        &[
            "new",
            "translation",
            "content/case-studies/kk.md",
            "--language",
            "th",
        ],
    );
    assert_eq!(again.status.code(), Some(2));

    let status = |s: &Site| -> Vec<serde_json::Value> {
        let out = casebook(s.root(), &["translations", "--format", "json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        v["translations"]
            .as_array()
            .expect("list")
            .iter()
            .filter(|e| e["source"] == "content/case-studies/kk.md")
            .cloned()
            .collect()
    };
    let th = |list: &[serde_json::Value]| {
        list.iter()
            .find(|e| e["language"] == "th")
            .expect("th")
            .clone()
    };
    assert_eq!(th(&status(&s))["status"], "current");
    assert_eq!(
        status(&s)
            .iter()
            .find(|e| e["language"] == "id")
            .expect("id")["status"],
        "missing"
    );

    // The source's Background changes: the translation is outdated, naming the section.
    let source = s.root().join("content/case-studies/kk.md");
    let edited = std::fs::read_to_string(&source).expect("source").replace(
        "The city started in 2016.",
        "The city started in 2016, with a plan.",
    );
    std::fs::write(&source, edited).expect("edit");
    let entry = th(&status(&s));
    assert_eq!(entry["status"], "outdated");
    assert_eq!(entry["changed"], serde_json::json!(["background"]));
    let warned = s.advice("translation-outdated");
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].starts_with("content/case-studies/kk.th.md:"),
        "{warned:?}"
    );
    s.build_ok();
    let page = s.html("th/case-studies/kk/index.html");
    assert_eq!(
        page.attrs(".translation-outdated a", "href"),
        ["/bp/case-studies/kk/"]
    );

    let stamped = casebook(
        s.root(),
        &["translations", "--stamp", "content/case-studies/kk.th.md"],
    );
    assert!(
        stamped.status.success(),
        "{}",
        String::from_utf8_lossy(&stamped.stderr)
    );
    assert_eq!(th(&status(&s))["status"], "current");
    s.build_ok();
    assert_eq!(
        s.html("th/case-studies/kk/index.html")
            .count(".translation-outdated"),
        0
    );
}

/// Counts are written as numbers are (grouped) and take the plural form of the language.
#[test]
fn counts_are_numbers_with_plural_forms() {
    let one = site(&common::study(
        "a.md",
        "title: A\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand",
        "Text.",
    ));
    one.build_ok();
    let city = one.html("cities/phuket/index.html");
    assert_eq!(
        city.attrs("meta[name=description]", "content"),
        ["1 case study about Phuket, Thailand"]
    );
    assert_eq!(
        one.html("case-studies/index.html").text("main p.lead"),
        "1 case study."
    );

    let mut spec = String::new();
    for i in 0..1002 {
        spec.push_str(&common::study(
            &format!("s{i:04}.md"),
            &format!("title: S{i}\ndate: 2023-01-01\ncity: Phuket\ncountry: Thailand"),
            "Text.",
        ));
    }
    let many = site(&spec);
    many.build_ok();
    let list = many.html("case-studies/index.html");
    assert_eq!(
        list.text("main p.lead"),
        "1,002 case studies, newest first."
    );
    assert_eq!(
        list.attrs("meta[name=description]", "content"),
        ["All 1,002 case studies, newest first"]
    );
}

/// The coverage report counts each language's translations, as text, JSON and its page.
#[test]
fn the_report_counts_translations_per_language() {
    let s = site(&format!("{}report: true\n{SOURCE}{THAI}{REST}", CONFIG));
    s.build_ok();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["report", "--format", "json", "--root"])
        .arg(s.root())
        .output()
        .expect("casebook runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let th = report["translations"]
        .as_array()
        .expect("translations")
        .iter()
        .find(|l| l["language"] == "th")
        .expect("th")
        .clone();
    // Studies kk (translated, unstamped) and phuket; cities Khon Kaen and Phuket; the about
    // page: one unstamped, four missing. (The Indonesian-only study counts under en and th.)
    assert_eq!(th["unstamped"], 1);
    assert_eq!(th["current"], 0);
    assert_eq!(th["missing"], 5);
    let page = s.html("report/index.html");
    let rows = page.texts(
        "#translations ~ .table-wrap tbody tr, section[aria-labelledby=translations] tbody tr",
    );
    assert!(rows.iter().any(|r| r.starts_with("ไทย")), "{rows:?}");
    // The chart stacks each language's parts in the table's order (current, out of date, not
    // stamped, not translated), each as long as its count, with the legend naming them.
    let chart = "section[aria-labelledby=translations] figure.chart svg";
    let labels = page.texts(&format!("{chart} text.chart-label"));
    let thai = labels.iter().position(|l| l == "ไทย").expect("a Thai row");
    // The bars of the Thai row, by their height: one not stamped, five not translated.
    let tops = page.attrs(&format!("{chart} rect"), "y");
    let mut rows: Vec<&String> = tops.iter().collect();
    rows.dedup();
    let series = page.attrs(&format!("{chart} rect"), "class");
    let widths = page.attrs(&format!("{chart} rect"), "width");
    let thai_bars: Vec<(&str, f64)> = (0..tops.len())
        .filter(|&i| &tops[i] == rows[thai])
        .map(|i| (series[i].as_str(), widths[i].parse().expect("a width")))
        .collect();
    assert_eq!(thai_bars.len(), 2, "{thai_bars:?}");
    assert_eq!(
        (thai_bars[0].0, thai_bars[1].0),
        ("chart-series-2", "chart-series-3")
    );
    assert!(
        (thai_bars[1].1 / thai_bars[0].1 - 5.0).abs() < 0.01,
        "{thai_bars:?}"
    );
    assert_eq!(
        page.texts("section[aria-labelledby=translations] .chart-legend li"),
        ["Current", "Out of date", "Not stamped", "Not translated"]
    );
}

/// A bundle's files sit beside each page of its study, in every language it is written in, so
/// that the relative links of a translation (and of a study only in another language) hold.
#[test]
fn a_translated_bundle_shares_its_images_in_every_language() {
    let s = site(&format!(
        "{CONFIG}-- content/case-studies/tram/index.md --
---
title: Light Rail
date: 2023-01-01
city: Khon Kaen
country: Thailand
---
![A tram](tram.svg)
-- content/case-studies/tram/index.th.md --
---
title: รถไฟฟ้ารางเบา
---
![รถราง](tram.svg)
-- content/case-studies/tram/tram.svg --
<svg xmlns=\"http://www.w3.org/2000/svg\"/>
-- content/case-studies/banjir/index.id.md --
---
title: Peta Banjir
date: 2024-02-02
city: Phuket
country: Thailand
---
![Peta](peta.svg)
-- content/case-studies/banjir/peta.svg --
<svg xmlns=\"http://www.w3.org/2000/svg\"/>
"
    ));
    // (`build_ok` also checks that every link and image of the output leads to a file.)
    s.build_ok();
    for (page, folder) in [
        ("case-studies/tram/index.html", "case-studies/tram/"),
        ("th/case-studies/tram/index.html", "th/case-studies/tram/"),
        (
            "id/case-studies/banjir/index.html",
            "id/case-studies/banjir/",
        ),
    ] {
        let srcs = s.html(page).attrs("main img", "src");
        assert_eq!(srcs.len(), 1, "{page}");
        assert!(
            s.exists(&format!("{folder}{}", srcs[0])),
            "{page} shows {} from {folder}",
            srcs[0]
        );
    }
    assert!(!s.exists("case-studies/banjir/peta.svg"));
    assert!(!s.exists("id/case-studies/tram/tram.svg"));
}

/// Every (term, study title, score) of one index of a search page's catalog (`terms`, or the
/// default language's `shared.terms`), read from the parts its URLs name.
fn postings(
    s: &Site,
    catalog: &serde_json::Value,
    parts: &serde_json::Value,
) -> Vec<(String, String, u64)> {
    let key = parts["key"].as_str().expect("the parts' key");
    let mut found = Vec::new();
    for (n, url) in parts["urls"].as_array().expect("parts").iter().enumerate() {
        let path = (url.as_str())
            .and_then(|u| u.strip_prefix("/bp/"))
            .expect("a URL of the site");
        let call = s.script_call(path, "terms");
        assert_eq!(
            (call[0].as_str(), call[1].as_u64()),
            (Some(key), Some(n as u64)),
            "{path}"
        );
        for pair in call[2].as_array().expect("terms").chunks(2) {
            let term = pair[0].as_str().expect("a term");
            let flat = pair[1].as_array().expect("postings");
            let mut study = 0;
            for posting in flat.chunks(2) {
                study += posting[0].as_u64().expect("a number") as usize;
                let title = catalog["studies"][study][0].as_str().expect("title");
                let score = posting[1].as_u64().expect("a score");
                found.push((term.to_string(), title.to_string(), score));
            }
        }
    }
    found
}

/// The (term, study title) pairs search finds on the search page of `folder` (`th/`), as
/// search.js reads them: the language's own terms, and the default language's for the studies
/// not written in the language (`texts.own` lists those that are).
fn search_terms(s: &Site, folder: &str) -> BTreeSet<(String, String)> {
    let catalog = s.script_call(&format!("{folder}search/catalog.js"), "catalog")[0].clone();
    let mut found: BTreeSet<(String, String)> = postings(s, &catalog, &catalog["terms"])
        .into_iter()
        .map(|(term, title, _)| (term, title))
        .collect();
    let shared = &catalog["shared"]["terms"];
    if !shared.is_null() {
        let own: BTreeSet<&str> = (catalog["texts"]["own"].as_array().expect("own").iter())
            .filter_map(|id| catalog["studies"][id.as_u64()? as usize][0].as_str())
            .collect();
        for (term, title, _) in postings(s, &catalog, shared) {
            if !own.contains(title.as_str()) {
                found.insert((term, title));
            }
        }
    }
    found
}

/// The titles of the studies search can find on the search page of `folder` (`th/`).
fn searchable(s: &Site, folder: &str) -> BTreeSet<String> {
    search_terms(s, folder)
        .into_iter()
        .map(|(_, title)| title)
        .collect()
}

/// The titles search finds for the whole word `term` on the search page of `folder`.
fn found(s: &Site, folder: &str, term: &str) -> BTreeSet<String> {
    (search_terms(s, folder).into_iter())
        .filter(|(t, _)| t == term)
        .map(|(_, title)| title)
        .collect()
}

/// A language's search index holds the terms of the studies written in it, and of the others
/// only their cities' names in that language; for the rest of their words the search page
/// reads the default language's terms, whose text of them is the same. A study written in the
/// language is found by its own words only, never by its source's.
#[test]
fn a_languages_search_reads_the_default_languages_terms_for_the_studies_not_in_it() {
    let s = bilingual();
    let catalog = s.script_call("th/search/catalog.js", "catalog")[0].clone();
    assert_eq!(catalog["terms"]["key"], "th");
    assert_eq!(catalog["shared"]["terms"]["key"], "en");
    let thai_title = "การรับรู้ของประชาชนต่อเมืองอัจฉริยะ";
    // The Thai index: the Thai study's words; of the other two, their cities' names only (a
    // city's score: field 5, so 20 to 23).
    let own = postings(&s, &catalog, &catalog["terms"]);
    assert!(own.iter().any(|(_, title, _)| title == thai_title));
    for (term, title, score) in &own {
        if title != thai_title {
            assert!((20..24).contains(score), "{term} of {title} scores {score}");
        }
    }
    let untranslated: BTreeSet<&str> = (own.iter())
        .filter(|(_, title, _)| title != thai_title)
        .map(|(_, title, _)| title.as_str())
        .collect();
    assert_eq!(
        untranslated,
        BTreeSet::from(["Phuket Smart Island", "Peta Banjir"])
    );
    // Words of the untranslated studies' text are found through the default language's terms.
    assert_eq!(
        found(&s, "th/", "island"),
        BTreeSet::from(["Phuket Smart Island".into()])
    );
    assert_eq!(
        found(&s, "th/", "sebuah"),
        BTreeSet::from(["Peta Banjir".into()])
    );
    // The English text of the translated study is not what the Thai page shows: not found.
    assert!(found(&s, "th/", "learnt").is_empty());
    assert_eq!(
        found(&s, "", "learnt"),
        BTreeSet::from(["Citizen Awareness of the Smart City".into()])
    );
    // Its city's default name stays one it is found by.
    assert_eq!(
        found(&s, "th/", "khon"),
        BTreeSet::from([thai_title.to_string()])
    );
    // The default language reads no other language's terms.
    let en = s.script_call("search/catalog.js", "catalog")[0].clone();
    assert!(en["shared"].is_null());
    assert_eq!(en["terms"]["key"], "en");
}

/// `untranslated: hide` leaves the studies not written in a language out of its lists, city
/// pages, feeds, navigation and search; the default language still lists every study.
#[test]
fn untranslated_hide_leaves_other_languages_out_of_a_languages_lists() {
    let config = CONFIG.replace("language: en\n", "language: en\nuntranslated: hide\n");
    let s = site(&format!("{config}{SOURCE}{THAI}{REST}"));
    s.build_ok();
    let thai_title = "การรับรู้ของประชาชนต่อเมืองอัจฉริยะ";
    for page in [
        "th/index.html",
        "th/case-studies/index.html",
        "th/cities/phuket/index.html",
        "th/countries/thailand/index.html",
    ] {
        let html = s.html(page);
        assert_eq!(html.count(".language-badge"), 0, "{page}");
        for (title, _) in html.links(".study-card-title a") {
            assert_eq!(title, thai_title, "{page} lists {title}");
        }
    }
    let th_list = s.html("th/case-studies/index.html");
    assert_eq!(th_list.links(".study-card-title a").len(), 1);
    // Phuket's only studies are in English and Indonesian: its Thai page lists none.
    assert_eq!(
        s.html("th/cities/phuket/index.html")
            .count(".study-card-title a"),
        0
    );
    // The Thai study links no older or newer study: the others are not in Thai.
    assert_eq!(
        s.html("th/case-studies/kk/index.html").count("nav.pager a"),
        0
    );
    assert_eq!(
        searchable(&s, "th/"),
        BTreeSet::from([thai_title.to_string()])
    );
    assert_eq!(
        searchable(&s, "id/"),
        BTreeSet::from(["Peta Banjir".to_string()])
    );
    // The default language lists every study, the Indonesian one with its badge.
    let en = s.html("case-studies/index.html");
    assert_eq!(en.links(".study-card-title a").len(), 3);
    assert_eq!(en.count(".language-badge"), 1);
    assert_eq!(searchable(&s, "").len(), 3);

    // Without the setting, the Thai pages list all three, and search finds them.
    let shown = bilingual();
    assert_eq!(
        shown
            .html("th/case-studies/index.html")
            .links(".study-card-title a")
            .len(),
        3
    );
    assert_eq!(searchable(&shown, "th/").len(), 3);
    assert!(
        shown
            .html("th/case-studies/kk/index.html")
            .count("nav.pager a")
            > 0
    );
}

#[test]
fn an_unknown_untranslated_setting_is_refused_at_its_line() {
    let config = CONFIG.replace("language: en\n", "language: en\nuntranslated: hidden\n");
    let s = site(&format!("{config}{SOURCE}"));
    let errors = s.build_err();
    let d = find(&errors, "`untranslated` must be `show` or `hide`");
    assert_eq!(d.file, std::path::Path::new("site.yaml"));
    assert_eq!(d.position.map(|p| p.line), Some(4));
}

/// A language's search text parts hold the studies written in it; its catalog sends the script
/// to the default language's parts for the others (their text is the same), and every study's
/// text is found where the catalog says.
#[test]
fn search_snippets_of_untranslated_studies_come_from_the_default_languages_parts() {
    let s = bilingual();
    let catalog = s.script_call("th/search/catalog.js", "catalog")[0].clone();
    let studies = catalog["studies"].as_array().expect("studies").len();
    let own: Vec<u64> = catalog["texts"]["own"]
        .as_array()
        .expect("own")
        .iter()
        .filter_map(|v| v.as_u64())
        .collect();
    assert_eq!(own.len(), 1, "only the Thai study's text is Thai: {own:?}");
    let thai = own[0] as usize;
    assert_eq!(catalog["studies"][thai][0], "การรับรู้ของประชาชนต่อเมืองอัจฉริยะ");
    let per = catalog["texts"]["per"].as_u64().expect("per") as usize;
    // Where the script looks for each study's text (as search.js's textUrl does).
    for id in 0..studies {
        let url = match own.iter().position(|&o| o as usize == id) {
            Some(rank) => catalog["texts"]["urls"][rank / per].clone(),
            None => catalog["shared"]["texts"]["urls"][id / per].clone(),
        };
        let path = url
            .as_str()
            .and_then(|u| u.strip_prefix("/bp/"))
            .expect("a URL of the site");
        let part = s.script_call(path, "text");
        let ids: Vec<u64> = part[0]
            .as_array()
            .expect("ids")
            .iter()
            .filter_map(|v| v.as_u64())
            .collect();
        let slot = ids
            .iter()
            .position(|&i| i as usize == id)
            .unwrap_or_else(|| panic!("{path} lacks study {id}"));
        let sections = part[1][slot]["sections"].to_string();
        // The text found is the study's own, as the Thai page shows it.
        let expected = match catalog["studies"][id][0].as_str().expect("title") {
            "Phuket Smart Island" => "An island study.",
            "Peta Banjir" => "Sebuah studi dalam bahasa Indonesia.",
            _ => "ขอนแก่นเรียนรู้",
        };
        assert!(
            sections.contains(expected),
            "study {id} in {path}: {sections}"
        );
        if id == thai {
            assert!(path.starts_with("th/"), "{path}");
        } else {
            assert!(path.starts_with("search/"), "{path}");
        }
    }
}

/// A link to a heading of a study (`kk.md#background`) leads, on the pages of a language the
/// study is translated into, to the same heading of the translation, which has an id of its own;
/// in the default language it stays as written.
#[test]
fn a_link_to_a_heading_leads_to_the_translations_heading() {
    let rest = REST.replace(
        "A city in the northeast.",
        "A city in the northeast. See [its start](@/case-studies/kk.md#background).",
    );
    let s = site(&format!("{CONFIG}{SOURCE}{THAI}{rest}"));
    s.build_ok();
    let href = |page: &str| {
        let links = s.html(page).links("main a");
        let found = links.iter().find(|(text, _)| text == "its start");
        found.map(|(_, href)| href.clone()).expect("the link")
    };
    assert_eq!(
        href("cities/khon-kaen/index.html"),
        "/bp/case-studies/kk/#background"
    );
    let thai = href("th/cities/khon-kaen/index.html");
    let (page, id) = thai.split_once('#').expect("a fragment");
    assert_eq!(page, "/bp/th/case-studies/kk/");
    // The Thai study's heading in the place of "Background" ("ความเป็นมา", romanised).
    assert_eq!(id, "khwaamepnmaa");
    let ids = s
        .html("th/case-studies/kk/index.html")
        .attrs("main h2[id]", "id");
    assert!(ids.iter().any(|i| i == id), "{ids:?}");
    assert_ne!(id, "background");
}
