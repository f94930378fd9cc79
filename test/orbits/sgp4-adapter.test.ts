import { describe, expect, it } from 'vitest';
import { constantEarthOrientation } from '../../src/frames/earth-orientation.ts';
import { temeToItrf } from '../../src/frames/teme-itrf.ts';
import { InputError } from '../../src/math/errors.ts';
import type { ElementSet } from '../../src/orbits/element-set.ts';
import { propagateSgp4 } from '../../src/orbits/sgp4/bulk.ts';
import { initSgp4, initSgp4FromTle, tleEpoch } from '../../src/orbits/sgp4/init.ts';
import { sgp4State, sgp4StateAtMinutes } from '../../src/orbits/sgp4/single.ts';
import { StateStatus, allocateStateTable } from '../../src/orbits/state-table.ts';
import { instantFromJulianDateUtc, type Instant } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';
import { elementSetFromTle, kernelLimits, verificationCases } from './sgp4-fixtures.ts';

const cases = verificationCases();
const leo = cases.find((c) => c.satnum === '28057')!; // near-Earth, sun-synchronous
const geo = cases.find((c) => c.satnum === '28626')!; // deep space, 24 h resonance
const leoSet = elementSetFromTle(leo.line1, leo.line2);
const geoSet = elementSetFromTle(geo.line1, geo.line2);

function expectInputError(fn: () => unknown, field: RegExp | string, value: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InputError);
  const err = caught as InputError;
  if (typeof field === 'string') expect(err.field).toBe(field);
  else expect(err.field).toMatch(field);
  expect(err.message).toContain(value);
}

describe('SGP4 adapter: epochs and time', () => {
  it('reads the TLE epoch exactly (06177.78615833 = 2006-06-26 18:52:04.079712 UTC)', () => {
    const expected = parseIsoUtc('2006-06-26T18:52:04.079712Z');
    expectWithin(tleEpoch(leo.line1), expected, 1e-6, 's', 'epoch');
    // satellite.js's own Julian date of the epoch agrees to its 1e-5 s resolution.
    const init = initSgp4FromTle(leo.line1, leo.line2);
    if (!init.ok) throw new Error('init');
    expectWithin(instantFromJulianDateUtc(init.satellite.satrec.jdsatepoch), expected, 5e-5, 's', 'jdsatepoch');
  });

  it('takes minutes from Instants: sgp4State(t) equals sgp4StateAtMinutes((t - epoch) / 60)', () => {
    const init = initSgp4(leoSet);
    if (!init.ok) throw new Error('init');
    const sat = init.satellite;
    const t = (sat.epoch + 12345.678) as Instant;
    const a = sgp4State(sat, t);
    const b = sgp4StateAtMinutes(sat, (t - sat.epoch) / 60);
    // The nominal offset: an Instant in 2006 resolves 30 ns, under 0.25 mm of LEO motion.
    const c = sgp4StateAtMinutes(sat, 12345.678 / 60);
    if (!a.ok || !b.ok || !c.ok) throw new Error('propagation');
    expect(a.state.t).toBe(t);
    expect(a.state.frame).toBe('TEME');
    expect(Array.from(a.state.r)).toEqual(Array.from(b.state.r));
    expectVectorWithin(a.state.r, c.state.r, 2.5e-4, 'm', 'position');
  });
});

describe('SGP4 adapter: single object and bulk agree', () => {
  const grid = { start: (leoSet.epoch + 600) as Instant, stepS: 137, count: 50 };

  // Within kernelLimits (sgp4-fixtures.ts): SGP4's Kepler tolerance, 7 um in LEO, 85 um at GEO.
  it('in TEME, to SGP4 Kepler tolerance, for near-Earth and deep-space objects', () => {
    const table = propagateSgp4([leoSet, geoSet], grid);
    expect(table.frame).toBe('TEME');
    expect(table.ids).toEqual(['28057', '28626']);
    [leoSet, geoSet].forEach((set, i) => {
      const init = initSgp4(set);
      if (!init.ok) throw new Error('init');
      for (let k = 0; k < grid.count; k++) {
        const s = sgp4State(init.satellite, (grid.start + k * grid.stepS) as Instant);
        if (!s.ok) throw new Error('propagation');
        const row = k * 2 + i;
        const limits = kernelLimits(set);
        expectVectorWithin([table.x[row], table.y[row], table.z[row]], s.state.r, limits.position, 'm', `${set.catalogNumber} at step ${k}`);
        expectVectorWithin([table.vx[row], table.vy[row], table.vz[row]], s.state.v, limits.velocity, 'm/s', `${set.catalogNumber} velocity at step ${k}`);
      }
    });
  });

  it('in ITRF, the bulk rotation equals temeToItrf of the single-object state', () => {
    const eop = constantEarthOrientation({ ut1MinusUtcS: -0.4399619, xpArcsec: -0.140682, ypArcsec: 0.333309 });
    const table = propagateSgp4([leoSet, geoSet], grid, { frame: 'ITRF', eop, ids: ['a', 'b'] });
    expect(table.frame).toBe('ITRF');
    expect(table.ids).toEqual(['a', 'b']);
    [leoSet, geoSet].forEach((set, i) => {
      const init = initSgp4(set);
      if (!init.ok) throw new Error('init');
      for (let k = 0; k < grid.count; k += 7) {
        const s = sgp4State(init.satellite, (grid.start + k * grid.stepS) as Instant);
        if (!s.ok) throw new Error('propagation');
        const itrf = temeToItrf(s.state, eop);
        const row = k * 2 + i;
        const limits = kernelLimits(set);
        expectVectorWithin([table.x[row], table.y[row], table.z[row]], itrf.r, limits.position, 'm', `${set.catalogNumber} ITRF at step ${k}`);
        expectVectorWithin([table.vx[row], table.vy[row], table.vz[row]], itrf.v, limits.velocity, 'm/s', `${set.catalogNumber} ITRF velocity at step ${k}`);
      }
    });
  });

  it('fills a given table instead of allocating one, and rejects one of the wrong shape', () => {
    const out = allocateStateTable('TEME', grid, ['x', 'y']);
    const table = propagateSgp4([leoSet, geoSet], grid, { out });
    expect(table.x).toBe(out.x);
    expect(out.status.every((s) => s === 0)).toBe(true);
    const fresh = propagateSgp4([leoSet, geoSet], grid);
    expect(Buffer.compare(Buffer.from(out.x.buffer), Buffer.from(fresh.x.buffer))).toBe(0);
    expectInputError(() => propagateSgp4([leoSet], grid, { out }), 'out', 'TEME table of 2 objects');
    expectInputError(() => propagateSgp4([leoSet, geoSet], grid, { frame: 'ITRF', out: out as never }), 'out', 'TEME');
  });
});

