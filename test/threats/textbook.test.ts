import { describe, expect, it } from 'vitest';
import { atmosphericDensity } from '../../src/bodies/atmosphere.ts';
import { EARTH_RADIUS_MEAN, WGS84 } from '../../src/bodies/earth.ts';
import { flightEarth, flyOnce, flyThreat, type GlideVehicle, threatPreset } from '../../src/threats/index.ts';
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
  // From eccentric anomaly -E... the arc through apoapsis runs from E to 2 pi - E.
  const m1 = E - e * Math.sin(E);
  const m2 = 2 * Math.PI - E - e * Math.sin(2 * Math.PI - E);
  return (m2 - m1) / meanMotion;
}

describe('ballistic flight against Bate, Mueller & White (vacuum, non-rotating, spherical Earth)', () => {
  const traj = flyThreat(threatPreset('icbm'), {
    launch: { lat: 10 * DEG, lon: 20 * DEG },
    aim: { lat: 35 * DEG, lon: 85 * DEG },
    launchTime: asInstant(0),
    earth: textbookEarth,
    missTolerance: 10,
  });
  const burnout = traj.events.burnout;
  const s = new Float64Array(6);
  traj.dense.evaluate(burnout + 1e-6, s, 0, 6);
  const rb = Math.hypot(s[0], s[1], s[2]);
  const vb = Math.hypot(s[3], s[4], s[5]);
  const gammaB = Math.asin((s[0] * s[3] + s[1] * s[4] + s[2] * s[5]) / (rb * vb));
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
  const pb = new Float64Array(3);
  const pc = new Float64Array(3);
  traj.dense.evaluate(burnout + 1e-6, pb, 0, 3);
  traj.dense.evaluate(tCross, pc, 0, 3);
  const psiFlown = Math.acos((pb[0] * pc[0] + pb[1] * pc[1] + pb[2] * pc[2]) / (rb * rAt(tCross)));

  // The closed form, from the burnout speed alone.
  const Q = (vb * vb * rb) / MU;
  const psiBmw = 2 * Math.asin(Q / (2 - Q));
  const gammaBmw = (Math.PI - psiBmw) / 4;
  const a = rb / (2 - Q);
  const e = Math.sqrt(1 + Q * (Q - 2) * Math.cos(gammaBmw) ** 2);

  it('hits its aim', () => {
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
