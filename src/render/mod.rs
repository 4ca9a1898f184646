//! Stage 3, render: `SiteRender::new(Routes, Theme)` is the list of every output of the site;
//! rendering one of them is pure (no I/O), and the write stage pulls them one by one.
//!
//! Each page gets a small context: the page's own data and short lists of what it links to,
//! already formatted (dates in words, populations with separators), with URLs from the route
//! layer. Site-wide values (title, navigation, the theme's strings) live once in Tera's global
//! context instead of being copied per page. One module per page kind (`pages/`) and per data
//! format (`data/`).

mod cards;
mod chart;
mod context;
mod data;
mod facts;
pub mod inputs;
pub(crate) mod languages;
pub mod map;
pub mod markdown;
mod pages;
mod paging;
pub mod relative;
mod structured;

use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::output::{Body, Failed, Output, OutputSource};
use crate::routes::{Route, Routes};
use crate::theme::{error_chain, StaticFile, Text, Theme};
use context::{Ctx, Link, SearchTerms, SiteContext};
use std::path::PathBuf;
use std::sync::Arc;

/// What the search index holds (terms, and term-study pairs) and how long it took to build.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchIndexStats {
    pub terms: usize,
    pub postings: usize,
    pub time: std::time::Duration,
}

/// Every study's card and link, rendered (kept between renders of an edited site).
pub struct Cards(Vec<[tera::Value; 2]>);

/// The whole site, ready to be rendered route by route (in any order, on any thread).
///
/// Rendering one route is pure: it reads the graph and the compiled templates and returns the
/// file's bytes. The write stage pulls outputs from here, so no more than one page per thread is
/// held in memory at a time.
pub struct SiteRender<'g> {
    ctx: Ctx<'g>,
    routes: Vec<Route>,
}

impl<'g> SiteRender<'g> {
    /// Prepares the render of every route. Renders only the studies' cards and links (each once,
    /// shared by the pages that list them); fails if their templates do.
    pub fn new(routes: Routes<'g>, theme: Theme) -> Result<Self, Vec<Diagnostic>> {
        Self::prepare(routes, theme, None)
    }

    /// Prepares the render again after an edit that changed only the cards of the studies
    /// `stale`: the other cards are taken from `cards`, rendered for the same site before.
    pub fn reusing(
        routes: Routes<'g>,
        theme: Theme,
        cards: Cards,
        stale: &[crate::graph::StudyId],
    ) -> Result<Self, Vec<Diagnostic>> {
        Self::prepare(routes, theme, Some((cards, stale)))
    }

    /// The rendered cards of every study, to reuse after an edit ([`SiteRender::reusing`]).
    pub fn into_cards(self) -> Cards {
        Cards(self.ctx.partials)
    }

    fn prepare(
        routes: Routes<'g>,
        mut theme: Theme,
        reuse: Option<(Cards, &[crate::graph::StudyId])>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let g = routes.graph();
        let file_url = |name: &str| {
            routes
                .theme_file(name)
                .map_or_else(String::new, |r| routes.url(r))
        };
        let strings = &theme.locale;
        let mut nav: Vec<Link> = [
            (Text::CaseStudies, Route::StudyList(1)),
            (Text::Cities, Route::CityList),
            (Text::Countries, Route::CountryList),
            (Text::Topics, Route::TopicList),
        ]
        .into_iter()
        .map(|(text, route)| Link {
            title: strings.get(text),
            url: routes.url(route).into(),
        })
        .collect();
        nav.extend(g.pages.enumerate().map(|(p, page)| Link {
            title: &page.page.title,
            url: routes.url(Route::Page(p)).into(),
        }));
        let site = SiteContext {
            title: &g.config.title,
            description: &g.config.description,
            language: languages::view_tag(g),
            base_url: &g.config.base_url,
            base_path: &g.config.base_path,
            nav,
            home_url: routes.url(Route::Home),
            case_studies_url: routes.url(Route::StudyList(1)),
            cities_url: routes.url(Route::CityList),
            countries_url: routes.url(Route::CountryList),
            topics_url: routes.url(Route::TopicList),
            search_url: routes.url(Route::Search),
            css_url: file_url("style.css"),
            favicon_url: file_url("favicon.svg"),
            search_index_url: routes.url(Route::Data(crate::routes::DataFile::SearchIndex)),
            search_js_url: file_url("search.js"),
            compare_js_url: file_url("compare.js"),
            compare_url: routes.url(Route::CityCompare),
            report_url: g.config.report_page.then(|| routes.url(Route::Report)),
            feed_url: routes.url(Route::Data(crate::routes::DataFile::Feed)),
            data_url: routes.url(Route::Data(crate::routes::DataFile::Studies)),
        };
        let site = tera::Value::from_serializable(&site);
        theme.tera.global_context().insert_value("site", site);
        // The header and footer are the same on every page: rendered once, shown everywhere.
        for (name, template) in [
            ("site_header", "site_header.html"),
            ("site_footer", "site_footer.html"),
        ] {
            let html = theme
                .tera
                .render(template, &tera::Context::new())
                .map_err(|e| vec![template_error(&theme, template, &e)])?;
            let html = tera::Value::safe_string(html.trim_end());
            theme.tera.global_context().insert_value(name, html);
        }

        let partials = match reuse {
            Some((Cards(old), stale)) if old.len() == g.studies.len() => {
                cards::render_again(g, &routes, &theme, old, stale)?
            }
            _ => cards::render_all(g, &routes, &theme)?,
        };
        let all = routes.all();
        Ok(SiteRender {
            ctx: Ctx {
                g,
                search: Arc::new(SearchTerms::new(&routes)),
                routes,
                theme,
                partials,
                default_search: None,
            },
            routes: all,
        })
    }

