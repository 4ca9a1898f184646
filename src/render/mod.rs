//! Stage 3, render: `SiteRender::new(&SiteGraph, Theme)` is the list of every output of the
//! site; rendering one of them is pure (no I/O), and the write stage pulls them one by one.
//!
//! Each page gets a small context: the page's own data and short lists of what it links to,
//! already formatted (dates in words, populations with separators). Site-wide values (title,
//! navigation) live once in Tera's global context instead of being copied per page. Pages are
//! rendered in parallel.

mod data;
pub mod markdown;
pub mod theme;

use crate::diagnostics::Diagnostic;
use crate::graph::{CityId, CityNode, DocRef, SiteGraph, StudyId};
use crate::load::{FactValue, FastFact};
use crate::output::{Body, Failed, Output};
use crate::text::{area_km2, humanize_key, thousands};
use markdown::{render_document, render_flat, render_inline, RenderedFootnote};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use theme::{StaticFile, Theme};

/// How many items a "more of the same" list shows before linking to the full list.
const SHORT_LIST: usize = 12;
/// How many other studies of the same city a case study links to.
const MORE_FROM_CITY: usize = 8;
/// How many studies the home page shows.
const HOME_STUDIES: usize = 10;

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct CountedLink<'a> {
    title: &'a str,
    url: &'a str,
    count: usize,
}

/// What a list entry of a case study shows.
#[derive(Serialize)]
struct StudyCard<'a> {
    title: &'a str,
    url: &'a str,
    date: String,
    date_iso: String,
    city: &'a str,
    city_url: &'a str,
    country: &'a str,
    summary: &'a str,
}

#[derive(Serialize)]
struct PageMeta {
    /// The document title (`<title>`), without the site name.
    title: String,
    description: String,
    canonical: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct Fact {
    key: String,
    label: String,
    /// Plain text; empty for lists.
    value: String,
    /// List items as HTML (notes may contain Markdown).
    items: Vec<String>,
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    nav: Vec<Link<'a>>,
    css_url: String,
    search_url: String,
    search_index_url: String,
    search_js_url: String,
    feed_url: String,
    data_url: String,
}

/// How a study appears inside other pages. Each is a theme template rendered once per study;
/// pages receive the HTML. A study shows in a dozen lists (its cities, country, topics, the
/// studies related to it), and copying its card is far cheaper than rendering it again.
#[derive(Clone, Copy)]
enum StudyPartial {
    /// `study_card.html`: an entry of a study list.
    Card,
    /// `study_link.html`: a one-line link with the date.
    Link,
}

impl StudyPartial {
    const ALL: [StudyPartial; 2] = [StudyPartial::Card, StudyPartial::Link];

    fn template(self) -> &'static str {
        match self {
            StudyPartial::Card => "study_card.html",
            StudyPartial::Link => "study_link.html",
        }
    }
}

struct Ctx<'g> {
    g: &'g SiteGraph,
    /// Every study's partials as template values (safe HTML strings), indexed by
    /// [`StudyPartial`]; template values are shared, not copied, when put into a page.
    partials: Vec<[tera::Value; 2]>,
}

