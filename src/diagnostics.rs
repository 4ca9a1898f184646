//! Errors and warnings that editors can act on.
//!
//! Every problem found in content, configuration or templates becomes a [`Diagnostic`]: a value
//! naming the file, the line and column (counted in the whole file, front matter included), the
//! offending line, what is wrong and what to do about it. Stages collect diagnostics instead of
//! stopping at the first one, so one build reports every problem; `main` prints them.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub fn new(line: usize, col: usize) -> Self {
        Position { line, col }
    }
}

/// One problem, with everything needed to print a helpful message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path of the file, relative to the site root where possible.
    pub file: PathBuf,
    /// Where the problem is; `None` for problems about a whole file or folder.
    pub position: Option<Position>,
    /// How many characters the caret underline spans (at least 1).
    pub span: usize,
    pub message: String,
    /// The text of the offending line, quoted under the message (a window of it around the
    /// column when the line is long).
    pub source_line: Option<String>,
    /// How many characters of the line the quote leaves out before it.
    pub quote_start: usize,
    pub hint: Option<String>,
    /// What kind of problem this is, stable across releases (see [`code`]).
    pub code: &'static str,
}

/// The stable codes of problems, for tools that read `check --format json` (documented in
/// docs/diagnostics.md). One place names them all.
pub mod code {
    pub const YAML_SYNTAX: &str = "yaml-syntax";
    pub const FRONT_MATTER: &str = "front-matter";
    pub const TOO_LARGE: &str = "too-large";
    pub const MISSING_FIELD: &str = "missing-field";
    pub const WRONG_TYPE: &str = "wrong-type";
    pub const BAD_DATE: &str = "bad-date";
    pub const UNKNOWN_KEY: &str = "unknown-key";
    pub const BAD_SLUG: &str = "bad-slug";
    pub const BAD_CONFIG: &str = "bad-config";
    pub const BAD_URL: &str = "bad-url";
    pub const UNSAFE_URL: &str = "unsafe-url";
    pub const FORBIDDEN_CHARACTER: &str = "forbidden-character";
    pub const UNREADABLE: &str = "unreadable";
    pub const NOT_CONTENT: &str = "not-content";
    pub const BROKEN_LINK: &str = "broken-link";
    pub const BROKEN_FRAGMENT: &str = "broken-fragment";
    pub const LINK_TO_DRAFT: &str = "link-to-draft";
    pub const UNKNOWN_CITY: &str = "unknown-city";
    pub const UNKNOWN_COUNTRY: &str = "unknown-country";
    pub const NAME_CONFLICT: &str = "name-conflict";
    pub const ADDRESS_TAKEN: &str = "address-taken";
    pub const BAD_REDIRECT: &str = "bad-redirect";
    pub const URL_REMOVED: &str = "url-removed";
    pub const MISSING_SECTION: &str = "missing-section";
    pub const IMAGE_WITHOUT_ALT: &str = "image-without-alt";
    pub const STALE_FACT: &str = "stale-fact";
    pub const NO_COORDINATES: &str = "no-coordinates";
    pub const HEADING_LEVEL: &str = "heading-level";
    pub const FOOTNOTE: &str = "footnote";
    pub const RAW_HTML: &str = "raw-html";
    pub const THEME: &str = "theme";
    pub const TRANSLATION: &str = "translation";
    pub const TRANSLATION_OUTDATED: &str = "translation-outdated";
    pub const UNKNOWN_LANGUAGE: &str = "unknown-language";
    pub const OUTPUT: &str = "output";
    /// Any other error or warning.
    pub const CONTENT_ERROR: &str = "content-error";
    pub const CONTENT_WARNING: &str = "content-warning";
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code::CONTENT_ERROR,
            severity: Severity::Error,
            file: file.into(),
            position: None,
            span: 1,
            message: message.into(),
            source_line: None,
            quote_start: 0,
            hint: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code: code::CONTENT_WARNING,
            ..Diagnostic::error(file, message)
        }
    }

    /// The diagnostic as one JSON object (`check --format json`): severity, code, message, file,
    /// line, column, end_line, end_column (1-based; the end is just past the caret underline),
    /// hint. Positions are null for problems about a whole file.
    pub fn to_json(&self) -> serde_json::Value {
        let (line, column) = self.position.map(|p| (p.line, p.col)).unzip();
        serde_json::json!({
            "severity": match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "code": self.code,
            "message": self.message,
            "file": self.file.to_string_lossy().replace('\\', "/"),
            "line": line,
            "column": column,
            "end_line": line,
            "end_column": column.map(|c| c + self.span),
            "hint": self.hint,
        })
    }

    /// Names the kind of problem (one of [`code`]).
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// Points the diagnostic at `pos` in `source`, quoting that line. For one diagnostic of a
    /// file; many share a [`LineIndex`] through [`Diagnostic::at_index`].
    pub fn at(mut self, source: &str, pos: Position) -> Self {
        self.position = Some(pos);
        if let Some(line) = source.lines().nth(pos.line.saturating_sub(1)) {
            self.quote(line);
        }
        self
    }

    /// Points the diagnostic at `pos` of the text `lines` indexes, quoting that line.
    pub fn at_index(mut self, lines: &LineIndex, pos: Position) -> Self {
        self.position = Some(pos);
        if let Some(line) = lines.line_text(pos.line) {
            self.quote(line);
        }
        self
    }

    /// Quotes `line`; of a long line, only a window around the column.
    fn quote(&mut self, line: &str) {
        let line = line.trim_end_matches('\r');
        let col = self.position.map_or(1, |p| p.col);
        if line.len() <= QUOTE_WIDTH * 2 {
            self.source_line = Some(line.to_string());
            self.quote_start = 0;
            return;
        }
        let start = col.saturating_sub(1).saturating_sub(QUOTE_WIDTH / 2);
        let quoted: String = line.chars().skip(start).take(QUOTE_WIDTH).collect();
        self.source_line = Some(quoted);
        self.quote_start = start;
    }

    /// The underline covers `len` characters.
    pub fn with_span(mut self, len: usize) -> Self {
        self.span = len.max(1);
        self
    }

    /// Like [`Diagnostic::at`], with the underline covering `len` characters.
    pub fn at_span(mut self, source: &str, pos: Position, len: usize) -> Self {
        self = self.at(source, pos);
        self.span = len.max(1);
        self
    }

    /// Points the diagnostic at `pos` without quoting the line: for problems found after the
    /// file's text was let go; [`Diagnostics::quote_lines`] adds the line before printing.
    pub fn at_position(mut self, pos: Position) -> Self {
        self.position = Some(pos);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        match self.position {
            Some(pos) => writeln!(f, "  --> {}:{}:{}", self.file.display(), pos.line, pos.col)?,
            None => writeln!(f, "  --> {}", self.file.display())?,
        }
        if let (Some(pos), Some(line)) = (self.position, &self.source_line) {
            let number = pos.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, "{pad} |")?;
            // A window of a long line is marked with `…` where text is left out.
            let (before, after) = if self.quote_start > 0 || line.chars().count() == QUOTE_WIDTH {
                (if self.quote_start > 0 { "…" } else { "" }, "…")
            } else {
                ("", "")
            };
            writeln!(f, "{number} | {before}{line}{after}")?;
            // Tabs keep their width in the caret line so the caret lands under the right column.
            let lead: String = before
                .chars()
                .map(|_| ' ')
                .chain(
                    line.chars()
                        .take(pos.col.saturating_sub(1 + self.quote_start))
                        .map(|c| if c == '\t' { '\t' } else { ' ' }),
                )
                .collect();
            let span = self.span.min(QUOTE_WIDTH);
            writeln!(f, "{pad} | {lead}{}", "^".repeat(span))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// How many characters of a long line a diagnostic quotes.
const QUOTE_WIDTH: usize = 100;

/// The diagnostics of one build, in the order they were found until [`Diagnostics::sorted`].
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Quotes the offending line of every diagnostic that has a position but no quoted line,
    /// reading and indexing each file (relative to `root`) once.
    pub fn quote_lines(&mut self, root: &Path) {
        let mut texts: std::collections::HashMap<PathBuf, Option<String>> = Default::default();
        for d in &self.items {
            if d.position.is_some() && d.source_line.is_none() && !texts.contains_key(&d.file) {
                let text = std::fs::read_to_string(root.join(&d.file))
                    .ok()
                    .map(crate::text::normalize_source);
                texts.insert(d.file.clone(), text);
            }
        }
        let indexes: std::collections::HashMap<&PathBuf, LineIndex> = texts
            .iter()
            .filter_map(|(file, text)| Some((file, LineIndex::new(text.as_deref()?, 1))))
            .collect();
        for d in &mut self.items {
            let (Some(pos), None) = (d.position, &d.source_line) else {
                continue;
            };
            if let Some(line) = indexes.get(&d.file).and_then(|i| i.line_text(pos.line)) {
                d.quote(line);
            }
        }
    }

    /// Sorted by file, then line and column, errors before warnings at the same place.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message)
                .cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Maps byte offsets of a text to 1-based line and column numbers.
///
/// `first_line` is the line number of the text's first line in its file, so that positions in a
/// Markdown body or front-matter block are reported in whole-file terms.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            first_line,
        }
    }

    /// The text of line `line_no` (numbered as in [`LineIndex::position`]), without its line
    /// break.
    pub fn line_text(&self, line_no: usize) -> Option<&'a str> {
        let i = line_no.checked_sub(self.first_line)?;
        let start = *self.starts.get(i)?;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&e| e.saturating_sub(1));
        self.text.get(start..end.max(start))
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position::new(line + self.first_line, col)
    }
}

