//! What each route reads from the graph, as a list of [`Dep`]s.
//!
//! Every page module lists its inputs next to the code that renders them (`inputs` beside
//! `fill_context`), so the two are read and changed together. Two builds of a site can then be
//! compared route by route without rendering: a route whose inputs are the same items, in the same
//! order, none of which changed, gives the same bytes (`crate::change`).

use crate::graph::{CityId, CountryId, DocLinks, DocRef, PageId, SiteGraph, StudyId, TopicId};

/// One thing a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    /// Everything written in a study's file: title, date, summary, text, facts, sources.
    StudyFile(StudyId),
    /// A study's fast facts and date: what a city's facts and the coverage take from it (its
    /// text and title do not matter to them).
    StudyFacts(StudyId),
    /// A study as other pages list it: its card and link (title, date, summary, URL, the name and
    /// link of its primary city and of its country).
    StudyCard(StudyId),
    /// A city's name and link.
    CityName(CityId),
    /// Everything written in a city's profile.
    CityProfile(CityId),
    /// A country's name and link.
    CountryName(CountryId),
    /// A topic's name and link.
    TopicName(TopicId),
    /// A free page's title and link (every page's navigation shows them).
    PageTitle(PageId),
    /// Everything written in a free page's file.
    PageFile(PageId),
    /// A link to a document's page (its URL only).
    LinkTo(DocRef),
    /// A count, a page number, a position: anything the page shows or is shaped by.
    Number(usize),
    /// An item of the other build that this one does not have.
    Gone,
}

/// The inputs of one route, in the order the page reads them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub deps: Vec<Dep>,
}

impl Inputs {
    pub fn push(&mut self, d: Dep) {
        self.deps.push(d);
    }

    pub fn number(&mut self, n: usize) {
        self.deps.push(Dep::Number(n));
    }

    /// An optional study link (older, newer): its card, or a marker for none.
    pub fn maybe_card(&mut self, s: Option<StudyId>) {
        match s {
            Some(s) => self.push(Dep::StudyCard(s)),
            None => self.number(usize::MAX),
        }
    }

    pub fn cards(&mut self, ids: impl IntoIterator<Item = StudyId>) {
        let before = self.deps.len();
        self.deps.extend(ids.into_iter().map(Dep::StudyCard));
        // The number of cards: two lists of different lengths never compare equal by accident.
        self.number(self.deps.len() - before);
    }

    pub fn cities(&mut self, ids: impl IntoIterator<Item = CityId>) {
        let before = self.deps.len();
        self.deps.extend(ids.into_iter().map(Dep::CityName));
        self.number(self.deps.len() - before);
    }

    /// What every HTML page shows: the navigation, which lists the free pages.
    pub fn chrome(&mut self, g: &SiteGraph) {
        self.deps.extend(g.pages.ids().map(Dep::PageTitle));
        self.number(g.pages.len());
    }

    /// What rendering a document's text reads besides the text: where each city mention is and
    /// which city it links to, and where each link to another document goes.
    pub fn doc_links(&mut self, links: &DocLinks) {
        for m in &links.mentions {
            self.deps.extend([
                Dep::Number(m.event),
                Dep::Number(m.range.start),
                Dep::Number(m.range.end),
                Dep::CityName(m.city),
            ]);
        }
        self.number(links.mentions.len());
        for (event, target) in &links.targets {
            self.deps
                .extend([Dep::Number(*event), Dep::LinkTo(target.doc)]);
        }
        self.number(links.targets.len());
    }

    /// The ids this list names, for translating between builds.
    pub fn map(&mut self, f: impl Fn(Dep) -> Dep) {
        for d in &mut self.deps {
            *d = f(*d);
        }
    }
}

/// A document's title and link, and its text (an excerpt of which a backlink shows).
pub fn doc_deps(r: DocRef) -> [Dep; 2] {
    match r {
        DocRef::Study(s) => [Dep::StudyCard(s), Dep::StudyFile(s)],
        DocRef::City(c) => [Dep::CityName(c), Dep::CityProfile(c)],
        DocRef::Page(p) => [Dep::PageTitle(p), Dep::PageFile(p)],
    }
}
