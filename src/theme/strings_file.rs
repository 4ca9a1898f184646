//! Reading a theme's strings files (`strings/<language>.yaml`) into [`Strings`].
//!
//! The default theme's English strings are compiled in; a site's
//! `themes/<theme>/strings/<language>.yaml` is laid over them, key by key, so a site rewords any
//! text, and a translation is one file.

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{parse_yaml, Node, Value};
use crate::locale::strings::placeholders;
use crate::locale::{PluralForm, Strings};
use std::collections::BTreeSet;
use std::path::Path;

/// The default theme's English strings.
const DEFAULT_EN: &str = include_str!("../../themes/default/strings/en.yaml");

/// The default theme's strings in other languages, laid over English.
const SHIPPED: &[(&str, &str)] = &[
    ("id", include_str!("../../themes/default/strings/id.yaml")),
    ("th", include_str!("../../themes/default/strings/th.yaml")),
    ("vi", include_str!("../../themes/default/strings/vi.yaml")),
    (
        "zh-hans",
        include_str!("../../themes/default/strings/zh-hans.yaml"),
    ),
];

/// The compiled-in English strings.
pub fn english() -> Strings {
    let mut d = Diagnostics::new();
    let mut s = Strings::empty();
    merge(
        &mut s,
        DEFAULT_EN,
        Path::new("themes/default/strings/en.yaml"),
        None,
        &mut d,
    );
    s
}

/// English, with the default theme's strings in `language` laid over it, then the site's
/// `themes/<theme>/strings/<language>.yaml`. A string the language has in neither falls back to
/// English and is reported; a string whose `{placeholders}` differ from English's is an error.
pub fn load(root: &Path, theme_dir: &Path, language: &str, d: &mut Diagnostics) -> Strings {
    load_with_keys(root, theme_dir, language, d).0
}

/// For each language of the site but the default, the keys of the theme's strings it has no
/// text for (shown in English).
pub fn missing_per_language(
    root: &Path,
    config: &crate::config::SiteConfig,
) -> Vec<(String, Vec<String>)> {
    let theme_dir = root.join("themes").join(&config.theme);
    let english = english();
    config
        .languages
        .iter()
        .skip(1)
        .map(|l| {
            let code = &l.language.code;
            let (_, translated) = load_with_keys(root, &theme_dir, code, &mut Diagnostics::new());
            let missing = english
                .keys()
                .filter(|k| !translated.contains(*k))
                .map(str::to_string)
                .collect();
            (code.clone(), missing)
        })
        .collect()
}

