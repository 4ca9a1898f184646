//! The text of a source file from its bytes: valid UTF-8, one kind of line ending, no byte-order
//! mark, and no character that pages and feeds cannot hold. Every file an editor writes
//! (`site.yaml`, content files) is read through here, so each problem has one message.

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use std::path::Path;

/// The text of `bytes`, read from `rel`; `None` after recording why it is not text. Forbidden
/// characters are reported (an error each line) and replaced, so the rest is still checked.
pub fn text_of(bytes: Vec<u8>, rel: &Path, d: &mut Diagnostics) -> Option<String> {
    let text = decode(bytes, rel, d)?;
    Some(forbidden_chars(crate::text::normalize_source(text), rel, d))
}

/// Reports the characters of a file that pages and feeds cannot hold (a NUL, an escape), the
/// first of each line, and replaces them so the rest of the file is still read and checked (the
/// build fails, so nothing of it is published). Columns count characters: they do not move.
fn forbidden_chars(text: String, rel: &Path, d: &mut Diagnostics) -> String {
    if crate::text::first_forbidden(&text).is_none() {
        return text;
    }
    let index = crate::diagnostics::LineIndex::new(&text, 1);
    let mut last_line = 0;
    let mut from = 0;
    while let Some((at, c)) = crate::text::first_forbidden(&text[from..]) {
        let pos = index.position(from + at);
        if pos.line != last_line {
            last_line = pos.line;
            d.push(
                Diagnostic::error(
                    rel,
                    format!(
                        "this file contains the control character {}, which web pages and feeds cannot hold",
                        crate::text::char_code(c)
                    ),
                )
                .with_code(code::FORBIDDEN_CHARACTER)
                .at(&text, pos)
                .with_hint("delete it: most editors do not show it, so select the spot and retype the text around it"),
            );
        }
        from += at + c.len_utf8();
    }
    text.chars()
        .map(|c| {
            if crate::text::first_forbidden(c.encode_utf8(&mut [0; 4])).is_some() {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// The text of a file, or `None` after recording why it is not text.
fn decode(bytes: Vec<u8>, rel: &Path, d: &mut Diagnostics) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            d.push(
                Diagnostic::error(rel, "this file is not valid UTF-8 text")
                    .with_code(code::FORBIDDEN_CHARACTER)
                    .at(&before, Position::new(line, col))
                    .with_hint("save the file as UTF-8 in your editor"),
            );
            None
        }
    }
}