impl<'g> Ctx<'g> {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.g.config.base_path)
    }

    fn meta(&self, title: String, description: &str, url: &str, kind: &'static str) -> PageMeta {
        PageMeta {
            title,
            description: description.to_string(),
            canonical: self.g.config.absolute_url(url),
            kind,
        }
    }

    /// The cards of `ids` (HTML), as one template value.
    fn cards(&self, ids: impl IntoIterator<Item = StudyId>) -> tera::Value {
        self.partials_of(StudyPartial::Card, ids)
    }

    /// The one-line links of `ids` (HTML), as one template value.
    fn study_links(&self, ids: impl IntoIterator<Item = StudyId>) -> tera::Value {
        self.partials_of(StudyPartial::Link, ids)
    }

    fn partials_of(
        &self,
        kind: StudyPartial,
        ids: impl IntoIterator<Item = StudyId>,
    ) -> tera::Value {
        tera::Value::from(
            ids.into_iter()
                .map(|s| self.partials[s][kind as usize].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn city_links(&self, ids: impl IntoIterator<Item = CityId>) -> Vec<Link<'g>> {
        let g = self.g;
        ids.into_iter()
            .map(|c| Link {
                title: &g.cities[c].name,
                url: &g.cities[c].url,
            })
            .collect()
    }

    /// Home, then `items` (title, URL); the current page is not included.
    fn crumbs(&self, items: &[(&str, &str)]) -> Vec<Crumb> {
        let mut out = vec![Crumb {
            title: "Home".into(),
            url: self.g.config.base_path.clone(),
        }];
        out.extend(items.iter().map(|(title, url)| Crumb {
            title: title.to_string(),
            url: url.to_string(),
        }));
        out
    }

    fn facts(&self, facts: &[FastFact]) -> Vec<Fact> {
        let labels = &self.g.config.fact_labels;
        let mut ordered: Vec<&FastFact> = Vec::with_capacity(facts.len());
        for key in &labels.order {
            ordered.extend(facts.iter().filter(|f| &f.key == key));
        }
        ordered.extend(facts.iter().filter(|f| !labels.order.contains(&f.key)));
        ordered
            .into_iter()
            .map(|f| {
                let (value, items) = match &f.value {
                    FactValue::Text(t) => (t.clone(), Vec::new()),
                    FactValue::Population(n) => (thousands(*n), Vec::new()),
                    FactValue::AreaKm2(a) => (area_km2(*a), Vec::new()),
                    FactValue::Year(y) => (y.to_string(), Vec::new()),
                    FactValue::List(items) => (
                        String::new(),
                        items.iter().map(|i| render_inline(i)).collect(),
                    ),
                };
                Fact {
                    key: f.key.clone(),
                    label: labels
                        .labels
                        .get(&f.key)
                        .cloned()
                        .unwrap_or_else(|| humanize_key(&f.key)),
                    value,
                    items,
                }
            })
            .collect()
    }
}

/// The summary a study shows in lists: its own, or its first paragraph.
fn summary_of(s: &crate::graph::StudyNode) -> &str {
    s.study
        .summary
        .as_deref()
        .unwrap_or(&s.study.doc.first_paragraph)
}

/// Every page kind casebook writes.
#[derive(Clone, Copy)]
enum Job {
    Home,
    StudyList(usize),
    Study(StudyId),
    CityList,
    City(CityId),
    CountryList,
    /// A country, and the page of its study list.
    Country(usize, usize),
    TopicList,
    /// A topic, and the page of its study list.
    Topic(usize, usize),
    Page(usize),
    Search,
    NotFound,
}

/// One output of the site, before it is rendered.
enum Item {
    Page(Job),
    Data(data::DataFile),
    /// A file copied as it is: a bundle's image, or a theme static file on disk.
    Copy {
        path: String,
        src: PathBuf,
    },
    Embedded {
        path: String,
        bytes: &'static [u8],
    },
}

/// The whole site, ready to be rendered item by item (in any order, on any thread).
///
/// Rendering one item is pure: it reads the graph and the compiled templates and returns the
/// file's bytes. The write stage pulls items from here, so no more than one page per thread is
/// held in memory at a time.
pub struct SiteRender<'g> {
    ctx: Ctx<'g>,
    theme: Theme,
    items: Vec<Item>,
}

