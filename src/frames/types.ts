import type { Instant } from '../time/instant.ts';

/**
 * Frames tracklayer works in. TEME: SGP4's true equator, mean equinox of date, the inertial
 * working frame. ITRF: Earth-fixed, where the ground, threats, grids and files live.
 */
export type Frame = 'TEME' | 'ITRF';

/** A position and velocity (m, m/s) in a named frame at an instant. Passing one frame for another does not compile. */
export interface StateVector<F extends Frame> {
  readonly frame: F;
  readonly t: Instant;
  readonly r: Float64Array;
  readonly v: Float64Array;
}

export function stateVector<F extends Frame>(frame: F, t: Instant, r: ArrayLike<number>, v: ArrayLike<number>): StateVector<F> {
  return { frame, t, r: Float64Array.from(r), v: Float64Array.from(v) };
}

/** Geodetic coordinates on WGS-84: latitude and longitude in radians, height above the ellipsoid in metres. */
export interface Geodetic {
  lat: number;
  lon: number;
  height: number;
}
