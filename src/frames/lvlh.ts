import { cross, norm } from '../math/vec3.ts';

/**
 * Local orbital frames from a position and velocity in any frame (axes expressed in that frame).
 * LVLH follows CCSDS: z toward the Earth's centre (nadir), y against the orbit normal,
 * x completing the right-handed set (along the velocity for a circular orbit).
 * RSW (radial, along-track, cross-track; also RIC) is Vallado's.
 */
export interface OrbitalBasis {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

export function lvlhBasis(r: ArrayLike<number>, v: ArrayLike<number>): OrbitalBasis {
  const rn = norm(r);
  const z = Float64Array.of(-r[0] / rn, -r[1] / rn, -r[2] / rn);
  const h = cross(r, v, new Float64Array(3));
  const hn = norm(h);
  const y = Float64Array.of(-h[0] / hn, -h[1] / hn, -h[2] / hn);
  const x = cross(y, z, new Float64Array(3));
  return { x, y, z };
}

export function rswBasis(r: ArrayLike<number>, v: ArrayLike<number>): OrbitalBasis {
  const rn = norm(r);
  const x = Float64Array.of(r[0] / rn, r[1] / rn, r[2] / rn);
  const h = cross(r, v, new Float64Array(3));
  const hn = norm(h);
  const z = Float64Array.of(h[0] / hn, h[1] / hn, h[2] / hn);
  const y = cross(z, x, new Float64Array(3));
  return { x, y, z };
}

/** Components of vector `a` along a basis (a rotation into the local frame). */
export function toBasis(basis: OrbitalBasis, a: ArrayLike<number>, out: Float64Array = new Float64Array(3)): Float64Array {
  const { x, y, z } = basis;
  const ax = a[0];
  const ay = a[1];
  const az = a[2];
  out[0] = x[0] * ax + x[1] * ay + x[2] * az;
  out[1] = y[0] * ax + y[1] * ay + y[2] * az;
  out[2] = z[0] * ax + z[1] * ay + z[2] * az;
  return out;
}

/** A vector given in the local frame back in the parent frame. */
export function fromBasis(basis: OrbitalBasis, a: ArrayLike<number>, out: Float64Array = new Float64Array(3)): Float64Array {
  const { x, y, z } = basis;
  const a0 = a[0];
  const a1 = a[1];
  const a2 = a[2];
  out[0] = x[0] * a0 + y[0] * a1 + z[0] * a2;
  out[1] = x[1] * a0 + y[1] * a1 + z[1] * a2;
  out[2] = x[2] * a0 + y[2] * a1 + z[2] * a2;
  return out;
}