impl<'g> SiteRender<'g> {
    /// Prepares the render of every page, feed and data file. Renders only the studies' cards
    /// and links (each once, shared by the pages that list them); fails if their templates do.
    pub fn new(g: &'g SiteGraph, mut theme: Theme) -> Result<Self, Vec<Diagnostic>> {
        let base = &g.config.base_path;
        let lists = [
            ("Case studies", format!("{base}case-studies/")),
            ("Cities", format!("{base}cities/")),
            ("Countries", format!("{base}countries/")),
            ("Topics", format!("{base}topics/")),
        ];
        let mut nav: Vec<Link> = lists
            .iter()
            .map(|(title, url)| Link { title, url })
            .collect();
        nav.extend(g.pages.iter().map(|p| Link {
            title: &p.page.title,
            url: &p.url,
        }));
        let site = SiteContext {
            title: &g.config.title,
            description: &g.config.description,
            language: &g.config.language,
            base_url: &g.config.base_url,
            base_path: base,
            nav,
            css_url: format!("{base}style.css"),
            search_url: format!("{base}search/"),
            search_index_url: format!("{base}search-index.json"),
            search_js_url: format!("{base}search.js"),
            feed_url: format!("{base}atom.xml"),
            data_url: format!("{base}data/studies.json"),
        };
        theme.tera.global_context().insert("site", &site);

        let partials = render_partials(g, &theme)?;
        let ctx = Ctx { g, partials };

        let list_pages = page_count(g.studies.len(), g.config.page_size);
        // The largest outputs (data files, lists) go first, so no thread is left with a big one
        // at the end while the others are idle.
        let mut items: Vec<Item> = data::DataFile::ALL.into_iter().map(Item::Data).collect();
        items.extend(
            [
                Job::Home,
                Job::CityList,
                Job::CountryList,
                Job::TopicList,
                Job::Search,
                Job::NotFound,
            ]
            .map(Item::Page),
        );
        let size = g.config.page_size;
        for (t, topic) in g.topics.iter().enumerate() {
            items.extend(
                (1..=page_count(topic.studies.len(), size)).map(|n| Item::Page(Job::Topic(t, n))),
            );
        }
        for (k, country) in g.countries.iter().enumerate() {
            items.extend(
                (1..=page_count(country.studies.len(), size))
                    .map(|n| Item::Page(Job::Country(k, n))),
            );
        }
        items.extend((1..=list_pages).map(|n| Item::Page(Job::StudyList(n))));
        items.extend((0..g.studies.len()).map(|s| Item::Page(Job::Study(s))));
        items.extend((0..g.cities.len()).map(|c| Item::Page(Job::City(c))));
        items.extend((0..g.pages.len()).map(|p| Item::Page(Job::Page(p))));
        for s in &g.studies {
            if let Some(dir) = &s.study.bundle_dir {
                let out_dir = ctx
                    .g
                    .config
                    .output_file(&s.url)
                    .trim_end_matches("index.html")
                    .to_string();
                for asset in &s.study.assets {
                    items.push(Item::Copy {
                        path: format!("{out_dir}{}", asset.to_string_lossy().replace('\\', "/")),
                        src: g.root.join(dir).join(asset),
                    });
                }
            }
        }
        for (path, file) in &theme.statics {
            items.push(match file {
                StaticFile::Embedded(bytes) => Item::Embedded {
                    path: path.clone(),
                    bytes,
                },
                StaticFile::Disk(src) => Item::Copy {
                    path: path.clone(),
                    src: src.clone(),
                },
            });
        }
        Ok(SiteRender { ctx, theme, items })
    }

    /// How many HTML pages the site has.
    pub fn page_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Page(_)))
            .count()
    }
}

impl crate::output::OutputSource for SiteRender<'_> {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn produce(&self, index: usize) -> Result<Output, Failed> {
        match &self.items[index] {
            Item::Page(job) => render_job(&self.ctx, &self.theme, *job),
            Item::Data(file) => Ok(data::render_data_file(self.ctx.g, *file)),
            Item::Copy { path, src } => Ok(Output {
                path: path.clone(),
                body: Body::Copy(src.clone()),
            }),
            Item::Embedded { path, bytes } => Ok(Output {
                path: path.clone(),
                body: Body::Static(bytes),
            }),
        }
    }
}

