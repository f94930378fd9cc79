import { EARTH_RADIUS_EQUATORIAL } from '../bodies/earth.ts';
import { gmstFromUt1Seconds } from '../frames/gmst.ts';
import { InputError, requireFinite } from '../math/errors.ts';
import { DAY, DEG, HOUR, KM } from '../math/units.ts';
import { WGS72_ZONAL, type ZonalModel } from '../orbits/kozai.ts';
import { type Instant, utcSecondsFromInstant } from '../time/instant.ts';
import { MIN_DESIGN_ALTITUDE, circularElementSet } from './circular.ts';
import { validateOwner } from './nations.ts';
import { type Satellite, satellite } from './satellite.ts';
import { type ConstellationOptions, catalogNumbering } from './walker.ts';

/** Length of the tropical year, days: the mean Sun gains 360 deg of right ascension in it. */
export const TROPICAL_YEAR_DAYS = 365.2422;
/** The node rate that keeps an orbit's plane fixed relative to the mean Sun, rad/s. */
export const SUN_SYNCHRONOUS_NODE_RATE = (2 * Math.PI) / (TROPICAL_YEAR_DAYS * DAY);

/**
 * Inclination (rad) of a sun-synchronous orbit at `altitude` (m, of the mean semi-major axis above
 * the WGS-84 equatorial radius) and eccentricity `e`, from the first-order J2 node rate
 * dOmega/dt = -1.5 n J2 (R/p)^2 cos i set equal to 360 deg per tropical year. WGS-72 by default,
 * as the J2 propagator uses; SGP4's extra J2^2 and J4 node terms make it drift about 1 deg of
 * node (4 min of local time) per year from the Sun at this inclination.
 */
export function sunSynchronousInclination(altitude: number, eccentricity = 0, model: ZonalModel = WGS72_ZONAL): number {
  requireFinite('altitude', altitude);
  requireFinite('eccentricity', eccentricity);
  if (altitude < MIN_DESIGN_ALTITUDE) throw new InputError('altitude', altitude, `must be at least ${MIN_DESIGN_ALTITUDE / KM} km (in metres)`);
  if (eccentricity < 0 || eccentricity >= 1) throw new InputError('eccentricity', eccentricity, 'must lie in [0, 1)');
  const a = EARTH_RADIUS_EQUATORIAL + altitude;
  const p = a * (1 - eccentricity * eccentricity);
  const n = Math.sqrt(model.mu / (a * a * a));
  const cosI = -SUN_SYNCHRONOUS_NODE_RATE / (1.5 * n * model.j2 * (model.radius / p) ** 2);
  if (cosI < -1) {
    throw new InputError('altitude', altitude, `is too high for a sun-synchronous orbit at e = ${eccentricity} (J2 cannot turn the node fast enough)`);
  }
  return Math.acos(cosI);
}

/** UTC hours of the day (0-24) of an instant, for local solar time. */
function utcHours(t: Instant): number {
  const fromMidnight = utcSecondsFromInstant(t) + 43200;
  return (((fromMidnight % DAY) + DAY) % DAY) / HOUR;
}

/**
 * Right ascension (TEME, rad) of the ascending node whose local mean solar time at `epoch` is
 * `localTimeHours`. Mean solar time at east longitude L is UT + L/15 h, and the node's longitude
 * is Omega - GMST (UT1 taken as UTC: under 1 s, 0.004 deg), so Omega = GMST + 15 deg/h x (LTAN - UT).
 */
export function raanForLocalTime(localTimeHours: number, epoch: Instant): number {
  requireFinite('localTimeHours', localTimeHours);
  if (localTimeHours < 0 || localTimeHours > 24) throw new InputError('localTimeHours', localTimeHours, 'must lie in 0-24 h');
  const utc = utcSecondsFromInstant(epoch);
  const raan = gmstFromUt1Seconds(utc) + (localTimeHours - utcHours(epoch)) * 15 * DEG;
  return ((raan % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
}

export interface SunSynchronousOptions extends ConstellationOptions {
  /** Altitude of the mean semi-major axis above the WGS-84 equatorial radius, m. */
  altitude: number;
  /** Local mean solar time of the ascending node, hours: one per plane (or one number for a single plane). */
  localTimesOfAscendingNode: number | readonly number[];
  satellitesPerPlane: number;
  /** Walker-style phasing: plane p is shifted by p x F x 360/T deg in argument of latitude (0 by default). */
  phasing?: number;
}

/** Circular sun-synchronous satellites in planes at the given local times of the ascending node. */
export function sunSynchronousConstellation(options: SunSynchronousOptions): Satellite[] {
  const owner = validateOwner(options.owner);
  const times = typeof options.localTimesOfAscendingNode === 'number' ? [options.localTimesOfAscendingNode] : [...options.localTimesOfAscendingNode];
  if (times.length === 0) throw new InputError('localTimesOfAscendingNode', options.localTimesOfAscendingNode, 'must name at least one plane');
  const perPlane = options.satellitesPerPlane;
  if (!Number.isInteger(perPlane) || perPlane < 1) throw new InputError('satellitesPerPlane', perPlane, 'must be a whole number, at least 1');
  const total = perPlane * times.length;
  const phasing = options.phasing ?? 0;
  if (!Number.isInteger(phasing) || phasing < 0 || phasing > Math.max(0, times.length - 1)) {
    throw new InputError('phasing', phasing, `must be a whole number from 0 to planes - 1 = ${times.length - 1}`);
  }
  const inclination = sunSynchronousInclination(options.altitude);
  const numbering = catalogNumbering(options, total);
  const prefix = options.idPrefix ?? `${options.constellation}-`;
  const width = Math.max(2, String(Math.max(times.length, perPlane)).length);
  const out: Satellite[] = [];
  times.forEach((ltan, p) => {
    const raan = raanForLocalTime(requireFinite(`localTimesOfAscendingNode[${p}]`, ltan), options.epoch);
    for (let s = 0; s < perPlane; s++) {
      const tag = `${String(p + 1).padStart(width, '0')}-${String(s + 1).padStart(width, '0')}`;
      const name = `${options.constellation} ${tag}`;
      const argumentOfLatitude = (2 * Math.PI * s) / perPlane + (2 * Math.PI * phasing * p) / total;
      out.push(
        satellite({
          id: `${prefix}${tag}`,
          name,
          owner,
          constellation: options.constellation,
          payload: options.payload,
          elements: circularElementSet({ altitude: options.altitude, inclination, raan, argumentOfLatitude, epoch: options.epoch, catalogNumber: numbering(out.length), name }),
        }),
      );
    }
  });
  return out;
}
