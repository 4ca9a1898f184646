//! The route layer: every page and file of the built site, and for each its URL, its output path
//! and its template. This is the only place that decides where anything is published.
//!
//! A [`Route`] names one output by what it shows (the case study with this id, page 2 of a topic,
//! the Atom feed); [`Routes`] answers, for a given graph and theme, where each route lives. The
//! graph keeps ids and slugs, templates receive finished URLs, and everything else asks here.
//!
//! Layout, relative to the site's base URL (`site.yaml` `base_url`, which may have a path):
//!
//! ```text
//! /                          home                       index.html
//! /case-studies/             all studies, page 1        case-studies/index.html
//! /case-studies/page/N/      all studies, page N        case-studies/page/N/index.html
//! /case-studies/SLUG/        a study                    case-studies/SLUG/index.html
//! /case-studies/SLUG/FILE    a file of its bundle       case-studies/SLUG/FILE
//! /cities/, /cities/SLUG/    cities, a city
//! /cities/compare/           every city's fast facts in one table
//! /countries/, /countries/SLUG/[page/N/]   countries, a country (paged)
//! /topics/, /topics/SLUG/[page/N/]         topics, a topic (paged)
//! /SLUG/                     a free page (content/pages/SLUG.md)
//! /search/, /404.html        search, page not found
//! /report/                   the coverage report (site.yaml `report: true`)
//! /search/catalog.js, /search/terms/N.js, /search/text/N.js    the search index (classic scripts)
//! /atom.xml, /sitemap.xml, /robots.txt, /data/{studies,cities,graph}.json, /data/*.csv
//! /NAME                      a static file of the theme (style.css, ...)
//! ```

use crate::config::RedirectHost;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::graph::{
    link_kind, CityId, CountryId, DocRef, Id, LinkKind, PageId, Redirect, SiteGraph, StudyId,
    TopicId, Written,
};
use crate::layout::Kind;
use crate::paths::{forgotten_base, percent_decode, split_url, url_target, UrlTarget};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// One output of the site. Page numbers count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    Home,
    /// A page of the list of every case study, newest first.
    StudyList(usize),
    Study(StudyId),
    /// File `i` of a study's bundle folder (an image beside its `index.md`).
    StudyFile(StudyId, usize),
    CityList,
    /// Every city's fast facts in one table.
    CityCompare,
    City(CityId),
    CountryList,
    Country(CountryId, usize),
    TopicList,
    Topic(TopicId, usize),
    Page(PageId),
    Search,
    NotFound,
    /// The coverage report (`site.yaml` `report: true`).
    Report,
    Data(DataFile),
    /// The Atom feed of one city's, country's or topic's case studies.
    Feed(FeedOf),
    /// Part `n` (from 1) of a sitemap too large for one file; `sitemap.xml` is then their index.
    SitemapPart(usize),
    /// Part `n` (from 0) of the search index's terms.
    SearchTerms(usize),
    /// Part `n` (from 0) of the studies' text, for the snippets of search results.
    SearchText(usize),
    /// Static file `i` of the theme.
    ThemeFile(usize),
    /// Old address `i` of the site (`SiteGraph::redirects`): a page that sends the reader on.
    Redirect(usize),
    /// Address `i` withdrawn on purpose (`site.yaml retired:`): a page that says so.
    Retired(usize),
}

/// Whose studies a feed lists (the site's own feed is [`DataFile::Feed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedOf {
    City(CityId),
    Country(CountryId),
    Topic(TopicId),
}

/// One address of the sitemap: a page in one language, with every language it exists in.
pub struct SitemapEntry<'g> {
    pub route: Route,
    pub url: String,
    pub alternates: std::sync::Arc<Vec<(Option<&'g str>, String)>>,
}

/// The most URLs one sitemap file may list (sitemaps.org).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Studies per part of the search index's terms: about 250 KB (60 KB gzipped) of a corpus of
/// 6 KB studies, so a query loads little.
const STUDIES_PER_TERM_PART: usize = 200;

/// Studies per part of their text: a search result's snippet loads the part of its study.
pub const STUDIES_PER_TEXT_PART: usize = 8;

/// On a static host (no `redirects:`), a warning for an old address that is no page by its
/// name (`/old.php`): the host serves it by its extension.
fn static_host_warning(r: &Redirect) -> Option<Diagnostic> {
    let name = r.path.rsplit('/').next().unwrap_or("");
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    if r.path.ends_with('/') || matches!(extension.as_str(), "html" | "htm") {
        return None;
    }
    Some(
        Diagnostic::warning(&r.written.file, format!(
            "the old address `/{}` ends in `.{extension}`: a static host serves it by that extension, so browsers may download the page left there instead of following it",
            r.path
        ))
        .with_code(code::BAD_REDIRECT)
        .at_position(r.written.pos)
        .with_hint("set `redirects:` in site.yaml to your host (netlify, cloudflare, gitlab, apache, nginx or vercel) to have it answer with a real 301"),
    )
}

/// The folder of the page of a study, city or free page of slug `slug`, in the default language:
/// `case-studies/x/`, `cities/x/`, `x/`.
pub fn item_folder(kind: Kind, slug: &str) -> String {
    match kind {
        Kind::Study => format!("{STUDIES}/{slug}/"),
        Kind::City => format!("{CITIES}/{slug}/"),
        Kind::Page => format!("{slug}/"),
    }
}

