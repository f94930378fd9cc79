import { InputError } from '../math/errors.ts';
import { DEG, wrapTwoPi } from '../math/units.ts';
import { type ElementSet, REV_PER_DAY } from '../orbits/element-set.ts';
import { DAYS_1970_TO_2000, civilFromDays, daysFromCivil } from '../time/calendar.ts';
import { type Instant, utcSecondsFromInstant } from '../time/instant.ts';
import { catalogNumberValue, cosparToTle, numberToAlpha5 } from './catalog-number.ts';
import { REV_PER_DAY2, REV_PER_DAY3 } from './tle.ts';
import { tleChecksum } from './tle-layout.ts';

export interface TleFormatOptions {
  /** Title line: 'plain' writes the name alone, 'zero' writes CelesTrak's "0 NAME", 'none' omits it. Default 'plain' when the set has a name. */
  nameLine?: 'plain' | 'zero' | 'none';
}

/**
 * Formats an element set as TLE lines, fields rounded to the format's printed precision,
 * checksums computed. Values that do not fit their columns are refused with an InputError
 * naming the element, never truncated silently.
 */
export function formatTle(set: ElementSet, options: TleFormatOptions = {}): string[] {
  const lines = formatTleLines(set);
  const mode = options.nameLine ?? 'plain';
  if (mode === 'none' || !set.name) return [...lines];
  return [mode === 'zero' ? `0 ${set.name}` : set.name, ...lines];
}

export function formatTleLines(set: ElementSet): [string, string] {
  const catalog = numberToAlpha5(catalogNumberValue(set.catalogNumber), 'catalogNumber');
  const classification = set.classification ?? 'U';
  if (!/^[UCS]$/.test(classification)) throw new InputError('classification', classification, 'must be U, C or S in a TLE');
  const designator = set.internationalDesignator ? cosparToTle(set.internationalDesignator) : '';
  if (designator.length > 8) throw new InputError('internationalDesignator', set.internationalDesignator, 'does not fit TLE columns 10-17');
  const ephemerisType = set.ephemerisType ?? 0;
  if (!Number.isInteger(ephemerisType) || ephemerisType < 0 || ephemerisType > 9) throw new InputError('ephemerisType', ephemerisType, 'must be a digit 0-9');
  const elementSet = set.elementSetNumber ?? 999;
  if (!Number.isInteger(elementSet) || elementSet < 0) throw new InputError('elementSetNumber', elementSet, 'must be a whole number >= 0');

  const line1 =
    `1 ${catalog}${classification} ${designator.padEnd(8)} ${formatEpoch(set.epoch)} ` +
    `${formatNdot(set.meanMotionDot / REV_PER_DAY2)} ${formatAssumedPointExponent(set.meanMotionDdot / REV_PER_DAY3, 'meanMotionDdot')} ` +
    `${formatAssumedPointExponent(set.bstar, 'bstar')} ${ephemerisType} ${String(elementSet % 10000).padStart(4)}`;

  if (!(set.inclination >= 0 && set.inclination <= Math.PI)) throw new InputError('inclination', set.inclination, 'must be between 0 and pi radians');
  if (!(set.eccentricity >= 0 && set.eccentricity < 1)) throw new InputError('eccentricity', set.eccentricity, 'must be in [0, 1)');
  const eccentricityDigits = Math.round(set.eccentricity * 1e7);
  if (eccentricityDigits >= 1e7) throw new InputError('eccentricity', set.eccentricity, 'rounds to 1 in seven digits');
  const meanMotion = set.meanMotion / REV_PER_DAY;
  if (!(meanMotion > 0) || meanMotion.toFixed(8).length > 11) throw new InputError('meanMotion', set.meanMotion, 'must be above 0 and below 100 revolutions per day to fit a TLE');
  const revolutions = set.revolutionNumberAtEpoch ?? 0;
  if (!Number.isInteger(revolutions) || revolutions < 0) throw new InputError('revolutionNumberAtEpoch', revolutions, 'must be a whole number >= 0');

  const line2 =
    `2 ${catalog} ${formatDegrees(set.inclination, 'inclination', false)} ${formatDegrees(set.raan, 'raan', true)} ` +
    `${String(eccentricityDigits).padStart(7, '0')} ${formatDegrees(set.argOfPerigee, 'argOfPerigee', true)} ` +
    `${formatDegrees(set.meanAnomaly, 'meanAnomaly', true)} ${meanMotion.toFixed(8).padStart(11)}${String(revolutions % 100000).padStart(5)}`;

  return [withChecksum(line1), withChecksum(line2)];
}

