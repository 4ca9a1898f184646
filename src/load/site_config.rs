//! Reading `site.yaml` into a [`SiteConfig`].

use super::frontmatter::{self, Fields, Node, Value};
use crate::config::{
    normalize_base_url, FactLabels, Party, RedirectHost, RetiredAddress, SectionAliases,
    SectionKind, SiteConfig, SiteLanguage,
};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::locale::{Calendar, Language};
use std::path::{Path, PathBuf};

/// Reads `site.yaml` in `root`, recording problems in `diagnostics`.
pub fn load_site_config(root: &Path, diagnostics: &mut Diagnostics) -> SiteConfig {
    let file = PathBuf::from("site.yaml");
    let path = root.join(&file);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(&file, format!("cannot read the site configuration: {e}"))
                    .with_code(code::UNREADABLE)
                    .with_hint("create site.yaml with at least `title:` and `base_url:`"),
            );
            return SiteConfig::default();
        }
    };
    let Some(source) = super::source::text_of(bytes, &file, diagnostics) else {
        return SiteConfig::default();
    };
    let node = match frontmatter::parse_yaml(&source, 1, &source, &file) {
        Ok(node) => {
            frontmatter::check_values(&node, &source, &file, diagnostics);
            node
        }
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
            None => f.error(code::BAD_CONFIG,
                pos,
                format!("`base_url` must be an absolute http(s) URL or a path starting with `/`: `{url}`"),
                "write it like `base_url: https://example.org/best-practices/`",
            ),
        }
    }
    if let Some((code, pos)) = f.located_text("language", "en") {
        match Language::parse(&code) {
            Ok(_) => config.language = code,
            Err(e) => f.error(
                code::BAD_CONFIG,
                pos,
                format!("the language `{code}` {}", e.explain()),
                "write a language code such as `en`, `th`, `id`, `vi` or `zh-hans` (BCP 47, in lowercase)",
            ),
        }
    }
    if let Some(node) = f.get("languages") {
        config.languages = read_languages(node, &config.language, &mut f);
    }
    if let Some(hide) = either(&mut f, "untranslated", ["show", "hide"],
        "`show` (the default) lists a study not written in a language on that language's pages, in its own language with a badge; `hide` leaves it out of them",
    ) {
        config.hide_untranslated = hide;
    }
    if let Some(refuse) = either(&mut f, "outside_base", ["allow", "refuse"],
        "`allow` (the default) lets pages link other parts of the site's host (`/reports/2023.pdf` from a site at `/best-practices/`), which casebook cannot check; `refuse` makes such a link an error",
    ) {
        config.refuse_outside_base = refuse;
    }
    if let Some((word, pos)) = f.located_text("redirects", "netlify") {
        match RedirectHost::parse(&word) {
            Some(host) => config.redirect_host = host,
            None => f.error(
                code::BAD_CONFIG,
                pos,
                format!("`redirects` names no host casebook knows: `{word}`"),
                format!(
                    "write one of {}: `static` (the default) leaves a page at each old address, the others also write that host's file of 301 rules",
                    RedirectHost::ALL.map(|h| format!("`{}`", h.name())).join(", ")
                ),
            ),
        }
    }
    if let Some(node) = f.get("retired") {
        config.retired = read_retired(node, &mut f);
    }
    if let Some(theme) = f.text("theme", "default") {
        config.theme = theme;
    }
    if let Some((n, pos)) = f.located_text("page_size", "50") {
        match n.parse::<usize>() {
            Ok(n) if n > 0 => config.page_size = n,
            _ => f.error(
                code::BAD_CONFIG,
                pos,
                "`page_size` must be a whole number above 0",
                "write it like `page_size: 50`",
            ),
        }
    }
    if let Some(report) = f.bool("report") {
        config.report_page = report;
    }
    if let Some(raw) = f.bool("raw_html") {
        config.raw_html = raw;
    }
    if let Some(relative) = either(&mut f, "links", ["absolute", "relative"],
        "`relative` makes the site work from any folder and from a disk (file://); `absolute` (the default) starts every link with the path of base_url",
    ) {
        config.relative_links = relative;
    }
    if let Some(node) = f.get("freshness") {
        config.freshness = read_freshness(node, &mut f);
    }
    config.author = read_party(&mut f, "author");
    config.publisher = read_party(&mut f, "publisher");
    if let Some(sections) = f.get("sections") {
        read_section_aliases(sections, &mut config.sections, &mut f);
    }
    if let Some(facts) = f.get("fast_facts") {
        read_fact_labels(facts, &mut config.fact_labels, &mut f);
    }
    f.finish();
    config
}

