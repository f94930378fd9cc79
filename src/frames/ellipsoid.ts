/**
 * The figures that define the Earth-fixed frame itself: the WGS-84 ellipsoid (NIMA TR8350.2)
 * and the IERS rotation rate. They live here, not in bodies/, because geodetic coordinates and
 * the TEME <-> ITRF rotation cannot be stated without them; bodies/earth.ts re-exports them
 * beside the gravity figures.
 */
export const WGS84_ELLIPSOID = {
  /** Equatorial radius, m. */
  a: 6378137.0,
  /** Flattening. */
  f: 1 / 298.257223563,
} as const;

export const WGS84_B = WGS84_ELLIPSOID.a * (1 - WGS84_ELLIPSOID.f);
export const WGS84_E2 = WGS84_ELLIPSOID.f * (2 - WGS84_ELLIPSOID.f);

/** Earth rotation rate with respect to the equinox of date (IERS), rad/s, for the TEME <-> ITRF velocity term. */
export const EARTH_ROTATION_RATE = 7.292115146706979e-5;
