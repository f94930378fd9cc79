import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/math/errors.ts';
import { meanFromTrueAnyConic, trueFromMeanAnyConic } from '../../src/orbits/anomaly.ts';
import { elementsFromState, stateFromElements } from '../../src/orbits/elements.ts';
import { propagateKepler, propagateKeplerState } from '../../src/orbits/kepler.ts';
import { stateVector } from '../../src/frames/types.ts';
import { asInstant } from '../../src/time/instant.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

const MU = 398600.4418e9;

describe('Kepler propagation, universal variables', () => {
  // Vallado, Fundamentals of Astrodynamics and Applications, example 2-4 (KEPLER).
  it("reproduces Vallado's example 2-4 within 1 m and 1 mm/s", () => {
    const r0 = [1131.34, -2282.343, 6672.423].map((k) => k * 1000);
    const v0 = [-5.64305, 4.30333, 2.42879].map((k) => k * 1000);
    const { r, v } = propagateKepler(r0, v0, 40 * 60, MU);
    expectVectorWithin(r, [-4219752.7, 4363029.2, -3958766.6], 1, 'm', 'position after 40 min');
    expectVectorWithin(v, [3689.866, -1916.735, -6112.511], 1e-3, 'm/s', 'velocity after 40 min');
  });

  it('keeps the frame and moves the epoch of a StateVector', () => {
    const s = stateVector('TEME', asInstant(100), [7e6, 0, 0], [0, 7546, 0]);
    const later = propagateKeplerState(s, asInstant(400));
    expect(later.frame).toBe('TEME');
    expect(later.t).toBe(400);
  });

  it('moves a circular orbit through n dt of arc (closed form)', () => {
    const a = 7.2e6;
    const n = Math.sqrt(MU / a ** 3);
    const vc = Math.sqrt(MU / a);
    const dt = 1234.5;
    const { r, v } = propagateKepler([a, 0, 0], [0, vc, 0], dt, MU);
    expectVectorWithin(r, [a * Math.cos(n * dt), a * Math.sin(n * dt), 0], 1e-6, 'm');
    expectVectorWithin(v, [-vc * Math.sin(n * dt), vc * Math.cos(n * dt), 0], 1e-9, 'm/s');
  });

  const ellipse = fc.record({
    a: fc.double({ min: 6.6e6, max: 5e7, noNaN: true }),
    e: fc.double({ min: 0, max: 0.95, noNaN: true }),
    i: fc.double({ min: 0, max: Math.PI, noNaN: true }),
    raan: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
    w: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
    nu: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
    dt: fc.double({ min: -2e5, max: 2e5, noNaN: true }),
  });

  it('agrees with Kepler\'s equation solved through the elements (a second method)', () => {
    fc.assert(
      fc.property(ellipse, ({ a, e, i, raan, w, nu, dt }) => {
        const el = { semiMajorAxis: a, eccentricity: e, inclination: i, raan, argOfPerigee: w, trueAnomaly: nu };
        const s0 = stateFromElements(el, MU);
        const n = Math.sqrt(MU / a ** 3);
        const m1 = meanFromTrueAnyConic(nu, e) + n * dt;
        const expected = stateFromElements({ ...el, trueAnomaly: trueFromMeanAnyConic(m1, e) }, MU);
        const got = propagateKepler(s0.r, s0.v, dt, MU);
        // The reference itself loses ~|M| * 1e-16 rad in the anomaly; allow a micrometre per 1e4 km of orbit.
        expectVectorWithin(got.r, expected.r, 2e-4 + 1e-12 * a * (1 + Math.abs(n * dt)), 'm', 'position');
      }),
      { numRuns: 300 },
    );
  });

  const hyperbola = fc.record({
    rp: fc.double({ min: 6.6e6, max: 5e7, noNaN: true }),
    e: fc.double({ min: 1.05, max: 5, noNaN: true }),
    i: fc.double({ min: 0, max: Math.PI, noNaN: true }),
    nuFraction: fc.double({ min: -0.9, max: 0.9, noNaN: true }),
    dt: fc.double({ min: -5e4, max: 5e4, noNaN: true }),
  });

  it('conserves energy and angular momentum on ellipses and hyperbolas, and runs back to the start', () => {
    const check = (r0: Float64Array, v0: Float64Array, dt: number) => {
      const { r, v } = propagateKepler(r0, v0, dt, MU);
      const energy = (s: ArrayLike<number>, q: ArrayLike<number>) => (q[0] ** 2 + q[1] ** 2 + q[2] ** 2) / 2 - MU / Math.hypot(s[0], s[1], s[2]);
      const h = (s: ArrayLike<number>, q: ArrayLike<number>) => [s[1] * q[2] - s[2] * q[1], s[2] * q[0] - s[0] * q[2], s[0] * q[1] - s[1] * q[0]];
      const e0 = energy(r0, v0);
      expectWithin(energy(r, v), e0, 1e-10 * Math.abs(e0) + 1e-6, 'J/kg', 'specific energy');
      const h0 = h(r0, v0);
      expectVectorWithin(h(r, v), h0, 1e-10 * Math.hypot(h0[0], h0[1], h0[2]), 'm^2/s', 'angular momentum');
      const back = propagateKepler(r, v, -dt, MU);
      // Round-off in the anomaly grows with the revolutions flown: a phase error of about
      // 1e-12 n dt moves the point by a times that.
      const a = MU / (2 * Math.abs(e0));
      const anomalyFlown = Math.sqrt(MU / a ** 3) * Math.abs(dt);
      expectVectorWithin(back.r, r0, 1e-5 * (1 + Math.hypot(r[0], r[1], r[2]) / 1e7) + 1e-12 * a * anomalyFlown, 'm', 'position after there and back');
    };
    fc.assert(
      fc.property(ellipse, ({ a, e, i, raan, w, nu, dt }) => {
        const s = stateFromElements({ semiMajorAxis: a, eccentricity: e, inclination: i, raan, argOfPerigee: w, trueAnomaly: nu }, MU);
        check(s.r, s.v, dt);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(hyperbola, ({ rp, e, i, nuFraction, dt }) => {
        const a = rp / (1 - e);
        const nu = nuFraction * Math.acos(-1 / e);
        const s = stateFromElements({ semiMajorAxis: a, eccentricity: e, inclination: i, raan: 0.3, argOfPerigee: 1.1, trueAnomaly: nu }, MU);
        check(s.r, s.v, dt);
      }),
      { numRuns: 200 },
    );
  });

  it('follows the hyperbolic Kepler equation (closed form through the elements)', () => {
    const e = 1.8;
    const a = -2e7;
    const el = { semiMajorAxis: a, eccentricity: e, inclination: 0.7, raan: 2, argOfPerigee: 4, trueAnomaly: -1.2 };
    const s0 = stateFromElements(el, MU);
    const dt = 20000;
    const n = Math.sqrt(MU / (-a) ** 3);
    const expected = stateFromElements({ ...el, trueAnomaly: trueFromMeanAnyConic(meanFromTrueAnyConic(-1.2, e) + n * dt, e) }, MU);
    const got = propagateKepler(s0.r, s0.v, dt, MU);
    expectVectorWithin(got.r, expected.r, 1e-3, 'm', 'hyperbolic position');
    expectVectorWithin(got.v, expected.v, 1e-9 * 1e4, 'm/s', 'hyperbolic velocity');
    const back = elementsFromState(got.r, got.v, MU);
    expectWithin(back.eccentricity, e, 1e-10, '', 'eccentricity');
  });

  it('handles a near-parabolic orbit', () => {
    const rp = 7e6;
    const vp = Math.sqrt((2 * MU) / rp) * (1 + 1e-13);
    const { r, v } = propagateKepler([rp, 0, 0], [0, vp, 0], 3600, MU);
    // Barker's equation for the parabola: t = sqrt(2 rp^3 / mu) (D + D^3/3), D = tan(nu/2).
    const k = Math.sqrt((2 * rp ** 3) / MU);
    let D = 1;
    for (let it = 0; it < 100; it++) D -= (k * (D + D ** 3 / 3) - 3600) / (k * (1 + D * D));
    const nu = 2 * Math.atan(D);
    const radius = (2 * rp) / (1 + Math.cos(nu));
    expectVectorWithin(r, [radius * Math.cos(nu), radius * Math.sin(nu), 0], 1e-3, 'm', 'parabolic position');
    expectWithin(Math.hypot(v[0], v[1], v[2]), Math.sqrt((2 * MU) / radius), 1e-6, 'm/s', 'escape speed');
  });

  it('names the field and value of bad input', () => {
    expect(() => propagateKepler([7e6, 0, 0], [0, 7.5e3, 0], Number.NaN, MU)).toThrow(/dt: .*NaN/);
    expect(() => propagateKepler([7e6, 0, 0], [0, 7.5e3, 0], 1, -1)).toThrow(/mu: .*-1/);
    expect(() => propagateKepler([0, 0, 0], [0, 7.5e3, 0], 1, MU)).toThrow(/r0: .*\[0,0,0\]/);
    expect(() => propagateKepler([7e6, Number.POSITIVE_INFINITY, 0], [0, 7.5e3, 0], 1, MU)).toThrow(InputError);
    expect(() => propagateKepler([7e6, 0, 0], [0, Number.NaN, 0], 1, MU)).toThrow(/v0\[1\]: .*NaN/);
  });
});
