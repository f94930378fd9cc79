import { EARTH_ROTATION_RATE, WGS84, WGS84_B } from '../bodies/earth.ts';
import * as margins from './margins.ts';
import { NO_TARGET_CONSTRAINTS, type Sensor, type TargetConstraints, sensorNeedsSun } from './sensor.ts';

// Local bindings: calls through a transpiled module's live-binding getters cost more than the
// arithmetic in these hot loops.
const { ELLIPSOID_Z_SCALE, coneMargin, elevationMargin, occlusionMargin, rangeMargin, rectangleMargin, spaceBackgroundMargin, sunExclusionMargin } = margins;
const A = WGS84.a;
/** Angular pad (rad) of culling caps for the angle between the ellipsoid normal and the geocentric vertical (under 0.2 deg). */
const NORMAL_PAD = 0.25 * (Math.PI / 180);
/** Angular pad (rad) of culling caps for rounding: 1e-7 rad is under a metre on the ground. */
const ROUNDING_PAD = 1e-7;

/** Earth-central angles (rad) about the satellite's direction, taken where the ellipsoid is a sphere (see capBounds): nothing outside `outer` is visible, everything inside `inner` is. */
export interface CapBounds {
  inner: number;
  outer: number;
}

/**
 * A sensor compiled for fast evaluation of all its viewing conditions at once. `prepare` fixes the
 * satellite (and Sun) for one instant; `marginTo` then gives the combined margin (the minimum of
 * every active condition's margin, DESIGN.md section 4) to any target. The bulk coverage loop and
 * the pairwise access code both go through these two calls, so they agree bit for bit.
 * Holds scratch state: one model per thread of work.
 */
export class SensorModel {
  readonly sensor: Sensor;
  readonly constraints: TargetConstraints;
  readonly needsSun: boolean;
  /** True when every condition depends only on the Earth-central angle and the radii, so a cap can be declared fully visible. */
  readonly radiallySymmetric: boolean;

  private readonly forKind: 0 | 1 | 2;
  private readonly forHalf: number;
  private readonly forHalfWidth: number;
  private readonly forHalfHeight: number;
  /** Largest off-nadir angle any line of sight inside the field of regard can have (rad), for culling. */
  private readonly maxOffNadirForBound: number;
  private readonly backgroundSign: number;

  private sx = 0;
  private sy = 0;
  private sz = 0;
  private bx = 0;
  private by = 0;
  private bz = 0;
  private e1x = 0;
  private e1y = 0;
  private e1z = 0;
  private e2x = 0;
  private e2y = 0;
  private e2z = 0;
  private sunX = 0;
  private sunY = 0;
  private sunZ = 0;

  constructor(sensor: Sensor, constraints: TargetConstraints = NO_TARGET_CONSTRAINTS) {
    this.sensor = sensor;
    this.constraints = constraints;
    this.needsSun = sensorNeedsSun(sensor);
    const f = sensor.fieldOfRegard;
    this.forKind = f === null ? 0 : f.shape === 'cone' ? 1 : 2;
    this.forHalf = f !== null && f.shape === 'cone' ? f.halfAngle : 0;
    this.forHalfWidth = f !== null && f.shape === 'rectangle' ? f.halfWidth : 0;
    this.forHalfHeight = f !== null && f.shape === 'rectangle' ? f.halfHeight : 0;
    const fieldRadius =
      f === null ? Math.PI : f.shape === 'cone' ? f.halfAngle : Math.atan(Math.hypot(Math.tan(f.halfWidth), Math.tan(f.halfHeight)));
    const p = sensor.pointing;
    let boresightOffNadir = 0;
    if (p.mode === 'lvlh') {
      const [x, y, z] = p.direction;
      boresightOffNadir = Math.atan2(Math.hypot(x, y), z);
    } else if (p.mode === 'limb') {
      boresightOffNadir = Math.PI / 2; // bounded below per satellite radius; a safe upper value here
    }
    this.maxOffNadirForBound = f === null ? Math.PI : p.mode === 'limb' ? Math.PI : boresightOffNadir + fieldRadius;
    this.backgroundSign = sensor.background === 'space' ? 1 : sensor.background === 'earth' ? -1 : 0;
    const aboutNadir = p.mode === 'nadir' || p.mode === 'cued';
    this.radiallySymmetric = aboutNadir && this.forKind !== 2 && !this.needsSun && this.backgroundSign === 0;
  }

