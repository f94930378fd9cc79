import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WGS84 } from '../../src/bodies/earth.ts';
import { sunPositionItrf } from '../../src/bodies/sun.ts';
import { type CoverageAccumulator, createAccumulator, recordCovered } from '../../src/coverage/accumulator.ts';
import { accumulateCoverage, prepareCoverage } from '../../src/coverage/engine.ts';
import { type CoverageGrid, globalEqualAreaGrid, parseRegion, pointsGrid, regionGrid } from '../../src/coverage/grid.ts';
import { buildStripIndex, capHalfWidth, capInnerHalfWidth, lapPosition } from '../../src/coverage/spatial-index.ts';
import { Random } from '../../src/math/random.ts';
import { DEG } from '../../src/math/units.ts';
import { ELLIPSOID_Z_SCALE } from '../../src/sensors/margins.ts';
import { sensorFromConfig } from '../../src/sensors/sensor-config.ts';
import { SensorModel } from '../../src/sensors/sensor-model.ts';
import { timeGrid } from '../../src/time/grid.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { type CircularOrbit, circularStateTable } from './circular-orbits.ts';

const t0 = parseIsoUtc('2026-06-01T00:00:00Z');
const sun = (t: number, out: Float64Array) => sunPositionItrf(t as never, undefined, out);

function accumulatorBytes(acc: CoverageAccumulator): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [key, value] of Object.entries(acc)) {
    if (ArrayBuffer.isView(value)) out.set(key, Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return out;
}

function expectSameAccumulators(culled: CoverageAccumulator, brute: CoverageAccumulator): void {
  const a = accumulatorBytes(culled);
  const b = accumulatorBytes(brute);
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [key, bytes] of a) expect(Buffer.compare(bytes, b.get(key)!), `accumulator field ${key} differs between the culled engine and the brute force`).toBe(0);
}

/** Scaled direction (z times a/b, normalised) of an ITRF vector. */
function scaledDirection(x: number, y: number, z: number): [number, number, number] {
  const zs = z * ELLIPSOID_Z_SCALE;
  const n = Math.hypot(x, y, zs);
  return [x / n, y / n, zs / n];
}

function angleBetween(a: readonly number[], b: readonly number[]): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.hypot(cx, cy, cz), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
}

