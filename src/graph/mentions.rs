//! Mentions: city names found in the text of every document. The first mention of each other
//! city in a document becomes a link to its page, and the city's page lists the document under
//! "mentioned in", with the sentence around the mention.
//!
//! One Aho-Corasick automaton holds every city name and alias, so scanning a text costs the
//! same whatever the number of cities. Matches are leftmost-longest ("New York" wins over
//! "York", "Khon Kaen" over "Khon") and must stand as whole words, except in scripts written
//! without spaces between words (Thai, Lao, Khmer, Burmese, Chinese, Japanese), where a name
//! inside a run of letters still counts.
//!
//! The automaton is run anchored, only where a name may start: at a byte that begins some name,
//! at the start of a word (or anywhere in an unspaced script). Most of a text is skipped by a
//! table lookup per byte, which is several times faster than walking the automaton over it.

use super::ids::{CityId, Id};
use super::{Backlink, DocLinks, DocRef, Mention, SiteGraph};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::markdown::Document;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use rayon::prelude::*;
use std::ops::Range;

/// Links the first mention of each other city in every document's text; returns the bytes of
/// text scanned and the number of links made.
pub(super) fn link(g: &mut SiteGraph, d: &mut Diagnostics) -> (usize, usize) {
    let matcher = match city_matcher(g) {
        Ok(m) => m,
        Err(e) => {
            d.push(
                Diagnostic::warning("content/cities", format!("city names cannot be linked in the text: {e}"))
                    .with_code(code::TOO_LARGE)
                    .with_hint("the site has too many or too long city names and aliases for the name finder; the pages are built without city links"),
            );
            return (0, 0);
        }
    };
    let matcher = std::sync::Arc::new(matcher);
    g.matcher = Some(matcher.clone());
    let scan = |doc: &Document, own: Option<CityId>| scan(&matcher, doc, own);
    let study_results: Vec<Scan> = g
        .studies
        .as_slice()
        .par_iter()
        .map(|s| {
            let own = (s.cities.len() == 1).then(|| s.cities[0]);
            if s.study.autolink {
                scan(&s.study.doc, own)
            } else {
                Default::default()
            }
        })
        .collect();
    let city_results: Vec<Scan> = g
        .cities
        .as_slice()
        .par_iter()
        .enumerate()
        .map(|(id, c)| match &c.profile {
            Some(p) if p.autolink => scan(&p.doc, Some(CityId::from_index(id))),
            _ => Default::default(),
        })
        .collect();
    let page_results: Vec<Scan> = g
        .pages
        .as_slice()
        .par_iter()
        .map(|p| {
            if p.page.autolink {
                scan(&p.page.doc, None)
            } else {
                Default::default()
            }
        })
        .collect();

    let (mut scanned, mut found) = (0, 0);
    let mut add = |from: DocRef, (links, backlinks, bytes): Scan, g: &mut SiteGraph| -> DocLinks {
        scanned += bytes;
        found += links.mentions.len();
        for city in backlinks {
            g.cities[city].mentioned_in.push(Backlink { from });
        }
        links
    };
    for (s, result) in g.studies.ids().zip(study_results) {
        g.studies[s].links = add(DocRef::Study(s), result, g);
    }
    for (c, result) in g.cities.ids().zip(city_results) {
        g.cities[c].links = add(DocRef::City(c), result, g);
    }
    for (p, result) in g.pages.ids().zip(page_results) {
        g.pages[p].links = add(DocRef::Page(p), result, g);
    }
    (scanned, found)
}

/// The name finder for every city name and alias of the site.
pub(super) fn city_matcher(g: &SiteGraph) -> Result<MentionMatcher, aho_corasick::BuildError> {
    let names = g.cities.enumerate().flat_map(|(id, c)| {
        std::iter::once((c.name.clone(), id.index()))
            .chain(c.aliases.iter().map(move |a| (a.clone(), id.index())))
    });
    MentionMatcher::new(names)
}

/// What scanning one document found: its city links, the cities it mentions (in order) and how
/// many bytes of text were read.
pub(super) type Scan = (DocLinks, Vec<CityId>, usize);

