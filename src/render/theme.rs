//! Themes: Tera templates and static files.
//!
//! The default theme is compiled into the binary, so any site builds without copying it. A site
//! may override any template or static file by putting a file of the same name in
//! `themes/<theme>/templates/` or `themes/<theme>/static/`. Templates are compiled once per build.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
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
    "index.html",
    "case_study.html",
    "case_studies.html",
    "city.html",
    "cities.html",
    "country.html",
    "countries.html",
    "topic.html",
    "topics.html",
    "page.html",
    "search.html",
    "404.html",
);

/// The default theme's static files, compiled in.
const DEFAULT_STATIC: &[(&str, &[u8])] = embedded_static!("style.css", "search.js", "favicon.svg");

/// A static file of the theme: compiled in, or a file on disk.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

pub struct Theme {
    pub tera: tera::Tera,
    /// Output path (relative to the site root) -> file.
    pub statics: BTreeMap<String, StaticFile>,
}

/// Loads the theme named in the configuration, reporting template errors as diagnostics.
pub fn load_theme(root: &Path, name: &str, d: &mut Diagnostics) -> Option<Theme> {
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
            .with_hint("remove `theme:` to use the default theme, or create the folder"),
        );
        return None;
    }
    for (path, key) in crate::files::files_under(&dir.join("templates")) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                sources.insert(key, (text, Some(path)));
            }
            Err(e) => d.push(Diagnostic::error(
                path.strip_prefix(root).unwrap_or(&path),
                format!("cannot read this template: {e}"),
            )),
        }
    }
    for (path, key) in crate::files::files_under(&dir.join("static")) {
        statics.insert(key, StaticFile::Disk(path));
    }

    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
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
            Diagnostic::error(
                file.strip_prefix(root).unwrap_or(&file),
                format!("a template has an error:\n{message}"),
            )
            .with_hint("fix the template syntax at the position shown"),
        );
        return None;
    }
    Some(Theme { tera, statics })
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
