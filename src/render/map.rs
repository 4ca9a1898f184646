//! Static maps, drawn at build time as SVG: no tiles, no script, no other host. The land outline
//! (Natural Earth 1:110m, `data/natural-earth/`) is projected once per build into one shared
//! file, `cities/map.svg`; each map on a page is a small inline SVG that shows that file through
//! a window (its `viewBox`) and draws a linked, named dot per city.
//!
//! The projection is Equal Earth (Šavrič, Patterson and Jenny, 2018): equal-area, so no region
//! looks bigger than it is. The outline's rings never cross the ±180° meridian (the conversion
//! cut them there), so nothing streaks across the map.

use std::fmt::Write;

/// The outline's rings, in longitude and latitude, one per line (`lon,lat lon,lat ...`).
const LAND: &str = include_str!("../../data/natural-earth/land-110m.txt");

/// Width of the whole map in SVG units; its height follows from the projection.
pub const WIDTH: f64 = 1000.0;

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;

/// Equal Earth, in the projection's own units (x within ±2.7066, y within ±1.3174).
fn equal_earth(lat: f64, lon: f64) -> (f64, f64) {
    let m = 3f64.sqrt() / 2.0;
    let (lambda, phi) = (
        lon.clamp(-180.0, 180.0).to_radians(),
        lat.clamp(-90.0, 90.0).to_radians(),
    );
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// The projection's extent: x at (0°, 180°), y at the pole.
fn extent() -> (f64, f64) {
    (equal_earth(0.0, 180.0).0, equal_earth(90.0, 0.0).1)
}

/// The height of the whole map in SVG units.
pub fn height() -> f64 {
    let (x, y) = extent();
    WIDTH * y / x
}

/// A point in SVG units: x from 0 (180° W) to [`WIDTH`] (180° E), y from 0 (north) down.
pub fn project(lat: f64, lon: f64) -> (f64, f64) {
    let (x, y) = equal_earth(lat, lon);
    let scale = WIDTH / (2.0 * extent().0);
    (WIDTH / 2.0 + x * scale, height() / 2.0 - y * scale)
}

/// The shared outline: the globe's edge (the sea) and the land, with colours for both schemes.
pub fn outline_svg() -> String {
    let h = height();
    let mut sea = String::from("M");
    // The edge of the map: 180° E from north to south, then 180° W back up.
    for (lon, lats) in [(180.0, -90..=90), (-180.0, -90..=90)] {
        let lats: Vec<i32> = if lon > 0.0 {
            lats.rev().collect()
        } else {
            lats.collect()
        };
        for lat in lats.into_iter().step_by(5) {
            let (x, y) = project(f64::from(lat), lon);
            let _ = write!(sea, "{x:.1},{y:.1} ");
        }
    }
    sea.push('Z');
    let mut land = String::with_capacity(LAND.len());
    for ring in LAND.lines().filter(|l| !l.trim().is_empty()) {
        let mut first = true;
        for point in ring.split_whitespace() {
            let Some((lon, lat)) = point.split_once(',') else {
                continue;
            };
            let (Ok(lon), Ok(lat)) = (lon.parse::<f64>(), lat.parse::<f64>()) else {
                continue;
            };
            if !lon.is_finite() || !lat.is_finite() {
                continue;
            }
            let (x, y) = project(lat, lon);
            let _ = write!(land, "{}{x:.1},{y:.1}", if first { "M" } else { "L" });
            first = false;
        }
        land.push('Z');
    }
    format!(
        concat!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h:.1}\" width=\"{w}\" height=\"{h:.0}\">\n",
            "<style>.sea{{fill:#e4eef5}}.land{{fill:#c5d0d8;stroke:#8d9ba6;stroke-width:0.4}}",
            "@media (prefers-color-scheme:dark){{.sea{{fill:#172530}}.land{{fill:#34434f;stroke:#52636f}}}}</style>\n",
            "<path class=\"sea\" d=\"{sea}\"/>\n<path class=\"land\" d=\"{land}\"/>\n</svg>\n"
        ),
        w = WIDTH,
        h = h,
        sea = sea,
        land = land,
    )
}

