import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sensorMargin } from '../../src/access/conditions.ts';
import { groundSite, stateTableSource } from '../../src/access/trajectory.ts';
import { WGS84 } from '../../src/bodies/earth.ts';
import { sunPositionItrf } from '../../src/bodies/sun.ts';
import { createAccumulator, mergeCoverageAccumulators, recordCovered } from '../../src/coverage/accumulator.ts';
import { computeCoverage } from '../../src/coverage/compute.ts';
import { accumulateCoverage, prepareCoverage } from '../../src/coverage/engine.ts';
import { coverageFigures } from '../../src/coverage/figures.ts';
import { globalEqualAreaGrid, parseRegion, pointsGrid, regionGrid } from '../../src/coverage/grid.ts';
import { satellitesOwnedBy } from '../../src/coverage/owners.ts';
import { InputError } from '../../src/math/errors.ts';
import { Random } from '../../src/math/random.ts';
import { DEG } from '../../src/math/units.ts';
import { sensorFromConfig } from '../../src/sensors/sensor-config.ts';
import { SensorModel } from '../../src/sensors/sensor-model.ts';
import { gridInstant, timeGrid } from '../../src/time/grid.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectWithin } from '../helpers/miss.ts';
import { type CircularOrbit, circularStateTable, walkerOrbits } from './circular-orbits.ts';

const t0 = parseIsoUtc('2026-03-01T00:00:00Z');
const R = WGS84.a;
const sun = (t: number, out: Float64Array) => sunPositionItrf(t as never, undefined, out);

/** The minimum elevation that gives an Earth-central coverage radius lambda from altitude h (spherical closed form, solved by bisection). */
function elevationForRadius(lambda: number, h: number): number {
  let lo = -0.2;
  let hi = Math.PI / 2;
  for (let i = 0; i < 100; i++) {
    const e = (lo + hi) / 2;
    const l = Math.PI / 2 - e - Math.asin((R * Math.cos(e)) / (R + h));
    if (l > lambda) lo = e;
    else hi = e;
  }
  return lo;
}

describe('grids', () => {
  it('the equal-area grid has cells of nearly equal area and weights summing to one', () => {
    const g = globalEqualAreaGrid(1);
    // 4 pi sr / (1 deg)^2 = 41,253 cells.
    expectWithin(g.count, 41253, 60, 'points');
    const sum = g.weight.reduce((a, b) => a + b, 0);
    expectWithin(sum, 1, 1e-12, '');
    const mean = 1 / g.count;
    for (let i = 0; i < g.count; i += 97) expect(Math.abs(g.weight[i] / mean - 1)).toBeLessThan(0.05);
  });

  it('regions: boxes (also across the antimeridian) and polygons', () => {
    const box = regionGrid(parseRegion('box:30,40,170,-170'), 1);
    expect(box.count).toBe(200);
    expect(Math.max(...box.lonDeg)).toBeLessThanOrEqual(180);
    const tri = regionGrid(parseRegion('polygon:0,0;0,10;10,0'), 1);
    // Half the 10 x 10 box, minus the diagonal cells' halves: 45 centres lie strictly inside.
    expect(tri.count).toBe(45);
  });

  it('rejects empty regions and bad spacings, naming the field', () => {
    expect(() => parseRegion('box:10,10,0,5')).toThrow(/^region: .*"box:10,10,0,5"/);
    expect(() => parseRegion('polygon:0,0;1,1;2,2')).toThrow(/^region: .*encloses no area/);
    // A C-shaped polygon whose only cell centre (at 5 deg spacing) falls in its notch.
    expect(() => regionGrid(parseRegion('polygon:0,0;0,1;0.2,1;0.2,0.2;0.8,0.2;0.8,1;1,1;1,0'), 5)).toThrow(/^region: .*no grid point/);
    expect(() => globalEqualAreaGrid(0)).toThrow(/^gridDeg: .*got 0/);
    expect(() => parseRegion('circle:1')).toThrow(InputError);
  });
});

