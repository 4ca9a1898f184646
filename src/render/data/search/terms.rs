//! The term index: every term of every case study with the studies it occurs in, sorted and
//! split into parts of about equal size, so a reader downloads only the parts that hold the terms
//! typed (a prefix's terms are neighbours, in one part or a few).

use super::tokens::Tokenizer;
use crate::graph::{Id, SiteGraph, StudyNode};
use hashbrown::{DefaultHashBuilder, HashTable};
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

/// Where a term occurs in a study, from the weakest to the strongest (a title match ranks first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Text = 1,
    Heading = 2,
    Summary = 3,
    /// A topic or the country.
    Topic = 4,
    City = 5,
    Title = 6,
}

/// One study a term occurs in, packed: the study's number, then (5 bits) its score. The index
/// of 10,000 studies holds two million of them.
type Posting = u32;

const SCORE_BITS: u32 = 5;

/// The score the search script adds up: the field first, then (up to 4) occurrences.
fn score(field: Field, count: u8) -> u32 {
    field as u32 * 4 + u32::from(count.clamp(1, 4)) - 1
}

/// The built index, one script body per part.
pub struct TermIndex {
    pub parts: Vec<Vec<u8>>,
    /// The first term of each part (parts hold consecutive terms); an empty part takes the next
    /// part's first term, so no term is ever looked for in it.
    pub firsts: Vec<String>,
    pub terms: usize,
    pub postings: usize,
    pub time: Duration,
}

/// Terms by id, each with its postings, filled one study at a time. A study's words are first
/// counted in a small table of its own (which stays in the processor's cache), and each of its
/// distinct terms then takes one lookup in the site's large table.
#[derive(Default)]
struct Builder {
    hasher: DefaultHashBuilder,
    ids: HashTable<u32>,
    terms: Vec<(Box<str>, Vec<Posting>)>,
    /// The current study's distinct terms, their text in `arena`.
    study: HashTable<Local>,
    arena: String,
}

/// A term of the current study: its text (`arena[start..start + len]`), hash, best field, count.
struct Local {
    start: u32,
    len: u32,
    hash: u64,
    field: Field,
    count: u8,
}

impl Builder {
    fn add(&mut self, term: &str, field: Field) {
        let hash = self.hasher.hash_one(term);
        let arena = &self.arena;
        let text = |l: &Local| arena.get(l.start as usize..(l.start + l.len) as usize);
        if let Some(l) = self.study.find_mut(hash, |l| text(l) == Some(term)) {
            l.field = l.field.max(field);
            l.count = l.count.saturating_add(1);
            return;
        }
        let local = Local {
            start: u32::try_from(self.arena.len()).unwrap_or(u32::MAX),
            len: u32::try_from(term.len()).unwrap_or(0),
            hash,
            field,
            count: 1,
        };
        self.arena.push_str(term);
        self.study.insert_unique(hash, local, |l| l.hash);
    }

    /// Moves the current study's terms to their postings lists.
    fn end_study(&mut self, study: u32) {
        for l in self.study.drain() {
            let term = self
                .arena
                .get(l.start as usize..(l.start + l.len) as usize)
                .unwrap_or_default();
            let terms = &mut self.terms;
            let id = match self.ids.find(l.hash, |&id| {
                terms.get(id as usize).is_some_and(|t| &*t.0 == term)
            }) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(terms.len()).unwrap_or(u32::MAX);
                    terms.push((term.into(), Vec::new()));
                    let hasher = &self.hasher;
                    self.ids.insert_unique(l.hash, id, |&i| {
                        hasher.hash_one(terms.get(i as usize).map_or("", |t| &*t.0))
                    });
                    id
                }
            };
            if let Some((_, list)) = terms.get_mut(id as usize) {
                list.push(study << SCORE_BITS | score(l.field, l.count));
            }
        }
        self.arena.clear();
    }
}

impl TermIndex {
    /// Indexes the studies of `g` into `parts` parts. Runs on one thread: the render stage calls
    /// it from one of its own (see `Ctx::search`).
    ///
    /// In a view of a language other than the default, a study not written in that language
    /// shows the same text as in the default language, whose index the search script reads for
    /// it: here only its cities' names are indexed, which are the view's own.
    pub fn build(g: &SiteGraph, parts: usize) -> TermIndex {
        let started = Instant::now();
        let mut builder = Builder::default();
        let mut tokenizer = Tokenizer::default();
        let mut text = String::new();
        let own = own_mask(g);
        // The studies the lists show, in the order of their numbers (a view may leave some out:
        // search does not find them).
        for &id in g.listed_studies() {
            let s = &g.studies[id];
            let study = u32::try_from(id.index()).unwrap_or(u32::MAX);
            let mut add = |field, words: &str| {
                tokenizer.terms(words, |term| builder.add(term, field));
            };
            if own.as_ref().is_none_or(|own| own[id.index()]) {
                each_field(g, s, &mut text, add);
            } else {
                each_city_name(g, s, &mut add);
            }
            builder.end_study(study);
        }
        let mut terms = builder.terms;
        drop(builder.ids);
        // The search script compares strings by UTF-16 code units: sort the same way.
        terms.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        let postings = terms.iter().map(|(_, p)| p.len()).sum();
        let count = terms.len();
        let (parts, firsts) = split(terms, parts.max(1), parts_key(g));
        TermIndex {
            parts,
            firsts,
            terms: count,
            postings,
            time: started.elapsed(),
        }
    }
}

