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
//! /countries/, /countries/SLUG/[page/N/]   countries, a country (paged)
//! /topics/, /topics/SLUG/[page/N/]         topics, a topic (paged)
//! /SLUG/                     a free page (content/pages/SLUG.md)
//! /search/, /404.html        search, page not found
//! /atom.xml, /sitemap.xml, /search-index.json, /data/{studies,cities,graph}.json
//! /NAME                      a static file of the theme (style.css, ...)
//! ```

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{CityId, CountryId, DocRef, Id, PageId, SiteGraph, StudyId, TopicId};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

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
    City(CityId),
    CountryList,
    Country(CountryId, usize),
    TopicList,
    Topic(TopicId, usize),
    Page(PageId),
    Search,
    NotFound,
    Data(DataFile),
    /// Static file `i` of the theme.
    ThemeFile(usize),
}

/// The machine-readable files of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataFile {
    /// `atom.xml`: the newest case studies.
    Feed,
    /// `sitemap.xml`: every page, for search engines.
    Sitemap,
    /// `search-index.json`: what the search page searches.
    SearchIndex,
    /// `data/studies.json`: the case studies as open data.
    Studies,
    /// `data/cities.json`: the cities as open data.
    Cities,
    /// `data/graph.json`: the site graph, nodes and typed edges.
    Graph,
}

impl DataFile {
    pub const ALL: [DataFile; 6] = [
        DataFile::Feed,
        DataFile::Sitemap,
        DataFile::SearchIndex,
        DataFile::Studies,
        DataFile::Cities,
        DataFile::Graph,
    ];

