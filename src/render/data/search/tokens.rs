//! How text becomes search terms. The search script in the theme (`search.js`, `terms()`) applies
//! the same rule to what a reader types, so both sides must change together.
//!
//! The rule: decompose (NFKD) and lower-case; drop the combining marks of Latin letters only (so
//! "São" is found by "sao" and "Đà Nẵng" by "da nang": the stroked letters no decomposition
//! folds, Đ Ł Ø Ħ, become d l o h), and keep every other script's marks, which change the word
//! (Thai `น้ำ` "water" is not `นา` "rice field"). Every run of letters and digits (with their
//! marks) is a term, except in scripts written without spaces between words (Thai, Lao, Khmer,
//! Myanmar, Chinese, Japanese), whose runs become overlapping pairs of clusters (a character with
//! its marks), so any word inside them can be found without a dictionary.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Longer runs are not words a reader types (URLs, hashes): not indexed.
const MAX_TERM_CHARS: usize = 40;

/// Whether `c` belongs to a script written without spaces between words.
pub fn unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
    )
}

/// Whether `c` is a Latin letter, whose combining marks are folded away.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Latin letters with a stroke, which no decomposition takes apart: folded by hand.
fn unstroked(c: char) -> char {
    match c {
        'Đ' | 'đ' | 'Ɖ' => 'd',
        'Ł' | 'ł' => 'l',
        'Ø' | 'ø' => 'o',
        'Ħ' | 'ħ' => 'h',
        _ => c,
    }
}

/// What the last character went into, for the combining marks that follow it.
#[derive(Default, Clone, Copy, PartialEq)]
enum Last {
    #[default]
    Nothing,
    Latin,
    Word,
    Run,
}

/// Splits text into terms, reusing its buffers between calls (the index reads every study, so
/// this is the index's hot loop: ASCII takes a short path, and nothing is allocated per word).
#[derive(Default)]
pub struct Tokenizer {
    word: String,
    word_chars: usize,
    /// The current run of an unspaced script, and where each of its clusters starts.
    run: String,
    clusters: Vec<usize>,
    last: Last,
}

impl Tokenizer {
    /// Calls `each` with every term of `text`, in order.
    pub fn terms(&mut self, text: &str, mut each: impl FnMut(&str)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    let start = i;
                    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                        i += 1;
                    }
                    self.end_run(&mut each);
                    let ascii = text.get(start..i).unwrap_or_default();
                    let from = self.word.len();
                    self.word.push_str(ascii);
                    if let Some(added) = self.word.get_mut(from..) {
                        added.make_ascii_lowercase();
                    }
                    self.word_chars += ascii.len();
                    self.last = Last::Latin;
                    continue;
                }
                self.end_word(&mut each);
                self.end_run(&mut each);
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            decompose_compatible(c, |d| {
                if is_combining_mark(d) {
                    self.push_mark(d);
                } else {
                    let base = unstroked(d);
                    for l in base.to_lowercase() {
                        self.push(l, &mut each);
                    }
                    if self.last == Last::Word && is_latin(base) {
                        self.last = Last::Latin;
                    }
                }
            });
        }
        self.end_word(&mut each);
        self.end_run(&mut each);
    }

    /// One folded character that is not ASCII.
    fn push(&mut self, c: char, each: &mut impl FnMut(&str)) {
        if !c.is_alphanumeric() {
            self.end_word(each);
            self.end_run(each);
        } else if unspaced(c) {
            self.end_word(each);
            self.clusters.push(self.run.len());
            self.run.push(c);
            self.last = Last::Run;
        } else {
            self.end_run(each);
            self.word.push(c);
            self.word_chars += 1;
            self.last = Last::Word;
        }
    }

    /// A combining mark: part of the character before it, except on a Latin letter (folded
    /// away) or after no letter at all.
    fn push_mark(&mut self, mark: char) {
        match self.last {
            Last::Word => {
                self.word.push(mark);
                self.word_chars += 1;
            }
            Last::Run => self.run.push(mark),
            Last::Latin | Last::Nothing => {}
        }
    }

    fn end_word(&mut self, each: &mut impl FnMut(&str)) {
        self.last = Last::Nothing;
        if !self.word.is_empty() {
            if self.word_chars <= MAX_TERM_CHARS {
                each(&self.word);
            }
            self.word.clear();
            self.word_chars = 0;
        }
    }

    /// A run of an unspaced script: its pairs of clusters (a lone cluster stands alone).
    fn end_run(&mut self, each: &mut impl FnMut(&str)) {
        if self.run.is_empty() {
            return;
        }
        self.last = Last::Nothing;
        let n = self.clusters.len();
        let end = |i: usize| self.clusters.get(i).copied().unwrap_or(self.run.len());
        if n == 1 {
            each(&self.run);
        }
        for i in 0..n.saturating_sub(1) {
            each(
                self.run
                    .get(self.clusters[i]..end(i + 2))
                    .unwrap_or_default(),
            );
        }
        self.run.clear();
        self.clusters.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::Tokenizer;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Tokenizer::default().terms(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn words_are_folded() {
        assert_eq!(
            terms("São Paulo's 2020 plan: ŒUVRE, Zürich-based!"),
            ["sao", "paulo", "s", "2020", "plan", "œuvre", "zurich", "based"]
        );
        assert_eq!(terms("147,579 km²"), ["147", "579", "km2"]);
        assert!(terms("").is_empty());
        assert!(terms(&"x".repeat(41)).is_empty());
    }

    #[test]
    fn unspaced_scripts_become_pairs_of_clusters() {
        // Thai keeps its marks: each pair is of two characters with their marks.
        assert_eq!(
            terms("เมือง ขอนแก่น smart"),
            ["เมื", "มือ", "อง", "ขอ", "อน", "นแ", "แก่", "ก่น", "smart"]
        );
        assert_eq!(terms("東京abc"), ["東京", "abc"]);
        assert_eq!(terms("市"), ["市"]);
    }

    #[test]
    fn only_latin_marks_are_folded() {
        // "water" is not "rice field"; Chiang Mai keeps its vowels and tone mark.
        assert_ne!(terms("น้ำ"), terms("นา"));
        assert!(
            terms("เชียงใหม่").contains(&"หม่".to_string()),
            "{:?}",
            terms("เชียงใหม่")
        );
        assert_eq!(terms("Đà Nẵng"), ["da", "nang"]);
        assert_eq!(terms("đường Łódź Øresund"), ["duong", "lodz", "oresund"]);
        assert_eq!(terms("São"), ["sao"]);
        // A mark after no letter is nothing.
        assert_eq!(terms("\u{301}x"), ["x"]);
    }
}