  /**
   * Fixes the satellite's ITRF position and velocity (m, m/s) and, when the sensor needs it, the
   * Sun's ITRF position (m) for the following `marginTo` calls.
   */
  prepare(sx: number, sy: number, sz: number, vx: number, vy: number, vz: number, sunX = 0, sunY = 0, sunZ = 0): void {
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.sunX = sunX;
    this.sunY = sunY;
    this.sunZ = sunZ;
    const rs = Math.sqrt(sx * sx + sy * sy + sz * sz);
    // LVLH (CCSDS) from the inertial velocity expressed in ITRF axes (adds omega x r), so the
    // along-track axis does not yaw with the Earth's rotation.
    const zx = -sx / rs;
    const zy = -sy / rs;
    const zz = -sz / rs;
    const p = this.sensor.pointing;
    if (p.mode === 'nadir' || p.mode === 'cued') {
      this.bx = zx;
      this.by = zy;
      this.bz = zz;
      if (this.forKind !== 2) return;
    }
    const ivx = vx - EARTH_ROTATION_RATE * sy;
    const ivy = vy + EARTH_ROTATION_RATE * sx;
    let hx = sy * vz - sz * ivy;
    let hy = sz * ivx - sx * vz;
    let hz = sx * ivy - sy * ivx;
    let hn = Math.sqrt(hx * hx + hy * hy + hz * hz);
    if (!(hn > 0)) {
      // No motion: orient the frame on the Earth's axis instead of failing mid-batch.
      hx = sy;
      hy = -sx;
      hz = 0;
      hn = Math.sqrt(hx * hx + hy * hy) || 1;
    }
    const yx = -hx / hn;
    const yy = -hy / hn;
    const yz = -hz / hn;
    const xx = yy * zz - yz * zy;
    const xy = yz * zx - yx * zz;
    const xz = yx * zy - yy * zx;
    if (p.mode === 'limb') {
      const s = Math.min(1, (A + this.sensor.minGrazingAltitude) / rs);
      const eta = Math.asin(s);
      const c = Math.cos(eta);
      const ca = Math.cos(p.azimuth) * s;
      const sa = Math.sin(p.azimuth) * s;
      this.bx = c * zx + ca * xx + sa * yx;
      this.by = c * zy + ca * xy + sa * yy;
      this.bz = c * zz + ca * xz + sa * yz;
    } else if (p.mode === 'lvlh') {
      const [dx, dy, dz] = p.direction;
      const n = Math.hypot(dx, dy, dz);
      this.bx = (dx * xx + dy * yx + dz * zx) / n;
      this.by = (dx * xy + dy * yy + dz * zy) / n;
      this.bz = (dx * xz + dy * yz + dz * zz) / n;
    }
    if (this.forKind === 2) {
      // Width axis: the along-track direction made perpendicular to the boresight.
      const d = xx * this.bx + xy * this.by + xz * this.bz;
      let ex = xx - d * this.bx;
      let ey = xy - d * this.by;
      let ez = xz - d * this.bz;
      let en = Math.sqrt(ex * ex + ey * ey + ez * ez);
      if (!(en > 1e-12)) {
        ex = yx;
        ey = yy;
        ez = yz;
        en = 1;
      }
      this.e1x = ex / en;
      this.e1y = ey / en;
      this.e1z = ez / en;
      this.e2x = this.by * this.e1z - this.bz * this.e1y;
      this.e2y = this.bz * this.e1x - this.bx * this.e1z;
      this.e2z = this.bx * this.e1y - this.by * this.e1x;
    }
  }

