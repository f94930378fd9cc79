import { beforeAll, describe, expect, it } from 'vitest';
import { type Ring, coastlinePolylines, loadLandOutlines } from '../../src/coverage/coastlines.ts';
import { coverageMapRaster, coverageMapSvg } from '../../src/coverage/map.ts';
import { regionGrid } from '../../src/coverage/grid.ts';

/** Great-circle distance in km between two points given in degrees (mean Earth radius). */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

let rings: readonly Ring[] = [];

function nearestVertexKm(latDeg: number, lonDeg: number): number {
  let best = Infinity;
  for (const ring of rings) for (let i = 0; i < ring.length; i += 2) best = Math.min(best, km(latDeg, lonDeg, ring[i + 1], ring[i]));
  return best;
}

describe('coastlines (Natural Earth 1:50m)', () => {
  beforeAll(async () => {
    rings = await loadLandOutlines();
  });

  it('pass by headlands whose positions are published', () => {
    // Cape Inubo, the eastern tip of the Kanto plain (lighthouse at 35.707 N, 140.869 E), and
    // Ritidian Point, the northern tip of Guam (13.652 N, 144.857 E): 1:50m vertices lie a few km apart.
    expect(nearestVertexKm(35.707, 140.869)).toBeLessThan(10);
    expect(nearestVertexKm(13.652, 144.857)).toBeLessThan(10);
    // And none in the middle of the North Pacific, 1,000 km from any island.
    expect(nearestVertexKm(38, -160)).toBeGreaterThan(500);
  });

  it('crossing a map: Japan yes, the open ocean no, thinned to the spacing asked', () => {
    const box = { southDeg: 30, northDeg: 46, westDeg: 128, eastDeg: 146 };
    const x = (lon: number) => (lon - 128) * 20;
    const y = (lat: number) => (46 - lat) * 20;
    const lines = coastlinePolylines(rings, box, x, y, 3);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines.slice(0, 20)) {
      for (let k = 2; k < line.length - 2; k += 2) expect(Math.hypot(line[k] - line[k - 2], line[k + 1] - line[k - 1])).toBeGreaterThanOrEqual(3);
    }
    expect(coastlinePolylines(rings, { southDeg: 30, northDeg: 40, westDeg: -165, eastDeg: -150 }, x, y)).toEqual([]);
    // No line runs across the whole world map where outlines are cut at the antimeridian.
    const world = coastlinePolylines(rings, { southDeg: -90, northDeg: 90, westDeg: -180, eastDeg: 180 }, (lon) => lon, (lat) => lat);
    for (const line of world) for (let k = 2; k < line.length; k += 2) expect(Math.abs(line[k] - line[k - 2])).toBeLessThan(180);
    // A map running past the antimeridian finds the Aleutians east of 180 as well.
    const east = coastlinePolylines(rings, { southDeg: 50, northDeg: 56, westDeg: 170, eastDeg: 200 }, (lon) => lon, (lat) => lat);
    expect(east.some((l) => l.some((v, i) => i % 2 === 0 && v > 180))).toBe(true);
  });

  it('are drawn on maps given them, and only then', () => {
    const grid = regionGrid({ kind: 'box', southDeg: 20, northDeg: 46, westDeg: 120, eastDeg: 150 }, 2);
    const values = new Float64Array(grid.count).fill(50);
    expect(coverageMapSvg(grid, values, { title: 'j', unit: '%', min: 0, max: 100, width: 400, coastlines: rings })).toMatch(/<path id="coast" d="M/);
    expect(coverageMapSvg(grid, values, { title: 'j', unit: '%', min: 0, max: 100, width: 400 })).not.toContain("id=\"coast\"");
    const dark = (r: ReturnType<typeof coverageMapRaster>) => {
      let n = 0;
      for (let i = 0; i < r.rgba.length; i += 4) if (r.rgba[i] < 60 && r.rgba[i + 1] < 60 && r.rgba[i + 2] < 60) n++;
      return n;
    };
    const on = coverageMapRaster(grid, values, { title: 'j', unit: '%', min: 0, max: 100, width: 400, coastlines: rings });
    const off = coverageMapRaster(grid, values, { title: 'j', unit: '%', min: 0, max: 100, width: 400 });
    expect(dark(on) - dark(off)).toBeGreaterThan(300);
  });
});
