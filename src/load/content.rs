//! The content types the load stage produces: case studies, city profiles and free pages, as
//! written, before anything is resolved across files.

use super::markdown::Document;
use crate::diagnostics::Position;
use crate::text::Date;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a loaded item came from. Its text is not kept (it would double the memory a large site
/// needs); diagnostics made later quote their line by reading the file again
/// ([`crate::diagnostics::Diagnostics::quote_lines`]).
#[derive(Debug, Clone)]
pub struct Origin {
    /// Relative to the site root, e.g. `content/case-studies/khon-kaen.md`.
    pub path: PathBuf,
}

/// The language of a content file: `None` for the site's default language, else the code its
/// file name carries (`x.th.md`).
pub type Language = Option<String>;

/// A name written in front matter, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Position,
}

#[derive(Debug, Clone)]
pub struct CaseStudy {
    pub source: Origin,
    /// The language it is written in: `None` for the site's default language ([`Language`]).
    pub language: Language,
    pub slug: String,
    /// Where the slug was given (`slug:`), or the file's first line when it comes from the name.
    pub slug_at: Position,
    pub title: String,
    pub date: Date,
    /// As written; the first is the primary city.
    pub cities: Vec<Spanned<String>>,
    pub country: Option<Spanned<String>>,
    pub summary: Option<String>,
    pub topics: Vec<Spanned<String>>,
    pub related: Vec<Spanned<String>>,
    pub draft: bool,
    pub autolink: bool,
    pub fast_facts: Vec<FastFact>,
    pub sources: Vec<SourceRef>,
    /// Old addresses of its page (`redirect_from:`), each as the output folder holds it
    /// ([`crate::paths::old_address`]), where it was written.
    pub redirect_from: Vec<Spanned<String>>,
    pub doc: Arc<Document>,
    /// Files beside `index.md` in a bundle folder, relative to that folder and written with `/`.
    pub assets: Vec<String>,
    /// The bundle folder, relative to the site root (`content/case-studies/<slug>`).
    pub bundle_dir: Option<PathBuf>,
}

impl CaseStudy {
    /// The file on disk behind asset `i` of the study's bundle.
    pub fn asset_source(&self, root: &Path, i: usize) -> Option<PathBuf> {
        Some(
            root.join(self.bundle_dir.as_ref()?)
                .join(self.assets.get(i)?),
        )
    }
}

#[derive(Debug, Clone)]
pub struct CityProfile {
    pub source: Origin,
    pub language: Language,
    pub slug: String,
    /// Where the slug was given (`slug:`), or the name's line when it comes from the name.
    pub slug_at: Position,
    pub name: Spanned<String>,
    pub country: Spanned<String>,
    pub region: Option<String>,
    pub aliases: Vec<Spanned<String>>,
    /// The city's name in other languages of the site (`names: {th: ขอนแก่น}`), by code.
    pub names: Vec<(String, Spanned<String>)>,
    pub coordinates: Option<(f64, f64)>,
    pub fast_facts: Vec<FastFact>,
    pub partners: Vec<Spanned<String>>,
    pub summary: Option<String>,
    pub autolink: bool,
    /// Old addresses of its page (`redirect_from:`), each as the output folder holds it
    /// ([`crate::paths::old_address`]), where it was written.
    pub redirect_from: Vec<Spanned<String>>,
    pub doc: Arc<Document>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub source: Origin,
    pub language: Language,
    pub slug: String,
    /// Where the slug was given (`slug:`), or the file's first line.
    pub slug_at: Position,
    pub title: String,
    pub summary: Option<String>,
    pub autolink: bool,
    /// Old addresses of its page (`redirect_from:`), each as the output folder holds it
    /// ([`crate::paths::old_address`]), where it was written.
    pub redirect_from: Vec<Spanned<String>>,
    pub doc: Arc<Document>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FastFact {
    pub key: String,
    pub value: FactValue,
    /// The year and source of the value, when written `{value: ..., year: ..., source: ...}`.
    pub source: FactSource,
    /// Where the value is written (for warnings about its age).
    pub pos: Position,
}

/// When a fact's value held and where it comes from; all empty for a plain value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FactSource {
    pub year: Option<u16>,
    pub name: Option<String>,
    pub url: Option<String>,
}

impl FactSource {
    pub fn is_empty(&self) -> bool {
        self.year.is_none() && self.name.is_none() && self.url.is_none()
    }
}

impl FactValue {
    /// Whether the value is text (a name, notes) rather than a number: what a translation
    /// translates.
    pub fn is_text(&self) -> bool {
        matches!(self, FactValue::Text(_) | FactValue::List(_))
    }
}

/// The keys of the fast facts every site knows, as written in front matter.
pub mod fact_key {
    pub const MAYOR: &str = "mayor";
    pub const POPULATION: &str = "population";
    pub const AREA_KM2: &str = "area_km2";
    pub const SIGNATORY_SINCE: &str = "signatory_since";
    pub const NOTES: &str = "notes";
}

/// The fast facts every site knows, in their usual order; any other key is a fact of the site's
/// own.
pub const STANDARD_FACTS: [&str; 5] = [
    fact_key::MAYOR,
    fact_key::POPULATION,
    fact_key::AREA_KM2,
    fact_key::SIGNATORY_SINCE,
    fact_key::NOTES,
];

#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Text(String),
    Population(u64),
    AreaKm2(f64),
    Year(u16),
    /// Markdown strings, shown as bullets.
    List(Vec<String>),
}

/// An entry of `sources:`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceRef {
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
}

/// A translation of a case study, a city profile or a free page (`x.th.md` beside `x.md`): its
/// text in another language. Everything else (date, cities, country, topics, sources, the
/// numbers of the fast facts) is its source's.
#[derive(Debug, Clone)]
pub struct Translation {
    pub source: Origin,
    pub kind: crate::layout::Kind,
    /// The translation's language code (`th`).
    pub language: String,
    /// The name of the item's files (`x` for `x.th.md` and `x.md`), which ties it to its source.
    pub of: String,
    /// The title (for a city, its name) in this language.
    pub title: Spanned<String>,
    pub summary: Option<String>,
    /// A city's other names in this language.
    pub aliases: Vec<Spanned<String>>,
    /// A city's region in this language.
    pub region: Option<String>,
    /// Fast facts as the translation writes them: texts replace the source's; numbers, when
    /// given at all, must be the source's.
    pub fast_facts: Vec<FastFact>,
    /// The date, when the translation repeats it (it must be the source's).
    pub date: Option<Spanned<Date>>,
    pub draft: bool,
    pub autolink: bool,
    /// What the source said when the translation was made (`translated_from:`).
    pub stamp: Option<Stamp>,
    /// Old addresses of the translation's page (`redirect_from:`), each as the output folder holds it
    /// ([`crate::paths::old_address`]), where it was written.
    pub redirect_from: Vec<Spanned<String>>,
    pub doc: Arc<Document>,
}

/// `translated_from:` of a translation: a short fingerprint of each part of the source
/// (`title`, `summary`, `facts`, and each section by its anchor) as it was when the translation
/// was made or last brought up to date.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    pub parts: Vec<(String, String)>,
    pub pos: Position,
}
