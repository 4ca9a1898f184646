//! Translations tied to their sources: each translation (`x.th.md`) to the study, city profile or
//! page it translates (`x.md`), with what it may not change checked. A translation carries text
//! only: a number of a fast fact or a date that differs from its source's is an error at its
//! line, and so is a fast fact the source does not have. Facts are written once, in the source.

use super::ids::{CityId, Id};
use super::mentions::{scan, MentionMatcher};
use super::{links, DocLinks, DocRef, Missing, SiteGraph};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{Kind, Placed};
use crate::load::{FactValue, FastFact, Translation};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A translation and the document it translates.
#[derive(Debug, Clone)]
pub struct TranslationNode {
    pub translation: Arc<Translation>,
    pub of: DocRef,
    /// City mentions (names in the translation's language included) and link targets of its
    /// text.
    pub links: DocLinks,
    /// Where it stands against its source, decided when the site is resolved (a view of the
    /// site in the translation's language shows the translation in the source's place).
    pub status: Status,
}

/// Where each document's translations are among `nodes`.
pub(super) fn index(nodes: &[TranslationNode]) -> HashMap<DocRef, Vec<usize>> {
    let mut index: HashMap<DocRef, Vec<usize>> = HashMap::new();
    for (i, t) in nodes.iter().enumerate() {
        index.entry(t.of).or_default().push(i);
    }
    index
}

/// Ties every translation to its source, reporting those whose source is missing and what they
/// contradict. A translation of a file that could not be read is left out without a word (that
/// file's own error is reported).
pub(super) fn attach(
    g: &SiteGraph,
    translations: Vec<Arc<Translation>>,
    d: &mut Diagnostics,
) -> Vec<TranslationNode> {
    let layout = g.config.layout();
    let name_of = |path: &Path| match layout.place(path, |_| false) {
        Placed::Content(f) => Some((f.kind, f.name)),
        _ => None,
    };
    let mut sources: HashMap<(Kind, String), DocRef> = HashMap::new();
    for r in g.doc_refs() {
        if let Some(key) = g.doc_source(r).and_then(|o| name_of(&o.path)) {
            sources.insert(key, r);
        }
    }
    let failed: Vec<(Kind, String)> = g.failed.iter().filter_map(|p| name_of(p)).collect();
    let mut nodes = Vec::with_capacity(translations.len());
    for t in translations {
        let key = (t.kind, t.of.clone());
        let Some(&of) = sources.get(&key) else {
            if !failed.contains(&key)
                && !g
                    .drafts
                    .iter()
                    .any(|dr| name_of(&dr.path) == Some(key.clone()))
            {
                d.push(no_source(&t));
            }
            continue;
        };
        check_facts(&t, source_facts(g, of), d);
        if let (Some(date), DocRef::Study(s)) = (&t.date, of) {
            let source = &g.studies[s].study;
            if date.value != source.date {
                d.push(
                    Diagnostic::error(
                        &t.source.path,
                        format!(
                            "this translation is dated {}, but its source {} is dated {}",
                            date.value,
                            source.source.path.display(),
                            source.date
                        ),
                    )
                    .with_code(code::TRANSLATION)
                    .at_position(date.pos)
                    .with_hint("remove `date:` here: a translation takes the date of its source"),
                );
            }
        }
        nodes.push(TranslationNode {
            translation: t,
            of,
            links: DocLinks::default(),
            status: Status::Unstamped,
        });
    }
    nodes
}

/// The fast facts of a translation's source.
fn source_facts(g: &SiteGraph, of: DocRef) -> &[FastFact] {
    match of {
        DocRef::Study(s) => &g.studies[s].study.fast_facts,
        DocRef::City(c) => g.cities[c]
            .profile
            .as_ref()
            .map_or(&[][..], |p| &p.fast_facts),
        DocRef::Page(_) => &[],
    }
}

/// Each fact of the translation must be one its source has; a number must be the source's.
fn check_facts(t: &Translation, source: &[FastFact], d: &mut Diagnostics) {
    for fact in &t.fast_facts {
        let Some(theirs) = source.iter().find(|f| f.key == fact.key) else {
            d.push(
                Diagnostic::error(&t.source.path, format!("the source has no fast fact `{}`", fact.key))
                    .with_code(code::TRANSLATION)
                    .at_position(fact.pos)
                    .with_hint("facts are written once, in the source; a translation translates the texts the source has"),
            );
            continue;
        };
        let differs = match (&fact.value, &theirs.value) {
            (FactValue::Population(a), FactValue::Population(b)) => a != b,
            (FactValue::Year(a), FactValue::Year(b)) => a != b,
            (FactValue::AreaKm2(a), FactValue::AreaKm2(b)) => a.to_bits() != b.to_bits(),
            _ => false,
        } || (fact.source.year.is_some() && fact.source.year != theirs.source.year);
        if differs {
            d.push(
                Diagnostic::error(
                    &t.source.path,
                    format!(
                        "`{}` is {} here but {} in the source",
                        fact.key,
                        shown(fact),
                        shown(theirs)
                    ),
                )
                .with_code(code::TRANSLATION)
                .at_position(fact.pos)
                .with_hint("a translation takes the numbers of its source: remove the number here, or write the source's"),
            );
        }
    }
}

