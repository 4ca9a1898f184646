//! Front matter and YAML: splitting a content file, parsing YAML into positioned nodes, and
//! reading typed fields with diagnostics.
//!
//! This is the only module that touches `serde_yaml`, so the YAML library can be swapped here
//! alone. YAML values come out as [`Node`]s that carry their line and column in the whole file,
//! found by a small scanner over the block-style YAML that editors write; every later error can
//! then point at the exact key or value.

use crate::diagnostics::code;
use crate::diagnostics::{nearest, Diagnostic, Diagnostics, LineIndex, Position};
use crate::text::Date;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// A content file cut into its front matter and Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line number (in the whole file) of the front matter's first line.
    pub yaml_first_line: usize,
    pub body: &'a str,
    /// Line number (in the whole file) of the body's first line.
    pub body_first_line: usize,
}

/// Splits `source` (already normalised) at its `---` front-matter fences.
pub fn split<'a>(source: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(file, "this file has no front matter")
            .with_code(code::FRONT_MATTER)
            .at_span(
                source,
                Position::new(1, 1),
                first.trim_end().chars().count(),
            )
            .with_hint(
                "start the file with a line `---`, then `title: …`, `date: YYYY-MM-DD` and the \
                 other fields, then another `---` line before the text",
            ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok(Split {
                yaml: &source[yaml_start..offset],
                yaml_first_line: 2,
                body: &source[offset + line.len()..],
                body_first_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(file, "the front matter is never closed")
        .with_code(code::FRONT_MATTER)
        .at_span(source, Position::new(1, 1), 3)
        .with_hint("add a line with only `---` after the last front-matter field"))
}

/// A YAML value with the position where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Position,
    /// A number as it was written (`0099`, `1e20`, a value too large for a whole number), so
    /// messages and text fields show what the editor wrote.
    pub written: Option<String>,
}

/// The YAML value kinds casebook reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Key order is kept: fast facts are shown in the order they were written.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Position,
}