describe('the culled engine gives the brute force figures bit for bit', () => {
  // Each grid at its own height, or on the ground for sensors with a minimum elevation.
  const grids: Array<{ name: string; grid: (ground: boolean) => CoverageGrid }> = [
    { name: 'global 5 deg at 40 km', grid: (ground) => globalEqualAreaGrid(5, ground ? 0 : 40e3) },
    { name: 'global 3 deg on the ground', grid: () => globalEqualAreaGrid(3, 0) },
    { name: 'box across the antimeridian, 0.5 deg, 60 km', grid: (ground) => regionGrid(parseRegion('box:-20,15,160,-150'), 0.5, ground ? 0 : 60e3) },
    { name: 'polar cap box, 1 deg, 30 km', grid: (ground) => regionGrid(parseRegion('box:70,90,-180,180'), 1, ground ? 0 : 30e3) },
    { name: 'polygon, 0.7 deg, 2000 km', grid: (ground) => regionGrid(parseRegion('polygon:10,100;60,120;30,170;-5,150'), 0.7, ground ? 0 : 2000e3) },
    {
      name: 'points at the poles, on the antimeridian, repeated',
      grid: (ground) =>
        pointsGrid(
          [
            { latDeg: 90, lonDeg: 0 },
            { latDeg: -90, lonDeg: 40 },
            { latDeg: 0, lonDeg: 180 },
            { latDeg: 0, lonDeg: -180 },
            { latDeg: 35.7, lonDeg: 139.8 },
            { latDeg: 35.7, lonDeg: 139.8 },
            ...Array.from({ length: 300 }, (_, i) => ({ latDeg: -89 + ((i * 37) % 179), lonDeg: -180 + ((i * 71.3) % 360) })),
          ],
          ground ? 0 : 20e3,
        ),
    },
  ];
  const sensors: Array<{ config: Record<string, unknown>; minElevationDeg?: number; stereoDeg?: number }> = [
    { config: { type: 'staring-ir' } },
    { config: { type: 'staring-ir', minGrazingAltitudeKm: 25 }, stereoDeg: 20 },
    { config: { type: 'staring-ir', maxOffNadirDeg: 50 } },
    { config: { type: 'steerable-ir', maxRangeKm: 3000, sunExclusionDeg: 25 } },
    { config: { type: 'staring-ir', fieldOfRegard: { shape: 'rectangle', widthDeg: 60, heightDeg: 20 }, pointing: 'lvlh', lvlhDirection: [0.2, -0.3, 1] } },
    { config: { type: 'staring-ir', pointing: 'limb', limbAzimuthDeg: 180, fieldOfRegard: { shape: 'cone', halfAngleDeg: 12 }, background: 'space' } },
    { config: { type: 'eo-imager', maxOffNadirDeg: 35 }, minElevationDeg: 15 },
    { config: { type: 'radar-imager' }, minElevationDeg: 5, stereoDeg: 40 },
  ];
  sensors.forEach((s, si) => {
    it(`${JSON.stringify(s.config)} on every kind of grid`, () => {
      const random = new Random(7100 + si);
      // Low to geostationary, so caps run from a few degrees to more than a hemisphere; some
      // satellites sit below the 2000 km grid.
      const orbits: CircularOrbit[] = [300e3, 700e3, 1100e3, 1500e3, 3000e3, 8000e3, 20000e3, 35786e3].map((altitude) => ({
        altitude,
        inclination: random.uniformIn(0, Math.PI),
        raan: random.uniformIn(0, 2 * Math.PI),
        argumentOfLatitude: random.uniformIn(0, 2 * Math.PI),
      }));
      const table = circularStateTable(orbits, timeGrid(t0, 5 * 731, 731));
      let seen = 0;
      for (const g of grids) {
        const ground = s.minElevationDeg !== undefined;
        const grid = g.grid(ground);
        const prepared = prepareCoverage({
          table,
          sensors: sensorFromConfig(s.config),
          constraints: { minElevation: ground && s.minElevationDeg !== undefined ? s.minElevationDeg * DEG : null },
          grid,
          folds: [1, 2, 3],
          stereoAngle: s.stereoDeg === undefined ? null : s.stereoDeg * DEG,
          sunPosition: sun,
        });
        const culled = accumulateCoverage(prepared, 0, table.grid.count);
        const brute = accumulateCoverage(prepared, 0, table.grid.count, 'brute-force');
        if (brute.sensorSteps.some((x) => x > 0)) seen++;
        expectSameAccumulators(culled, brute);
      }
      expect(seen, 'grids on which something is seen').toBeGreaterThanOrEqual(4);
    });
  });
});

