//! Turning a loaded [`Document`] into HTML, applying what the graph decided.
//!
//! City mentions become links, internal links get their output URLs, footnotes are numbered in
//! order of first reference with back-links, and tables are wrapped so they scroll on phones.

use super::context::Ctx;
use crate::config::SectionKind;
use crate::graph::{DocLinks, LinkTarget};
use crate::load::markdown::{note_id, note_ref_id, Document};
use crate::routes::{Route, Routes};
use crate::text::escape_html;
use crate::theme::Text;
use pulldown_cmark::{html, CowStr, Event, Tag, TagEnd};
use serde::Serialize;
use std::ops::Range;

/// A document ready for templates.
#[derive(Debug, Default, Serialize)]
pub struct RenderedDoc {
    /// Text before the first level-2 heading.
    pub intro_html: String,
    /// Level-2 sections in document order.
    pub sections: Vec<RenderedSection>,
    pub toc: Vec<TocEntry>,
    pub footnotes: Vec<RenderedFootnote>,
}

#[derive(Debug, Serialize)]
pub struct RenderedSection {
    pub id: String,
    /// The heading as plain text.
    pub title: String,
    /// The heading with its inline formatting, as HTML.
    pub title_html: String,
    /// `background`, `solutions`, `lessons` or `other`.
    pub kind: &'static str,
    pub html: String,
}

#[derive(Debug, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Serialize)]
pub struct RenderedFootnote {
    pub number: usize,
    pub id: String,
    /// Ids of the references pointing here, for back-links.
    pub backrefs: Vec<String>,
    pub html: String,
}

/// Footnote numbers handed out in order of first reference.
#[derive(Default)]
struct Notes {
    labels: Vec<String>,
    refs: Vec<usize>,
}

impl Notes {
    /// The number of `label` and the id of this reference to it.
    fn reference(&mut self, label: &str) -> (usize, String) {
        let index = match self.labels.iter().position(|l| l == label) {
            Some(i) => i,
            None => {
                self.labels.push(label.to_string());
                self.refs.push(0);
                self.labels.len() - 1
            }
        };
        self.refs[index] += 1;
        let n = index + 1;
        let id = note_ref_id(n, self.refs[index]);
        (n, id)
    }
}

/// Renders the whole document: intro, sections, table of contents and footnotes.
///
/// With `canonical_order`, sections are placed as a case study reads: background, solutions,
/// other sections as written, then results and lessons. Footnotes are numbered in the order the
/// reader meets them.
pub(super) fn render_document(
    doc: &Document,
    links: &DocLinks,
    ctx: &Ctx,
    canonical_order: bool,
) -> RenderedDoc {
    let mut notes = Notes::default();
    let mut out = RenderedDoc::default();
    let mut sections: Vec<&crate::load::markdown::Section> = doc.sections.iter().collect();
    if canonical_order {
        sections.sort_by_key(|s| match s.kind {
            SectionKind::Intro => 0,
            SectionKind::Background => 1,
            SectionKind::Solutions => 2,
            SectionKind::Other => 3,
            SectionKind::Lessons => 4,
        });
    }
    for section in sections {
        // The heading is read before its section: a note referenced in it comes first.
        let title_html = section.heading.map(|h| {
            let heading = &doc.headings[h];
            render_range(doc, links, ctx, heading.event + 1..heading.end, &mut notes)
        });
        let html = render_range(doc, links, ctx, section.events.clone(), &mut notes);
        let (Some(h), Some(title_html)) = (section.heading, title_html) else {
            out.intro_html = html;
            continue;
        };
        let heading = &doc.headings[h];
        let children = doc
            .headings
            .iter()
            .filter(|sub| sub.level == 3 && sub.top_level && section.events.contains(&sub.event))
            .map(|sub| TocEntry {
                id: sub.id.clone(),
                title: sub.text.clone(),
                children: Vec::new(),
            })
            .collect();
        out.toc.push(TocEntry {
            id: heading.id.clone(),
            title: heading.text.clone(),
            children,
        });
        out.sections.push(RenderedSection {
            id: heading.id.clone(),
            title: heading.text.clone(),
            title_html,
            kind: match section.kind {
                SectionKind::Intro | SectionKind::Other => "other",
                k => k.name(),
            },
            html,
        });
    }
    // Notes in the order the reader meets their first reference, which may be inside another
    // note; then any never referenced. One numbering for all, so ids and links stay unique.
    let mut rendered: Vec<(usize, String)> = Vec::with_capacity(doc.footnotes.len());
    let mut next = 0;
    loop {
        if next == notes.labels.len() {
            // Every referenced note is written: add the first one never referenced, if any.
            let unreferenced = doc
                .footnotes
                .iter()
                .find(|f| !notes.labels.contains(&f.label));
            match unreferenced {
                Some(f) => {
                    notes.labels.push(f.label.clone());
                    notes.refs.push(0);
                }
                None => break,
            }
        }
        let label = &notes.labels[next];
        if let Some(i) = doc.footnotes.iter().position(|f| &f.label == label) {
            let html = render_range(doc, links, ctx, doc.footnotes[i].events.clone(), &mut notes);
            rendered.push((next, html));
        }
        next += 1;
    }
    for (k, html) in rendered {
        let number = k + 1;
        out.footnotes.push(RenderedFootnote {
            number,
            id: note_id(number),
            backrefs: (1..=notes.refs[k])
                .map(|r| note_ref_id(number, r))
                .collect(),
            html,
        });
    }
    out
}

