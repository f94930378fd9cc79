import { TWO_PI } from '../math/units.ts';
import { type Instant, utcSecondsFromInstant } from '../time/instant.ts';
import { type EarthOrientation, NO_EARTH_ORIENTATION } from './earth-orientation.ts';

/**
 * Greenwich mean sidereal time, IAU-82 (Aoki et al. 1982), from UT1 seconds since
 * 2000-01-01T12:00 UT1. This is the angle SGP4's TEME is defined against.
 */
export function gmstFromUt1Seconds(ut1Seconds: number): number {
  const tUt1 = ut1Seconds / (86400 * 36525);
  const seconds =
    67310.54841 + (876600 * 3600 + 8640184.812866) * tUt1 + 0.093104 * tUt1 * tUt1 - 6.2e-6 * tUt1 * tUt1 * tUt1;
  const angle = ((seconds % 86400) / 86400) * TWO_PI;
  return angle < 0 ? angle + TWO_PI : angle;
}

/** GMST at an instant, with UT1 - UTC from the Earth-orientation data (zero without it). */
export function gmst(t: Instant, eop: EarthOrientation = NO_EARTH_ORIENTATION): number {
  const utc = utcSecondsFromInstant(t);
  return gmstFromUt1Seconds(utc + eop.at(utc).ut1MinusUtcS);
}
