//! `casebook report`: how well the site covers its ground. Studies by country, topic and year;
//! cities with no study for some years; facts past their `freshness` limit. Printed as text or
//! JSON, and (with `site.yaml` `report: true`) published as a page of the site.

use crate::freshness::stale_facts;
use crate::graph::{CityId, SiteGraph};
use crate::text::Date;
use serde::Serialize;

/// Cities count as quiet after this many years without a study (`report --years N`).
pub const QUIET_YEARS: u16 = 5;

#[derive(Debug, Serialize)]
pub struct Coverage {
    /// The day the report was made (`SOURCE_DATE_EPOCH`, or today).
    pub date: String,
    pub studies: usize,
    pub cities: usize,
    /// Most studies first (then by name).
    pub by_country: Vec<Count>,
    pub by_topic: Vec<Count>,
    /// By year, oldest first.
    pub by_year: Vec<YearCount>,
    pub quiet_years: u16,
    /// Cities whose newest study is older than `quiet_years`, or that have none; the longest
    /// quiet first.
    pub quiet_cities: Vec<QuietCity>,
    pub stale_facts: Vec<StaleFactRow>,
    /// On a site in several languages: how many items each language has a current, outdated,
    /// unstamped or no translation of.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<LanguageCoverage>,
}

#[derive(Debug, Serialize)]
pub struct LanguageCoverage {
    pub language: String,
    /// The language's name in itself.
    pub name: String,
    pub current: usize,
    pub outdated: usize,
    pub unstamped: usize,
    pub missing: usize,
}

#[derive(Debug, Serialize)]
pub struct Count {
    /// The country's or topic's id (its position), for links on the report page.
    #[serde(skip)]
    pub index: usize,
    pub name: String,
    pub slug: String,
    pub studies: usize,
}

#[derive(Debug, Serialize)]
pub struct YearCount {
    pub year: u16,
    pub studies: usize,
}

#[derive(Debug, Serialize)]
pub struct QuietCity {
    #[serde(skip)]
    pub id: CityId,
    pub name: String,
    pub slug: String,
    pub country: String,
    /// The date of its newest study; none for a city only mentioned or profiled.
    pub last_study: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StaleFactRow {
    #[serde(skip)]
    pub city_id: CityId,
    pub city: String,
    pub fact: String,
    /// The year the value held; none when it has none.
    pub year: Option<u16>,
    pub limit_years: u16,
    /// `content/cities/x.md:7`: where to update it.
    pub at: String,
}

/// The coverage of `g` on `today`.
pub fn coverage(g: &SiteGraph, today: Date, quiet_years: u16) -> Coverage {
    let counted = |items: Vec<(&str, &str, usize)>| {
        let mut counts: Vec<Count> = items
            .into_iter()
            .enumerate()
            .map(|(index, (name, slug, studies))| Count {
                index,
                name: name.to_string(),
                slug: slug.to_string(),
                studies,
            })
            .collect();
        counts.sort_by(|a, b| b.studies.cmp(&a.studies).then(a.name.cmp(&b.name)));
        counts
    };
    let mut by_year: Vec<YearCount> = Vec::new();
    for s in g.studies.iter() {
        let year = s.study.date.year;
        match by_year.iter_mut().find(|y| y.year == year) {
            Some(y) => y.studies += 1,
            None => by_year.push(YearCount { year, studies: 1 }),
        }
    }
    by_year.sort_by_key(|y| y.year);
    let mut quiet: Vec<(Option<Date>, QuietCity)> = g
        .cities
        .enumerate()
        .filter_map(|(id, c)| {
            // Studies are newest first.
            let last = c.studies.first().map(|&s| g.studies[s].study.date);
            let quiet = last.is_none_or(|d| today.year.saturating_sub(d.year) >= quiet_years);
            quiet.then(|| {
                (
                    last,
                    QuietCity {
                        id,
                        name: c.name.clone(),
                        slug: c.slug.clone(),
                        country: g.countries[c.country].name.clone(),
                        last_study: last.map(|d| d.to_string()),
                    },
                )
            })
        })
        .collect();
    quiet.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name.cmp(&b.1.name)));
    Coverage {
        date: today.to_string(),
        studies: g.studies.len(),
        cities: g.cities.len(),
        by_country: counted(
            (g.countries.iter())
                .map(|k| (k.name.as_str(), k.slug.as_str(), k.studies.len()))
                .collect(),
        ),
        by_topic: counted(
            (g.topics.iter())
                .map(|t| (t.name.as_str(), t.slug.as_str(), t.studies.len()))
                .collect(),
        ),
        by_year,
        quiet_years,
        quiet_cities: quiet.into_iter().map(|(_, c)| c).collect(),
        stale_facts: stale_facts(g, today)
            .into_iter()
            .map(|f| StaleFactRow {
                city_id: f.city,
                city: g.cities[f.city].name.clone(),
                fact: f.key,
                year: f.year,
                limit_years: f.limit_years,
                at: format!("{}:{}", f.file.display(), f.pos.line),
            })
            .collect(),
        translations: translation_coverage(g),
    }
}

