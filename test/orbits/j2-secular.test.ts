import * as satellite from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { constantEarthOrientation } from '../../src/frames/earth-orientation.ts';
import { temeToItrf } from '../../src/frames/teme-itrf.ts';
import { DEG } from '../../src/math/units.ts';
import { type ElementSet, REV_PER_DAY } from '../../src/orbits/element-set.ts';
import { j2MeanOrbit, j2SecularRates, j2SecularState, propagateJ2Secular } from '../../src/orbits/j2-secular.ts';
import { brouwerFromKozai, kozaiFromBrouwerSemiMajorAxis } from '../../src/orbits/kozai.ts';
import { StateStatus } from '../../src/orbits/state-table.ts';
import { timeGrid } from '../../src/time/grid.ts';
import { type Instant, asInstant } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

// WGS-72 as SGP4 uses it (Vallado et al. 2006), typed here again so the test does not read them from the code under test.
const MU72 = 398600.8e9;
const RE72 = 6378135;
const J2_72 = 0.001082616;

const EPOCH_ISO = '2024-03-01T00:00:00.000';
const epoch = parseIsoUtc(`${EPOCH_ISO}Z`);

function elementSet(revPerDay: number, e: number, incDeg: number, raanDeg = 40, argpDeg = 90, maDeg = 10, id = '1'): ElementSet {
  return {
    catalogNumber: id,
    epoch,
    meanMotion: revPerDay * REV_PER_DAY,
    eccentricity: e,
    inclination: incDeg * DEG,
    raan: raanDeg * DEG,
    argOfPerigee: argpDeg * DEG,
    meanAnomaly: maDeg * DEG,
    bstar: 0,
    meanMotionDot: 0,
    meanMotionDdot: 0,
  };
}

function satrecOf(revPerDay: number, e: number, incDeg: number, raanDeg = 40, argpDeg = 90, maDeg = 10) {
  return satellite.json2satrec({
    OBJECT_NAME: 'TEST',
    OBJECT_ID: '2024-000A',
    EPOCH: EPOCH_ISO,
    MEAN_MOTION: revPerDay,
    ECCENTRICITY: e,
    INCLINATION: incDeg,
    RA_OF_ASC_NODE: raanDeg,
    ARG_OF_PERICENTER: argpDeg,
    MEAN_ANOMALY: maDeg,
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 1,
    ELEMENT_SET_NO: 999,
    REV_AT_EPOCH: 0,
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  } as unknown as Parameters<typeof satellite.json2satrec>[0]);
}

const fold = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

describe('Kozai -> Brouwer mean motion', () => {
  it("matches SGP4's own initialisation (satellite.js), a second implementation", () => {
    for (const [rev, e, inc] of [[15.5, 0.0001, 51.6], [14.2, 0.02, 98], [2.0, 0.7, 63.4], [1.0027, 0.0002, 0.05]]) {
      const rec = satrecOf(rev, e, inc);
      const ours = brouwerFromKozai(rev * REV_PER_DAY, e, inc * DEG);
      expectWithin(ours.meanMotion, rec.no / 60, 1e-15, 'rad/s', `Brouwer mean motion (${rev} rev/day)`);
      expectWithin(ours.semiMajorAxis, rec.a * RE72, 1e-4, 'm', `Brouwer semi-major axis (${rev} rev/day)`);
    }
  });

  it('inverts: the Kozai mean motion for a Brouwer semi-major axis converts back to it', () => {
    for (const [a, e, inc] of [[6.9e6, 0, 53], [7.4e6, 0.001, 97.5], [2.6e7, 0.7, 63.4]]) {
      const kozai = kozaiFromBrouwerSemiMajorAxis(a, e, inc * DEG);
      expectWithin(brouwerFromKozai(kozai, e, inc * DEG).semiMajorAxis, a, 1e-6, 'm', 'round trip');
    }
    expect(() => kozaiFromBrouwerSemiMajorAxis(-1, 0, 0)).toThrow(/semiMajorAxis: .*got -1/);
  });
});

