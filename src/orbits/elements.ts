import { InputError, requireFinite } from '../math/errors.ts';
import { TWO_PI, wrapTwoPi } from '../math/units.ts';

/** wrapTwoPi, but a tiny negative angle that rounds up to 2 pi comes back as 0, so the range really is [0, 2 pi). */
function wrapAngle(angle: number): number {
  const w = wrapTwoPi(angle);
  return w >= TWO_PI ? 0 : w;
}

/**
 * Classical (Keplerian, osculating) elements: SI units, angles in radians.
 *
 * Where an angle is undefined the convention is:
 * - circular orbit (e below CIRCULAR_LIMIT): argOfPerigee = 0 and trueAnomaly is the
 *   argument of latitude (from the ascending node, in the direction of motion);
 * - equatorial orbit (inclination within EQUATORIAL_LIMIT of 0 or pi): raan = 0, so the
 *   x axis stands in for the node line and argOfPerigee is the longitude of perigee;
 * - both: raan = argOfPerigee = 0 and trueAnomaly is the true longitude.
 * All angles are measured in the direction of motion, so retrograde equatorial orbits follow the
 * same rules. stateFromElements reads any set written this way back to the same state.
 */
export interface ClassicalElements {
  /** m; negative for a hyperbola, Infinity for a parabola (stateFromElements rejects e = 1). */
  semiMajorAxis: number;
  eccentricity: number;
  /** [0, pi]. */
  inclination: number;
  /** [0, 2 pi). */
  raan: number;
  /** [0, 2 pi). */
  argOfPerigee: number;
  /** [0, 2 pi) for closed orbits, (-pi, pi] for open ones. */
  trueAnomaly: number;
}

/** Eccentricity below which an orbit is treated as circular (perigee undefined). */
export const CIRCULAR_LIMIT = 1e-11;
/** sin(inclination) below which an orbit is treated as equatorial (node undefined). */
export const EQUATORIAL_LIMIT = 1e-11;

export function elementsFromState(r: ArrayLike<number>, v: ArrayLike<number>, mu: number): ClassicalElements {
  for (let k = 0; k < 3; k++) {
    requireFinite(`r[${k}]`, r[k]);
    requireFinite(`v[${k}]`, v[k]);
  }
  if (!(mu > 0) || !Number.isFinite(mu)) throw new InputError('mu', mu, 'must be a positive gravitational parameter');
  const rx = r[0];
  const ry = r[1];
  const rz = r[2];
  const vx = v[0];
  const vy = v[1];
  const vz = v[2];
  const rMag = Math.hypot(rx, ry, rz);
  if (rMag === 0) throw new InputError('r', Array.from(r), 'must not be the zero vector');
  const hx = ry * vz - rz * vy;
  const hy = rz * vx - rx * vz;
  const hz = rx * vy - ry * vx;
  const hMag = Math.hypot(hx, hy, hz);
  const vMag = Math.hypot(vx, vy, vz);
  if (hMag <= 1e-14 * rMag * vMag || hMag === 0) {
    throw new InputError('v', Array.from(v), 'is parallel to r: a rectilinear orbit has no classical elements');
  }
  const hUx = hx / hMag;
  const hUy = hy / hMag;
  const hUz = hz / hMag;

  // e = v x h / mu - r / |r|
  const ex = (vy * hz - vz * hy) / mu - rx / rMag;
  const ey = (vz * hx - vx * hz) / mu - ry / rMag;
  const ez = (vx * hy - vy * hx) / mu - rz / rMag;
  const e = Math.hypot(ex, ey, ez);

  const energy = (vMag * vMag) / 2 - mu / rMag;
  const semiMajorAxis = energy === 0 ? Number.POSITIVE_INFINITY : -mu / (2 * energy);

  const nodeXY = Math.hypot(hx, hy);
  const inclination = Math.atan2(nodeXY, hz);
  const equatorial = nodeXY / hMag < EQUATORIAL_LIMIT;
  // Unit vector toward the ascending node (z x h), or the x axis when there is none.
  const nx = equatorial ? 1 : -hy / nodeXY;
  const ny = equatorial ? 0 : hx / nodeXY;
  const raan = equatorial ? 0 : wrapAngle(Math.atan2(ny, nx));

  const circular = e < CIRCULAR_LIMIT;
  let argOfPerigee = 0;
  let trueAnomaly: number;
  if (circular) {
    trueAnomaly = signedAngle(nx, ny, 0, rx, ry, rz, hUx, hUy, hUz);
  } else {
    argOfPerigee = wrapAngle(signedAngle(nx, ny, 0, ex, ey, ez, hUx, hUy, hUz));
    trueAnomaly = signedAngle(ex, ey, ez, rx, ry, rz, hUx, hUy, hUz);
  }
  trueAnomaly = e < 1 ? wrapAngle(trueAnomaly) : trueAnomaly;
  return { semiMajorAxis, eccentricity: e, inclination, raan, argOfPerigee, trueAnomaly };
}