/// Renders every study's partials, in parallel.
fn render_partials(g: &SiteGraph, theme: &Theme) -> Result<Vec<[tera::Value; 2]>, Vec<Diagnostic>> {
    let rendered: Vec<Result<[tera::Value; 2], Failed>> = g
        .studies
        .par_iter()
        .map(|s| {
            let city = &g.cities[s.cities[0]];
            let card = StudyCard {
                title: &s.study.title,
                url: &s.url,
                date: s.study.date.long(),
                date_iso: s.study.date.to_string(),
                city: &city.name,
                city_url: &city.url,
                country: &g.countries[s.country].name,
                summary: summary_of(s),
            };
            let mut c = tera::Context::new();
            c.insert("card", &card);
            let mut html = Vec::with_capacity(512);
            let mut out = StudyPartial::ALL.map(|_| tera::Value::none());
            for kind in StudyPartial::ALL {
                html.clear();
                theme
                    .tera
                    .render_to(kind.template(), &c, &mut html)
                    .map_err(|e| Failed {
                        path: s.study.source.path.to_string_lossy().into_owned(),
                        diagnostic: template_error(g, kind.template(), &e),
                    })?;
                // A partial is a fragment placed inside a line of its list: no trailing newline.
                let text = String::from_utf8_lossy(&html);
                out[kind as usize] = tera::Value::safe_string(text.trim_end());
            }
            Ok(out)
        })
        .collect();
    let mut partials = Vec::with_capacity(rendered.len());
    let mut failed = Vec::new();
    for r in rendered {
        match r {
            Ok(p) => partials.push(p),
            Err(f) => failed.push(f),
        }
    }
    if failed.is_empty() {
        Ok(partials)
    } else {
        Err(crate::output::group_failures(failed))
    }
}

/// A template that failed at render time (its syntax was checked when the theme loaded).
fn template_error(g: &SiteGraph, template: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(
        PathBuf::from("themes")
            .join(&g.config.theme)
            .join("templates")
            .join(template),
        format!("the template failed:\n{}", theme::error_chain(e)),
    )
    .with_hint("check the variable names the template uses against docs/themes.md")
}

