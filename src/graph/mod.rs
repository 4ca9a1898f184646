//! Stage 2, resolve: `resolve(Content) -> Resolved` turns loaded files into a [`SiteGraph`].
//!
//! Each step is a module, run in this order:
//!
//! ```text
//! identity    which city, country and topics each study is about (cities created for names
//!             without a profile); cities, countries and topics sorted by name
//! membership  the studies of each city, country and topic; fast facts of cities without a profile
//! partners    partner cities, both ways
//! mentions    city names found in the text of every document, and the "mentioned in" backlinks
//! links       links between content files, checked and pointed at their targets
//! related     up to five related studies for each study
//! navigation  older and newer studies, overall and within a city
//! ```
//!
//! `patch` replaces one study's text in a resolved graph (the fast path of `serve`).
//!
//! The graph holds ids and slugs, never URLs: where an item is published is the route layer's
//! decision (`crate::routes`). Rendering only reads this graph.

mod identity;
pub mod ids;
mod links;
mod membership;
pub mod mentions;
mod navigation;
mod partners;
mod patch;
pub mod redirects;
mod related;
pub mod translations;
pub mod views;

pub use ids::{CityId, CountryId, Id, PageId, StudyId, Table, TopicId};
pub use links::{link_kind, LinkKind};
pub use patch::TextPatch;
pub use redirects::Redirect;
pub use related::RELATED_MAX;
pub use translations::TranslationNode;

use crate::config::SiteConfig;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::layout::{Kind, Placed};
use crate::load::markdown::Document;
use crate::load::{CaseStudy, CityProfile, Content, Draft, FastFact, Origin, Page};
use crate::text::Date;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The resolved site: everything rendering needs, with every cross-reference decided.
#[derive(Debug, Clone)]
pub struct SiteGraph {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Newest first (date descending, then slug), so a smaller id is a newer study.
    pub studies: Table<StudyId, StudyNode>,
    /// Sorted by name.
    pub cities: Table<CityId, CityNode>,
    /// Sorted by name.
    pub countries: Table<CountryId, CountryNode>,
    /// Sorted by name.
    pub topics: Table<TopicId, TopicNode>,
    /// Sorted by slug.
    pub pages: Table<PageId, PageNode>,
    /// Which item each content file became.
    by_source: Arc<HashMap<PathBuf, DocRef>>,
    /// Content files that could not be read (see [`Content::failed`]).
    pub failed: Vec<PathBuf>,
    /// Studies left out as drafts (see [`Content::drafts`]).
    pub drafts: Vec<Draft>,
    /// Translations of studies, city profiles and pages, each tied to its source; in the
    /// order of their files.
    pub translations: Vec<TranslationNode>,
    /// The positions in `translations` of each document's translations: pages ask for them
    /// (alternates, notices) on every render.
    translations_of: Arc<HashMap<DocRef, Vec<usize>>>,
    /// The documents whose source is not in the site's default language, with its code.
    pub source_languages: Arc<HashMap<DocRef, String>>,
    /// The language this graph shows the site in, when it is a view of it in a language other
    /// than the default ([`views::language_view`]); `None` for the site as resolved.
    pub view: Option<String>,
    /// Every old address of the site (`redirect_from:`), in every language: each view keeps
    /// them all, and writes those of its own language.
    pub redirects: Arc<[Redirect]>,
    /// The city-name finder the mentions were found with, kept for replacing a study's text.
    matcher: Option<Arc<mentions::MentionMatcher>>,
    /// The studies the lists show, newest first: all of them, but in a view that leaves out the
    /// studies not written in its language ([`views::language_view`], `untranslated: hide`).
    listed: Arc<[StudyId]>,
    /// The studies shown in this graph's own language, newest first: every study of the site as
    /// resolved; in a view, those written in the view's language.
    own_language: Arc<[StudyId]>,
}

