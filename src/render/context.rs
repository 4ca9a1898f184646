//! What every page renderer works with: the graph, the routes, the theme and each study's
//! pre-rendered card ([`Ctx`]), and the small view values templates receive (links, breadcrumbs,
//! page metadata), built from ids through the route layer.

use super::data::search::terms::TermIndex;
use crate::graph::{CityId, CountryId, SiteGraph, StudyId, TopicId};
use crate::routes::{Route, Routes};
use crate::theme::{Text, Theme};
use serde::Serialize;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// A link: a title and a URL.
#[derive(Serialize, Clone, PartialEq)]
pub(super) struct Link<'a> {
    pub title: &'a str,
    pub url: Cow<'a, str>,
}

/// A link with a number in brackets (how many studies a country or topic has).
#[derive(Serialize)]
pub(super) struct CountedLink<'a> {
    pub title: &'a str,
    pub url: Cow<'a, str>,
    pub count: usize,
}

/// An entry of the breadcrumb trail.
#[derive(Serialize)]
pub(super) struct Crumb<'a> {
    pub title: &'a str,
    pub url: Cow<'a, str>,
}

/// What `base.html` needs to know about the page it wraps.
#[derive(Serialize)]
pub(super) struct PageMeta {
    /// The document title (`<title>`), without the site name.
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub kind: &'static str,
}

/// The site-wide values every template sees as `site`.
#[derive(Serialize)]
pub(super) struct SiteContext<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub nav: Vec<Link<'a>>,
    pub home_url: String,
    pub case_studies_url: String,
    pub cities_url: String,
    pub countries_url: String,
    pub topics_url: String,
    pub search_url: String,
    pub css_url: String,
    pub favicon_url: String,
    pub search_index_url: String,
    pub search_js_url: String,
    pub compare_js_url: String,
    pub compare_url: String,
    /// The coverage report's page, when the site publishes it.
    pub report_url: Option<String>,
    pub feed_url: String,
    pub data_url: String,
}

/// How a study appears inside other pages. Each is a theme template rendered once per study;
/// pages receive the HTML. A study shows in a dozen lists (its cities, country, topics, the
/// studies related to it), and copying its card is far cheaper than rendering it again.
#[derive(Clone, Copy)]
pub(super) enum StudyPartial {
    /// `study_card.html`: an entry of a study list.
    Card,
    /// `study_link.html`: a one-line link with the date.
    Link,
}

impl StudyPartial {
    pub const ALL: [StudyPartial; 2] = [StudyPartial::Card, StudyPartial::Link];

    pub fn template(self) -> &'static str {
        match self {
            StudyPartial::Card => "study_card.html",
            StudyPartial::Link => "study_link.html",
        }
    }
}

/// Everything rendering reads.
pub(super) struct Ctx<'g> {
    pub g: &'g SiteGraph,
    pub routes: Routes<'g>,
    pub theme: Theme,
    /// Every study's partials as template values (safe HTML strings), indexed by
    /// [`StudyPartial`]; template values are shared, not copied, when put into a page.
    pub partials: Vec<[tera::Value; 2]>,
    /// The search index's terms, built by the first route that needs them.
    pub search: Arc<SearchTerms<'g>>,
    /// In a language other than the default: the default language's terms, which its search
    /// page reads for the studies not written in this language.
    pub default_search: Option<Arc<SearchTerms<'g>>>,
}

/// The terms of one language's search index, built once per render by the first route that
/// needs them (in that language or, for the default language, in another: see
/// [`Ctx::default_search`]).
pub struct SearchTerms<'g> {
    g: &'g SiteGraph,
    parts: usize,
    index: OnceLock<TermIndex>,
}

impl<'g> SearchTerms<'g> {
    pub fn new(routes: &Routes<'g>) -> Self {
        SearchTerms {
            g: routes.graph(),
            parts: routes.search_term_parts(),
            index: OnceLock::new(),
        }
    }

    /// The terms, built on the calling thread. The build spawns no work of its own: a render
    /// thread waiting inside it could otherwise pick up another route that waits for the same
    /// index.
    pub fn get(&self) -> &TermIndex {
        self.index
            .get_or_init(|| TermIndex::build(self.g, self.parts))
    }

