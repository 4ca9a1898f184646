//! Markdown bodies, parsed once into a [`Document`].
//!
//! A document keeps pulldown-cmark's events (adjacent text merged, stored on a compact
//! [`EventTape`]) plus what later stages need to know without parsing again: the level-2
//! sections and which canonical section each is, every heading with a unique id, footnote
//! definitions, links with their positions (to rewrite or report), and which text events may
//! receive automatic city links.

pub use super::page_ids::{is_note_id, note_id, note_ref_id, RESERVED_IDS};
use super::raw_html::RawLink;
use super::tape::EventTape;
use crate::config::{SectionAliases, SectionKind, SiteConfig};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position};
use crate::text::{shorten, slugify};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// The heading's text, without formatting (for the table of contents).
    pub text: String,
    pub id: String,
    /// Index of the heading's `Start` event; its `End` event is at `end`.
    pub event: usize,
    pub end: usize,
    /// Not inside a block quote, a list or a footnote: only such headings start sections and
    /// appear in the table of contents.
    pub top_level: bool,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Index into [`Document::headings`]; `None` for the intro.
    pub heading: Option<usize>,
    pub kind: SectionKind,
    /// The section's events, heading excluded.
    pub events: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Footnote {
    pub label: String,
    /// The definition's events, without its Start/End pair.
    pub events: Range<usize>,
}

/// A link or image written in the body, with where it was written.
#[derive(Debug, Clone)]
pub struct LinkSite {
    pub event: usize,
    pub dest: String,
    pub pos: Position,
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub events: EventTape,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub footnotes: Vec<Footnote>,
    pub links: Vec<LinkSite>,
    /// Text events outside links, images, code, headings and raw HTML.
    pub linkable: Vec<usize>,
    /// The first paragraph as plain text (shortened).
    pub first_paragraph: String,
    /// Ids (and `<a name>`s) of elements written in raw HTML, which links may point to.
    pub html_anchors: Vec<String>,
    /// URLs that raw HTML links to or loads.
    pub raw_links: Vec<RawLink>,
}

impl Document {
    /// Whether a link to `#id` on this document's page lands somewhere: a heading of the text, or
    /// an element every page of the theme has.
    pub fn has_anchor(&self, id: &str) -> bool {
        self.headings.iter().any(|h| h.id == id)
            || self.html_anchors.iter().any(|a| a == id)
            || RESERVED_IDS.contains(&id)
    }

    /// Plain text of every linkable text event, for search and excerpts.
    pub fn plain_text(&self) -> impl Iterator<Item = &str> {
        self.linkable.iter().filter_map(|&i| self.events.text(i))
    }