  /**
   * The combined margin (min over conditions) to a target at ITRF (tx, ty, tz), m. (ux, uy, uz)
   * is the target's unit up vector (ellipsoid normal), needed only for the elevation and lighting
   * conditions of ground targets. Mixed units: metres for occlusion, range and background,
   * radians for the angular conditions; the sign is what matters.
   */
  marginTo(tx: number, ty: number, tz: number, ux: number, uy: number, uz: number): number {
    const s = this.sensor;
    const sx = this.sx;
    const sy = this.sy;
    const sz = this.sz;
    const lx = tx - sx;
    const ly = ty - sy;
    const lz = tz - sz;
    let m = occlusionMargin(sx, sy, sz, tx, ty, tz, s.minGrazingAltitude);
    let c: number;
    if (this.forKind === 1) {
      c = coneMargin(this.bx, this.by, this.bz, lx, ly, lz, this.forHalf);
      if (c < m) m = c;
    } else if (this.forKind === 2) {
      c = rectangleMargin(this.bx, this.by, this.bz, this.e1x, this.e1y, this.e1z, this.e2x, this.e2y, this.e2z, lx, ly, lz, this.forHalfWidth, this.forHalfHeight);
      if (c < m) m = c;
    }
    if (s.maxRange !== Number.POSITIVE_INFINITY) {
      c = rangeMargin(lx, ly, lz, s.maxRange);
      if (c < m) m = c;
    }
    if (this.backgroundSign !== 0) {
      c = this.backgroundSign * spaceBackgroundMargin(sx, sy, sz, tx, ty, tz, s.backgroundLimbAltitude);
      if (c < m) m = c;
    }
    if (s.sunExclusionAngle > 0) {
      c = sunExclusionMargin(lx, ly, lz, this.sunX - sx, this.sunY - sy, this.sunZ - sz, s.sunExclusionAngle);
      if (c < m) m = c;
    }
    if (s.minSunElevation !== null) {
      c = elevationMargin(ux, uy, uz, this.sunX - tx, this.sunY - ty, this.sunZ - tz, s.minSunElevation);
      if (c < m) m = c;
    }
    const minElevation = this.constraints.minElevation;
    if (minElevation !== null) {
      c = elevationMargin(ux, uy, uz, -lx, -ly, -lz, minElevation);
      if (c < m) m = c;
    }
    return m;
  }

  /** Each active condition's margin, by name, for explanations and tests (allocates). */
  marginsByCondition(tx: number, ty: number, tz: number, ux: number, uy: number, uz: number): Record<string, number> {
    const s = this.sensor;
    const lx = tx - this.sx;
    const ly = ty - this.sy;
    const lz = tz - this.sz;
    const out: Record<string, number> = { occlusion: occlusionMargin(this.sx, this.sy, this.sz, tx, ty, tz, s.minGrazingAltitude) };
    if (this.forKind === 1) out.fieldOfRegard = coneMargin(this.bx, this.by, this.bz, lx, ly, lz, this.forHalf);
    if (this.forKind === 2) {
      out.fieldOfRegard = rectangleMargin(this.bx, this.by, this.bz, this.e1x, this.e1y, this.e1z, this.e2x, this.e2y, this.e2z, lx, ly, lz, this.forHalfWidth, this.forHalfHeight);
    }
    if (s.maxRange !== Number.POSITIVE_INFINITY) out.range = rangeMargin(lx, ly, lz, s.maxRange);
    if (this.backgroundSign !== 0) out.background = this.backgroundSign * spaceBackgroundMargin(this.sx, this.sy, this.sz, tx, ty, tz, s.backgroundLimbAltitude);
    if (s.sunExclusionAngle > 0) out.sunExclusion = sunExclusionMargin(lx, ly, lz, this.sunX - this.sx, this.sunY - this.sy, this.sunZ - this.sz, s.sunExclusionAngle);
    if (s.minSunElevation !== null) out.lighting = elevationMargin(ux, uy, uz, this.sunX - tx, this.sunY - ty, this.sunZ - tz, s.minSunElevation);
    if (this.constraints.minElevation !== null) out.elevation = elevationMargin(ux, uy, uz, -lx, -ly, -lz, this.constraints.minElevation);
    return out;
  }

  /** The boresight (unit, ITRF) fixed by the last `prepare`. */
  boresight(out: Float64Array = new Float64Array(3)): Float64Array {
    out[0] = this.bx;
    out[1] = this.by;
    out[2] = this.bz;
    return out;
  }