/// Where the page at an old address lives: a folder for `portfolio/x/`, the file for
/// `old.html`, and the folder `p/x/` for `p/x`, as static hosts serve it.
fn old_location(path: &str) -> Location {
    let name = path.rsplit('/').next().unwrap_or("");
    if path.ends_with('/') {
        Location::Folder(path.to_string())
    } else if name.contains('.') {
        Location::File(path.to_string())
    } else {
        Location::Folder(format!("{path}/"))
    }
}

/// Files hosts read from the output folder: no old address may take their names.
const HOST_FILES: [&str; 6] = [
    "_redirects",
    "_headers",
    "netlify.toml",
    "vercel.json",
    "nginx-redirects.conf",
    crate::layout::PUBLISHED_LIST,
];

/// What to do when an old address is taken.
const OLD_ADDRESS_TAKEN: &str = "an old address must be free: remove this `redirect_from:` entry, or give the page now at that address another name or `slug:`";

/// The file name of every feed, beside the page of what it follows.
const FEED_FILE: &str = "atom.xml";

impl Route {
    /// The document a route shows, for the page of a study, a city or a free page.
    pub fn doc_ref(self) -> Option<DocRef> {
        match self {
            Route::Study(s) => Some(DocRef::Study(s)),
            Route::City(c) => Some(DocRef::City(c)),
            Route::Page(p) => Some(DocRef::Page(p)),
            _ => None,
        }
    }
}

listed_enum! {
/// The machine-readable files of a site, the search index first: it is the largest output to
/// make, so the write stage takes it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataFile {
    /// `search/catalog.js`: the search page's list of studies, cities and facets, and where
    /// the rest of the index is.
    SearchIndex,
    /// `atom.xml`: the newest case studies.
    Feed,
    /// `sitemap.xml`: every page, for search engines.
    Sitemap,
    /// `data/case-studies.json`: the case studies as open data.
    Studies,
    /// `data/cities.json`: the cities as open data.
    Cities,
    /// `data/graph.json`: the site graph, nodes and typed edges.
    Graph,
    /// `data/case-studies.csv`: one row per study, for spreadsheets.
    StudiesCsv,
    /// `data/cities.csv`: one row per city, for spreadsheets.
    CitiesCsv,
    /// `robots.txt`: where the sitemap is.
    Robots,
    /// `cities/map.svg`: the world's land outline, shared by every map of the site.
    MapOutline,
    /// `data/redirects.json`: every old address of the site and where it leads.
    Redirects,
    /// The host's file of redirect rules (`_redirects`, `.htaccess`, ...), with `site.yaml
    /// redirects:` naming a host.
    HostRedirects,
}
}

impl DataFile {
    fn path(self) -> &'static str {
        match self {
            DataFile::Feed => FEED_FILE,
            DataFile::Sitemap => "sitemap.xml",
            DataFile::SearchIndex => "search/catalog.js",
            DataFile::Studies => "data/case-studies.json",
            DataFile::Cities => "data/cities.json",
            DataFile::Graph => "data/graph.json",
            DataFile::StudiesCsv => "data/case-studies.csv",
            DataFile::CitiesCsv => "data/cities.csv",
            DataFile::Robots => "robots.txt",
            DataFile::MapOutline => "cities/map.svg",
            DataFile::Redirects => "data/redirects.json",
            DataFile::HostRedirects => "",
        }
    }
}

/// Folders of the site's own pages (a free page may not take their names).
const STUDIES: &str = "case-studies";
const CITIES: &str = "cities";
const COUNTRIES: &str = "countries";
const TOPICS: &str = "topics";
const SEARCH: &str = "search";
const DATA: &str = "data";
const REPORT: &str = "report";

/// Slugs a free page may not have: the folders of casebook's own pages, and `static`, kept free
/// for theme files.
pub const RESERVED_PAGE_SLUGS: &[&str] = &[
    STUDIES, CITIES, COUNTRIES, TOPICS, DATA, SEARCH, REPORT, "static",
];

/// Where an output lives, relative to the site root: a page folder (`cities/phuket/`, served as
/// its `index.html`) or a file (`atom.xml`).
enum Location {
    Folder(String),
    File(String),
}

/// The routes of one site: its graph, its paging and its theme's static files.
pub struct Routes<'g> {
    g: &'g SiteGraph,
    /// Static files of the theme, by output path (sorted).
    theme_files: Vec<String>,
    /// The URL of every study, city, country, topic and free page, made once: pages link to
    /// them tens of thousands of times.
    urls: ItemUrls,
}

#[derive(Default)]
struct ItemUrls {
    studies: Vec<String>,
    cities: Vec<String>,
    countries: Vec<String>,
    topics: Vec<String>,
    pages: Vec<String>,
}

impl<'g> Routes<'g> {
    pub fn new(g: &'g SiteGraph, theme_files: Vec<String>) -> Self {
        let mut routes = Routes {
            g,
            theme_files,
            urls: ItemUrls::default(),
        };
        routes.urls = ItemUrls {
            studies: g
                .studies
                .ids()
                .map(|s| routes.made_url(Route::Study(s)))
                .collect(),
            cities: g
                .cities
                .ids()
                .map(|c| routes.made_url(Route::City(c)))
                .collect(),
            countries: (g.countries.ids())
                .map(|k| routes.made_url(Route::Country(k, 1)))
                .collect(),
            topics: g
                .topics
                .ids()
                .map(|t| routes.made_url(Route::Topic(t, 1)))
                .collect(),
            pages: g
                .pages
                .ids()
                .map(|p| routes.made_url(Route::Page(p)))
                .collect(),
        };
        routes
    }

