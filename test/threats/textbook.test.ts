import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atmosphericDensity } from '../../src/bodies/atmosphere.ts';
import { EARTH_RADIUS_MEAN, WGS84 } from '../../src/bodies/earth.ts';
import {
  flightEarth,
  flyOnce,
  flyThreat,
  type GlideVehicle,
  minimumEnergyFlightPathAngleBetween,
  minimumEnergySemiMajorAxis,
  threatPreset,
  type Trajectory,
} from '../../src/threats/index.ts';
import { asInstant } from '../../src/time/instant.ts';
import { expectWithin } from '../helpers/miss.ts';

const DEG = Math.PI / 180;
const MU = WGS84.mu;
const R = EARTH_RADIUS_MEAN;
const textbookEarth = { rotating: false, vacuum: true, spherical: true };

/** Kepler time from radius r on the way up (true anomaly nu) to the symmetric point on the way down. */
function keplerTimeBetweenEqualRadii(a: number, e: number, r: number): number {
  const cosE = (1 - r / a) / e;
  const E = Math.acos(cosE);
  const meanMotion = Math.sqrt(MU / a ** 3);
  // The arc through apoapsis runs from eccentric anomaly E to 2 pi - E.
  const m1 = E - e * Math.sin(E);
  const m2 = 2 * Math.PI - E - e * Math.sin(2 * Math.PI - E);
  return (m2 - m1) / meanMotion;
}

const LAUNCH = { lat: 10 * DEG, lon: 20 * DEG };
const AIM = { lat: 35 * DEG, lon: 85 * DEG };

/** Burnout state of a flown trajectory: radius, speed, flight-path angle, position. */
function burnoutOf(traj: Trajectory) {
  const s = new Float64Array(6);
  traj.dense.evaluate(traj.events.burnout + 1e-6, s, 0, 6);
  const r = Math.hypot(s[0], s[1], s[2]);
  const v = Math.hypot(s[3], s[4], s[5]);
  return { r, v, gamma: Math.asin((s[0] * s[3] + s[1] * s[4] + s[2] * s[5]) / (r * v)), position: s.slice(0, 3) };
}

describe("the least-energy conic between two radii (Lambert's minimum-energy ellipse)", () => {
  /** Burnout parameter Q = v^2 r1 / mu that reaches radius r2 across theta at flight-path angle g (conic equation). */
  const qNeeded = (r1: number, r2: number, theta: number, g: number) =>
    (1 - Math.cos(theta)) / (Math.cos(g) ** 2 * (r1 / r2 - Math.cos(theta)) + Math.sin(g) * Math.cos(g) * Math.sin(theta));

  it("reduces to Bate, Mueller & White's closed form when the radii are equal", () => {
    for (const psiDeg of [10, 45, 90, 140]) {
      const psi = psiDeg * DEG;
      const r = R + 200_000;
      expectWithin(minimumEnergyFlightPathAngleBetween(r, r, psi) / DEG, (180 - psiDeg) / 4, 1e-9, 'deg', `angle at psi ${psiDeg} deg`);
      // BMW: Q = 2 sin(psi/2) / (1 + sin(psi/2)), a = r / (2 - Q).
      const q = (2 * Math.sin(psi / 2)) / (1 + Math.sin(psi / 2));
      expectWithin(minimumEnergySemiMajorAxis(r, r, psi), r / (2 - q), 1e-6, 'm', `semi-major axis at psi ${psiDeg} deg`);
    }
  });

  it('gives the angle that needs the least speed, for any pair of radii and angle (property, against a direct minimisation)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1_500_000, noNaN: true }), fc.double({ min: 0, max: 1_500_000, noNaN: true }), fc.double({ min: 0.05, max: 2.5, noNaN: true }), (h1, h2, theta) => {
        const r1 = R + h1;
        const r2 = R + h2;
        const g = minimumEnergyFlightPathAngleBetween(r1, r2, theta);
        const q = qNeeded(r1, r2, theta, g);
        // The least-energy speed from vis-viva with a = s / 2 ...
        expectWithin(q, r1 * (2 / r1 - 1 / minimumEnergySemiMajorAxis(r1, r2, theta)), 1e-9 * q, '', 'Q at the angle');
        // ... and no neighbouring angle does better.
        for (const d of [-1e-3, 1e-3]) expect(qNeeded(r1, r2, theta, g + d)).toBeGreaterThan(q);
      }),
      { seed: 20260301, numRuns: 300 },
    );
  });
});