/// `languages:`: every language of the site with its settings, the default first.
fn read_languages(node: &Node, default: &str, f: &mut Fields) -> Vec<SiteLanguage> {
    let hint = "write `languages:` then one line per language, such as `  th: {name: ไทย}`, the default language included";
    let Value::Map(entries) = &node.value else {
        f.error(
            code::BAD_CONFIG,
            node.pos,
            "`languages` must map language codes to their settings",
            hint,
        );
        return Vec::new();
    };
    let mut languages: Vec<SiteLanguage> = Vec::new();
    for (key, value) in entries {
        let language = match Language::parse(&key.name) {
            Ok(l) => l,
            Err(e) => {
                f.error(
                    code::BAD_CONFIG,
                    key.pos,
                    format!("the language `{}` {}", key.name, e.explain()),
                    "language codes are BCP 47 tags in lowercase: `th`, `id`, `vi`, `zh-hans`",
                );
                continue;
            }
        };
        if let Some(l) = read_language(language, value, f) {
            languages.push(l);
        }
    }
    match languages.iter().position(|l| l.language.code == default) {
        Some(i) => {
            let first = languages.remove(i);
            languages.insert(0, first);
        }
        None if !languages.is_empty() => f.error(
            code::BAD_CONFIG,
            node.pos,
            format!("the site's language `{default}` (`language:`) is not among `languages`"),
            format!(
                "add `{default}: {{name: …}}` to `languages:`, or set `language:` to one of them"
            ),
        ),
        None => {}
    }
    languages
}

/// A setting that is one of two words (`[off, on]`, `off` the default): whether it is `on`;
/// `None` when it is not set, or set to another word (reported, with `hint`).
fn either(f: &mut Fields, key: &'static str, [off, on]: [&str; 2], hint: &str) -> Option<bool> {
    let (value, pos) = f.located_text(key, on)?;
    match value.as_str() {
        v if v == off => Some(false),
        v if v == on => Some(true),
        other => {
            f.error(
                code::BAD_CONFIG,
                pos,
                format!("`{key}` must be `{off}` or `{on}`, not `{other}`"),
                hint,
            );
            None
        }
    }
}

/// The settings of one language: `{name: ไทย, title: …, description: …, calendar: buddhist}`.
fn read_language(language: Language, node: &Node, f: &mut Fields) -> Option<SiteLanguage> {
    let code = language.code.clone();
    let mut l = SiteLanguage {
        name: code.clone(),
        language,
        title: None,
        description: None,
        calendar: Calendar::Default,
    };
    let hint = format!(
        "write `{code}: {{name: …}}`, with `title`, `description` and `calendar` if wanted"
    );
    let entries = match &node.value {
        Value::Map(entries) => entries,
        Value::Null => return Some(l),
        _ => {
            f.error(
                code::BAD_CONFIG,
                node.pos,
                format!("the settings of the language `{code}` must be a map"),
                hint.as_str(),
            );
            return None;
        }
    };
    for (key, value) in entries {
        let text = value.as_text().filter(|t| !t.trim().is_empty());
        match (key.name.as_str(), text) {
            ("name", Some(t)) => l.name = t,
            ("title", Some(t)) => l.title = Some(t),
            ("description", Some(t)) => l.description = Some(t),
            ("calendar", Some(t)) => match Calendar::NAMED.iter().find(|(n, _)| *n == t) {
                Some((_, c)) => l.calendar = *c,
                None => f.error(
                    code::BAD_CONFIG,
                    value.pos,
                    format!("unknown calendar `{t}`"),
                    "write `calendar: gregorian` or `calendar: buddhist` (without it, the language's usual calendar)",
                ),
            },
            ("name" | "title" | "description" | "calendar", None) => f.error(
                code::BAD_CONFIG,
                value.pos,
                format!("`{}` of the language `{code}` must be text", key.name),
                hint.as_str(),
            ),
            (other, _) => {
                let known = ["name", "title", "description", "calendar"];
                let near = crate::diagnostics::nearest(other, known);
                let hint = match near.first() {
                    Some(n) => format!("did you mean `{n}`? A language takes `name`, `title`, `description` and `calendar`"),
                    None => "a language takes `name`, `title`, `description` and `calendar`".to_string(),
                };
                f.error(code::UNKNOWN_KEY, key.pos, format!("unknown setting `{other}` of the language `{code}`"), hint);
            }
        }
    }
    Some(l)
}

