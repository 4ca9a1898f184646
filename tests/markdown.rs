//! Markdown bodies render as CommonMark says, whatever casebook adds to them (sections, heading
//! ids, city links, footnotes): each test builds a study and reads its page.

mod common;
use common::{site, study};

const FRONT: &str = "title: T\ndate: 2023-01-01\ncity: Khon Kaen\ncountry: Thailand";

fn page_of(body: &str) -> common::Page {
    let s = site(&study("t.md", FRONT, body));
    s.build_ok();
    s.html("case-studies/t/index.html")
}

#[test]
fn headings_inside_quotes_and_lists_do_not_start_sections() {
    let p = page_of("Intro.\n\n> # Quoted\n> inside the quote\n\n- ## In a list\n  still the item\n\n## Real\n\nAfter.\n");
    // The quote and the list keep their heading and their text: nothing split them.
    assert_eq!(p.count(".study-body blockquote"), 1);
    assert_eq!(p.count(".study-body blockquote > h2"), 1);
    assert_eq!(
        p.texts(".study-body blockquote > p"),
        vec!["inside the quote"]
    );
    assert_eq!(p.count(".study-body li > h2"), 1);
    assert!(p.text(".study-body li").contains("still the item"));
    // Only the top-level heading makes a section and a contents entry.
    assert_eq!(p.count(".study-body section.section"), 1);
    assert_eq!(p.texts(".study-body section.section > h2"), vec!["Real"]);
    assert_eq!(p.texts(".toc a"), Vec::<String>::new());
}

#[test]
fn section_headings_keep_their_inline_formatting() {
    let p = page_of("## A *stressed* `code` [link](https://example.org/) heading\n\nText.\n\n# Big **bold**\n\nMore.\n");
    assert_eq!(p.texts("section.section > h2 em"), vec!["stressed"]);
    assert_eq!(p.texts("section.section > h2 code"), vec!["code"]);
    assert_eq!(
        p.attrs("section.section > h2 a", "href"),
        vec!["https://example.org/"]
    );
    assert_eq!(p.texts("section.section > h2 strong"), vec!["bold"]);
    // The contents list names them in plain text.
    assert_eq!(
        p.texts(".toc a"),
        vec!["A stressed code link heading", "Big bold"]
    );
}

#[test]
fn soft_line_breaks_stay_line_breaks() {
    let s = site(&format!(
        "{}-- content/cities/khon-kaen.md --\n---\nname: Khon Kaen\ncountry: Thailand\n---\nA city.\n-- content/cities/phuket.md --\n---\nname: Phuket\ncountry: Thailand\n---\nAn island.\n",
        study(
            "t.md",
            FRONT,
            "Code <pre>one\ntwo</pre> here.\n\nWe went to\nPhuket and back.\n"
        )
    ));
    s.build_ok();
    let p = s.html("case-studies/t/index.html");
    let pre =
        p.0.select(&scraper::Selector::parse(".study-body pre").expect("selector"))
            .next()
            .expect("pre");
    assert_eq!(pre.text().collect::<String>(), "one\ntwo");
    // A city name after a line break is still found, and the excerpt reads as one sentence.
    assert_eq!(p.texts("a.mention"), vec!["Phuket"]);
    let city = s.html("cities/phuket/index.html");
    assert_eq!(
        city.texts(".backlinks blockquote"),
        vec!["We went to Phuket and back."]
    );
}

#[test]
fn links_to_anchors_written_in_raw_html_resolve() {
    let s = site(&format!(
        "{}{}",
        study(
            "t.md",
            FRONT,
            "<a id=\"here\"></a>\n\nText and [a jump](#here), <span id='inline'>x</span>.\n"
        ),
        study(
            "u.md",
            FRONT,
            "See [there](t.md#here) and [inline](t.md#inline)."
        )
    ));
    s.build_ok();
    let u = s.html("case-studies/u/index.html");
    assert_eq!(
        u.attrs(".study-body a", "href"),
        vec!["/case-studies/t/#here", "/case-studies/t/#inline"]
    );
}
