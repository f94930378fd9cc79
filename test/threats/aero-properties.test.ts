import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atmosphericDensity } from '../../src/bodies/atmosphere.ts';
import { integrate } from '../../src/math/ode/index.ts';
import {
  bearing,
  blackbodyFractionBelow,
  cavhBestAlphaDeg,
  cavhDrag,
  cavhLift,
  centralAngle,
  flyThreat,
  gliderAero,
  maxLiftToDrag,
  threatPreset,
} from '../../src/threats/index.ts';
import { asInstant } from '../../src/time/instant.ts';
import { expectWithin } from '../helpers/miss.ts';

const DEG = Math.PI / 180;

describe('CAV-H aerodynamics', () => {
  it('has its best L/D where a scan of angles of attack finds it', () => {
    for (const mach of [5, 10, 20]) {
      let best = 0;
      let bestAlpha = 0;
      for (let a = 0; a <= 30; a += 0.001) {
        const ld = cavhLift(a, mach) / cavhDrag(a, mach);
        if (ld > best) {
          best = ld;
          bestAlpha = a;
        }
      }
      expectWithin(cavhBestAlphaDeg(mach), bestAlpha, 0.002, 'deg', `best alpha at Mach ${mach}`);
      expectWithin(maxLiftToDrag({ model: 'cav-h', referenceArea: 0.4839, maxAngleOfAttack: 20 * DEG }, mach), best, 1e-6, '', `best L/D at Mach ${mach}`);
    }
  });

  it('delivers the lift asked for up to its best-L/D lift, with drag from the fits', () => {
    const aero = { model: 'cav-h' as const, referenceArea: 0.4839, maxAngleOfAttack: 20 * DEG };
    const out = { drag: 0, lift: 0, angleOfAttack: 0 };
    const qs = (20_000 * 0.4839) / 907.2;
    gliderAero(aero, 20_000, 15, 907.2, 2, out);
    expectWithin(out.lift, 2, 1e-9, 'm/s^2', 'lift');
    const alphaDeg = out.angleOfAttack / DEG;
    expectWithin(out.drag, qs * cavhDrag(alphaDeg, 15), 1e-9, 'm/s^2', 'drag');
    // Asking for more than the best-L/D lift gives that lift, no more.
    gliderAero(aero, 20_000, 15, 907.2, 50, out);
    const best = cavhBestAlphaDeg(15);
    expectWithin(out.lift, qs * cavhLift(best, 15), 1e-9, 'm/s^2', 'capped lift');
  });

  it('flies a CAV-H glide to its aim', () => {
    const t = flyThreat(threatPreset('cav-h'), { launch: { lat: 30 * DEG, lon: -100 * DEG }, aim: { lat: 10 * DEG, lon: -40 * DEG }, launchTime: asInstant(0) });
    expect(t.summary.impactError).toBeLessThan(1000);
    expect(t.phases.some((p) => p.phase === 'glide')).toBe(true);
  });
});

describe('properties', () => {
  it('the blackbody fraction below a wavelength rises from 0 to 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-7, max: 1e-3, noNaN: true }), fc.double({ min: 1.001, max: 3, noNaN: true }), fc.double({ min: 200, max: 5000, noNaN: true }), (l, k, t) => {
        const a = blackbodyFractionBelow(l, t);
        const b = blackbodyFractionBelow(l * k, t);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(1);
        expect(b).toBeGreaterThanOrEqual(a - 1e-12);
      }),
    );
  });

  it('air density falls with height everywhere from -5 km to 2,000 km', () => {
    fc.assert(
      fc.property(fc.double({ min: -5000, max: 2e6, noNaN: true }), fc.double({ min: 0.1, max: 5000, noNaN: true }), (h, dh) => {
        expect(atmosphericDensity(h + dh)).toBeLessThan(atmosphericDensity(h));
      }),
    );
  });

  it('integrating forward then back returns to the start', () => {
    const f = (_t: number, y: Float64Array, d: Float64Array) => {
      d[0] = y[1];
      d[1] = -Math.sin(y[0]);
    };
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 20, noNaN: true }), (x, v, span) => {
        const there = integrate(f, 0, [x, v], span, { rtol: 1e-11, atol: 1e-13 });
        const back = integrate(f, span, there.y, 0, { rtol: 1e-11, atol: 1e-13 });
        expect(Math.abs(back.y[0] - x) + Math.abs(back.y[1] - v)).toBeLessThan(1e-7);
      }),
      { numRuns: 50 },
    );
  });

  it('the bearing from A to B points along the great circle that reaches B', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0, max: 359, noNaN: true }),
        fc.double({ min: 0.01, max: 2.5, noNaN: true }),
        (latDeg, lonDeg, azDeg, c) => {
          const lat = latDeg * DEG;
          const lon = lonDeg * DEG;
          const az = azDeg * DEG;
          const lat2 = Math.asin(Math.sin(lat) * Math.cos(c) + Math.cos(lat) * Math.sin(c) * Math.cos(az));
          const lon2 = lon + Math.atan2(Math.sin(az) * Math.sin(c) * Math.cos(lat), Math.cos(c) - Math.sin(lat) * Math.sin(lat2));
          const a = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
          const b = [Math.cos(lat2) * Math.cos(lon2), Math.cos(lat2) * Math.sin(lon2), Math.sin(lat2)];
          expect(Math.abs(centralAngle(a, b) - c)).toBeLessThan(1e-9);
          const diff = Math.atan2(Math.sin(bearing(a, b) - az), Math.cos(bearing(a, b) - az));
          expect(Math.abs(diff)).toBeLessThan(1e-7);
        },
      ),
    );
  });
});