describe('J2 secular rates', () => {
  it('equal the closed forms (Vallado eq. 9-41) written out here', () => {
    for (const [a, e, inc] of [[6.9e6, 0, 53], [7.1e6, 0.01, 97.9], [2.66e7, 0.74, 63.4], [8e6, 0.3, 120]]) {
      const i = inc * DEG;
      const n = Math.sqrt(MU72 / a ** 3);
      const p = a * (1 - e * e);
      const f = (n * J2_72 * RE72 ** 2) / p ** 2;
      const rates = j2SecularRates(a, e, i);
      expectWithin(rates.raanRate, -1.5 * f * Math.cos(i), 1e-20, 'rad/s', 'node rate');
      expectWithin(rates.argOfPerigeeRate, 0.75 * f * (4 - 5 * Math.sin(i) ** 2), 1e-20, 'rad/s', 'perigee rate');
      expectWithin(rates.meanAnomalyRate, n + 0.75 * f * Math.sqrt(1 - e * e) * (2 - 3 * Math.sin(i) ** 2), 1e-18, 'rad/s', 'mean anomaly rate');
    }
    // The critical inclination freezes the perigee.
    expectWithin(j2SecularRates(2.66e7, 0.74, Math.acos(Math.sqrt(1 / 5))).argOfPerigeeRate, 0, 1e-22, 'rad/s', 'perigee rate at 63.43 deg');
  });

  it('agree with SGP4 secular rates to the size of the J2^2 and J4 terms SGP4 adds (0.5 %)', () => {
    for (const [rev, e, inc] of [[15.2, 0.001, 53], [14.6, 0.001, 97.8], [13.5, 0.01, 30]]) {
      const rec = satrecOf(rev, e, inc);
      const orbit = j2MeanOrbit(elementSet(rev, e, inc));
      expectWithin(orbit.raanRate, rec.nodedot / 60, 5e-3 * Math.abs(orbit.raanRate) + 1e-12, 'rad/s', `node rate at ${inc} deg`);
      expectWithin(orbit.argOfPerigeeRate, rec.argpdot / 60, 5e-3 * Math.abs(orbit.argOfPerigeeRate) + 1e-11, 'rad/s', `perigee rate at ${inc} deg`);
      expectWithin(orbit.meanAnomalyRate, rec.mdot / 60, 1e-5 * orbit.meanAnomalyRate, 'rad/s', `mean anomaly rate at ${inc} deg`);
    }
  });

  it('turn the node of a sun-synchronous orbit 360 deg in a tropical year, read from the propagated positions', () => {
    // Closed form: Omegadot = -1.5 n J2 (R/p)^2 cos i = 2 pi / (365.2422 d), solved for i at a = R + 700 km.
    const a = RE72 + 700e3;
    const n = Math.sqrt(MU72 / a ** 3);
    const wanted = (2 * Math.PI) / (365.2422 * 86400);
    const i = Math.acos(-wanted / (1.5 * n * J2_72 * (RE72 / a) ** 2));
    const set: ElementSet = { ...elementSet(1, 0, 0), meanMotion: kozaiFromBrouwerSemiMajorAxis(a, 0, i), inclination: i };
    const year = 365.2422 * 86400;
    const first = ascendingCrossing(propagateJ2Secular([set], timeGrid(epoch, 6000, 1)));
    const last = ascendingCrossing(propagateJ2Secular([set], timeGrid(asInstant(epoch + year), 6000, 1)));
    const turned = 2 * Math.PI + fold(last.node - first.node);
    expectWithin(((turned * year) / (last.t - first.t)) / DEG, 360, 1e-4, 'deg', 'node turn in a tropical year');
    // And nowhere near 360 deg for a slightly different inclination.
    const off = { ...set, inclination: i + 0.1 * DEG };
    const a1 = ascendingCrossing(propagateJ2Secular([off], timeGrid(epoch, 6000, 1)));
    const a2 = ascendingCrossing(propagateJ2Secular([off], timeGrid(asInstant(epoch + year), 6000, 1)));
    expect(Math.abs(fold(a2.node - a1.node)) / DEG).toBeGreaterThan(1);
  });
});

/** Time and right ascension of the first ascending equator crossing in a one-object table, by interpolation between 1-s samples. */
function ascendingCrossing(table: ReturnType<typeof propagateJ2Secular>): { t: number; node: number } {
  for (let k = 0; k + 1 < table.grid.count; k++) {
    if (table.z[k] < 0 && table.z[k + 1] >= 0) {
      const f = -table.z[k] / (table.z[k + 1] - table.z[k]);
      const x = table.x[k] + f * (table.x[k + 1] - table.x[k]);
      const y = table.y[k] + f * (table.y[k + 1] - table.y[k]);
      return { t: table.grid.start + (k + f) * table.grid.stepS, node: Math.atan2(y, x) };
    }
  }
  throw new Error('no ascending crossing in the table');
}

