import { WGS72 } from '../bodies/earth.ts';
import { InputError } from '../math/errors.ts';

/**
 * The Earth model of a mean-element theory: gravitational parameter (m^3/s^2), the equatorial
 * radius J2 is normalised with (m), and J2. SGP4 element sets are defined with WGS-72's values.
 */
export interface ZonalModel {
  readonly mu: number;
  readonly radius: number;
  readonly j2: number;
}

export const WGS72_ZONAL: ZonalModel = { mu: WGS72.mu, radius: WGS72.a, j2: WGS72.j2 };

export interface BrouwerMean {
  /** Brouwer mean motion n0'' (SGP4's `no_unkozai`), rad/s. */
  meanMotion: number;
  /** Brouwer mean semi-major axis a0'' from n0'' by Kepler's third law, m. */
  semiMajorAxis: number;
}

/**
 * TLE mean motion is Kozai's; SGP4 first turns it into Brouwer's (Hoots & Roehrich, Spacetrack
 * Report #3, as coded by Vallado et al. 2006). They differ by about J2 (R/a)^2, a part in a thousand:
 * ignoring it shifts a LEO satellite by hundreds of kilometres along track in a day.
 */
export function brouwerFromKozai(kozaiMeanMotion: number, eccentricity: number, inclination: number, model: ZonalModel = WGS72_ZONAL): BrouwerMean {
  const cosI = Math.cos(inclination);
  const beta2 = 1 - eccentricity * eccentricity;
  const d1 = (0.75 * model.j2 * (3 * cosI * cosI - 1)) / (beta2 * Math.sqrt(beta2));
  // SGP4 works in Earth radii here; a1 is the Kozai semi-major axis in those units.
  const a1 = Math.cbrt(model.mu / (kozaiMeanMotion * kozaiMeanMotion)) / model.radius;
  let delta = d1 / (a1 * a1);
  const a0 = a1 * (1 - delta * delta - delta * (1 / 3 + (134 * delta * delta) / 81));
  delta = d1 / (a0 * a0);
  const meanMotion = kozaiMeanMotion / (1 + delta);
  return { meanMotion, semiMajorAxis: Math.cbrt(model.mu / (meanMotion * meanMotion)) };
}

/**
 * The Kozai mean motion whose Brouwer semi-major axis (as SGP4 computes it) is `semiMajorAxis`:
 * the inverse of brouwerFromKozai, by fixed-point iteration (it contracts by a factor of about J2).
 */
export function kozaiFromBrouwerSemiMajorAxis(semiMajorAxis: number, eccentricity: number, inclination: number, model: ZonalModel = WGS72_ZONAL): number {
  if (!(semiMajorAxis > 0) || !Number.isFinite(semiMajorAxis)) throw new InputError('semiMajorAxis', semiMajorAxis, 'must be a positive number of metres');
  const brouwer = Math.sqrt(model.mu / (semiMajorAxis * semiMajorAxis * semiMajorAxis));
  let kozai = brouwer;
  for (let k = 0; k < 30; k++) {
    const next = kozai * (brouwer / brouwerFromKozai(kozai, eccentricity, inclination, model).meanMotion);
    const change = Math.abs(next - kozai);
    kozai = next;
    if (change <= 1e-16 * kozai) break;
  }
  return kozai;
}