#[derive(Debug, Clone)]
pub struct StudyNode {
    pub study: Arc<CaseStudy>,
    /// The first is the primary city.
    pub cities: Vec<CityId>,
    pub country: CountryId,
    pub topics: Vec<TopicId>,
    /// Up to five: explicit `related` first, then by score.
    pub related: Vec<StudyId>,
    /// The next older and next newer study overall.
    pub older: Option<StudyId>,
    pub newer: Option<StudyId>,
    /// The next older and newer study of the primary city.
    pub older_in_city: Option<StudyId>,
    pub newer_in_city: Option<StudyId>,
    pub links: DocLinks,
}

impl StudyNode {
    pub fn primary_city(&self) -> CityId {
        self.cities[0]
    }

    /// The summary a study shows in lists and feeds: its own, or its first paragraph.
    pub fn summary(&self) -> &str {
        self.study
            .summary
            .as_deref()
            .unwrap_or(&self.study.doc.first_paragraph)
    }
}

/// Where a name was first written, for messages about the item it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub file: PathBuf,
    pub pos: Position,
}

impl Written {
    fn at(source: &Origin, pos: Position) -> Written {
        Written {
            file: source.path.clone(),
            pos,
        }
    }
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.pos.line)
    }
}

/// A fact shown for a city, and where it was taken from.
#[derive(Debug, Clone, PartialEq)]
pub struct CityFact {
    pub fact: FastFact,
    pub from: FactOrigin,
}

/// Where a city's fact was written: its profile, or a study (with the study's date).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FactOrigin {
    Profile,
    Study(StudyId, Date),
}

/// When a fact's value held: the year written with it, or else the date of its study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AsOf {
    Date(Date),
    Year(u16),
}

impl AsOf {
    pub fn year(self) -> u16 {
        match self {
            AsOf::Date(d) => d.year,
            AsOf::Year(y) => y,
        }
    }
}

impl CityFact {
    pub fn as_of(&self) -> Option<AsOf> {
        as_of(&self.fact, self.from)
    }
}

/// When `fact`, written in `from`, held: its year, else its study's date; a plain value in a
/// profile has no date.
pub fn as_of(fact: &FastFact, from: FactOrigin) -> Option<AsOf> {
    match (fact.source.year, from) {
        (Some(y), _) => Some(AsOf::Year(y)),
        (None, FactOrigin::Study(_, date)) => Some(AsOf::Date(date)),
        (None, FactOrigin::Profile) => None,
    }
}

#[derive(Debug, Clone)]
pub struct CityNode {
    pub name: String,
    pub slug: String,
    /// The profile's name, or the first study naming a city without a profile.
    pub written: Written,
    pub country: CountryId,
    pub aliases: Vec<String>,
    /// The profile from `content/cities/`, if the city has one.
    pub profile: Option<Arc<CityProfile>>,
    /// Each fact from the newest dated source among the profile and the studies naming this
    /// city first (see `membership.rs`).
    pub fast_facts: Vec<CityFact>,
    /// Studies about this city (listed in their `city`/`cities`), newest first.
    pub studies: Vec<StudyId>,
    pub partners: Vec<CityId>,
    pub mentioned_in: Vec<Backlink>,
    pub links: DocLinks,
}