describe('SGP4 adapter: bad input names the field and the value', () => {
  const bad = (patch: Partial<ElementSet>): ElementSet => ({ ...leoSet, tleLines: undefined, ...patch });

  it('rejects impossible element sets', () => {
    expectInputError(() => initSgp4(bad({ eccentricity: 1 })), 'elementSet[28057].eccentricity', 'got 1');
    expectInputError(() => initSgp4(bad({ eccentricity: -0.1 })), 'elementSet[28057].eccentricity', '-0.1');
    expectInputError(() => initSgp4(bad({ meanMotion: 0 })), 'elementSet[28057].meanMotion', 'got 0');
    expectInputError(() => initSgp4(bad({ meanMotion: Number.NaN })), 'elementSet[28057].meanMotion', 'NaN');
    expectInputError(() => initSgp4(bad({ inclination: 4 })), 'elementSet[28057].inclination', 'got 4');
    expectInputError(() => initSgp4(bad({ bstar: Number.POSITIVE_INFINITY })), 'elementSet[28057].bstar', 'Infinity');
    expectInputError(() => initSgp4(bad({ epoch: Number.NaN as Instant })), 'elementSet[28057].epoch', 'NaN');
  });

  it('rejects malformed TLE lines, naming line and columns', () => {
    expectInputError(() => initSgp4FromTle('garbage', leo.line2), 'line 1', '"garbage"');
    expectInputError(() => initSgp4FromTle(leo.line1, leo.line1), 'line 2', leo.line1.slice(0, 20));
    expectInputError(() => initSgp4FromTle(`${leo.line1.slice(0, 20)}xxx.78615833${leo.line1.slice(32)}`, leo.line2), /columns 21-32/, 'xxx.78615833');
    expectInputError(() => initSgp4FromTle(leo.line1, `${leo.line2.slice(0, 8)} abc.def${leo.line2.slice(16)}`), /columns 9-16/, 'abc.def');
    expectInputError(() => initSgp4FromTle(leo.line1, `${leo.line2.slice(0, 52)} 0.00000000${leo.line2.slice(63)}`), /columns 53-63/, '0.00000000');
  });

  it('rejects bad times and options', () => {
    const init = initSgp4(leoSet);
    if (!init.ok) throw new Error('init');
    expectInputError(() => sgp4State(init.satellite, Number.NaN as Instant), 't', 'NaN');
    expectInputError(() => sgp4StateAtMinutes(init.satellite, Number.POSITIVE_INFINITY), 'minutesSinceEpoch', 'Infinity');
    const grid = { start: leoSet.epoch, stepS: 60, count: 2 };
    expectInputError(() => propagateSgp4([leoSet], grid, { frame: 'GCRF' as 'TEME' }), 'frame', '"GCRF"');
    expectInputError(() => propagateSgp4([leoSet], grid, { ids: ['a', 'b'] }), 'ids', 'got 2');
    expectInputError(() => propagateSgp4([leoSet], { ...grid, stepS: 0 }), 'grid', '"stepS":0');
  });

  it('keeps the good objects of a batch with bad ones and reports the bad ones, without throwing', () => {
    const sets = [leoSet, bad({ catalogNumber: 'BAD1', eccentricity: 1.2 }), geoSet, bad({ catalogNumber: 'BAD2', meanMotion: -1 })];
    const table = propagateSgp4(sets, { start: leoSet.epoch, stepS: 60, count: 3 });
    for (let k = 0; k < 3; k++) {
      expect([0, 1, 2, 3].map((i) => table.status[k * 4 + i])).toEqual([0, StateStatus.INVALID_ELEMENTS, 0, StateStatus.INVALID_ELEMENTS]);
      expect(Number.isNaN(table.vz[k * 4 + 1])).toBe(true);
      expect(Number.isFinite(table.vz[k * 4 + 2])).toBe(true);
    }
    expect(table.problems.map((p) => [p.index, p.id, p.code])).toEqual([
      [1, 'BAD1', 10],
      [3, 'BAD2', 10],
    ]);
    expect(table.problems[0].message).toContain('eccentricity');
    expect(table.problems[0].message).toContain('1.2');
  });

  it('uses the fields when a set carries TLE lines that no longer describe them', () => {
    const moved = { ...leoSet, meanAnomaly: leoSet.meanAnomaly + 0.1 };
    const a = initSgp4(moved);
    const b = initSgp4({ ...moved, tleLines: undefined });
    if (!a.ok || !b.ok) throw new Error('init');
    expect(a.satellite.satrec.mo).toBe(b.satellite.satrec.mo);
  });
});
