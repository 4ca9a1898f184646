//! HTML written in Markdown, read for what the page around it depends on: the ids it sets (links
//! may land on them; they must not repeat the page's own), the URLs it links to (checked like
//! Markdown links), and whether each part of the text closes what it opens. A comment, a quoted
//! attribute or a `<script>` left open would swallow the rest of the page, theme included.
//!
//! The parts are the units a theme places: the intro, each section (the theme may reorder them)
//! and each footnote. HTML must be closed within its part.

use super::page_ids::{is_note_id, RESERVED_IDS};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position};
use pulldown_cmark::Event;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

/// A URL written in raw HTML (`<a href>`, `<img src>`...), with where it was written.
#[derive(Debug, Clone)]
pub struct RawLink {
    pub dest: String,
    pub pos: Position,
}

/// The raw HTML events of a range of a document, joined, with where each came from.
struct Joined {
    text: String,
    /// For each event: its start in `text` and its source offset.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn of(events: &[Event], offsets: &[usize], range: Range<usize>) -> Joined {
        let mut joined = Joined {
            text: String::new(),
            starts: Vec::new(),
        };
        for i in range {
            if let Some(Event::Html(h) | Event::InlineHtml(h)) = events.get(i) {
                // A line break between events: white space wherever it lands, so one event's
                // tag never runs into the next.
                if !joined.text.is_empty() {
                    joined.text.push('\n');
                }
                joined.starts.push((joined.text.len(), offsets[i]));
                joined.text.push_str(h);
            }
        }
        joined
    }

    /// The source offset of byte `at` of the joined text.
    fn source_offset(&self, at: usize) -> usize {
        let k = self.starts.partition_point(|&(start, _)| start <= at);
        match k.checked_sub(1).and_then(|k| self.starts.get(k)) {
            Some(&(start, source)) => source + (at - start),
            None => 0,
        }
    }

    /// Whether the first `n` events' HTML is closed.
    fn prefix_closed(&self, n: usize) -> bool {
        let end = self
            .starts
            .get(n)
            .map_or(self.text.len(), |&(start, _)| start);
        crate::html::scan_fragment(&self.text[..end]).is_ok_and(|(_, closed)| closed)
    }

    /// The event whose HTML leaves the range open: one after which the HTML so far is open
    /// while before it it was closed. Found by halving, so hostile text costs `log n` scans.
    fn opening_event(&self) -> Option<usize> {
        let (mut closed, mut open) = (0, self.starts.len());
        while open - closed > 1 {
            let mid = (closed + open) / 2;
            if self.prefix_closed(mid) {
                closed = mid;
            } else {
                open = mid;
            }
        }
        self.starts.get(closed).map(|&(_, source)| source)
    }
}

/// What a document's raw HTML sets and links.
#[derive(Default)]
pub(super) struct RawHtml {
    /// Its ids and `name`s: places links may land on.
    pub anchors: Vec<String>,
    pub links: Vec<RawLink>,
}

/// Reads the raw HTML of a document's `events`: its ids (as anchors) and links; reports ids
/// that repeat or that the page uses itself.
pub(super) fn read(
    events: &[Event],
    offsets: &[usize],
    lines: &LineIndex,
    file: &Path,
    d: &mut Diagnostics,
) -> RawHtml {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    {
        return RawHtml::default();
    }
    let all = Joined::of(events, offsets, 0..events.len());
    let scan = match crate::html::scan_fragment(&all.text) {
        Ok((scan, _)) => scan,
        Err(why) => {
            let pos = lines.position(all.source_offset(0));
            d.push(
                Diagnostic::error(file, why)
                    .with_code(code::RAW_HTML)
                    .at_index(lines, pos),
            );
            return RawHtml::default();
        }
    };
    let mut seen: HashSet<&str> = HashSet::new();
    for (id, at) in &scan.ids {
        let problem = if RESERVED_IDS.contains(&id.as_str()) || is_note_id(id) {
            Some("the page uses this id itself")
        } else if !seen.insert(id) {
            Some("it is used twice in this text")
        } else {
            None
        };
        if let Some(problem) = problem {
            let pos = lines.position(all.source_offset(*at));
            d.push(
                Diagnostic::error(
                    file,
                    format!("the id `{id}` cannot be used here: {problem}"),
                )
                .with_code(code::RAW_HTML)
                .at_index(lines, pos)
                .with_hint("choose another id; an id may appear once on a page"),
            );
        }
    }
    RawHtml {
        anchors: (scan.ids.iter().chain(&scan.names))
            .map(|(id, _)| id.clone())
            .collect(),
        links: (scan.refs.iter())
            .map(|(dest, at)| RawLink {
                dest: dest.clone(),
                pos: lines.position(all.source_offset(*at)),
            })
            .collect(),
    }
}

/// Reports each part of a document (`parts`: the event ranges of its intro, sections and
/// footnotes) whose HTML is left open.
pub(super) fn check_closed(
    parts: impl Iterator<Item = std::ops::Range<usize>>,
    events: &[Event],
    offsets: &[usize],
    lines: &LineIndex,
    file: &Path,
    d: &mut Diagnostics,
) {
    for range in parts {
        let part = Joined::of(events, offsets, range);
        if part.starts.is_empty() || part.prefix_closed(part.starts.len()) {
            continue;
        }
        let at = part.opening_event().unwrap_or(0);
        d.push(unclosed(file).at_index(lines, lines.position(at)));
    }
}

/// The error for HTML that leaves a comment, a quote or a raw-text element open.
pub fn unclosed(file: &Path) -> Diagnostic {
    Diagnostic::error(
        file,
        "this HTML is never closed: a comment, a quoted attribute or an element such as <script> or <textarea> is left open, and the rest of the page would disappear into it",
    )
    .with_code(code::RAW_HTML)
    .with_hint("close it (`-->`, the quote, `</script>`) in the same section, or write it as Markdown")
}