impl Node {
    /// What kind of value this is, in words for error messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) => "a whole number",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The value as text, for scalars; numbers and booleans are written out.
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(self.written.clone().unwrap_or_else(|| i.to_string())),
            Value::Float(f) => Some(self.written.clone().unwrap_or_else(|| f.to_string())),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Parses YAML text that starts at `first_line` of `source` (the whole file) into a [`Node`].
pub fn parse_yaml(
    yaml: &str,
    first_line: usize,
    source: &str,
    file: &Path,
) -> Result<Node, Diagnostic> {
    check_shape(yaml, first_line, source, file)?;
    if yaml.trim().is_empty() {
        return Ok(Node {
            value: Value::Map(Vec::new()),
            pos: Position::new(first_line, 1),
            written: None,
        });
    }
    let value: Raw = serde_yaml::from_str(yaml).map_err(|e| {
        let pos = e.location().map_or(Position::new(first_line, 1), |l| {
            Position::new(l.line() + first_line - 1, l.column())
        });
        // serde_yaml appends " at line X column Y" in its own terms; ours are whole-file.
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        // The parser points a repeated key at the start of its mapping; the editor needs the
        // repeated line itself.
        let pos = repeated_key(&msg)
            .and_then(|key| second_key_line(yaml, key))
            .map_or(pos, |(line, col)| Position::new(line + first_line - 1, col));
        // A quote never closed runs to the end of the front matter, where the parser stops:
        // the editor needs the line where the quote opens.
        if msg.contains("end of stream") {
            if let Some((line, col, quote)) = unclosed_quote(yaml) {
                return Diagnostic::error(
                    file,
                    format!("the YAML is malformed: the quote `{quote}` opened here is never closed"),
                )
                .with_code(code::YAML_SYNTAX)
                .at(source, Position::new(line + first_line - 1, col))
                .with_hint(format!(
                    "close it at the end of the value, like title: {quote}Khon Kaen: a smart city{quote}"
                ));
            }
        }
        // Aliases that expand without end (a "billion laughs"): say so, at the first alias.
        if msg.contains("repetition limit") || msg.contains("recursion limit") {
            let at = first_alias(yaml)
                .map_or(pos, |(line, col)| Position::new(line + first_line - 1, col));
            return Diagnostic::error(
                file,
                "the front matter's YAML aliases (`*name`) expand into more values than casebook reads",
            )
            .with_code(code::TOO_LARGE)
            .at(source, at)
            .with_hint("casebook needs no anchors (`&name`) or aliases (`*name`): write the values out");
        }
        Diagnostic::error(file, format!("the YAML is malformed: {msg}"))
            .with_code(code::YAML_SYNTAX)
            .at(source, pos)
            .with_hint(yaml_hint(&msg))
    })?;
    let converter = Converter {
        yaml: LineIndex::new(yaml, first_line),
        positions: locate_keys(yaml, first_line),
    };
    let node = converter.convert(value, PathKey::default(), Position::new(first_line, 1));
    Ok(node)
}

/// Reports every key and text value holding a character that pages and feeds cannot hold (an
/// escape in a quoted string, like `"\0"`, can write any character).
pub fn check_values(node: &Node, source: &str, file: &Path, d: &mut Diagnostics) {
    let mut report = |pos: Position, c: char| {
        d.push(
            Diagnostic::error(
                file,
                format!(
                    "this value holds the control character {}, which web pages and feeds cannot hold",
                    crate::text::char_code(c)
                ),
            )
            .with_code(code::FORBIDDEN_CHARACTER)
            .at(source, pos)
            .with_hint("remove the escape (like `\\0` or `\\e`) that writes it"),
        )
    };
    walk_values(node, &mut report);
}

fn walk_values(node: &Node, report: &mut impl FnMut(Position, char)) {
    match &node.value {
        Value::Str(s) => {
            if let Some((_, c)) = crate::text::first_forbidden(s) {
                report(node.pos, c);
            }
        }
        Value::Seq(items) => items.iter().for_each(|i| walk_values(i, report)),
        Value::Map(entries) => {
            for (key, value) in entries {
                if let Some((_, c)) = crate::text::first_forbidden(&key.name) {
                    report(key.pos, c);
                }
                walk_values(value, report);
            }
        }
        _ => {}
    }
}

/// YAML larger than this is refused before it is parsed.
const MAX_YAML_BYTES: usize = 256 * 1024;
/// YAML nested deeper than this (in `[` and `{`) is refused before it is parsed: the parser's
/// time grows with the square of the depth, and casebook reads only a few levels.
const MAX_YAML_DEPTH: usize = 32;

/// Refuses YAML that is too large or too deeply nested to be worth parsing.
fn check_shape(yaml: &str, first_line: usize, source: &str, file: &Path) -> Result<(), Diagnostic> {
    if yaml.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::error(
            file,
            format!(
                "the front matter is {:.1} MB; it may be at most {} KB",
                yaml.len() as f64 / 1e6,
                MAX_YAML_BYTES / 1024
            ),
        )
        .with_code(code::TOO_LARGE)
        .at(source, Position::new(first_line, 1))
        .with_hint("put long text in the Markdown below the front matter"));
    }
    let mut depth = 0usize;
    for (n, line) in yaml.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (col, c) in line.chars().enumerate() {
            match quote {
                Some(q) if c == q && previous != '\\' => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' if matches!(previous, ' ' | '[' | '{' | ',' | ':') => {
                        quote = Some(c)
                    }
                    '#' if previous == ' ' => break,
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_YAML_DEPTH {
                            return Err(Diagnostic::error(
                                file,
                                format!("the front matter is nested more than {MAX_YAML_DEPTH} levels deep"),
                            )
                            .with_code(code::TOO_LARGE)
                            .at(source, Position::new(first_line + n, col + 1))
                            .with_hint("write lists and mappings a few levels deep at most; casebook reads no deeper"));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            previous = c;
        }
    }
    Ok(())
}

/// Line and column (1-based, in the YAML text) of the first alias (`*name`) outside quotes.
fn first_alias(yaml: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(n, line)| {
        let mut previous = ' ';
        let mut quote: Option<char> = None;
        for (col, c) in line.chars().enumerate() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if matches!(c, '"' | '\'') && matches!(previous, ' ' | '[' | ',') => {
                    quote = Some(c)
                }
                None if c == '*' && matches!(previous, ' ' | '[' | ',' | '{' | ':' | '-') => {
                    return Some((n + 1, col + 1))
                }
                None => {}
            }
            previous = c;
        }
        None
    })
}

