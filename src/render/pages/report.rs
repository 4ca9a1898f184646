//! `/report/`: the coverage report of `casebook report` as a page (`site.yaml` `report: true`),
//! as of the day of the build (`SOURCE_DATE_EPOCH` fixes it).

use crate::graph::{CountryId, Id, SiteGraph, TopicId};
use crate::render::chart::{self, Row};
use crate::render::context::{Ctx, Link};
use crate::render::inputs::{Dep, Inputs};
use crate::report::{coverage, QUIET_YEARS};
use crate::routes::Route;
use crate::text::Date;
use serde::Serialize;

#[derive(Serialize)]
struct Counted<'a> {
    link: Link<'a>,
    studies: usize,
}

#[derive(Serialize)]
struct Quiet<'a> {
    city: Link<'a>,
    country: &'a str,
    last_study: Option<String>,
}

#[derive(Serialize)]
struct Stale<'a> {
    city: Link<'a>,
    fact: String,
    year: Option<u16>,
    limit_years: u16,
}

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context) {
    let g = ctx.g;
    let today = Date::today();
    let report = coverage(g, today, QUIET_YEARS);
    let strings = &ctx.theme.locale;
    let countries: Vec<Counted> = (report.by_country.iter())
        .map(|k| Counted {
            link: ctx.country_link(CountryId::from_index(k.index)),
            studies: k.studies,
        })
        .collect();
    let topics: Vec<Counted> = (report.by_topic.iter())
        .map(|t| Counted {
            link: Link {
                title: &g.topics[TopicId::from_index(t.index)].name,
                url: ctx.url(Route::Topic(TopicId::from_index(t.index), 1)),
            },
            studies: t.studies,
        })
        .collect();
    let quiet: Vec<Quiet> = (report.quiet_cities.iter())
        .map(|q| Quiet {
            city: ctx.city_link(q.id),
            country: &g.countries[g.cities[q.id].country].name,
            last_study: q
                .last_study
                .as_deref()
                .and_then(Date::parse)
                .map(|d| strings.long_date(d)),
        })
        .collect();
    let stale: Vec<Stale> = (report.stale_facts.iter())
        .map(|f| Stale {
            city: ctx.city_link(f.city_id),
            fact: crate::render::facts::label(ctx, &f.fact),
            year: f.year,
            limit_years: f.limit_years,
        })
        .collect();
    let title = ctx.text(crate::theme::Text::ReportTitle).to_string();
    c.insert(
        "page",
        &ctx.meta(
            title,
            ctx.text(crate::theme::Text::ReportDescription),
            Route::Report,
            "report",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert("date", &strings.long_date(today));
    c.insert("studies", &report.studies);
    c.insert("cities", &report.cities);
    c.insert("by_country", &countries);
    c.insert("by_topic", &topics);
    c.insert("by_year", &report.by_year);
    c.insert("quiet_years", &report.quiet_years);
    c.insert("quiet_cities", &quiet);
    c.insert("stale_facts", &stale);
    c.insert("translations", &report.translations);
    charts(ctx, &report, c);
}

/// A chart of each count table: the largest countries and topics, every year, and each
/// language's translations by their state (current, out of date, not stamped, missing).
fn charts(ctx: &Ctx, report: &crate::report::Coverage, c: &mut tera::Context) {
    let number = |n| ctx.theme.locale.whole_number(n);
    let counted = |rows: &[crate::report::Count]| {
        let rows = (rows.iter())
            .map(|r| Row {
                label: &r.name,
                counts: vec![r.studies],
            })
            .collect();
        chart::bars(rows, chart::MOST_ROWS, number)
    };
    c.insert("country_chart", &counted(&report.by_country));
    c.insert("topic_chart", &counted(&report.by_topic));
    let years: Vec<String> = report.by_year.iter().map(|y| y.year.to_string()).collect();
    let year_rows = (report.by_year.iter().zip(&years))
        .map(|(y, label)| Row {
            label,
            counts: vec![y.studies],
        })
        .collect();
    c.insert("year_chart", &chart::bars(year_rows, usize::MAX, number));
    let language_rows = (report.translations.iter())
        .map(|l| Row {
            label: &l.name,
            counts: vec![l.current, l.outdated, l.unstamped, l.missing],
        })
        .collect();
    c.insert(
        "translation_chart",
        &chart::bars(language_rows, usize::MAX, number),
    );
}

/// Every study's date, country and topics, every city and its facts.
pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs) {
    i.chrome(g);
    i.number(usize::from(Date::today().year));
    for s in g.studies.ids() {
        i.push(Dep::StudyFacts(s));
    }
    for (id, city) in g.cities.enumerate() {
        i.push(Dep::CityName(id));
        if city.profile.is_some() {
            i.push(Dep::CityProfile(id));
        }
    }
    for k in g.countries.ids() {
        i.push(Dep::CountryName(k));
    }
    for t in g.topics.ids() {
        i.push(Dep::TopicName(t));
    }
}