    /// Appends the text a reader sees in `events` (a section's range): text and code, with a
    /// space between blocks and at line breaks, so words of two paragraphs never run together.
    pub fn append_text(&self, events: Range<usize>, out: &mut String) {
        for i in events {
            match self.events.get(i) {
                Event::Text(t) | Event::Code(t) => out.push_str(&t),
                Event::End(
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Superscript
                    | TagEnd::Subscript,
                ) => {}
                Event::SoftBreak | Event::HardBreak | Event::End(_)
                    if !out.is_empty() && !out.ends_with(' ') =>
                {
                    out.push(' ');
                }
                _ => {}
            }
        }
        let end = out.trim_end().len();
        out.truncate(end);
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses a Markdown body, whose first line is line `body_first_line` of its file.
pub fn parse(
    body: &str,
    body_first_line: usize,
    file: &Path,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Document {
    let lines = LineIndex::new(body, body_first_line);
    let (mut events, offsets, flow_len) = flow_events(body, config.raw_html);
    let at = Places {
        file,
        lines: &lines,
        offsets: &offsets,
    };
    let mut doc = Document::default();
    let raw = super::raw_html::read(&events, &offsets, &lines, file, diagnostics);
    doc.html_anchors = raw.anchors;
    doc.raw_links = raw.links;
    let first_paragraph = Structure::read(&mut events, flow_len, &at, &mut doc, diagnostics);
    // A numeric entity (`&#27;`) can write any character: such text is checked here (the file's
    // own characters were checked when it was read).
    if body.contains("&#") {
        check_entities(body, &events, &at, diagnostics);
    }
    doc.sections = split_sections(&events[..flow_len], &doc.headings, &config.sections);
    let sections = doc.sections.iter().map(|s| {
        let start = s.heading.map_or(s.events.start, |h| doc.headings[h].event);
        start..s.events.end
    });
    let parts = sections.chain(doc.footnotes.iter().map(|f| f.events.clone()));
    super::raw_html::check_closed(parts, &events, &offsets, &lines, file, diagnostics);
    // Line breaks inside the paragraph read as spaces in a summary.
    let first = first_paragraph.unwrap_or_default().replace('\n', " ");
    doc.first_paragraph = shorten(&first, 220);
    doc.events = EventTape::new(events, body.len());
    doc
}

/// The body's events (borrowing it) and their offsets in it, the text merged and the footnote
/// definitions moved to the end; and how many events come before those.
///
/// Adjacent text is merged so a city name split by the parser (at `&amp;`, say) is seen whole.
/// A soft line break is folded into the text as the line break CommonMark renders it (inside a
/// raw `<pre>` it must stay one); city names and excerpts read it as a space. The events live
/// until the end of [`parse`]: the document keeps them as a compact tape.
fn flow_events<'a>(body: &'a str, raw_html: bool) -> (Vec<Event<'a>>, Vec<usize>, usize) {
    // A body has roughly one event per 25 to 30 bytes.
    let guess = body.len() / 24 + 16;
    let mut flow = Columns::with_capacity(guess);
    let mut notes = Columns::with_capacity(0);
    let mut in_note = 0usize;
    let mut pending: Option<PendingText> = None;
    let flush =
        |pending: &mut Option<PendingText<'a>>, flow: &mut Columns<'a>, notes: &mut Columns<'a>| {
            if let Some(p) = pending.take() {
                let target = if p.note { notes } else { flow };
                let text = match p.merged {
                    Some(merged) => CowStr::from(merged),
                    None => p.first,
                };
                target.push(Event::Text(text), p.offset);
            }
        };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = if raw_html {
            event
        } else {
            escape_raw_html(event)
        };
        let text = match event {
            Event::Text(t) => t,
            Event::SoftBreak => CowStr::Borrowed("\n"),
            event => {
                flush(&mut pending, &mut flow, &mut notes);
                let note = in_note > 0 || matches!(event, Event::Start(Tag::FootnoteDefinition(_)));
                match (&event, &mut in_note) {
                    (Event::Start(Tag::FootnoteDefinition(_)), n) => *n += 1,
                    (Event::End(TagEnd::FootnoteDefinition), n) => *n -= 1,
                    _ => {}
                }
                let target = if note { &mut notes } else { &mut flow };
                target.push(event, range.start);
                continue;
            }
        };
        match pending.as_mut() {
            Some(p) => p
                .merged
                .get_or_insert_with(|| p.first.to_string())
                .push_str(&text),
            None => {
                pending = Some(PendingText {
                    first: text,
                    merged: None,
                    offset: range.start,
                    note: in_note > 0,
                })
            }
        }
    }
    flush(&mut pending, &mut flow, &mut notes);
    let flow_len = flow.events.len();
    let Columns {
        mut events,
        mut offsets,
    } = flow;
    events.append(&mut notes.events);
    offsets.append(&mut notes.offsets);
    (events, offsets, flow_len)
}

/// Where a document's events were written: its file, and each event's place in it.
struct Places<'p> {
    file: &'p Path,
    lines: &'p LineIndex<'p>,
    offsets: &'p [usize],
}

impl Places<'_> {
    /// The line and column of event `i`.
    fn of(&self, i: usize) -> crate::diagnostics::Position {
        self.lines.position(self.offsets[i])
    }

    /// `d`, placed at event `i` with its line quoted.
    fn at(&self, d: Diagnostic, i: usize) -> Diagnostic {
        d.at_index(self.lines, self.of(i))
    }
}

/// One walk over a document's events that finds its headings (and gives them ids), links,
/// footnotes, first paragraph and the text city names may be linked in.
struct Structure<'w, 'p> {
    at: &'w Places<'p>,
    doc: &'w mut Document,
    diagnostics: &'w mut Diagnostics,
    /// Heading ids must differ from each other, from the theme's ids and from raw HTML ids.
    used_ids: UsedIds,
    /// Inside a link, an image, a code block, a heading or an HTML block: no city links.
    depth_excluded: usize,
    /// Lists, block quotes, tables and footnotes: headings inside them are not section headings,
    /// and their paragraphs are not "the first paragraph".
    container_depth: usize,
    heading_start: Option<(usize, String)>,
    note_start: Option<(usize, String)>,
    first_paragraph: Option<String>,
    paragraph_depth: usize,
}