/// A fact's value as messages show it.
fn shown(f: &FastFact) -> String {
    let value = match &f.value {
        FactValue::Population(n) => crate::text::thousands(*n),
        FactValue::AreaKm2(a) => crate::text::decimal(*a, ",", "."),
        FactValue::Year(y) => y.to_string(),
        FactValue::Text(t) => t.clone(),
        FactValue::List(items) => items.join("; "),
    };
    match f.source.year {
        Some(y) => format!("{value} ({y})"),
        None => value,
    }
}

/// A stamped translation whose source is gone, or a file that is no source's translation.
fn no_source(t: &Translation) -> Diagnostic {
    let source = crate::layout::Layout::file_of(t.kind, &t.of, false, None);
    let d = Diagnostic::error(
        &t.source.path,
        format!(
            "this translation's source is gone: there is no `{}`",
            source.display()
        ),
    )
    .with_code(code::TRANSLATION);
    match &t.stamp {
        Some(stamp) => d.at_position(stamp.pos).with_hint(
            "restore or rename the source to match, or make this file the source: remove `translated_from:` and give it the source's fields",
        ),
        None => d.with_hint("restore the source, or rename this file to match it"),
    }
}

/// Finds the city mentions and link targets of every translation's text. In a translation, a
/// city is found by its name in that language too (`names:` of its profile, or the name of the
/// profile's translation), inside unspaced text as well.
pub(super) fn link_texts(g: &mut SiteGraph, missing: &Missing, d: &mut Diagnostics) {
    // One name finder per language, made before any text is read.
    let mut matchers: HashMap<&str, Option<MentionMatcher>> = HashMap::new();
    for node in &g.translations {
        let language = node.translation.language.as_str();
        matchers
            .entry(language)
            .or_insert_with(|| MentionMatcher::new(names_in(g, language)).ok());
    }
    let mut found: Vec<DocLinks> = Vec::with_capacity(g.translations.len());
    for node in &g.translations {
        let t = &node.translation;
        let mut doc_links = DocLinks::default();
        if t.autolink {
            if let Some(Some(matcher)) = matchers.get(t.language.as_str()) {
                let own = match node.of {
                    DocRef::Study(s) => {
                        let cities = &g.studies[s].cities;
                        (cities.len() == 1).then(|| cities[0])
                    }
                    DocRef::City(c) => Some(c),
                    DocRef::Page(_) => None,
                };
                doc_links.mentions = scan(matcher, &t.doc, own).0.mentions;
            }
        }
        match links::resolve_doc(g, node.of, &t.doc, &t.source, missing) {
            Ok(targets) => doc_links.targets = targets,
            Err(problems) => d.extend(problems),
        }
        found.push(doc_links);
    }
    drop(matchers);
    let statuses: Vec<Status> = g.translations.iter().map(|t| g.status_now(t)).collect();
    for ((node, l), status) in g.translations.iter_mut().zip(found).zip(statuses) {
        node.links = l;
        node.status = status;
    }
}

/// Every name a city may be written by in a text in `language`: its own, its aliases, its name
/// in that language and the aliases of its profile's translation.
fn names_in<'g>(g: &'g SiteGraph, language: &'g str) -> impl Iterator<Item = (String, usize)> + 'g {
    g.cities.enumerate().flat_map(move |(id, c)| {
        let translated = g.city_translation(id, language);
        let local = g.city_name_in(id, language);
        std::iter::once(c.name.clone())
            .chain(c.aliases.iter().cloned())
            .chain((local != c.name).then(|| local.to_string()))
            .chain(
                translated
                    .into_iter()
                    .flat_map(|t| t.aliases.iter().map(|a| a.value.clone())),
            )
            .map(|n| (crate::text::nfc(&n), id.index()))
            .collect::<Vec<_>>()
    })
}

impl SiteGraph {
    /// The translation of `of` into `language`, if it has one.
    pub fn translation(&self, of: DocRef, language: &str) -> Option<&TranslationNode> {
        self.translations_of_doc(of)
            .find(|t| t.translation.language == language)
    }

    /// The source files of the documents that the translation files among `files` (into
    /// `language`, or any) translate.
    pub fn sources_translated_by(&self, files: &[PathBuf], language: Option<&str>) -> Vec<&Path> {
        self.translations
            .iter()
            .filter(|t| language.is_none_or(|l| t.translation.language == l))
            .filter(|t| files.contains(&t.translation.source.path))
            .filter_map(|t| self.doc_source(t.of))
            .map(|o| o.path.as_path())
            .collect()
    }

    /// Whether `path` is the file of one of the site's translations.
    pub fn is_translation_file(&self, path: &Path) -> bool {
        self.translations
            .iter()
            .any(|t| t.translation.source.path == path)
    }

