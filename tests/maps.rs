//! Static maps: the shared outline (valid SVG, every point on the map, no streak across it), dots
//! where the coordinates say (checked against the Equal Earth formulas written out here again),
//! each a link to its city with an accessible name, cities without coordinates listed beside the
//! map and noted by `check`, a locator on city pages and a country's cities on its page.

mod common;

use common::{site, study};

const SITE: &str = "-- site.yaml --
title: Maps
base_url: https://example.org/sub/
-- content/cities/khon-kaen.md --
---
name: Khon Kaen
country: Thailand
coordinates: {lat: 16.43, lon: 102.83}
---
A city.
-- content/cities/phuket.md --
---
name: Phuket
country: Thailand
coordinates: {lat: 7.88, lon: 98.39}
---
A city.
-- content/cities/suva.md --
---
name: Suva
country: Fiji
coordinates: {lat: -18.14, lon: 178.44}
---
Near the date line.
-- content/cities/nowhere.md --
---
name: Nowhere
country: Thailand
---
No coordinates.
";

fn maps_site() -> common::Site {
    site(&format!(
        "{SITE}{}{}",
        study("a.md", "title: A\ndate: 2023-01-01\ncity: Khon Kaen", "A."),
        study("b.md", "title: B\ndate: 2023-01-02\ncity: Suva", "B."),
    ))
}

/// Equal Earth (Šavrič, Patterson, Jenny 2018) on a map 1000 units wide, y down.
fn project(lat: f64, lon: f64) -> (f64, f64) {
    let (a1, a2, a3, a4) = (1.340264, -0.081106, 0.000893, 0.003796);
    let m = 3f64.sqrt() / 2.0;
    let raw = |lat: f64, lon: f64| {
        let theta = (m * lat.to_radians().sin()).asin();
        let (t2, t6) = (theta * theta, theta.powi(6));
        (
            lon.to_radians() * theta.cos()
                / (m * (a1 + 3.0 * a2 * t2 + t6 * (7.0 * a3 + 9.0 * a4 * t2))),
            theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2)),
        )
    };
    let (x_max, y_max) = (raw(0.0, 180.0).0, raw(90.0, 0.0).1);
    let scale = 500.0 / x_max;
    let (x, y) = raw(lat, lon);
    (500.0 + x * scale, y_max * scale - y * scale)
}

/// The dots of the map on `page`: (label, href, cx, cy).
fn dots(page: &common::Page) -> Vec<(String, String, f64, f64)> {
    let sel = scraper::Selector::parse("figure.map svg a").expect("selector");
    let circle = scraper::Selector::parse("circle").expect("selector");
    page.0
        .select(&sel)
        .map(|a| {
            let c = a.select(&circle).next().expect("a dot");
            let num = |n: &str| c.value().attr(n).expect(n).parse::<f64>().expect("number");
            (
                a.value().attr("aria-label").unwrap_or_default().to_string(),
                a.value().attr("href").unwrap_or_default().to_string(),
                num("cx"),
                num("cy"),
            )
        })
        .collect()
}

#[test]
fn the_shared_outline_is_valid_svg_without_streaks() {
    let s = maps_site();
    s.build_ok();
    let text = s.read("cities/map.svg");
    let svg = roxmltree::Document::parse(&text).expect("map.svg is XML");
    let root = svg.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let view: Vec<f64> = (root.attribute("viewBox").expect("viewBox").split(' '))
        .map(|v| v.parse().expect("number"))
        .collect();
    assert_eq!(view[..3], [0.0, 0.0, 1000.0]);
    let height = view[3];
    assert!((height - project(-90.0, 0.0).1).abs() < 0.1, "{height}");
    let land = svg
        .descendants()
        .find(|n| n.attribute("class") == Some("land"))
        .and_then(|n| n.attribute("d"))
        .expect("the land path");
    let mut rings = 0;
    let mut points = 0;
    for ring in land.split('M').filter(|r| !r.is_empty()) {
        rings += 1;
        let coords: Vec<(f64, f64)> = ring
            .trim_end_matches('Z')
            .split('L')
            .map(|p| {
                let (x, y) = p.split_once(',').expect("x,y");
                (x.parse().expect("x"), y.parse().expect("y"))
            })
            .collect();
        for &(x, y) in &coords {
            assert!(x.is_finite() && y.is_finite());
            assert!((-0.1..=1000.1).contains(&x) && (-0.1..=height + 0.1).contains(&y));
        }
        // No segment jumps across the map (a ring crossing the date line would).
        for w in coords.windows(2) {
            assert!(
                (w[0].0 - w[1].0).abs() < 100.0,
                "a streak from {:?} to {:?}",
                w[0],
                w[1]
            );
        }
        points += coords.len();
    }
    assert!(
        rings > 100 && points > 5000,
        "{rings} rings, {points} points"
    );
    // Pages refer to the outline; they do not repeat it.
    let cities = s.read("cities/index.html");
    assert!(cities.contains("<image href=\"/sub/cities/map.svg\""));
    assert!(cities.len() < text.len() / 2);
}

