import { type StateColumns, markFailed } from '../state-table.ts';
import { constants } from 'satellite.js';
import { C10, C12, C2, C4, C6, C8, S11, S3, S5, S7, S9, SERIES_LIMIT, cosNear, remTwoPi, sinNear } from './angles.ts';

/**
 * The part of SGP4 shared by the near-Earth and deep-space kernels: from the mean elements
 * at one time to a TEME state. Long-period periodics, Kepler's equation, short-period
 * periodics and the orientation vectors, in the steps of Vallado's sgp4() (AIAA 2006-6753)
 * as satellite.js has them, with the sines and cosines carried instead of recomputed where
 * an angle is known or changes by little:
 *  - the caller hands over the cosine and sine of the perturbed argument of perigee and node
 *    (the kernels carry them from step to step, see near-earth-kernel.ts);
 *  - Kepler's equation starts from the previous time step's solution, extrapolated, when the
 *    object was computed at the two steps before (otherwise from SGP4's own first guess), and
 *    every Newton step turns the known sin E and cos E by the step instead of calling sin and
 *    cos again. It runs to SGP4's tolerance (1e-12 rad) and then applies the last correction
 *    as well (SGP4 itself leaves it out), so the solution does not depend on where it started;
 *  - the short-period corrections to the argument of latitude, the node and the inclination
 *    (under 1e-3 rad above the ground) turn the known sines and cosines by the correction.
 * The tests hold the kernels to satellite.js's sgp4() on every row they compare.
 */

const { xke, j2, earthRadius, vkmpersec, twoPi, pi } = constants;
const M_PER_ER = earthRadius * 1000;
const MS_PER_VKM = vkmpersec * 1000;

/** Where the kernels write: time-major state-table columns, metres and m/s. */
export type KernelOutput = StateColumns;

// The mean elements of one object at one time, as a kernel hands them to writeState: a
// reused Float64Array, so no number is boxed on the way (writeState is too big to inline).
/** Semi-major axis (Earth radii). */
export const M_AM = 0;
/** Mean motion (rad/min). */
export const M_NM = 1;
export const M_EP = 2;
export const M_INCLP = 3;
export const M_SINIP = 4;
export const M_COSIP = 5;
export const M_ARGPP = 6;
export const M_COS_ARGPP = 7;
export const M_SIN_ARGPP = 8;
export const M_NODEP = 9;
/** Cosine and sine of nodep - M_NODE_TURN (a small angle the kernel has not turned them by). */
export const M_COS_NODEP = 10;
export const M_SIN_NODEP = 11;
export const M_MP = 12;
export const M_AYCOF = 13;
export const M_XLCOF = 14;
export const M_CON41 = 15;
export const M_X1MTH2 = 16;
export const M_X7THM1 = 17;
export const M_NODE_TURN = 18;
const MEAN_ELEMENTS_LENGTH = 19;

export function meanElementsScratch(): Float64Array {
  return new Float64Array(MEAN_ELEMENTS_LENGTH);
}

// Kepler's equation per object between time steps: the eccentric anomaly at the last three
// steps, the sine and cosine of the last, and how many of the three are there (0 to 3).
const K_E1 = 0;
const K_E2 = 1;
const K_E3 = 2;
const K_SIN1 = 3;
const K_COS1 = 4;
const K_HELD = 5;
export const KEPLER_STRIDE = 6;

/** A Kepler state for `count` objects: no previous solutions. */
export function keplerState(count: number): Float64Array {
  return new Float64Array(count * KEPLER_STRIDE);
}

/** Drops the previous solutions of one object (its row failed, so the next starts afresh). */
export function forgetKepler(kepler: Float64Array, kb: number): void {
  kepler[kb + K_HELD] = 0;
}

// SGP4's Kepler iteration: tolerance and cap on iterations (ktr <= 10 after the increment).
const KEPLER_TOLERANCE = 1.0e-12;
const KEPLER_MAX_KTR = 10;
/**
 * A Newton step of size s on E - axnl sin E + aynl cos E = u leaves an error of at most
 * about e s^2 / (2 f'), e = |(axnl, aynl)| <= |axnl| + |aynl|, f' the step's denominator. When
 * that bound is under 1e-15 rad the next step (and SGP4's test on it) is not worth taking.
 */
