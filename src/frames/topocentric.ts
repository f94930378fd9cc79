import { geodeticToItrf } from './geodetic.ts';
import type { Geodetic } from './types.ts';

export interface LookAngles {
  /** From north, clockwise through east, rad in [0, 2 pi). */
  azimuth: number;
  /** Above the local horizontal (ellipsoid normal), rad. */
  elevation: number;
  /** Slant range, m. */
  range: number;
  /** Range rate, m/s, when the target velocity was given. */
  rangeRate: number;
}

/**
 * Azimuth, elevation and range of an ITRF target from a site on WGS-84. The site's ITRF
 * position and east/north/up basis are computed here; cache a `TopocentricSite` for bulk use.
 */
export interface TopocentricSite {
  readonly position: Float64Array;
  readonly east: Float64Array;
  readonly north: Float64Array;
  readonly up: Float64Array;
}

export function topocentricSite(site: Geodetic): TopocentricSite {
  const sl = Math.sin(site.lat);
  const cl = Math.cos(site.lat);
  const so = Math.sin(site.lon);
  const co = Math.cos(site.lon);
  return {
    position: geodeticToItrf(site),
    east: Float64Array.of(-so, co, 0),
    north: Float64Array.of(-sl * co, -sl * so, cl),
    up: Float64Array.of(cl * co, cl * so, sl),
  };
}

export function lookAngles(site: TopocentricSite, target: ArrayLike<number>, targetVelocity?: ArrayLike<number>): LookAngles {
  const dx = target[0] - site.position[0];
  const dy = target[1] - site.position[1];
  const dz = target[2] - site.position[2];
  const e = dx * site.east[0] + dy * site.east[1] + dz * site.east[2];
  const n = dx * site.north[0] + dy * site.north[1] + dz * site.north[2];
  const u = dx * site.up[0] + dy * site.up[1] + dz * site.up[2];
  const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
  let azimuth = Math.atan2(e, n);
  if (azimuth < 0) azimuth += 2 * Math.PI;
  const elevation = Math.atan2(u, Math.sqrt(e * e + n * n));
  const rangeRate = targetVelocity
    ? (dx * targetVelocity[0] + dy * targetVelocity[1] + dz * targetVelocity[2]) / range
    : Number.NaN;
  return { azimuth, elevation, range, rangeRate };
}

/** Sine of the elevation of `target` from `site`: cheap, monotonic in elevation, for bulk margins. */
export function sinElevation(site: TopocentricSite, target: ArrayLike<number>): number {
  const dx = target[0] - site.position[0];
  const dy = target[1] - site.position[1];
  const dz = target[2] - site.position[2];
  const u = dx * site.up[0] + dy * site.up[1] + dz * site.up[2];
  return u / Math.sqrt(dx * dx + dy * dy + dz * dz);
}
