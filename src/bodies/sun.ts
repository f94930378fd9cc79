import { type EarthOrientation, NO_EARTH_ORIENTATION } from '../frames/earth-orientation.ts';
import { itrfToGeodetic } from '../frames/geodetic.ts';
import { earthRotationAt, temeToItrfInPlace } from '../frames/teme-itrf.ts';
import { requireFinite } from '../math/errors.ts';
import { DEG } from '../math/units.ts';
import type { Instant } from '../time/instant.ts';
import { EARTH_RADIUS_EQUATORIAL } from './earth.ts';

/** The astronomical unit (IAU 2012 resolution B2), m. */
export const AU = 149597870700;
/** Nominal solar radius (IAU 2015 resolution B3), m. */
export const SUN_RADIUS = 6.957e8;

/**
 * Geocentric position of the Sun (m) by the low-precision formulae of the Astronomical Almanac
 * (section C, "Low precision formulas for the Sun"): stated accuracy 0.01 deg in direction for
 * 1950-2050, the distance to about 1e-4 AU. The formulae give the apparent direction (aberration is
 * folded into the mean longitude) referred to the mean equator and equinox of date; the time
 * argument is taken as TT (the almanac's UT differs by about a minute: 0.0007 deg of solar motion).
 *
 * Returned here as TEME (true equator, mean equinox of date): the two frames differ by the
 * nutation in obliquity, up to 0.003 deg along the Sun's direction, inside the model's own error.
 * Checked in test/bodies/sun.test.ts against ERFA's VSOP2000-based ephemeris reduced with Skyfield
 * (IAU 2006/2000A) at 300 instants over 1950-2050: worst 0.0103 deg in mean of date, 0.011 deg
 * in TEME, distance within 8e-5 AU.
 */
export function sunPositionTeme(t: Instant, out: Float64Array = new Float64Array(3)): Float64Array {
  requireFinite('t', t);
  const n = t / 86400;
  const meanLongitude = (280.46 + 0.9856474 * n) * DEG;
  const meanAnomaly = (357.528 + 0.9856003 * n) * DEG;
  const eclipticLongitude = meanLongitude + (1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * DEG;
  const obliquity = (23.439 - 0.0000004 * n) * DEG;
  const distance = (1.00014 - 0.01671 * Math.cos(meanAnomaly) - 0.00014 * Math.cos(2 * meanAnomaly)) * AU;
  const cl = Math.cos(eclipticLongitude);
  const sl = Math.sin(eclipticLongitude);
  out[0] = distance * cl;
  out[1] = distance * Math.cos(obliquity) * sl;
  out[2] = distance * Math.sin(obliquity) * sl;
  return out;
}

/** The Sun's position in ITRF (m): sunPositionTeme rotated by src/frames (Earth orientation optional). */
export function sunPositionItrf(t: Instant, eop: EarthOrientation = NO_EARTH_ORIENTATION, out: Float64Array = new Float64Array(3)): Float64Array {
  sunPositionTeme(t, out);
  temeToItrfInPlace(earthRotationAt(t, eop), out.subarray(0, 1), out.subarray(1, 2), out.subarray(2, 3), null, null, null, 0);
  return out;
}

/**
 * Elevation (rad) of the Sun's centre above the ellipsoidal horizon of an ITRF point (the WGS-84
 * normal through it), geometric: no refraction, parallax included.
 */
export function sunElevation(pointItrf: ArrayLike<number>, t: Instant, eop: EarthOrientation = NO_EARTH_ORIENTATION): number {
  const sun = sunPositionItrf(t, eop);
  const g = itrfToGeodetic(pointItrf[0], pointItrf[1], pointItrf[2]);
  const ux = Math.cos(g.lat) * Math.cos(g.lon);
  const uy = Math.cos(g.lat) * Math.sin(g.lon);
  const uz = Math.sin(g.lat);
  const dx = sun[0] - pointItrf[0];
  const dy = sun[1] - pointItrf[1];
  const dz = sun[2] - pointItrf[2];
  return Math.asin((dx * ux + dy * uy + dz * uz) / Math.hypot(dx, dy, dz));
}

/** Elevation of the Sun's centre at sunrise and sunset by the almanac's convention: 34' of refraction plus 16' of semi-diameter. */
export const SUNRISE_ELEVATION = (-50 / 60) * DEG;

/**
 * Whether a point on or near the ground sees the Sun: its centre above `minElevation` (rad;
 * 0, the geometric horizon, by default; SUNRISE_ELEVATION for the civil sunrise convention).
 */
export function isSunlit(pointItrf: ArrayLike<number>, t: Instant, eop: EarthOrientation = NO_EARTH_ORIENTATION, minElevation = 0): boolean {
  return sunElevation(pointItrf, t, eop) > minElevation;
}

/**
 * Fraction of the Sun's disc visible from `position` past a spherical Earth of radius
 * `earthRadius` (equatorial by default): 1 in sunlight, 0 in the umbra, in between in the
 * penumbra. A conical shadow model (two discs overlapping, Montenbruck & Gill 3.4.2); both
 * vectors in the same Earth-centred frame, ITRF or TEME. Earth's flattening moves the shadow
 * edge by up to 21 km; the atmosphere is ignored.
 */
export function sunlitFraction(position: ArrayLike<number>, sun: ArrayLike<number>, earthRadius = EARTH_RADIUS_EQUATORIAL): number {
  const sx = sun[0] - position[0];
  const sy = sun[1] - position[1];
  const sz = sun[2] - position[2];
  const dSun = Math.hypot(sx, sy, sz);
  const dEarth = Math.hypot(position[0], position[1], position[2]);
  if (dEarth <= earthRadius) return 0;
  const a = Math.asin(Math.min(1, SUN_RADIUS / dSun));
  const b = Math.asin(earthRadius / dEarth);
  // Separation between the directions to the Sun and to the Earth's centre.
  const cosC = -(sx * position[0] + sy * position[1] + sz * position[2]) / (dSun * dEarth);
  const c = Math.acos(Math.max(-1, Math.min(1, cosC)));
  if (c >= a + b) return 1;
  if (c <= b - a) return 0;
  if (c <= a - b) return 1 - (b * b) / (a * a);
  // Area of the lens where the two discs (angular radii a and b, centres c apart) overlap.
  const x = (c * c + a * a - b * b) / (2 * c);
  const y = Math.sqrt(Math.max(0, a * a - x * x));
  const overlap = a * a * Math.acos(Math.max(-1, Math.min(1, x / a))) + b * b * Math.acos(Math.max(-1, Math.min(1, (c - x) / b))) - c * y;
  return 1 - overlap / (Math.PI * a * a);
}

/**
 * Whether `position` is in the Earth's shadow, taken as the Sun's centre hidden behind the
 * Earth's disc: the umbra and the inner half of the penumbra (where under about half the disc
 * shows). Conical geometry as in sunlitFraction; same-frame vectors.
 */
export function isInEarthShadow(position: ArrayLike<number>, sun: ArrayLike<number>, earthRadius = EARTH_RADIUS_EQUATORIAL): boolean {
  const sx = sun[0] - position[0];
  const sy = sun[1] - position[1];
  const sz = sun[2] - position[2];
  const dSun = Math.hypot(sx, sy, sz);
  const dEarth = Math.hypot(position[0], position[1], position[2]);
  if (dEarth <= earthRadius) return true;
  const b = Math.asin(earthRadius / dEarth);
  const cosC = -(sx * position[0] + sy * position[1] + sz * position[2]) / (dSun * dEarth);
  return cosC > Math.cos(b);
}