/// Per language other than the default, how its translations stand.
fn translation_coverage(g: &SiteGraph) -> Vec<LanguageCoverage> {
    let entries = crate::translations::entries(g);
    g.config
        .languages
        .iter()
        .map(|l| {
            let code = l.language.code.as_str();
            let count = |status: &str| {
                entries
                    .iter()
                    .filter(|e| e.language == code && e.status == status)
                    .count()
            };
            LanguageCoverage {
                language: code.to_string(),
                name: l.name.clone(),
                current: count("current"),
                outdated: count("outdated"),
                unstamped: count("unstamped"),
                missing: count("missing"),
            }
        })
        .filter(|c| c.current + c.outdated + c.unstamped + c.missing > 0)
        .collect()
}

impl Coverage {
    /// The report as text for a terminal.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "Coverage on {}: {} case studies, {} cities.\n",
            self.date, self.studies, self.cities
        );
        let table = |out: &mut String, title: &str, rows: Vec<(String, usize)>| {
            out.push_str(&format!("\n{title}\n"));
            let width = rows
                .iter()
                .map(|(n, _)| n.chars().count())
                .max()
                .unwrap_or(0);
            for (name, n) in rows {
                let pad = width - name.chars().count();
                out.push_str(&format!("  {name}{}  {n:>6}\n", " ".repeat(pad)));
            }
        };
        let counts = |c: &[Count]| c.iter().map(|c| (c.name.clone(), c.studies)).collect();
        table(&mut out, "Studies by country", counts(&self.by_country));
        table(&mut out, "Studies by topic", counts(&self.by_topic));
        table(
            &mut out,
            "Studies by year",
            self.by_year
                .iter()
                .map(|y| (y.year.to_string(), y.studies))
                .collect(),
        );
        out.push_str(&format!(
            "\nCities with no study for {} years or more: {}\n",
            self.quiet_years,
            self.quiet_cities.len()
        ));
        for c in &self.quiet_cities {
            let last = c.last_study.as_deref().unwrap_or("no study");
            out.push_str(&format!("  {}, {} (last: {last})\n", c.name, c.country));
        }
        out.push_str(&format!(
            "\nFacts past their freshness limit: {}\n",
            self.stale_facts.len()
        ));
        for f in &self.stale_facts {
            let year = f
                .year
                .map_or_else(|| "no year".to_string(), |y| y.to_string());
            out.push_str(&format!(
                "  {}: {} ({year}, limit {} years) at {}\n",
                f.city, f.fact, f.limit_years, f.at
            ));
        }
        if !self.translations.is_empty() {
            out.push_str("\nTranslations (current, outdated, unstamped, missing)\n");
            for t in &self.translations {
                out.push_str(&format!(
                    "  {} ({}): {}, {}, {}, {}\n",
                    t.name, t.language, t.current, t.outdated, t.unstamped, t.missing
                ));
            }
        }
        out
    }
}