/// A window onto the map: `x y width height` in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Window {
    /// The whole world.
    pub fn world() -> Window {
        Window {
            x: 0.0,
            y: 0.0,
            width: WIDTH,
            height: height(),
        }
    }

    /// The smallest window of at least `min_width` (at the world's proportions) that holds
    /// `points` with a margin, kept inside the map.
    pub fn around(points: &[(f64, f64)], min_width: f64) -> Window {
        let world = Window::world();
        let ratio = world.height / world.width;
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in points {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        if points.is_empty() {
            return world;
        }
        let margin = min_width * 0.15;
        let width = ((x1 - x0) + 2.0 * margin)
            .max((y1 - y0 + 2.0 * margin) / ratio)
            .max(min_width)
            .min(world.width);
        let height = width * ratio;
        let x = ((x0 + x1) / 2.0 - width / 2.0).clamp(0.0, world.width - width);
        let y = ((y0 + y1) / 2.0 - height / 2.0).clamp(0.0, world.height - height);
        Window {
            x,
            y,
            width,
            height,
        }
    }

    pub fn view_box(self) -> String {
        format!(
            "{:.1} {:.1} {:.1} {:.1}",
            self.x, self.y, self.width, self.height
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projection_puts_places_where_they_are() {
        let (x, y) = project(0.0, 0.0);
        assert!((x - WIDTH / 2.0).abs() < 1e-9 && (y - height() / 2.0).abs() < 1e-9);
        assert!((project(0.0, 180.0).0 - WIDTH).abs() < 1e-9);
        assert!(project(0.0, -180.0).0.abs() < 1e-9);
        assert!(project(90.0, 0.0).1.abs() < 1e-9);
        // East is right, north is up.
        assert!(project(16.43, 102.83).0 > project(7.88, 98.39).0);
        assert!(project(16.43, 102.83).1 < project(7.88, 98.39).1);
        // Equal area: a 10° square at the equator and one at 60° N differ in shape, not in area
        // by more than the sphere's own difference (cos 60° against cos 0°, integrated).
        // The projected area of the cell from `lat` to `lat + 10` and 0° to 10° E (shoelace over
        // its edges, a point per degree).
        let area = |lat: f64| {
            let mut ring = Vec::new();
            for i in 0..10 {
                ring.push(project(lat, f64::from(i)));
            }
            for i in 0..10 {
                ring.push(project(lat + f64::from(i), 10.0));
            }
            for i in (1..=10).rev() {
                ring.push(project(lat + 10.0, f64::from(i)));
            }
            for i in (1..=10).rev() {
                ring.push(project(lat + f64::from(i), 0.0));
            }
            let n = ring.len();
            (0..n)
                .map(|i| ring[i].0 * ring[(i + 1) % n].1 - ring[(i + 1) % n].0 * ring[i].1)
                .sum::<f64>()
                .abs()
                / 2.0
        };
        let sphere = |lat: f64| ((lat + 10.0f64).to_radians().sin() - lat.to_radians().sin()).abs();
        let ratio = area(60.0) / area(0.0);
        assert!(
            (ratio - sphere(60.0) / sphere(0.0)).abs() < 0.002,
            "{ratio}"
        );
    }

    #[test]
    fn windows_hold_their_points_inside_the_map() {
        let w = Window::around(&[project(35.18, 129.08)], 160.0);
        let (x, y) = project(35.18, 129.08);
        assert!(w.x <= x && x <= w.x + w.width && w.y <= y && y <= w.y + w.height);
        assert!((w.width - 160.0).abs() < 1e-9);
        // Near the map's edge the window moves inside instead of leaving it.
        let edge = Window::around(&[project(-16.5, 179.9)], 160.0);
        assert!(edge.x + edge.width <= WIDTH + 1e-9);
        assert_eq!(Window::around(&[], 100.0), Window::world());
    }
}
