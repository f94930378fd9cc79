import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/math/errors.ts';
import { daysFromCivil, civilFromDays } from '../../src/time/calendar.ts';
import { timeGrid, gridInstant } from '../../src/time/grid.ts';
import {
  type Instant,
  instantFromJulianDateUtc,
  julianDateUtc,
  leapSecondTableIsCurrent,
  taiMinusUtc,
  utcSecondsFromInstant,
} from '../../src/time/instant.ts';
import { formatIsoUtc, parseIsoUtc, utcParts } from '../../src/time/iso.ts';
import { expectWithin } from '../helpers/miss.ts';

describe('Instant and time scales', () => {
  it('puts J2000.0 (2000-01-01T12:00:00 TT) at zero: 11:58:55.816 UTC', () => {
    // TT - UTC = 32.184 + 32 leap seconds in 2000 (IERS Bulletin C).
    expectWithin(parseIsoUtc('2000-01-01T11:58:55.816Z'), 0, 1e-9, 's', 'J2000 in TT seconds');
  });

  it('knows TAI - UTC from the leap-second table (IERS Bulletin C values)', () => {
    expect(taiMinusUtc(utcSecondsFromInstant(parseIsoUtc('1999-01-01T00:00:00Z')))).toBe(32);
    expect(taiMinusUtc(utcSecondsFromInstant(parseIsoUtc('2016-12-31T23:59:59Z')))).toBe(36);
    expect(taiMinusUtc(utcSecondsFromInstant(parseIsoUtc('2017-01-01T00:00:00Z')))).toBe(37);
    expect(taiMinusUtc(utcSecondsFromInstant(parseIsoUtc('1975-06-01T00:00:00Z')))).toBe(14);
  });

  it('counts the leap second of 2016-12-31: 23:59:60 exists and lasts one SI second', () => {
    const before = parseIsoUtc('2016-12-31T23:59:59Z');
    const leap = parseIsoUtc('2016-12-31T23:59:60Z');
    const after = parseIsoUtc('2017-01-01T00:00:00Z');
    expectWithin(leap - before, 1, 1e-9, 's');
    expectWithin(after - before, 2, 1e-9, 's', 'elapsed across the leap second');
    expect(formatIsoUtc(leap, 0)).toBe('2016-12-31T23:59:60Z');
    expect(formatIsoUtc((leap + 0.5) as Instant, 1)).toBe('2016-12-31T23:59:60.5Z');
    expect(formatIsoUtc(after, 0)).toBe('2017-01-01T00:00:00Z');
  });

  it('gives the elapsed SI seconds over a year with a leap second (2016: 366 days + 1 s)', () => {
    const elapsed = parseIsoUtc('2017-01-01T00:00:00Z') - parseIsoUtc('2016-01-01T00:00:00Z');
    expect(elapsed).toBe(366 * 86400 + 1);
  });

  it('parses the forms found in TLE, OMM and CCSDS files', () => {
    const a = parseIsoUtc('2004-04-06T07:51:28.386009Z');
    expect(parseIsoUtc('2004-04-06 07:51:28.386009')).toBe(a);
    expect(parseIsoUtc('2004-097T07:51:28.386009')).toBe(a);
    expect(parseIsoUtc('2004-04-06T09:51:28.386009+02:00')).toBe(a);
    expect(formatIsoUtc(a, 6)).toBe('2004-04-06T07:51:28.386009Z');
    expect(formatIsoUtc(parseIsoUtc('2026-11-26'), 3)).toBe('2026-11-26T00:00:00.000Z');
  });

  it('rounds when printing without printing second 60 outside a leap second', () => {
    expect(formatIsoUtc(parseIsoUtc('2020-05-31T23:59:59.9996Z'), 3)).toBe('2020-06-01T00:00:00.000Z');
    expect(formatIsoUtc(parseIsoUtc('2020-05-31T10:59:59.9996Z'), 3)).toBe('2020-05-31T11:00:00.000Z');
  });

  it('round trips ISO text through Instants at microsecond precision (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1972, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 86399 }),
        fc.integer({ min: 0, max: 999999 }),
        (y, mo, d, s, us) => {
          const text = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${String(us).padStart(6, '0')}Z`;
          expect(formatIsoUtc(parseIsoUtc(text), 6)).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with the proleptic Gregorian day count of JavaScript Date (a second method)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), (days) => {
        const date = new Date(days * 86400000);
        const civil = civilFromDays(days);
        expect([civil.year, civil.month, civil.day]).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(days);
      }),
    );
  });

  it('converts UTC Julian dates both ways (J2000 noon UTC is JD 2451545.0)', () => {
    const t = instantFromJulianDateUtc(2451545.0, 0.25);
    expect(formatIsoUtc(t, 3)).toBe('2000-01-01T18:00:00.000Z');
    const jd = julianDateUtc(t);
    expect(jd.jd + jd.fraction).toBeCloseTo(2451545.25, 12);
    expect(utcParts(t).hour).toBe(18);
  });

  it('says whether the leap-second table covers a date', () => {
    expect(leapSecondTableIsCurrent(parseIsoUtc('2020-01-01'))).toBe(true);
    expect(leapSecondTableIsCurrent(parseIsoUtc('2030-01-01'))).toBe(false);
  });
});

describe('time grids', () => {
  it('includes the end point when the duration is a multiple of the step', () => {
    const g = timeGrid(parseIsoUtc('2026-01-01'), 86400, 60);
    expect(g.count).toBe(1441);
    expect(gridInstant(g, 1440) - g.start).toBe(86400);
  });
});

describe('bad time input names the field and value', () => {
  const cases: [string, string][] = [
    ['2026-13-01T00:00:00Z', 'month'],
    ['2026-02-30T00:00:00Z', 'day'],
    ['2026-02-01T24:00:00Z', 'hour'],
    ['2026-02-01T12:00:60Z', 'second'],
    ['yesterday', 'ISO-8601'],
    ['2026-400T00:00:00', 'day of year'],
  ];
  for (const [text, problem] of cases) {
    it(`rejects ${text}`, () => {
      try {
        parseIsoUtc(text, 'start');
        expect.fail('no error');
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toContain('start');
        expect((error as Error).message).toContain(JSON.stringify(text));
        expect((error as Error).message).toContain(problem);
      }
    });
  }
  it('rejects a step larger than the duration and a non-positive step', () => {
    expect(() => timeGrid(0 as Instant, 60, 120)).toThrow(/step: must not exceed the duration \(60 s\), got 120/);
    expect(() => timeGrid(0 as Instant, 60, 0)).toThrow(/step: must be a positive number of seconds, got 0/);
  });
});

describe('durations at the edge', async () => {
  const { parseDuration } = await import('../../src/time/duration.ts');
  it('reads seconds and units', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('30s')).toBe(30);
    expect(parseDuration('90m')).toBe(5400);
    expect(parseDuration('24h')).toBe(86400);
    expect(parseDuration('2d')).toBe(172800);
    expect(parseDuration('250ms')).toBe(0.25);
  });
  it('names the field and value of a bad duration', () => {
    expect(() => parseDuration('ten minutes', 'step')).toThrow('step: is not a duration (seconds, or a number with s, m, h or d, e.g. 90m), got "ten minutes"');
    expect(() => parseDuration('-5', 'step')).toThrow(/step: .*got "-5"/);
  });
});
