import { EARTH_RADIUS_MEAN, EARTH_ROTATION_RATE, WGS84, WGS84_E2 } from '../bodies/earth.ts';
import { EARTH_GRAVITY_J2, EARTH_GRAVITY_POINT_MASS, type GravityModel } from '../bodies/gravity.ts';
import { geodeticToItrf } from '../frames/geodetic.ts';

/**
 * The Earth a flight sees. The default is the real one: WGS-84 ellipsoid, point mass + J2,
 * rotating, with an atmosphere. The switches give the textbook cases: a sphere of the mean
 * radius, point-mass gravity, no rotation (then ITRF is an inertial frame), no air.
 */
export interface FlightEarthOptions {
  rotating?: boolean;
  vacuum?: boolean;
  spherical?: boolean;
  /** J2 in gravity; default: on, except on the spherical Earth. */
  j2?: boolean;
}

export interface FlightEarth {
  rotating: boolean;
  vacuum: boolean;
  spherical: boolean;
  /** Radius of the spherical Earth, or the ellipsoid's mean radius used for ground distances, m. */
  radius: number;
  /** Rotation rate applied in the equations of motion, rad/s (0 when not rotating). */
  omega: number;
  gravity: GravityModel;
}

export function flightEarth(options: FlightEarthOptions = {}): FlightEarth {
  const spherical = options.spherical ?? false;
  const rotating = options.rotating ?? true;
  const j2 = options.j2 ?? !spherical;
  return {
    rotating,
    vacuum: options.vacuum ?? false,
    spherical,
    radius: EARTH_RADIUS_MEAN,
    omega: rotating ? EARTH_ROTATION_RATE : 0,
    gravity: j2 ? EARTH_GRAVITY_J2 : EARTH_GRAVITY_POINT_MASS,
  };
}

const A = WGS84.a;
const ONE_MINUS_E2 = 1 - WGS84_E2;

/**
 * Height above the surface (m). On the ellipsoid: distance from the centre minus the
 * ellipsoid's radius at the same geocentric latitude, which differs from the geodetic height by
 * under 6e-6 of the height (0.6 m at 100 km) and costs one square root.
 */
export function heightAbove(earth: FlightEarth, x: number, y: number, z: number): number {
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  if (earth.spherical) return r - earth.radius;
  const s2 = (z * z) / r2;
  const re = A * Math.sqrt(ONE_MINUS_E2 / (1 - WGS84_E2 * (1 - s2)));
  return r - re;
}

/** A point on the surface (height h) in the flight's Earth-fixed frame. */
export function surfacePoint(earth: FlightEarth, lat: number, lon: number, h: number, out: Float64Array = new Float64Array(3)): Float64Array {
  if (earth.spherical) {
    const r = earth.radius + h;
    out[0] = r * Math.cos(lat) * Math.cos(lon);
    out[1] = r * Math.cos(lat) * Math.sin(lon);
    out[2] = r * Math.sin(lat);
    return out;
  }
  return geodeticToItrf({ lat, lon, height: h }, out);
}

/** East and north unit vectors at a geodetic (or spherical) latitude and longitude. */
export function eastNorth(lat: number, lon: number): { east: Float64Array; north: Float64Array; up: Float64Array } {
  const east = Float64Array.of(-Math.sin(lon), Math.cos(lon), 0);
  const north = Float64Array.of(-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat));
  const up = Float64Array.of(Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat));
  return { east, north, up };
}

/** Central angle between two position vectors, rad (atan2 form, accurate near 0 and pi). */
export function centralAngle(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.hypot(cx, cy, cz), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
}

/** Initial great-circle bearing (rad, clockwise from north) from point a to point b, both given as positions. */
export function bearing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = Math.hypot(a[0], a[1], a[2]);
  const lat = Math.asin(a[2] / ra);
  const lon = Math.atan2(a[1], a[0]);
  const { east, north } = eastNorth(lat, lon);
  // The direction of b seen from a, projected on a's horizontal plane.
  const rb = Math.hypot(b[0], b[1], b[2]);
  const e = (b[0] * east[0] + b[1] * east[1] + b[2] * east[2]) / rb;
  const n = (b[0] * north[0] + b[1] * north[1] + b[2] * north[2]) / rb;
  return Math.atan2(e, n);
}
