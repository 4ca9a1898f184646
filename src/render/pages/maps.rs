//! The maps of pages (see `render/map.rs`): the world with every city on the list of cities, a
//! locator on a city's page, a country's cities on its page. Each dot links to its city and is
//! named; cities without coordinates are listed beside the map.

use crate::graph::{CityId, SiteGraph};
use crate::render::context::{Ctx, Link};
use crate::render::inputs::{Dep, Inputs};
use crate::render::map::{height, project, Window, WIDTH};
use crate::routes::{DataFile, Route};
use serde::Serialize;
use std::borrow::Cow;

/// How much of the map a city's or a country's map shows at least (in map units of 1000 wide).
pub(super) const CITY_WINDOW: f64 = 140.0;
pub(super) const COUNTRY_WINDOW: f64 = 110.0;

#[derive(Serialize)]
pub(super) struct MapView<'a> {
    /// The shared outline (`cities/map.svg`).
    outline: Cow<'a, str>,
    view_box: String,
    /// The whole outline's size, where the shared outline is drawn.
    width: f64,
    height: f64,
    /// The dots' radius, in map units.
    r: String,
    dots: Vec<Dot<'a>>,
    /// Cities of this map without coordinates.
    unmapped: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct Dot<'a> {
    url: Cow<'a, str>,
    label: String,
    x: String,
    y: String,
}

/// Where a city is, if its profile says.
pub(super) fn coordinates(g: &SiteGraph, c: CityId) -> Option<(f64, f64)> {
    g.cities[c].profile.as_ref().and_then(|p| p.coordinates)
}

/// A map of `cities`: the whole world (`min_width` none) or a window around them. None when no
/// city has coordinates and the map would show nothing.
pub(super) fn map_of<'a>(
    ctx: &'a Ctx,
    cities: impl Iterator<Item = CityId>,
    min_width: Option<f64>,
) -> Option<MapView<'a>> {
    let g = ctx.g;
    let mut dots = Vec::new();
    let mut points = Vec::new();
    let mut unmapped = Vec::new();
    for c in cities {
        match coordinates(g, c) {
            Some((lat, lon)) => {
                let (x, y) = project(lat, lon);
                points.push((x, y));
                let city = &g.cities[c];
                dots.push(Dot {
                    url: ctx.url(Route::City(c)),
                    label: format!("{}, {}", city.name, g.countries[city.country].name),
                    x: format!("{x:.1}"),
                    y: format!("{y:.1}"),
                });
            }
            None => unmapped.push(ctx.city_link(c)),
        }
    }
    if dots.is_empty() {
        return None;
    }
    let window = min_width.map_or_else(Window::world, |w| Window::around(&points, w));
    Some(MapView {
        outline: ctx.url(Route::Data(DataFile::MapOutline)),
        view_box: window.view_box(),
        width: WIDTH,
        height: (height() * 10.0).round() / 10.0,
        // Dots grow less than the window: readable on the world map and on a close locator.
        r: format!("{:.2}", window.width.sqrt() * 0.22),
        dots,
        unmapped,
    })
}

/// A map shows the names and coordinates of its cities.
pub(super) fn map_inputs(g: &SiteGraph, i: &mut Inputs, cities: impl Iterator<Item = CityId>) {
    for c in cities {
        i.push(Dep::CityName(c));
        if g.cities[c].profile.is_some() {
            i.push(Dep::CityProfile(c));
        }
    }
}