describe('ballistic flight against Bate, Mueller & White: the symmetric case (vacuum, non-rotating, spherical Earth)', () => {
  // Bate, Mueller & White's closed form is for burnout and re-entry at the same radius: the aim
  // is put at the burnout height (a few re-solves, since the cutoff moves the burnout a little).
  let aimHeight = 0;
  let traj = flyThreat(threatPreset('icbm'), { launch: LAUNCH, aim: AIM, launchTime: asInstant(0), earth: textbookEarth, missTolerance: 10 });
  for (let k = 0; k < 6 && Math.abs(traj.summary.burnoutHeight - aimHeight) > 1; k++) {
    aimHeight = traj.summary.burnoutHeight;
    traj = flyThreat(threatPreset('icbm'), { launch: LAUNCH, aim: { ...AIM, height: aimHeight }, launchTime: asInstant(0), earth: textbookEarth, missTolerance: 10 });
  }
  const burnout = traj.events.burnout;
  const { r: rb, v: vb, gamma: gammaB, position: pb } = burnoutOf(traj);
  const s = new Float64Array(3);
  const rAt = (t: number) => {
    traj.dense.evaluate(t, s, 0, 3);
    return Math.hypot(s[0], s[1], s[2]);
  };
  // Where the coast comes back down through the burnout radius: bisection on the dense output.
  let lo = traj.events.apogee;
  let hi = traj.events.impact;
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (rAt(mid) > rb) lo = mid;
    else hi = mid;
  }
  const tCross = 0.5 * (lo + hi);
  const pc = new Float64Array(3);
  traj.dense.evaluate(tCross, pc, 0, 3);
  const psiFlown = Math.acos((pb[0] * pc[0] + pb[1] * pc[1] + pb[2] * pc[2]) / (rb * rAt(tCross)));

  // The closed form, from the burnout speed alone.
  const Q = (vb * vb * rb) / MU;
  const psiBmw = 2 * Math.asin(Q / (2 - Q));
  const gammaBmw = (Math.PI - psiBmw) / 4;
  const a = rb / (2 - Q);
  const e = Math.sqrt(1 + Q * (Q - 2) * Math.cos(gammaBmw) ** 2);

  it('passes through its aim at the burnout height (a burnout some 200 km up)', () => {
    expectWithin(aimHeight, traj.summary.burnoutHeight, 1, 'm', 'aim height against burnout height');
    expect(aimHeight).toBeGreaterThan(150_000);
    expect(traj.summary.impactError).toBeLessThan(100);
  });

  it('gives the minimum-energy range angle for its burnout speed within 0.1 %', () => {
    expectWithin(psiFlown / psiBmw - 1, 0, 0.001, '(relative)', 'free-flight range angle');
  });

  it('burns out on the optimum flight-path angle (pi - psi) / 4', () => {
    expectWithin(gammaB / DEG, gammaBmw / DEG, 0.05, 'deg', 'burnout flight-path angle');
  });

  it('takes the Kepler ellipse time between the burnout radius crossings within 1 s', () => {
    expectWithin(tCross - burnout, keplerTimeBetweenEqualRadii(a, e, rb), 1, 's', 'free-flight time');
  });

  it('reaches the Kepler apogee within 1 km', () => {
    expectWithin(traj.summary.apogee, a * (1 + e) - R, 1000, 'm', 'apogee height');
  });
});

describe("ballistic flight from a burnout high above the ground to an aim on it: Lambert's minimum-energy ellipse (vacuum, non-rotating, spherical)", () => {
  const traj = flyThreat(threatPreset('icbm'), { launch: LAUNCH, aim: AIM, launchTime: asInstant(0), earth: textbookEarth, missTolerance: 10 });
  const { r: r1, v: v1, gamma: gamma1, position: p1 } = burnoutOf(traj);
  const p2 = new Float64Array(3);
  traj.dense.evaluate(traj.events.impact, p2, 0, 3);
  const r2 = Math.hypot(p2[0], p2[1], p2[2]);
  const theta = Math.acos((p1[0] * p2[0] + p1[1] * p2[1] + p1[2] * p2[2]) / (r1 * r2));
  // Lambert's minimum-energy ellipse: semi-major axis half the semi-perimeter of the triangle
  // focus-burnout-impact; its parameter, and the time from Lambert's theorem with alpha = pi.
  const c = Math.sqrt(r1 * r1 + r2 * r2 - 2 * r1 * r2 * Math.cos(theta));
  const sp = (r1 + r2 + c) / 2;
  const aMin = sp / 2;
  const pMin = ((r1 * r2) / c) * (1 - Math.cos(theta));
  const eMin = Math.sqrt(1 - pMin / aMin);
  const betaMin = 2 * Math.asin(Math.sqrt((sp - c) / sp));
  const tMin = Math.sqrt(aMin ** 3 / MU) * (Math.PI - betaMin + Math.sin(betaMin));
  // A second method for the angle: the burnout parameter Q = v^2 r1 / mu that reaches radius r2
  // across theta from the conic equation, minimised over gamma (golden section).
  const qNeeded = (g: number) => (1 - Math.cos(theta)) / (Math.cos(g) ** 2 * (r1 / r2 - Math.cos(theta)) + Math.sin(g) * Math.cos(g) * Math.sin(theta));
  let gl = 1 * DEG;
  let gh = 60 * DEG;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const x1 = gh - phi * (gh - gl);
    const x2 = gl + phi * (gh - gl);
    if (qNeeded(x1) < qNeeded(x2)) gh = x2;
    else gl = x1;
  }
  const gammaLeast = 0.5 * (gl + gh);
  // The range angle the burnout state's own conic gives down to radius r2.
  const Q = (v1 * v1 * r1) / MU;
  const p = r1 * Q * Math.cos(gamma1) ** 2;
  const e = Math.sqrt(1 + Q * (Q - 2) * Math.cos(gamma1) ** 2);
  const nu1 = Math.atan2((p / r1) * Math.tan(gamma1), p / r1 - 1);
  const nu2 = 2 * Math.PI - Math.acos((p / r2 - 1) / e);

  it('is a genuinely unsymmetric case: the optimum differs from (pi - theta) / 4 by more than 0.3 deg', () => {
    expect(r1 - r2).toBeGreaterThan(150_000);
    expect(Math.abs(gammaLeast - (Math.PI - theta) / 4) / DEG).toBeGreaterThan(0.3);
  });

  it('burns out on the flight-path angle that needs the least speed to reach the impact point', () => {
    expectWithin(gamma1 / DEG, gammaLeast / DEG, 0.05, 'deg', 'burnout flight-path angle');
  });

  it('burns out at the least speed of any conic from the burnout point to the impact point (within 1e-5)', () => {
    expectWithin(v1 / Math.sqrt(MU * (2 / r1 - 1 / aMin)) - 1, 0, 1e-5, '(relative)', 'burnout speed');
  });

  it("flies the burnout state's Kepler range angle within 0.1 %", () => {
    expectWithin(theta / (nu2 - nu1) - 1, 0, 0.001, '(relative)', 'free-flight range angle');
  });

  it("takes Lambert's minimum-energy time from burnout to impact within 1 s", () => {
    expectWithin(traj.events.impact - traj.events.burnout, tMin, 1, 's', 'free-flight time');
  });

  it('reaches the minimum-energy ellipse apogee within 1 km', () => {
    expectWithin(traj.summary.apogee, aMin * (1 + eMin) - R, 1000, 'm', 'apogee height');
  });
});

