//! Site configuration (`site.yaml`) and build options.
//!
//! [`SiteConfig`] is what the publisher writes once per site; [`BuildOptions`] is what one run of
//! the command asks for. Both are plain values handed to the pipeline.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{self, Fields, Node, Value};
use crate::load::markdown::SectionKind;
use crate::text::name_key;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What one build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder: holds `site.yaml`, `content/` and usually `themes/`.
    pub root: PathBuf,
    /// Where the site is written; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Include studies marked `draft: true`.
    pub drafts: bool,
    /// Overrides `base_url` from `site.yaml` (for previews on another host).
    pub base_url: Option<String>,
    /// Leave the previous output moved aside instead of deleting it; the report names it, and
    /// the caller removes it with `output::remove_old_output` when it suits.
    pub defer_removal: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
            base_url: None,
            defer_removal: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// The parsed `site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL of the site, always ending with `/`.
    pub base_url: String,
    /// Path part of `base_url` (`/` or `/best-practices/`): every internal link starts with it.
    pub base_path: String,
    pub language: String,
    pub theme: String,
    pub sections: SectionAliases,
    pub fact_labels: FactLabels,
    /// Studies per page on `/case-studies/`.
    pub page_size: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Case studies".into(),
            description: String::new(),
            base_url: "/".into(),
            base_path: "/".into(),
            language: "en".into(),
            theme: "default".into(),
            sections: SectionAliases::default(),
            fact_labels: FactLabels::default(),
            page_size: 50,
        }
    }
}

impl SiteConfig {
    /// A page's URL (`/best-practices/cities/phuket/`) as an absolute URL, for canonical links,
    /// feeds, sitemaps and open data.
    pub fn absolute_url(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            url.strip_prefix(self.base_path.as_str()).unwrap_or(url)
        )
    }

    /// The file in the output folder that serves a page URL: `cities/phuket/index.html`.
    pub fn output_file(&self, url: &str) -> String {
        format!(
            "{}index.html",
            url.strip_prefix(self.base_path.as_str()).unwrap_or(url)
        )
    }

    /// Replaces `base_url` (from `--base-url`), keeping `base_path` in step.
    pub fn set_base_url(&mut self, url: &str) {
        if let Some((base, path)) = normalize_base_url(url) {
            self.base_url = base;
            self.base_path = path;
        }
    }
}

/// Heading texts that name the canonical sections, compared by [`name_key`].
#[derive(Debug, Clone)]
pub struct SectionAliases {
    by_key: HashMap<String, SectionKind>,
}

impl Default for SectionAliases {
    fn default() -> Self {
        let mut by_key = HashMap::new();
        for (kind, names) in [
            (SectionKind::Background, &["Background"][..]),
            (
                SectionKind::Solutions,
                &["Solutions Implemented", "Solutions"][..],
            ),
            (
                SectionKind::Lessons,
                &["Results and Lessons Learned", "Lessons Learned", "Results"][..],
            ),
        ] {
            for n in names {
                by_key.insert(name_key(n), kind);
            }
        }
        SectionAliases { by_key }
    }
}

impl SectionAliases {
    pub fn kind_of(&self, heading: &str) -> SectionKind {
        self.by_key
            .get(&name_key(heading))
            .copied()
            .unwrap_or(SectionKind::Other)
    }

    fn add(&mut self, heading: &str, kind: SectionKind) {
        self.by_key.insert(name_key(heading), kind);
    }
}

/// Labels and display order for fast-fact keys.
#[derive(Debug, Clone)]
pub struct FactLabels {
    pub labels: HashMap<String, String>,
    /// Keys listed here come first, in this order; others follow as written.
    pub order: Vec<String>,
}

impl Default for FactLabels {
    fn default() -> Self {
        let labels = [
            ("mayor", "Mayor"),
            ("population", "Population"),
            ("area_km2", "Area"),
            ("signatory_since", "Signatory since"),
            ("notes", "Notes"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        FactLabels {
            labels,
            order: Vec::new(),
        }
    }
}

/// Reads `site.yaml` in `root`, recording problems in `diagnostics`.
pub fn load_site_config(root: &Path, diagnostics: &mut Diagnostics) -> SiteConfig {
    let file = PathBuf::from("site.yaml");
    let path = root.join(&file);
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(&file, format!("cannot read the site configuration: {e}"))
                    .with_hint("create site.yaml with at least `title:` and `base_url:`"),
            );
            return SiteConfig::default();
        }
    };
    let source = crate::text::normalize_source(raw);
    let node = match frontmatter::parse_yaml(&source, 1, &source, &file) {
        Ok(node) => node,
        Err(d) => {
            diagnostics.push(d);
            return SiteConfig::default();
        }
    };
    parse_site_config(&node, &source, &file, diagnostics)
}

