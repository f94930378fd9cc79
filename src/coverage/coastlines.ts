/**
 * Coastlines for maps: the land outlines of Natural Earth at 1:50 million (public domain), as
 * packaged by world-atlas in TopoJSON and decoded with topojson-client. A coverage map without
 * them is a coloured rectangle a reader cannot place.
 */
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

/** One outline: longitudes and latitudes in degrees, interleaved (lon0, lat0, lon1, lat1, ...). */
export type Ring = Float64Array;

let loading: Promise<readonly Ring[]> | null = null;

/**
 * Every land outline of the 1:50m data set (islands and lake shores included), in degrees.
 * Loaded on demand (half a megabyte of JSON, a fifth of a second) by whoever draws maps, and
 * kept; a dynamic import, so that the module runs in a browser as in Node.
 */
export function loadLandOutlines(): Promise<readonly Ring[]> {
  loading ??= import('world-atlas/land-50m.json', { with: { type: 'json' } }).then((m) => landRings(m.default as unknown as Topology));
  return loading;
}

/** The rings of a TopoJSON topology's `land` object. */
export function landRings(topology: Topology): Ring[] {
  const land = feature(topology, topology.objects.land) as unknown as GeoJSON.FeatureCollection | GeoJSON.Feature;
  const features = land.type === 'FeatureCollection' ? land.features : [land];
  const out: Ring[] = [];
  for (const f of features) {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const r = new Float64Array(ring.length * 2);
        ring.forEach((p, i) => {
          r[2 * i] = p[0];
          r[2 * i + 1] = p[1];
        });
        out.push(r);
      }
    }
  }
  return out;
}

export interface MapBox {
  southDeg: number;
  northDeg: number;
  westDeg: number;
  eastDeg: number;
}

/**
 * The outlines crossing a map, in the map's pixels: `x(lon)`, `y(lat)` place a point; a vertex
 * closer than `minSpacingPx` to the last one kept is dropped (the map cannot show it), so a
 * regional map carries hundreds of points, not the data set's sixty thousand. Outlines are
 * also tried one turn east and west, for maps that run past the antimeridian. The last
 * stretch of each line leaves the frame; clipping it is the caller's.
 */
export function coastlinePolylines(rings: readonly Ring[], box: MapBox, x: (lonDeg: number) => number, y: (latDeg: number) => number, minSpacingPx = 1): number[][] {
  const out: number[][] = [];
  for (const ring of rings) {
    let w = Infinity;
    let e = -Infinity;
    let s = Infinity;
    let n = -Infinity;
    for (let i = 0; i < ring.length; i += 2) {
      if (ring[i] < w) w = ring[i];
      if (ring[i] > e) e = ring[i];
      if (ring[i + 1] < s) s = ring[i + 1];
      if (ring[i + 1] > n) n = ring[i + 1];
    }
    if (n < box.southDeg || s > box.northDeg) continue;
    for (const shift of [0, -360, 360]) {
      if (e + shift < box.westDeg || w + shift > box.eastDeg) continue;
      // Only the stretches inside the map, each with one vertex beyond its ends so that the
      // line reaches the frame: a continent's outline crosses many maps but is mostly elsewhere.
      const inside = (i: number) => {
        const lon = ring[i] + shift;
        const lat = ring[i + 1];
        return lon >= box.westDeg && lon <= box.eastDeg && lat >= box.southDeg && lat <= box.northDeg;
      };
      let line: number[] = [];
      let lastX = Number.NaN;
      let lastY = Number.NaN;
      const flush = () => {
        if (line.length >= 4) out.push(line);
        line = [];
        lastX = Number.NaN;
        lastY = Number.NaN;
      };
      const count = ring.length;
      for (let i = 0; i < count; i += 2) {
        const wanted = inside(i) || (i >= 2 && inside(i - 2)) || (i + 2 < count && inside(i + 2));
        if (!wanted) {
          flush();
          continue;
        }
        // Outlines cut at the antimeridian jump from +180 to -180: no line across the map.
        if (i >= 2 && Math.abs(ring[i] - ring[i - 2]) > 180) flush();
        const px = x(ring[i] + shift);
        const py = y(ring[i + 1]);
        const end = i === count - 2 || !(inside(i) || (i + 2 < count && inside(i + 2)));
        if (!end && Math.hypot(px - lastX, py - lastY) < minSpacingPx) continue;
        line.push(px, py);
        lastX = px;
        lastY = py;
      }
      flush();
    }
  }
  return out;
}
