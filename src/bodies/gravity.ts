import { J2, WGS84 } from './earth.ts';

/**
 * Gravity of the Earth as a point mass plus the J2 zonal term, in any frame whose z axis is the
 * Earth's rotation axis (ITRF, or TEME to within polar motion: J2's field is axially symmetric).
 * WGS-84 mu and a, EGM96 J2 by default; `j2: 0` gives the point mass alone.
 */
export interface GravityModel {
  mu: number;
  j2: number;
  /** Reference radius of J2, m. */
  radius: number;
}

export const EARTH_GRAVITY_J2: GravityModel = { mu: WGS84.mu, j2: J2, radius: WGS84.a };
export const EARTH_GRAVITY_POINT_MASS: GravityModel = { mu: WGS84.mu, j2: 0, radius: WGS84.a };

/** Acceleration (m/s^2) at (x, y, z) m, written to out[offset..offset+2]. */
export function gravityAcceleration(model: GravityModel, x: number, y: number, z: number, out: Float64Array, offset = 0): Float64Array {
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const muR3 = model.mu / (r2 * r);
  if (model.j2 === 0) {
    out[offset] = -muR3 * x;
    out[offset + 1] = -muR3 * y;
    out[offset + 2] = -muR3 * z;
    return out;
  }
  const k = (1.5 * model.j2 * model.radius * model.radius) / r2;
  const z2r2 = (z * z) / r2;
  const fxy = 1 + k * (1 - 5 * z2r2);
  const fz = 1 + k * (3 - 5 * z2r2);
  out[offset] = -muR3 * x * fxy;
  out[offset + 1] = -muR3 * y * fxy;
  out[offset + 2] = -muR3 * z * fz;
  return out;
}

/** Gravitational potential energy per unit mass (J/kg, zero at infinity) whose gradient is gravityAcceleration. */
export function gravityPotential(model: GravityModel, x: number, y: number, z: number): number {
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const sinPhi2 = (z * z) / r2;
  const p2 = 0.5 * (3 * sinPhi2 - 1);
  return (-model.mu / r) * (1 - model.j2 * ((model.radius * model.radius) / r2) * p2);
}