describe('folding steps in', () => {
  it('keeps the same books as recording every covered step (accumulator.ts recordCovered) from margins computed here', () => {
    const random = new Random(42);
    const orbits: CircularOrbit[] = Array.from({ length: 8 }, () => ({
      altitude: random.uniformIn(500e3, 1500e3),
      inclination: random.uniformIn(0, Math.PI),
      raan: random.uniformIn(0, 2 * Math.PI),
      argumentOfLatitude: random.uniformIn(0, 2 * Math.PI),
    }));
    const table = circularStateTable(orbits, timeGrid(t0, 40 * 120, 120));
    const grid = globalEqualAreaGrid(6, 40e3);
    const sensor = sensorFromConfig({ type: 'staring-ir', maxOffNadirDeg: 55 });
    const folds = [1, 2, 3];
    const acc = accumulateCoverage(prepareCoverage({ table, sensors: sensor, grid, folds }), 0, table.grid.count);
    const reference = createAccumulator(0, table.grid.count, grid.count, folds, false);
    const model = new SensorModel(sensor);
    for (let k = 0; k < table.grid.count; k++) {
      const counts = new Int32Array(grid.count);
      for (let i = 0; i < orbits.length; i++) {
        const row = k * orbits.length + i;
        model.prepare(table.x[row], table.y[row], table.z[row], table.vx[row], table.vy[row], table.vz[row]);
        for (let p = 0; p < grid.count; p++) {
          const [x, y, z] = [grid.position[3 * p], grid.position[3 * p + 1], grid.position[3 * p + 2]];
          if (model.marginTo(x, y, z, grid.up[3 * p], grid.up[3 * p + 1], grid.up[3 * p + 2]) >= 0) counts[p]++;
        }
      }
      for (let p = 0; p < grid.count; p++) {
        reference.sensorSteps[p] += counts[p];
        folds.forEach((need, f) => {
          if (counts[p] >= need) recordCovered(reference, f * grid.count + p, k);
        });
      }
    }
    expect(reference.gapCount.some((g) => g > 1), 'some points have several gaps').toBe(true);
    for (const key of ['covered', 'first', 'last', 'lastRunStart', 'runs', 'gapCount', 'gapMax', 'gapSteps', 'gapTriangle', 'sensorSteps'] as const) {
      expect(Array.from(acc[key]), key).toEqual(Array.from(reference[key]));
    }
  });

  it('gives each fold the same figures whatever other folds are asked (more than 31 folds too)', () => {
    const table = circularStateTable(Array.from({ length: 40 }, (_, i) => ({ altitude: 1200e3, inclination: (55 + (i % 5) * 10) * DEG, raan: i * 0.7, argumentOfLatitude: i * 1.3 })), timeGrid(t0, 10 * 300, 300));
    const grid = globalEqualAreaGrid(10, 40e3);
    const sensors = sensorFromConfig({ type: 'staring-ir' });
    // 40 folds: the last nine (past the 31 the engine keeps as bits) are the low ones that change.
    const many = [...Array.from({ length: 31 }, (_, i) => i + 11), ...Array.from({ length: 9 }, (_, i) => i + 1)];
    const all = accumulateCoverage(prepareCoverage({ table, sensors, grid, folds: many }), 0, table.grid.count);
    for (const f of [0, 1, 30, 31, 32, 35, 39]) {
      const fold = many[f];
      const alone = accumulateCoverage(prepareCoverage({ table, sensors, grid, folds: [fold] }), 0, table.grid.count);
      for (const key of ['covered', 'first', 'last', 'lastRunStart', 'runs', 'gapCount', 'gapMax', 'gapSteps', 'gapTriangle'] as const) {
        expect(Array.from(all[key].subarray(f * grid.count, (f + 1) * grid.count)), `fold ${fold}, ${key}`).toEqual(Array.from(alone[key]));
      }
      expect(Array.from(all.stepFraction.subarray(f * table.grid.count, (f + 1) * table.grid.count))).toEqual(Array.from(alone.stepFraction));
    }
    const gapsPastBits = all.gapCount.subarray(31 * grid.count).reduce((a, b) => a + b, 0);
    expect(gapsPastBits, 'folds past the 31st start and stop').toBeGreaterThan(0);
  });
});