/// `duplicate entry with key "title"` -> `title`.
fn repeated_key(msg: &str) -> Option<&str> {
    msg.split_once("duplicate entry with key \"")?
        .1
        .strip_suffix('"')
}

/// Line and column (1-based, in the YAML text) of the second line that starts with `key:`.
/// Where a quoted value that is never closed opens: (line, column, both 1-based, and the quote
/// character). A quote opens a value only where a value starts (after `key: `, `- `, `[`, `{`
/// or `,`), so an apostrophe inside plain text (`it's`) is no quote; a double-quoted value
/// escapes with `\`, a single-quoted one doubles its quote; `#` outside quotes starts a comment.
fn unclosed_quote(yaml: &str) -> Option<(usize, usize, char)> {
    let mut open: Option<(usize, usize, char)> = None;
    for (n, line) in yaml.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        // Whether a value may start here (the line's start counts).
        let mut value_start = true;
        while i < chars.len() {
            let c = chars[i];
            match open {
                Some((_, _, '"')) => match c {
                    '\\' => i += 1,
                    '"' => {
                        open = None;
                        value_start = false;
                    }
                    _ => {}
                },
                Some((_, _, q)) => {
                    if c == q {
                        if chars.get(i + 1) == Some(&q) {
                            i += 1;
                        } else {
                            open = None;
                            value_start = false;
                        }
                    }
                }
                None => match c {
                    '"' | '\'' if value_start => open = Some((n + 1, i + 1, c)),
                    '#' if i == 0 || chars[i - 1] == ' ' => break,
                    ' ' | '\t' => {}
                    '[' | '{' | ',' => value_start = true,
                    ':' | '-' if chars.get(i + 1).is_none_or(|n| *n == ' ') => value_start = true,
                    _ => value_start = false,
                },
            }
            i += 1;
        }
    }
    open
}

fn second_key_line(yaml: &str, key: &str) -> Option<(usize, usize)> {
    yaml.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let rest = line.trim_start_matches([' ', '-']);
            let after = rest.strip_prefix(key)?;
            after
                .trim_start()
                .starts_with(':')
                .then(|| (n + 1, line.len() - rest.len() + 1))
        })
        .nth(1)
}

fn yaml_hint(msg: &str) -> &'static str {
    if msg.contains("mapping values are not allowed") {
        "a value containing `: ` must be quoted, e.g. title: \"Khon Kaen: a smart city\""
    } else if msg.contains("duplicate") {
        "each key may appear only once; remove or rename the repeated one"
    } else if msg.contains("tab") {
        "indent YAML with spaces, not tabs"
    } else {
        "check the indentation and quoting of this line; text with `:` or `#` needs quotes"
    }
}

/// Positions of keys and list items, by path (`fast_facts` then `population`; `sources`, `0`,
/// `url`). Paths are kept as hashes of their segments ([`PathKey`]): front matter is parsed for
/// every file, and building dotted strings for every key was a third of the time.
struct Located {
    key: Position,
    value: Position,
}

/// A path in a YAML document, hashed segment by segment (FNV-1a). Two paths that differ get the
/// same key only by a 64-bit accident, which would at worst put an error on the wrong line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct PathKey(u64);

impl PathKey {
    fn child(self, segment: &str) -> PathKey {
        self.child_bytes(segment.as_bytes())
    }

    /// The path of list item `index` (a segment of its decimal digits, like a key `0`).
    fn item(self, index: usize) -> PathKey {
        let mut digits = [0u8; 20];
        let (mut at, mut n) = (digits.len(), index);
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.child_bytes(&digits[at..])
    }