function withChecksum(body: string): string {
  if (body.length !== 68) throw new Error(`internal: TLE line body has ${body.length} characters`);
  return body + String(tleChecksum(body));
}

/** YYDDD.DDDDDDDD in UTC, rounded to 1e-8 day (0.864 ms) with carries into the next day and year. */
export function formatEpoch(epoch: Instant): string {
  if (!Number.isFinite(epoch)) throw new InputError('epoch', epoch, 'must be a finite instant');
  const utc = utcSecondsFromInstant(epoch);
  const daysSince2000 = (utc + 43200) / 86400;
  const wholeDays = Math.floor(daysSince2000);
  const ticks = Math.round((daysSince2000 - wholeDays) * 1e8);
  const day = wholeDays + Math.floor(ticks / 1e8);
  const fraction = ticks % 1e8;
  const { year } = civilFromDays(day + DAYS_1970_TO_2000);
  if (year < 1957 || year > 2056) throw new InputError('epoch', epoch, `year ${year} is outside the TLE's 1957-2056`);
  const dayOfYear = day + DAYS_1970_TO_2000 - daysFromCivil(year, 1, 1) + 1;
  return `${String(year % 100).padStart(2, '0')}${String(dayOfYear).padStart(3, '0')}.${String(fraction).padStart(8, '0')}`;
}

function formatNdot(revPerDay2: number): string {
  if (!Number.isFinite(revPerDay2)) throw new InputError('meanMotionDot', revPerDay2, 'must be finite');
  const text = Math.abs(revPerDay2).toFixed(8);
  if (!text.startsWith('0.')) throw new InputError('meanMotionDot', revPerDay2, 'must be below 1 rev/day^2 in magnitude to fit a TLE');
  const negative = revPerDay2 < 0 && text !== '0.00000000';
  return `${negative ? '-' : ' '}${text.slice(1)}`;
}

/** 0.28098e-4 -> " 28098-4". Values below 1e-10 in magnitude print as zero. */
export function formatAssumedPointExponent(value: number, field: string): string {
  if (!Number.isFinite(value)) throw new InputError(field, value, 'must be finite');
  if (value === 0 || Math.abs(value) < 0.5e-14) return ' 00000-0';
  // toExponential rounds in decimal and carries (9.99995e-5 -> 1.0000e-4), then 0.ddddd has one more in the exponent.
  const [digits, exponentText] = Math.abs(value).toExponential(4).split('e');
  let mantissa = digits.replace('.', '');
  let exponent = Number(exponentText) + 1;
  if (exponent < -9) {
    // Shift the mantissa right until the exponent fits; what falls off is below the printed precision.
    const shifted = Math.round(Number(mantissa) / 10 ** (-9 - exponent));
    if (shifted === 0) return ' 00000-0';
    mantissa = String(shifted).padStart(5, '0');
    exponent = -9;
  }
  if (exponent > 9) throw new InputError(field, value, 'is too large for the TLE exponent form (|x| < 1e9)');
  // Exponent 0 is written "-0", as element sets from the catalogue write it.
  return `${value < 0 ? '-' : ' '}${mantissa}${exponent <= 0 ? '-' : '+'}${Math.abs(exponent)}`;
}

function formatDegrees(radians: number, field: string, wrap: boolean): string {
  if (!Number.isFinite(radians)) throw new InputError(field, radians, 'must be a finite angle');
  let text = ((wrap ? wrapTwoPi(radians) : radians) / DEG).toFixed(4);
  if (wrap && text === '360.0000') text = '0.0000';
  return text.padStart(8);
}
