//! Reading a theme's strings files (`strings/<language>.yaml`) into [`Strings`].
//!
//! The default theme's English strings are compiled in; a site's
//! `themes/<theme>/strings/<language>.yaml` is laid over them, key by key, so a site rewords any
//! text, and a translation is one file.

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{parse_yaml, Node, Value};
use crate::locale::Strings;
use std::path::Path;

/// The default theme's English strings.
const DEFAULT_EN: &str = include_str!("../../themes/default/strings/en.yaml");

/// The compiled-in English strings.
pub fn english() -> Strings {
    let mut d = Diagnostics::new();
    let mut s = Strings::empty();
    merge(
        &mut s,
        DEFAULT_EN,
        Path::new("themes/default/strings/en.yaml"),
        &mut d,
    );
    s
}

/// English, with `themes/<theme>/strings/<language>.yaml` of the site laid over it.
pub fn load(root: &Path, theme_dir: &Path, language: &str, d: &mut Diagnostics) -> Strings {
    let mut strings = english();
    let file = theme_dir.join("strings").join(format!("{language}.yaml"));
    let rel = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
    match std::fs::read_to_string(&file) {
        Ok(text) => merge(&mut strings, &crate::text::normalize_source(text), &rel, d),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if language != "en" {
                d.push(
                    Diagnostic::warning(
                        "site.yaml",
                        format!("the theme has no strings for the language `{language}`: its text is shown in English"),
                    )
                    .with_code(code::THEME)
                    .with_hint(format!("translate themes/default/strings/en.yaml into {}", rel.display())),
                );
            }
        }
        Err(e) => d.push(
            Diagnostic::warning(
                &rel,
                format!("cannot read this file; the theme's text is shown in English: {e}"),
            )
            .with_code(code::UNREADABLE)
            .with_hint("check the file's permissions"),
        ),
    }
    strings
}

/// Lays the strings of `yaml` over `strings`, reporting values that are not text.
fn merge(strings: &mut Strings, yaml: &str, file: &Path, d: &mut Diagnostics) {
    let node = match parse_yaml(yaml, 1, yaml, file) {
        Ok(node) => {
            crate::load::frontmatter::check_values(&node, yaml, file, d);
            node
        }
        Err(e) => {
            d.push(e);
            return;
        }
    };
    let Value::Map(entries) = node.value else {
        d.push(
            Diagnostic::error(file, "a strings file must map keys to texts")
                .with_code(code::THEME)
                .with_hint("write one `key: text` per line"),
        );
        return;
    };
    for (key, value) in entries {
        match (key.name.as_str(), &value.value) {
            ("months", Value::Seq(items)) if items.len() == 12 => {
                strings.set_months(items.iter().filter_map(Node::as_text).collect());
            }
            ("months", _) => d.push(
                Diagnostic::error(file, "`months` must list the twelve month names")
                    .with_code(code::THEME)
                    .at(yaml, value.pos)
                    .with_hint("write `months: [January, February, …, December]`"),
            ),
            (_, Value::Str(_) | Value::Int(_) | Value::Float(_)) => {
                let text = value.as_text().unwrap_or_default();
                strings.set(key.name, text);
            }
            (name, _) => d.push(
                Diagnostic::error(file, format!("the string `{name}` must be text"))
                    .with_code(code::THEME)
                    .at(yaml, value.pos)
                    .with_hint("quote texts that contain `:` or start with `{`"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Text;

    #[test]
    fn english_has_every_text_rust_uses() {
        let s = english();
        for t in Text::ALL {
            assert!(!s.get(t).is_empty(), "strings/en.yaml has no `{}`", t.key());
        }
    }
}