/// The known names nearest to `word` (at most three), if any is close enough to be a likely
/// typo: a small edit distance, or one being the start of the other (`budget` / `budget-plans`).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    nearest_within(word, candidates, 0.6)
}

/// Like [`nearest`], but only names at least `min_score` similar (0 to 1), without the prefix
/// rule: for city names, where a looser match would flag real, different cities.
pub fn nearest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    min_score: f64,
) -> Vec<&'a str> {
    let loose = min_score <= 0.6;
    let word_l = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let c_l = c.to_lowercase();
            let score = strsim::normalized_damerau_levenshtein(&word_l, &c_l);
            let distance = strsim::damerau_levenshtein(&word_l, &c_l);
            let shorter = word_l.chars().count().min(c_l.chars().count());
            let prefix = shorter >= 3 && (c_l.starts_with(&word_l) || word_l.starts_with(&c_l));
            let close =
                score >= min_score || (loose && (prefix || distance <= (shorter / 3).max(1)));
            close.then_some((score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_chars_and_offsets_lines() {
        let text = "ab\nçd\n\nx";
        let idx = LineIndex::new(text, 5);
        assert_eq!(idx.position(0), Position::new(5, 1));
        assert_eq!(idx.position(4), Position::new(6, 2)); // after 'ç' (2 bytes)
        assert_eq!(idx.position(7), Position::new(7, 1));
        assert_eq!(idx.position(8), Position::new(8, 1));
    }

    #[test]
    fn display_quotes_line_and_places_caret() {
        let src = "title: x\ndate: 5 July\n";
        let d = Diagnostic::error("a.md", "bad date")
            .at_span(src, Position::new(2, 7), 6)
            .with_hint("write 2023-07-05");
        let text = d.to_string();
        assert!(text.contains("--> a.md:2:7"), "{text}");
        assert!(text.contains("2 | date: 5 July"), "{text}");
        assert!(text.contains("  |       ^^^^^^"), "{text}");
        assert!(text.contains("= hint: write 2023-07-05"), "{text}");
    }

    #[test]
    fn nearest_suggests_close_names_only() {
        let known = ["topics", "title", "cities"];
        assert_eq!(nearest("topic", known), vec!["topics"]);
        assert!(nearest("zzzzzz", known).is_empty());
        assert_eq!(
            nearest("budget", ["budget-plans", "background"]),
            vec!["budget-plans"]
        );
        assert_eq!(
            nearest_within("Chang Mai", ["Chiang Mai", "Phuket"], 0.8),
            vec!["Chiang Mai"]
        );
        assert!(nearest_within("Paris", ["Parma"], 0.8).is_empty());
    }
}