impl<'w, 'p> Structure<'w, 'p> {
    /// Walks `events` (the first `flow_len` the text, the rest footnote definitions) into
    /// `doc`; returns the first paragraph's text.
    fn read(
        events: &mut [Event],
        flow_len: usize,
        at: &'w Places<'p>,
        doc: &'w mut Document,
        diagnostics: &'w mut Diagnostics,
    ) -> Option<String> {
        let taken = RESERVED_IDS.iter().copied();
        let used_ids = UsedIds::new(taken.chain(doc.html_anchors.iter().map(String::as_str)));
        let mut walk = Structure {
            at,
            doc,
            diagnostics,
            used_ids,
            depth_excluded: 0,
            container_depth: 0,
            heading_start: None,
            note_start: None,
            first_paragraph: None,
            paragraph_depth: 0,
        };
        for i in 0..events.len() {
            walk.event(events, i, i < flow_len);
        }
        walk.first_paragraph
    }

    fn event(&mut self, events: &mut [Event], i: usize, in_flow: bool) {
        match &events[i] {
            Event::Start(Tag::Heading { .. }) => {
                self.depth_excluded += 1;
                self.heading_start = Some((i, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                self.depth_excluded -= 1;
                if let Some((start, text)) = self.heading_start.take() {
                    self.close_heading(events, start, i, text.trim().to_string());
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                self.depth_excluded += 1;
                if let Some(scheme) = crate::paths::unsafe_scheme(dest_url) {
                    (self.diagnostics).push(self.at.at(unsafe_url(self.at.file, scheme), i));
                }
                self.doc.links.push(LinkSite {
                    event: i,
                    dest: dest_url.to_string(),
                    pos: self.at.of(i),
                });
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => self.depth_excluded -= 1,
            Event::InlineHtml(tag) => match raw_tag_effect(tag) {
                Some(true) => self.depth_excluded += 1,
                Some(false) => self.depth_excluded = self.depth_excluded.saturating_sub(1),
                None => {}
            },
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                self.depth_excluded += 1
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                self.depth_excluded -= 1
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.container_depth += 1;
                self.note_start = Some((i + 1, label.to_string()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.container_depth -= 1;
                if let Some((start, label)) = self.note_start.take() {
                    self.close_footnote(start..i, label);
                }
            }
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_)) => {
                self.container_depth += 1
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Table) => {
                self.container_depth -= 1
            }
            Event::Start(Tag::Paragraph)
                if self.first_paragraph.is_none() && self.container_depth == 0 && in_flow =>
            {
                self.paragraph_depth = 1;
                self.first_paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) => self.paragraph_depth = 0,
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = self.heading_start.as_mut() {
                    h.push_str(t);
                }
                if self.paragraph_depth > 0 {
                    if let Some(p) = self.first_paragraph.as_mut() {
                        p.push_str(t);
                    }
                }
                if self.depth_excluded == 0 && matches!(events[i], Event::Text(_)) {
                    self.doc.linkable.push(i);
                }
            }
            Event::HardBreak if self.paragraph_depth > 0 => {
                if let Some(p) = self.first_paragraph.as_mut() {
                    p.push(' ');
                }
            }
            _ => {}
        }
    }

    /// The heading from event `start` to `end`: level 2 at least, with an id of its own.
    fn close_heading(&mut self, events: &mut [Event], start: usize, end: usize, text: String) {
        let Event::Start(Tag::Heading { level, id, .. }) = &mut events[start] else {
            return;
        };
        if *level == HeadingLevel::H1 {
            let d = Diagnostic::warning(
                self.at.file,
                "a level-1 heading in the text is shown as level 2",
            )
            .with_code(code::HEADING_LEVEL)
            .with_hint(
                "the page title is the page's only level-1 heading; start sections with `## `",
            );
            self.diagnostics.push(self.at.at(d, start));
            *level = HeadingLevel::H2;
        }
        let base = match id.as_deref() {
            Some(explicit) => explicit.to_string(),
            None => Some(slugify(&text))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "section".to_string()),
        };
        let unique = self.used_ids.claim(&base);
        *id = Some(CowStr::from(unique.clone()));
        self.doc.headings.push(Heading {
            level: *level as u8,
            text,
            id: unique,
            event: start,
            end,
            top_level: self.container_depth == 0,
        });
    }

    /// The footnote `label` defined by `events`; a second definition is left out.
    fn close_footnote(&mut self, events: Range<usize>, label: String) {
        if self.doc.footnotes.iter().any(|f| f.label == label) {
            // References to the label lead to the first definition; a second one would have no
            // reference to lead back to.
            let d = Diagnostic::warning(
                self.at.file,
                format!(
                    "the footnote `[^{label}]` is defined twice; the second definition is left out"
                ),
            )
            .with_code(code::FOOTNOTE)
            .with_hint("give it another label, like `[^2]`, and refer to that");
            self.diagnostics.push(self.at.at(d, events.start - 1));
        } else {
            self.doc.footnotes.push(Footnote { label, events });
        }
    }
}

/// Reports the first text written with a numeric entity that stands for a control character.
fn check_entities(body: &str, events: &[Event], at: &Places, diagnostics: &mut Diagnostics) {
    let found = events.iter().enumerate().find_map(|(i, e)| match e {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
            crate::text::first_forbidden(t).map(|(_, c)| (i, c))
        }
        _ => None,
    });
    let Some((i, c)) = found else {
        return;
    };
    let offset = at.offsets[i];
    let entity = body[offset..].find("&#").map_or(offset, |k| offset + k);
    diagnostics.push(
        Diagnostic::error(
            at.file,
            format!(
                "this entity writes the control character {}, which web pages and feeds cannot hold",
                crate::text::char_code(c)
            ),
        )
        .with_code(code::FORBIDDEN_CHARACTER)
        .at_index(at.lines, at.lines.position(entity))
        .with_hint("remove the entity (`&#…;`)"),
    );
}