/// Finds the first mention of each city other than `own` in a document's text.
pub(super) fn scan(matcher: &MentionMatcher, doc: &Document, own: Option<CityId>) -> Scan {
    let mut links = DocLinks::default();
    let mut bytes = 0;
    // A document names a handful of cities: a short list beats a hash set.
    let mut seen: Vec<CityId> = Vec::new();
    for &event in &doc.linkable {
        let Some(text) = doc.events.text(event) else {
            continue;
        };
        bytes += text.len();
        // A line break inside a paragraph reads as a space: a name wrapped across two lines
        // is found, and an excerpt is one sentence. Both are one byte, so ranges still fit.
        let spaced;
        let text = if text.contains('\n') {
            spaced = text.replace('\n', " ");
            spaced.as_str()
        } else {
            text
        };
        for found in matcher.find_all(text) {
            let city = CityId::from_index(found.city);
            if Some(city) == own || seen.contains(&city) {
                continue;
            }
            seen.push(city);
            links.mentions.push(Mention {
                event,
                range: found.range,
                city,
            });
        }
    }
    (links, seen, bytes)
}

/// The city ids behind each pattern, in pattern order.
#[derive(Debug)]
pub struct MentionMatcher {
    automaton: Option<AhoCorasick>,
    city_of_pattern: Vec<usize>,
    /// Bytes that begin at least one name.
    starts: [bool; 256],
    /// Every name begins with an uppercase ASCII letter or a non-ASCII byte, so text can be
    /// skipped eight bytes at a time ([`next_candidate`]).
    capital_starts: bool,
}

/// One name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub city: usize,
}

impl MentionMatcher {
    /// `names` are (name in NFC, city id) pairs; empty names are skipped. Fails only when the
    /// automaton would be too large.
    pub fn new(
        names: impl IntoIterator<Item = (String, usize)>,
    ) -> Result<Self, aho_corasick::BuildError> {
        let (patterns, city_of_pattern): (Vec<String>, Vec<usize>) = names
            .into_iter()
            .filter(|(n, _)| !n.trim().is_empty())
            .unzip();
        let mut starts = [false; 256];
        for p in &patterns {
            starts[usize::from(p.as_bytes()[0])] = true;
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .build(&patterns)?,
            )
        };
        let capital_starts = starts
            .iter()
            .enumerate()
            .all(|(b, &on)| !on || (b as u8).is_ascii_uppercase() || b >= 0x80);
        Ok(MentionMatcher {
            automaton,
            city_of_pattern,
            starts,
            capital_starts,
        })
    }

    /// Every whole-word match in `text`, left to right, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Found> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if self.capital_starts {
                at = next_candidate(bytes, at);
                if at >= bytes.len() {
                    break;
                }
            }
            if !self.starts[usize::from(bytes[at])] || !text.is_char_boundary(at) {
                at += 1;
                continue;
            }
            let first = text[at..].chars().next();
            if joins_word(text[..at].chars().next_back(), first) {
                at += 1;
                continue;
            }
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            match ac.find(input) {
                Some(m)
                    if !joins_word(
                        text[m.end()..].chars().next(),
                        text[..m.end()].chars().next_back(),
                    ) =>
                {
                    found.push(Found {
                        range: m.start()..m.end(),
                        city: self.city_of_pattern[m.pattern().as_usize()],
                    });
                    at = m.end();
                }
                _ => at += 1,
            }
        }
        found
    }
}

/// The first position from `at` holding an uppercase ASCII letter or a non-ASCII byte (or the
/// end), found eight bytes at a time: most of a text is lowercase letters and spaces.
fn next_candidate(bytes: &[u8], mut at: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let low = w & !HIGH;
        // Per byte, without carries between bytes: b >= 'A' and b >= '[' (one past 'Z').
        let from_a = (low + 0x3f3f_3f3f_3f3f_3f3f) & HIGH;
        let past_z = (low + 0x2525_2525_2525_2525) & HIGH;
        let hits = (w & HIGH) | (from_a & !past_z);
        if hits != 0 {
            return at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && !(bytes[at].is_ascii_uppercase() || bytes[at] >= 0x80) {
        at += 1;
    }
    at
}

/// Whether `neighbour` would glue onto `edge` to make one word.
fn joins_word(neighbour: Option<char>, edge: Option<char>) -> bool {
    match (neighbour, edge) {
        (Some(n), Some(e)) if n.is_alphanumeric() => {
            !(is_unspaced_script(n) && is_unspaced_script(e))
        }
        _ => false,
    }
}

/// Letters of scripts that do not put spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF   // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
    )
}