describe('culling caps hold every visible target (SensorModel.capBounds)', () => {
  const configs: Array<{ config: Record<string, unknown>; minElevationDeg: number | null }> = [
    { config: { type: 'staring-ir' }, minElevationDeg: null },
    { config: { type: 'staring-ir', minGrazingAltitudeKm: 40 }, minElevationDeg: null },
    { config: { type: 'staring-ir', maxOffNadirDeg: 50 }, minElevationDeg: null },
    { config: { type: 'steerable-ir', maxRangeKm: 2500 }, minElevationDeg: null },
    { config: { type: 'radar-imager', maxOffNadirDeg: 40 }, minElevationDeg: 10 },
    { config: { type: 'radar-imager' }, minElevationDeg: 0 },
  ];
  configs.forEach(({ config, minElevationDeg }, ci) => {
    it(`outer holds every target with margin >= 0, inner holds only such targets: ${JSON.stringify(config)}`, () => {
      const random = new Random(500 + ci);
      const model = new SensorModel(sensorFromConfig(config), { minElevation: minElevationDeg === null ? null : minElevationDeg * DEG });
      const bounds = { inner: -1, outer: Math.PI };
      let insideInner = 0;
      let visible = 0;
      for (let trial = 0; trial < 400; trial++) {
        const rs = WGS84.a + random.uniformIn(300e3, 6000e3);
        const satLat = random.uniformIn(-Math.PI / 2, Math.PI / 2);
        const satLon = random.uniformIn(-Math.PI, Math.PI);
        const s = [rs * Math.cos(satLat) * Math.cos(satLon), rs * Math.cos(satLat) * Math.sin(satLon), rs * Math.sin(satLat)];
        model.prepare(s[0], s[1], s[2], -7000 * Math.sin(satLon), 7000 * Math.cos(satLon), 100);
        const height = minElevationDeg === null ? random.uniformIn(0, 300e3) : 0;
        const sDir = scaledDirection(s[0], s[1], s[2]);
        const rsScaled = Math.hypot(s[0], s[1], s[2] * ELLIPSOID_Z_SCALE);
        for (let j = 0; j < 40; j++) {
          // Targets on the ellipsoid at `height`, near the sub-satellite point.
          const lat = Math.max(-Math.PI / 2, Math.min(Math.PI / 2, satLat + random.uniformIn(-0.9, 0.9)));
          const lon = satLon + random.uniformIn(-0.9, 0.9) / Math.max(0.2, Math.cos(lat));
          const site = globalSite(lat, lon, height);
          const rp = Math.hypot(site.x, site.y, site.z);
          const rpScaled = Math.hypot(site.x, site.y, site.z * ELLIPSOID_Z_SCALE);
          model.capBounds(Math.hypot(s[0], s[1], s[2]), rsScaled, rp, rp, rpScaled, rpScaled, bounds);
          const angle = angleBetween(sDir, scaledDirection(site.x, site.y, site.z));
          const margin = model.marginTo(site.x, site.y, site.z, site.ux, site.uy, site.uz);
          if (margin >= 0) {
            visible++;
            if (!(angle <= bounds.outer)) expect.fail(`visible target at ${(angle / DEG).toFixed(6)} deg lies outside the outer cap ${(bounds.outer / DEG).toFixed(6)} deg`);
          }
          if (angle <= bounds.inner) {
            insideInner++;
            if (!(margin >= 0)) expect.fail(`target at ${(angle / DEG).toFixed(6)} deg inside the inner cap ${(bounds.inner / DEG).toFixed(6)} deg has margin ${margin}`);
          }
        }
      }
      expect(visible).toBeGreaterThan(50);
      if (model.radiallySymmetric) expect(insideInner).toBeGreaterThan(50);
    });
  });
});

/** ITRF position and ellipsoid normal of a geodetic point (closed form on WGS-84). */
function globalSite(lat: number, lon: number, height: number) {
  const e2 = WGS84.f * (2 - WGS84.f);
  const n = WGS84.a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  const ux = Math.cos(lat) * Math.cos(lon);
  const uy = Math.cos(lat) * Math.sin(lon);
  const uz = Math.sin(lat);
  return { x: (n + height) * ux, y: (n + height) * uy, z: (n * (1 - e2) + height) * uz, ux, uy, uz };
}