fn parse_site_config(
    node: &Node,
    source: &str,
    file: &Path,
    diagnostics: &mut Diagnostics,
) -> SiteConfig {
    let mut config = SiteConfig::default();
    let mut f = Fields::new(node, source, file, diagnostics);
    if let Some(t) = f.required_text("title", "City Best Practices") {
        config.title = t;
    }
    config.description = f
        .text("description", "Case studies of cities")
        .unwrap_or_default();
    if let Some((url, pos)) = f.located_text("base_url", "https://example.org/best-practices/") {
        match normalize_base_url(&url) {
            Some((base, path)) => {
                config.base_url = base;
                config.base_path = path;
            }
            None => f.error(
                pos,
                format!("`base_url` must be an absolute http(s) URL or a path starting with `/`: `{url}`"),
                "write it like `base_url: https://example.org/best-practices/`",
            ),
        }
    }
    if let Some(lang) = f.text("language", "en") {
        config.language = lang;
    }
    if let Some(theme) = f.text("theme", "default") {
        config.theme = theme;
    }
    if let Some((n, pos)) = f.located_text("page_size", "50") {
        match n.parse::<usize>() {
            Ok(n) if n > 0 => config.page_size = n,
            _ => f.error(
                pos,
                "`page_size` must be a whole number above 0",
                "write it like `page_size: 50`",
            ),
        }
    }
    if let Some(sections) = f.get("sections") {
        read_section_aliases(sections, &mut config.sections, &mut f);
    }
    if let Some(facts) = f.get("fast_facts") {
        read_fact_labels(facts, &mut config.fact_labels, &mut f);
    }
    f.finish();
    config
}

fn read_section_aliases(node: &Node, aliases: &mut SectionAliases, f: &mut Fields) {
    let Value::Map(entries) = &node.value else {
        f.error(
            node.pos,
            "`sections` must map section names to heading texts",
            "write `sections:` then `  lessons: [\"What we learned\"]`",
        );
        return;
    };
    for (key, value) in entries {
        let kind = match key.name.as_str() {
            "background" => SectionKind::Background,
            "solutions" => SectionKind::Solutions,
            "lessons" => SectionKind::Lessons,
            other => {
                f.error(
                    key.pos,
                    format!("unknown section `{other}`"),
                    "the canonical sections are `background`, `solutions` and `lessons`",
                );
                continue;
            }
        };
        for heading in text_items(value) {
            aliases.add(&heading, kind);
        }
    }
}

fn read_fact_labels(node: &Node, labels: &mut FactLabels, f: &mut Fields) {
    let Value::Map(entries) = &node.value else {
        f.error(
            node.pos,
            "`fast_facts` must be a mapping with `labels` and `order`",
            "write `fast_facts:` then `  labels: {mayor: \"Governor\"}`",
        );
        return;
    };
    for (key, value) in entries {
        match (key.name.as_str(), &value.value) {
            ("labels", Value::Map(pairs)) => {
                for (k, v) in pairs {
                    if let Some(text) = v.as_text() {
                        labels.labels.insert(k.name.clone(), text);
                    }
                }
            }
            ("order", _) => labels.order = text_items(value),
            (other, _) => f.error(
                key.pos,
                format!("unknown fast-facts setting `{other}`"),
                "use `labels` (key: label) and `order` (a list of keys)",
            ),
        }
    }
}

fn text_items(node: &Node) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(Node::as_text).collect(),
        _ => node.as_text().into_iter().collect(),
    }
}

/// `https://example.org/best` -> (`https://example.org/best/`, `/best/`).
fn normalize_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let with_slash = if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    };
    if with_slash.starts_with('/') {
        return Some((with_slash.clone(), with_slash));
    }
    let rest = with_slash
        .strip_prefix("https://")
        .or_else(|| with_slash.strip_prefix("http://"))?;
    let slash = rest.find('/')?;
    if slash == 0 || rest.contains(char::is_whitespace) {
        return None;
    }
    Some((with_slash.clone(), rest[slash..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_path() {
        assert_eq!(
            normalize_base_url("https://example.org/best-practices"),
            Some((
                "https://example.org/best-practices/".into(),
                "/best-practices/".into()
            ))
        );
        assert_eq!(
            normalize_base_url("http://localhost:8000"),
            Some(("http://localhost:8000/".into(), "/".into()))
        );
        assert_eq!(
            normalize_base_url("/sub"),
            Some(("/sub/".into(), "/sub/".into()))
        );
        assert_eq!(normalize_base_url("example.org"), None);
    }

    #[test]
    fn heading_aliases_are_case_insensitive() {
        let a = SectionAliases::default();
        assert_eq!(
            a.kind_of("results and lessons learned"),
            SectionKind::Lessons
        );
        assert_eq!(a.kind_of("Budget"), SectionKind::Other);
    }
}
