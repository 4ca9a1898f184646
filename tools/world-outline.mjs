// Converts the land outline of Natural Earth (1:110m, public domain), as packaged by the npm
// package world-atlas (TopoJSON), into data/natural-earth/land-110m.txt: one ring per line,
// "lon,lat lon,lat ...", in degrees rounded to 0.01. Run once; the result is committed and
// casebook projects it at build time (src/render/map.rs).
//
//   npm install --no-save world-atlas@2.0.2 topojson-client@3.1.0 && node tools/world-outline.mjs
import fs from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const topology = JSON.parse(fs.readFileSync(require.resolve("world-atlas/land-110m.json"), "utf8"));
const land = feature(topology, topology.objects.land);
const rings = [];
for (const f of land.features) {
  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) rings.push(ring);
  }
}
// Rings that cross the antimeridian (Russia, Fiji, Wrangel Island, Antarctica) are cut there
// into rings that each stay on one side, closed along the ±180° meridian (and, for the ring that
// goes round the pole, along the pole): drawn on a flat map they would streak across it.
function cut(ring) {
  const parts = [[]];
  let crossings = 0;
  for (let i = 0; i < ring.length; i++) {
    const point = ring[i];
    const prev = ring[i - 1];
    if (prev && Math.abs(point[0] - prev[0]) > 180) {
      crossings++;
      const side = prev[0] > 0 ? 180 : -180;
      const next = point[0] + (side > 0 ? 360 : -360);
      // Where the segment meets the meridian (a point already on it meets it there).
      const t = next === prev[0] ? 0 : (side - prev[0]) / (next - prev[0]);
      const lat = prev[1] + t * (point[1] - prev[1]);
      parts[parts.length - 1].push([side, lat]);
      parts.push([[-side, lat]]);
    }
    parts[parts.length - 1].push(point);
  }
  if (crossings === 0) return [ring];
  // The ring is closed: its last part continues into its first.
  const last = parts.pop();
  parts[0] = last.concat(parts[0].slice(1));
  if (crossings % 2 === 1) {
    // Round a pole: one part, from one side of the map to the other; close it along the pole.
    const part = parts[0];
    const pole = part.reduce((s, p) => s + p[1], 0) < 0 ? -90 : 90;
    const end = part[part.length - 1];
    const start = part[0];
    // Along the pole in steps of 10°: the pole is a line on an Equal Earth map.
    const step = end[0] > start[0] ? -10 : 10;
    for (let lon = end[0]; step < 0 ? lon >= start[0] : lon <= start[0]; lon += step) part.push([lon, pole]);
    part.push(start);
    return [part];
  }
  // Each part starts and ends on the same meridian: close it along it.
  return parts.map((part) => part.concat([part[0]]));
}

const round = (x) => Math.round(x * 100) / 100;
const cutRings = rings.flatMap(cut);
rings.length = 0;
rings.push(...cutRings);
const lines = rings.map((ring) => ring.map(([lon, lat]) => `${round(lon)},${round(lat)}`).join(" "));
fs.writeFileSync("data/natural-earth/land-110m.txt", lines.join("\n") + "\n");
console.log(`${rings.length} rings, ${rings.reduce((n, r) => n + r.length, 0)} points`);
