import fc from 'fast-check';
import { type SatRec, sgp4, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import type { ElementSet } from '../../src/orbits/element-set.ts';
import { REV_PER_DAY } from '../../src/orbits/element-set.ts';
import { propagateSgp4 } from '../../src/orbits/sgp4/bulk.ts';
import { initSgp4 } from '../../src/orbits/sgp4/init.ts';
import { remTwoPi } from '../../src/orbits/sgp4/periodics.ts';
import type { TimeGrid } from '../../src/time/grid.ts';
import type { Instant } from '../../src/time/instant.ts';
import { expectWithin } from '../helpers/miss.ts';
import { elementSetFromTle, verificationCases } from './sgp4-fixtures.ts';

// Our bulk kernels against satellite.js's sgp4() (the second method): same status on every
// row and the same state to well under a micrometre wherever the object is within 100,000 km
// (beyond that, long-decayed objects, the bound is relative: 1e-15 of the radius).
const DEG = Math.PI / 180;

function positionLimit(rMetres: number): number {
  return 1e-6 + 1e-15 * rMetres;
}

/** Compares a bulk table (one object) with satellite.js on every grid step; returns the rows compared. */
function compareWithSatelliteJs(set: ElementSet, satrec: SatRec, grid: TimeGrid): number {
  const table = propagateSgp4([set], grid);
  let ok = 0;
  for (let k = 0; k < grid.count; k++) {
    const t = grid.start + k * grid.stepS;
    const pv = sgp4(satrec, (t - set.epoch) / 60);
    const code = pv ? 0 : (satrec.error as number);
    expect(table.status[k], `${set.catalogNumber} status at step ${k}`).toBe(code);
    if (!pv) {
      expect(Number.isNaN(table.x[k])).toBe(true);
      continue;
    }
    const r = [pv.position.x * 1000, pv.position.y * 1000, pv.position.z * 1000];
    const v = [pv.velocity.x * 1000, pv.velocity.y * 1000, pv.velocity.z * 1000];
    const dr = Math.hypot(table.x[k] - r[0], table.y[k] - r[1], table.z[k] - r[2]);
    const dv = Math.hypot(table.vx[k] - v[0], table.vy[k] - v[1], table.vz[k] - v[2]);
    const rr = Math.hypot(r[0], r[1], r[2]);
    expectWithin(dr, 0, positionLimit(rr), 'm', `${set.catalogNumber} position at step ${k} (r = ${(rr / 1000).toFixed(0)} km)`);
    expectWithin(dv, 0, 1e-9 + 1e-15 * Math.hypot(v[0], v[1], v[2]) * Math.max(1, rr / 1e8), 'm/s', `${set.catalogNumber} velocity at step ${k}`);
    ok++;
  }
  return ok;
}

describe('bulk SGP4 kernels = satellite.js sgp4()', () => {
  it('on every verification element set, two days either side of epoch every 20 minutes', () => {
    let rows = 0;
    for (const c of verificationCases()) {
      const set = elementSetFromTle(c.line1, c.line2);
      const init = initSgp4(set);
      if (!init.ok) continue;
      rows += compareWithSatelliteJs(set, twoline2satrec(c.line1, c.line2), { start: (set.epoch - 2 * 86400) as Instant, stepS: 1200, count: 289 });
    }
    expect(rows).toBeGreaterThan(8000);
  });

  it('on random near-Earth and deep-space element sets (fast-check)', () => {
    const elements = fc.record({
      revPerDay: fc.oneof(fc.double({ min: 11, max: 16.4, noNaN: true }), fc.double({ min: 0.9, max: 6.3, noNaN: true })),
      e: fc.oneof(fc.double({ min: 0, max: 0.02, noNaN: true }), fc.double({ min: 0, max: 0.75, noNaN: true })),
      incDeg: fc.double({ min: 0, max: 180, noNaN: true }),
      raanDeg: fc.double({ min: 0, max: 360, noNaN: true, maxExcluded: true }),
      argpDeg: fc.double({ min: 0, max: 360, noNaN: true, maxExcluded: true }),
      maDeg: fc.double({ min: 0, max: 360, noNaN: true, maxExcluded: true }),
      bstar: fc.double({ min: -1e-4, max: 1e-3, noNaN: true }),
      hoursFromEpoch: fc.double({ min: -48, max: 240, noNaN: true }),
    });
    fc.assert(
      fc.property(elements, (p) => {
        const epoch = 757382400 as Instant; // 2024-01-01T12:00 TT, near enough
        const set: ElementSet = {
          catalogNumber: '99999',
          epoch,
          meanMotion: p.revPerDay * REV_PER_DAY,
          eccentricity: p.e,
          inclination: p.incDeg * DEG,
          raan: p.raanDeg * DEG,
          argOfPerigee: p.argpDeg * DEG,
          meanAnomaly: p.maDeg * DEG,
          bstar: p.bstar,
          meanMotionDot: 0,
          meanMotionDdot: 0,
        };
        const init = initSgp4(set);
        if (!init.ok) return;
        // A record of its own for satellite.js (sgp4 writes into the record).
        const second = initSgp4(set);
        if (!second.ok) throw new Error('second initialisation failed');
        compareWithSatelliteJs(set, second.satellite.satrec, { start: (epoch + p.hoursFromEpoch * 3600) as Instant, stepS: 3600 * 7.3, count: 12 });
      }),
      { numRuns: 300, seed: 20260101 },
    );
  });
});

describe('remTwoPi (the kernels fmod)', () => {
  it('equals fmod(x, 2 pi) to within an ulp of 2 pi, with its sign', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), (x) => {
        const r = remTwoPi(x);
        const f = x % (2 * Math.PI);
        // Near a whole number of turns the two may differ by one turn of the same angle.
        const d = Math.abs(r - f);
        expect(Math.min(d, Math.abs(d - 2 * Math.PI))).toBeLessThanOrEqual(2e-15);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