    fn child_bytes(self, segment: &[u8]) -> PathKey {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        // A separator, so that `ab`+`c` and `a`+`bc` differ.
        for &b in segment.iter().chain(std::iter::once(&0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        PathKey(h)
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type PathMap<V> = HashMap<PathKey, V, std::hash::BuildHasherDefault<KeyHasher>>;

fn locate_keys(yaml: &str, first_line: usize) -> PathMap<Located> {
    #[derive(Clone, Copy)]
    struct Frame {
        indent: usize,
        is_item: bool,
        path: PathKey,
    }
    let mut out = PathMap::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut counters: PathMap<usize> = PathMap::default();
    for (n, line) in yaml.lines().enumerate() {
        let line_no = first_line + n;
        let mut indent = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        // A line may open several nested list items and then a key: `- - key: value`.
        loop {
            if rest == "-" || rest.starts_with("- ") {
                while stack
                    .last()
                    .is_some_and(|f| f.indent > indent || (f.indent == indent && f.is_item))
                {
                    stack.pop();
                }
                let parent = stack.last().map_or(PathKey::default(), |f| f.path);
                let counter = counters.entry(parent).or_insert(0);
                let path = parent.item(*counter);
                *counter += 1;
                let col = line[..indent].chars().count() + 1;
                out.insert(
                    path,
                    Located {
                        key: Position::new(line_no, col),
                        value: Position::new(line_no, col + 2),
                    },
                );
                stack.push(Frame {
                    indent,
                    is_item: true,
                    path,
                });
                let after = rest.get(1..).unwrap_or("");
                let skipped = after.len() - after.trim_start_matches(' ').len();
                indent += 1 + skipped;
                rest = after.trim_start_matches(' ');
                if rest.is_empty() {
                    break;
                }
                continue;
            }
            if let Some((key, value_offset)) = key_of(rest) {
                while stack.last().is_some_and(|f| f.indent >= indent) {
                    stack.pop();
                }
                let parent = stack.last().map_or(PathKey::default(), |f| f.path);
                let path = parent.child(key);
                let key_col = line[..indent].chars().count() + 1;
                let value_col = key_col + rest[..value_offset].chars().count();
                out.insert(
                    path,
                    Located {
                        key: Position::new(line_no, key_col),
                        value: Position::new(line_no, value_col),
                    },
                );
                counters.remove(&path);
                let value = &rest[value_offset..];
                if value.starts_with('[') {
                    locate_flow_items(value, path, line_no, value_col, &mut out);
                }
                stack.push(Frame {
                    indent,
                    is_item: false,
                    path,
                });
            }
            break;
        }
    }
    out
}

/// Positions of the items of a one-line flow list (`[Fine, "Smart city"]`) of scalars, `col`
/// being the column of its `[`. Nested brackets and braces end the scan (their items keep the
/// list's position).
fn locate_flow_items(
    value: &str,
    list: PathKey,
    line_no: usize,
    col: usize,
    out: &mut PathMap<Located>,
) {
    let mut index = 0;
    let mut item_start: Option<usize> = None;
    let mut quote: Option<char> = None;
    for (chars, (at, c)) in value.char_indices().enumerate().skip(1) {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' if item_start.is_none() => {
                quote = Some(c);
                item_start = Some(chars);
            }
            ',' | ']' => {
                if let Some(start) = item_start.take() {
                    let pos = Position::new(line_no, col + start);
                    out.insert(
                        list.item(index),
                        Located {
                            key: pos,
                            value: pos,
                        },
                    );
                    index += 1;
                }
                if c == ']' {
                    return;
                }
            }
            '[' | '{' | '#' => return,
            c if c.is_whitespace() => {}
            _ if item_start.is_none() => item_start = Some(chars),
            _ => {}
        }
        let _ = at;
    }
}

/// `key: value` -> (`key`, byte offset of `value`), for block-mapping lines.
fn key_of(line: &str) -> Option<(&str, usize)> {
    let (raw_key, after) = if let Some(quoted) = line.strip_prefix('"') {
        let end = quoted.find('"')?;
        (&quoted[..end], &quoted[end + 1..])
    } else if let Some(quoted) = line.strip_prefix('\'') {
        let end = quoted.find('\'')?;
        (&quoted[..end], &quoted[end + 1..])
    } else {
        let colon = line
            .find(": ")
            .or_else(|| line.strip_suffix(':').map(|k| k.len()))?;
        (line[..colon].trim_end(), &line[colon..])
    };
    let after_colon = after.strip_prefix(':')?;
    if !(after_colon.is_empty() || after_colon.starts_with(' ')) {
        return None;
    }
    let consumed = line.len() - after_colon.len();
    let value_offset = consumed + (after_colon.len() - after_colon.trim_start().len());
    Some((raw_key, value_offset))
}

/// A YAML value as parsed, before positions are attached. Deserialized straight from the parser
/// (no `serde_yaml::Value` in between); mapping keys keep their order.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Raw>),
    Map(Vec<(String, Raw)>),
}

impl<'de> serde::Deserialize<'de> for Raw {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> serde::de::Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(i128::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(i128::from(v)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(i128::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        serde::Deserialize::deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4));
        while let Some(item) = seq.next_element::<Raw>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries: Vec<(String, Raw)> = Vec::with_capacity(map.size_hint().unwrap_or(8));
        // A short list is searched; a long one (thousands of keys) gets a set, so that checking
        // for repeated keys stays linear.
        let mut seen: Option<std::collections::HashSet<String>> = None;
        while let Some(key) = map.next_key::<Raw>()? {
            let key = match key {
                Raw::Str(s) => s,
                Raw::Int(i) => i.to_string(),
                Raw::Float(f) => f.to_string(),
                Raw::Bool(b) => b.to_string(),
                Raw::Null => "null".to_string(),
                Raw::Seq(_) | Raw::Map(_) => {
                    return Err(serde::de::Error::custom(
                        "a key must be a word, not a list or a mapping",
                    ))
                }
            };
            let repeated = match &mut seen {
                Some(set) => !set.insert(key.clone()),
                None if entries.len() < 16 => entries.iter().any(|(k, _)| *k == key),
                None => {
                    let mut set: std::collections::HashSet<String> =
                        entries.iter().map(|(k, _)| k.clone()).collect();
                    let repeated = !set.insert(key.clone());
                    seen = Some(set);
                    repeated
                }
            };
            if repeated {
                return Err(serde::de::Error::custom(format!(
                    "duplicate entry with key \"{key}\""
                )));
            }
            let value = map.next_value::<Raw>()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Raw, A::Error> {
        // A tagged value (`!tag value`): the tag is ignored, the value kept.
        use serde::de::VariantAccess;
        let (_tag, variant) = data.variant::<String>()?;
        variant.newtype_variant::<Raw>()
    }
}

/// A parsed YAML value with its positions attached (and numbers' written text, read from the
/// YAML text).
struct Converter<'y> {
    yaml: LineIndex<'y>,
    positions: PathMap<Located>,
}

impl Converter<'_> {
    fn convert(&self, v: Raw, path: PathKey, pos: Position) -> Node {
        let written = match &v {
            Raw::Int(i) => self.number_at(pos).filter(|t| parses_to_int(t, *i)),
            Raw::Float(f) => self.number_at(pos).filter(|t| parses_to_float(t, *f)),
            _ => None,
        };
        let value = match v {
            Raw::Null => Value::Null,
            Raw::Bool(b) => Value::Bool(b),
            Raw::Int(i) => Value::Int(i),
            Raw::Float(f) => Value::Float(f),
            Raw::Str(s) => Value::Str(s),
            Raw::Seq(items) => Value::Seq(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let p = path.item(i);
                        let item_pos = self.positions.get(&p).map_or(pos, |l| l.value);
                        self.convert(item, p, item_pos)
                    })
                    .collect(),
            ),
            Raw::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(name, v)| {
                        let p = path.child(&name);
                        let (key_pos, value_pos) = self
                            .positions
                            .get(&p)
                            .map_or((pos, pos), |l| (l.key, l.value));
                        let node = self.convert(v, p, value_pos);
                        (Key { name, pos: key_pos }, node)
                    })
                    .collect(),
            ),
        };
        Node {
            value,
            pos,
            written,
        }
    }

    /// The token at `pos` (up to white space, `,`, `]`, `}` or `#`).
    fn number_at(&self, pos: Position) -> Option<String> {
        let line = self.yaml.line_text(pos.line)?;
        let token: String = line
            .chars()
            .skip(pos.col.saturating_sub(1))
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}' | '#'))
            .collect();
        (!token.is_empty()).then_some(token)
    }
}

