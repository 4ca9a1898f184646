//! A compact, read-only store of a document's Markdown events.
//!
//! A loaded document keeps its events until the render stage, so their size is most of what a
//! large site holds in memory (pulldown-cmark's `Event` is 80 bytes, and an owned text event is
//! one more allocation). A tape keeps the same events in about a third of the space: every text
//! in one string, each event as a 12-byte item, and only the tags that carry data (links, images,
//! headings, code blocks, tables, footnote definitions, numbered lists) as full `Tag` values.
//! [`EventTape::get`] hands an event back as pulldown-cmark's type, borrowing its text.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// One event; text is a range of [`EventTape::text`], rich tags an index into `tags`.
#[derive(Debug, Clone, Copy)]
enum Item {
    Text(Span),
    Code(Span),
    Html(Span),
    InlineHtml(Span),
    InlineMath(Span),
    DisplayMath(Span),
    FootnoteReference(Span),
    SoftBreak,
    HardBreak,
    Rule,
    TaskListMarker(bool),
    /// A tag without data of its own: its end says everything (`Paragraph`, `Emphasis`, ...).
    Open(TagEnd),
    /// A tag with data, at this index of `tags`.
    Start(u32),
    End(TagEnd),
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

#[derive(Debug, Clone, Default)]
pub struct EventTape {
    text: String,
    items: Vec<Item>,
    tags: Vec<Tag<'static>>,
}

impl EventTape {
    /// Stores `events`. Documents are far below 4 GiB, the limit of the text offsets.
    pub fn new<'a>(events: impl IntoIterator<Item = Event<'a>>, text_bytes: usize) -> Self {
        let events = events.into_iter();
        let mut tape = EventTape {
            text: String::with_capacity(text_bytes),
            items: Vec::with_capacity(events.size_hint().0),
            tags: Vec::new(),
        };
        for event in events {
            let item = match event {
                Event::Text(t) => Item::Text(tape.span(&t)),
                Event::Code(t) => Item::Code(tape.span(&t)),
                Event::Html(t) => Item::Html(tape.span(&t)),
                Event::InlineHtml(t) => Item::InlineHtml(tape.span(&t)),
                Event::InlineMath(t) => Item::InlineMath(tape.span(&t)),
                Event::DisplayMath(t) => Item::DisplayMath(tape.span(&t)),
                Event::FootnoteReference(t) => Item::FootnoteReference(tape.span(&t)),
                Event::SoftBreak => Item::SoftBreak,
                Event::HardBreak => Item::HardBreak,
                Event::Rule => Item::Rule,
                Event::TaskListMarker(checked) => Item::TaskListMarker(checked),
                Event::Start(tag) => match simple_tag(tag.to_end()) {
                    Some(simple) if simple == tag => Item::Open(tag.to_end()),
                    _ => {
                        tape.tags.push(tag.into_static());
                        Item::Start(tape.tags.len() as u32 - 1)
                    }
                },
                Event::End(end) => Item::End(end),
            };
            tape.items.push(item);
        }
        tape.text.shrink_to_fit();
        tape.items.shrink_to_fit();
        tape.tags.shrink_to_fit();
        tape
    }

    fn span(&mut self, t: &str) -> Span {
        let start = self.text.len() as u32;
        self.text.push_str(t);
        Span {
            start,
            len: t.len() as u32,
        }
    }

    fn str(&self, s: Span) -> &str {
        &self.text[s.start as usize..(s.start + s.len) as usize]
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Event `i`, borrowing its text from the tape.
    pub fn get(&self, i: usize) -> Event<'_> {
        let b = |s: Span| CowStr::Borrowed(self.str(s));
        match self.items[i] {
            Item::Text(s) => Event::Text(b(s)),
            Item::Code(s) => Event::Code(b(s)),
            Item::Html(s) => Event::Html(b(s)),
            Item::InlineHtml(s) => Event::InlineHtml(b(s)),
            Item::InlineMath(s) => Event::InlineMath(b(s)),
            Item::DisplayMath(s) => Event::DisplayMath(b(s)),
            Item::FootnoteReference(s) => Event::FootnoteReference(b(s)),
            Item::SoftBreak => Event::SoftBreak,
            Item::HardBreak => Event::HardBreak,
            Item::Rule => Event::Rule,
            Item::TaskListMarker(checked) => Event::TaskListMarker(checked),
            Item::Open(end) => Event::Start(simple_tag(end).unwrap_or(Tag::Paragraph)),
            Item::Start(t) => Event::Start(borrow_tag(&self.tags[t as usize])),
            Item::End(end) => Event::End(end),
        }
    }