    fn path(self) -> &'static str {
        match self {
            DataFile::Feed => "atom.xml",
            DataFile::Sitemap => "sitemap.xml",
            DataFile::SearchIndex => "search-index.json",
            DataFile::Studies => "data/studies.json",
            DataFile::Cities => "data/cities.json",
            DataFile::Graph => "data/graph.json",
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

/// Slugs a free page may not have: the folders of casebook's own pages, and `static`, kept free
/// for theme files.
pub const RESERVED_PAGE_SLUGS: &[&str] =
    &[STUDIES, CITIES, COUNTRIES, TOPICS, DATA, SEARCH, "static"];

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

    /// The full URL of `route`, for canonical links, feeds, sitemaps and open data.
    pub fn absolute_url(&self, route: Route) -> String {
        let base = &self.g.config.base_url;
        match self.location(route) {
            Location::Folder(p) | Location::File(p) => format!("{base}{p}"),
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
            Route::City(_) => "city.html",
            Route::CountryList => "countries.html",
            Route::Country(..) => "country.html",
            Route::TopicList => "topics.html",
            Route::Topic(..) => "topic.html",
            Route::Page(_) => "page.html",
            Route::Search => "search.html",
            Route::NotFound => "404.html",
            Route::StudyFile(..) | Route::Data(_) | Route::ThemeFile(_) => return None,
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
        routes.extend([
            Route::Home,
            Route::CityList,
            Route::CountryList,
            Route::TopicList,
            Route::Search,
            Route::NotFound,
        ]);
        for (t, topic) in g.topics.enumerate() {
            routes.extend((1..=self.page_count(topic.studies.len())).map(|n| Route::Topic(t, n)));
        }
        for (k, country) in g.countries.enumerate() {
            routes
                .extend((1..=self.page_count(country.studies.len())).map(|n| Route::Country(k, n)));
        }
        routes.extend((1..=self.page_count(g.studies.len())).map(Route::StudyList));
        routes.extend(g.studies.ids().map(Route::Study));
        routes.extend(g.cities.ids().map(Route::City));
        routes.extend(g.pages.ids().map(Route::Page));
        for (s, study) in g.studies.enumerate() {
            routes.extend((0..study.study.assets.len()).map(|i| Route::StudyFile(s, i)));
        }
        routes.extend((0..self.theme_files.len()).map(Route::ThemeFile));
        routes
    }

    /// The one decision: where each route lives.
    fn location(&self, route: Route) -> Location {
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
            Route::Study(s) => Location::Folder(format!("{STUDIES}/{}/", g.studies[s].study.slug)),
            Route::StudyFile(s, i) => {
                let study = &g.studies[s].study;
                let name = study.assets.get(i).map_or("", String::as_str);
                Location::File(format!("{STUDIES}/{}/{name}", study.slug))
            }
            Route::CityList => Location::Folder(format!("{CITIES}/")),
            Route::City(c) => Location::Folder(format!("{CITIES}/{}/", g.cities[c].slug)),
            Route::CountryList => Location::Folder(format!("{COUNTRIES}/")),
            Route::Country(k, n) => paged(format!("{COUNTRIES}/{}/", g.countries[k].slug), n),
            Route::TopicList => Location::Folder(format!("{TOPICS}/")),
            Route::Topic(t, n) => paged(format!("{TOPICS}/{}/", g.topics[t].slug), n),
            Route::Page(p) => Location::Folder(format!("{}/", g.pages[p].page.slug)),
            Route::Search => Location::Folder(format!("{SEARCH}/")),
            Route::NotFound => Location::File("404.html".into()),
            Route::Data(f) => Location::File(f.path().into()),
            Route::ThemeFile(i) => {
                Location::File(self.theme_files.get(i).cloned().unwrap_or_default())
            }
        }
    }

    /// Checks that no two routes are written to the same file and that no free page takes the
    /// name of one of casebook's own folders.
    pub fn check(&self) -> Diagnostics {
        let mut d = Diagnostics::new();
        // Who claimed each file first; owners are described only when two claims meet.
        let mut claims: HashMap<String, Route> = HashMap::new();
        for route in self.all() {
            let written = self.output_path(route);
            // `countries//index.html` is `countries/index.html` on disk.
            let path = if written.contains("//") || written.contains("./") {
                crate::paths::fold(&written).unwrap_or(written)
            } else {
                written
            };
            let Some(&previous) = claims.get(&path) else {
                claims.insert(path, route);
                continue;
            };
            let (owner, previous) = (self.owner(route), self.owner(previous));
            if owner == previous {
                continue;
            }
            let file = owner
                .source
                .clone()
                .or_else(|| previous.source.clone())
                .unwrap_or_else(|| PathBuf::from("content"));
            d.push(
                Diagnostic::error(
                    file,
                    format!(
                        "two items would be written to `{path}`: {} and {}",
                        owner.what, previous.what
                    ),
                )
                .with_hint("give one of them another `slug:` in its front matter"),
            );
        }
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
                    .with_hint("rename the file or set another `slug:`"),
                );
            }
        }
        d
    }

    /// Who puts a route in the output, for collision errors.
    fn owner(&self, route: Route) -> Owner {
        let g = self.g;
        let file = |o: &crate::load::Origin| Owner {
            what: o.path.display().to_string(),
            source: Some(o.path.clone()),
        };
        let named = |what: String| Owner { what, source: None };
        match route {
            Route::Study(s) => file(&g.studies[s].study.source),
            Route::StudyFile(s, _) => {
                let source = &g.studies[s].study.source;
                Owner {
                    what: format!("{} (a file of its bundle)", source.path.display()),
                    source: Some(source.path.clone()),
                }
            }
            Route::City(c) => match &g.cities[c].profile {
                Some(p) => file(&p.source),
                None => named(format!(
                    "the city `{}` named by case studies",
                    g.cities[c].name
                )),
            },
            Route::Page(p) => file(&g.pages[p].page.source),
            Route::Country(k, _) => named(format!("the country `{}`", g.countries[k].name)),
            Route::Topic(t, _) => named(format!("the topic `{}`", g.topics[t].name)),
            Route::ThemeFile(i) => named(format!(
                "the theme file `{}`",
                self.theme_files.get(i).map_or("", String::as_str)
            )),
            Route::Home
            | Route::StudyList(_)
            | Route::CityList
            | Route::CountryList
            | Route::TopicList
            | Route::Search
            | Route::NotFound
            | Route::Data(_) => named("a page casebook builds itself".into()),
        }
    }
}

/// Who puts a file in the output: a description, and the source file when there is one.
#[derive(Debug, Clone, PartialEq)]
struct Owner {
    what: String,
    source: Option<PathBuf>,
}