/// Whether `token` is a way of writing the whole number `value`.
fn parses_to_int(token: &str, value: i128) -> bool {
    token
        .replace('_', "")
        .trim_start_matches('+')
        .parse::<i128>()
        == Ok(value)
}

/// Whether `token` is a way of writing the number `value`.
fn parses_to_float(token: &str, value: f64) -> bool {
    token.replace('_', "").parse::<f64>() == Ok(value)
}

/// Reads typed fields out of a YAML mapping, recording a diagnostic for every problem.
///
/// Each getter marks its key as known; [`Fields::finish`] then warns about the keys no getter
/// asked for, suggesting the nearest known one.
pub struct Fields<'a> {
    entries: &'a [(Key, Node)],
    at: Position,
    source: &'a str,
    /// The source's lines, indexed on the first problem: a file may have thousands.
    lines: std::cell::OnceCell<LineIndex<'a>>,
    file: &'a Path,
    known: BTreeSet<&'static str>,
    pub diagnostics: &'a mut Diagnostics,
}

impl<'a> Fields<'a> {
    /// Fields of `node`, which must be a mapping (an error is recorded otherwise).
    pub fn new(
        node: &'a Node,
        source: &'a str,
        file: &'a Path,
        diagnostics: &'a mut Diagnostics,
    ) -> Self {
        let entries: &[(Key, Node)] = match &node.value {
            Value::Map(entries) => entries,
            _ => {
                diagnostics.push(
                    Diagnostic::error(
                        file,
                        format!("expected `key: value` lines, found {}", node.kind()),
                    )
                    .with_code(code::FRONT_MATTER)
                    .at(source, node.pos)
                    .with_hint("write one field per line, like `title: Citizen Awareness`"),
                );
                &[]
            }
        };
        Fields {
            entries,
            at: node.pos,
            source,
            lines: std::cell::OnceCell::new(),
            file,
            known: BTreeSet::new(),
            diagnostics,
        }
    }