fn render_job(ctx: &Ctx, theme: &Theme, job: Job) -> Result<Output, Failed> {
    let g = ctx.g;
    let mut c = tera::Context::new();
    let (template, path) = match job {
        Job::Home => {
            c.insert(
                "page",
                &ctx.meta(
                    g.config.title.clone(),
                    &g.config.description,
                    &g.config.base_path,
                    "home",
                ),
            );
            c.insert_value("latest", ctx.cards(0..g.studies.len().min(HOME_STUDIES)));
            c.insert("study_count", &g.studies.len());
            c.insert("all_studies_url", &ctx.url("case-studies/"));
            c.insert("countries", &country_groups(ctx));
            c.insert("topics", &topic_links(ctx));
            ("index.html", "index.html".to_string())
        }
        Job::StudyList(n) => render_study_list(ctx, &mut c, n),
        Job::Study(s) => render_case_study(ctx, &mut c, s),
        Job::CityList => {
            let url = ctx.url("cities/");
            c.insert(
                "page",
                &ctx.meta(
                    "Cities".into(),
                    &format!("All {} cities with case studies", g.cities.len()),
                    &url,
                    "cities",
                ),
            );
            c.insert("breadcrumbs", &ctx.crumbs(&[]));
            c.insert("groups", &country_groups_full(ctx));
            c.insert("city_count", &g.cities.len());
            ("cities.html", "cities/index.html".into())
        }
        Job::City(id) => render_city(ctx, &mut c, id),
        Job::CountryList => {
            let url = ctx.url("countries/");
            let countries: Vec<_> = g
                .countries
                .iter()
                .map(|k| CountedLink {
                    title: &k.name,
                    url: &k.url,
                    count: k.studies.len(),
                })
                .collect();
            c.insert(
                "page",
                &ctx.meta(
                    "Countries".into(),
                    "Case studies by country",
                    &url,
                    "countries",
                ),
            );
            c.insert("breadcrumbs", &ctx.crumbs(&[]));
            c.insert("countries", &countries);
            ("countries.html", "countries/index.html".into())
        }
        Job::Country(k, n) => {
            let country = &g.countries[k];
            // The city list shows on the first page only; later pages do not build it.
            let shown = if n == 1 { &country.cities[..] } else { &[] };
            let cities: Vec<_> = shown
                .iter()
                .map(|&i| CountedLink {
                    title: &g.cities[i].name,
                    url: &g.cities[i].url,
                    count: g.cities[i].studies.len(),
                })
                .collect();
            let description = format!(
                "{} case studies from {} cities in {}",
                country.studies.len(),
                country.cities.len(),
                country.name
            );
            let paged = Paged::new(&country.url, country.studies.len(), g.config.page_size, n);
            c.insert(
                "page",
                &ctx.meta(
                    paged.title(&country.name),
                    &description,
                    &paged.url,
                    "country",
                ),
            );
            c.insert(
                "breadcrumbs",
                &ctx.crumbs(&[("Countries", &ctx.url("countries/"))]),
            );
            c.insert(
                "country",
                &Link {
                    title: &country.name,
                    url: &country.url,
                },
            );
            c.insert("cities", &cities);
            c.insert_value(
                "studies",
                ctx.cards(country.studies[paged.range.clone()].iter().copied()),
            );
            c.insert("study_count", &country.studies.len());
            c.insert("pager", &paged.pager);
            ("country.html", ctx.g.config.output_file(&paged.url))
        }
        Job::TopicList => {
            let url = ctx.url("topics/");
            c.insert(
                "page",
                &ctx.meta("Topics".into(), "Case studies by topic", &url, "topics"),
            );
            c.insert("breadcrumbs", &ctx.crumbs(&[]));
            c.insert("topics", &topic_links(ctx));
            ("topics.html", "topics/index.html".into())
        }
        Job::Topic(t, n) => {
            let topic = &g.topics[t];
            let description = format!("{} case studies about {}", topic.studies.len(), topic.name);
            let paged = Paged::new(&topic.url, topic.studies.len(), g.config.page_size, n);
            c.insert(
                "page",
                &ctx.meta(paged.title(&topic.name), &description, &paged.url, "topic"),
            );
            c.insert(
                "breadcrumbs",
                &ctx.crumbs(&[("Topics", &ctx.url("topics/"))]),
            );
            c.insert(
                "topic",
                &Link {
                    title: &topic.name,
                    url: &topic.url,
                },
            );
            c.insert_value(
                "studies",
                ctx.cards(topic.studies[paged.range.clone()].iter().copied()),
            );
            c.insert("study_count", &topic.studies.len());
            // The city list shows on the first page only; later pages do not build it.
            let shown = if n == 1 { &topic.cities[..] } else { &[] };
            c.insert("cities", &ctx.city_links(shown.iter().copied()));
            c.insert("pager", &paged.pager);
            ("topic.html", ctx.g.config.output_file(&paged.url))
        }
        Job::Page(p) => {
            let node = &g.pages[p];
            let (html, footnotes) = render_flat(&node.page.doc, &node.links, &g.cities);
            let description = node
                .page
                .summary
                .as_deref()
                .unwrap_or(&node.page.doc.first_paragraph);
            c.insert(
                "page",
                &ctx.meta(node.page.title.clone(), description, &node.url, "page"),
            );
            c.insert("breadcrumbs", &ctx.crumbs(&[]));
            c.insert("title", &node.page.title);
            c.insert("html", &html);
            c.insert("footnotes", &footnotes);
            ("page.html", ctx.g.config.output_file(&node.url))
        }
        Job::Search => {
            let url = ctx.url("search/");
            c.insert(
                "page",
                &ctx.meta(
                    "Search".into(),
                    "Search the case studies and cities",
                    &url,
                    "search",
                ),
            );
            c.insert("breadcrumbs", &ctx.crumbs(&[]));
            ("search.html", "search/index.html".into())
        }
        Job::NotFound => {
            let url = ctx.url("404.html");
            c.insert("page", &ctx.meta("Page not found".into(), "", &url, "404"));
            ("404.html", "404.html".into())
        }
    };
    // Most pages are 10 to 30 KB: starting there spares the copies of a buffer grown by doubling.
    let mut html = Vec::with_capacity(32 * 1024);
    match theme.tera.render_to(template, &c, &mut html) {
        Ok(()) => Ok(Output {
            path,
            body: Body::Bytes(html),
        }),
        Err(e) => Err(Failed {
            path,
            diagnostic: template_error(g, template, &e),
        }),
    }
}