describe('J2 secular propagation against SGP4 (satellite.js) over a day', () => {
  // SGP4 adds J2 short-period and J3 long-period terms (the "frozen" eccentricity, ~1e-3 in LEO) to the mean
  // orbit: the two differ by up to ~18 km periodically, while their secular drift apart stays near 1 km/day.
  for (const [rev, inc, limitKm, driftKm] of [[15.05, 53, 15, 1.5], [14.55, 97.6, 20, 1.5], [15.5, 51.64, 15, 1.5]]) {
    it(`stays within ${limitKm} km at ${inc} deg, ${rev} rev/day, with under ${driftKm} km/day of along-track drift`, () => {
      const set = elementSet(rev, 0.0001, inc);
      const rec = satrecOf(rev, 0.0001, inc);
      const table = propagateJ2Secular([set], timeGrid(epoch, 86400, 60));
      const along: number[] = [];
      let worst = 0;
      for (let k = 0; k < table.grid.count; k++) {
        const p = satellite.sgp4(rec, k) as { position: { x: number; y: number; z: number } };
        const ref = [p.position.x * 1000, p.position.y * 1000, p.position.z * 1000];
        const r = [table.x[k], table.y[k], table.z[k]];
        const v = [table.vx[k], table.vy[k], table.vz[k]];
        const d = [r[0] - ref[0], r[1] - ref[1], r[2] - ref[2]];
        worst = Math.max(worst, Math.hypot(d[0], d[1], d[2]));
        const vn = Math.hypot(v[0], v[1], v[2]);
        along.push((d[0] * v[0] + d[1] * v[1] + d[2] * v[2]) / vn);
      }
      expectWithin(worst / 1000, 0, limitKm, 'km', 'largest distance from SGP4');
      // Orbit-averaged along-track offset, first orbit against last: the periodic terms average out.
      const perOrbit = Math.round(1440 / rev);
      const mean = (from: number) => along.slice(from, from + perOrbit).reduce((s, q) => s + q, 0) / perOrbit;
      expectWithin((mean(along.length - perOrbit) - mean(0)) / 1000, 0, driftKm, 'km', 'along-track drift over the day');
    });
  }
});

