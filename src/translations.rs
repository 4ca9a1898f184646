//! The state of a site's translations, for `casebook translations`, `check` and the coverage
//! report: per language and item, whether its translation is current, outdated (naming the
//! parts of the source that changed since its `translated_from:` stamp), unstamped or missing;
//! and stamping a translation (`--stamp`) or starting one (`new translation`).

use crate::graph::translations::Status;
use crate::graph::{DocRef, SiteGraph};
use crate::layout::{Layout, Placed};
use crate::scaffold::quoted;
use std::path::{Path, PathBuf};

/// One item in one language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub language: String,
    pub kind: &'static str,
    /// The source's file, relative to the site root.
    pub source: PathBuf,
    /// The translation's file; none when it is missing.
    pub translation: Option<PathBuf>,
    /// `current`, `outdated`, `unstamped` or `missing`.
    pub status: &'static str,
    /// For an outdated translation: the parts of the source that changed.
    pub changed: Vec<String>,
    /// The line of the stamp (of the title, for an unstamped one).
    pub line: Option<usize>,
}

/// Every document in every language of the site other than its own, in the order of
/// `languages:` then of the documents.
pub fn entries(g: &SiteGraph) -> Vec<Entry> {
    let mut out = Vec::new();
    for l in &g.config.languages {
        let code = l.language.code.as_str();
        for r in g.doc_refs() {
            let Some(source) = g.doc_source(r) else {
                continue;
            };
            if g.source_languages
                .get(&r)
                .map_or(code == g.config.language, |s| s == code)
            {
                continue;
            }
            let kind = match r {
                DocRef::Study(_) => "case-study",
                DocRef::City(_) => "city",
                DocRef::Page(_) => "page",
            };
            let (status, changed, translation, line) = match g.translation(r, code) {
                Some(t) => {
                    let st = g.translation_status(t);
                    let line = t
                        .translation
                        .stamp
                        .as_ref()
                        .map_or(t.translation.title.pos.line, |s| s.pos.line);
                    let changed = match &st {
                        Status::Outdated(parts) => parts.clone(),
                        _ => Vec::new(),
                    };
                    (
                        st.name(),
                        changed,
                        Some(t.translation.source.path.clone()),
                        Some(line),
                    )
                }
                None => ("missing", Vec::new(), None, None),
            };
            out.push(Entry {
                language: code.to_string(),
                kind,
                source: source.path.clone(),
                translation,
                status,
                changed,
                line,
            });
        }
    }
    out
}

/// The `translated_from:` block that marks a translation of `of` current.
pub fn stamp_block(g: &SiteGraph, of: DocRef) -> String {
    let mut block = String::from("translated_from:\n");
    for (part, print) in g.source_parts(of) {
        block.push_str(&format!("  {part}: \"{print}\"\n"));
    }
    block
}

/// Why a translation could not be stamped or started.
#[derive(Debug)]
pub enum TranslationError {
    /// The file is no translation of this site (with what it is instead).
    NotATranslation(PathBuf),
    /// The file is no source this site has.
    NoSource(PathBuf),
    /// The language is not one of the site's, or is the source's own.
    Language(String),
    /// The front matter of the file could not be found.
    NoFrontMatter(PathBuf),
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for TranslationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TranslationError::NotATranslation(p) => write!(f, "`{}` is not a translation of this site (a translation is `x.<code>.md` beside its source `x.md`)", p.display()),
            TranslationError::NoSource(p) => write!(f, "`{}` is not a case study, city profile or page this site has", p.display()),
            TranslationError::Language(code) => write!(f, "`{code}` is not one of the site's other languages (see `languages:` in site.yaml)"),
            TranslationError::NoFrontMatter(p) => write!(f, "`{}` has no front matter between `---` lines", p.display()),
            TranslationError::Exists(p) => write!(f, "`{}` already exists; nothing was written", p.display()),
            TranslationError::Io(p, e) => write!(f, "cannot write `{}`: {e}", p.display()),
        }
    }
}

/// Marks the translation at `rel` (relative to the site root) current: writes the source's
/// fingerprints into its `translated_from:`, replacing the old stamp. Returns its new text.
pub fn stamp(root: &Path, g: &SiteGraph, rel: &Path) -> Result<String, TranslationError> {
    let node = g
        .translations
        .iter()
        .find(|t| t.translation.source.path == rel)
        .ok_or_else(|| TranslationError::NotATranslation(rel.to_path_buf()))?;
    let path = root.join(rel);
    let io = |e| TranslationError::Io(rel.to_path_buf(), e);
    let text = std::fs::read_to_string(&path).map_err(io)?;
    let text = crate::text::normalize_source(text);
    let updated = with_stamp(&text, &stamp_block(g, node.of))
        .ok_or_else(|| TranslationError::NoFrontMatter(rel.to_path_buf()))?;
    std::fs::write(&path, &updated).map_err(io)?;
    Ok(updated)
}

