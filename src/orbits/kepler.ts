import { WGS84 } from '../bodies/earth.ts';
import { type Frame, type StateVector, stateVector } from '../frames/types.ts';
import { InputError, requireFinite } from '../math/errors.ts';
import { TWO_PI } from '../math/units.ts';
import type { Instant } from '../time/instant.ts';
import type { CartesianState } from './elements.ts';

/**
 * Two-body propagation by the universal-variable formulation (Battin; Vallado's algorithm 8):
 * one equation and one code path for ellipses, parabolas and hyperbolas. The universal Kepler
 * equation is monotonic in the universal anomaly (its derivative is the radius), so Newton's
 * method is kept inside a bracket and falls back to bisection: it cannot fail to converge.
 */
export function propagateKepler(
  r0: ArrayLike<number>,
  v0: ArrayLike<number>,
  dt: number,
  mu: number,
  outR: Float64Array = new Float64Array(3),
  outV: Float64Array = new Float64Array(3),
): CartesianState {
  for (let k = 0; k < 3; k++) {
    requireFinite(`r0[${k}]`, r0[k]);
    requireFinite(`v0[${k}]`, v0[k]);
  }
  requireFinite('dt', dt);
  if (!(mu > 0) || !Number.isFinite(mu)) throw new InputError('mu', mu, 'must be a positive gravitational parameter');
  const rx = r0[0];
  const ry = r0[1];
  const rz = r0[2];
  const vx = v0[0];
  const vy = v0[1];
  const vz = v0[2];
  const r0Mag = Math.hypot(rx, ry, rz);
  if (r0Mag === 0) throw new InputError('r0', Array.from(r0), 'must not be the zero vector');
  const v0Sq = vx * vx + vy * vy + vz * vz;
  const sqrtMu = Math.sqrt(mu);
  const rDotV = rx * vx + ry * vy + rz * vz;
  const sigma0 = rDotV / sqrtMu;
  // alpha = 1/a: positive for an ellipse, zero for a parabola, negative for a hyperbola.
  const alpha = 2 / r0Mag - v0Sq / mu;

  let tau = dt;
  if (alpha > 0) {
    // Whole revolutions change nothing; removing them keeps the anomaly small and the guess good.
    const period = TWO_PI / (sqrtMu * alpha * Math.sqrt(alpha));
    tau = dt - Math.round(dt / period) * period;
  }
  if (tau === 0) {
    outR[0] = rx;
    outR[1] = ry;
    outR[2] = rz;
    outV[0] = vx;
    outV[1] = vy;
    outV[2] = vz;
    return { r: outR, v: outV };
  }

  const target = sqrtMu * tau;
  const oneMinusR0Alpha = 1 - r0Mag * alpha;
  let chi = initialGuess(tau, alpha, r0Mag, rDotV, sqrtMu, mu);
  let lo = tau > 0 ? 0 : Number.NEGATIVE_INFINITY;
  let hi = tau > 0 ? Number.POSITIVE_INFINITY : 0;
  if (!(chi > lo && chi < hi)) chi = (sqrtMu * tau) / r0Mag;

  let c2 = 0.5;
  let c3 = 1 / 6;
  let psi = 0;
  let radius = r0Mag;
  for (let iter = 0; iter < 200; iter++) {
    psi = chi * chi * alpha;
    c2 = stumpffC(psi);
    c3 = stumpffS(psi);
    const chi2 = chi * chi;
    const f = sigma0 * chi2 * c2 + oneMinusR0Alpha * chi2 * chi * c3 + r0Mag * chi - target;
    radius = chi2 * c2 + sigma0 * chi * (1 - psi * c3) + r0Mag * (1 - psi * c2);
    if (f === 0) break;
    if (f < 0) lo = chi;
    else hi = chi;
    let next = chi - f / radius;
    if (!(next > lo && next < hi)) next = Number.isFinite(lo) && Number.isFinite(hi) ? 0.5 * (lo + hi) : chi * 2;
    const step = Math.abs(next - chi);
    chi = next;
    if (step <= 1e-15 * Math.max(1, Math.abs(chi)) || hi - lo <= 4e-16 * Math.abs(chi)) {
      psi = chi * chi * alpha;
      c2 = stumpffC(psi);
      c3 = stumpffS(psi);
      radius = chi * chi * c2 + sigma0 * chi * (1 - psi * c3) + r0Mag * (1 - psi * c2);
      break;
    }
  }

  const chi2 = chi * chi;
  const f = 1 - (chi2 * c2) / r0Mag;
  const g = tau - (chi2 * chi * c3) / sqrtMu;
  const fDot = (sqrtMu / (radius * r0Mag)) * chi * (psi * c3 - 1);
  const gDot = 1 - (chi2 * c2) / radius;
  outR[0] = f * rx + g * vx;
  outR[1] = f * ry + g * vy;
  outR[2] = f * rz + g * vz;
  outV[0] = fDot * rx + gDot * vx;
  outV[1] = fDot * ry + gDot * vy;
  outV[2] = fDot * rz + gDot * vz;
  return { r: outR, v: outV };
}

/** Vallado's starting values: exact for a circle, close for ellipses, logarithmic for hyperbolas. */
function initialGuess(tau: number, alpha: number, r0Mag: number, rDotV: number, sqrtMu: number, mu: number): number {
  if (alpha > 1e-12 / r0Mag) return sqrtMu * tau * alpha;
  if (alpha < -1e-12 / r0Mag) {
    const a = 1 / alpha;
    const s = Math.sign(tau);
    const arg = (-2 * mu * alpha * tau) / (rDotV + s * Math.sqrt(-mu * a) * (1 - r0Mag * alpha));
    return arg > 0 ? s * Math.sqrt(-a) * Math.log(arg) : (sqrtMu * tau) / r0Mag;
  }
  return (sqrtMu * tau) / r0Mag;
}

/** Stumpff function c2(psi) = (1 - cos sqrt psi) / psi, written without cancellation. */
export function stumpffC(psi: number): number {
  if (psi > 0.1) {
    const s = Math.sin(Math.sqrt(psi) / 2);
    return (2 * s * s) / psi;
  }
  if (psi < -0.1) return (Math.cosh(Math.sqrt(-psi)) - 1) / -psi;
  return 1 / 2 - psi * (1 / 24 - psi * (1 / 720 - psi * (1 / 40320 - psi * (1 / 3628800 - psi * (1 / 479001600 - psi / 87178291200)))));
}

/** Stumpff function c3(psi) = (sqrt psi - sin sqrt psi) / sqrt(psi)^3, with a series near zero. */
export function stumpffS(psi: number): number {
  if (psi > 0.1) {
    const s = Math.sqrt(psi);
    return (s - Math.sin(s)) / (psi * s);
  }
  if (psi < -0.1) {
    const s = Math.sqrt(-psi);
    return (Math.sinh(s) - s) / (-psi * s);
  }
  return 1 / 6 - psi * (1 / 120 - psi * (1 / 5040 - psi * (1 / 362880 - psi * (1 / 39916800 - psi * (1 / 6227020800 - psi / 1307674368000)))));
}

/** A state moved to time `t` on its two-body orbit; mu defaults to WGS-84's Earth. */
export function propagateKeplerState<F extends Frame>(state: StateVector<F>, t: Instant, mu: number = WGS84.mu): StateVector<F> {
  const { r, v } = propagateKepler(state.r, state.v, t - state.t, mu);
  return stateVector(state.frame, t, r, v);
}