describe('bulk propagation', () => {
  it('equals the scalar path for circular and eccentric orbits across re-seeds, object blocks and step chunks', () => {
    // 700 objects (more than one 512-object block), mixed kinds and an invalid one; 2,400 steps (past one 2,048-step chunk).
    const kinds = [(i: number) => elementSet(15.1, 0, 53, i, 0, 3 * i, `C${i}`), (i: number) => elementSet(14.3, 0.02, 98, 2 * i, 45, i, `E${i}`), (i: number) => elementSet(2.006, 0.72, 63.4, i, 270, 5 * i, `H${i}`)];
    const sets = Array.from({ length: 700 }, (_, i) => kinds[i % 3](i));
    sets[350] = { ...sets[350], eccentricity: -1 };
    const grid = timeGrid(asInstant(epoch - 3 * 86400), 2399 * 120, 120);
    const table = propagateJ2Secular(sets, grid);
    expect(table.grid.count).toBe(2400);
    const orbits = sets.map((set, i) => (i === 350 ? null : j2MeanOrbit(set)));
    let worstR = 0;
    let worstV = 0;
    for (let k = 0; k < grid.count; k += 97) {
      for (let i = 0; i < sets.length; i += 7) {
        const idx = k * sets.length + i;
        if (i === 350) {
          expect(table.status[idx]).toBe(StateStatus.INVALID_ELEMENTS);
          continue;
        }
        const s = j2SecularState(orbits[i] as ReturnType<typeof j2MeanOrbit>, asInstant(grid.start + k * grid.stepS));
        worstR = Math.max(worstR, Math.hypot(table.x[idx] - s.r[0], table.y[idx] - s.r[1], table.z[idx] - s.r[2]));
        worstV = Math.max(worstV, Math.hypot(table.vx[idx] - s.v[0], table.vy[idx] - s.v[1], table.vz[idx] - s.v[2]));
      }
    }
    expectWithin(worstR, 0, 1e-5, 'm', 'bulk position against scalar');
    expectWithin(worstV, 0, 1e-8, 'm/s', 'bulk velocity against scalar');
  });

  it('gives velocities that are the time derivative of its positions', () => {
    const table = propagateJ2Secular([elementSet(14.3, 0.05, 98)], timeGrid(epoch, 600, 0.5));
    for (const k of [10, 500, 1100]) {
      const fd = [0, 1, 2].map((c) => {
        const col = [table.x, table.y, table.z][c];
        return (col[k + 1] - col[k - 1]) / 1.0;
      });
      expectVectorWithin([table.vx[k], table.vy[k], table.vz[k]], fd, 2e-3, 'm/s', `velocity against central difference at step ${k}`);
    }
  });

  it('writes ITRF as TEME rotated through src/frames (with Earth orientation), across step chunks', () => {
    const eop = constantEarthOrientation({ ut1MinusUtcS: -0.2, xpArcsec: 0.1, ypArcsec: 0.3 });
    const sets = [elementSet(15.1, 0, 53), elementSet(14.3, 0.02, 98)];
    const grid = timeGrid(epoch, 2199 * 60, 60);
    const teme = propagateJ2Secular(sets, grid);
    const itrf = propagateJ2Secular(sets, grid, { frame: 'ITRF', eop });
    expect(itrf.frame).toBe('ITRF');
    for (let idx = 0; idx < teme.x.length; idx += 13) {
      const k = Math.floor(idx / sets.length);
      const t = (grid.start + k * grid.stepS) as Instant;
      const ref = temeToItrf({ frame: 'TEME', t, r: Float64Array.of(teme.x[idx], teme.y[idx], teme.z[idx]), v: Float64Array.of(teme.vx[idx], teme.vy[idx], teme.vz[idx]) }, eop);
      expectVectorWithin([itrf.x[idx], itrf.y[idx], itrf.z[idx]], ref.r, 1e-6, 'm', 'ITRF position');
      expectVectorWithin([itrf.vx[idx], itrf.vy[idx], itrf.vz[idx]], ref.v, 1e-9, 'm/s', 'ITRF velocity');
    }
  });

  it('reuses a table\'s arrays for the next chunk of a run, with the given row ids', () => {
    const sets = [elementSet(15.1, 0, 53), elementSet(14.3, 0.02, 98)];
    const first = propagateJ2Secular(sets, timeGrid(epoch, 600, 60), { ids: ['a', 'b'] });
    const laterGrid = timeGrid(asInstant(epoch + 660), 600, 60);
    const second = propagateJ2Secular(sets, laterGrid, { reuse: first, ids: ['a', 'b'] });
    expect(second.x).toBe(first.x);
    expect(second.ids).toEqual(['a', 'b']);
    const fresh = propagateJ2Secular(sets, laterGrid);
    expect(Array.from(second.x)).toEqual(Array.from(fresh.x));
    expect(() => propagateJ2Secular(sets, timeGrid(epoch, 1200, 60), { reuse: first })).toThrow(/reuse\.length: .*22/);
    expect(() => propagateJ2Secular(sets, laterGrid, { ids: ['a'] })).toThrow(/ids\.length: .*got 1/);
  });

  it('marks bad sets INVALID_ELEMENTS with NaN rows and keeps the good ones', () => {
    const good = elementSet(15, 0, 53);
    const bad = [
      { ...elementSet(15, 0, 53, 0, 0, 0, 'ecc'), eccentricity: 1.2 },
      { ...elementSet(15, 0, 53, 0, 0, 0, 'nan'), raan: Number.NaN },
      { ...elementSet(15, 0, 53, 0, 0, 0, 'low'), meanMotion: 18 * REV_PER_DAY },
      { ...elementSet(15, 0, 53, 0, 0, 0, 'neg'), meanMotion: -1 },
    ];
    const table = propagateJ2Secular([good, ...bad], timeGrid(epoch, 120, 60));
    for (let k = 0; k < 3; k++) {
      expect(table.status[k * 5]).toBe(StateStatus.OK);
      expect(Number.isFinite(table.x[k * 5])).toBe(true);
      for (let i = 1; i < 5; i++) {
        expect(table.status[k * 5 + i]).toBe(StateStatus.INVALID_ELEMENTS);
        expect(table.vz[k * 5 + i]).toBeNaN();
      }
    }
  });

  it('names the field and value when a single set or option is bad', () => {
    expect(() => j2MeanOrbit({ ...elementSet(15, 0, 53, 0, 0, 0, '44444'), eccentricity: 1.2 })).toThrow(/elements\[44444\]\.eccentricity: .*got 1\.2/);
    expect(() => j2MeanOrbit({ ...elementSet(15, 0, 53), inclination: -0.1 })).toThrow(/inclination: .*got -0\.1/);
    expect(() => j2MeanOrbit({ ...elementSet(15, 0, 53), meanMotion: 18 * REV_PER_DAY })).toThrow(/meanMotion: .*below the equatorial surface/);
    expect(() => propagateJ2Secular([elementSet(15, 0, 53)], timeGrid(epoch, 60, 60), { frame: 'GCRF' as 'TEME' })).toThrow(/frame: .*"GCRF"/);
  });
});