/// `freshness:`: fact keys and how many years old each may get (`population: 10 years`).
/// `retired:`: addresses withdrawn on purpose, each with why (`/case-studies/old/: Withdrawn
/// at the city's request`).
fn read_retired(node: &Node, f: &mut Fields) -> Vec<RetiredAddress> {
    let hint = "write `retired:` then lines like `  /case-studies/old-study/: Withdrawn at the city's request`";
    let Value::Map(entries) = &node.value else {
        f.error(
            code::BAD_CONFIG,
            node.pos,
            "`retired` must map addresses to why each was withdrawn",
            hint,
        );
        return Vec::new();
    };
    let mut retired = Vec::new();
    for (key, value) in entries {
        let reason = value.as_text().unwrap_or_default().trim().to_string();
        if reason.is_empty() {
            f.error(
                code::MISSING_FIELD,
                value.pos,
                format!("the retired address `{}` says not why it was withdrawn", key.name),
                "readers who follow an old link read it: write a sentence, such as `Withdrawn at the city's request`",
            );
            continue;
        }
        match crate::paths::old_address(&key.name) {
            Ok(path) => retired.push(RetiredAddress {
                path,
                reason,
                pos: key.pos,
            }),
            Err(e) => {
                let (what, hint) = e.explain();
                f.error(
                    code::BAD_REDIRECT,
                    key.pos,
                    format!("the retired address `{}` {what}", key.name),
                    hint,
                );
            }
        }
    }
    retired
}

fn read_freshness(node: &Node, f: &mut Fields) -> Vec<(String, u16)> {
    let hint = "write `freshness:` then lines like `  population: 10 years`";
    let Value::Map(entries) = &node.value else {
        f.error(
            code::BAD_CONFIG,
            node.pos,
            "`freshness` must map fact names to a number of years",
            hint,
        );
        return Vec::new();
    };
    let mut limits = Vec::new();
    for (key, value) in entries {
        let text = value.as_text().unwrap_or_default();
        let number = text
            .trim()
            .strip_suffix("years")
            .or_else(|| text.trim().strip_suffix("year"))
            .unwrap_or(&text)
            .trim()
            .parse::<u16>();
        match number {
            Ok(years) if years > 0 => limits.push((key.name.clone(), years)),
            _ => f.error(
                code::BAD_CONFIG,
                value.pos,
                format!(
                    "the freshness of `{}` must be a number of years, not `{text}`",
                    key.name
                ),
                hint,
            ),
        }
    }
    limits
}

/// `author:` or `publisher:`: a name, or a map with `name` and an optional `url`.
fn read_party(f: &mut Fields, key: &'static str) -> Option<Party> {
    let node = f.get(key)?;
    let hint = format!(
        "write `{key}: City Lab`, or `{key}: {{name: City Lab, url: https://example.org/}}`"
    );
    match &node.value {
        Value::Str(name) if !name.trim().is_empty() => Some(Party {
            name: name.trim().to_string(),
            url: None,
        }),
        Value::Map(entries) => {
            let mut party = Party {
                name: String::new(),
                url: None,
            };
            for (k, v) in entries {
                match (k.name.as_str(), v.as_text()) {
                    ("name", Some(name)) if !name.trim().is_empty() => {
                        party.name = name.trim().to_string();
                    }
                    ("url", Some(url))
                        if url.starts_with("https://") || url.starts_with("http://") =>
                    {
                        party.url = Some(url);
                    }
                    ("url", _) => f.error(
                        code::BAD_CONFIG,
                        v.pos,
                        format!("the `url` of `{key}` must be an absolute http(s) URL"),
                        hint.as_str(),
                    ),
                    ("name", _) => f.error(
                        code::BAD_CONFIG,
                        v.pos,
                        format!("the `name` of `{key}` must be text"),
                        hint.as_str(),
                    ),
                    (other, _) => f.error(
                        code::UNKNOWN_KEY,
                        k.pos,
                        format!("unknown key `{other}` in `{key}`"),
                        hint.as_str(),
                    ),
                }
            }
            if party.name.is_empty() {
                f.error(
                    code::BAD_CONFIG,
                    node.pos,
                    format!("`{key}` has no `name`"),
                    hint.as_str(),
                );
                return None;
            }
            Some(party)
        }
        _ => {
            f.error(
                code::BAD_CONFIG,
                node.pos,
                format!("`{key}` must be a name, or a map with `name` and `url`"),
                hint.as_str(),
            );
            None
        }
    }
}

fn read_section_aliases(node: &Node, aliases: &mut SectionAliases, f: &mut Fields) {
    let Value::Map(entries) = &node.value else {
        f.error(
            code::BAD_CONFIG,
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
                    code::UNKNOWN_KEY,
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
            code::BAD_CONFIG,
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
                code::UNKNOWN_KEY,
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