/// What "mentioned in" quotes of a mention at `range` of a text event: its sentence, with line
/// breaks read as spaces, shortened to about 220 characters.
pub fn excerpt(text: &str, range: Range<usize>) -> String {
    sentence_around(text, range, 220)
}

/// The sentence around `range` in `text` (line breaks read as spaces), shortened to about `max`
/// characters. A sentence ends at `.`, `!` or `?` and, before the next one starts, a space.
pub fn sentence_around(text: &str, range: Range<usize>, max: usize) -> String {
    let bytes = text.as_bytes();
    let ends = |b: u8| matches!(b, b'.' | b'!' | b'?');
    // The bytes compared are ASCII, so every position found is a character boundary.
    let start = (2..range.start)
        .rev()
        .find(|&i| ends(bytes[i - 2]) && matches!(bytes[i - 1], b' ' | b'\n'))
        .unwrap_or(0);
    let end = (bytes.get(range.end..).unwrap_or_default().iter())
        .position(|&b| ends(b))
        .map_or(text.len(), |i| range.end + i + 1);
    let span = text[start..end].replace('\n', " ");
    let sentence = span.trim();
    if sentence.chars().count() <= max {
        return sentence.to_string();
    }
    // Keep the mention in view: cut around it rather than at the sentence start.
    let lead = text[start..range.start].chars().count();
    let skip = lead.saturating_sub(max / 3);
    let tail: String = span.chars().skip(skip).collect();
    let shortened = crate::text::shorten(&tail, max);
    if skip > 0 {
        format!("…{}", shortened.trim_start())
    } else {
        shortened
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(names: &[&str]) -> MentionMatcher {
        MentionMatcher::new(names.iter().enumerate().map(|(i, n)| (n.to_string(), i)))
            .expect("a small automaton builds")
    }

    fn found(m: &MentionMatcher, text: &str) -> Vec<(String, usize)> {
        m.find_all(text)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.city))
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        let m = matcher(&["York", "New York", "Khon", "Khon Kaen"]);
        assert_eq!(
            found(&m, "From New York to York."),
            vec![("New York".into(), 1), ("York".into(), 0)]
        );
        assert_eq!(
            found(&m, "Khon Kaen University"),
            vec![("Khon Kaen".into(), 3)]
        );
    }

    #[test]
    fn whole_words_only_in_spaced_scripts() {
        let m = matcher(&["Bath", "ขอนแก่น"]);
        assert!(found(&m, "Bathurst and bathing").is_empty());
        assert_eq!(found(&m, "in Bath."), vec![("Bath".into(), 0)]);
        assert_eq!(found(&m, "จังหวัดขอนแก่นเป็น"), vec![("ขอนแก่น".into(), 1)]);
    }

    #[test]
    fn candidates_are_capitals_and_non_ascii_bytes() {
        let text = "the city of phuket and Busan, then ขอนแก่น and more lowercase text Z";
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut seen = Vec::new();
        while at < bytes.len() {
            at = next_candidate(bytes, at);
            if at < bytes.len() {
                seen.push(at);
                at += 1;
            }
        }
        let expected: Vec<usize> = (0..bytes.len())
            .filter(|&i| bytes[i].is_ascii_uppercase() || bytes[i] >= 0x80)
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn sentence_excerpt_is_the_sentence() {
        let text = "First one. The projects in Phuket emerged from a partnership. Last.";
        let start = text.find("Phuket").expect("present");
        assert_eq!(
            sentence_around(text, start..start + 6, 200),
            "The projects in Phuket emerged from a partnership."
        );
    }
}
