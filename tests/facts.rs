//! Fast facts as data: both written forms (a plain value, and `{value, year, source, url}`), the
//! derived population density, which source a city's page takes each fact from ("as of"),
//! freshness warnings at the value's line, and bad provenance as errors at their line.

mod common;

use common::{find, site, study};

const CITY: &str = "-- content/cities/khon-kaen.md --
---
name: Khon Kaen
country: Thailand
fast_facts:
  population: {value: 150000, year: 2024, source: Census office, url: 'https://example.org/census'}
  mayor: A profile mayor
  founded: 1797
---
Profile.
";

fn fact_site(extra_config: &str) -> common::Site {
    site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n{extra_config}\n{CITY}{}{}{}",
        study(
            "old.md",
            "title: Old\ndate: 2015-03-01\ncity: Khon Kaen\nfast_facts:\n  population: 120000\n  area_km2: 46\n  mayor: An old mayor",
            "Old."
        ),
        study(
            "new.md",
            "title: New\ndate: 2023-07-05\ncity: Khon Kaen\nfast_facts:\n  population: {value: 147579, year: 2020, source: National Statistical Office}\n  mayor: Thirasak Thikhayuphan",
            "New."
        ),
        study(
            "rural.md",
            "title: Rural\ndate: 2022-01-01\ncity: Ban Rai\ncountry: Thailand\nfast_facts:\n  population: 1234\n  area_km2: 370.5",
            "Rural."
        ),
    ))
}

#[test]
fn both_forms_show_on_the_study_page() {
    let s = fact_site("");
    s.build_ok();
    let new = s.html("case-studies/new/index.html");
    // With its year and source: "147,579 (2020)" and the source named.
    assert_eq!(new.text(".fact-population dd"), "147,579 (2020)");
    assert_eq!(
        new.text(".fact-population .fact-note"),
        "Source: National Statistical Office"
    );
    // A plain value is as before: no year, no source.
    let old = s.html("case-studies/old/index.html");
    assert_eq!(old.text(".fact-population dd"), "120,000");
    assert_eq!(old.count(".fact-population .fact-note"), 0);
    // No "as of" on a study's own page: its facts are its own.
    assert_eq!(old.count(".as-of"), 0);
}

#[test]
fn density_is_derived_with_the_unit_and_rounding_a_reader_expects() {
    let s = fact_site("");
    s.build_ok();
    let old = s.html("case-studies/old/index.html");
    // 120,000 / 46 = 2,608.7: whole people, after the area, marked as calculated.
    assert_eq!(
        old.texts(".fast-facts dt"),
        vec!["Population", "Area", "Population density", "Mayor"]
    );
    assert_eq!(old.text(".fact-density dd"), "2,609 people per km²");
    assert_eq!(
        old.text(".fact-density .fact-note"),
        "calculated from the population and area"
    );
    // 1,234 / 370.5 = 3.33: one decimal below ten.
    let rural = s.html("case-studies/rural/index.html");
    assert_eq!(rural.text(".fact-density dd"), "3.3 people per km²");
    // Without an area there is nothing to derive.
    let new = s.html("case-studies/new/index.html");
    assert_eq!(new.count(".fact-density"), 0);
}

#[test]
fn a_city_shows_each_fact_from_its_newest_dated_source() {
    let s = fact_site("");
    s.build_ok();
    let city = s.html("cities/khon-kaen/index.html");
    // Population: the profile's 2024 value beats the new study's 2020 one and the old study's
    // (dated 2015 by its study).
    assert_eq!(city.text(".fact-population dd"), "150,000 (2024)");
    let notes = city.texts(".fact-population .fact-note");
    assert_eq!(notes, vec!["Source: Census office", "as of 2024"]);
    assert_eq!(
        city.links(".fact-population .fact-note a"),
        vec![("Census office".into(), "https://example.org/census".into())]
    );
    // Mayor: the newest study's (quoted there without a year) beats the old study's and the
    // profile's undated one, and says which study quotes it, and when.
    assert_eq!(city.text(".fact-mayor dd"), "Thirasak Thikhayuphan");
    assert_eq!(
        city.text(".fact-mayor .fact-note"),
        "quoted in New (July 2023)"
    );
    assert_eq!(
        city.links(".fact-mayor .fact-note a"),
        vec![("New".into(), "/case-studies/new/".into())]
    );
    // Area: only the old study has it.
    assert_eq!(
        city.text(".fact-area_km2 .fact-note"),
        "quoted in Old (March 2015)"
    );
    // A fact only the profile has, plain: shown without a date.
    assert_eq!(city.text(".fact-founded dd"), "1797");
    assert_eq!(city.count(".fact-founded .fact-note"), 0);
    // The density uses the chosen population (150,000) and area (46), as of the population.
    assert_eq!(city.text(".fact-density dd"), "3,261 people per km² (2024)");

    // The open data says the same, with the provenance kept.
    let cities: serde_json::Value =
        serde_json::from_str(&s.read("data/cities.json")).expect("JSON");
    let kk = cities["cities"]
        .as_array()
        .expect("cities")
        .iter()
        .find(|c| c["slug"] == "khon-kaen")
        .expect("Khon Kaen");
    assert_eq!(kk["fast_facts"]["population"]["value"], 150000);
    assert_eq!(kk["fast_facts"]["population"]["year"], 2024);
    assert_eq!(kk["fast_facts"]["population"]["source"], "Census office");
    assert_eq!(kk["fast_facts"]["mayor"], "Thirasak Thikhayuphan");
    assert_eq!(kk["fast_facts_as_of"]["population"], "2024");
    assert_eq!(kk["fast_facts_as_of"]["mayor"], "2023-07-05");
    assert_eq!(kk["fast_facts_from"]["mayor"], "new");
    assert!(kk["fast_facts_from"].get("population").is_none());
    let studies: serde_json::Value =
        serde_json::from_str(&s.read("data/case-studies.json")).expect("JSON");
    let new = studies["studies"]
        .as_array()
        .expect("studies")
        .iter()
        .find(|x| x["slug"] == "new")
        .expect("new");
    assert_eq!(
        new["fast_facts"]["population"],
        serde_json::json!({"value": 147579, "year": 2020, "source": "National Statistical Office"})
    );
}