#[derive(Serialize)]
struct CountryGroup<'a> {
    country: Link<'a>,
    cities: Vec<Link<'a>>,
    /// Cities not listed here (see the country page).
    more: usize,
}

fn country_groups<'g>(ctx: &Ctx<'g>) -> Vec<CountryGroup<'g>> {
    group_cities(ctx, SHORT_LIST)
}

fn country_groups_full<'g>(ctx: &Ctx<'g>) -> Vec<CountryGroup<'g>> {
    group_cities(ctx, usize::MAX)
}

fn group_cities<'g>(ctx: &Ctx<'g>, limit: usize) -> Vec<CountryGroup<'g>> {
    ctx.g
        .countries
        .iter()
        .map(|k| CountryGroup {
            country: Link {
                title: &k.name,
                url: &k.url,
            },
            cities: ctx.city_links(k.cities.iter().copied().take(limit)),
            more: k.cities.len().saturating_sub(limit),
        })
        .collect()
}

fn topic_links<'g>(ctx: &Ctx<'g>) -> Vec<CountedLink<'g>> {
    ctx.g
        .topics
        .iter()
        .map(|t| CountedLink {
            title: &t.name,
            url: &t.url,
            count: t.studies.len(),
        })
        .collect()
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    /// Which items this page shows, counted from 1 (`first_item` to `last_item`).
    first_item: usize,
    last_item: usize,
    newer_url: Option<String>,
    older_url: Option<String>,
    pages: Vec<PagerItem>,
}

#[derive(Serialize)]
struct PagerItem {
    number: usize,
    url: String,
    current: bool,
    /// Pages were left out before this one.
    gap_before: bool,
}

fn render_study_list(ctx: &Ctx, c: &mut tera::Context, n: usize) -> (&'static str, String) {
    let g = ctx.g;
    let paged = Paged::new(
        &ctx.url("case-studies/"),
        g.studies.len(),
        g.config.page_size,
        n,
    );
    c.insert(
        "page",
        &ctx.meta(
            paged.title("Case studies"),
            &format!("All {} case studies, newest first", g.studies.len()),
            &paged.url,
            "case-studies",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert_value("studies", ctx.cards(paged.range.clone()));
    c.insert("study_count", &g.studies.len());
    c.insert("pager", &paged.pager);
    ("case_studies.html", ctx.g.config.output_file(&paged.url))
}

/// How many pages a list of `len` items takes, `size` a page (at least one).
fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size.max(1)).max(1)
}

/// Page `n` (from 1) of a list shown `size` items at a time, under `base_url`:
/// `base_url` itself, then `base_url/page/2/` and so on.
struct Paged {
    url: String,
    range: std::ops::Range<usize>,
    pager: Pager,
}

impl Paged {
    fn new(base_url: &str, len: usize, size: usize, n: usize) -> Paged {
        let total = page_count(len, size);
        let url_of = |k: usize| {
            if k == 1 {
                base_url.to_string()
            } else {
                format!("{base_url}page/{k}/")
            }
        };
        // First, last and the two pages on each side of this one: a pager stays small on a list
        // of thousands of pages.
        let mut pages = Vec::new();
        let mut last_shown = 0;
        for k in 1..=total {
            if k == 1 || k == total || k.abs_diff(n) <= 2 {
                pages.push(PagerItem {
                    number: k,
                    url: url_of(k),
                    current: k == n,
                    gap_before: k > last_shown + 1,
                });
                last_shown = k;
            }
        }
        let start = ((n - 1) * size).min(len);
        Paged {
            url: url_of(n),
            range: start..(start + size).min(len),
            pager: Pager {
                current: n,
                total,
                first_item: start + 1,
                last_item: (start + size).min(len),
                newer_url: (n > 1).then(|| url_of(n - 1)),
                older_url: (n < total).then(|| url_of(n + 1)),
                pages,
            },
        }
    }