describe('single-satellite footprint (closed forms, references.md)', () => {
  it('a ground footprint at minimum elevation e covers (1 - cos lambda) / 2 of the Earth', () => {
    const h = 1000e3;
    const e = 10 * DEG;
    const grid = timeGrid(t0, 0, 60);
    const table = circularStateTable([{ altitude: h, inclination: 0, raan: 0, argumentOfLatitude: 0 }], grid);
    const report = computeCoverage({ table, sensors: sensorFromConfig({ type: 'staring-ir' }), constraints: { minElevation: e }, grid: globalEqualAreaGrid(0.5), folds: [1] });
    const lambda = Math.PI / 2 - e - Math.asin((R * Math.cos(e)) / (R + h));
    expectWithin(report.folds[0].meanPercentCovered, (100 * (1 - Math.cos(lambda))) / 2, 0.05, 'percentage points', 'footprint fraction');
  });

  it('a limb-only sensor sees targets at 40 km out to acos(R/(R+hs)) + acos(R/(R+ht)), time-averaged over a day too', () => {
    const h = 1100e3;
    const ht = 40e3;
    const grid = timeGrid(t0, 86400, 1800);
    const table = circularStateTable([{ altitude: h, inclination: 60 * DEG, raan: 0, argumentOfLatitude: 0 }], grid);
    const report = computeCoverage({ table, sensors: sensorFromConfig({ type: 'staring-ir' }), grid: globalEqualAreaGrid(1, ht), folds: [1] });
    const lambda = Math.acos(R / (R + h)) + Math.acos(R / (R + ht));
    // The ellipsoid's radius varies by 21 km under the footprint: a few hundredths of a point.
    expectWithin(report.folds[0].meanPercentCovered, (100 * (1 - Math.cos(lambda))) / 2, 0.25, 'percentage points', 'time-averaged coverage');
  });
});

describe('known constellation results', () => {
  const geoAltitude = 35786e3;
  const run = (orbits: CircularOrbit[], lambdaDeg: number, fold: number, span: number, steps: number) => {
    const grid = timeGrid(t0, span, span / steps);
    const table = circularStateTable(orbits, grid);
    const e = elevationForRadius(lambdaDeg * DEG, geoAltitude);
    return computeCoverage({ table, sensors: sensorFromConfig({ type: 'staring-ir' }), constraints: { minElevation: e }, grid: globalEqualAreaGrid(1.5), folds: [fold] }).folds[0];
  };
  const period = 2 * Math.PI * Math.sqrt((R + geoAltitude) ** 3 / WGS84.mu);

  it('Walker 5/5/1 at 43.7 deg: continuous whole-Earth single coverage needs a coverage radius of 69.2 deg (Walker 1977, RAE TR 77044; Walker 1970 RAE TR 70211: five satellites suffice)', () => {
    const orbits = walkerOrbits(5, 5, 1, 43.7 * DEG, geoAltitude);
    // The pattern repeats every fifth of an orbit; sample it 30 times.
    expect(run(orbits, 70.2, 1, period / 5, 30).minPercentCovered).toBe(100);
    expect(run(orbits, 67.5, 1, period / 5, 30).minPercentCovered).toBeLessThan(100);
  });

  it('seven satellites give continuous double coverage (Walker 1970): a 7/7/2 delta at 61 deg', () => {
    // Walker's claim is the oracle; the pattern (7/7/2, 61 deg, radius about 75.3 deg) came from a
    // coarse search of 7/7/F patterns written for this test (see the report), so the check is
    // that seven satellites do it below 90 deg and that a smaller radius does not.
    const orbits = walkerOrbits(7, 7, 2, 61 * DEG, geoAltitude);
    expect(run(orbits, 76.5, 2, period / 7, 30).minPercentCovered).toBe(100);
    expect(run(orbits, 73, 2, period / 7, 30).minPercentCovered).toBeLessThan(100);
  });

  it('polar streets of coverage: p planes of s satellites cover the Earth when (p-1)(lambda + c) + 2c = pi, cos c = cos lambda / cos(pi/s)', () => {
    const p = 4;
    const s = 7;
    const h = 1200e3;
    const street = (l: number) => Math.acos(Math.cos(l) / Math.cos(Math.PI / s));
    let lo = Math.PI / s;
    let hi = Math.PI / 2;
    for (let i = 0; i < 100; i++) {
      const l = (lo + hi) / 2;
      if ((p - 1) * (l + street(l)) + 2 * street(l) > Math.PI) hi = l;
      else lo = l;
    }
    const lambda = lo;
    const c = street(lambda);
    const orbits: CircularOrbit[] = [];
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < s; k++) orbits.push({ altitude: h, inclination: 90 * DEG, raan: j * (lambda + c), argumentOfLatitude: (2 * Math.PI * k) / s + (j * Math.PI) / s });
    }
    const a = R + h;
    const orbitPeriod = 2 * Math.PI * Math.sqrt((a * a * a) / WGS84.mu);
    const grid = timeGrid(t0, orbitPeriod / s, orbitPeriod / s / 12);
    const table = circularStateTable(orbits, grid);
    const cover = (l: number) =>
      computeCoverage({ table, sensors: sensorFromConfig({ type: 'staring-ir' }), constraints: { minElevation: elevationForRadius(l, h) }, grid: globalEqualAreaGrid(1), folds: [1] }).folds[0];
    expect(cover(lambda + 0.7 * DEG).minPercentCovered).toBe(100);
    expect(cover(lambda - 1.5 * DEG).minPercentCovered).toBeLessThan(100);
  });
});