    fn lines(&self) -> &LineIndex<'a> {
        self.lines.get_or_init(|| LineIndex::new(self.source, 1))
    }

    /// The file being read.
    pub fn file(&self) -> &'a Path {
        self.file
    }

    /// Records `d` at `pos`, quoting its line.
    pub fn report(&mut self, d: Diagnostic, pos: Position) {
        let d = d.at_index(self.lines(), pos);
        self.diagnostics.push(d);
    }

    pub fn get(&mut self, key: &'static str) -> Option<&'a Node> {
        self.known.insert(key);
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }

    pub fn error(
        &mut self,
        code: &'static str,
        pos: Position,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diagnostics.push(
            Diagnostic::error(self.file, message)
                .with_code(code)
                .at_index(self.lines(), pos)
                .with_hint(hint),
        );
    }

    pub fn warning(
        &mut self,
        code: &'static str,
        pos: Position,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diagnostics.push(
            Diagnostic::warning(self.file, message)
                .with_code(code)
                .at_index(self.lines(), pos)
                .with_hint(hint),
        );
    }

    fn wrong_kind(&mut self, key: &str, node: &Node, expected: &str, example: &str) {
        let msg = format!("`{key}` must be {expected}, but it is {}", node.kind());
        self.error(
            code::WRONG_TYPE,
            node.pos,
            msg,
            format!("write it like `{key}: {example}`"),
        );
    }

    /// A required text field; records "missing" with an example when absent.
    pub fn required_text(&mut self, key: &'static str, example: &str) -> Option<String> {
        match self.get(key) {
            Some(_) => self.text(key, example),
            None => {
                let at = self.at;
                self.error(
                    code::MISSING_FIELD,
                    at,
                    format!("the required field `{key}` is missing"),
                    format!("add a line `{key}: {example}` to the front matter"),
                );
                None
            }
        }
    }

    /// An optional text field (numbers are accepted and written out).
    pub fn text(&mut self, key: &'static str, example: &str) -> Option<String> {
        let node = self.get(key)?;
        match &node.value {
            Value::Str(s) if s.trim().is_empty() => {
                let msg = format!("`{key}` is empty");
                self.error(
                    code::MISSING_FIELD,
                    node.pos,
                    msg,
                    format!("write it like `{key}: {example}`"),
                );
                None
            }
            Value::Str(s) => Some(s.trim().to_string()),
            Value::Int(_) | Value::Float(_) => node.as_text(),
            _ => {
                self.wrong_kind(key, node, "text", example);
                None
            }
        }
    }

    /// Text with its position, for values that later stages check (city names, slugs).
    pub fn located_text(&mut self, key: &'static str, example: &str) -> Option<(String, Position)> {
        let pos = self.get(key)?.pos;
        self.text(key, example).map(|t| (t, pos))
    }

    /// A list of text items; a single text value is taken as a one-item list.
    pub fn text_list(&mut self, key: &'static str, example: &str) -> Vec<(String, Position)> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Str(_) | Value::Int(_) => {
                node.as_text().map(|t| (t, node.pos)).into_iter().collect()
            }
            Value::Seq(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.as_text() {
                        Some(t) if !t.trim().is_empty() => {
                            out.push((t.trim().to_string(), item.pos))
                        }
                        found => {
                            let kind = if found.is_some() {
                                "empty"
                            } else {
                                item.kind()
                            };
                            let msg =
                                format!("every item of `{key}` must be text, but one is {kind}");
                            self.error(
                                code::WRONG_TYPE,
                                item.pos,
                                msg,
                                format!("write it like `{key}: [{example}]`"),
                            );
                        }
                    }
                }
                out
            }
            _ => {
                self.wrong_kind(key, node, "a list", &format!("[{example}]"));
                Vec::new()
            }
        }
    }

    pub fn bool(&mut self, key: &'static str) -> Option<bool> {
        let node = self.get(key)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_kind(key, node, "true or false", "true");
                None
            }
        }
    }

    /// A required `YYYY-MM-DD` date.
    pub fn required_date(&mut self, key: &'static str) -> Option<Date> {
        let text = self.required_text(key, "2023-07-05")?;
        let pos = self.get(key).map_or(self.at, |n| n.pos);
        match Date::parse(&text) {
            Some(d) => Some(d),
            None => {
                let msg = format!("`{key}` is not a valid date: `{text}`");
                self.diagnostics.push(
                    Diagnostic::error(self.file, msg)
                        .with_code(code::BAD_DATE)
                        .at_index(self.lines(), pos)
                        .with_span(text.chars().count())
                        .with_hint("write dates as YYYY-MM-DD, e.g. `date: 2023-07-05`"),
                );
                None
            }
        }
    }

    /// Warns about every key that no getter asked for, suggesting the nearest known key.
    pub fn finish(self) {
        for (key, _) in self.entries {
            if self.known.contains(key.name.as_str()) {
                continue;
            }
            let suggestions = nearest(&key.name, self.known.iter().copied());
            let hint = match suggestions.first() {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "known keys here are: {}",
                    self.known.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            };
            self.diagnostics.push(
                Diagnostic::warning(self.file, format!("unknown key `{}` is ignored", key.name))
                    .with_code(code::UNKNOWN_KEY)
                    .at_index(self.lines(), key.pos)
                    .with_span(key.name.chars().count())
                    .with_hint(hint),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Node {
        let split = split(src, Path::new("t.md")).expect("split");
        parse_yaml(split.yaml, split.yaml_first_line, src, Path::new("t.md")).expect("yaml")
    }

    #[test]
    fn positions_are_whole_file_lines() {
        let src = "---\ntitle: A\nfast_facts:\n  mayor: B\n  notes:\n    - one\n    - two\nsources:\n  - title: S\n    url: http://x\n---\nbody\n";
        let node = parse(src);
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        assert_eq!(entries[0].0.pos, Position::new(2, 1));
        assert_eq!(entries[0].1.pos, Position::new(2, 8));
        let Value::Map(ff) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(ff[0].0.pos, Position::new(4, 3));
        let Value::Seq(notes) = &ff[1].1.value else {
            panic!()
        };
        assert_eq!(notes[1].pos, Position::new(7, 7));
        let Value::Seq(sources) = &entries[2].1.value else {
            panic!()
        };
        let Value::Map(s0) = &sources[0].value else {
            panic!()
        };
        assert_eq!(s0[1].0.pos, Position::new(10, 5));
    }

    #[test]
    fn body_starts_after_closing_fence() {
        let src = "---\na: 1\n---\n# Hi\n";
        let s = split(src, Path::new("t.md")).expect("split");
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_first_line, 4);
    }

    #[test]
    fn malformed_yaml_reports_whole_file_position() {
        let src = "---\ntitle: A\ndate: [2023\n---\n";
        let s = split(src, Path::new("t.md")).expect("split");
        let err = parse_yaml(s.yaml, s.yaml_first_line, src, Path::new("t.md")).unwrap_err();
        assert!(err.position.expect("pos").line >= 3, "{err}");
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(
            crate::text::normalize_source("\u{feff}---\r\na: 1\r\n---\r\n".to_string()),
            "---\na: 1\n---\n"
        );
    }
}
