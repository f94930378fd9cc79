import { constants } from 'satellite.js';

/**
 * Angle arithmetic for the bulk SGP4 kernels: SGP4's fmod(x, 2 pi) without V8's slow library
 * call, and the sine and cosine of angles small enough for a short series, which the kernels
 * use to turn a known (cos, sin) pair by a small angle instead of calling Math.sin and
 * Math.cos on the whole angle again.
 */

const { twoPi } = constants;

// 2 pi as the double twoPi, split into TWO_PI_A (its last 21 bits cleared, so q * TWO_PI_A is
// exact for |q| < 2^21, angles up to 1.3e7 rad) and the exact rest TWO_PI_B. The remainder is
// fmod's to within an ulp of 2 pi.
const TWO_PI_A = 6.2831853069365025;
const TWO_PI_B = twoPi - TWO_PI_A;

const INV_TWO_PI = 1 / twoPi;

/**
 * x minus the whole turns in it, keeping the sign of x (as C's fmod). Within an ulp of a
 * whole number of turns the count may be one off (the product rounds where the quotient
 * would not), which gives the same angle one turn away: every use is periodic.
 */
export function remTwoPi(x: number): number {
  const q = Math.trunc(x * INV_TWO_PI);
  return x - q * TWO_PI_A - q * TWO_PI_B;
}

/** x minus the nearest whole number of turns: the same angle in [-pi, pi]. */
export function nearestTurn(x: number): number {
  return x - Math.round(x / twoPi) * twoPi;
}

/**
 * Largest |d| (rad) the series below take. At 0.25 the first omitted terms, d^13/13! of the
 * sine and d^14/14! of the cosine, are under 3e-18 and 5e-20: below half an ulp of either
 * result, so the series are as good as the library calls.
 */
export const SERIES_LIMIT = 0.25;

// Taylor coefficients (-1)^k / (2k+1)! and (-1)^k / (2k)! (exported for kernels that must
// write the series out: past V8's inlining budget a call would box its numbers).
export const S3 = -1 / 6;
export const S5 = 1 / 120;
export const S7 = -1 / 5040;
export const S9 = 1 / 362880;
export const S11 = -1 / 39916800;
export const C2 = -1 / 2;
export const C4 = 1 / 24;
export const C6 = -1 / 720;
export const C8 = 1 / 40320;
export const C10 = -1 / 3628800;
export const C12 = 1 / 479001600;

/** sin d for |d| <= SERIES_LIMIT. */
export function sinSeries(d: number): number {
  const d2 = d * d;
  return d + d * d2 * (S3 + d2 * (S5 + d2 * (S7 + d2 * (S9 + d2 * S11))));
}

/** cos d for |d| <= SERIES_LIMIT. */
export function cosSeries(d: number): number {
  const d2 = d * d;
  return 1 + d2 * (C2 + d2 * (C4 + d2 * (C6 + d2 * (C8 + d2 * (C10 + d2 * C12)))));
}

/**
 * Largest |d| for the three-term series: the first omitted terms, d^7/7! and d^6/6!, are then
 * under 4e-21 and 6e-18. The short-period corrections (under 1e-3 rad above the ground) and
 * most drag terms are this small.
 */
export const SHORT_LIMIT = 4e-3;

/** sin d, by the cheapest of the short series, the long series and the library that is exact. */
export function sinNear(d: number): number {
  const a = Math.abs(d);
  if (a <= SHORT_LIMIT) {
    const d2 = d * d;
    return d + d * d2 * (S3 + d2 * S5);
  }
  if (a <= SERIES_LIMIT) {
    // sinSeries written out: a call here would not be inlined in the large kernels.
    const d2 = d * d;
    return d + d * d2 * (S3 + d2 * (S5 + d2 * (S7 + d2 * (S9 + d2 * S11))));
  }
  return Math.sin(d);
}

/** cos d, as sinNear. */
export function cosNear(d: number): number {
  const a = Math.abs(d);
  if (a <= SHORT_LIMIT) {
    const d2 = d * d;
    return 1 + d2 * (C2 + d2 * C4);
  }
  if (a <= SERIES_LIMIT) {
    const d2 = d * d;
    return 1 + d2 * (C2 + d2 * (C4 + d2 * (C6 + d2 * (C8 + d2 * (C10 + d2 * C12)))));
  }
  return Math.cos(d);
}