/** Angle from a to b measured positively about the unit axis u (atan2 of the cross and dot products: exact near 0 and pi). */
function signedAngle(ax: number, ay: number, az: number, bx: number, by: number, bz: number, ux: number, uy: number, uz: number): number {
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return Math.atan2(cx * ux + cy * uy + cz * uz, ax * bx + ay * by + az * bz);
}

export interface CartesianState {
  r: Float64Array;
  v: Float64Array;
}

/** Position and velocity (m, m/s) of a set of classical elements, in the frame the elements refer to. */
export function stateFromElements(
  el: ClassicalElements,
  mu: number,
  outR: Float64Array = new Float64Array(3),
  outV: Float64Array = new Float64Array(3),
): CartesianState {
  validateElements(el, mu);
  const { semiMajorAxis: a, eccentricity: e, inclination: i, raan, argOfPerigee: w, trueAnomaly: nu } = el;
  const p = a * (1 - e * e);
  const cosNu = Math.cos(nu);
  const sinNu = Math.sin(nu);
  const denom = 1 + e * cosNu;
  if (!(denom > 0)) {
    throw new InputError('trueAnomaly', nu, `lies beyond the asymptotes of the hyperbola (|nu| must be below ${Math.acos(-1 / e).toFixed(6)} rad)`);
  }
  const radius = p / denom;
  const xp = radius * cosNu;
  const yp = radius * sinNu;
  const sqrtMuP = Math.sqrt(mu / p);
  const vxp = -sqrtMuP * sinNu;
  const vyp = sqrtMuP * (e + cosNu);

  const cO = Math.cos(raan);
  const sO = Math.sin(raan);
  const cw = Math.cos(w);
  const sw = Math.sin(w);
  const ci = Math.cos(i);
  const si = Math.sin(i);
  // Perifocal axes P (toward perigee) and Q (90 deg ahead in the plane).
  const px = cO * cw - sO * sw * ci;
  const py = sO * cw + cO * sw * ci;
  const pz = sw * si;
  const qx = -cO * sw - sO * cw * ci;
  const qy = -sO * sw + cO * cw * ci;
  const qz = cw * si;
  outR[0] = xp * px + yp * qx;
  outR[1] = xp * py + yp * qy;
  outR[2] = xp * pz + yp * qz;
  outV[0] = vxp * px + vyp * qx;
  outV[1] = vxp * py + vyp * qy;
  outV[2] = vxp * pz + vyp * qz;
  return { r: outR, v: outV };
}

function validateElements(el: ClassicalElements, mu: number): void {
  if (!(mu > 0) || !Number.isFinite(mu)) throw new InputError('mu', mu, 'must be a positive gravitational parameter');
  requireFinite('semiMajorAxis', el.semiMajorAxis);
  requireFinite('eccentricity', el.eccentricity);
  requireFinite('inclination', el.inclination);
  requireFinite('raan', el.raan);
  requireFinite('argOfPerigee', el.argOfPerigee);
  requireFinite('trueAnomaly', el.trueAnomaly);
  const { semiMajorAxis: a, eccentricity: e } = el;
  if (e < 0) throw new InputError('eccentricity', e, 'must not be negative');
  if (e === 1) throw new InputError('eccentricity', e, 'is parabolic: a semi-major axis cannot describe it');
  if (e < 1 && !(a > 0)) throw new InputError('semiMajorAxis', a, 'must be positive for an ellipse (e < 1)');
  if (e > 1 && !(a < 0)) throw new InputError('semiMajorAxis', a, 'must be negative for a hyperbola (e > 1)');
  if (el.inclination < 0 || el.inclination > Math.PI) throw new InputError('inclination', el.inclination, 'must lie in [0, pi] rad');
}

/** Orbital period (s) of an ellipse of semi-major axis a. */
export function orbitalPeriod(semiMajorAxis: number, mu: number): number {
  if (!(semiMajorAxis > 0)) throw new InputError('semiMajorAxis', semiMajorAxis, 'must be positive for a closed orbit');
  return TWO_PI * Math.sqrt((semiMajorAxis * semiMajorAxis * semiMajorAxis) / mu);
}

/** Two-body mean motion (rad/s) of semi-major axis a, and its inverse. */
export function meanMotionFromSemiMajorAxis(semiMajorAxis: number, mu: number): number {
  return Math.sqrt(mu / (semiMajorAxis * semiMajorAxis * semiMajorAxis));
}

export function semiMajorAxisFromMeanMotion(meanMotion: number, mu: number): number {
  return Math.cbrt(mu / (meanMotion * meanMotion));
}
