//! The CommonMark spec's examples (tests/data/commonmark/spec.txt, version 0.31.2), each rendered
//! as the body of a case study through the whole build (loading, sections, heading ids, city
//! links, footnotes, rendering) and compared with the spec's HTML after normalising both.
//!
//! The site's `case_study.html` is replaced by a template that writes only the body (the intro,
//! then each section's heading and text, in wrappers like the default theme's), so the page is
//! exactly what casebook made of the Markdown. Normalising parses both sides as HTML and writes them back in one canonical form
//! (sorted attributes, white space folded outside `<pre>` and dropped around block elements, as
//! the spec's own `normalize.py` does), and applies casebook's deliberate differences:
//!
//! - headings get ids (ids on headings are ignored);
//! - a level-1 heading in the text is shown as level 2 (the page title is the only `<h1>`);
//! - a link to a missing file or heading is a build error, not a link (those examples are
//!   checked to fail the build with that error, and are not compared);
//! - links to addresses the site does not have (`/url`, `foo`) are build errors; the examples
//!   are rendered without the route check that refuses them, and compared;
//! - raw HTML left open would run into the markup that follows it on a page: a build refuses the
//!   [`OPEN_RAW_HTML`] examples, which are checked to be refused for it and not compared.
//!
//! Everything else must match. [`EXTENSIONS`] lists the few examples whose Markdown means
//! something else with the extensions casebook turns on (tables, footnotes, strikethrough,
//! heading attributes); the test fails if one of them starts to match, or another stops.

mod common;
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeMap;

/// Examples that a build refuses: 484 links to a missing file `./target.md`, 501 to a
/// missing heading `#fragment`.
const BROKEN_LINKS: &[usize] = &[484, 501];

/// Examples rendered differently because of the Markdown extensions casebook enables.
const EXTENSIONS: &[usize] = &[];

/// Examples whose raw HTML is left open (a tag without `>`, a `<style>` never closed): on a page
/// it runs into the markup that follows, so they match the spec as a fragment on its own only,
/// and a build refuses them.
const OPEN_RAW_HTML: &[usize] = &[156, 157, 158, 173];

/// What else a build refuses in the examples: links to addresses the site does not have.
const REFUSED: &[&str] = &[
    "points to no file of the site",
    "is outside the site's base path",
    "climbs out of the site",
    "is written in HTML",
];

struct Example {
    number: usize,
    section: String,
    markdown: String,
    html: String,
}

fn examples() -> Vec<Example> {
    let spec = include_str!("data/commonmark/spec.txt");
    let fence = "````````````````````````````````";
    let mut out = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) {
            section = title.to_string();
        }
        if line != format!("{fence} example") {
            continue;
        }
        let (mut markdown, mut html, mut in_html) = (String::new(), String::new(), false);
        for l in lines.by_ref() {
            if l == fence {
                break;
            }
            if l == "." && !in_html {
                in_html = true;
                continue;
            }
            let target = if in_html { &mut html } else { &mut markdown };
            target.push_str(&l.replace('→', "\t"));
            target.push('\n');
        }
        out.push(Example {
            number: out.len() + 1,
            section: section.clone(),
            markdown,
            html,
        });
    }
    out
}

/// A template that writes the body of a case study and nothing else, in the wrappers the default
/// theme puts around the intro and each section (a body that split a quote at a heading nested
/// in it would break them, as it breaks the real page), with class names the normaliser unwraps.
const BODY_ONLY: &str = "{% if study.intro_html %}<div class=\"casebook-part\">{{ study.intro_html | safe }}</div>{% endif %}{% for s in study.sections %}<section class=\"casebook-part\"><h2 id=\"{{ s.id }}\">{{ s.title_html | safe }}</h2>\n{{ s.html | safe }}</section>{% endfor %}";

fn study_file(e: &Example) -> String {
    format!(
        "-- content/case-studies/ex-{:03}.md --\n---\ntitle: Example {}\ndate: 2020-01-01\ncity: Zyxwvut\ncountry: Nowhere\n---\n{}",
        e.number, e.number, e.markdown
    )
}