    /// The terms, if a route has built them.
    pub fn built(&self) -> Option<&TermIndex> {
        self.index.get()
    }
}

impl<'g> Ctx<'g> {
    pub fn search_terms(&self) -> &TermIndex {
        self.search.get()
    }

    pub fn url(&self, route: Route) -> Cow<'_, str> {
        self.routes.url_ref(route)
    }

    pub fn text(&self, t: Text) -> &str {
        self.theme.locale.get(t)
    }

    pub fn fill(&self, t: Text, args: &[(&str, &str)]) -> String {
        self.theme.locale.fill(t, args)
    }

    /// The text of `t` for `n` items: its plural form, with `{count}` written as the language
    /// writes numbers.
    pub fn fill_count(&self, t: Text, n: usize, args: &[(&str, &str)]) -> String {
        self.theme.locale.fill_count(t, n as u64, args)
    }

    pub fn meta(
        &self,
        title: String,
        description: &str,
        route: Route,
        kind: &'static str,
    ) -> PageMeta {
        PageMeta {
            title,
            description: description.to_string(),
            canonical: self.routes.absolute_url(route),
            kind,
        }
    }

    /// Home, then `items`; the current page is not included.
    pub fn crumbs<'a>(&'a self, items: &[(&'a str, Route)]) -> Vec<Crumb<'a>> {
        self.trail(items)
            .into_iter()
            .map(|(title, route)| Crumb {
                title,
                url: self.url(route),
            })
            .collect()
    }

    /// Home, then `items`: the way to a page (shown as breadcrumbs and in structured data).
    pub fn trail<'a>(&'a self, items: &[(&'a str, Route)]) -> Vec<(&'a str, Route)> {
        std::iter::once((self.text(Text::Home), Route::Home))
            .chain(items.iter().copied())
            .collect()
    }

    /// A title for page `n` of `pages` of a list: `Thailand`, or `Thailand, page 2 of 5`.
    pub fn paged_title(&self, title: &str, n: usize, pages: usize) -> String {
        if n <= 1 {
            return title.to_string();
        }
        let (n, pages) = (n.to_string(), pages.to_string());
        self.fill(
            Text::PagedTitle,
            &[("title", title), ("page", &n), ("pages", &pages)],
        )
    }

    pub fn study_link(&self, s: StudyId) -> Link<'_> {
        Link {
            title: &self.g.studies[s].study.title,
            url: self.url(Route::Study(s)),
        }
    }

    pub fn city_link(&self, c: CityId) -> Link<'_> {
        Link {
            title: &self.g.cities[c].name,
            url: self.url(Route::City(c)),
        }
    }

    pub fn country_link(&self, k: CountryId) -> Link<'_> {
        Link {
            title: &self.g.countries[k].name,
            url: self.url(Route::Country(k, 1)),
        }
    }

    pub fn topic_link(&self, t: TopicId) -> Link<'_> {
        Link {
            title: &self.g.topics[t].name,
            url: self.url(Route::Topic(t, 1)),
        }
    }

    pub fn city_links(&self, ids: impl IntoIterator<Item = CityId>) -> Vec<Link<'_>> {
        ids.into_iter().map(|c| self.city_link(c)).collect()
    }

    /// The cards of `ids` (HTML), as one template value.
    pub fn cards(&self, ids: impl IntoIterator<Item = StudyId>) -> tera::Value {
        self.partials_of(StudyPartial::Card, ids)
    }

    /// The one-line links of `ids` (HTML), as one template value.
    pub fn study_links(&self, ids: impl IntoIterator<Item = StudyId>) -> tera::Value {
        self.partials_of(StudyPartial::Link, ids)
    }

    fn partials_of(
        &self,
        kind: StudyPartial,
        ids: impl IntoIterator<Item = StudyId>,
    ) -> tera::Value {
        use crate::graph::Id;
        tera::Value::from(
            ids.into_iter()
                .map(|s| self.partials[s.index()][kind as usize].clone())
                .collect::<Vec<_>>(),
        )
    }
}