impl CityNode {
    fn new(name: String, slug: String, written: Written) -> Self {
        CityNode {
            name,
            slug,
            written,
            country: CountryId::from_index(0),
            aliases: Vec::new(),
            fast_facts: Vec::new(),
            profile: None,
            studies: Vec::new(),
            partners: Vec::new(),
            mentioned_in: Vec::new(),
            links: DocLinks::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct CountryNode {
    pub name: String,
    pub slug: String,
    /// Where the country was first named.
    pub written: Written,
    /// Sorted by name.
    pub cities: Vec<CityId>,
    /// Newest first.
    pub studies: Vec<StudyId>,
}

#[derive(Debug, Clone)]
pub struct TopicNode {
    pub name: String,
    pub slug: String,
    /// Where the topic was first named.
    pub written: Written,
    /// Newest first.
    pub studies: Vec<StudyId>,
    /// Cities of those studies, sorted by name.
    pub cities: Vec<CityId>,
}

#[derive(Debug, Clone)]
pub struct PageNode {
    pub page: Arc<Page>,
    pub links: DocLinks,
}

/// A document: an item with Markdown text that can link and be linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocRef {
    Study(StudyId),
    City(CityId),
    Page(PageId),
}

/// "Mentioned in": a document naming a city. Its first mention of the city is among the
/// document's [`DocLinks::mentions`]; [`SiteGraph::excerpt`] quotes the sentence around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backlink {
    pub from: DocRef,
}

/// What rendering changes in a document's events: city links to insert, links to point at
/// their targets.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DocLinks {
    /// Sorted by event, then position.
    pub mentions: Vec<Mention>,
    /// Links to other content files, by the index of their `Start(Link)` event, in order.
    pub targets: Vec<(usize, LinkTarget)>,
}

/// A city name found in a text event, to be linked to the city's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub event: usize,
    pub range: Range<usize>,
    pub city: CityId,
}

/// Where a link to a content file goes: a document, and a heading on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    pub doc: DocRef,
    pub fragment: Option<String>,
}

/// The outcome of resolving: the graph and every problem found.
pub struct Resolved {
    pub graph: SiteGraph,
    pub diagnostics: Diagnostics,
    pub times: ResolveTimes,
}

/// How long the steps of resolving took, for `build -v` and the benchmarks.
#[derive(Debug, Default, Clone, Copy)]
pub struct ResolveTimes {
    /// Identifying cities, countries and topics, and their lists of studies.
    pub identity: Duration,
    pub mentions: Duration,
    pub links: Duration,
    pub related: Duration,
    /// Bytes of body text scanned for city names.
    pub text_bytes: usize,
    /// City links found.
    pub mentions_found: usize,
}

impl SiteGraph {
    pub fn doc_title(&self, r: DocRef) -> &str {
        match r {
            DocRef::Study(i) => &self.studies[i].study.title,
            DocRef::City(i) => &self.cities[i].name,
            DocRef::Page(i) => &self.pages[i].page.title,
        }
    }

    /// The city mentions and links of a document's text.
    pub fn doc_links(&self, r: DocRef) -> &DocLinks {
        match r {
            DocRef::Study(i) => &self.studies[i].links,
            DocRef::City(i) => &self.cities[i].links,
            DocRef::Page(i) => &self.pages[i].links,
        }
    }

    /// The Markdown text of a document (none for a city without a profile).
    pub fn document(&self, r: DocRef) -> Option<&Document> {
        match r {
            DocRef::Study(i) => Some(&self.studies[i].study.doc),
            DocRef::City(i) => self.cities[i].profile.as_ref().map(|p| &*p.doc),
            DocRef::Page(i) => Some(&self.pages[i].page.doc),
        }
    }

    /// The sentence around the first mention of `city` in the document `from` (what "mentioned
    /// in" quotes), shortened to about 220 characters.
    pub fn excerpt(&self, from: DocRef, city: CityId) -> String {
        let mention = self
            .doc_links(from)
            .mentions
            .iter()
            .find(|m| m.city == city);
        let text = mention.and_then(|m| Some((m, self.document(from)?.events.text(m.event)?)));
        match text {
            Some((m, text)) => mentions::excerpt(text, m.range.clone()),
            None => String::new(),
        }
    }

