import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineOfSightMargin, positionsOf, sensorMargin, siteElevationMargin } from '../../src/access/conditions.ts';
import { all, any, findIntervals } from '../../src/access/intervals.ts';
import { type StateSource, groundSite, stateTableSource } from '../../src/access/trajectory.ts';
import { EARTH_ROTATION_RATE, WGS84 } from '../../src/bodies/earth.ts';
import { gmst } from '../../src/frames/gmst.ts';
import { InputError } from '../../src/math/errors.ts';
import { DEG } from '../../src/math/units.ts';
import { sensorFromConfig } from '../../src/sensors/sensor-config.ts';
import { SensorModel } from '../../src/sensors/sensor-model.ts';
import { timeGrid } from '../../src/time/grid.ts';
import type { Instant } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';
import { type CircularOrbit, circularState, circularStateTable } from '../coverage/circular-orbits.ts';

const t0 = parseIsoUtc('2026-03-01T00:00:00Z');
const at = (s: number) => (t0 + s) as Instant;
const R = WGS84.a;

const circularSource = (orbit: CircularOrbit): StateSource => ({ stateAt: (t, out) => circularState(orbit, t0, t, out) });

describe('interval finding', () => {
  it('finds the roots of a sine to 1 ms, sorted and disjoint', () => {
    const margin = (t: Instant) => Math.sin(((t - t0) * 2 * Math.PI) / 100);
    const iv = findIntervals(margin, t0, at(1000), { step: 7 });
    expect(iv.length).toBe(10);
    iv.forEach((x, k) => {
      expectWithin(x.start - t0, 100 * k, 1e-3, 's', `start ${k}`);
      expectWithin(x.end - t0, 100 * k + 50, 1e-3, 's', `end ${k}`);
    });
  });

  it('intervals are sorted, disjoint, and their edges hold the margin to the tolerance (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.double({ min: 0.1, max: 2, noNaN: true }), p: fc.double({ min: 30, max: 400, noNaN: true }), f: fc.double({ min: 0, max: 6.28, noNaN: true }) }), { minLength: 1, maxLength: 3 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (terms, bias) => {
          const margin = (t: Instant) => bias + terms.reduce((s, { a, p, f }) => s + a * Math.sin(((t - t0) * 2 * Math.PI) / p + f), 0);
          const iv = findIntervals(margin, t0, at(2000), { step: 5 });
          for (let k = 0; k < iv.length; k++) {
            expect(iv[k].end).toBeGreaterThanOrEqual(iv[k].start);
            if (k > 0) expect(iv[k].start).toBeGreaterThan(iv[k - 1].end);
            expect(margin(iv[k].start)).toBeGreaterThanOrEqual(0);
            expect(margin(iv[k].end)).toBeGreaterThanOrEqual(0);
            if (iv[k].start > t0) expect(margin((iv[k].start - 1e-3) as Instant)).toBeLessThan(0);
            if (iv[k].end < at(2000)) expect(margin((iv[k].end + 1e-3) as Instant)).toBeLessThan(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('all is the minimum and any the maximum', () => {
    const a = () => 1;
    const b = () => -2;
    expect(all(a, b)(t0)).toBe(-2);
    expect(any(a, b)(t0)).toBe(1);
  });

  it('rejects a step larger than the window and a window that ends before it starts, naming the field', () => {
    expect(() => findIntervals(() => 1, t0, at(60), { step: 120 })).toThrow(/^step: .*got 120/);
    expect(() => findIntervals(() => 1, at(60), t0, { step: 1 })).toThrow(InputError);
    expect(() => timeGrid(t0, 60, 120)).toThrow(/^step: .*got 120/);
  });
});

describe('satellite to ground access', () => {
  it('an overhead equatorial pass lasts 2 lambda / (n - omega_E) above the minimum elevation (closed form)', () => {
    const h = 800e3;
    const e = 10 * DEG;
    const orbit: CircularOrbit = { altitude: h, inclination: 0, raan: 0, argumentOfLatitude: 0 };
    const a = R + h;
    const n = Math.sqrt(WGS84.mu / (a * a * a));
    // The site on the equator under the satellite 20 minutes in.
    const s = circularState(orbit, t0, at(1200));
    const site = groundSite({ lat: 0, lon: Math.atan2(s[1], s[0]), height: 0 });
    const model = new SensorModel(sensorFromConfig({ type: 'staring-ir' }), { minElevation: e });
    const iv = findIntervals(sensorMargin(model, circularSource(orbit), site), t0, at(2400), { step: 10 });
    expect(iv.length).toBe(1);
    const lambda = Math.PI / 2 - e - Math.asin((R * Math.cos(e)) / a);
    const expected = (2 * lambda) / (n - EARTH_ROTATION_RATE);
    expectWithin(iv[0].end - iv[0].start, expected, 2e-3, 's', 'pass duration');
    expectWithin((iv[0].start + iv[0].end) / 2 - t0, 1200, 2e-3, 's', 'pass centre');
    // The elevation condition alone gives the same interval.
    const iv2 = findIntervals(siteElevationMargin(site, positionsOf(circularSource(orbit)), e), t0, at(2400), { step: 10 });
    expectWithin(iv2[0].start, iv[0].start, 2e-3, 's');
  });

  it('a crosslink between two satellites of one circular orbit holds while their chord clears the grazing altitude', () => {
    const h = 1000e3;
    const hg = 100e3;
    const limit = 2 * Math.acos((R + hg) / (R + h));
    const a: CircularOrbit = { altitude: h, inclination: 0, raan: 0, argumentOfLatitude: 0 };
    const near: CircularOrbit = { ...a, argumentOfLatitude: limit - 0.5 * DEG };
    const far: CircularOrbit = { ...a, argumentOfLatitude: limit + 0.5 * DEG };
    const open = findIntervals(lineOfSightMargin(positionsOf(circularSource(a)), positionsOf(circularSource(near)), hg), t0, at(3600), { step: 30 });
    const closed = findIntervals(lineOfSightMargin(positionsOf(circularSource(a)), positionsOf(circularSource(far)), hg), t0, at(3600), { step: 30 });
    expect(open).toEqual([{ start: t0, end: at(3600) }]);
    expect(closed).toEqual([]);
  });

  it('state tables are interpolated to under a metre at 60 s steps (cubic Hermite against the closed form)', () => {
    const orbit: CircularOrbit = { altitude: 550e3, inclination: 53 * DEG, raan: 1, argumentOfLatitude: 2 };
    const grid = timeGrid(t0, 3600, 60);
    const source = stateTableSource(circularStateTable([orbit], grid), 0);
    const got = new Float64Array(6);
    for (const s of [0, 17.3, 1799.9, 3540.5, 3600]) {
      source.stateAt(at(s), got);
      const want = circularState(orbit, t0, at(s));
      expectVectorWithin(got, want, 1, 'm', `position at ${s} s`);
      expectVectorWithin(got.subarray(3), want.subarray(3), 0.05, 'm/s', `velocity at ${s} s`);
    }
    source.stateAt(at(3601), got);
    expect(Number.isNaN(got[0])).toBe(true);
  });

  it('needs the Sun for an electro-optical imager, and says so', () => {
    const model = new SensorModel(sensorFromConfig({ type: 'eo-imager' }));
    const site = groundSite({ lat: 0, lon: 0, height: 0 });
    expect(() => sensorMargin(model, circularSource({ altitude: 5e5, inclination: 0, raan: 0, argumentOfLatitude: 0 }), site)).toThrow(/^sunPosition/);
    expect(gmst(t0)).toBeGreaterThanOrEqual(0);
  });
});