  /**
   * Culling caps for a satellite at geocentric radius rs (m) and targets whose geocentric radii lie
   * in [rpMin, rpMax] (m), as angles between directions taken where the ellipsoid is a sphere
   * (z scaled by a/b, ELLIPSOID_Z_SCALE), the space in which Earth occlusion is decided: no target
   * whose scaled direction lies farther than `outer` from the satellite's is visible and, for
   * radially symmetric sensors, every target within `inner` is (`inner` negative when none).
   * `rsScaled` is the satellite's radius in that space and [rpScaledMin, rpScaledMax] the targets'.
   *
   * Occlusion is exact there (up to a hair for rounding). The other conditions are bounded by
   * geocentric angles, which the scaling stretches by at most a factor k = a/b either way (the map
   * of directions has derivatives of norm at most k, and its inverse too), so their bounds are
   * widened by k outward and narrowed by k inward.
   */
  capBounds(
    rs: number, rsScaled: number, rpMin: number, rpMax: number, rpScaledMin: number, rpScaledMax: number,
    out: CapBounds = { inner: -1, outer: Math.PI },
  ): CapBounds {
    if (!(rpMax < rs) || !(rpMin > 0) || !(rpScaledMax < rsScaled) || !(rpScaledMin > 0)) {
      out.inner = -1;
      out.outer = Math.PI;
      return out;
    }
    const k = ELLIPSOID_Z_SCALE;
    const s = this.sensor;
    // The horizon angle grows with the satellite's radius; with the target's radius it falls below
    // the kink (look-down rule) and rises above it, so its extremes over the target range are at
    // the ends of that range or at the kink.
    const hg = s.minGrazingAltitude;
    const kink = Math.min(Math.max(A + hg + 1, rpScaledMin), rpScaledMax);
    let outer = Math.max(horizonAngle(rsScaled, rpScaledMin, hg), horizonAngle(rsScaled, rpScaledMax, hg), horizonAngle(rsScaled, kink, hg)) + ROUNDING_PAD;
    let inner = Math.min(horizonAngle(rsScaled, rpScaledMin, hg), horizonAngle(rsScaled, rpScaledMax, hg), horizonAngle(rsScaled, kink, hg)) - ROUNDING_PAD;
    // Geocentric bounds of the other conditions.
    let outerG = Math.PI;
    let innerG = Math.PI;
    if (this.maxOffNadirForBound < Math.PI / 2) {
      outerG = Math.min(outerG, coneAngle(rs, rpMin, this.maxOffNadirForBound));
      if (this.forKind === 1) innerG = Math.min(innerG, coneInnerAngle(rs, rpMax, this.forHalf));
    }
    if (s.maxRange !== Number.POSITIVE_INFINITY) {
      outerG = Math.min(outerG, Math.max(rangeAngle(rs, rpMin, s.maxRange), rangeAngle(rs, rpMax, s.maxRange)));
      innerG = Math.min(innerG, rangeAngle(rs, rpMin, s.maxRange), rangeAngle(rs, rpMax, s.maxRange));
    }
    const e = this.constraints.minElevation;
    if (e !== null) {
      // The pad covers the angle between the ellipsoid normal and the geocentric vertical.
      outerG = Math.min(outerG, elevationAngle(rs, rpMin, e - NORMAL_PAD));
      innerG = Math.min(innerG, elevationAngle(rs, rpMax, e + NORMAL_PAD));
    }
    if (outerG < Math.PI) outer = Math.min(outer, outerG * k + ROUNDING_PAD);
    if (innerG < Math.PI) inner = Math.min(inner, innerG / k - ROUNDING_PAD);
    out.outer = Math.min(Math.PI, outer);
    out.inner = this.radiallySymmetric ? inner : -1;
    return out;
  }
}

/** Earth-central angle out to which a target at radius rp is seen past the limb from radius rs with the grazing rule of occlusionMargin. */
function horizonAngle(rs: number, rp: number, grazingAltitude: number): number {
  const rho = A + Math.min(grazingAltitude, rp - A - 1);
  if (rho <= 0) return Math.PI;
  return Math.acos(Math.min(1, rho / rs)) + Math.acos(Math.min(1, rho / rp));
}

/**
 * Earth-central angle of a target at radius rp seen at off-nadir angle theta from radius rs: the
 * near intersection of the cone with the sphere rp. When the cone's edge clears the Earth, targets
 * on the far side past the limb can fall inside it too, so no bound is given (pi).
 */
function coneAngle(rs: number, rp: number, theta: number): number {
  const reach = rs * Math.sin(theta);
  if (reach >= 0.99 * WGS84_B || reach >= rp) return Math.PI;
  return Math.asin(reach / rp) - theta;
}

/** Earth-central angle inside which every target at radius rp lies within the cone (all of them when the cone reaches past the sphere's tangent). */
function coneInnerAngle(rs: number, rp: number, theta: number): number {
  const reach = rs * Math.sin(theta);
  if (reach >= rp || theta >= Math.PI / 2) return Math.PI;
  return Math.asin(reach / rp) - theta;
}

function rangeAngle(rs: number, rp: number, range: number): number {
  const c = (rs * rs + rp * rp - range * range) / (2 * rs * rp);
  return c >= 1 ? 0 : c <= -1 ? Math.PI : Math.acos(c);
}

function elevationAngle(rs: number, rp: number, elevation: number): number {
  const s = (rp * Math.cos(elevation)) / rs;
  return Math.max(0, Math.PI / 2 - elevation - Math.asin(Math.min(1, s)));
}

/** Spherical radius bounds (m) of points at geodetic height h on WGS-84. */
export function geocentricRadiusRange(heightMin: number, heightMax: number): { min: number; max: number } {
  return { min: WGS84_B + heightMin, max: WGS84.a + heightMax };
}
