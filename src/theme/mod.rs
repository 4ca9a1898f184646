//! Themes: Tera templates, static files and the text a reader sees.
//!
//! The default theme is compiled into the binary, so any site builds without copying it. A site
//! may override any template, static file or string by putting a file of the same name in
//! `themes/<theme>/templates/`, `themes/<theme>/static/` or `themes/<theme>/strings/`. Templates
//! are compiled once per build.

use crate::config::SiteConfig;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::files_under;
pub mod strings_file;

pub use crate::locale::{strings, Locale, Strings, Text};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

macro_rules! embedded_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)))),*]
    };
}

/// The default theme's templates, compiled in.
const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "components.html",
    "study_card.html",
    "study_link.html",
    "site_header.html",
    "site_footer.html",
    "index.html",
    "case_study.html",
    "case_studies.html",
    "city.html",
    "cities.html",
    "compare.html",
    "report.html",
    "country.html",
    "countries.html",
    "topic.html",
    "topics.html",
    "page.html",
    "search.html",
    "404.html",
    "redirect.html",
    "withdrawn.html",
);

/// The default theme's static files, compiled in.
const DEFAULT_STATIC: &[(&str, &[u8])] =
    embedded_static!("style.css", "search.js", "compare.js", "favicon.svg");

/// A static file of the theme: compiled in, or a file on disk.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A loaded theme: compiled templates, static files and strings.
#[derive(Clone)]
pub struct Theme {
    pub tera: tera::Tera,
    /// Static files by output path (relative to the site root), sorted.
    pub statics: Vec<(String, StaticFile)>,
    /// The site's language: its strings and formats.
    pub locale: Locale,
    /// The theme's name, for messages about its templates.
    pub name: String,
}

impl Theme {
    /// This theme in the language `code` of the site: its strings in that language (English
    /// where they have none, reported), its formats, and the filter `t` reading them.
    pub fn for_language(
        &self,
        root: &Path,
        config: &SiteConfig,
        code: &str,
        d: &mut Diagnostics,
    ) -> Theme {
        let dir = root.join("themes").join(&self.name);
        let locale = load_locale(root, &dir, config, code, d);
        let mut tera = self.tera.clone();
        tera.register_filter("t", TextFilter::new(&locale));
        Theme {
            tera,
            statics: self.statics.clone(),
            locale,
            name: self.name.clone(),
        }
    }

    /// The output paths of the static files, in order.
    pub fn static_names(&self) -> Vec<String> {
        self.statics.iter().map(|(n, _)| n.clone()).collect()
    }
}

