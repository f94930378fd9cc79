import { describe, expect, it } from 'vitest';
import { Random } from '../../src/math/random.ts';
import { cholesky } from '../../src/math/linalg.ts';
import {
  ExtendedKalmanFilter, UnscentedKalmanFilter, UpdateWorkspace, kalmanUpdate, measurementMoments,
} from '../../src/tracking/filters/gaussian-filter.ts';
import { ImmEstimator } from '../../src/tracking/filters/imm.ts';
import { BearingMeasurement, LinearMeasurement } from '../../src/tracking/measurement.ts';
import { FlightModel, LinearModel, ballisticModel, glideModel, nearlyConstantAccelerationModel } from '../../src/tracking/models/transition.ts';
import type { Instant } from '../../src/time/instant.ts';
import { expectWithin } from '../helpers/miss.ts';

/** Chi-square quantile by bisection on the regularised gamma series: independent of src/. */
function chi2Quantile(p: number, k: number): number {
  const cdf = (x: number) => {
    // P(k/2, x/2) by its series.
    const a = k / 2;
    const z = x / 2;
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 2000; n++) {
      term *= z / (a + n);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    let lg = 0; // log Gamma(a) by Lanczos-free recursion for half-integers
    for (let t = a; t > 1; t -= 1) lg += Math.log(t - 1);
    if (Math.abs(a - Math.round(a)) > 1e-9) lg += Math.log(Math.sqrt(Math.PI));
    return Math.exp(a * Math.log(z) - z - lg) * sum;
  };
  let lo = 0;
  let hi = k + 40 * Math.sqrt(2 * k) + 50;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('Kalman filters', () => {
  it('EKF and UKF on a linear model equal the textbook Kalman filter', () => {
    // Constant velocity in 1-D: F = [[1, dt], [0, 1]], Q = q [[dt^3/3, dt^2/2], [dt^2/2, dt]], z = x + noise.
    const q = 0.5;
    const model = new LinearModel(
      2,
      (dt, out) => out.set([1, dt, 0, 1]),
      (dt, out) => out.set([(q * dt ** 3) / 3, (q * dt ** 2) / 2, (q * dt ** 2) / 2, q * dt]),
    );
    const r = 4;
    const meas = new LinearMeasurement(1, 2, [1, 0], [r]);
    for (const filter of [new ExtendedKalmanFilter(2, 1), new UnscentedKalmanFilter(2, 1)]) {
      const x = new Float64Array([1, 2]);
      const P = new Float64Array([3, 0.5, 0.5, 2]);
      // Textbook by hand.
      let [a, b] = [1, 2];
      let [p11, p12, p22] = [3, 0.5, 2];
      const zs = [4.2, 5.1, 9.3, 10.2];
      const ws = new UpdateWorkspace(2, 1);
      const mom = measurementMoments(2, 1);
      for (const z of zs) {
        const dt = 1.5;
        filter.predict(model, x, P, dt);
        [a, b] = [a + dt * b, b];
        const n11 = p11 + 2 * dt * p12 + dt * dt * p22 + (q * dt ** 3) / 3;
        const n12 = p12 + dt * p22 + (q * dt ** 2) / 2;
        const n22 = p22 + q * dt;
        [p11, p12, p22] = [n11, n12, n22];
        filter.moments(meas, x, P, mom);
        kalmanUpdate(x, P, mom, 1, [z - mom.zPred[0]], [1], 1, 0, ws);
        const s = p11 + r;
        const k1 = p11 / s;
        const k2 = p12 / s;
        const nu = z - a;
        [a, b] = [a + k1 * nu, b + k2 * nu];
        [p11, p12, p22] = [(1 - k1) * p11, (1 - k1) * p12, p22 - k2 * p12];
        expectWithin(x[0], a, 1e-9, 'm', `${filter.kind} position`);
        expectWithin(x[1], b, 1e-9, 'm/s', `${filter.kind} velocity`);
        expectWithin(P[0], p11, 1e-9, 'm^2', `${filter.kind} P11`);
        expectWithin(P[1], p12, 1e-9, 'm^2/s', `${filter.kind} P12`);
        expectWithin(P[3], p22, 1e-9, 'm^2/s^2', `${filter.kind} P22`);
      }
    }
  });

  it('the kinematic nearly-constant-acceleration model is exactly the textbook polynomial', () => {
    const m = nearlyConstantAccelerationModel(1, 0, false);
    const x = new Float64Array([1, 2, 3, 4, 5, 6, 0.1, 0.2, 0.3]);
    const out = new Float64Array(9);
    m.propagate(x, 2, out);
    expectWithin(out[0], 1 + 4 * 2 + 0.5 * 0.1 * 4, 1e-12, 'm', 'x');
    expectWithin(out[5], 6 + 0.3 * 2, 1e-12, 'm/s', 'vz');
  });

  // Second order in the step: the Coriolis coupling of a into position (2 w dt^3 / 6 = 2.4e-5 at 1 s) is left out.
  it("the flight model's transition matrix matches finite differences of its propagation", () => {
    for (const model of [ballisticModel(), glideModel(), nearlyConstantAccelerationModel()]) {
      const x = new Float64Array([6500e3, 1200e3, 900e3, -1000, 5000, 2000, 3, -2, 5]);
      const F = new Float64Array(81);
      model.jacobian(x, 1, F);
      const base = new Float64Array(9);
      model.propagate(x, 1, base);
      for (let j = 0; j < 9; j++) {
        const h = j < 3 ? 10 : j < 6 ? 0.1 : 0.01;
        const xp = x.slice();
        xp[j] += h;
        const out = new Float64Array(9);
        model.propagate(xp, 1, out);
        for (let i = 0; i < 9; i++) {
          const fd = (out[i] - base[i]) / h;
          expect(Math.abs(fd - F[i * 9 + j]), `${model.name} F[${i}][${j}]: ${F[i * 9 + j]} vs ${fd}`).toBeLessThan(5e-5 + 1e-4 * Math.abs(fd));
        }
      }
    }
  });

  it('EKF and UKF agree on a near-linear bearing update', () => {
    const x0 = new Float64Array([6400e3, 500e3, 1200e3, 1000, 5000, 1000, 0, 0, 0]);
    const P0 = new Float64Array(81);
    for (let i = 0; i < 9; i++) P0[i * 10] = i < 3 ? 200 ** 2 : i < 6 ? 20 ** 2 : 1;
    const sensor = [6400e3 + 1500e3, -800e3, 2500e3];
    const results = [new ExtendedKalmanFilter(9), new UnscentedKalmanFilter(9)].map((filter) => {
      const x = x0.slice();
      const P = P0.slice();
      filter.predict(ballisticModel(), x, P, 0.5);
      const m = new BearingMeasurement(9);
      m.setGeometry(sensor, [x[0] - sensor[0], x[1] - sensor[1], x[2] - sensor[2]], 50e-6);
      const truth = [x[0] + 150, x[1] - 100, x[2] + 50];
      const los = [truth[0] - sensor[0], truth[1] - sensor[1], truth[2] - sensor[2]];
      const n = Math.hypot(los[0], los[1], los[2]);
      const z = new Float64Array(2);
      m.project([los[0] / n, los[1] / n, los[2] / n], z);
      const mom = measurementMoments(9, 2);
      filter.moments(m, x, P, mom);
      kalmanUpdate(x, P, mom, 2, [z[0] - mom.zPred[0], z[1] - mom.zPred[1]], [1], 1, 0, new UpdateWorkspace(9));
      return { x, P };
    });
    const [ekf, ukf] = results;
    for (let i = 0; i < 3; i++) expectWithin(ukf.x[i], ekf.x[i], 0.5, 'm', `position ${i}`);
    for (let i = 3; i < 6; i++) expectWithin(ukf.x[i], ekf.x[i], 0.05, 'm/s', `velocity ${i}`);
    for (let i = 0; i < 3; i++) expectWithin(Math.sqrt(ukf.P[i * 10]), Math.sqrt(ekf.P[i * 10]), 0.01 * Math.sqrt(ekf.P[i * 10]), 'm', `sigma ${i}`);
  });

  /**
   * Seeded Monte Carlo with a matched model: truth follows the model with process noise drawn
   * from its own Q; three fixed sensors take bearings in turn. Average NEES (over runs, per
   * time) and NIS must lie inside their chi-square 95 % bounds at most times.
   */
  function monteCarlo(model: FlightModel, runs: number, steps: number, seed: number) {
    const random = new Random(seed);
    const dt = 0.25;
    const sensors = [[7400e3, 0, 0], [6800e3, 2000e3, 1500e3], [6900e3, -1800e3, 1200e3]];
    const neesByStep = new Float64Array(steps);
    const nisByStep = new Float64Array(steps);
    const est = new ImmEstimator(new ExtendedKalmanFilter(9), { models: [model], sojourn: [1e9] });
    const Q = new Float64Array(81);
    const L = new Float64Array(81);
    const m = new BearingMeasurement(9);
    m.lightTime = false;
    const sigma = 40e-6;
    const mom = measurementMoments(9, 2);
    const gate = new ExtendedKalmanFilter(9);
    for (let run = 0; run < runs; run++) {
      const truth = new Float64Array([6378e3 + 50e3, 300e3, 200e3, 800, 5200, 300, 0, 0, 0]);
      if (model.name === 'glide') for (let i = 6; i < 9; i++) truth[i] = 15 * random.normal();
      const P0 = new Float64Array(81);
      const sig0 = [300, 300, 300, 30, 30, 30, 15, 15, 15];
      for (let i = 0; i < 9; i++) P0[i * 10] = sig0[i] ** 2;
      const x0 = truth.slice();
      for (let i = 0; i < 9; i++) x0[i] += sig0[i] * random.normal() * (model.name === 'ballistic' && i >= 6 ? 0 : 1);
      if (model.name === 'ballistic') for (let i = 6; i < 9; i++) P0[i * 10] = 1e-6;
      const track = est.create(x0, P0, 0 as Instant);
      for (let k = 0; k < steps; k++) {
        // Truth: the model plus a draw from its process noise.
        model.processNoise(truth, dt, Q);
        for (let i = 0; i < 81; i++) if (i % 10 === 0) Q[i] += 1e-12;
        cholesky(Q, 9, L);
        model.propagate(truth, dt, truth);
        const w = Array.from({ length: 9 }, () => random.normal());
        for (let i = 0; i < 9; i++) {
          let s = 0;
          for (let j = 0; j <= i; j++) s += L[i * 9 + j] * w[j];
          truth[i] += s;
        }
        const t = ((k + 1) * dt) as Instant;
        est.predict(track, t);
        const s = sensors[k % 3];
        m.setGeometry(s, [track.x[0] - s[0], track.x[1] - s[1], track.x[2] - s[2]], sigma);
        const los = [truth[0] - s[0], truth[1] - s[1], truth[2] - s[2]];
        const a = sigma * random.normal();
        const b = sigma * random.normal();
        const n = Math.hypot(los[0], los[1], los[2]);
        const u = [los[0] / n + a * m.e1[0] + b * m.e2[0], los[1] / n + a * m.e1[1] + b * m.e2[1], los[2] / n + a * m.e1[2] + b * m.e2[2]];
        const z = new Float64Array(2);
        m.project(u, z);
        gate.moments(m, track.x, track.P, mom);
        const nu = [z[0] - mom.zPred[0], z[1] - mom.zPred[1]];
        const det = mom.S[0] * mom.S[3] - mom.S[1] * mom.S[2];
        nisByStep[k] += (nu[0] * (mom.S[3] * nu[0] - mom.S[1] * nu[1]) + nu[1] * (-mom.S[2] * nu[0] + mom.S[0] * nu[1])) / det / runs;
        est.update(track, m, z, [1], 1, 0, 0);
        // NEES of position and velocity (6 degrees of freedom).
        const e = Array.from({ length: 6 }, (_, i) => track.x[i] - truth[i]);
        const P6 = new Float64Array(36);
        for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) P6[i * 6 + j] = track.P[i * 9 + j];
        const inv = new Float64Array(36);
        const Lc = new Float64Array(36);
        cholesky(P6, 6, Lc);
        // Solve L y = e; NEES = |y|^2.
        const y = new Float64Array(6);
        for (let i = 0; i < 6; i++) {
          let s2 = e[i];
          for (let j = 0; j < i; j++) s2 -= Lc[i * 6 + j] * y[j];
          y[i] = s2 / Lc[i * 6 + i];
        }
        void inv;
        neesByStep[k] += y.reduce((acc, v) => acc + v * v, 0) / runs;
      }
    }
    const neesLo = chi2Quantile(0.025, 6 * runs) / runs;
    const neesHi = chi2Quantile(0.975, 6 * runs) / runs;
    const nisLo = chi2Quantile(0.025, 2 * runs) / runs;
    const nisHi = chi2Quantile(0.975, 2 * runs) / runs;
    // Skip the first steps, where the prior dominates.
    const from = 40;
    let neesInside = 0;
    let nisInside = 0;
    for (let k = from; k < steps; k++) {
      if (neesByStep[k] >= neesLo && neesByStep[k] <= neesHi) neesInside++;
      if (nisByStep[k] >= nisLo && nisByStep[k] <= nisHi) nisInside++;
    }
    const meanNees = neesByStep.slice(from).reduce((a, b) => a + b, 0) / (steps - from);
    const meanNis = nisByStep.slice(from).reduce((a, b) => a + b, 0) / (steps - from);
    return { neesFraction: neesInside / (steps - from), nisFraction: nisInside / (steps - from), meanNees, meanNis, neesLo, neesHi, nisLo, nisHi };
  }

  /**
   * Errors are correlated from one step to the next within a run, so the fraction of times
   * inside the per-time bounds scatters widely around 95 %: the test asks for the time average
   * of the run-averaged NEES and NIS inside the 95 % bounds and most times inside.
   */
  function checkConsistency(r: ReturnType<typeof monteCarlo>) {
    const where = `mean NEES ${r.meanNees.toFixed(2)} (bounds ${r.neesLo.toFixed(2)}-${r.neesHi.toFixed(2)}), inside at ${(100 * r.neesFraction).toFixed(0)} % of times; mean NIS ${r.meanNis.toFixed(2)} (bounds ${r.nisLo.toFixed(2)}-${r.nisHi.toFixed(2)}), inside at ${(100 * r.nisFraction).toFixed(0)} %`;
    expect(r.meanNees >= r.neesLo && r.meanNees <= r.neesHi, where).toBe(true);
    expect(r.meanNis >= r.nisLo && r.meanNis <= r.nisHi, where).toBe(true);
    expect(r.neesFraction, where).toBeGreaterThan(0.6);
    expect(r.nisFraction, where).toBeGreaterThan(0.8);
  }

  it('NEES and NIS stay inside their chi-square 95 % bounds: ballistic target, matched model (seeded Monte Carlo)', () => {
    const r = monteCarlo(ballisticModel(0.5), 40, 120, 21);
    checkConsistency(r);
  });

  it('NEES and NIS stay inside their chi-square 95 % bounds: glide target, matched model (seeded Monte Carlo)', () => {
    const r = monteCarlo(glideModel(20, 15, 0.5), 40, 120, 22);
    checkConsistency(r);
  });
});