#[test]
fn check_warns_about_facts_past_their_freshness_at_their_line() {
    let s = fact_site(
        "freshness:\n  population: 10 years\n  mayor: 2 years\n  area_km2: 5\n  founded: 100 years",
    );
    s.build_ok();
    std::env::set_var("SOURCE_DATE_EPOCH", "1795000000"); // 2026-11-18
    let stale = s.advice("stale-fact");
    assert_eq!(
        stale,
        vec![
            // The profile's 2024 population is fresh; the mayor (2023) is older than 2 years,
            // at the line of the newest study that gives it.
            "content/case-studies/new.md:7 `mayor` of Khon Kaen is from 2023, older than the 2 years site.yaml `freshness` allows",
            // The area comes from the 2015 study: older than 5 years.
            "content/case-studies/old.md:7 `area_km2` of Khon Kaen is from 2015, older than the 5 years site.yaml `freshness` allows",
            // A plain value in a profile has no year at all.
            "content/cities/khon-kaen.md:7 `founded` of Khon Kaen has no year, and site.yaml `freshness` allows 100 years",
        ]
    );
    // Ban Rai's facts (2022) are within their limits, except the area (5 years: 2022 is fine).
    assert!(!stale.iter().any(|w| w.contains("Ban Rai")), "{stale:?}");
}

#[test]
fn bad_provenance_and_freshness_are_errors_at_their_line() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nfreshness:\n  population: soon\n{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\nfast_facts:\n  population: {value: 10, year: twenty, source: S}\n  mayor: {value: M, url: ftp://x, by: me}\n  budget: {year: 2020}",
            "Body."
        )
    ));
    let diags = s.build_err();
    let year = find(&diags, "the `year` of a fact must be a year");
    assert_eq!(year.position.map(|p| p.line), Some(7));
    let url = find(
        &diags,
        "the `url` of a fact must be an absolute http(s) URL",
    );
    assert_eq!(url.position.map(|p| p.line), Some(8));
    let unknown = find(&diags, "unknown key `by` in a fast fact");
    assert_eq!(unknown.position.map(|p| p.line), Some(8));
    let no_value = find(
        &diags,
        "a fast fact must be text, a number or a list, or a map with `value`",
    );
    assert_eq!(no_value.position.map(|p| p.line), Some(9));
    let freshness = find(
        &diags,
        "the freshness of `population` must be a number of years",
    );
    assert_eq!(freshness.file, std::path::Path::new("site.yaml"));
    assert_eq!(freshness.position.map(|p| p.line), Some(4));
}