/// The URL of a link between content files.
fn target_url(routes: &Routes, target: &LinkTarget) -> String {
    let url = routes.url(Routes::doc(target.doc));
    match &target.fragment {
        Some(f) => format!("{url}#{f}"),
        None => url,
    }
}

fn render_range(
    doc: &Document,
    links: &DocLinks,
    ctx: &Ctx,
    range: Range<usize>,
    notes: &mut Notes,
) -> String {
    let mut events: Vec<Event> = Vec::with_capacity(range.len() + 8);
    let first_mention = links.mentions.partition_point(|m| m.event < range.start);
    let mut mentions = links.mentions[first_mention..].iter().peekable();
    for i in range {
        let event = doc.events.get(i);
        match event {
            Event::Text(_) if mentions.peek().is_some_and(|m| m.event == i) => {
                let text = doc.events.text(i).unwrap_or_default();
                let mut at = 0;
                while let Some(m) = mentions.next_if(|m| m.event == i) {
                    if m.range.start > at {
                        events.push(Event::Text(CowStr::Borrowed(&text[at..m.range.start])));
                    }
                    events.push(Event::InlineHtml(CowStr::from(format!(
                        "<a class=\"mention\" href=\"{}\">{}</a>",
                        escape_html(&ctx.url(Route::City(m.city))),
                        escape_html(&text[m.range.clone()])
                    ))));
                    at = m.range.end;
                }
                if at < text.len() {
                    events.push(Event::Text(CowStr::Borrowed(&text[at..])));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: match links.targets.binary_search_by_key(&i, |(event, _)| *event) {
                    Ok(at) => CowStr::from(target_url(&ctx.routes, &links.targets[at].1)),
                    Err(_) => dest_url,
                },
                title,
                id,
            })),
            Event::FootnoteReference(label) => {
                let (n, id) = notes.reference(&label);
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a id=\"{id}\" href=\"#fn-{n}\" aria-describedby=\"footnotes-heading\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
                    escape_html(ctx.text(Text::TableLabel))
                ))));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            event => events.push(event),
        }
    }
    let mut html_out = String::with_capacity(events.len() * 24);
    html::push_html(&mut html_out, events.into_iter());
    html_out
}

/// Renders a short Markdown string (a fast-facts note) as inline HTML; with `raw_html` false,
/// HTML in it is shown as text, as in bodies.
pub fn render_inline(markdown: &str, raw_html: bool) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, crate::load::markdown::options())
        .map(|e| {
            if raw_html {
                e
            } else {
                crate::load::markdown::escape_raw_html(e)
            }
        })
        .filter(|e| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
            )
        });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out.trim().to_string()
}