describe('block-structured covariance prediction of the flight models', () => {
  /** Dense reference F P F^T + Q from the model's own Jacobian and process noise. */
  function denseReference(model: FlightModel, x: Float64Array, P: Float64Array, dt: number): Float64Array {
    const F = new Float64Array(81);
    const Q = new Float64Array(81);
    model.jacobian(x, dt, F);
    model.processNoise(x, dt, Q);
    const out = new Float64Array(81);
    for (let i = 0; i < 9; i++) {
      for (let j = 0; j < 9; j++) {
        let s = Q[i * 9 + j];
        for (let k = 0; k < 9; k++) for (let l = 0; l < 9; l++) s += F[i * 9 + k] * P[k * 9 + l] * F[j * 9 + l];
        out[i * 9 + j] = s;
      }
    }
    return out;
  }

  it('equals the dense product for the coupled (glide, nca) and pinned (ballistic) models', () => {
    const random = new Random(4);
    const models = [glideModel(60, 3, 0.01, 'level'), nearlyConstantAccelerationModel(10), ballisticModel(0.01)];
    for (const model of models) {
      for (let trial = 0; trial < 5; trial++) {
        const x = new Float64Array([6.4e6 + random.uniformIn(-1e5, 1e5), 1e6, 5e5, 3000, -4000, 1000, 2, -1, 3]);
        // A random SPD covariance with correlations everywhere (including the acceleration).
        const L = new Float64Array(81);
        for (let i = 0; i < 9; i++) for (let j = 0; j <= i; j++) L[i * 9 + j] = (i === j ? 2 : 0.5) * random.normal() * (i < 3 ? 100 : i < 6 ? 10 : 1) + (i === j ? 5 : 0);
        const P = new Float64Array(81);
        for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) for (let k = 0; k < 9; k++) P[i * 9 + j] += L[i * 9 + k] * L[j * 9 + k];
        const dt = random.uniformIn(0.01, 1.9);
        // Ballistic flight pins a: its rows and columns of F are zero, whatever P held there.
        const expected = denseReference(model, x, P, dt);
        const filter = new ExtendedKalmanFilter(9);
        const xs = x.slice();
        const Ps = P.slice();
        filter.predict(model, xs, Ps, dt);
        for (let i = 0; i < 81; i++) {
          expectWithin(Ps[i], expected[i], 1e-9 * Math.sqrt(Math.abs(expected[Math.floor(i / 9) * 10]) * Math.abs(expected[(i % 9) * 10])) + 1e-12, 'variance units', `${model.name} P[${i}]`);
        }
      }
    }
  });
});