describe('the bulk engine agrees with the pairwise access code point by point', () => {
  const configs: Array<{ sensor: Record<string, unknown>; minElevationDeg: number | null; heightKm: number }> = [
    { sensor: { type: 'staring-ir' }, minElevationDeg: null, heightKm: 40 },
    { sensor: { type: 'staring-ir', minGrazingAltitudeKm: 30 }, minElevationDeg: null, heightKm: 40 },
    { sensor: { type: 'staring-ir', maxOffNadirDeg: 50 }, minElevationDeg: null, heightKm: 40 },
    { sensor: { type: 'steerable-ir', maxRangeKm: 2500, sunExclusionDeg: 20 }, minElevationDeg: null, heightKm: 200 },
    { sensor: { type: 'staring-ir', fieldOfRegard: { shape: 'rectangle', widthDeg: 70, heightDeg: 30 }, pointing: 'lvlh', lvlhDirection: [0.3, 0.2, 1] }, minElevationDeg: null, heightKm: 60 },
    { sensor: { type: 'staring-ir', pointing: 'limb', limbAzimuthDeg: 90, fieldOfRegard: { shape: 'cone', halfAngleDeg: 15 }, minGrazingAltitudeKm: 20, background: 'space' }, minElevationDeg: null, heightKm: 100 },
    { sensor: { type: 'eo-imager', maxOffNadirDeg: 40 }, minElevationDeg: 20, heightKm: 0 },
    { sensor: { type: 'radar-imager' }, minElevationDeg: 5, heightKm: 0 },
    { sensor: { type: 'staring-ir', background: 'earth' }, minElevationDeg: null, heightKm: 10 },
  ];
  configs.forEach((cfg, caseIndex) => {
    it(`random case ${caseIndex}: ${JSON.stringify(cfg.sensor)}`, () => {
      const random = new Random(1000 + caseIndex);
      const orbits: CircularOrbit[] = Array.from({ length: 6 }, () => ({
        altitude: random.uniformIn(400e3, 2000e3),
        inclination: random.uniformIn(0, Math.PI),
        raan: random.uniformIn(0, 2 * Math.PI),
        argumentOfLatitude: random.uniformIn(0, 2 * Math.PI),
      }));
      const grid = timeGrid(t0, 4 * 977, 977);
      const table = circularStateTable(orbits, grid);
      const points = globalEqualAreaGrid(4, cfg.heightKm * 1000);
      const sensor = sensorFromConfig(cfg.sensor);
      const minElevation = cfg.minElevationDeg === null ? null : cfg.minElevationDeg * DEG;
      const report = computeCoverage({ table, sensors: sensor, constraints: { minElevation }, grid: points, folds: [1, 2], sunPosition: sun });
      // Pairwise: every point, satellite and step through the access code.
      const model = new SensorModel(sensor, { minElevation });
      const sources = orbits.map((_, i) => stateTableSource(table, i));
      const sensorsSeen = new Float64Array(points.count);
      const covered1 = new Float64Array(points.count);
      const covered2 = new Float64Array(points.count);
      let visible = 0;
      for (let p = 0; p < points.count; p++) {
        const site = groundSite({ lat: points.latDeg[p] * DEG, lon: points.lonDeg[p] * DEG, height: points.height });
        const margins = sources.map((s) => sensorMargin(model, s, site, sun));
        for (let k = 0; k < grid.count; k++) {
          let n = 0;
          for (const m of margins) if (m(gridInstant(grid, k)) >= 0) n++;
          sensorsSeen[p] += n;
          if (n >= 1) covered1[p]++;
          if (n >= 2) covered2[p]++;
          visible += n;
        }
      }
      expect(visible).toBeGreaterThan(0);
      for (let p = 0; p < points.count; p++) {
        if (report.sensorsInView[p] * grid.count !== sensorsSeen[p] || report.perPoint[0].percentCovered[p] !== (100 * covered1[p]) / grid.count || report.perPoint[1].percentCovered[p] !== (100 * covered2[p]) / grid.count) {
          expect.fail(`point ${p} (${points.latDeg[p]}, ${points.lonDeg[p]}): engine ${report.sensorsInView[p] * grid.count} sensor-steps, pairwise ${sensorsSeen[p]}`);
        }
      }
    });
  });
});

