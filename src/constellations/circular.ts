import { EARTH_RADIUS_EQUATORIAL } from '../bodies/earth.ts';
import { InputError, requireFinite } from '../math/errors.ts';
import { TWO_PI, wrapTwoPi } from '../math/units.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import { kozaiFromBrouwerSemiMajorAxis } from '../orbits/kozai.ts';
import type { Instant } from '../time/instant.ts';

/** Lowest altitude accepted for a designed orbit: below it a satellite decays within days. */
export const MIN_DESIGN_ALTITUDE = 150e3;

export interface CircularOrbitDesign {
  /** Altitude of the mean semi-major axis above the WGS-84 equatorial radius, m. */
  altitude: number;
  inclination: number;
  raan: number;
  /** Argument of latitude at the epoch (angle from the ascending node), rad. */
  argumentOfLatitude: number;
  epoch: Instant;
  catalogNumber: string;
  name?: string;
}

/**
 * A circular mean element set for SGP4 (and the J2 propagator) at a designed altitude.
 *
 * The altitude fixes SGP4's Brouwer mean semi-major axis: a0'' = R_eq + altitude, and the Kozai
 * mean motion written into the set is the one SGP4's initialisation turns into that a0''. SGP4
 * then adds its short-period terms, so the radius it reports averages to
 * a0'' (1 - 0.75 J2 (R/a)^2 (3 cos^2 i - 1)): about 4.5 km above the design altitude for polar
 * orbits, 0.4 km above at 53 deg, 9 km below for equatorial ones (at 700 km). Its J3 long-period
 * terms further give the orbit an eccentricity of about 1e-3 (a 7 km radial swing). bstar is 0.
 */
export function circularElementSet(design: CircularOrbitDesign): ElementSet {
  requireFinite('altitude', design.altitude);
  if (design.altitude < MIN_DESIGN_ALTITUDE) throw new InputError('altitude', design.altitude, `must be at least ${MIN_DESIGN_ALTITUDE / 1000} km (in metres)`);
  requireFinite('inclination', design.inclination);
  if (design.inclination < 0 || design.inclination > Math.PI) throw new InputError('inclination', design.inclination, 'must lie in [0, pi] rad');
  requireFinite('raan', design.raan);
  requireFinite('argumentOfLatitude', design.argumentOfLatitude);
  requireFinite('epoch', design.epoch);
  const set: ElementSet = {
    catalogNumber: design.catalogNumber,
    epoch: design.epoch,
    meanMotion: kozaiFromBrouwerSemiMajorAxis(EARTH_RADIUS_EQUATORIAL + design.altitude, 0, design.inclination),
    eccentricity: 0,
    inclination: design.inclination,
    raan: wrapAngle(design.raan),
    argOfPerigee: 0,
    meanAnomaly: wrapAngle(design.argumentOfLatitude),
    bstar: 0,
    meanMotionDot: 0,
    meanMotionDdot: 0,
  };
  if (design.name !== undefined) set.name = design.name;
  return set;
}

/** [0, 2 pi), with a tiny negative angle (which wrapTwoPi rounds up to 2 pi) taken as 0. */
function wrapAngle(angle: number): number {
  const w = wrapTwoPi(angle);
  return w >= TWO_PI ? 0 : w;
}
