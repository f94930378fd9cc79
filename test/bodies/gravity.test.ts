import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { J2, WGS84 } from '../../src/bodies/earth.ts';
import { EARTH_GRAVITY_J2, EARTH_GRAVITY_POINT_MASS, gravityAcceleration, gravityPotential } from '../../src/bodies/gravity.ts';
import { expectWithin } from '../helpers/miss.ts';

describe('gravity, point mass + J2', () => {
  it('is mu / r^2 toward the centre without J2', () => {
    const a = gravityAcceleration(EARTH_GRAVITY_POINT_MASS, 7e6, 0, 0, new Float64Array(3));
    expectWithin(a[0], -WGS84.mu / 49e12, 1e-12, 'm/s^2', 'radial');
    expect(Math.abs(a[1])).toBe(0);
  });

  it('matches the closed-form J2 values at the equator and the pole', () => {
    const r = 7e6;
    const k = 1.5 * J2 * (WGS84.a / r) ** 2;
    const g0 = WGS84.mu / (r * r);
    const eq = gravityAcceleration(EARTH_GRAVITY_J2, r, 0, 0, new Float64Array(3));
    const pole = gravityAcceleration(EARTH_GRAVITY_J2, 0, 0, r, new Float64Array(3));
    // Equator: -g0 (1 + 3/2 J2 (a/r)^2); pole: -g0 (1 - 3 J2 (a/r)^2).
    expectWithin(eq[0], -g0 * (1 + k), 1e-12, 'm/s^2', 'equator');
    expectWithin(pole[2], -g0 * (1 - 2 * k), 1e-12, 'm/s^2', 'pole');
  });

  it('is the gradient of its potential (central differences)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 6.4e6, max: 4.2e7, noNaN: true }),
        (ux, uy, uz, r) => {
          const n = Math.hypot(ux, uy, uz);
          fc.pre(n > 0.1);
          const p = [(ux / n) * r, (uy / n) * r, (uz / n) * r];
          const a = gravityAcceleration(EARTH_GRAVITY_J2, p[0], p[1], p[2], new Float64Array(3));
          const h = 1;
          for (let i = 0; i < 3; i++) {
            const plus = [...p];
            const minus = [...p];
            plus[i] += h;
            minus[i] -= h;
            const grad = -(gravityPotential(EARTH_GRAVITY_J2, plus[0], plus[1], plus[2]) - gravityPotential(EARTH_GRAVITY_J2, minus[0], minus[1], minus[2])) / (2 * h);
            expect(Math.abs(grad - a[i])).toBeLessThan(1e-6 * Math.hypot(a[0], a[1], a[2]));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
