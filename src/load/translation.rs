//! Reading a translation (`x.th.md` beside its source `x.md`): the text of a case study, a city
//! profile or a free page in another language. A translation carries text only; the fields
//! that belong to the source (the date, cities, country, topics, sources, coordinates...) are
//! refused at their line, except the numbers of the fast facts and the date, which may be
//! repeated and are compared with the source's when the site is resolved.

use super::content::*;
use super::frontmatter::{Fields, Node, Value};
use super::items::{parse_body, parse_file, read_fast_facts, read_redirects, spanned, SourceFile};
use crate::config::SiteConfig;
use crate::diagnostics::code;
use crate::diagnostics::Diagnostics;
use crate::layout::Kind;
use crate::text::Date;

/// What the file of a translation is: its kind, language and the name it shares with its source.
pub(super) struct Of {
    pub kind: Kind,
    pub language: String,
    pub name: String,
}

/// The fields each kind's source owns, which a translation may not state.
fn source_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Study => &[
            "city", "cities", "country", "topics", "related", "sources", "slug",
        ],
        Kind::City => &["country", "coordinates", "partners", "slug"],
        Kind::Page => &["slug"],
    }
}

pub(super) fn load_translation(
    source: SourceFile,
    of: Of,
    config: &SiteConfig,
    d: &mut Diagnostics,
) -> Option<Translation> {
    let (node, body_start, body_line) = parse_file(&source, d)?;
    let errors_before = d.error_count();
    let mut f = Fields::new(&node, &source.text, &source.path, d);
    let title_key = match of.kind {
        Kind::City => "name",
        Kind::Study | Kind::Page => "title",
    };
    let title_pos = f.get(title_key).map(|n| n.pos);
    let title = f
        .required_text(title_key, "the title in this language")
        .zip(title_pos);
    let summary = f.text("summary", "One sentence in this language");
    let (aliases, region) = match of.kind {
        Kind::City => (
            spanned(f.text_list("aliases", "another spelling")),
            f.text("region", "the region, in this language"),
        ),
        Kind::Study | Kind::Page => (Vec::new(), None),
    };
    let fast_facts = match of.kind {
        Kind::Page => Vec::new(),
        Kind::Study | Kind::City => f
            .get("fast_facts")
            .map(|n| read_fast_facts(n, &mut f, config))
            .unwrap_or_default(),
    };
    let date = match of.kind {
        Kind::Study => read_date(&mut f),
        Kind::City | Kind::Page => None,
    };
    let draft = f.bool("draft").unwrap_or(false);
    let autolink = f.bool("autolink").unwrap_or(true);
    let stamp = f.get("translated_from").and_then(|n| read_stamp(n, &mut f));
    let redirect_from = read_redirects(&mut f);
    // What follows is reported, but the translation is kept, so that the site's checks of it
    // (its numbers against the source's) are reported in the same run.
    let unusable = f.diagnostics.error_count() > errors_before;
    for key in source_fields(of.kind) {
        if let Some(node) = f.get(key) {
            f.error(
                code::TRANSLATION,
                node.pos,
                format!("`{key}` belongs to the source: a translation carries text only"),
                "remove it here; the translation takes it from the file in the site's default language",
            );
        }
    }
    f.finish();
    let before_body = d.error_count();
    let doc = std::sync::Arc::new(parse_body(&source, body_start, body_line, config, d));
    if unusable || d.error_count() > before_body {
        return None;
    }
    let (title, pos) = title?;
    Some(Translation {
        kind: of.kind,
        language: of.language,
        of: of.name,
        title: Spanned { value: title, pos },
        summary,
        aliases,
        region,
        fast_facts,
        date,
        draft,
        autolink,
        stamp,
        redirect_from,
        doc,
        source: Origin { path: source.path },
    })
}

/// A date the translation repeats, with where it is written.
fn read_date(f: &mut Fields) -> Option<Spanned<Date>> {
    let pos = f.get("date")?.pos;
    let text = f.text("date", "2023-07-05")?;
    match Date::parse(&text) {
        Some(value) => Some(Spanned { value, pos }),
        None => {
            f.error(
                code::BAD_DATE,
                pos,
                format!("`date` is not a valid date: `{text}`"),
                "remove it: a translation takes the date of its source",
            );
            None
        }
    }
}

/// `translated_from: {title: 9f2c…, background: 41d0…}`: a fingerprint per part of the source.
fn read_stamp(node: &Node, f: &mut Fields) -> Option<Stamp> {
    let hint = "`casebook new translation` and `casebook translations --stamp FILE` write this: leave it as they wrote it";
    let Value::Map(entries) = &node.value else {
        f.error(
            code::TRANSLATION,
            node.pos,
            "`translated_from` must map the parts of the source to their fingerprints",
            hint,
        );
        return None;
    };
    let mut parts = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        match value.as_text() {
            Some(print) if !print.is_empty() => parts.push((key.name.clone(), print)),
            _ => f.error(
                code::TRANSLATION,
                value.pos,
                format!("the fingerprint of `{}` must be text", key.name),
                hint,
            ),
        }
    }
    Some(Stamp {
        parts,
        pos: node.pos,
    })
}