/// `text` with its front matter's `translated_from:` block replaced by `block` (added before
/// the closing `---` when there is none).
fn with_stamp(text: &str, block: &str) -> Option<String> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    let (front, after) = rest.split_at(end + 1);
    let mut kept = String::new();
    let mut skipping = false;
    for line in front.lines() {
        if line.starts_with("translated_from:") {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.starts_with('\t') || line.is_empty()) {
            continue;
        }
        skipping = false;
        kept.push_str(line);
        kept.push('\n');
    }
    Some(format!("---\n{kept}{block}{after}"))
}

/// Writes `x.<language>.md` beside the source `source` (relative to the site root): the
/// source's texts to translate (title, summary, the texts of its fast facts, its body) and the
/// stamp of what the source says now. Never replaces a file.
pub fn new_translation(
    root: &Path,
    g: &SiteGraph,
    source: &Path,
    language: &str,
) -> Result<PathBuf, TranslationError> {
    let r = g
        .find_source(source)
        .ok_or_else(|| TranslationError::NoSource(source.to_path_buf()))?;
    let layout = g.config.layout();
    if !layout.translation_codes().iter().any(|c| c == language)
        || g.source_languages.get(&r).is_some_and(|s| s == language)
    {
        return Err(TranslationError::Language(language.to_string()));
    }
    let Placed::Content(file) = layout.place(source, |p| root.join(p).is_file()) else {
        return Err(TranslationError::NoSource(source.to_path_buf()));
    };
    let rel = Layout::file_of(file.kind, &file.name, file.bundle, Some(language));
    let text = std::fs::read_to_string(root.join(source))
        .map_err(|e| TranslationError::Io(source.to_path_buf(), e))?;
    let text = crate::text::normalize_source(text);
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---").map(|end| &rest[end + 4..]))
        .map(|b| b.strip_prefix('\n').unwrap_or(b))
        .unwrap_or("");
    let mut front = format!(
        "---\n# A translation of {} into `{language}`: translate the texts below; the date, cities,\n# topics, sources and numbers are the source's. `casebook translations --stamp {}` marks it\n# current after the source changes and this file has caught up.\n",
        source.display(),
        rel.display()
    );
    let (title_key, title, summary, facts) = match r {
        DocRef::Study(s) => {
            let st = &g.studies[s].study;
            (
                "title",
                st.title.as_str(),
                st.summary.as_deref(),
                &st.fast_facts[..],
            )
        }
        DocRef::City(c) => match &g.cities[c].profile {
            Some(p) => (
                "name",
                p.name.value.as_str(),
                p.summary.as_deref(),
                &p.fast_facts[..],
            ),
            None => return Err(TranslationError::NoSource(source.to_path_buf())),
        },
        DocRef::Page(p) => {
            let page = &g.pages[p].page;
            (
                "title",
                page.title.as_str(),
                page.summary.as_deref(),
                &[][..],
            )
        }
    };
    front.push_str(&format!("{title_key}: {}\n", quoted(title)));
    if let Some(summary) = summary {
        front.push_str(&format!("summary: {}\n", quoted(summary)));
    }
    let texts: Vec<String> = facts
        .iter()
        .filter_map(|f| match &f.value {
            crate::load::FactValue::Text(t) => Some(format!("  {}: {}\n", f.key, quoted(t))),
            crate::load::FactValue::List(items) => Some(format!(
                "  {}:\n{}",
                f.key,
                items
                    .iter()
                    .map(|i| format!("    - {}\n", quoted(i)))
                    .collect::<String>()
            )),
            _ => None,
        })
        .collect();
    if !texts.is_empty() {
        front.push_str("fast_facts:\n");
        front.extend(texts);
    }
    front.push_str(&stamp_block(g, r));
    front.push_str("---\n");
    front.push_str(body);
    let path = root.join(&rel);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => TranslationError::Exists(rel.clone()),
            _ => TranslationError::Io(rel.clone(), e),
        })?;
    std::io::Write::write_all(&mut f, front.as_bytes())
        .map_err(|e| TranslationError::Io(rel.clone(), e))?;
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::with_stamp;

    #[test]
    fn a_stamp_replaces_the_old_one_and_keeps_the_rest() {
        let text = "---\ntitle: x\ntranslated_from:\n  title: \"aaa\"\n  intro: \"bbb\"\nsummary: y\n---\nBody\n";
        let new = with_stamp(text, "translated_from:\n  title: \"ccc\"\n").expect("front matter");
        assert_eq!(
            new,
            "---\ntitle: x\nsummary: y\ntranslated_from:\n  title: \"ccc\"\n---\nBody\n"
        );
        assert_eq!(with_stamp("no front matter", "x"), None);
    }
}
