//! Stage 3, render: `render(&SiteGraph, Theme) -> Vec<Output>`, pure, no I/O.
//!
//! Each page gets a small context: the page's own data and short lists of what it links to,
//! already formatted (dates in words, populations with separators). Site-wide values (title,
//! navigation) live once in Tera's global context instead of being copied per page. Pages are
//! rendered in parallel.

mod data;
pub mod markdown;
pub mod theme;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::{CityId, CityNode, DocRef, SiteGraph, StudyId};
use crate::load::{FactValue, FastFact};
use crate::text::{area_km2, humanize_key, thousands};
use markdown::{render_document, render_flat, render_inline, RenderedFootnote};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use theme::{StaticFile, Theme};

/// How many items a "more of the same" list shows before linking to the full list.
const SHORT_LIST: usize = 12;
/// How many studies the home page shows.
const HOME_STUDIES: usize = 10;

/// One file of the finished site.
#[derive(Debug)]
pub struct Output {
    /// Relative to the output folder, `/`-separated (`cities/phuket/index.html`).
    pub path: String,
    pub body: Body,
}

#[derive(Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    /// A file copied as it is (bundle images, theme static files).
    Copy(PathBuf),
    Static(&'static [u8]),
}

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

struct Ctx<'g> {
    g: &'g SiteGraph,
    cards: Vec<StudyCard<'g>>,
}

impl<'g> Ctx<'g> {
    fn absolute(&self, url: &str) -> String {
        let base_path = &self.g.config.base_path;
        let rel = url.strip_prefix(base_path.as_str()).unwrap_or(url);
        format!("{}{}", self.g.config.base_url, rel)
    }

    fn file_of(&self, url: &str) -> String {
        let rel = url
            .strip_prefix(self.g.config.base_path.as_str())
            .unwrap_or(url);
        format!("{rel}index.html")
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.g.config.base_path)
    }

    fn meta(&self, title: String, description: &str, url: &str, kind: &'static str) -> PageMeta {
        PageMeta {
            title,
            description: description.to_string(),
            canonical: self.absolute(url),
            kind,
        }
    }

    fn cards(&self, ids: impl IntoIterator<Item = StudyId>) -> Vec<&StudyCard<'g>> {
        ids.into_iter().map(|s| &self.cards[s]).collect()
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

/// Every page kind casebook writes; rendering runs over these in parallel.
#[derive(Clone, Copy)]
enum Job {
    Home,
    StudyList(usize),
    Study(StudyId),
    CityList,
    City(CityId),
    CountryList,
    Country(usize),
    TopicList,
    Topic(usize),
    Page(usize),
    Search,
    NotFound,
}