/// Which studies of `g` are its own language's, by number, when some listed ones are not.
fn own_mask(g: &SiteGraph) -> Option<Vec<bool>> {
    let own = g.own_language_studies();
    if own.len() == g.listed_studies().len() {
        return None;
    }
    let mut mask = vec![false; g.studies.len()];
    for s in own {
        mask[s.index()] = true;
    }
    Some(mask)
}

/// The name the parts of `g`'s index call themselves by, so that a search page reading the
/// parts of two languages keeps them apart: the language's code.
pub fn parts_key(g: &SiteGraph) -> &str {
    g.view.as_deref().unwrap_or(&g.config.language)
}

/// Calls `each` with every searchable text of a study and the field it belongs to.
fn each_field(g: &SiteGraph, s: &StudyNode, text: &mut String, mut each: impl FnMut(Field, &str)) {
    each(Field::Title, &s.study.title);
    each_city_name(g, s, &mut each);
    each(Field::Topic, &g.countries[s.country].name);
    for &t in &s.topics {
        each(Field::Topic, &g.topics[t].name);
    }
    each(Field::Summary, s.summary());
    let doc = &s.study.doc;
    for section in &doc.sections {
        if let Some(h) = section.heading.and_then(|h| doc.headings.get(h)) {
            each(Field::Heading, &h.text);
        }
        text.clear();
        doc.append_text(section.events.clone(), text);
        each(Field::Text, text);
    }
}

/// Calls `each` with the names of a study's cities, their other spellings included.
fn each_city_name(g: &SiteGraph, s: &StudyNode, each: &mut impl FnMut(Field, &str)) {
    for &c in &s.cities {
        each(Field::City, &g.cities[c].name);
        for alias in &g.cities[c].aliases {
            each(Field::City, alias);
        }
    }
}

/// Encodes the sorted terms into `n` parts of about equal size, each list freed once written.
/// A part is a classic script, `casebookSearch.terms(KEY, N, [term, postings, term, ...])`
/// (`KEY`: [`parts_key`]), each term's postings a flat list of (study number minus the previous
/// one, score) pairs.
fn split(terms: Vec<(Box<str>, Vec<Posting>)>, n: usize, key: &str) -> (Vec<Vec<u8>>, Vec<String>) {
    let mut head = b"casebookSearch.terms(".to_vec();
    let _ = serde_json::to_writer(&mut head, key);
    let head = |k: usize| {
        let mut out = head.clone();
        out.extend_from_slice(format!(",{k},[").as_bytes());
        out
    };
    // About the bytes a term takes written out: parts are balanced by it.
    let size = |term: &str, postings: &[Posting]| term.len() + 4 + postings.len() * 5;
    let total = terms.iter().map(|(t, p)| size(t, p)).sum::<usize>().max(1);
    let mut parts: Vec<(Vec<u8>, Option<String>)> = Vec::with_capacity(n);
    let mut part = 0;
    let mut done = 0;
    let mut numbers = itoa::Buffer::new();
    for (term, postings) in terms {
        // Part k ends once the terms so far fill k+1 n-ths of the whole.
        while part + 1 < n && done * n >= total * (part + 1) {
            part += 1;
        }
        while parts.len() <= part {
            let k = parts.len();
            let mut out = Vec::with_capacity(total / n + 64);
            out.extend_from_slice(&head(k));
            parts.push((out, None));
        }
        let (out, first) = &mut parts[part];
        if first.is_none() {
            *first = Some(term.to_string());
        } else {
            out.push(b',');
        }
        let _ = serde_json::to_writer(&mut *out, &*term);
        out.extend_from_slice(b",[");
        let mut previous = 0;
        for (i, &p) in postings.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let study = p >> SCORE_BITS;
            out.extend_from_slice(numbers.format(study - previous).as_bytes());
            out.push(b',');
            out.extend_from_slice(numbers.format(p & ((1 << SCORE_BITS) - 1)).as_bytes());
            previous = study;
        }
        out.push(b']');
        done += size(&term, &postings);
    }
    while parts.len() < n {
        let k = parts.len();
        parts.push((head(k), None));
    }
    let mut firsts: Vec<String> = vec![String::new(); n];
    let mut next = "\u{ffff}".to_string();
    for k in (0..n).rev() {
        if let Some(first) = &parts[k].1 {
            next.clone_from(first);
        }
        firsts[k].clone_from(&next);
    }
    let scripts = parts
        .into_iter()
        .map(|(mut out, _)| {
            out.extend_from_slice(b"]);\n");
            out
        })
        .collect();
    (scripts, firsts)
}
