import { constants } from 'satellite.js';

/**
 * The part of SGP4 shared by the near-Earth and deep-space kernels: from the mean elements
 * at one time to a TEME state. Long-period periodics, Kepler's equation, short-period
 * periodics and the orientation vectors, in the steps of Vallado's sgp4() (AIAA 2006-6753)
 * as satellite.js has them, with two exact shortcuts where an angle is small:
 *  - Kepler's iteration carries sin E and cos E forward by the angle-addition formulas with
 *    a series for the step, instead of calling sin and cos again;
 *  - the short-period corrections to the argument of latitude and the inclination (under
 *    1e-3 rad above the ground) rotate the known sines and cosines instead of going through
 *    atan2 and four more library calls.
 * Both agree with the library calls to rounding (tests hold the kernels to satellite.js).
 */

const { xke, j2, earthRadius, vkmpersec, twoPi } = constants;
const KM_PER_ER = earthRadius * 1000;
const MS_PER_VKM = vkmpersec * 1000;

/** Where the kernels write: time-major state-table columns, metres and m/s. */
export interface KernelOutput {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly vz: Float64Array;
  readonly status: Uint8Array;
}

/**
 * Below this size (rad) an angle's sine and cosine come from their Taylor series, whose first
 * omitted terms (x^9/9!, x^10/10!) are then under 1e-19.
 */
const SMALL_ANGLE = 0.03;

function sinSmall(d: number): number {
  const d2 = d * d;
  return d * (1 - (d2 / 6) * (1 - (d2 / 20) * (1 - d2 / 42)));
}

function cosSmall(d: number): number {
  const d2 = d * d;
  return 1 - (d2 / 2) * (1 - (d2 / 12) * (1 - (d2 / 30) * (1 - d2 / 56)));
}

// SGP4's fmod(x, 2 pi) without V8's slow library call: 2 pi as the double twoPi, split into
// TWO_PI_A (its last 21 bits cleared, so q * TWO_PI_A is exact for |q| < 2^21, angles up to
// 1.3e7 rad) and the exact rest TWO_PI_B. The remainder is fmod's to within an ulp of 2 pi.
const TWO_PI_A = 6.2831853069365025;
const TWO_PI_B = twoPi - TWO_PI_A;

/** x minus the whole turns in it, keeping the sign of x (as C's fmod). */
export function remTwoPi(x: number): number {
  const q = Math.trunc(x / twoPi);
  return x - q * TWO_PI_A - q * TWO_PI_B;
}

/**
 * Mean elements (SGP4 units: Earth radii, radians, rad/min) to a state written at `row`.
 * Returns 0, or SGP4's code 4 (semi-latus rectum below zero) or 6 (decayed) after writing
 * NaN and the code.
 */
export function writeState(
  out: KernelOutput,
  row: number,
  am: number,
  nm: number,
  ep: number,
  xincp: number,
  sinip: number,
  cosip: number,
  argpp: number,
  nodep: number,
  mp: number,
  aycof: number,
  xlcof: number,
  con41: number,
  x1mth2: number,
  x7thm1: number,
): number {
  // Long-period periodics.
  const axnl = ep * Math.cos(argpp);
  let temp = 1.0 / (am * (1.0 - ep * ep));
  const aynl = ep * Math.sin(argpp) + temp * aycof;
  const xl = mp + argpp + nodep + temp * xlcof * axnl;

  // Kepler's equation in SGP4's form, with its step limit, tolerance and iteration cap.
  const u = remTwoPi(xl - nodep);
  let eo1 = u;
  let sineo1 = Math.sin(u);
  let coseo1 = Math.cos(u);
  let ktr = 1;
  for (;;) {
    let tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
    if (Math.abs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
    eo1 += tem5;
    ktr += 1;
    // SGP4 uses the sine and cosine of the last iterate before the final (converged) step.
    if (!(Math.abs(tem5) >= 1.0e-12 && ktr <= 10)) break;
    if (Math.abs(tem5) < SMALL_ANGLE) {
      const sd = sinSmall(tem5);
      const cd = cosSmall(tem5);
      const s0 = sineo1;
      sineo1 = s0 * cd + coseo1 * sd;
      coseo1 = coseo1 * cd - s0 * sd;
    } else {
      sineo1 = Math.sin(eo1);
      coseo1 = Math.cos(eo1);
    }
  }

  // Short-period preliminaries.
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
  const mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  if (mrt < 1.0) return fail(out, row, 6);
  const dsu = -0.25 * temp2 * x7thm1 * sin2u;
  const xnode = nodep + 1.5 * temp2 * cosip * sin2u;
  const dinc = 1.5 * temp2 * cosip * sinip * cos2u;
  const mvt = rdotl - (nm * temp1 * x1mth2 * sin2u) / xke;
  const rvdot = rvdotl + (nm * temp1 * (x1mth2 * cos2u + 1.5 * con41)) / xke;

  // Orientation vectors.
  let sinsu: number;
  let cossu: number;
  if (Math.abs(dsu) < SMALL_ANGLE) {
    // (sin u, cos u) are a sine and cosine up to rounding; normalise, then rotate by dsu.
    const norm = 1.0 / Math.sqrt(sinu * sinu + cosu * cosu);
    const s0 = sinu * norm;
    const c0 = cosu * norm;
    const sd = sinSmall(dsu);
    const cd = cosSmall(dsu);
    sinsu = s0 * cd + c0 * sd;
    cossu = c0 * cd - s0 * sd;
  } else {
    const su = Math.atan2(sinu, cosu) + dsu;
    sinsu = Math.sin(su);
    cossu = Math.cos(su);
  }
  let sini: number;
  let cosi: number;
  if (Math.abs(dinc) < SMALL_ANGLE) {
    const sd = sinSmall(dinc);
    const cd = cosSmall(dinc);
    sini = sinip * cd + cosip * sd;
    cosi = cosip * cd - sinip * sd;
  } else {
    sini = Math.sin(xincp + dinc);
    cosi = Math.cos(xincp + dinc);
  }
  const snod = Math.sin(xnode);
  const cnod = Math.cos(xnode);
  const xmx = -snod * cosi;
  const xmy = cnod * cosi;
  const ux = xmx * sinsu + cnod * cossu;
  const uy = xmy * sinsu + snod * cossu;
  const uz = sini * sinsu;
  const wx = xmx * cossu - cnod * sinsu;
  const wy = xmy * cossu - snod * sinsu;
  const wz = sini * cossu;

  // Position (Earth radii -> m) and velocity (Earth radii per minute-unit -> m/s).
  out.x[row] = mrt * ux * KM_PER_ER;
  out.y[row] = mrt * uy * KM_PER_ER;
  out.z[row] = mrt * uz * KM_PER_ER;
  out.vx[row] = (mvt * ux + rvdot * wx) * MS_PER_VKM;
  out.vy[row] = (mvt * uy + rvdot * wy) * MS_PER_VKM;
  out.vz[row] = (mvt * uz + rvdot * wz) * MS_PER_VKM;
  out.status[row] = 0;
  return 0;
}

/** Writes a status code and NaN into one row, as state-table's markFailed does for a whole table. */
export function markRowFailed(out: KernelOutput, row: number, code: number): void {
  out.status[row] = code;
  out.x[row] = Number.NaN;
  out.y[row] = Number.NaN;
  out.z[row] = Number.NaN;
  out.vx[row] = Number.NaN;
  out.vy[row] = Number.NaN;
  out.vz[row] = Number.NaN;
}

function fail(out: KernelOutput, row: number, code: number): number {
  markRowFailed(out, row, code);
  return code;
}
