import { InputError } from '../math/errors.ts';
import { DAYS_1970_TO_2000, civilFromDays, daysFromCivil, daysInMonth, isLeapYear } from './calendar.ts';
import { type Instant, type UtcSeconds, instantFromUtcSeconds, utcSecondsFromInstantDetailed } from './instant.ts';

const ISO_PATTERN =
  /^(\d{4})-(?:(\d{2})-(\d{2})|(\d{3}))(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

export interface UtcParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Seconds with fraction; 60 <= second < 61 inside a leap second. */
  second: number;
}

/**
 * Parses ISO-8601 UTC text: `2004-04-06T07:51:28.386009Z`, a space instead of `T`, no zone
 * (UTC implied, as in CCSDS and CelesTrak files), a `+hh:mm` offset, a day of year
 * (`2004-097T07:51:28`), or a date alone. 23:59:60 is accepted on any day, as leap seconds
 * are announced only months ahead.
 */
export function parseIsoUtc(text: string, field = 'time'): Instant {
  if (typeof text !== 'string') throw new InputError(field, text, 'must be ISO-8601 UTC text');
  const m = ISO_PATTERN.exec(text.trim());
  if (!m) throw new InputError(field, text, 'is not an ISO-8601 UTC time (expected e.g. 2026-01-01T00:00:00Z)');
  const year = Number(m[1]);
  let month: number;
  let day: number;
  if (m[4] !== undefined) {
    const doy = Number(m[4]);
    const days = isLeapYear(year) ? 366 : 365;
    if (doy < 1 || doy > days) throw new InputError(field, text, `day of year must be 1-${days}`);
    const civil = civilFromDays(daysFromCivil(year, 1, 1) + doy - 1);
    month = civil.month;
    day = civil.day;
  } else {
    month = Number(m[2]);
    day = Number(m[3]);
    if (month < 1 || month > 12) throw new InputError(field, text, 'month must be 01-12');
    if (day < 1 || day > daysInMonth(year, month)) throw new InputError(field, text, `day must be 01-${daysInMonth(year, month)}`);
  }
  const hour = m[5] === undefined ? 0 : Number(m[5]);
  const minute = m[6] === undefined ? 0 : Number(m[6]);
  const wholeSecond = m[7] === undefined ? 0 : Number(m[7]);
  const fraction = m[8] === undefined ? 0 : Number(m[8]);
  if (hour > 23) throw new InputError(field, text, 'hour must be 00-23');
  if (minute > 59) throw new InputError(field, text, 'minute must be 00-59');
  if (wholeSecond > 60 || (wholeSecond === 60 && (hour !== 23 || minute !== 59))) {
    throw new InputError(field, text, 'second must be 00-59 (60 only at 23:59:60)');
  }
  let offsetS = 0;
  const zone = m[9];
  if (zone && zone.toUpperCase() !== 'Z' && zone.toUpperCase() !== 'UTC') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetS = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
  }
  const dayCount = daysFromCivil(year, month, day) - DAYS_1970_TO_2000;
  const utc = dayCount * 86400 - 43200 + hour * 3600 + minute * 60 + wholeSecond - offsetS + fraction;
  return instantFromUtcSeconds(utc as UtcSeconds, wholeSecond === 60);
}

/** UTC calendar parts of an instant. */
export function utcParts(t: Instant): UtcParts {
  const { utc, inLeapSecond } = utcSecondsFromInstantDetailed(t);
  return partsFromUtcSeconds(utc, inLeapSecond);
}

function partsFromUtcSeconds(utc: number, inLeapSecond: boolean): UtcParts {
  const fromMidnight2000 = utc + 43200;
  const days = Math.floor(fromMidnight2000 / 86400);
  let secondsOfDay = fromMidnight2000 - days * 86400;
  const { year, month, day } = civilFromDays(days + DAYS_1970_TO_2000);
  if (inLeapSecond) secondsOfDay += 1;
  const hour = inLeapSecond ? 23 : Math.floor(secondsOfDay / 3600);
  const minute = inLeapSecond ? 59 : Math.floor((secondsOfDay - hour * 3600) / 60);
  const second = secondsOfDay - hour * 3600 - minute * 60;
  return { year, month, day, hour, minute, second };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Prints an instant as ISO-8601 UTC with a `Z`, rounded to `fractionDigits` (0-9) digits of the second.
 */
export function formatIsoUtc(t: Instant, fractionDigits = 3): string {
  const { utc, inLeapSecond } = utcSecondsFromInstantDetailed(t);
  const scale = 10 ** fractionDigits;
  // Round the count of ticks in the day first, so 59.9996 carries into the next minute
  // instead of printing 60.000; only a leap second's day has 86,401 seconds.
  const fromMidnight = utc + 43200;
  let days = Math.floor(fromMidnight / 86400);
  let ticks = Math.round((fromMidnight - days * 86400 + (inLeapSecond ? 1 : 0)) * scale);
  if (ticks >= (inLeapSecond ? 86401 : 86400) * scale) {
    ticks -= (inLeapSecond ? 86401 : 86400) * scale;
    days += 1;
  }
  const { year, month, day } = civilFromDays(days + DAYS_1970_TO_2000);
  // Seconds 86400-86400.999 of a leap day print as 23:59:60.
  const hour = Math.min(23, Math.floor(ticks / (3600 * scale)));
  const minute = Math.min(59, Math.floor((ticks - hour * 3600 * scale) / (60 * scale)));
  const secTicks = ticks - (hour * 3600 + minute * 60) * scale;
  const whole = Math.floor(secTicks / scale);
  const fracText = fractionDigits > 0 ? `.${pad(secTicks - whole * scale, fractionDigits)}` : '';
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(whole, 2)}${fracText}Z`;
}