    /// The path of `route` on the host (see [`Routes::url`]), lent out when it was made once.
    pub fn url_ref(&self, route: Route) -> Cow<'_, str> {
        fn cached(urls: &[String], i: usize) -> Option<Cow<'_, str>> {
            urls.get(i).map(|u| Cow::Borrowed(u.as_str()))
        }
        let found = match route {
            Route::Study(s) => cached(&self.urls.studies, s.index()),
            Route::City(c) => cached(&self.urls.cities, c.index()),
            Route::Country(k, 1) => cached(&self.urls.countries, k.index()),
            Route::Topic(t, 1) => cached(&self.urls.topics, t.index()),
            Route::Page(p) => cached(&self.urls.pages, p.index()),
            _ => None,
        };
        found.unwrap_or_else(|| Cow::Owned(self.made_url(route)))
    }

    pub fn graph(&self) -> &'g SiteGraph {
        self.g
    }

    /// The path of `route` on the host, under the base URL's path: `/best-practices/cities/x/`.
    pub fn url(&self, route: Route) -> String {
        self.url_ref(route).into_owned()
    }

    fn made_url(&self, route: Route) -> String {
        let base = &self.g.config.base_path;
        match self.location(route) {
            Location::Folder(p) | Location::File(p) => format!("{base}{p}"),
        }
    }

    /// The path of `route` on the host in the language `language` (`None`: the default), for
    /// the language switcher.
    pub fn url_in(&self, route: Route, language: Option<&str>) -> String {
        let base = &self.g.config.base_path;
        match self.location_in(route, language) {
            Location::Folder(p) | Location::File(p) => format!("{base}{p}"),
        }
    }

    /// Where the old address `r` leads: the path on the host of its page, in the page's
    /// language, and its full URL. The same in every view of the site.
    pub fn redirect_target(&self, r: &Redirect) -> (String, String) {
        let config = &self.g.config;
        match self.location_in(Routes::doc(r.to), r.language.as_deref()) {
            Location::Folder(p) | Location::File(p) => (
                format!("{}{p}", config.base_path),
                format!("{}{p}", config.base_url),
            ),
        }
    }

    /// The full URL of `route`, for canonical links, feeds, sitemaps and open data.
    pub fn absolute_url(&self, route: Route) -> String {
        let base = &self.g.config.base_url;
        match self.location(route) {
            Location::Folder(p) | Location::File(p) => format!("{base}{p}"),
        }
    }

    /// The address of `route` under the base path, as the list of published addresses keeps
    /// it (`/cities/phuket/`, `/atom.xml`).
    pub fn address(&self, route: Route) -> String {
        match self.location(route) {
            Location::Folder(p) | Location::File(p) => format!("/{p}"),
        }
    }

    /// The file of the output folder that holds `route`: `cities/phuket/index.html`.
    pub fn output_path(&self, route: Route) -> String {
        match self.location(route) {
            Location::Folder(mut p) => {
                p.push_str("index.html");
                p
            }
            Location::File(p) => p,
        }
    }

    /// The template that renders `route`, for HTML pages.
    pub fn template(route: Route) -> Option<&'static str> {
        Some(match route {
            Route::Home => "index.html",
            Route::StudyList(_) => "case_studies.html",
            Route::Study(_) => "case_study.html",
            Route::CityList => "cities.html",
            Route::CityCompare => "compare.html",
            Route::City(_) => "city.html",
            Route::CountryList => "countries.html",
            Route::Country(..) => "country.html",
            Route::TopicList => "topics.html",
            Route::Topic(..) => "topic.html",
            Route::Page(_) => "page.html",
            Route::Search => "search.html",
            Route::Report => "report.html",
            Route::NotFound => "404.html",
            Route::Redirect(_) => "redirect.html",
            Route::Retired(_) => "withdrawn.html",
            Route::StudyFile(..)
            | Route::Data(_)
            | Route::Feed(_)
            | Route::SitemapPart(_)
            | Route::SearchTerms(_)
            | Route::SearchText(_)
            | Route::ThemeFile(_) => return None,
        })
    }

    /// The route of a document's page.
    pub fn doc(r: DocRef) -> Route {
        match r {
            DocRef::Study(s) => Route::Study(s),
            DocRef::City(c) => Route::City(c),
            DocRef::Page(p) => Route::Page(p),
        }
    }

    /// The route of a static file of the theme, by its name (`style.css`).
    pub fn theme_file(&self, name: &str) -> Option<Route> {
        self.theme_files
            .binary_search_by(|f| f.as_str().cmp(name))
            .ok()
            .map(Route::ThemeFile)
    }

    pub fn theme_files(&self) -> &[String] {
        &self.theme_files
    }

    /// How many pages a list of `len` items takes (at least one).
    pub fn page_count(&self, len: usize) -> usize {
        len.div_ceil(self.g.config.page_size.max(1)).max(1)
    }

    /// Every output of the site. The largest come first (data files, long lists), so no thread
    /// is left with a big one at the end while the others are idle.
    pub fn all(&self) -> Vec<Route> {
        let g = self.g;
        let mut routes: Vec<Route> = DataFile::ALL.map(Route::Data).to_vec();
        if g.config.redirect_host.rules_file().is_none() {
            routes.retain(|&r| r != Route::Data(DataFile::HostRedirects));
        }
        routes.extend((0..self.search_term_parts()).map(Route::SearchTerms));
        routes.extend([
            Route::Home,
            Route::CityList,
            Route::CityCompare,
            Route::CountryList,
            Route::TopicList,
            Route::Search,
            Route::NotFound,
        ]);
        if g.config.report_page {
            routes.push(Route::Report);
        }
        for (t, topic) in g.topics.enumerate() {
            routes.extend((1..=self.page_count(topic.studies.len())).map(|n| Route::Topic(t, n)));
        }
        for (k, country) in g.countries.enumerate() {
            routes
                .extend((1..=self.page_count(country.studies.len())).map(|n| Route::Country(k, n)));
        }
        routes.extend((1..=self.page_count(g.listed_studies().len())).map(Route::StudyList));
        routes.extend(g.studies.ids().map(Route::Study));
        routes.extend(g.cities.ids().map(Route::City));
        routes.extend((1..=self.sitemap_parts()).map(Route::SitemapPart));
        routes.extend(g.cities.ids().map(|c| Route::Feed(FeedOf::City(c))));
        routes.extend(g.countries.ids().map(|k| Route::Feed(FeedOf::Country(k))));
        routes.extend(g.topics.ids().map(|t| Route::Feed(FeedOf::Topic(t))));
        routes.extend(g.pages.ids().map(Route::Page));
        if g.config.redirect_host.keeps_pages() {
            routes.extend((0..g.redirects.len()).map(Route::Redirect));
        }
        routes.extend((0..g.config.retired.len()).map(Route::Retired));
        routes.extend((0..self.search_text_parts()).map(Route::SearchText));
        for (s, study) in g.studies.enumerate() {
            routes.extend((0..study.study.assets.len()).map(|i| Route::StudyFile(s, i)));
        }
        routes.extend((0..self.theme_files.len()).map(Route::ThemeFile));
        if !g.config.languages.is_empty() {
            routes.retain(|&r| self.writes(r));
        }
        routes
    }

    /// The pages of the site's own a sitemap lists, whatever its content.
    const SITEMAP_FIXED: [Route; 6] = [
        Route::Home,
        Route::StudyList(1),
        Route::CityList,
        Route::CityCompare,
        Route::CountryList,
        Route::TopicList,
    ];

    /// The pages a sitemap lists: every page a search engine should know (first pages of lists).
    pub fn sitemap_routes(&self) -> Vec<Route> {
        let g = self.g;
        let mut routes = Self::SITEMAP_FIXED.to_vec();
        routes.extend(g.studies.ids().map(Route::Study));
        routes.extend(g.cities.ids().map(Route::City));
        routes.extend(g.countries.ids().map(|k| Route::Country(k, 1)));
        routes.extend(g.topics.ids().map(|t| Route::Topic(t, 1)));
        routes.extend(g.pages.ids().map(Route::Page));
        routes
    }

    /// How many files the sitemap is split into (0: one `sitemap.xml`).
    pub fn sitemap_parts(&self) -> usize {
        let g = self.g;
        let urls = if g.config.languages.is_empty() {
            Self::SITEMAP_FIXED.len()
                + g.studies.len()
                + g.cities.len()
                + g.countries.len()
                + g.topics.len()
                + g.pages.len()
        } else {
            self.sitemap_entries().len()
        };
        if urls > SITEMAP_MAX_URLS {
            urls.div_ceil(SITEMAP_MAX_URLS)
        } else {
            0
        }
    }

    /// What the sitemap lists: each page of [`Routes::sitemap_routes`] in each language it
    /// exists in (`None`: the default), with the full URLs of its alternates in every language.
    pub fn sitemap_entries(&self) -> Vec<SitemapEntry<'g>> {
        let mut entries = Vec::new();
        for route in self.sitemap_routes() {
            let alternates = self.alternates(route);
            if alternates.is_empty() {
                entries.push(SitemapEntry {
                    route,
                    url: self.absolute_url(route),
                    alternates: std::sync::Arc::new(Vec::new()),
                });
                continue;
            }
            let shared = std::sync::Arc::new(alternates);
            for (_, url) in shared.iter() {
                entries.push(SitemapEntry {
                    route,
                    url: url.clone(),
                    alternates: shared.clone(),
                });
            }
        }
        entries
    }

    /// How many parts the search index's terms are split into: by the studies of the view's own
    /// language, as it indexes the others by their cities' names only.
    pub fn search_term_parts(&self) -> usize {
        (self.g.own_language_studies().len())
            .div_ceil(STUDIES_PER_TERM_PART)
            .max(1)
    }

    /// How many parts the studies' text for search snippets is split into. A view's parts hold
    /// the studies of its own language ([`SiteGraph::own_language_studies`]); its search page
    /// reads the others' text, which is the same, from the default language's parts.
    pub fn search_text_parts(&self) -> usize {
        (self.g.own_language_studies().len()).div_ceil(STUDIES_PER_TEXT_PART)
    }

    /// The studies (by position among `count`) whose text part `n` of the search index holds.
    pub fn search_text_studies(count: usize, n: usize) -> std::ops::Range<usize> {
        let first = (n * STUDIES_PER_TEXT_PART).min(count);
        first..(first + STUDIES_PER_TEXT_PART).min(count)
    }

    /// Where `route` lives in this view of the site: in the language of its item (a study, a
    /// page) or of the view, under that language's folder (`th/`); files shared by every
    /// language (theme files, open data, a study's images) at the root.
    fn location(&self, route: Route) -> Location {
        self.location_in(route, self.language_of(route))
    }

    /// Where `route` lives in the language `language` (`None`: the default).
    fn location_in(&self, route: Route, language: Option<&str>) -> Location {
        let prefix = match language {
            Some(code)
                if code
                    != self
                        .g
                        .config
                        .languages
                        .first()
                        .map_or("", |l| l.language.code.as_str()) =>
            {
                code
            }
            _ => return self.unprefixed(route),
        };
        match self.unprefixed(route) {
            Location::Folder(p) => Location::Folder(format!("{prefix}/{p}")),
            Location::File(p) => Location::File(format!("{prefix}/{p}")),
        }
    }

    /// The language `route` is published in here (`None`: the default language).
    fn language_of(&self, route: Route) -> Option<&'g str> {
        let g = self.g;
        match route {
            // A bundle's files sit beside each page of its study, so that the page's relative
            // links to them (`tram.jpg`) hold in every language.
            Route::Study(s) | Route::StudyFile(s, _) => g.item_language(DocRef::Study(s)),
            Route::Page(p) => g.item_language(DocRef::Page(p)),
            // An old address is the path it was published at, whatever its language.
            r if Self::is_shared(r) || matches!(r, Route::Redirect(_)) => None,
            _ => g.view.as_deref(),
        }
    }

    /// Whether `route`'s output reads every item of the site (the data files, the sitemap, the
    /// search index's terms), so that any edit of content renders it again: the one list of
    /// those, for the change seam and for `serve`'s text edits alike.
    pub fn reads_every_item(route: Route) -> bool {
        matches!(
            route,
            Route::Data(_) | Route::SitemapPart(_) | Route::SearchTerms(_)
        )
    }

    /// Whether `route` is one file for every language of the site (written by the view of the
    /// default language) rather than one per language.
    pub fn is_shared(route: Route) -> bool {
        match route {
            Route::Data(DataFile::Feed | DataFile::SearchIndex) => false,
            Route::Data(_)
            | Route::ThemeFile(_)
            | Route::SitemapPart(_)
            | Route::NotFound
            | Route::Retired(_)
            | Route::Report => true,
            _ => false,
        }
    }

    /// Whether this view of the site writes `route`: a study or a page only in its own
    /// language, a shared file only in the default language's view.
    fn writes(&self, route: Route) -> bool {
        let g = self.g;
        match route {
            Route::Study(_) | Route::StudyFile(..) | Route::Page(_) => {
                self.language_of(route) == g.view.as_deref()
            }
            Route::Redirect(i) => {
                g.redirects.get(i).and_then(|r| r.language.as_deref()) == g.view.as_deref()
            }
            r if Self::is_shared(r) => g.view.is_none(),
            _ => true,
        }
    }

    /// The languages `route` exists in (`None`: the default), the source's first; empty on a
    /// site in one language and for pages in one language by nature (the report, 404).
    fn languages_of(&self, route: Route) -> Vec<Option<&'g str>> {
        let g = self.g;
        let Some(default) = g.config.languages.first() else {
            return Vec::new();
        };
        match route {
            Route::Study(s) => g.doc_languages(DocRef::Study(s)),
            Route::Page(p) => g.doc_languages(DocRef::Page(p)),
            r if Self::is_shared(r)
                || Routes::template(r).is_none()
                || matches!(r, Route::Redirect(_)) =>
            {
                Vec::new()
            }
            _ => g
                .config
                .languages
                .iter()
                .map(|l| Some(l.language.code.as_str()).filter(|c| *c != default.language.code))
                .collect(),
        }
    }

    /// The languages `route` exists in, with the full URL of each ([`Routes::languages_of`]).
    pub fn alternates(&self, route: Route) -> Vec<(Option<&'g str>, String)> {
        let base = &self.g.config.base_url;
        self.languages_of(route)
            .into_iter()
            .map(|l| match self.location_in(route, l) {
                Location::Folder(p) | Location::File(p) => (l, format!("{base}{p}")),
            })
            .collect()
    }

    /// Where `route` lives, before any language folder.
    fn unprefixed(&self, route: Route) -> Location {
        let g = self.g;
        let paged = |list: String, n: usize| {
            if n <= 1 {
                Location::Folder(list)
            } else {
                Location::Folder(format!("{list}page/{n}/"))
            }
        };
        match route {
            Route::Home => Location::Folder(String::new()),
            Route::StudyList(n) => paged(format!("{STUDIES}/"), n),
            Route::Study(s) => Location::Folder(item_folder(Kind::Study, &g.studies[s].study.slug)),
            Route::StudyFile(s, i) => {
                let study = &g.studies[s].study;
                let name = study.assets.get(i).map_or("", String::as_str);
                Location::File(format!("{STUDIES}/{}/{name}", study.slug))
            }
            Route::CityList => Location::Folder(format!("{CITIES}/")),
            Route::CityCompare => Location::Folder(format!("{CITIES}/compare/")),
            Route::City(c) => Location::Folder(item_folder(Kind::City, &g.cities[c].slug)),
            Route::CountryList => Location::Folder(format!("{COUNTRIES}/")),
            Route::Country(k, n) => paged(format!("{COUNTRIES}/{}/", g.countries[k].slug), n),
            Route::TopicList => Location::Folder(format!("{TOPICS}/")),
            Route::Topic(t, n) => paged(format!("{TOPICS}/{}/", g.topics[t].slug), n),
            Route::Page(p) => Location::Folder(item_folder(Kind::Page, &g.pages[p].page.slug)),
            Route::Search => Location::Folder(format!("{SEARCH}/")),
            Route::Report => Location::Folder(format!("{REPORT}/")),
            Route::NotFound => Location::File("404.html".into()),
            Route::Data(DataFile::HostRedirects) => {
                Location::File(g.config.redirect_host.rules_file().unwrap_or("").into())
            }
            Route::Data(f) => Location::File(f.path().into()),
            Route::SitemapPart(n) => Location::File(format!("sitemaps/{n}.xml")),
            Route::SearchTerms(n) => Location::File(format!("{SEARCH}/terms/{n}.js")),
            Route::SearchText(n) => Location::File(format!("{SEARCH}/text/{n}.js")),
            Route::Feed(of) => {
                let page = match of {
                    FeedOf::City(c) => Route::City(c),
                    FeedOf::Country(k) => Route::Country(k, 1),
                    FeedOf::Topic(t) => Route::Topic(t, 1),
                };
                match self.unprefixed(page) {
                    Location::Folder(dir) | Location::File(dir) => {
                        Location::File(format!("{dir}{FEED_FILE}"))
                    }
                }
            }
            Route::ThemeFile(i) => {
                Location::File(self.theme_files.get(i).cloned().unwrap_or_default())
            }
            Route::Redirect(i) => old_location(g.redirects.get(i).map_or("", |r| r.path.as_str())),
            Route::Retired(i) => {
                old_location(g.config.retired.get(i).map_or("", |r| r.path.as_str()))
            }
        }
    }

    /// Checks that every route has an address inside the output folder, that no two routes are
    /// written to the same file, and that no free page takes the name of one of casebook's own
    /// folders. An item whose slug is empty has been reported where its name was written; it is
    /// left out here.
    pub fn check(&self) -> Diagnostics {
        let mut d = Diagnostics::new();
        // Who claimed each file first; owners are described only when two claims meet.
        let mut claims: HashMap<String, Route> = HashMap::new();
        for route in self.all() {
            if !self.has_address(route) {
                continue;
            }
            let path = self.output_path(route);
            if !crate::paths::is_inside(&path) {
                let owner = self.owner(route);
                d.push(owner.error(format!(
                    "{} would be written to `{path}`, outside the output folder",
                    owner.what
                )));
                continue;
            }
            let Some(&previous) = claims.get(&path) else {
                claims.insert(path, route);
                continue;
            };
            // Two old addresses that meet are reported once, for every language, by
            // `check_redirects`.
            if matches!((route, previous), (Route::Redirect(_), Route::Redirect(_))) {
                continue;
            }
            let moved =
                matches!(route, Route::Redirect(_)) || matches!(previous, Route::Redirect(_));
            let (owner, previous) = (self.owner(route), self.owner(previous));
            if owner == previous {
                continue;
            }
            let (first, second) = match (&owner.at, &previous.at) {
                (None, Some(_)) => (&owner, &previous),
                _ => (&previous, &owner),
            };
            d.push(
                second
                    .error(format!(
                        "two items would be written to `{path}`: {} and {}",
                        second.described(),
                        first.described()
                    ))
                    .with_hint(if moved {
                        OLD_ADDRESS_TAKEN
                    } else {
                        "give one of them another name or `slug:`"
                    }),
            );
        }
        d.extend(self.check_redirects(&claims));
        d.extend(self.check_site_urls(&claims));
        for p in self.g.pages.iter() {
            if RESERVED_PAGE_SLUGS.contains(&p.page.slug.as_str()) {
                d.push(
                    Diagnostic::error(
                        &p.page.source.path,
                        format!(
                            "the page slug `{}` is used by casebook for its own pages",
                            p.page.slug
                        ),
                    )
                    .with_code(code::ADDRESS_TAKEN)
                    .at_position(p.page.slug_at)
                    .with_hint("rename the file or set another `slug:`"),
                );
            }
        }
        d
    }

    /// Checks the old and retired addresses: in every view, those that this view does not
    /// write against this view's files; in the view of the default language, every one against
    /// the others and the files hosts read, and the host's rule limit.
    fn check_redirects(&self, claims: &HashMap<String, Route>) -> Vec<Diagnostic> {
        let mut found = self.old_addresses_taken_here(claims);
        if self.g.view.is_none() {
            found.extend(self.old_addresses_site_wide());
            found.extend(self.rule_limit_warning());
        }
        found
    }

    /// Every old and retired address, as routes.
    fn old_address_routes(&self) -> impl Iterator<Item = Route> {
        let g = self.g;
        (0..g.redirects.len())
            .map(Route::Redirect)
            .chain((0..g.config.retired.len()).map(Route::Retired))
    }

    /// The path an old or retired address was written as.
    fn old_path(&self, route: Route) -> &str {
        let g = self.g;
        match route {
            Route::Redirect(i) => g.redirects.get(i).map_or("", |r| r.path.as_str()),
            Route::Retired(i) => g.config.retired.get(i).map_or("", |r| r.path.as_str()),
            _ => "",
        }
    }

    /// The old addresses this view does not write (another language's, or those left to the
    /// host's rules) that one of its files takes; the others meet its files in its claims.
    fn old_addresses_taken_here(&self, claims: &HashMap<String, Route>) -> Vec<Diagnostic> {
        let stubs = self.g.config.redirect_host.keeps_pages();
        self.old_address_routes()
            .filter(|&r| !(self.writes(r) && (stubs || matches!(r, Route::Retired(_)))))
            .filter_map(|route| {
                // (Two old addresses that meet are reported once, site-wide.)
                let taken = *claims.get(&self.output_path(route))?;
                if matches!(taken, Route::Redirect(_)) {
                    return None;
                }
                let owner = self.owner(route);
                let message = format!(
                    "{} is the address of {}",
                    owner.what,
                    self.owner(taken).described()
                );
                Some(owner.error(message).with_hint(OLD_ADDRESS_TAKEN))
            })
            .collect()
    }

    /// What holds for the old addresses of every language at once: none is a file hosts read,
    /// no two are one, and on a static host each is a page.
    fn old_addresses_site_wide(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let mut first: HashMap<String, Route> = HashMap::new();
        for route in self.old_address_routes() {
            let owner = self.owner(route);
            let path = self.old_path(route);
            if HOST_FILES.contains(&path.split('/').next().unwrap_or("")) {
                found.push(
                    owner
                        .error(format!("{} is the name of a file hosts read", owner.what))
                        .with_code(code::BAD_REDIRECT)
                        .with_hint("remove this entry: a host's own files cannot be pages"),
                );
                continue;
            }
            let Route::Redirect(i) = route else {
                continue;
            };
            match first.entry(self.output_path(route)) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(route);
                }
                std::collections::hash_map::Entry::Occupied(e) => {
                    let earlier = self.owner(*e.get());
                    found.push(
                        owner
                            .error(format!("{} is also {}", owner.what, earlier.described()))
                            .with_hint(
                                "an old address leads to one page: remove one of the two entries",
                            ),
                    );
                }
            }
            if self.g.config.redirect_host == RedirectHost::Static {
                found.extend(self.g.redirects.get(i).and_then(static_host_warning));
            }
        }
        found
    }

    /// A warning when the site's old addresses near or pass the host's limit of rules.
    fn rule_limit_warning(&self) -> Option<Diagnostic> {
        let host = self.g.config.redirect_host;
        let limit = host.rule_limit()?;
        let rules = self.g.redirects.len();
        if rules * 10 < limit * 9 {
            return None;
        }
        let message = if rules > limit {
            format!("{rules} old addresses are more than the {limit} redirect rules {} reads: it ignores the rest", host.name())
        } else {
            format!(
                "{rules} old addresses are close to the {limit} redirect rules {} reads",
                host.name()
            )
        };
        Some(
            Diagnostic::warning("site.yaml", message)
                .with_code(code::BAD_REDIRECT)
                .with_hint("drop old addresses nobody visits any more, or publish on a host without this limit"),
        )
    }

    /// Checks the links that content writes as URLs of the site (`tram.jpg`,
    /// `/best-practices/cities/`): each must name a file this build writes, and its `#fragment`,
    /// on an item's page, one of the item's anchors.
    fn check_site_urls(&self, claims: &HashMap<String, Route>) -> Vec<Diagnostic> {
        let g = self.g;
        let mut found = Vec::new();
        // (A document is checked on its page in the view that writes it.)
        let written = g
            .doc_refs()
            .filter(|&r| g.config.languages.is_empty() || self.writes(Routes::doc(r)));
        for r in written {
            let (Some(doc), Some(source)) = (g.document(r), g.doc_source(r)) else {
                continue;
            };
            let written = doc.links.iter().map(|l| (l.dest.as_str(), l.pos));
            let raw = doc.raw_links.iter().map(|l| (l.dest.as_str(), l.pos));
            let mut page: Option<String> = None;
            for (dest, pos) in written.chain(raw) {
                if link_kind(dest) != LinkKind::SiteUrl {
                    continue;
                }
                let page = page.get_or_insert_with(|| self.output_path(Routes::doc(r)));
                if let Err((message, hint)) = self.check_site_url(page, dest, claims) {
                    found.push(
                        Diagnostic::error(&source.path, message)
                            .with_code(code::BROKEN_LINK)
                            .at_position(pos)
                            .with_hint(hint),
                    );
                }
            }
        }
        found
    }

    /// Where a URL written on the page at output path `page` leads, or why it leads nowhere.
    fn check_site_url(
        &self,
        page: &str,
        dest: &str,
        claims: &HashMap<String, Route>,
    ) -> Result<(), (String, &'static str)> {
        let base = &self.g.config.base_path;
        let (path, fragment) = split_url(dest.trim());
        let target = match url_target(page, path, base) {
            UrlTarget::External | UrlTarget::SamePage => return Ok(()),
            UrlTarget::Output { file, index } => file
                .and_then(|f| claims.get(&f))
                .or_else(|| claims.get(&index))
                .copied(),
            // Another part of the same host (`/reports/2023.pdf` from a site at
            // `/best-practices/`) is not this site's to check, unless the site says so; a path
            // of this site without its base path is a mistake.
            UrlTarget::OutsideBase => {
                let forgot_base =
                    forgotten_base(page, path, base, |f| claims.contains_key(f)).is_some();
                if !forgot_base && !self.g.config.refuse_outside_base {
                    return Ok(());
                }
                return Err((
                    format!("the link `{dest}` is outside the site's base path `{base}`"),
                    if forgot_base {
                        "it names a page of this site without the base path: link its content file (`@/` and its path under content/) and casebook writes its address"
                    } else {
                        "to link a page of this site, link its content file (`@/` and its path under content/): casebook writes its address; to allow links elsewhere on this host, remove `outside_base: refuse` from site.yaml"
                    },
                ));
            }
            UrlTarget::ClimbsOut => return Err((
                format!("the link `{dest}` climbs out of the site"),
                "to link a page of this site, link its content file (`@/` and its path under content/): casebook writes its address; to link elsewhere on this host, start the link with `/`",
            )),
        };
        let Some(target) = target else {
            return Err((
                format!("the link `{dest}` points to no file of the site"),
                "to show an image, put the study in a folder (`content/case-studies/<slug>/index.md`) with the image beside it; to link a page, link its file (`@/pages/about.md`)",
            ));
        };
        let fragment = fragment.map(percent_decode).unwrap_or_default();
        // Lists and other pages of casebook's own: their ids are the theme's, not checked here.
        match target.doc_ref().and_then(|r| self.g.document(r)) {
            Some(doc) if !fragment.is_empty() && !doc.has_anchor(&fragment) => Err((
                format!("the link `{dest}` points to `#{fragment}`, which is no heading of that page"),
                "link the content file with the heading (`@/cities/phuket.md#background`) to have it checked by name",
            )),
            _ => Ok(()),
        }
    }

    /// Whether the item a route shows has a slug (an empty one is reported at its name).
    fn has_address(&self, route: Route) -> bool {
        let g = self.g;
        match route {
            Route::Study(s) | Route::StudyFile(s, _) => !g.studies[s].study.slug.is_empty(),
            Route::City(c) => !g.cities[c].slug.is_empty(),
            Route::Country(k, _) => !g.countries[k].slug.is_empty(),
            Route::Topic(t, _) => !g.topics[t].slug.is_empty(),
            Route::Page(p) => !g.pages[p].page.slug.is_empty(),
            Route::Feed(FeedOf::City(c)) => self.has_address(Route::City(c)),
            Route::Feed(FeedOf::Country(k)) => self.has_address(Route::Country(k, 1)),
            Route::Feed(FeedOf::Topic(t)) => self.has_address(Route::Topic(t, 1)),
            _ => true,
        }
    }

    /// Who puts a route in the output, and where that was decided, for collision errors.
    fn owner(&self, route: Route) -> Owner {
        let g = self.g;
        let owner = |what: String, file: &Path, pos: Position| Owner {
            what,
            at: Some(Written {
                file: file.to_path_buf(),
                pos,
            }),
        };
        let named = |what: String, at: &Written| Owner {
            what,
            at: Some(at.clone()),
        };
        let own = |what: &str| Owner {
            what: what.to_string(),
            at: None,
        };
        match route {
            Route::Study(s) => {
                let study = &g.studies[s].study;
                owner(
                    format!("the case study `{}`", study.title),
                    &study.source.path,
                    study.slug_at,
                )
            }
            Route::StudyFile(s, i) => {
                let study = &g.studies[s].study;
                let name = study.assets.get(i).map_or("", String::as_str);
                owner(
                    format!("the file `{name}` of the case study `{}`", study.title),
                    &study.source.path,
                    study.slug_at,
                )
            }
            Route::City(c) => match &g.cities[c].profile {
                Some(p) => owner(
                    format!("the city `{}`", g.cities[c].name),
                    &p.source.path,
                    p.slug_at,
                ),
                None => named(
                    format!("the city `{}`", g.cities[c].name),
                    &g.cities[c].written,
                ),
            },
            Route::Page(p) => {
                let page = &g.pages[p].page;
                owner(
                    format!("the page `{}`", page.title),
                    &page.source.path,
                    page.slug_at,
                )
            }
            Route::Country(k, _) => named(
                format!("the country `{}`", g.countries[k].name),
                &g.countries[k].written,
            ),
            Route::Topic(t, _) => named(
                format!("the topic `{}`", g.topics[t].name),
                &g.topics[t].written,
            ),
            Route::Feed(FeedOf::City(c)) => self.owner(Route::City(c)),
            Route::Feed(FeedOf::Country(k)) => self.owner(Route::Country(k, 1)),
            Route::Feed(FeedOf::Topic(t)) => self.owner(Route::Topic(t, 1)),
            Route::Redirect(i) => match g.redirects.get(i) {
                Some(r) => named(
                    format!(
                        "the old address `/{}` of {}",
                        r.path,
                        self.owner(Routes::doc(r.to)).what
                    ),
                    &r.written,
                ),
                None => own("an old address"),
            },
            Route::Retired(i) => match g.config.retired.get(i) {
                Some(r) => owner(
                    format!("the retired address `/{}`", r.path),
                    Path::new("site.yaml"),
                    r.pos,
                ),
                None => own("a retired address"),
            },
            Route::ThemeFile(i) => own(&format!(
                "the theme file `{}`",
                self.theme_files.get(i).map_or("", String::as_str)
            )),
            Route::Home
            | Route::StudyList(_)
            | Route::CityList
            | Route::CityCompare
            | Route::CountryList
            | Route::TopicList
            | Route::Search
            | Route::NotFound
            | Route::Report
            | Route::SitemapPart(_)
            | Route::SearchTerms(_)
            | Route::SearchText(_)
            | Route::Data(_) => own("a page casebook builds itself"),
        }
    }
}

/// Who puts a file in the output, and where it was decided (none for casebook's own pages and
/// theme files).
#[derive(Debug, Clone, PartialEq)]
struct Owner {
    what: String,
    at: Option<Written>,
}

impl Owner {
    /// `the country `Thailand` (content/case-studies/a.md:5)`.
    fn described(&self) -> String {
        match &self.at {
            Some(at) => format!("{} ({at})", self.what),
            None => self.what.clone(),
        }
    }

    fn error(&self, message: String) -> Diagnostic {
        match &self.at {
            Some(at) => Diagnostic::error(&at.file, message)
                .with_code(code::ADDRESS_TAKEN)
                .at_position(at.pos),
            None => Diagnostic::error("content", message).with_code(code::ADDRESS_TAKEN),
        }
    }
}
