import { WGS84, WGS84_B } from '../bodies/earth.ts';

/**
 * Signed margins of viewing conditions (DESIGN.md section 4): positive when the condition holds,
 * zero on its boundary, continuous across it. Angles in radians, lengths in metres. Scalar
 * arguments (no vectors, no allocation) so the bulk coverage loop and the pairwise access code
 * call the very same arithmetic and agree to the last bit.
 */

const A = WGS84.a;
/** How far below a target the line of sight may reach when the target is under the grazing altitude, m. */
const LOOK_DOWN_CLEARANCE = 1;
/** Scaling z by a/b turns the WGS-84 ellipsoid into a sphere of radius a (exact for the surface). */
export const ELLIPSOID_Z_SCALE = WGS84.a / WGS84_B;

/** Field-of-view cone: half-angle minus the angle between the boresight (unit) and the line of sight. */
export function coneMargin(bx: number, by: number, bz: number, lx: number, ly: number, lz: number, halfAngle: number): number {
  const cx = by * lz - bz * ly;
  const cy = bz * lx - bx * lz;
  const cz = bx * ly - by * lx;
  return halfAngle - Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), bx * lx + by * ly + bz * lz);
}

/**
 * Rectangular field: the line of sight's angles off the boresight b (unit) in the planes of the
 * two unit axes e1 (width) and e2 (height), each against its half-angle; the smaller margin wins.
 */
export function rectangleMargin(
  bx: number, by: number, bz: number,
  e1x: number, e1y: number, e1z: number,
  e2x: number, e2y: number, e2z: number,
  lx: number, ly: number, lz: number,
  halfWidth: number, halfHeight: number,
): number {
  const along = bx * lx + by * ly + bz * lz;
  const across1 = e1x * lx + e1y * ly + e1z * lz;
  const across2 = e2x * lx + e2y * ly + e2z * lz;
  const m1 = halfWidth - Math.abs(Math.atan2(across1, along));
  const m2 = halfHeight - Math.abs(Math.atan2(across2, along));
  return m1 < m2 ? m1 : m2;
}

/** Slant range: the limit minus the distance. */
export function rangeMargin(dx: number, dy: number, dz: number, maxRange: number): number {
  return maxRange - Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/**
 * Earth occlusion with a grazing altitude, m. The segment from sensor S to target T (ITRF) is
 * mapped to the space where the ellipsoid is a sphere of radius a (z scaled by a/b); the margin
 * is the segment's least distance from the centre minus (a + grazing height). The grazing height
 * used is min(grazingAltitude, targetHeight - 1 m): a target below the grazing altitude can only be
 * seen looking down on it, where the margin stays at +1 m, which keeps it continuous; for a
 * target on the ground this decides the horizon to within 1 m of the surface (0.03 deg).
 * The heights are those of the scaled sphere, within 0.34 % of ellipsoidal heights.
 */
export function occlusionMargin(sx: number, sy: number, sz: number, tx: number, ty: number, tz: number, grazingAltitude: number): number {
  const sZ = sz * ELLIPSOID_Z_SCALE;
  const tZ = tz * ELLIPSOID_Z_SCALE;
  const dx = tx - sx;
  const dy = ty - sy;
  const dZ = tZ - sZ;
  const dd = dx * dx + dy * dy + dZ * dZ;
  let u = dd > 0 ? -(sx * dx + sy * dy + sZ * dZ) / dd : 0;
  if (u < 0) u = 0;
  else if (u > 1) u = 1;
  const px = sx + u * dx;
  const py = sy + u * dy;
  const pZ = sZ + u * dZ;
  const closest = Math.sqrt(px * px + py * py + pZ * pZ);
  const targetHeight = Math.sqrt(tx * tx + ty * ty + tZ * tZ) - A;
  const below = targetHeight - LOOK_DOWN_CLEARANCE;
  const grazing = grazingAltitude < below ? grazingAltitude : below;
  return closest - (A + grazing);
}

/**
 * Background, m: how far the line of sight, continued past the target, clears a sphere of radius
 * a + limbAltitude (scaled space as above). Positive: the target is seen against space; negative:
 * against the Earth (negate for a sensor that wants the Earth behind).
 */
export function spaceBackgroundMargin(sx: number, sy: number, sz: number, tx: number, ty: number, tz: number, limbAltitude: number): number {
  const sZ = sz * ELLIPSOID_Z_SCALE;
  const tZ = tz * ELLIPSOID_Z_SCALE;
  const dx = tx - sx;
  const dy = ty - sy;
  const dZ = tZ - sZ;
  const dd = dx * dx + dy * dy + dZ * dZ;
  let u = dd > 0 ? -(sx * dx + sy * dy + sZ * dZ) / dd : 1;
  if (u < 1) u = 1;
  const px = sx + u * dx;
  const py = sy + u * dy;
  const pZ = sZ + u * dZ;
  return Math.sqrt(px * px + py * py + pZ * pZ) - (A + limbAltitude);
}

/** Sun exclusion: the angle between the line of sight and the direction to the Sun, minus the exclusion angle. */
export function sunExclusionMargin(lx: number, ly: number, lz: number, ux: number, uy: number, uz: number, exclusionAngle: number): number {
  const cx = ly * uz - lz * uy;
  const cy = lz * ux - lx * uz;
  const cz = lx * uy - ly * ux;
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), lx * ux + ly * uy + lz * uz) - exclusionAngle;
}

/**
 * Elevation of a direction d above the horizontal plane of a unit up vector, minus a minimum:
 * used for the satellite seen from a ground site and for the Sun lighting a ground target.
 */
export function elevationMargin(upx: number, upy: number, upz: number, dx: number, dy: number, dz: number, minElevation: number): number {
  const vertical = upx * dx + upy * dy + upz * dz;
  const hx = dx - vertical * upx;
  const hy = dy - vertical * upy;
  const hz = dz - vertical * upz;
  return Math.atan2(vertical, Math.sqrt(hx * hx + hy * hy + hz * hz)) - minElevation;
}