    /// Every document with a text: studies, cities with a profile, pages.
    pub fn doc_refs(&self) -> impl Iterator<Item = DocRef> + '_ {
        let studies = self.studies.ids().map(DocRef::Study);
        let cities = self
            .cities
            .enumerate()
            .filter(|(_, c)| c.profile.is_some())
            .map(|(i, _)| DocRef::City(i));
        studies
            .chain(cities)
            .chain(self.pages.ids().map(DocRef::Page))
    }

    /// The language a document is shown in here: `None` for the site's default language.
    pub fn item_language(&self, r: DocRef) -> Option<&str> {
        match r {
            DocRef::Study(i) => self.studies[i].study.language.as_deref(),
            DocRef::City(i) => self.cities[i].profile.as_ref()?.language.as_deref(),
            DocRef::Page(i) => self.pages[i].page.language.as_deref(),
        }
    }

    /// Every language a document exists in (`None`: the default), its source's first.
    pub fn doc_languages(&self, r: DocRef) -> Vec<Option<&str>> {
        std::iter::once(self.source_languages.get(&r).map(String::as_str))
            .chain(self.translation_languages(r).map(Some))
            .collect()
    }

    /// The studies that lists of the whole site show (the home page, the list of studies, the
    /// site's feed, search), newest first: every study but in a view of a language that leaves
    /// out the studies not written in it.
    pub fn listed_studies(&self) -> &[StudyId] {
        &self.listed
    }

    /// The studies shown in this graph's own language, newest first: every study, but in a view
    /// of another language only those written in it.
    pub fn own_language_studies(&self) -> &[StudyId] {
        &self.own_language
    }

    /// The source file of a document (none for a city without a profile).
    pub fn doc_source(&self, r: DocRef) -> Option<&Origin> {
        match r {
            DocRef::Study(i) => Some(&self.studies[i].study.source),
            DocRef::City(i) => self.cities[i].profile.as_ref().map(|p| &p.source),
            DocRef::Page(i) => Some(&self.pages[i].page.source),
        }
    }

    /// The item read from `path` (relative to the site root, `content/cities/phuket.md`).
    pub fn find_source(&self, path: &Path) -> Option<DocRef> {
        self.by_source.get(path).copied()
    }

    /// The content this graph was resolved from, sharing its items: replace one file in it and
    /// resolve it again to rebuild after an edit.
    pub fn content(&self) -> Content {
        let mut content = Content {
            root: self.root.clone(),
            config: self.config.clone(),
            studies: self.studies.iter().map(|s| s.study.clone()).collect(),
            cities: self
                .cities
                .iter()
                .filter_map(|c| c.profile.clone())
                .collect(),
            pages: self.pages.iter().map(|p| p.page.clone()).collect(),
            failed: self.failed.clone(),
            drafts: self.drafts.clone(),
            translations: self
                .translations
                .iter()
                .map(|t| t.translation.clone())
                .collect(),
        };
        content.sort();
        content
    }
}

/// What content files that could not be read might have held: their paths (for links) and the
/// slugs of their names (for studies naming a city, `related` slugs, partners). A reference that
/// could be to one of them is not reported: the file's own error is.
pub(crate) struct Missing {
    paths: Vec<String>,
    study_slugs: Vec<String>,
    city_slugs: Vec<String>,
}

impl Missing {
    fn new(failed: &[PathBuf], layout: &crate::layout::Layout) -> Missing {
        let names = |kind: Kind| {
            failed
                .iter()
                .filter_map(|p| match layout.place(p, |_| false) {
                    Placed::Content(f) if f.kind == kind => Some(crate::text::slugify(&f.name)),
                    _ => None,
                })
                .collect()
        };
        Missing {
            paths: failed.iter().map(|p| crate::layout::link_path(p)).collect(),
            study_slugs: names(Kind::Study),
            city_slugs: names(Kind::City),
        }
    }

    /// A link's target (`cities/phuket.md`, as links name files) is a file that failed.
    pub fn has_file(&self, content_path: &str) -> bool {
        self.paths.iter().any(|p| p == content_path)
    }