#[test]
fn commonmark_spec_examples_render_as_the_spec_says() {
    let examples = examples();
    assert_eq!(examples.len(), 652, "spec.txt has 652 examples");

    // Examples whose links point nowhere must fail the build, each on its own.
    for &n in BROKEN_LINKS {
        let s = common::site(&study_file(&examples[n - 1]));
        let diags = s.build_err();
        common::find(&diags, "points to");
    }

    let files: String = examples
        .iter()
        .filter(|e| !BROKEN_LINKS.contains(&e.number))
        .map(study_file)
        .collect();
    let s = common::site(&format!(
        "{files}-- themes/default/templates/case_study.html --\n{BODY_ONLY}"
    ));

    // The examples link to addresses no site has (`/url`, `foo`) and some leave raw HTML open;
    // a build refuses both. Every error must be one of those, and the examples refused for open
    // HTML must be the ones that break the markup after them.
    let diags = match casebook::check(&s.options()) {
        Ok((_, warnings)) => warnings,
        Err(failure) => failure.diagnostics,
    };
    let mut refused_open: Vec<usize> = Vec::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        let example = d
            .file
            .to_str()
            .and_then(|f| f.strip_prefix("content/case-studies/ex-"))
            .and_then(|f| f.strip_suffix(".md"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or_else(|| panic!("an error outside the examples: {d}"));
        if d.message.contains("is never closed") {
            refused_open.push(example);
        } else {
            assert!(
                REFUSED.iter().any(|r| d.message.contains(r)),
                "example {example}: unexpected error {d}"
            );
        }
    }
    refused_open.dedup();
    assert_eq!(
        refused_open, OPEN_RAW_HTML,
        "examples refused for open HTML"
    );

    // Rendered as a build would, without the route check that refuses them.
    let loaded = casebook::load::load(&s.options());
    let graph = casebook::graph::resolve(loaded.content).graph;
    let mut d = casebook::Diagnostics::new();
    let theme = casebook::theme::load_theme(s.root(), &graph.config, &mut d).expect("the theme");
    let site = casebook::Site {
        graph,
        theme,
        views: Vec::new(),
    };
    let render = site.render().expect("render");
    let pages = casebook::write::to_memory(&render).expect("pages");
    let read = |path: &str| -> String {
        let bytes = pages.get(path).unwrap_or_else(|| panic!("no {path}"));
        String::from_utf8(bytes.clone()).expect("UTF-8")
    };

    let mut failing: BTreeMap<usize, String> = BTreeMap::new();
    for e in examples
        .iter()
        .filter(|e| !BROKEN_LINKS.contains(&e.number) && !OPEN_RAW_HTML.contains(&e.number))
    {
        let page = read(&format!("case-studies/ex-{:03}/index.html", e.number));
        let want = normalize(&e.html);
        let got = normalize(&page);
        if got != want {
            failing.insert(
                e.number,
                format!(
                    "example {} ({}):\n  markdown: {:?}\n  expected: {want}\n  got:      {got}",
                    e.number, e.section, e.markdown
                ),
            );
        }
    }
    let passed = examples.len() - BROKEN_LINKS.len() - OPEN_RAW_HTML.len() - failing.len();
    println!(
        "CommonMark 0.31.2: {passed} of {} examples pass; {} are build errors by design, {} differ by the extensions",
        examples.len(),
        BROKEN_LINKS.len() + OPEN_RAW_HTML.len(),
        EXTENSIONS.len()
    );
    // The README states the figure: it must be this one.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let stated = format!("{passed} of {} match", examples.len());
    assert!(
        readme.replace('\n', " ").contains(&stated),
        "README.md should say \"{stated}\""
    );
    let unexpected: Vec<&String> = failing
        .iter()
        .filter(|(n, _)| !EXTENSIONS.contains(n))
        .map(|(_, why)| why)
        .collect();
    let now_passing: Vec<&usize> = EXTENSIONS
        .iter()
        .filter(|n| !failing.contains_key(n))
        .collect();
    assert!(
        unexpected.is_empty() && now_passing.is_empty(),
        "{} examples differ from the spec:\n{}\n\nlisted as extension differences but now matching: {now_passing:?}",
        unexpected.len(),
        unexpected
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

/// HTML in one canonical form (see the module comment).
fn normalize(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = String::new();
    let root = fragment.root_element();
    write_children(root, false, &mut out);
    out.trim().to_string()
}

const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn is_block(node: Option<ego_tree::NodeRef<Node>>) -> bool {
    node.and_then(|n| n.value().as_element().map(|e| BLOCKS.contains(&e.name())))
        .unwrap_or(false)
}

fn write_children(parent: ElementRef, in_pre: bool, out: &mut String) {
    let parent_is_block = BLOCKS.contains(&parent.value().name());
    for child in parent.children() {
        match child.value() {
            Node::Text(t) if in_pre => out.push_str(&escape(t)),
            Node::Text(t) => {
                let mut text: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if t.starts_with(char::is_whitespace) && !text.is_empty() {
                    text.insert(0, ' ');
                }
                if t.ends_with(char::is_whitespace) {
                    text.push(' ');
                }
                let first = child.prev_sibling().is_none();
                let last = child.next_sibling().is_none();
                if is_block(child.prev_sibling()) || (first && parent_is_block) {
                    text = text.trim_start().to_string();
                }
                if is_block(child.next_sibling()) || (last && parent_is_block) {
                    text = text.trim_end().to_string();
                }
                out.push_str(&escape(&text));
            }
            Node::Comment(c) => {
                out.push_str("<!--");
                out.push_str(c);
                out.push_str("-->");
            }
            Node::Element(e) => {
                let Some(el) = ElementRef::wrap(child) else {
                    continue;
                };
                // casebook's wrappers of the intro and the sections: only their content counts.
                if e.attr("class") == Some("casebook-part") {
                    write_children(el, in_pre, out);
                    continue;
                }
                // Deliberate differences: headings have ids, and level 1 is shown as level 2.
                let name = match e.name() {
                    "h1" => "h2",
                    n => n,
                };
                let heading = name.len() == 2 && name.starts_with('h');
                let mut attrs: Vec<(&str, &str)> = e
                    .attrs()
                    .filter(|(k, _)| !(heading && *k == "id"))
                    .collect();
                attrs.sort();
                out.push('<');
                out.push_str(name);
                for (k, v) in attrs {
                    out.push_str(&format!(" {k}=\"{}\"", escape(v).replace('"', "&quot;")));
                }
                out.push('>');
                if !VOID.contains(&name) {
                    write_children(el, in_pre || name == "pre", out);
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
            _ => {}
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