    /// `Thailand`, or `Thailand, page 2 of 5`.
    fn title(&self, name: &str) -> String {
        if self.pager.current == 1 {
            name.to_string()
        } else {
            format!(
                "{name}, page {} of {}",
                self.pager.current, self.pager.total
            )
        }
    }
}

#[derive(Serialize)]
struct StudyPage<'a> {
    title: &'a str,
    /// `Khon Kaen, Thailand | Citizen Awareness of the Smart City`
    full_title: String,
    date: String,
    date_iso: String,
    summary: &'a str,
    city: Link<'a>,
    cities: Vec<Link<'a>>,
    country: Link<'a>,
    topics: Vec<Link<'a>>,
    fast_facts: Vec<Fact>,
    intro_html: String,
    /// Background and Solutions, other sections, then Results and Lessons.
    sections: Vec<markdown::RenderedSection>,
    toc: Vec<markdown::TocEntry>,
    footnotes: Vec<RenderedFootnote>,
    sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
struct SourceView<'a> {
    title: &'a str,
    url: Option<&'a str>,
    publisher: Option<&'a str>,
    date: Option<String>,
}

fn render_case_study(ctx: &Ctx, c: &mut tera::Context, s: StudyId) -> (&'static str, String) {
    let g = ctx.g;
    let node = &g.studies[s];
    let study = &node.study;
    let city = &g.cities[node.cities[0]];
    let country = &g.countries[node.country];
    let doc = render_document(&study.doc, &node.links, &g.cities, true);
    let full_title = format!("{}, {} | {}", city.name, country.name, study.title);
    let page = StudyPage {
        title: &study.title,
        full_title: full_title.clone(),
        date: study.date.long(),
        date_iso: study.date.to_string(),
        summary: summary_of(&g.studies[s]),
        city: Link {
            title: &city.name,
            url: &city.url,
        },
        cities: ctx.city_links(node.cities.iter().copied()),
        country: Link {
            title: &country.name,
            url: &country.url,
        },
        topics: node
            .topics
            .iter()
            .map(|&t| Link {
                title: &g.topics[t].name,
                url: &g.topics[t].url,
            })
            .collect(),
        fast_facts: ctx.facts(&study.fast_facts),
        intro_html: doc.intro_html,
        sections: doc.sections,
        toc: doc.toc,
        footnotes: doc.footnotes,
        sources: study
            .sources
            .iter()
            .map(|src| SourceView {
                title: &src.title,
                url: src.url.as_deref(),
                publisher: src.publisher.as_deref(),
                date: src.date.as_deref().map(|d| {
                    crate::text::Date::parse(d).map_or_else(|| d.to_string(), |x| x.long())
                }),
            })
            .collect(),
    };
    let more_in_city: Vec<StudyId> = city
        .studies
        .iter()
        .copied()
        .filter(|&o| o != s && !node.related.contains(&o))
        .take(MORE_FROM_CITY)
        .collect();
    c.insert(
        "page",
        &ctx.meta(full_title, summary_of(node), &node.url, "case-study"),
    );
    c.insert(
        "breadcrumbs",
        &ctx.crumbs(&[(&country.name, &country.url), (&city.name, &city.url)]),
    );
    c.insert("study", &page);
    c.insert_value("more_in_city", ctx.study_links(more_in_city));
    c.insert("more_in_city_total", &city.studies.len());
    c.insert_value("related", ctx.cards(node.related.iter().copied()));
    let link = |id: Option<StudyId>| {
        id.map(|i| Link {
            title: &g.studies[i].study.title,
            url: &g.studies[i].url,
        })
    };
    c.insert("older", &link(node.older));
    c.insert("newer", &link(node.newer));
    c.insert("older_in_city", &link(node.older_in_city));
    c.insert("newer_in_city", &link(node.newer_in_city));
    ("case_study.html", ctx.g.config.output_file(&node.url))
}