#[test]
fn the_comparison_table_lists_every_city_with_units_years_and_sources() {
    let s = fact_site("");
    s.build_ok(); // every link of the table leads somewhere
    let p = s.html("cities/compare/index.html");
    assert_eq!(p.text("h1"), "Compare cities");
    assert_eq!(
        p.texts("table.compare thead th"),
        vec![
            "City",
            "Country",
            "Population",
            "Area (km²)",
            "Population density (people per km²)",
            "Mayor",
            "Founded"
        ]
    );
    assert_eq!(
        p.attrs("table.compare thead th", "data-type"),
        vec!["text", "text", "number", "number", "number", "text", "number"]
    );
    // One row per city, by name.
    assert_eq!(
        p.texts("table.compare tbody th"),
        vec!["Ban Rai", "Khon Kaen"]
    );
    let rows: Vec<Vec<String>> = (1..=2)
        .map(|n| p.texts(&format!("table.compare tbody tr:nth-child({n}) td")))
        .collect();
    // Khon Kaen: the population with its year and source (a link), the mayor from the study
    // it comes from, the derived density; the sort keys are the numbers.
    assert_eq!(rows[1][0], "Thailand");
    assert_eq!(rows[1][1], "150,000 (2024)Census office");
    assert_eq!(rows[1][2], "46 (2015)from a case study");
    assert_eq!(rows[1][3], "3,261");
    assert_eq!(rows[1][4], "Thirasak Thikhayuphan (2023)from a case study");
    assert_eq!(
        p.attrs("table.compare tbody tr:nth-child(2) td", "data-sort")[1..],
        ["150000", "46", "3261", "thirasak thikhayuphan", "1797"]
    );
    assert_eq!(
        p.links("table.compare tbody tr:nth-child(2) td:nth-of-type(2) a"),
        vec![("Census office".into(), "https://example.org/census".into())]
    );
    assert_eq!(
        p.links("table.compare tbody tr:nth-child(2) td:nth-of-type(5) a"),
        vec![("from a case study".into(), "/case-studies/new/".into())]
    );
    // Ban Rai has no mayor: an empty cell (sorted last by the script).
    assert_eq!(rows[0][4], "");
    assert_eq!(rows[0][3], "3.3");
    // The table scrolls in its own box, which a keyboard can reach; the list of cities links it.
    assert_eq!(p.attrs(".compare-wrap", "tabindex"), vec!["0"]);
    let cities = s.html("cities/index.html");
    assert!(cities.links("main a").contains(&(
        "Compare the cities' fast facts in one table".into(),
        "/cities/compare/".into()
    )));
}

/// A fact key that is a slip for a standard one (`mayr`) is warned of at its line with the near
/// key; facts of the site's own (`population_density`, a key labelled in site.yaml) are not.
#[test]
fn a_misspelt_fact_key_is_warned_of_with_the_standard_one() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nfast_facts:\n  labels:\n    populaton: Population (as the city writes it)\n{}",
        study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: Khon Kaen\ncountry: Thailand\nfast_facts:\n  mayr: Thirasak Thikhayuphan\n  population_density: 3200\n  populaton: 5",
            "Text."
        )
    ));
    let report = s.build_ok();
    let d = find(
        &report.diagnostics,
        "the fast fact `mayr` is not a standard one",
    );
    assert!(!d.is_error());
    assert_eq!(d.code, "unknown-key");
    assert_eq!(d.position.map(|p| p.line), Some(7));
    assert!(d.message.contains("did you mean `mayor`?"), "{}", d.message);
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("is not a standard one"))
            .count(),
        1,
        "{:?}",
        report.diagnostics
    );
    // It is still shown, as a fact of the site's own.
    let page = s.html("case-studies/a/index.html");
    assert!(page.text("main").contains("Thirasak Thikhayuphan"));
}

/// A value written with its year and source beats a value a newer study only quotes (no year of
/// its own): the city shows "147,579 (2020)" with its source, and `check` still warns when that
/// year is past the freshness limit. A quoted value says "quoted in <study> (July 2023)".
#[test]
fn an_explicit_year_beats_a_year_inferred_from_a_studys_date() {
    let s = site(&format!(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nfreshness:\n  population: 3 years\n-- content/cities/khon-kaen.md --\n---\nname: Khon Kaen\ncountry: Thailand\nfast_facts:\n  population: {{value: 147579, year: 2020, source: National Statistical Office}}\n---\nProfile.\n{}",
        study(
            "awareness.md",
            "title: Citizen Awareness\ndate: 2023-07-05\ncity: Khon Kaen\nfast_facts:\n  population: 147579\n  mayor: Thirasak Thikhayuphan",
            "Text."
        )
    ));
    s.build_ok();
    let city = s.html("cities/khon-kaen/index.html");
    assert_eq!(city.text(".fact-population dd"), "147,579 (2020)");
    assert_eq!(
        city.texts(".fact-population .fact-note"),
        vec!["Source: National Statistical Office", "as of 2020"]
    );
    assert_eq!(
        city.text(".fact-mayor .fact-note"),
        "quoted in Citizen Awareness (July 2023)"
    );
    std::env::set_var("SOURCE_DATE_EPOCH", "1795000000"); // 2026-11-18
    let stale = s.advice("stale-fact");
    assert_eq!(
        stale,
        vec!["content/cities/khon-kaen.md:5 `population` of Khon Kaen is from 2020, older than the 3 years site.yaml `freshness` allows"]
    );
}
