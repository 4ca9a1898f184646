//! How text becomes search terms. The search script in the theme (`search.js`, `terms()`) applies
//! the same rule to what a reader types, so both sides must change together.
//!
//! The rule: decompose (NFKD), drop combining marks (so "São" is found by "sao"), lower-case;
//! then every run of letters and digits is a term, except in scripts written without spaces
//! between words (Thai, Lao, Khmer, Myanmar, Chinese, Japanese), whose runs become overlapping
//! pairs of characters, so any word inside them can be found without a dictionary.

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

/// Splits text into terms, reusing its buffers between calls (the index reads every study, so
/// this is the index's hot loop: ASCII takes a short path, and nothing is allocated per word).
#[derive(Default)]
pub struct Tokenizer {
    word: String,
    word_chars: usize,
    run: Vec<char>,
    pair: String,
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
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        self.push(l, &mut each);
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
            self.run.push(c);
        } else {
            self.end_run(each);
            self.word.push(c);
            self.word_chars += 1;
        }
    }

    fn end_word(&mut self, each: &mut impl FnMut(&str)) {
        if !self.word.is_empty() {
            if self.word_chars <= MAX_TERM_CHARS {
                each(&self.word);
            }
            self.word.clear();
            self.word_chars = 0;
        }
    }

    /// A run of an unspaced script: its pairs of characters (a lone character stands alone).
    fn end_run(&mut self, each: &mut impl FnMut(&str)) {
        if self.run.is_empty() {
            return;
        }
        if self.run.len() == 1 {
            self.pair.clear();
            self.pair.extend(&self.run);
            each(&self.pair);
        }
        for w in self.run.windows(2) {
            self.pair.clear();
            self.pair.extend(w);
            each(&self.pair);
        }
        self.run.clear();
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
    fn unspaced_scripts_become_pairs() {
        // "ขอนแก่น" (Khon Kaen) without its marks is ขอนแกน: pairs of it.
        assert_eq!(
            terms("เมือง ขอนแก่น smart"),
            ["เม", "มอ", "อง", "ขอ", "อน", "นแ", "แก", "กน", "smart"]
        );
        assert_eq!(terms("東京abc"), ["東京", "abc"]);
        assert_eq!(terms("市"), ["市"]);
    }
}