describe('splitting the work', () => {
  it('results do not change with the number of time chunks (what worker threads run)', () => {
    const grid = timeGrid(t0, 6 * 3600, 300);
    const table = circularStateTable(walkerOrbits(24, 6, 1, 55 * DEG, 1000e3), grid);
    const problem = { table, sensors: sensorFromConfig({ type: 'staring-ir', maxOffNadirDeg: 45 }), grid: globalEqualAreaGrid(3, 40e3), folds: [1, 2], stereoAngle: 30 * DEG };
    const serialise = (r: ReturnType<typeof computeCoverage>) =>
      JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x)) : v));
    const one = serialise(computeCoverage(problem));
    for (const chunks of [2, 3, 7, 72]) expect(serialise(computeCoverage(problem, { chunks }))).toBe(one);
    expect(serialise(computeCoverage(problem, { method: 'brute-force' }))).toBe(one);
  });

  it('merging accumulators equals accumulating in one go (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 11 }), (rows, cut) => {
        const whole = createAccumulator(0, 12, rows.length, [1], false);
        const a = createAccumulator(0, cut, rows.length, [1], false);
        const b = createAccumulator(cut, 12, rows.length, [1], false);
        rows.forEach((row, p) =>
          row.forEach((on, k) => {
            if (!on) return;
            recordCovered(whole, p, k);
            if (k < cut) recordCovered(a, p, k);
            else recordCovered(b, p, k - cut);
          }),
        );
        expect(mergeCoverageAccumulators(a, b)).toEqual(whole);
      }),
    );
  });
});

describe('figures of merit on a hand-made history', () => {
  it('gaps, response time, age of data, looks and revisit follow their definitions', () => {
    // 10 steps of 60 s, covered at steps 2, 3 and 7: gaps of 2 (leading), 3 and 2 (trailing) steps.
    const acc = createAccumulator(0, 10, 1, [1], false);
    for (const k of [2, 3, 7]) recordCovered(acc, 0, k);
    const r = coverageFigures(acc, pointsGrid([{ latDeg: 0, lonDeg: 0 }]), 60);
    const f = r.perPoint[0];
    expect(f.percentCovered[0]).toBe(30);
    expect(f.maxGapS[0]).toBe(180);
    expect(f.gapCount[0]).toBe(3);
    expectWithin(f.meanGapS[0], (7 / 3) * 60, 1e-9, 's');
    // Requests at the 8 steps before the last coverage wait 2,1,0,0,3,2,1,0 steps.
    expectWithin(f.meanResponseS[0], (9 / 8) * 60, 1e-9, 's');
    // Ages at the 8 steps from the first coverage: 0,0,1,2,3,0,1,2.
    expectWithin(f.meanAgeOfDataS[0], (9 / 8) * 60, 1e-9, 's');
    expectWithin(f.looksPerDay[0], 2 / (600 / 86400), 1e-9, '/day');
    expect(f.meanRevisitS[0]).toBe(300);
  });
});

describe('owners', () => {
  it('figures restricted to one owner equal those of that owner\'s satellites alone', () => {
    const grid = timeGrid(t0, 3600, 600);
    const orbits = walkerOrbits(12, 3, 1, 70 * DEG, 1100e3);
    const owners = orbits.map((_, i) => (i % 3 === 0 ? 'JPN' : 'USA'));
    const table = circularStateTable(orbits, grid);
    const mine = satellitesOwnedBy(['jpn'], owners);
    const alone = circularStateTable(mine.map((i) => orbits[i]), grid);
    const sensors = sensorFromConfig({ type: 'staring-ir', maxOffNadirDeg: 50 });
    const g = globalEqualAreaGrid(3, 40e3);
    const restricted = computeCoverage({ table, sensors, grid: g, folds: [1], satellites: mine });
    const separate = computeCoverage({ table: alone, sensors, grid: g, folds: [1] });
    expect(restricted.folds).toEqual(separate.folds);
    expect(() => satellitesOwnedBy(['FRA'], owners)).toThrow(/^owners: .*FRA/);
  });
});

describe('bad input', () => {
  const grid = timeGrid(t0, 600, 60);
  const table = circularStateTable([{ altitude: 1e6, inclination: 1, raan: 0, argumentOfLatitude: 0 }], grid);
  const g = globalEqualAreaGrid(10);
  it('names the field and the value', () => {
    expect(() => prepareCoverage({ table, sensors: sensorFromConfig({ type: 'staring-ir' }), grid: g, folds: [0] })).toThrow(/^fold\[0\]: .*got 0/);
    expect(() => prepareCoverage({ table, sensors: sensorFromConfig({ type: 'eo-imager' }), grid: g, folds: [1] })).toThrow(/^sunPosition/);
    expect(() => prepareCoverage({ table, sensors: sensorFromConfig({ type: 'staring-ir' }), grid: g, folds: [1], satellites: [3] })).toThrow(/^satellites\[0\]: .*got 3/);
    const prepared = prepareCoverage({ table, sensors: sensorFromConfig({ type: 'staring-ir' }), grid: g, folds: [1] });
    expect(() => accumulateCoverage(prepared, 5, 50)).toThrow(/^steps: /);
  });
});