/// Renders every page, feed and data file of the site.
pub fn render(g: &SiteGraph, mut theme: Theme) -> Result<Vec<Output>, Diagnostics> {
    let base = &g.config.base_path;
    let mut nav = vec![
        Link {
            title: "Case studies",
            url: "",
        },
        Link {
            title: "Cities",
            url: "",
        },
        Link {
            title: "Countries",
            url: "",
        },
        Link {
            title: "Topics",
            url: "",
        },
    ];
    let nav_urls = [
        format!("{base}case-studies/"),
        format!("{base}cities/"),
        format!("{base}countries/"),
        format!("{base}topics/"),
    ];
    for (link, url) in nav.iter_mut().zip(nav_urls.iter()) {
        link.url = url;
    }
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

    let cards = g
        .studies
        .iter()
        .map(|s| {
            let city = &g.cities[s.cities[0]];
            StudyCard {
                title: &s.study.title,
                url: &s.url,
                date: s.study.date.long(),
                date_iso: s.study.date.to_string(),
                city: &city.name,
                city_url: &city.url,
                country: &g.countries[s.country].name,
                summary: s
                    .study
                    .summary
                    .as_deref()
                    .unwrap_or(&s.study.doc.first_paragraph),
            }
        })
        .collect();
    let ctx = Ctx { g, cards };

    let list_pages = g.studies.len().div_ceil(g.config.page_size).max(1);
    let mut jobs = vec![
        Job::Home,
        Job::CityList,
        Job::CountryList,
        Job::TopicList,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend((1..=list_pages).map(Job::StudyList));
    jobs.extend((0..g.studies.len()).map(Job::Study));
    jobs.extend((0..g.cities.len()).map(Job::City));
    jobs.extend((0..g.countries.len()).map(Job::Country));
    jobs.extend((0..g.topics.len()).map(Job::Topic));
    jobs.extend((0..g.pages.len()).map(Job::Page));

    let results: Vec<Result<Output, Diagnostic>> = jobs
        .par_iter()
        .map(|&job| render_job(&ctx, &theme, job))
        .collect();
    let mut d = Diagnostics::new();
    let mut outputs = Vec::with_capacity(results.len() + 16);
    for r in results {
        match r {
            Ok(o) => outputs.push(o),
            Err(e) => d.push(e),
        }
    }
    // Only the first template error of each kind is useful; they repeat per page.
    if d.has_errors() {
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<Diagnostic> = d
            .into_iter()
            .filter(|e| seen.insert(e.message.clone()))
            .collect();
        let mut d = Diagnostics::new();
        d.extend(unique);
        return Err(d);
    }
    outputs.extend(data::render_data(g));
    for s in &g.studies {
        if let Some(dir) = &s.study.bundle_dir {
            let out_dir = ctx
                .file_of(&s.url)
                .trim_end_matches("index.html")
                .to_string();
            for asset in &s.study.assets {
                outputs.push(Output {
                    path: format!("{out_dir}{}", asset.to_string_lossy().replace('\\', "/")),
                    body: Body::Copy(g.root.join(dir).join(asset)),
                });
            }
        }
    }
    for (path, file) in &theme.statics {
        outputs.push(Output {
            path: path.clone(),
            body: match file {
                StaticFile::Embedded(b) => Body::Static(b),
                StaticFile::Disk(p) => Body::Copy(p.clone()),
            },
        });
    }
    Ok(outputs)
}

fn render_job(ctx: &Ctx, theme: &Theme, job: Job) -> Result<Output, Diagnostic> {
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
            c.insert("latest", &ctx.cards(0..g.studies.len().min(HOME_STUDIES)));
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
        Job::Country(k) => {
            let country = &g.countries[k];
            let cities: Vec<_> = country
                .cities
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
            c.insert(
                "page",
                &ctx.meta(country.name.clone(), &description, &country.url, "country"),
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
            c.insert("studies", &ctx.cards(country.studies.iter().copied()));
            ("country.html", ctx.file_of(&country.url))
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
        Job::Topic(t) => {
            let topic = &g.topics[t];
            let description = format!("{} case studies about {}", topic.studies.len(), topic.name);
            c.insert(
                "page",
                &ctx.meta(topic.name.clone(), &description, &topic.url, "topic"),
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
            c.insert("studies", &ctx.cards(topic.studies.iter().copied()));
            c.insert("cities", &ctx.city_links(topic.cities.iter().copied()));
            ("topic.html", ctx.file_of(&topic.url))
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
            ("page.html", ctx.file_of(&node.url))
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
    match theme.tera.render(template, &c) {
        Ok(html) => Ok(Output {
            path,
            body: Body::Bytes(html.into_bytes()),
        }),
        Err(e) => Err(Diagnostic::error(
            PathBuf::from("themes")
                .join(&g.config.theme)
                .join("templates")
                .join(template),
            format!(
                "the template failed while rendering `{path}`:\n{}",
                theme::error_chain(&e)
            ),
        )
        .with_hint("check the variable names the template uses against docs/themes.md")),
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
    newer_url: Option<String>,
    older_url: Option<String>,
    pages: Vec<PagerItem>,
}

#[derive(Serialize)]
struct PagerItem {
    number: usize,
    url: String,
    current: bool,
}

fn render_study_list(ctx: &Ctx, c: &mut tera::Context, n: usize) -> (&'static str, String) {
    let g = ctx.g;
    let size = g.config.page_size;
    let total = g.studies.len().div_ceil(size).max(1);
    let page_url = |k: usize| {
        if k == 1 {
            ctx.url("case-studies/")
        } else {
            ctx.url(&format!("case-studies/page/{k}/"))
        }
    };
    let url = page_url(n);
    let start = (n - 1) * size;
    let ids = start..(start + size).min(g.studies.len());
    let title = if n == 1 {
        "Case studies".to_string()
    } else {
        format!("Case studies, page {n} of {total}")
    };
    c.insert(
        "page",
        &ctx.meta(
            title,
            &format!("All {} case studies, newest first", g.studies.len()),
            &url,
            "case-studies",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert("studies", &ctx.cards(ids));
    c.insert("study_count", &g.studies.len());
    c.insert(
        "pager",
        &Pager {
            current: n,
            total,
            newer_url: (n > 1).then(|| page_url(n - 1)),
            older_url: (n < total).then(|| page_url(n + 1)),
            pages: (1..=total)
                .map(|k| PagerItem {
                    number: k,
                    url: page_url(k),
                    current: k == n,
                })
                .collect(),
        },
    );
    ("case_studies.html", ctx.file_of(&url))
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
        summary: ctx.cards[s].summary,
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
        .filter(|&o| o != s)
        .take(SHORT_LIST)
        .collect();
    c.insert(
        "page",
        &ctx.meta(full_title, ctx.cards[s].summary, &node.url, "case-study"),
    );
    c.insert(
        "breadcrumbs",
        &ctx.crumbs(&[(&country.name, &country.url), (&city.name, &city.url)]),
    );
    c.insert("study", &page);
    c.insert("more_in_city", &ctx.cards(more_in_city));
    c.insert("more_in_city_total", &(city.studies.len() - 1));
    c.insert("related", &ctx.cards(node.related.iter().copied()));
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
    ("case_study.html", ctx.file_of(&node.url))
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
    studies: Vec<&'a StudyCard<'a>>,
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
        studies: ctx.cards(city.studies.iter().copied()),
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
    ("city.html", ctx.file_of(&city.url))
}
