import { describe, expect, it } from 'vitest';
import { Random } from '../../src/math/random.ts';
import { closestApproach, triangulate, triangulateMoving } from '../../src/tracking/triangulation.ts';
import { ballisticModel } from '../../src/tracking/models/transition.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

function noisy(direction: number[], sigma: number, random: Random): number[] {
  const n = Math.hypot(direction[0], direction[1], direction[2]);
  const u = direction.map((d) => d / n);
  const helper = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const e1 = [u[1] * helper[2] - u[2] * helper[1], u[2] * helper[0] - u[0] * helper[2], u[0] * helper[1] - u[1] * helper[0]];
  const l = Math.hypot(e1[0], e1[1], e1[2]);
  const f1 = e1.map((v) => v / l);
  const f2 = [u[1] * f1[2] - u[2] * f1[1], u[2] * f1[0] - u[0] * f1[2], u[0] * f1[1] - u[1] * f1[0]];
  const a = sigma * random.normal();
  const b = sigma * random.normal();
  const out = u.map((v, i) => v + a * f1[i] + b * f2[i]);
  const m = Math.hypot(out[0], out[1], out[2]);
  return out.map((v) => v / m);
}

describe('triangulation', () => {
  it('two exact lines meet at the target', () => {
    const target = [7000e3, 100e3, 200e3];
    const s1 = [7300e3, -900e3, 1000e3];
    const s2 = [6900e3, 1500e3, -400e3];
    const line = (s: number[]) => ({ origin: s, direction: target.map((v, i) => v - s[i]).map((v, _, a) => v / Math.hypot(a[0], a[1], a[2])), sigma: 1e-5 });
    const ca = closestApproach(line(s1), line(s2))!;
    expectWithin(ca.miss, 0, 1e-6, 'm', 'miss distance');
    expectVectorWithin(ca.midpoint, target, 1e-6, 'm', 'closest approach');
    const tri = triangulate([line(s1), line(s2)])!;
    expectVectorWithin(tri.position, target, 1e-6, 'm', 'least squares');
  });

  /**
   * Taff (MIT LL TR-741): for a target far compared with the baseline, the range error is about
   * sigma R^2 / (B sin theta). With two sensors each of noise sigma, the angle difference has
   * noise sqrt(2) sigma, so the two-sensor closed form is sqrt(2) sigma R^2 / (B sin theta).
   */
  for (const thetaDeg of [90, 60, 40]) {
    it(`range error matches the small-angle closed form (baseline at ${thetaDeg} deg to the line of sight)`, () => {
      const R = 3000e3;
      const B = 200e3;
      const sigma = 50e-6;
      const theta = (thetaDeg * Math.PI) / 180;
      // Sensors at +-B/2 along a baseline making angle theta with the line of sight (the y axis).
      const b = [Math.sin(theta), Math.cos(theta), 0];
      const s1 = b.map((v) => (v * B) / 2);
      const s2 = b.map((v) => (-v * B) / 2);
      const target = [0, R, 0];
      const closedForm = (Math.SQRT2 * sigma * R * R) / (B * Math.sin(theta));
      const exact = [s1, s2].map((s) => ({ origin: s, direction: target.map((v, i) => v - s[i]).map((v, _, a) => v / Math.hypot(a[0], a[1], a[2])), sigma }));
      const tri = triangulate(exact)!;
      // Covariance along the line of sight (y).
      expectWithin(Math.sqrt(tri.covariance[4]), closedForm, 0.03 * closedForm, 'm', 'covariance range sigma');
      // Monte Carlo spread of the estimates.
      const random = new Random(5);
      let sumSq = 0;
      const n = 2000;
      for (let k = 0; k < n; k++) {
        const lines = [s1, s2].map((s) => ({ origin: s, direction: noisy(target.map((v, i) => v - s[i]), sigma, random), sigma }));
        const est = triangulate(lines)!;
        sumSq += (est.position[1] - R) ** 2;
      }
      const rms = Math.sqrt(sumSq / n);
      expectWithin(rms, closedForm, 0.08 * closedForm, 'm', 'Monte Carlo range error');
    });
  }

  it('fits position and velocity to asynchronous lines of sight of a ballistic target', () => {
    const model = ballisticModel(0);
    const x0 = new Float64Array([6378e3 + 300e3, 500e3, 800e3, 2000, 5500, 1500, 0, 0, 0]);
    const sensors = [[7300e3, -1500e3, 1800e3], [7000e3, 2200e3, 600e3], [6600e3, 300e3, 3000e3]];
    const lines = [];
    const random = new Random(9);
    const sigma = 20e-6;
    for (let k = 0; k < 9; k++) {
      const t = -1 + 0.27 * k;
      const x = x0.slice();
      model.propagate(x0, t, x);
      const s = sensors[k % 3];
      lines.push({ origin: s, direction: noisy([x[0] - s[0], x[1] - s[1], x[2] - s[2]], sigma, random), sigma, t });
    }
    // Light time is modelled by the fit but not in these synthetic lines: keep it below the noise by using exact times.
    const fit = triangulateMoving(lines, 0, [x0[0] + 3000, x0[1] - 2000, x0[2] + 1000])!;
    const sig = Math.sqrt(fit.covariance[0] + fit.covariance[7] + fit.covariance[14]);
    expectVectorWithin(fit.state, x0, 4 * sig + 100, 'm', 'position');
    const vsig = Math.sqrt(fit.covariance[21] + fit.covariance[28] + fit.covariance[35]);
    expectVectorWithin(fit.state.subarray(3), x0.subarray(3), 4 * vsig + 60, 'm/s', 'velocity');
    expect(fit.dof).toBe(12);
  });
});