    /// The translations of `of`, in the order of their files.
    pub fn translations_of_doc(&self, of: DocRef) -> impl Iterator<Item = &TranslationNode> {
        self.translations_of
            .get(&of)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.translations.get(i))
    }

    /// The translation of a city's profile into `language`.
    pub fn city_translation(&self, c: CityId, language: &str) -> Option<&Translation> {
        self.translation(DocRef::City(c), language)
            .map(|t| &*t.translation)
    }

    /// A city's name in `language`: its profile translation's, else `names:` of its profile,
    /// else its name.
    pub fn city_name_in(&self, c: CityId, language: &str) -> &str {
        let city = &self.cities[c];
        if let Some(t) = self.city_translation(c, language) {
            return &t.title.value;
        }
        city.profile
            .as_ref()
            .and_then(|p| p.names.iter().find(|(code, _)| code == language))
            .map_or(&city.name, |(_, n)| &n.value)
    }

    /// The languages (codes) a document exists in other than its source's, in the order of its
    /// translations' files.
    pub fn translation_languages(&self, of: DocRef) -> impl Iterator<Item = &str> {
        self.translations_of_doc(of)
            .map(|t| t.translation.language.as_str())
    }
}

/// Where a translation stands against its source, by its `translated_from:` stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Every part of the source is as it was when the translation was stamped.
    Current,
    /// These parts of the source (`title`, `summary`, `facts`, a section's anchor) changed,
    /// appeared or went since.
    Outdated(Vec<String>),
    /// The translation has no stamp: nobody can tell.
    Unstamped,
}

impl Status {
    pub fn name(&self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Outdated(_) => "outdated",
            Status::Unstamped => "unstamped",
        }
    }
}

/// A short fingerprint of a text (FNV-1a, 48 bits, in hex), blind to how its white space is
/// laid out: re-wrapping a paragraph does not outdate its translations.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for word in text.split_whitespace() {
        for b in word.bytes().chain(std::iter::once(b' ')) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:012x}", hash & 0xffff_ffff_ffff)
}

impl SiteGraph {
    /// The parts of a document's source a translation follows, each with its fingerprint:
    /// `title` (a city's name), `summary`, `facts` (their texts) and each section, by its
    /// heading's anchor (`intro` before the first heading).
    pub fn source_parts(&self, of: DocRef) -> Vec<(String, String)> {
        let (title, summary, facts, doc): (&str, Option<&str>, &[FastFact], _) = match of {
            DocRef::Study(s) => {
                let st = &self.studies[s].study;
                (&st.title, st.summary.as_deref(), &st.fast_facts, &st.doc)
            }
            DocRef::City(c) => match &self.cities[c].profile {
                Some(p) => (&p.name.value, p.summary.as_deref(), &p.fast_facts, &p.doc),
                None => return Vec::new(),
            },
            DocRef::Page(p) => {
                let page = &self.pages[p].page;
                (&page.title, page.summary.as_deref(), &[][..], &page.doc)
            }
        };
        let mut parts = vec![("title".to_string(), fingerprint(title))];
        if let Some(summary) = summary {
            parts.push(("summary".to_string(), fingerprint(summary)));
        }
        let texts: Vec<String> = facts
            .iter()
            .filter_map(|f| match &f.value {
                FactValue::Text(t) => Some(format!("{}: {t}", f.key)),
                FactValue::List(items) => Some(format!("{}: {}", f.key, items.join("\n"))),
                _ => None,
            })
            .collect();
        if !texts.is_empty() {
            parts.push(("facts".to_string(), fingerprint(&texts.join("\n"))));
        }
        for section in &doc.sections {
            let mut text = String::new();
            let name = match section.heading.and_then(|h| doc.headings.get(h)) {
                Some(h) => {
                    text.push_str(&h.text);
                    text.push('\n');
                    h.id.clone()
                }
                None => "intro".to_string(),
            };
            doc.append_text(section.events.clone(), &mut text);
            if name == "intro" && text.trim().is_empty() {
                continue;
            }
            parts.push((name, fingerprint(&text)));
        }
        parts
    }

    /// Where a translation stands against its source.
    pub fn translation_status(&self, t: &TranslationNode) -> Status {
        t.status.clone()
    }

    /// Where a translation stands against its source as this graph has it.
    fn status_now(&self, t: &TranslationNode) -> Status {
        let Some(stamp) = &t.translation.stamp else {
            return Status::Unstamped;
        };
        let now = self.source_parts(t.of);
        let mut changed: Vec<String> = now
            .iter()
            .filter(|(name, print)| !stamp.parts.iter().any(|(n, p)| n == name && p == print))
            .map(|(name, _)| name.clone())
            .collect();
        changed.extend(
            stamp
                .parts
                .iter()
                .filter(|(name, _)| !now.iter().any(|(n, _)| n == name))
                .map(|(name, _)| name.clone()),
        );
        if changed.is_empty() {
            Status::Current
        } else {
            Status::Outdated(changed)
        }
    }
}