#[test]
fn dots_are_where_the_coordinates_say_and_lead_to_their_cities() {
    let s = maps_site();
    s.build_ok();
    let page = s.html("cities/index.html");
    let found = dots(&page);
    let expected = [
        (
            "Khon Kaen, Thailand",
            "/sub/cities/khon-kaen/",
            16.43,
            102.83,
        ),
        ("Phuket, Thailand", "/sub/cities/phuket/", 7.88, 98.39),
        ("Suva, Fiji", "/sub/cities/suva/", -18.14, 178.44),
    ];
    assert_eq!(found.len(), 3, "{found:?}");
    for (label, href, lat, lon) in expected {
        let dot = found.iter().find(|d| d.0 == label).expect(label);
        assert_eq!(dot.1, href);
        let (x, y) = project(lat, lon);
        assert!(
            (dot.2 - x).abs() < 0.06 && (dot.3 - y).abs() < 0.06,
            "{label}: {dot:?}, expected ({x}, {y})"
        );
    }
    // The world map shows the whole outline.
    assert_eq!(
        page.attrs("figure.map svg", "viewBox")[0]
            .split(' ')
            .take(3)
            .collect::<Vec<_>>(),
        ["0.0", "0.0", "1000.0"]
    );
    // The city without coordinates is named beside the map, as a link.
    assert!(page
        .links("figure.map figcaption a")
        .contains(&("Nowhere".into(), "/sub/cities/nowhere/".into())));
    // The map is named by its caption.
    assert_eq!(
        page.attrs("figure.map svg", "aria-labelledby"),
        vec!["map-caption"]
    );
    assert!(page.text("#map-caption").starts_with("Where the 3 cities"));
}

#[test]
fn city_and_country_pages_show_their_own_map() {
    let s = maps_site();
    s.build_ok();
    // A city: one dot, inside a window around it.
    let city = s.html("cities/suva/index.html");
    let found = dots(&city);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "Suva, Fiji");
    let view: Vec<f64> = city.attrs("figure.map svg", "viewBox")[0]
        .split(' ')
        .map(|v| v.parse().expect("number"))
        .collect();
    assert!(view[2] < 300.0, "a window, not the world: {view:?}");
    assert!(view[0] <= found[0].2 && found[0].2 <= view[0] + view[2]);
    assert!(view[1] <= found[0].3 && found[0].3 <= view[1] + view[3]);
    assert!(
        view[0] + view[2] <= 1000.0 + 1e-6,
        "the window stays on the map near the date line"
    );
    // A city without coordinates has no map.
    assert_eq!(s.html("cities/nowhere/index.html").count("figure.map"), 0);
    // A country: its cities with coordinates, the others named.
    let country = s.html("countries/thailand/index.html");
    let mut labels: Vec<String> = dots(&country).into_iter().map(|d| d.0).collect();
    labels.sort();
    assert_eq!(labels, ["Khon Kaen, Thailand", "Phuket, Thailand"]);
    assert!(country.text("figure.map figcaption").contains("Nowhere"));
}

#[test]
fn check_notes_cities_without_coordinates() {
    let s = maps_site();
    let notes = s.advice("no-coordinates");
    assert_eq!(
        notes,
        ["content/cities/nowhere.md:2 Nowhere has no coordinates: the maps list it beside them instead"]
    );
}