/// With `raw_html: false`, HTML written in Markdown becomes text, shown as written: inline HTML
/// and the lines of an HTML block are text, and the block a paragraph.
pub fn escape_raw_html(event: Event) -> Event {
    match event {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        other => other,
    }
}

/// What is wrong with a short Markdown text shown inside pages (a fast-fact note): links and
/// images are written out as they are, on more than one page, so each must go to another host;
/// none may use an unsafe scheme; and HTML in it (when the site lets HTML through) must close
/// what it opens and set no ids, which could clash with the page's.
pub fn inline_problems(markdown: &str, file: &Path, raw_html: bool) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut html = String::new();
    let mut urls: Vec<String> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                urls.push(dest_url.to_string())
            }
            Event::Html(h) | Event::InlineHtml(h) if raw_html => {
                html.push_str(&h);
                html.push('\n');
            }
            _ => {}
        }
    }
    if !html.is_empty() {
        match crate::html::scan_fragment(&html) {
            Ok((scan, closed)) => {
                if !closed {
                    problems.push(super::raw_html::unclosed(file));
                }
                if let Some((id, _)) = scan.ids.first() {
                    problems.push(
                        Diagnostic::error(file, format!("HTML in a fast fact cannot set an id (`{id}`): it would be on several pages, beside the page's own ids"))
                            .with_code(code::RAW_HTML)
                            .with_hint("remove the `id` attribute"),
                    );
                }
                urls.extend(scan.refs.into_iter().map(|(url, _)| url));
            }
            Err(why) => problems.push(Diagnostic::error(file, why).with_code(code::RAW_HTML)),
        }
    }
    for url in urls {
        if let Some(scheme) = crate::paths::unsafe_scheme(&url) {
            problems.push(unsafe_url(file, scheme));
        } else if !crate::paths::is_external(&url) {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("the link `{url}` in a fast fact must be a web address"),
                )
                .with_code(code::BAD_URL)
                .with_hint("write the full address (`https://…`); link the site's own pages from the text below the front matter"),
            );
        }
    }
    problems
}

/// The error for a link to a `javascript:`, `vbscript:` or `data:` URL.
pub fn unsafe_url(file: &Path, scheme: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        format!("links to `{scheme}` URLs are not allowed: they run code or hide content in the reader's browser"),
    )
    .with_code(code::UNSAFE_URL)
    .with_hint("link to a web address (`https://…`) or to a file of the site")
}

/// The ids taken on a page, and for each base the next number to try, so that a thousand
/// `## Notes` cost a thousand steps, not half a million.
struct UsedIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
    /// How many candidates were tried (for the test that keeps this linear).
    tried: usize,
}

impl UsedIds {
    fn new<'a>(taken: impl Iterator<Item = &'a str>) -> UsedIds {
        UsedIds {
            used: taken.map(str::to_string).collect(),
            next: HashMap::new(),
            tried: 0,
        }
    }

    /// `base`, or `base-2`, `base-3`... whichever is not used yet; marks it used.
    fn claim(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            self.tried += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Text being merged from adjacent text events: the first piece as the parser gave it (usually
/// borrowing the body), and a buffer once a second piece arrives.
struct PendingText<'a> {
    first: CowStr<'a>,
    merged: Option<String>,
    offset: usize,
    /// It belongs to a footnote definition.
    note: bool,
}

/// Events with the byte offset each starts at.
struct Columns<'a> {
    events: Vec<Event<'a>>,
    offsets: Vec<usize>,
}

