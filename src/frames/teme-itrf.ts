import { EARTH_ROTATION_RATE } from './ellipsoid.ts';
import { type Instant, utcSecondsFromInstant } from '../time/instant.ts';
import { type EarthOrientation, NO_EARTH_ORIENTATION } from './earth-orientation.ts';
import { gmstFromUt1Seconds } from './gmst.ts';
import { type StateVector, stateVector } from './types.ts';

/**
 * The rotation TEME -> ITRF at one instant: ITRF = W^T R3(gmst) TEME, with W the IAU-1980
 * polar-motion matrix (Vallado, AIAA 2006-6753, teme2ecef). Computed once per time step and
 * applied to every object at that step.
 */
export interface EarthRotation {
  cosG: number;
  sinG: number;
  /** Polar motion, rad. */
  xp: number;
  yp: number;
  hasPolarMotion: boolean;
}

export function earthRotationAt(t: Instant, eop: EarthOrientation = NO_EARTH_ORIENTATION, out?: EarthRotation): EarthRotation {
  const utc = utcSecondsFromInstant(t);
  const values = eop.at(utc);
  const g = gmstFromUt1Seconds(utc + values.ut1MinusUtcS);
  const rot = out ?? { cosG: 0, sinG: 0, xp: 0, yp: 0, hasPolarMotion: false };
  rot.cosG = Math.cos(g);
  rot.sinG = Math.sin(g);
  rot.xp = values.xpRad;
  rot.yp = values.ypRad;
  rot.hasPolarMotion = values.xpRad !== 0 || values.ypRad !== 0;
  return rot;
}

/**
 * Rotates position (and velocity, with the Earth-rotation term) from TEME to ITRF in place on
 * arrays at index `i` of x,y,z,vx,vy,vz: the bulk kernel. Velocities may be omitted.
 */
export function temeToItrfInPlace(
  rot: EarthRotation,
  x: Float64Array,
  y: Float64Array,
  z: Float64Array,
  vx: Float64Array | null,
  vy: Float64Array | null,
  vz: Float64Array | null,
  i: number,
): void {
  const { cosG, sinG } = rot;
  // PEF (pseudo Earth-fixed): rotate by GMST.
  const px = cosG * x[i] + sinG * y[i];
  const py = -sinG * x[i] + cosG * y[i];
  const pz = z[i];
  let qx = 0;
  let qy = 0;
  let qz = 0;
  if (vx && vy && vz) {
    const w = EARTH_ROTATION_RATE;
    qx = cosG * vx[i] + sinG * vy[i] + w * py;
    qy = -sinG * vx[i] + cosG * vy[i] - w * px;
    qz = vz[i];
  }
  if (rot.hasPolarMotion) {
    const cx = Math.cos(rot.xp);
    const sx = Math.sin(rot.xp);
    const cy = Math.cos(rot.yp);
    const sy = Math.sin(rot.yp);
    // ITRF = W^T PEF, W = [[cx, 0, -sx], [sx sy, cy, cx sy], [sx cy, -sy, cx cy]].
    x[i] = cx * px + sx * sy * py + sx * cy * pz;
    y[i] = cy * py - sy * pz;
    z[i] = -sx * px + cx * sy * py + cx * cy * pz;
    if (vx && vy && vz) {
      vx[i] = cx * qx + sx * sy * qy + sx * cy * qz;
      vy[i] = cy * qy - sy * qz;
      vz[i] = -sx * qx + cx * sy * qy + cx * cy * qz;
    }
  } else {
    x[i] = px;
    y[i] = py;
    z[i] = pz;
    if (vx && vy && vz) {
      vx[i] = qx;
      vy[i] = qy;
      vz[i] = qz;
    }
  }
}

/** The inverse of temeToItrfInPlace. */
export function itrfToTemeInPlace(
  rot: EarthRotation,
  x: Float64Array,
  y: Float64Array,
  z: Float64Array,
  vx: Float64Array | null,
  vy: Float64Array | null,
  vz: Float64Array | null,
  i: number,
): void {
  let px = x[i];
  let py = y[i];
  let pz = z[i];
  let qx = vx ? vx[i] : 0;
  let qy = vy ? vy[i] : 0;
  let qz = vz ? vz[i] : 0;
  if (rot.hasPolarMotion) {
    const cx = Math.cos(rot.xp);
    const sx = Math.sin(rot.xp);
    const cy = Math.cos(rot.yp);
    const sy = Math.sin(rot.yp);
    const ax = px;
    const ay = py;
    const az = pz;
    px = cx * ax - sx * az;
    py = sx * sy * ax + cy * ay + cx * sy * az;
    pz = sx * cy * ax - sy * ay + cx * cy * az;
    const bx = qx;
    const by = qy;
    const bz = qz;
    qx = cx * bx - sx * bz;
    qy = sx * sy * bx + cy * by + cx * sy * bz;
    qz = sx * cy * bx - sy * by + cx * cy * bz;
  }
  const { cosG, sinG } = rot;
  x[i] = cosG * px - sinG * py;
  y[i] = sinG * px + cosG * py;
  z[i] = pz;
  if (vx && vy && vz) {
    const w = EARTH_ROTATION_RATE;
    const ix = qx - w * py;
    const iy = qy + w * px;
    vx[i] = cosG * ix - sinG * iy;
    vy[i] = sinG * ix + cosG * iy;
    vz[i] = qz;
  }
}

export function temeToItrf(state: StateVector<'TEME'>, eop: EarthOrientation = NO_EARTH_ORIENTATION): StateVector<'ITRF'> {
  const rot = earthRotationAt(state.t, eop);
  const x = Float64Array.of(state.r[0]);
  const y = Float64Array.of(state.r[1]);
  const z = Float64Array.of(state.r[2]);
  const vx = Float64Array.of(state.v[0]);
  const vy = Float64Array.of(state.v[1]);
  const vz = Float64Array.of(state.v[2]);
  temeToItrfInPlace(rot, x, y, z, vx, vy, vz, 0);
  return stateVector('ITRF', state.t, [x[0], y[0], z[0]], [vx[0], vy[0], vz[0]]);
}

export function itrfToTeme(state: StateVector<'ITRF'>, eop: EarthOrientation = NO_EARTH_ORIENTATION): StateVector<'TEME'> {
  const rot = earthRotationAt(state.t, eop);
  const x = Float64Array.of(state.r[0]);
  const y = Float64Array.of(state.r[1]);
  const z = Float64Array.of(state.r[2]);
  const vx = Float64Array.of(state.v[0]);
  const vy = Float64Array.of(state.v[1]);
  const vz = Float64Array.of(state.v[2]);
  itrfToTemeInPlace(rot, x, y, z, vx, vy, vz, 0);
  return stateVector('TEME', state.t, [x[0], y[0], z[0]], [vx[0], vy[0], vz[0]]);
}