#[derive(Serialize)]
struct CityPage<'a> {
    name: &'a str,
    url: &'a str,
    country: Link<'a>,
    region: Option<&'a str>,
    aliases: &'a [String],
    coordinates: Option<(f64, f64)>,
    summary: Option<&'a str>,
    has_profile: bool,
    profile_html: String,
    footnotes: Vec<RenderedFootnote>,
    fast_facts: Vec<Fact>,
    /// When the facts come from a study: its date and link.
    facts_as_of: Option<FactsSource<'a>>,
    partners: Vec<Link<'a>>,
    mentioned_in: Vec<BacklinkView<'a>>,
    same_country: Vec<Link<'a>>,
    same_country_more: usize,
}

#[derive(Serialize)]
struct FactsSource<'a> {
    date: String,
    study: Link<'a>,
}

#[derive(Serialize)]
struct BacklinkView<'a> {
    title: &'a str,
    url: &'a str,
    kind: &'static str,
    excerpt: &'a str,
}

fn render_city(ctx: &Ctx, c: &mut tera::Context, id: CityId) -> (&'static str, String) {
    let g = ctx.g;
    let city: &CityNode = &g.cities[id];
    let country = &g.countries[city.country];
    let (profile_html, footnotes) = match &city.profile {
        Some(p) => render_flat(&p.doc, &city.links, &g.cities),
        None => (String::new(), Vec::new()),
    };
    let others: Vec<CityId> = country
        .cities
        .iter()
        .copied()
        .filter(|&o| o != id)
        .collect();
    let summary = city.profile.as_ref().and_then(|p| p.summary.as_deref());
    let page = CityPage {
        name: &city.name,
        url: &city.url,
        country: Link {
            title: &country.name,
            url: &country.url,
        },
        region: city.profile.as_ref().and_then(|p| p.region.as_deref()),
        aliases: &city.aliases,
        coordinates: city.profile.as_ref().and_then(|p| p.coordinates),
        summary,
        has_profile: city.profile.is_some(),
        profile_html,
        footnotes,
        fast_facts: ctx.facts(&city.fast_facts),
        facts_as_of: city.facts_from.map(|(s, date)| FactsSource {
            date: date.long(),
            study: Link {
                title: &g.studies[s].study.title,
                url: &g.studies[s].url,
            },
        }),
        partners: ctx.city_links(city.partners.iter().copied()),
        mentioned_in: city
            .mentioned_in
            .iter()
            .map(|b| BacklinkView {
                title: g.doc_title(b.from),
                url: g.doc_url(b.from),
                kind: match b.from {
                    DocRef::Study(_) => "case study",
                    DocRef::City(_) => "city",
                    DocRef::Page(_) => "page",
                },
                excerpt: &b.excerpt,
            })
            .collect(),
        same_country: ctx.city_links(others.iter().copied().take(SHORT_LIST)),
        same_country_more: others.len().saturating_sub(SHORT_LIST),
    };
    let first_paragraph = city
        .profile
        .as_ref()
        .map(|p| p.doc.first_paragraph.as_str())
        .filter(|s| !s.is_empty());
    let description = summary.or(first_paragraph).map_or_else(
        || {
            format!(
                "{} case studies about {}, {}",
                city.studies.len(),
                city.name,
                country.name
            )
        },
        str::to_string,
    );
    c.insert(
        "page",
        &ctx.meta(
            format!("{}, {}", city.name, country.name),
            &description,
            &city.url,
            "city",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[(&country.name, &country.url)]));
    c.insert("city", &page);
    c.insert_value("studies", ctx.cards(city.studies.iter().copied()));
    ("city.html", ctx.g.config.output_file(&city.url))
}