/// [`load`], with the keys given a text in `language` (by the default theme's file of that
/// language or the site's).
fn load_with_keys(
    root: &Path,
    theme_dir: &Path,
    language: &str,
    d: &mut Diagnostics,
) -> (Strings, BTreeSet<String>) {
    let english = english();
    let mut strings = english.clone();
    let mut translated: BTreeSet<String> = BTreeSet::new();
    let shipped = SHIPPED.iter().find(|(code, _)| *code == language);
    if let Some((code, yaml)) = shipped {
        let file = format!("themes/default/strings/{code}.yaml");
        translated.extend(merge(
            &mut strings,
            yaml,
            Path::new(&file),
            Some(&english),
            d,
        ));
    }
    let file = theme_dir.join("strings").join(format!("{language}.yaml"));
    let rel = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
    match std::fs::read_to_string(&file) {
        Ok(text) => translated.extend(merge(
            &mut strings,
            &crate::text::normalize_source(text),
            &rel,
            (language != "en").then_some(&english),
            d,
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if language != "en" && shipped.is_none() {
                d.push(
                    Diagnostic::warning(
                        "site.yaml",
                        format!("the theme has no strings for the language `{language}`: its text is shown in English"),
                    )
                    .with_code(code::THEME)
                    .with_hint(format!("translate themes/default/strings/en.yaml into {}", rel.display())),
                );
                return (strings, translated);
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
    if language != "en" {
        let missing: Vec<&str> = english
            .keys()
            .filter(|k| !translated.contains(*k))
            .collect();
        if !missing.is_empty() {
            let shown: Vec<String> = missing.iter().take(8).map(|k| format!("`{k}`")).collect();
            let more = if missing.len() > 8 {
                format!(" and {} more", missing.len() - 8)
            } else {
                String::new()
            };
            d.push(
                Diagnostic::warning(
                    &rel,
                    format!("{} strings have no text in `{language}` and are shown in English: {}{more}", missing.len(), shown.join(", ")),
                )
                .with_code(code::THEME)
                .with_hint(format!("add them to {} (en.yaml has every key)", rel.display())),
            );
        }
    }
    (strings, translated)
}

/// Lays the strings of `yaml` over `strings`, reporting values that are not text and, with
/// `english`, strings whose placeholders are not English's. Returns the keys it set.
fn merge(
    strings: &mut Strings,
    yaml: &str,
    file: &Path,
    english: Option<&Strings>,
    d: &mut Diagnostics,
) -> Vec<String> {
    let mut set = Vec::new();
    let node = match parse_yaml(yaml, 1, yaml, file) {
        Ok(node) => {
            crate::load::frontmatter::check_values(&node, yaml, file, d);
            node
        }
        Err(e) => {
            d.push(e);
            return set;
        }
    };
    let Value::Map(entries) = node.value else {
        d.push(
            Diagnostic::error(file, "a strings file must map keys to texts")
                .with_code(code::THEME)
                .with_hint("write one `key: text` per line"),
        );
        return set;
    };
    for (key, value) in entries {
        match (key.name.as_str(), &value.value) {
            ("months", Value::Seq(items)) if items.len() == 12 => {
                strings.set_months(items.iter().filter_map(Node::as_text).collect());
                set.push(key.name);
            }
            ("months", _) => d.push(
                Diagnostic::error(file, "`months` must list the twelve month names")
                    .with_code(code::THEME)
                    .at(yaml, value.pos)
                    .with_hint("write `months: [January, February, …, December]`"),
            ),
            (_, Value::Str(_) | Value::Int(_) | Value::Float(_)) => {
                let text = value.as_text().unwrap_or_default();
                if let Some(theirs) = english.and_then(|e| e.lookup(&key.name)) {
                    let wanted: BTreeSet<&str> = placeholders(theirs).collect();
                    let found: BTreeSet<&str> = placeholders(&text).collect();
                    if wanted != found {
                        let list = |s: &BTreeSet<&str>| {
                            s.iter()
                                .map(|p| format!("{{{p}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        d.push(
                            Diagnostic::error(file, format!("the string `{}` has the placeholders [{}], but English has [{}]", key.name, list(&found), list(&wanted)))
                                .with_code(code::THEME)
                                .at(yaml, value.pos)
                                .with_hint("a translation keeps every `{placeholder}` of the English text, spelt the same"),
                        );
                        continue;
                    }
                }
                set.push(key.name.clone());
                strings.set(key.name, text);
            }
            (_, Value::Map(forms)) if is_plural(forms) => {
                let written: Vec<(PluralForm, String)> = forms
                    .iter()
                    .filter_map(|(k, v)| Some((PluralForm::from_name(&k.name)?, v.as_text()?)))
                    .collect();
                if let Some(theirs) = english.and_then(|e| e.lookup(&key.name)) {
                    let wanted: BTreeSet<&str> = placeholders(theirs).collect();
                    let extra: Vec<&str> = written
                        .iter()
                        .flat_map(|(_, t)| placeholders(t))
                        .filter(|p| !wanted.contains(p))
                        .collect();
                    if !extra.is_empty() {
                        d.push(
                            Diagnostic::error(file, format!("the string `{}` has placeholders English does not have: {}", key.name, extra.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ")))
                                .with_code(code::THEME)
                                .at(yaml, value.pos)
                                .with_hint("a translation keeps the `{placeholders}` of the English text, spelt the same"),
                        );
                        continue;
                    }
                }
                set.push(key.name.clone());
                strings.set_plural(key.name, written);
            }
            (name, _) => d.push(
                Diagnostic::error(file, format!("the string `{name}` must be text, or a text per plural form (`{{one: …, other: …}}`)"))
                    .with_code(code::THEME)
                    .at(yaml, value.pos)
                    .with_hint("quote texts that contain `:` or start with `{`"),
            ),
        }
    }
    set
}

/// Whether a map is a text per plural form: CLDR's category names only, `other` among them.
fn is_plural(forms: &[(crate::load::frontmatter::Key, Node)]) -> bool {
    forms.iter().any(|(k, _)| k.name == "other")
        && forms
            .iter()
            .all(|(k, v)| PluralForm::from_name(&k.name).is_some() && v.as_text().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Text;

    /// Every strings file of the default theme is compiled in, complete, with English's
    /// placeholders.
    #[test]
    fn every_shipped_language_is_embedded_and_complete() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/strings");
        for entry in std::fs::read_dir(dir).expect("strings folder").flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let code = name.trim_end_matches(".yaml");
            assert!(
                code == "en" || SHIPPED.iter().any(|(c, _)| *c == code),
                "themes/default/strings/{name} is not in SHIPPED"
            );
        }
        for (code, _) in SHIPPED {
            let mut d = Diagnostics::new();
            load(
                Path::new("/nowhere"),
                Path::new("/nowhere/themes/default"),
                code,
                &mut d,
            );
            let problems: Vec<String> = d.into_iter().map(|p| p.to_string()).collect();
            assert!(problems.is_empty(), "{code}: {problems:?}");
        }
    }

    #[test]
    fn english_has_every_text_rust_uses() {
        let s = english();
        for t in Text::ALL {
            assert!(!s.get(t).is_empty(), "strings/en.yaml has no `{}`", t.key());
        }
    }
}
