/**
 * Earth constants, SI. WGS-84 for geometry and the ground; WGS-72 only where SGP4 needs it.
 * Sources: NIMA TR8350.2 (WGS-84, 3rd ed.), EGM96 for J2; Spacetrack Report #3 and
 * Vallado et al. (AIAA 2006-6753) for WGS-72 as SGP4 uses it.
 */
import { EARTH_ROTATION_RATE, WGS84_B, WGS84_E2, WGS84_ELLIPSOID } from '../frames/ellipsoid.ts';

export { EARTH_ROTATION_RATE, WGS84_B, WGS84_E2 };

export const WGS84 = {
  /** Equatorial radius, m. */
  a: WGS84_ELLIPSOID.a,
  /** Flattening. */
  f: WGS84_ELLIPSOID.f,
  /** Gravitational parameter including the atmosphere, m^3/s^2. */
  mu: 3.986004418e14,
  /** Nominal mean angular velocity, rad/s. */
  omega: 7.292115e-5,
} as const;


/** Second zonal harmonic, unnormalised (EGM96: -sqrt(5) * C20bar). */
export const J2 = 1.08262668e-3;

/** Mean equatorial radius used with J2 in analytic propagation (same as WGS-84 a). */
export const EARTH_RADIUS_EQUATORIAL = WGS84.a;
/** IUGG mean radius R1 = (2a + b)/3, for spherical-Earth closed forms. */
export const EARTH_RADIUS_MEAN = (2 * WGS84.a + WGS84_B) / 3;


/** Standard gravity, m/s^2 (for specific impulse). */
export const G0 = 9.80665;

/** WGS-72 as SGP4 uses it (Vallado's "wgs72" constants). */
export const WGS72 = {
  mu: 3.986008e14,
  a: 6378135.0,
  j2: 0.001082616,
} as const;