    /// The text of event `i` if it is a text event.
    pub fn text(&self, i: usize) -> Option<&str> {
        match self.items[i] {
            Item::Text(s) => Some(self.str(s)),
            _ => None,
        }
    }
}

/// The tag that `end` closes, when the end alone determines it.
fn simple_tag(end: TagEnd) -> Option<Tag<'static>> {
    Some(match end {
        TagEnd::Paragraph => Tag::Paragraph,
        TagEnd::BlockQuote(kind) => Tag::BlockQuote(kind),
        TagEnd::HtmlBlock => Tag::HtmlBlock,
        TagEnd::List(false) => Tag::List(None),
        TagEnd::Item => Tag::Item,
        TagEnd::DefinitionList => Tag::DefinitionList,
        TagEnd::DefinitionListTitle => Tag::DefinitionListTitle,
        TagEnd::DefinitionListDefinition => Tag::DefinitionListDefinition,
        TagEnd::TableHead => Tag::TableHead,
        TagEnd::TableRow => Tag::TableRow,
        TagEnd::TableCell => Tag::TableCell,
        TagEnd::Emphasis => Tag::Emphasis,
        TagEnd::Strong => Tag::Strong,
        TagEnd::Strikethrough => Tag::Strikethrough,
        TagEnd::Superscript => Tag::Superscript,
        TagEnd::Subscript => Tag::Subscript,
        TagEnd::MetadataBlock(kind) => Tag::MetadataBlock(kind),
        TagEnd::Heading(_)
        | TagEnd::CodeBlock
        | TagEnd::List(true)
        | TagEnd::FootnoteDefinition
        | TagEnd::Table
        | TagEnd::Link
        | TagEnd::Image => return None,
    })
}

/// A copy of `tag` whose strings borrow from it.
fn borrow_tag<'t>(tag: &'t Tag<'static>) -> Tag<'t> {
    let b = |s: &'t CowStr<'static>| CowStr::Borrowed(s.as_ref());
    match tag {
        Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } => Tag::Heading {
            level: *level,
            id: id.as_ref().map(b),
            classes: classes.iter().map(b).collect(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (b(k), v.as_ref().map(b)))
                .collect(),
        },
        Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(lang)) => {
            Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(b(lang)))
        }
        Tag::FootnoteDefinition(label) => Tag::FootnoteDefinition(b(label)),
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type: *link_type,
            dest_url: b(dest_url),
            title: b(title),
            id: b(id),
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type: *link_type,
            dest_url: b(dest_url),
            title: b(title),
            id: b(id),
        },
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    #[test]
    fn every_event_comes_back_as_it_went_in() {
        let md =
            "# Title {#t .c}\n\nSome *em* and **strong** text with `code`, a [link](u \"t\"), \
            ![img](i.png), <b>html</b> and a note.[^1]\n\n- a\n- [x] b\n\n3. three\n4. four\n\n\
            > quote\n\n```rust\nfn x() {}\n```\n\n| a | b |\n|:--|--:|\n| c | d |\n\n---\n\n\
            line  \nbreak ~~gone~~\n\n<div>\nblock\n</div>\n\n[^1]: The note.\n";
        let opts = Options::all();
        let events: Vec<Event> = Parser::new_ext(md, opts).collect();
        let tape = EventTape::new(events.iter().cloned(), md.len());
        assert_eq!(tape.len(), events.len());
        for (i, e) in events.iter().enumerate() {
            assert_eq!(&tape.get(i), e, "event {i}");
        }
        assert!(tape.tags.len() < events.len() / 4, "{}", tape.tags.len());
    }
}