    /// A city name could be that of a profile that failed.
    pub fn may_be_city(&self, name: &str) -> bool {
        !self.city_slugs.is_empty() && self.city_slugs.contains(&crate::text::slugify(name))
    }

    /// A study slug could be that of a study that failed.
    pub fn may_be_study(&self, slug: &str) -> bool {
        self.study_slugs.iter().any(|s| s == slug)
    }
}

/// Where a name was written, for diagnostics about it.
struct NameSite<'a> {
    source: &'a Origin,
    pos: Position,
}

impl NameSite<'_> {
    fn error(&self, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.source.path, msg)
            .with_code(code::CONTENT_ERROR)
            .at_position(self.pos)
    }
    fn warning(&self, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.source.path, msg)
            .with_code(code::CONTENT_WARNING)
            .at_position(self.pos)
    }
}

/// Builds the site graph from loaded content.
pub fn resolve(content: Content) -> Resolved {
    let started = Instant::now();
    let mut d = Diagnostics::new();
    let Content {
        root,
        config,
        studies,
        cities: profiles,
        pages,
        failed,
        drafts,
        translations,
    } = content;
    let missing = Missing::new(&failed, &config.layout());
    let identified = identity::identify(studies, profiles, &missing, &mut d);
    let mut pages: Vec<PageNode> = pages
        .into_iter()
        .map(|page| PageNode {
            page,
            links: DocLinks::default(),
        })
        .collect();
    pages.sort_by(|a, b| a.page.slug.cmp(&b.page.slug));
    let mut graph = SiteGraph {
        root,
        config,
        studies: identified.studies,
        cities: identified.cities,
        countries: identified.countries,
        topics: identified.topics,
        pages: Table::new(pages),
        by_source: Arc::default(),
        failed,
        drafts,
        translations: Vec::new(),
        translations_of: Arc::default(),
        source_languages: Arc::default(),
        view: None,
        redirects: Arc::from([]),
        matcher: None,
        listed: Arc::from([]),
        own_language: Arc::from([]),
    };
    graph.own_language = graph.studies.ids().collect();
    graph.listed = graph.own_language.clone();
    membership::link(&mut graph);
    partners::link(&mut graph, &identified.names, &missing, &mut d);
    graph.by_source = Arc::new(source_index(&graph));
    graph.translations = translations::attach(&graph, translations, &mut d);
    graph.translations_of = Arc::new(translations::index(&graph.translations));
    graph.source_languages = Arc::new(
        graph
            .doc_refs()
            .filter_map(|r| Some((r, graph.item_language(r)?.to_string())))
            .collect(),
    );
    graph.redirects = redirects::gather(&graph).into();
    let mut times = ResolveTimes {
        identity: started.elapsed(),
        ..ResolveTimes::default()
    };

    let t = Instant::now();
    (times.text_bytes, times.mentions_found) = mentions::link(&mut graph, &mut d);
    times.mentions = t.elapsed();
    let t = Instant::now();
    links::resolve_links(&mut graph, &missing, &mut d);
    times.links = t.elapsed();
    let t = Instant::now();
    translations::link_texts(&mut graph, &missing, &mut d);
    related::compute(&mut graph, &missing, &mut d);
    navigation::compute(&mut graph);
    times.related = t.elapsed();
    Resolved {
        graph,
        diagnostics: d,
        times,
    }
}

fn source_index(g: &SiteGraph) -> HashMap<PathBuf, DocRef> {
    let mut index = HashMap::with_capacity(g.studies.len() + g.cities.len() + g.pages.len());
    for (i, s) in g.studies.enumerate() {
        index.insert(s.study.source.path.clone(), DocRef::Study(i));
    }
    for (i, c) in g.cities.enumerate() {
        if let Some(p) = &c.profile {
            index.insert(p.source.path.clone(), DocRef::City(i));
        }
    }
    for (i, p) in g.pages.enumerate() {
        index.insert(p.page.source.path.clone(), DocRef::Page(i));
    }
    index
}