/// Loads the theme named in the configuration (templates, static files and strings in the
/// site's language), reporting every problem as a diagnostic.
pub fn load_theme(root: &Path, config: &SiteConfig, d: &mut Diagnostics) -> Option<Theme> {
    let name = config.theme.as_str();
    let dir = root.join("themes").join(name);
    let mut sources: BTreeMap<String, (String, Option<PathBuf>)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, s)| (n.to_string(), (s.to_string(), None)))
        .collect();
    let mut statics: BTreeMap<String, StaticFile> = DEFAULT_STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), StaticFile::Embedded(b)))
        .collect();
    if !dir.is_dir() && name != "default" {
        d.push(
            Diagnostic::error(
                "site.yaml",
                format!("the theme `{name}` does not exist: no folder themes/{name}/"),
            )
            .with_code(code::THEME)
            .with_hint("remove `theme:` to use the default theme, or create the folder"),
        );
        return None;
    }
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let templates = files_under(&dir.join("templates"));
    for (path, key) in templates.files {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                sources.insert(key, (text, Some(path)));
            }
            Err(e) => d.push(
                Diagnostic::warning(
                    rel(&path),
                    format!("cannot read this template, so the default theme's is used: {e}"),
                )
                .with_code(if e.kind() == std::io::ErrorKind::InvalidData {
                    code::FORBIDDEN_CHARACTER
                } else {
                    code::UNREADABLE
                })
                .with_hint("save the template as UTF-8 text, and check its permissions"),
            ),
        }
    }
    let static_files = files_under(&dir.join("static"));
    for (path, key) in static_files.files {
        statics.insert(key, StaticFile::Disk(path));
    }
    // A theme file that cannot be read gives way to the default one: say so.
    for (path, why) in templates.unreadable.iter().chain(&static_files.unreadable) {
        d.push(
            Diagnostic::warning(
                rel(path),
                format!("cannot read this part of the theme, so the default theme's files are used: {why}"),
            )
            .with_code(code::UNREADABLE)
            .with_hint("check its permissions"),
        );
    }
    let locale = load_locale(root, &dir, config, &config.language, d);

    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("t", TextFilter::new(&locale));
    let templates: Vec<(String, String)> = sources
        .iter()
        .map(|(n, (s, _))| (n.clone(), s.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(templates) {
        // Tera names the template in its message; point at the file on disk when there is one.
        let message = error_chain(&e);
        let file = sources
            .iter()
            .find(|(n, _)| message.contains(n.as_str()))
            .and_then(|(_, (_, p))| p.as_ref())
            .map_or_else(|| dir.join("templates"), |p| p.clone());
        d.push(
            Diagnostic::error(rel(&file), format!("a template has an error:\n{message}"))
                .with_code(code::THEME)
                .with_hint("fix the template syntax at the position shown"),
        );
        return None;
    }
    Some(Theme {
        tera,
        statics: statics.into_iter().collect(),
        locale,
        name: name.to_string(),
    })
}

/// The strings and formats of the language `code`.
fn load_locale(
    root: &Path,
    theme_dir: &Path,
    config: &SiteConfig,
    code: &str,
    d: &mut Diagnostics,
) -> Locale {
    let strings = strings_file::load(root, theme_dir, code, d);
    // `site.yaml` checked the code; one it refused is still shown as written.
    let language =
        crate::locale::Language::parse(code).unwrap_or_else(|_| crate::locale::Language {
            code: code.to_string(),
            tag: code.to_string(),
        });
    Locale::new(language, strings, config.calendar(code))
}

/// The template filter `t`: `{{ "fast_facts" | t }}` is the theme's string `fast_facts`, and
/// `{{ "more_from_city" | t(city=name) }}` fills its `{city}` placeholder. The string and plain
/// values are escaped as Tera escapes `{{ value }}`; values marked safe (a link captured with
/// `{% set %}`) are put in as they are. The result is safe HTML. An unknown key is an error, so a
/// misspelt key fails the build instead of leaving a gap on the page.
#[derive(Clone)]
struct TextFilter {
    /// Every string, escaped once; those without placeholders also as a ready value (a page
    /// asks for dozens of strings, and most are plain).
    texts: std::sync::Arc<HashMap<String, (String, Option<tera::Value>)>>,
    /// The strings written per plural form, escaped, by key.
    plurals: std::sync::Arc<HashMap<String, Vec<(crate::locale::PluralForm, String)>>>,
    /// How the language writes counts and picks plural forms.
    locale: Locale,
}

impl TextFilter {
    fn new(locale: &Locale) -> Self {
        let strings = &locale.strings;
        let texts = strings
            .keys()
            .filter_map(|key| {
                let escaped = escape(strings.lookup(key)?);
                let plain = (strings::placeholders(&escaped).next().is_none())
                    .then(|| tera::Value::safe_string(&escaped));
                Some((key.to_string(), (escaped, plain)))
            })
            .collect();
        let plurals = strings
            .keys()
            .filter_map(|key| {
                let forms = strings.plural_forms(key)?;
                let escaped = forms.iter().map(|(f, t)| (*f, escape(t))).collect();
                Some((key.to_string(), escaped))
            })
            .collect();
        TextFilter {
            texts: std::sync::Arc::new(texts),
            plurals: std::sync::Arc::new(plurals),
            locale: locale.clone(),
        }
    }
}

impl tera::Filter<&str, tera::TeraResult<tera::Value>> for TextFilter {
    fn call(
        &self,
        key: &str,
        kwargs: tera::Kwargs,
        _: &tera::State,
    ) -> tera::TeraResult<tera::Value> {
        let Some((template, plain)) = self.texts.get(key) else {
            return Err(tera::Error::message(format!(
                "the theme has no string `{key}` (strings are in themes/default/strings/en.yaml)"
            )));
        };
        let count = kwargs
            .get::<&tera::Value>("count")?
            .and_then(tera::Value::as_u64);
        let form = count.map(|n| self.locale.plural(n));
        let template = match (form, self.plurals.get(key)) {
            (Some(form), Some(forms)) => forms
                .iter()
                .find(|(f, _)| *f == form)
                .map_or(template, |(_, t)| t),
            _ => template,
        };
        if let (Some(value), None) = (plain, self.plurals.get(key)) {
            return Ok(value.clone());
        }
        let mut filled = String::with_capacity(template.len() + 64);
        // The template was escaped, so braces are the only markup left to read.
        crate::locale::strings::fill_into(template, &mut filled, |name, out| {
            Ok::<bool, tera::Error>(match kwargs.get::<&tera::Value>(name)? {
                Some(v) => {
                    match v.as_u64().filter(|_| Locale::is_count(name)) {
                        Some(n) => out.push_str(&self.locale.whole_number(n)),
                        None => push_value(out, v),
                    }
                    true
                }
                None => false,
            })
        })?;
        Ok(tera::Value::safe_string(&filled))
    }
}

/// Appends a template value as `{{ value }}` would show it: escaped, unless it is marked safe.
fn push_value(out: &mut String, v: &tera::Value) {
    match v.as_str() {
        Some(s) if v.is_safe() => out.push_str(s),
        Some(s) => {
            let mut buf = Vec::with_capacity(s.len() + 8);
            let _ = tera::escape_html(s, &mut buf);
            out.push_str(&String::from_utf8_lossy(&buf));
        }
        None => match v.as_u64() {
            Some(n) => {
                use std::fmt::Write;
                let _ = write!(out, "{n}");
            }
            None => out.push_str(&escape(&v.to_string())),
        },
    }
}

/// The escaping Tera applies to `{{ value }}`, so a text from the strings reads like any other.
fn escape(s: &str) -> String {
    let mut buf = Vec::with_capacity(s.len() + 8);
    let _ = tera::escape_html(s, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

/// A Tera error with its causes, one per line.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push('\n');
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of themes/default/ must be compiled in, or sites without a copy of the theme
    /// would miss it.
    #[test]
    fn every_default_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for (sub, embedded) in [
            (
                "templates",
                DEFAULT_TEMPLATES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>(),
            ),
            (
                "static",
                DEFAULT_STATIC.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ),
        ] {
            for entry in std::fs::read_dir(dir.join(sub))
                .expect("theme folder")
                .flatten()
            {
                let name = entry.file_name().to_string_lossy().to_string();
                assert!(
                    embedded.contains(&name.as_str()),
                    "themes/default/{sub}/{name} is not embedded in theme.rs"
                );
            }
        }
    }
}
