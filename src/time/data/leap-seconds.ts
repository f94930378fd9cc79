/**
 * TAI - UTC since 1972, one row per change: the UTC date from which the offset holds.
 *
 * Source: IERS Bulletin C, as published in the IETF `leap-seconds.list`
 * (Debian tzdata's /usr/share/zoneinfo/leap-seconds.list, updated through
 * Bulletin C 70 of July 2025). That file states it expires on 2026-06-28:
 * after `LEAP_SECONDS_VALID_UNTIL_UTC` the last offset is assumed to hold, and
 * callers can ask `leapSecondTableIsCurrent` to warn about it.
 *
 * Before 1972 UTC ran with rubber seconds; tracklayer holds the 1972 value (10 s)
 * constant before then, an approximation documented in docs/accuracy.md.
 */
export const LEAP_SECONDS: ReadonlyArray<readonly [string, number]> = [
  ['1972-01-01', 10],
  ['1972-07-01', 11],
  ['1973-01-01', 12],
  ['1974-01-01', 13],
  ['1975-01-01', 14],
  ['1976-01-01', 15],
  ['1977-01-01', 16],
  ['1978-01-01', 17],
  ['1979-01-01', 18],
  ['1980-01-01', 19],
  ['1981-07-01', 20],
  ['1982-07-01', 21],
  ['1983-07-01', 22],
  ['1985-07-01', 23],
  ['1988-01-01', 24],
  ['1990-01-01', 25],
  ['1991-01-01', 26],
  ['1992-07-01', 27],
  ['1993-07-01', 28],
  ['1994-07-01', 29],
  ['1996-01-01', 30],
  ['1997-07-01', 31],
  ['1999-01-01', 32],
  ['2006-01-01', 33],
  ['2009-01-01', 34],
  ['2012-07-01', 35],
  ['2015-07-01', 36],
  ['2017-01-01', 37],
];

export const LEAP_SECONDS_SOURCE = 'IERS Bulletin C via IETF leap-seconds.list (tzdata), through Bulletin C 70';
export const LEAP_SECONDS_VALID_UNTIL_UTC = '2026-06-28';
