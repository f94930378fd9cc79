import { DAYS_1970_TO_2000, daysFromCivil } from './calendar.ts';
import { LEAP_SECONDS, LEAP_SECONDS_VALID_UNTIL_UTC } from './data/leap-seconds.ts';

/**
 * The one instant type: Terrestrial Time seconds since J2000.0 (2000-01-01T12:00:00 TT)
 * in one float64. Rounding stays under 0.3 microseconds through 2100, under 2 mm of LEO motion.
 */
export type Instant = number & { readonly __instant: 'TT seconds since J2000' };

/** UTC as a count of 86,400-second days plus seconds since 2000-01-01T12:00:00 UTC: leap seconds are not counted (like POSIX time). */
export type UtcSeconds = number & { readonly __utc: 'UTC seconds since 2000-01-01T12:00 UTC, 86400-s days' };

export const TT_MINUS_TAI_S = 32.184;
export const JD_J2000 = 2451545.0;

export function asInstant(ttSecondsSinceJ2000: number): Instant {
  return ttSecondsSinceJ2000 as Instant;
}

export function addSeconds(t: Instant, seconds: number): Instant {
  return (t + seconds) as Instant;
}

/** Seconds from `a` to `b` (b - a), in TT (SI seconds). */
export function secondsBetween(a: Instant, b: Instant): number {
  return b - a;
}

// Each table row as (UTC seconds of the change, TAI-UTC after it).
const LEAP_TABLE_UTC = new Float64Array(LEAP_SECONDS.length);
const LEAP_TABLE_DAT = new Float64Array(LEAP_SECONDS.length);
LEAP_SECONDS.forEach(([date, dat], i) => {
  const [y, m, d] = date.split('-').map(Number);
  LEAP_TABLE_UTC[i] = (daysFromCivil(y, m, d) - DAYS_1970_TO_2000) * 86400 - 43200;
  LEAP_TABLE_DAT[i] = dat;
});

/** TAI - UTC in seconds at a UTC moment (before 1972 the 1972 value is held). */
export function taiMinusUtc(utc: UtcSeconds | number): number {
  let dat = LEAP_TABLE_DAT[0];
  for (let i = 0; i < LEAP_TABLE_UTC.length; i++) {
    if (utc >= LEAP_TABLE_UTC[i]) dat = LEAP_TABLE_DAT[i];
    else break;
  }
  return dat;
}

/** Converts UTC seconds to an Instant. `inLeapSecond` marks the 61st second of a leap day, as when parsing 23:59:60. */
export function instantFromUtcSeconds(utc: UtcSeconds | number, inLeapSecond = false): Instant {
  // During 23:59:60 the count of `utc` has reached the next day's 00:00:00 while the old offset still holds.
  const dat = inLeapSecond ? taiMinusUtc(utc - 1) : taiMinusUtc(utc);
  return (utc + dat + TT_MINUS_TAI_S) as Instant;
}

/**
 * Converts an Instant to UTC seconds. Inside a leap second, `utc` is that of 23:59:59 plus the
 * fraction, and `inLeapSecond` is true so printing can say 23:59:60.
 */
export function utcSecondsFromInstantDetailed(t: Instant): { utc: UtcSeconds; inLeapSecond: boolean } {
  const tai = t - TT_MINUS_TAI_S;
  let dat = LEAP_TABLE_DAT[0];
  let i = 0;
  for (; i < LEAP_TABLE_UTC.length; i++) {
    if (tai >= LEAP_TABLE_UTC[i] + LEAP_TABLE_DAT[i]) dat = LEAP_TABLE_DAT[i];
    else break;
  }
  if (i < LEAP_TABLE_UTC.length && i > 0 && tai >= LEAP_TABLE_UTC[i] + dat) {
    // Between the old and new offsets: the inserted second.
    return { utc: (tai - dat - 1) as UtcSeconds, inLeapSecond: true };
  }
  return { utc: (tai - dat) as UtcSeconds, inLeapSecond: false };
}

export function utcSecondsFromInstant(t: Instant): UtcSeconds {
  return utcSecondsFromInstantDetailed(t).utc;
}

/** TAI seconds since 2000-01-01T12:00:00 TAI. */
export function taiSecondsFromInstant(t: Instant): number {
  return t;
}

/** Julian date split into a whole part and a fraction, in UTC, for interfaces such as SGP4 that want one. */
export function julianDateUtc(t: Instant): { jd: number; fraction: number } {
  const utc = utcSecondsFromInstant(t);
  const days = Math.floor(utc / 86400);
  return { jd: JD_J2000 + days, fraction: (utc - days * 86400) / 86400 };
}

/** Instant from a UTC Julian date given as two parts (whole + fraction keeps the precision). */
export function instantFromJulianDateUtc(jd: number, fraction = 0): Instant {
  return instantFromUtcSeconds((jd - JD_J2000) * 86400 + fraction * 86400);
}

/** Julian centuries of TT since J2000.0, the argument of most precession and almanac series. */
export function julianCenturiesTT(t: Instant): number {
  return t / (86400 * 36525);
}

/** Whether the leap-second table still covers a UTC moment. */
export function leapSecondTableIsCurrent(t: Instant): boolean {
  const [y, m, d] = LEAP_SECONDS_VALID_UNTIL_UTC.split('-').map(Number);
  const limit = (daysFromCivil(y, m, d) - DAYS_1970_TO_2000) * 86400 - 43200;
  return utcSecondsFromInstant(t) < limit;
}