describe('hypersonic glide against the equilibrium-glide closed forms (Eggers)', () => {
  const base = threatPreset('htv-2') as GlideVehicle;
  const v0 = 6000;
  const vf = 2500;
  const vehicle: GlideVehicle = { ...base, minimumSpeed: vf, diveAngle: 80 * DEG };
  const earth = flightEarth({ rotating: false, spherical: true });
  const beta = 13000;
  const ld = 2.6;
  // Equilibrium-glide density at v0 from the closed form, then the height by bisection.
  const densityEq = (v: number, r: number) => (2 * beta * (MU / (r * r) - (v * v) / r)) / (ld * v * v);
  const heightFor = (v: number) => {
    let lo = 20_000;
    let hi = 90_000;
    for (let i = 0; i < 60; i++) {
      const mid = 0.5 * (lo + hi);
      if (atmosphericDensity(mid) > densityEq(v, R + mid)) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  const h0 = heightFor(v0);
  const r0 = R + h0;
  const start = Float64Array.of(r0, 0, 0, 0, v0, 0);
  const aim = Float64Array.of(R * Math.cos(170 * DEG), R * Math.sin(170 * DEG), 0);
  const o = flyOnce(
    { vehicle, earth, launchLat: 0, launchLon: 0, aim, manoeuvres: [], integrator: { method: 'dopri5', rtol: 1e-9, step: 1 }, gliderStart: start },
    { azimuth: 90 * DEG, cutoff: 0, burnoutFlightPathAngle: 0 },
  );
  const end = o.finalState;
  const rangeFlown = Math.atan2(end[1], end[0]) * R;
  const g = MU / (r0 * r0);
  const gR = g * r0;
  const vc = Math.sqrt(gR);
  const rangeEggers = ld * (r0 / 2) * Math.log((gR - vf * vf) / (gR - v0 * v0));
  const timeEggers = ld * (vc / (2 * g)) * Math.log(((1 + v0 / vc) * (1 - vf / vc)) / ((1 - v0 / vc) * (1 + vf / vc)));

  it('starts at the equilibrium-glide height of the closed form (HTV-2: about 45-60 km at 6 km/s)', () => {
    expect(h0).toBeGreaterThan(40_000);
    expect(h0).toBeLessThan(65_000);
  });

  it('glides until it slows to the final speed', () => {
    expect(o.end).toBe('fell-short');
  });

  it("stays on the equilibrium path: height within 2 km of the closed form's at each speed", () => {
    const s = new Float64Array(6);
    for (let t = 100; t < o.impact - 50; t += 100) {
      o.dense.evaluate(t, s, 0, 6);
      const v = Math.hypot(s[3], s[4], s[5]);
      expectWithin(Math.hypot(s[0], s[1], s[2]) - R, heightFor(v), 2000, 'm', `height at ${t} s`);
    }
  });

  it("covers Eggers' range within 5 %", () => {
    expectWithin(rangeFlown / rangeEggers - 1, 0, 0.05, '(relative)', `range (flown ${(rangeFlown / 1000).toFixed(0)} km)`);
  });

  it("takes Eggers' time within 5 %", () => {
    expectWithin(o.impact / timeEggers - 1, 0, 0.05, '(relative)', `time (flown ${o.impact.toFixed(0)} s)`);
  });
});
