/**
 * Specific force on a free body as seen in the Earth-fixed frame: point mass + J2 gravity plus
 * the centrifugal and Coriolis terms of the rotating frame. The tracker carries its own copy
 * (rather than src/bodies/gravity.ts) so the filter's inner loop is one flat function with no
 * frame conversion; it uses the same constants.
 */
import { EARTH_RADIUS_EQUATORIAL, EARTH_ROTATION_RATE, J2, WGS84 } from '../../bodies/earth.ts';

const MU = WGS84.mu;
const RE = EARTH_RADIUS_EQUATORIAL;
const W = EARTH_ROTATION_RATE;

/**
 * Acceleration (m/s^2) of a body at Earth-fixed position (x, y, z) with Earth-fixed velocity
 * (vx, vy, vz) under gravity with J2 and the rotating-frame terms, written to out[o..o+2].
 */
export function earthFixedAcceleration(
  x: number, y: number, z: number, vx: number, vy: number, _vz: number, out: Float64Array, o = 0,
): void {
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const mr3 = MU / (r2 * r);
  const k = 1.5 * J2 * (RE * RE) / r2;
  const zr2 = (5 * z * z) / r2;
  const gxy = -mr3 * (1 + k * (1 - zr2));
  const gz = -mr3 * (1 + k * (3 - zr2));
  // -2 w x v with w along +z, and -w x (w x r) = w^2 (x, y, 0).
  out[o] = gxy * x + W * W * x + 2 * W * vy;
  out[o + 1] = gxy * y + W * W * y - 2 * W * vx;
  out[o + 2] = gz * z;
}

/**
 * `earthFixedAcceleration` of the state s = [x, y, z, vx, vy, ...], written to out[o..o+2]. The
 * hot loops call this form: passing six doubles to a call the optimiser does not inline boxes
 * each of them as a heap number, while an array argument costs nothing. Same formula as above.
 */
export function earthFixedAccelerationOf(s: ArrayLike<number>, out: Float64Array, o = 0): void {
  const x = s[0];
  const y = s[1];
  const z = s[2];
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const mr3 = MU / (r2 * r);
  const k = 1.5 * J2 * (RE * RE) / r2;
  const zr2 = (5 * z * z) / r2;
  const gxy = -mr3 * (1 + k * (1 - zr2));
  const gz = -mr3 * (1 + k * (3 - zr2));
  out[o] = gxy * x + W * W * x + 2 * W * s[4];
  out[o + 1] = gxy * y + W * W * y - 2 * W * s[3];
  out[o + 2] = gz * z;
}

/**
 * d(acceleration)/d(position) (3 x 3, row-major) of the point-mass term plus the centrifugal
 * term; J2's gradient (a thousandth of it) is left out, which changes a one-second covariance
 * prediction by far less than the process noise.
 */
export function accelerationGradient(x: number, y: number, z: number, out: Float64Array): void {
  gradientInto(x, y, z, out);
}

/** `accelerationGradient` at the position s[0..2] (array form for the hot loops, see earthFixedAccelerationOf). */
export function accelerationGradientOf(s: ArrayLike<number>, out: Float64Array): void {
  gradientInto(s[0], s[1], s[2], out);
}

function gradientInto(x: number, y: number, z: number, out: Float64Array): void {
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const m = MU / (r2 * r);
  const px = x / r;
  const py = y / r;
  const pz = z / r;
  out[0] = m * (3 * px * px - 1) + W * W;
  out[1] = m * 3 * px * py;
  out[2] = m * 3 * px * pz;
  out[3] = out[1];
  out[4] = m * (3 * py * py - 1) + W * W;
  out[5] = m * 3 * py * pz;
  out[6] = out[2];
  out[7] = out[5];
  out[8] = m * (3 * pz * pz - 1);
}

export const OMEGA_EARTH = W;