const KEPLER_SETTLED = 2.0e-15;
/**
 * At and above this eccentricity writeState follows SGP4's arithmetic literally: no carried
 * sines and cosines, no start of Kepler's equation from previous solutions. Below it SGP4's own
 * Kepler iteration from E = u settles within 8 of its 10 steps for every u (checked on a dense
 * grid, and in sgp4-kernel.test.ts), so the two starts cannot end at different answers.
 */
export const HIGH_ECCENTRICITY = 0.95;
/** Below this a Newton correction's sine and cosine are d - d^3/6 and 1 - d^2/2 to rounding. */
const TINY_ANGLE = 1.0e-4;

/**
 * Mean elements `m` (SGP4 units: Earth radii, radians, rad/min) to a state written at `row`.
 * `kepler` at `kb` holds this object's previous Kepler solutions; `warm` allows starting from
 * them (the caller clears it at its re-seeding steps, so carried sines and cosines are
 * recomputed from the library there). Returns 0, or SGP4's code 4 (semi-latus rectum below
 * zero) or 6 (decayed) after writing NaN and the code.
 */
export function writeState(out: KernelOutput, row: number, m: Float64Array, kepler: Float64Array, kb: number, warm: boolean): number {
  const am = m[M_AM];
  const ep = m[M_EP];
  const nodep = m[M_NODEP];

  // Long-period periodics. Near e = 1 (of the mean elements or of (axnl, aynl), which after a
  // decay can be near 1 for a small ep) everything below hangs on 1 - |(axnl, aynl)|^2, and
  // that magnifies the last bit of the perigee's and the eccentric anomaly's cosines and sines
  // a million-fold or more; there they come from the library as in SGP4, so the answer is
  // SGP4's to rounding.
  let temp = 1.0 / (am * (1.0 - ep * ep));
  let axnl = ep * m[M_COS_ARGPP];
  let aynl = ep * m[M_SIN_ARGPP] + temp * m[M_AYCOF];
  let eBound = Math.abs(axnl) + Math.abs(aynl);
  const highE = ep >= HIGH_ECCENTRICITY || eBound >= HIGH_ECCENTRICITY;
  if (highE) {
    axnl = ep * Math.cos(m[M_ARGPP]);
    aynl = ep * Math.sin(m[M_ARGPP]) + temp * m[M_AYCOF];
    eBound = Math.abs(axnl) + Math.abs(aynl);
  }
  const xl = m[M_MP] + m[M_ARGPP] + nodep + temp * m[M_XLCOF] * axnl;

  // Kepler's equation in SGP4's form: E - axnl sin E + aynl cos E = u.
  const u = remTwoPi(xl - nodep);
  let eo1 = 0;
  let sineo1 = 0;
  let coseo1 = 0;
  const held = kepler[kb + K_HELD];
  // The first attempt starts from the previous solutions when there are any to go on, the
  // second (or only) one from SGP4's own guess E = u. Only below HIGH_ECCENTRICITY, where
  // SGP4's own iteration always settles well within its ten steps, so both find the same root.
  for (let attempt = warm && held >= 2 && !highE ? 0 : 1; attempt < 2; attempt++) {
    const fromPrevious = attempt === 0;
    if (fromPrevious) {
      // Extrapolate the last solutions (quadratically when there are three): off by about
      // e (n dt)^3, so one Newton step usually settles it where E = u (off by e) takes two or three.
      const e1 = kepler[kb + K_E1];
      const e2 = kepler[kb + K_E2];
      // Differences brought into [-pi, pi] (they stay under 3 pi), written out rather than
      // called: writeState is past V8's inlining budget, and a call would box its numbers.
      let d1 = e1 - e2;
      if (d1 > pi) d1 -= twoPi;
      else if (d1 < -pi) d1 += twoPi;
      let step = d1;
      if (held === 3) {
        let d2 = e2 - kepler[kb + K_E3];
        if (d2 > pi) d2 -= twoPi;
        else if (d2 < -pi) d2 += twoPi;
        step = d1 + (d1 - d2);
      }
      if (!(Math.abs(step) <= SERIES_LIMIT)) continue;
      eo1 = e1 + step;
      // The same angle within pi of u (u wraps at whole turns).
      const off = u - eo1;
      if (off > pi) eo1 += twoPi;
      else if (off < -pi) eo1 -= twoPi;
      // sinSeries and cosSeries of the step, written out (as above).
      const q2 = step * step;
      const sd = step + step * q2 * (S3 + q2 * (S5 + q2 * (S7 + q2 * (S9 + q2 * S11))));
      const cd = 1.0 + q2 * (C2 + q2 * (C4 + q2 * (C6 + q2 * (C8 + q2 * (C10 + q2 * C12)))));
      const s1 = kepler[kb + K_SIN1];
      const c1 = kepler[kb + K_COS1];
      sineo1 = s1 * cd + c1 * sd;
      coseo1 = c1 * cd - s1 * sd;
    } else {
      eo1 = u;
      sineo1 = Math.sin(u);
      coseo1 = Math.cos(u);
    }
    let settled = false;
    for (let ktr = 1; ; ) {
      const den = 1.0 - coseo1 * axnl - sineo1 * aynl;
      let tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / den;
      if (Math.abs(tem5) >= 0.95) {
        if (fromPrevious) break; // a poor guess after all: SGP4's own start instead
        tem5 = tem5 > 0.0 ? 0.95 : -0.95;
      }
      ktr += 1;
      // SGP4 stops when the step is under its tolerance, keeping the sine and cosine of the
      // iterate before that step (up to 1e-12 rad short of the root), and after ten steps in
      // any case. Its own start here does the same; the start from previous solutions takes
      // the last step too (so its answer does not depend on where it started) and hands over
      // to SGP4's start if ten steps do not settle it.
      if (Math.abs(tem5) < KEPLER_TOLERANCE) {
        settled = true;
        if (!fromPrevious) break;
      } else {
        // Settled already when the step after this one would be under 1e-15 rad: SGP4 would
        // take this step, find the next under its tolerance and stop, with the same iterate.
        settled = eBound * tem5 * tem5 <= KEPLER_SETTLED * den;
        if (!settled && ktr > KEPLER_MAX_KTR) break;
      }
      eo1 += tem5;
      const s0 = sineo1;
      if (highE) {
        sineo1 = Math.sin(eo1);
        coseo1 = Math.cos(eo1);
      } else if (Math.abs(tem5) <= TINY_ANGLE) {
        const sd = tem5 - tem5 * tem5 * tem5 * (1 / 6);
        const cd = 1.0 - 0.5 * tem5 * tem5;
        sineo1 = s0 * cd + coseo1 * sd;
        coseo1 = coseo1 * cd - s0 * sd;
      } else if (Math.abs(tem5) <= SERIES_LIMIT) {
        const q2 = tem5 * tem5;
        const sd = tem5 + tem5 * q2 * (S3 + q2 * (S5 + q2 * (S7 + q2 * (S9 + q2 * S11))));
        const cd = 1.0 + q2 * (C2 + q2 * (C4 + q2 * (C6 + q2 * (C8 + q2 * (C10 + q2 * C12)))));
        sineo1 = s0 * cd + coseo1 * sd;
        coseo1 = coseo1 * cd - s0 * sd;
      } else {
        sineo1 = Math.sin(eo1);
        coseo1 = Math.cos(eo1);
      }
      if (settled) break;
    }
    if (settled || !fromPrevious) break;
  }
  kepler[kb + K_E3] = kepler[kb + K_E2];
  kepler[kb + K_E2] = kepler[kb + K_E1];
  kepler[kb + K_E1] = eo1;
  kepler[kb + K_SIN1] = sineo1;
  kepler[kb + K_COS1] = coseo1;
  kepler[kb + K_HELD] = held >= 3 ? 3 : held + 1;

  // Short-period preliminaries, in SGP4's order of operations (near e = 1 and after decay the
  // result hangs on their rounding).
  const ecose = axnl * coseo1 + aynl * sineo1;
  const esine = axnl * sineo1 - aynl * coseo1;
  const el2 = axnl * axnl + aynl * aynl;
  const pl = am * (1.0 - el2);
  if (pl < 0.0) return fail(out, row, 4);
  const rl = am * (1.0 - ecose);
  const rdotl = (Math.sqrt(am) * esine) / rl;
  const rvdotl = Math.sqrt(pl) / rl;
  const betal = Math.sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const sinu = (am / rl) * (sineo1 - aynl - axnl * temp);
  const cosu = (am / rl) * (coseo1 - axnl + aynl * temp);
  const sin2u = (cosu + cosu) * sinu;
  const cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const temp1 = 0.5 * j2 * temp;
  const temp2 = temp1 * temp;

  // Short-period periodics.
  const con41 = m[M_CON41];
  const x1mth2 = m[M_X1MTH2];
  const cosip = m[M_COSIP];
  const sinip = m[M_SINIP];
  const mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  if (mrt < 1.0) return fail(out, row, 6);
  const dsu = -0.25 * temp2 * m[M_X7THM1] * sin2u;
  const dnode = 1.5 * temp2 * cosip * sin2u;
  const dinc = 1.5 * temp2 * cosip * sinip * cos2u;
  const mvt = rdotl - (m[M_NM] * temp1 * x1mth2 * sin2u) / xke;
  const rvdot = rvdotl + (m[M_NM] * temp1 * (x1mth2 * cos2u + 1.5 * con41)) / xke;

  // Orientation vectors.
  let sinsu: number;
  let cossu: number;
  if (Math.abs(dsu) <= SERIES_LIMIT) {
    // (sin u, cos u) are a sine and cosine up to rounding (their norm is 1 + O(1e-15)), so
    // one Newton step of 1 / sqrt from 1 normalises them (near e = 1, the exact way); then
    // turn by dsu.
    const n2 = sinu * sinu + cosu * cosu;
    const norm = highE ? 1.0 / Math.sqrt(n2) : 1.5 - 0.5 * n2;
    const s0 = sinu * norm;
    const c0 = cosu * norm;
    const sd = sinNear(dsu);
    const cd = cosNear(dsu);
    sinsu = s0 * cd + c0 * sd;
    cossu = c0 * cd - s0 * sd;
  } else {
    const su = Math.atan2(sinu, cosu) + dsu;
    sinsu = Math.sin(su);
    cossu = Math.cos(su);
  }
  let sini: number;
  let cosi: number;
  if (Math.abs(dinc) <= SERIES_LIMIT) {
    const sd = sinNear(dinc);
    const cd = cosNear(dinc);
    sini = sinip * cd + cosip * sd;
    cosi = cosip * cd - sinip * sd;
  } else {
    sini = Math.sin(m[M_INCLP] + dinc);
    cosi = Math.cos(m[M_INCLP] + dinc);
  }
  // The node's pair is that of nodep - M_NODE_TURN; one turn takes it to nodep + dnode.
  let snod: number;
  let cnod: number;
  const nodeTurn = m[M_NODE_TURN] + dnode;
  if (Math.abs(nodeTurn) <= SERIES_LIMIT) {
    const sd = sinNear(nodeTurn);
    const cd = cosNear(nodeTurn);
    const s0 = m[M_SIN_NODEP];
    const c0 = m[M_COS_NODEP];
    snod = s0 * cd + c0 * sd;
    cnod = c0 * cd - s0 * sd;
  } else {
    snod = Math.sin(nodep + dnode);
    cnod = Math.cos(nodep + dnode);
  }
  const xmx = -snod * cosi;
  const xmy = cnod * cosi;
  const ux = xmx * sinsu + cnod * cossu;
  const uy = xmy * sinsu + snod * cossu;
  const uz = sini * sinsu;
  const wx = xmx * cossu - cnod * sinsu;
  const wy = xmy * cossu - snod * sinsu;
  const wz = sini * cossu;

  // Position (Earth radii -> m) and velocity (Earth radii per minute-unit -> m/s).
  out.x[row] = mrt * ux * M_PER_ER;
  out.y[row] = mrt * uy * M_PER_ER;
  out.z[row] = mrt * uz * M_PER_ER;
  out.vx[row] = (mvt * ux + rvdot * wx) * MS_PER_VKM;
  out.vy[row] = (mvt * uy + rvdot * wy) * MS_PER_VKM;
  out.vz[row] = (mvt * uz + rvdot * wz) * MS_PER_VKM;
  out.status[row] = 0;
  return 0;
}

/** Writes a status code and NaN into one row, as state-table's markFailed does for a whole table. */
export const markRowFailed = markFailed;

function fail(out: KernelOutput, row: number, code: number): number {
  markRowFailed(out, row, code);
  return code;
}