    /// Lets this render, of a language other than the default, read the search terms of
    /// `default`'s (its search page reads them for the studies not written in this language).
    pub fn read_default_terms(&mut self, default: &SiteRender<'g>) {
        self.ctx.default_search = Some(default.ctx.search.clone());
    }

    /// Every route of the site, in the order the write stage takes them.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// The route layer this render uses.
    pub fn route_layer(&self) -> &Routes<'g> {
        &self.ctx.routes
    }

    /// The size of the search index's terms and the thread time it took to build them, once a
    /// route that needs them was rendered.
    pub fn search_index_stats(&self) -> Option<SearchIndexStats> {
        self.ctx.search.built().map(|t| SearchIndexStats {
            terms: t.terms,
            postings: t.postings,
            time: t.time,
        })
    }

    /// How many HTML pages the site has.
    pub fn page_count(&self) -> usize {
        self.routes
            .iter()
            .filter(|&&r| Routes::template(r).is_some())
            .count()
    }

    /// Renders one route.
    pub fn render(&self, route: Route) -> Result<Output, Failed> {
        let ctx = &self.ctx;
        let path = ctx.routes.output_path(route);
        match route {
            Route::Data(file) => Ok(data::render(ctx, file)),
            Route::Feed(of) => Ok(data::render_feed(ctx, of)),
            Route::SitemapPart(n) => Ok(data::render_sitemap_part(ctx, n)),
            Route::SearchTerms(_) | Route::SearchText(_) => {
                Ok(data::render_search_part(ctx, route))
            }
            Route::StudyFile(s, i) => {
                let src = ctx.g.studies[s].study.asset_source(&ctx.g.root, i);
                Ok(Output {
                    path,
                    body: Body::Copy(src.unwrap_or_default()),
                })
            }
            Route::ThemeFile(i) => {
                let body = match ctx.theme.statics.get(i) {
                    Some((_, StaticFile::Embedded(bytes))) => Body::Static(bytes),
                    Some((_, StaticFile::Disk(src))) => Body::Copy(src.clone()),
                    None => Body::Static(&[]),
                };
                Ok(Output { path, body })
            }
            page => render_page(ctx, page, path),
        }
    }
}

/// The renders of every language of a site, as one list of outputs for the write stage.
pub struct Renders<'g>(pub Vec<SiteRender<'g>>);

impl Renders<'_> {
    /// How many HTML pages the site has, in every language.
    pub fn page_count(&self) -> usize {
        self.0.iter().map(SiteRender::page_count).sum()
    }

    /// The search index's figures, summed over the languages.
    pub fn search_index_stats(&self) -> Option<SearchIndexStats> {
        let mut all: Option<SearchIndexStats> = None;
        for s in self.0.iter().filter_map(SiteRender::search_index_stats) {
            let sum = all.get_or_insert_with(SearchIndexStats::default);
            sum.terms += s.terms;
            sum.postings += s.postings;
            sum.time += s.time;
        }
        all
    }
}

impl OutputSource for Renders<'_> {
    fn len(&self) -> usize {
        self.0.iter().map(|r| r.routes.len()).sum()
    }

    fn produce(&self, mut index: usize) -> Result<Output, Failed> {
        for r in &self.0 {
            if index < r.routes.len() {
                return r.render(r.routes[index]);
            }
            index -= r.routes.len();
        }
        Err(Failed {
            path: String::new(),
            diagnostic: Diagnostic::error("content", "no such output").with_code(code::OUTPUT),
        })
    }
}

/// Renders an HTML page with its template, then (with `links: relative`) makes its links
/// relative. The not-found page is shown at any depth: its links stay absolute.
fn render_page(ctx: &Ctx, page: Route, path: String) -> Result<Output, Failed> {
    let template = Routes::template(page).unwrap_or("404.html");
    let mut c = tera::Context::new();
    pages::fill_context(ctx, &mut c, page);
    languages::fill(ctx, &mut c, page);
    // Most pages are 10 to 30 KB: starting there spares the copies of a buffer grown by doubling.
    let mut html = Vec::with_capacity(32 * 1024);
    if let Err(e) = ctx.theme.tera.render_to(template, &c, &mut html) {
        return Err(Failed {
            diagnostic: template_error(&ctx.theme, template, &e),
            path,
        });
    }
    if ctx.g.config.relative_links && page != Route::NotFound {
        let text = String::from_utf8_lossy(&html);
        html = match relative::relative_page(&text, &path, &ctx.g.config.base_path) {
            Ok(page) => page.into_bytes(),
            Err(e) => {
                return Err(Failed {
                    diagnostic: Diagnostic::error(
                        &path,
                        format!("cannot make this page's links relative: {e}"),
                    )
                    .with_code(crate::diagnostics::code::OUTPUT),
                    path,
                })
            }
        };
    }
    Ok(Output {
        path,
        body: Body::Bytes(html),
    })
}

impl OutputSource for SiteRender<'_> {
    fn len(&self) -> usize {
        self.routes.len()
    }

    fn produce(&self, index: usize) -> Result<Output, Failed> {
        self.render(self.routes[index])
    }
}

/// What the page of `route` reads from the graph, in order (see [`inputs`]); empty for routes
/// that are not HTML pages.
pub fn route_inputs(g: &crate::graph::SiteGraph, route: Route) -> inputs::Inputs {
    let mut i = inputs::Inputs::default();
    pages::inputs(g, &mut i, route);
    i
}

/// A template that failed at render time (its syntax was checked when the theme loaded).
fn template_error(theme: &Theme, template: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(
        PathBuf::from("themes")
            .join(&theme.name)
            .join("templates")
            .join(template),
        format!("the template failed:\n{}", error_chain(e)),
    )
    .with_code(code::THEME)
    .with_hint("check the variable names the template uses against docs/themes.md")
}