impl<'a> Columns<'a> {
    fn with_capacity(n: usize) -> Self {
        Columns {
            events: Vec::with_capacity(n),
            offsets: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, event: Event<'a>, offset: usize) {
        self.events.push(event);
        self.offsets.push(offset);
    }
}

/// Whether an inline HTML tag opens (`Some(true)`) or closes (`Some(false)`) an element whose text
/// must not receive city links (a raw `<a>`, code, a heading), or is neither (`None`).
fn raw_tag_effect(tag: &str) -> Option<bool> {
    let t = tag.trim_start_matches('<');
    let (closing, t) = match t.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let name: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let excluded = matches!(
        name.as_str(),
        "a" | "code"
            | "pre"
            | "kbd"
            | "samp"
            | "script"
            | "style"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    );
    if !excluded || tag.ends_with("/>") {
        return None;
    }
    Some(!closing)
}

/// Cuts the flow at top-level level-2 headings and names each part.
fn split_sections(flow: &[Event], headings: &[Heading], aliases: &SectionAliases) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut current = Section {
        heading: None,
        kind: SectionKind::Intro,
        events: 0..0,
    };
    for (h, heading) in headings.iter().enumerate() {
        if heading.level != 2 || !heading.top_level || heading.event >= flow.len() {
            continue;
        }
        current.events.end = heading.event;
        if current.heading.is_some() || !current.events.is_empty() {
            sections.push(current);
        }
        current = Section {
            heading: Some(h),
            kind: aliases.kind_of(&heading.text),
            events: heading.end + 1..heading.end + 1,
        };
    }
    current.events.end = flow.len();
    if current.heading.is_some() || !current.events.is_empty() {
        sections.push(current);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> (Document, Diagnostics) {
        let mut d = Diagnostics::new();
        let doc = parse(body, 1, Path::new("t.md"), &SiteConfig::default(), &mut d);
        (doc, d)
    }

    #[test]
    fn repeated_heading_ids_are_numbered_in_linear_time() {
        let mut ids = UsedIds::new(["main", "x-3"].into_iter());
        let got: Vec<String> = (0..5).map(|_| ids.claim("x")).collect();
        assert_eq!(got, ["x", "x-2", "x-4", "x-5", "x-6"]);
        assert_eq!(ids.claim("x-2"), "x-2-2");
        assert_eq!(ids.claim("main"), "main-2");
        let mut ids = UsedIds::new(std::iter::empty());
        for _ in 0..5000 {
            ids.claim("same");
        }
        // One candidate per repeat (plus the few already taken), not one per earlier repeat.
        assert!(
            ids.tried < 5100,
            "{} candidates for 5,000 headings",
            ids.tried
        );
    }

    #[test]
    fn sections_are_detected_by_alias() {
        let (d, _) = doc("Intro text.\n\n## Background\n\nB.\n\n## Solutions Implemented\n\nS.\n\n## Budget\n\nX.\n\n## Lessons Learned\n\nL.\n");
        let kinds: Vec<_> = d.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                SectionKind::Intro,
                SectionKind::Background,
                SectionKind::Solutions,
                SectionKind::Other,
                SectionKind::Lessons
            ]
        );
        assert_eq!(d.first_paragraph, "Intro text.");
    }

    #[test]
    fn heading_ids_are_unique_and_avoid_reserved_ids() {
        let (d, _) = doc("## Sources\n\n## Notes\n\n## Notes\n\n## Own {#custom}\n");
        let ids: Vec<_> = d.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, vec!["sources-2", "notes", "notes-2", "custom"]);
    }

    #[test]
    fn linkable_text_excludes_links_code_and_headings() {
        let (d, _) =
            doc("## Phuket\n\nSee [Phuket](x.md) and `Phuket` and Phuket.\n\n```\nPhuket\n```\n");
        let texts: Vec<_> = d.plain_text().collect();
        assert_eq!(texts, vec!["See ", " and ", " and Phuket."]);
    }

    #[test]
    fn footnotes_move_out_of_the_flow() {
        let (d, _) = doc("Text.[^1]\n\n[^1]: The source.\n\n## After\n\nMore.\n");
        assert_eq!(d.footnotes.len(), 1);
        assert_eq!(d.footnotes[0].label, "1");
        let last = d.sections.last().expect("section");
        assert!(last.events.end <= d.footnotes[0].events.start);
    }

    #[test]
    fn level_one_heading_is_demoted_with_warning() {
        let (d, diags) = doc("# Big\n\ntext\n");
        assert_eq!(d.headings[0].level, 2);
        assert_eq!(diags.warning_count(), 1);
    }
}