describe('strip geometry', () => {
  const latitude = fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true });
  it('capHalfWidth bounds every longitude of the cap over a band of latitudes; capInnerHalfWidth only holds longitudes inside it (property)', () => {
    fc.assert(
      fc.property(latitude, fc.double({ min: 1e-4, max: Math.PI - 1e-4, noNaN: true }), latitude, latitude, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -Math.PI, max: Math.PI, noNaN: true })), { minLength: 20, maxLength: 20 }), (latC, theta, l1, l2, samples) => {
        const latA = Math.min(l1, l2);
        const latB = Math.max(l1, l2);
        const args = [latA, Math.sin(latA), Math.cos(latA), latB, Math.sin(latB), Math.cos(latB), latC, Math.sin(latC), Math.cos(latC), theta, Math.cos(theta)] as const;
        const half = capHalfWidth(...args);
        const innerHalf = capInnerHalfWidth(...args);
        for (const [u, dLon] of samples) {
          const lat = latA + u * (latB - latA);
          const cosAngle = Math.sin(lat) * Math.sin(latC) + Math.cos(lat) * Math.cos(latC) * Math.cos(dLon);
          const angle = Math.acos(Math.max(-1, Math.min(1, cosAngle)));
          if (angle <= theta - 1e-9) expect(Math.abs(dLon)).toBeLessThanOrEqual(half);
          if (innerHalf >= 0 && Math.abs(dLon) <= innerHalf) expect(angle).toBeLessThanOrEqual(theta + 1e-9);
        }
        // Also the latitude of the cap's widest point and the band's ends.
        const peak = Math.sin(latC) / Math.cos(theta);
        if (Math.abs(peak) < 1 && theta < Math.PI / 2) {
          const latP = Math.asin(peak);
          if (latP >= latA && latP <= latB) expect(half).toBeGreaterThanOrEqual(Math.asin(Math.min(1, Math.sin(theta) / Math.cos(latC))) - 1e-12);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('lapPosition finds the first virtual position at or past a longitude, from any guess (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: -Math.PI, max: 3 * Math.PI, noNaN: true }),
        fc.integer({ min: -100, max: 200 }),
        (values, v, guess) => {
          const lon = Float64Array.from([9, ...values.sort((a, b) => a - b)]);
          const n = values.length;
          const at = (j: number) => (j < n ? lon[1 + j] : lon[1 + j - n] + 2 * Math.PI);
          let expected = 2 * n;
          for (let j = 0; j < 2 * n; j++) {
            if (at(j) >= v) {
              expected = j;
              break;
            }
          }
          expect(lapPosition(lon, 1, n, v, guess)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('strips hold every point once, sorted west to east, in latitude order; classes hold their strips\' radii', () => {
    for (const grid of [globalEqualAreaGrid(2, 40e3), regionGrid(parseRegion('box:-10,10,170,-170'), 0.25), pointsGrid([{ latDeg: 1, lonDeg: 2 }, { latDeg: 1, lonDeg: 2 }, { latDeg: -90, lonDeg: 0 }])]) {
      const index = buildStripIndex(grid);
      expect([...index.order].sort((a, b) => a - b)).toEqual(Array.from({ length: grid.count }, (_, i) => i));
      for (let s = 0; s < index.strips; s++) {
        expect(index.stripStart[s + 1]).toBeGreaterThan(index.stripStart[s]);
        if (s > 0) expect(index.stripLatMin[s]).toBeGreaterThan(index.stripLatMax[s - 1]);
        for (let q = index.stripStart[s]; q < index.stripStart[s + 1]; q++) {
          if (q > index.stripStart[s]) expect(index.lon[q]).toBeGreaterThanOrEqual(index.lon[q - 1]);
          const p = index.order[q];
          const r = Math.hypot(grid.position[3 * p], grid.position[3 * p + 1], grid.position[3 * p + 2]);
          const c = index.stripClass[s];
          expect(r).toBeGreaterThanOrEqual(index.classRadiusMin[c] - 1e-6);
          expect(r).toBeLessThanOrEqual(index.classRadiusMax[c] + 1e-6);
        }
      }
    }
  });
});
