import { InputError } from '../math/errors.ts';
import { DEG, wrapTwoPi } from '../math/units.ts';
import { type ElementSet, REV_PER_DAY } from '../orbits/element-set.ts';
import type { Instant } from '../time/instant.ts';
import { catalogNumberValue } from './catalog-number.ts';
import { formatCcsdsUtc } from './ccsds-time.ts';
import { formatCompact } from './numbers.ts';
import { REV_PER_DAY2, REV_PER_DAY3 } from './tle.ts';

/** CelesTrak's OMM columns, in CelesTrak's order: the JSON keys and the CSV header. */
export const CELESTRAK_OMM_KEYS = [
  'OBJECT_NAME', 'OBJECT_ID', 'EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE',
  'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'EPHEMERIS_TYPE', 'CLASSIFICATION_TYPE', 'NORAD_CAT_ID',
  'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT',
] as const;
export type CelestrakOmmKey = (typeof CELESTRAK_OMM_KEYS)[number];

/** Keys whose values are text; the others are numbers. */
export const OMM_TEXT_KEYS: ReadonlySet<string> = new Set<string>(['OBJECT_NAME', 'OBJECT_ID', 'EPOCH', 'CLASSIFICATION_TYPE']);

export interface OmmWriteOptions {
  /**
   * 'full' (default) prints every element to 15 significant digits, enough to read back
   * the same doubles to ~1e-15; 'tle' rounds as a TLE prints them (8 decimals of rev/day,
   * 7 of eccentricity, 4 of degrees), as CelesTrak's files do.
   */
  precision?: 'full' | 'tle';
}

/** An element set as OMM text values in the file units (rev/day, degrees, UTC), keyed as CelesTrak keys them. */
export function ommValues(set: ElementSet, options: OmmWriteOptions = {}): Map<CelestrakOmmKey, string> {
  const tle = options.precision === 'tle';
  const out = new Map<CelestrakOmmKey, string>();
  const finite = (field: string, x: number) => {
    if (!Number.isFinite(x)) throw new InputError(field, x, 'must be a finite number');
    return x;
  };
  const fixed = (x: number, digits: number) => (tle ? formatCompact(Number(x.toFixed(digits))) : formatCompact(x));
  const degrees = (field: string, radians: number, wrap: boolean) => {
    const deg = (wrap ? wrapTwoPi(finite(field, radians)) : finite(field, radians)) / DEG;
    const text = fixed(deg, 4);
    return wrap && Number(text) >= 360 ? '0' : text;
  };
  out.set('OBJECT_NAME', set.name ?? '');
  out.set('OBJECT_ID', set.internationalDesignator ?? '');
  out.set('EPOCH', formatCcsdsUtc(finite('epoch', set.epoch) as Instant, 6));
  out.set('MEAN_MOTION', fixed(finite('meanMotion', set.meanMotion) / REV_PER_DAY, 8));
  out.set('ECCENTRICITY', fixed(finite('eccentricity', set.eccentricity), 7));
  out.set('INCLINATION', degrees('inclination', set.inclination, false));
  out.set('RA_OF_ASC_NODE', degrees('raan', set.raan, true));
  out.set('ARG_OF_PERICENTER', degrees('argOfPerigee', set.argOfPerigee, true));
  out.set('MEAN_ANOMALY', degrees('meanAnomaly', set.meanAnomaly, true));
  out.set('EPHEMERIS_TYPE', String(set.ephemerisType ?? 0));
  out.set('CLASSIFICATION_TYPE', set.classification ?? 'U');
  out.set('NORAD_CAT_ID', String(catalogNumberValue(set.catalogNumber)));
  out.set('ELEMENT_SET_NO', String(set.elementSetNumber ?? 999));
  out.set('REV_AT_EPOCH', String(set.revolutionNumberAtEpoch ?? 0));
  const significant5 = (x: number) => (tle ? formatCompact(Number(x.toPrecision(5))) : formatCompact(x));
  out.set('BSTAR', significant5(finite('bstar', set.bstar)));
  out.set('MEAN_MOTION_DOT', fixed(finite('meanMotionDot', set.meanMotionDot) / REV_PER_DAY2, 8));
  out.set('MEAN_MOTION_DDOT', significant5(finite('meanMotionDdot', set.meanMotionDdot) / REV_PER_DAY3));
  return out;
}
