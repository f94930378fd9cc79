import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alpha5ToNumber, catalogNumberString, catalogNumberValue, numberToAlpha5 } from '../../src/formats/catalog-number.ts';
import { parseTle, parseTleDetailed } from '../../src/formats/tle.ts';
import { parseTleCatalogue } from '../../src/formats/tle-catalogue.ts';
import { tleChecksum } from '../../src/formats/tle-layout.ts';
import { formatAssumedPointExponent, formatTle, formatTleLines } from '../../src/formats/tle-writer.ts';
import { InputError } from '../../src/math/errors.ts';
import { DEG } from '../../src/math/units.ts';
import { type ElementSet, REV_PER_DAY } from '../../src/orbits/element-set.ts';
import { instantFromUtcSeconds, utcSecondsFromInstant } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectWithin } from '../helpers/miss.ts';

const VER = readFileSync(new URL('../reference-data/sgp4-verification/SGP4-VER.TLE', import.meta.url), 'utf8');

// VANGUARD 1 as CelesTrak published it (https://celestrak.com/satcat/tle.php?CATNR=5), the TLE of
// the OMM in ../shared/data/omm-samples/sample_omm.{csv,xml}; quoted in python-sgp4's tests.
export const VANGUARD_TLE = [
  'VANGUARD 1',
  '1 00005U 58002B   20287.20333880 -.00000016  00000-0 -22483-4 0  9998',
  '2 00005  34.2443 225.5254 1845686 162.2516 205.2356 10.84869164218149',
] as const;

const ISS1 = '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927';
const ISS2 = '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537';

/** Replaces columns first..last (1-based) of a line and fixes its checksum, so a test reaches the check it means. */
function edit(line: string, first: number, text: string, fixChecksum = true): string {
  const body = line.slice(0, first - 1) + text + line.slice(first - 1 + text.length);
  return fixChecksum ? body.slice(0, 68) + String(tleChecksum(body)) + body.slice(69) : body;
}

function expectInputError(fn: () => unknown, ...fragments: string[]): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    for (const f of fragments) expect((e as Error).message).toContain(f);
    return e as InputError;
  }
  return expect.fail(`expected an InputError mentioning ${fragments.join(', ')}`);
}

describe('Alpha-5 catalogue numbers', () => {
  it('decodes the published examples (letters I and O unused)', () => {
    expect(alpha5ToNumber('A0001')).toBe(100001);
    expect(alpha5ToNumber('E8493')).toBe(148493);
    expect(alpha5ToNumber('H0000')).toBe(170000);
    expect(alpha5ToNumber('J0000')).toBe(180000); // I skipped
    expect(alpha5ToNumber('P0000')).toBe(230000); // O skipped
    expect(alpha5ToNumber('Z9999')).toBe(339999);
    expect(alpha5ToNumber('00005')).toBe(5);
    expect(numberToAlpha5(5)).toBe('00005');
    expect(numberToAlpha5(100000)).toBe('A0000');
  });
  it('round-trips every number 0-339999', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 339999 }), (n) => alpha5ToNumber(numberToAlpha5(n)) === n));
  });
  it('keeps ids as TLE-form strings and reads them back', () => {
    expect(catalogNumberString(5)).toBe('00005');
    expect(catalogNumberString(100001)).toBe('A0001');
    expect(catalogNumberString(270001234)).toBe('270001234');
    expect(catalogNumberValue('270001234')).toBe(270001234);
    expect(catalogNumberValue('A0001')).toBe(100001);
  });
  it('rejects I, O and other letters, naming the value', () => {
    expectInputError(() => alpha5ToNumber('I0001'), 'I0001', 'I or O');
    expectInputError(() => alpha5ToNumber('O1234'), 'O1234');
    expectInputError(() => alpha5ToNumber('A12'), '"A12"');
    expectInputError(() => numberToAlpha5(340000), 'catalogNumber', '340000');
  });
});

describe('TLE parsing', () => {
  it('reads the first verification set field by field, epoch without Date', () => {
    const { sets, entries } = parseTleCatalogue(VER);
    const s = sets[0];
    expect(s.catalogNumber).toBe('00005');
    expect(s.internationalDesignator).toBe('1958-002B');
    expect(s.classification).toBe('U');
    // 2000 is a leap year: day 179 is 27 June; 0.78495062 day = 67819.733568 s = 18:50:19.733568.
    expectWithin(s.epoch, parseIsoUtc('2000-06-27T18:50:19.733568Z'), 1e-6, 's', 'epoch');
    expectWithin(s.meanMotion, (10.82419157 * 2 * Math.PI) / 86400, 1e-18, 'rad/s', 'mean motion');
    expect(s.eccentricity).toBe(0.1859667);
    expectWithin(s.inclination, (34.2682 * Math.PI) / 180, 1e-15, 'rad', 'inclination');
    expectWithin(s.raan, (348.7242 * Math.PI) / 180, 1e-15, 'rad', 'raan');
    expectWithin(s.argOfPerigee, (331.7664 * Math.PI) / 180, 1e-15, 'rad', 'argument of perigee');
    expectWithin(s.meanAnomaly, (19.3264 * Math.PI) / 180, 1e-15, 'rad', 'mean anomaly');
    expect(s.bstar).toBe(0.28098e-4);
    expectWithin(s.meanMotionDot, (0.00000023 * 2 * Math.PI) / 86400 ** 2, 1e-30, 'rad/s^2', 'ndot/2');
    expect(s.meanMotionDdot).toBe(0);
    expect(s.elementSetNumber).toBe(475);
    expect(s.revolutionNumberAtEpoch).toBe(41366);
    expect(s.ephemerisType).toBe(0);
    // The three extra columns of SGP4-VER.TLE are reported, not parsed as elements.
    expect(entries[0].trailing).toEqual(['', '0.00      4320.0        360.00']);
  });

  it('reads every set of SGP4-VER.TLE; the edited error-code cases fail only their checksum', () => {
    const strict = parseTleCatalogue(VER);
    expect(strict.sets.length).toBe(30);
    expect(strict.rejected.map((r) => r.line)).toEqual([100, 103, 106]);
    for (const r of strict.rejected) expect(r.error.message).toMatch(/^line \d+ \(TLE line 1\), column 69 \(checksum\): does not match/);
    const lenient = parseTleCatalogue(VER, { checksum: 'ignore' });
    expect(lenient.sets.length).toBe(33);
    expect(lenient.rejected).toEqual([]);
    expect(lenient.sets.map((s) => s.catalogNumber)).toContain('33334');
    // Every line 2 carries start, stop and step minutes after column 69.
    for (const e of lenient.entries) expect(e.trailing[1].split(/\s+/).length).toBe(3);
  });

  it('takes a two-digit year 57-99 as 19xx and 00-56 as 20xx', () => {
    const at = (yy: string) => parseTle(edit(ISS1, 19, yy), ISS2).epoch;
    expectWithin(at('57'), parseIsoUtc('1957-09-21T12:25:40.104192Z'), 1e-6, 's', '1957');
    expectWithin(at('56'), parseIsoUtc('2056-09-20T12:25:40.104192Z'), 1e-6, 's', '2056');
    expectWithin(at('99'), parseIsoUtc('1999-09-21T12:25:40.104192Z'), 1e-6, 's', '1999');
  });

  it('reads Alpha-5 catalogue numbers and keeps them as written', () => {
    const s = parseTle(edit(ISS1, 3, 'A0001'), edit(ISS2, 3, 'A0001'));
    expect(s.catalogNumber).toBe('A0001');
    expect(catalogNumberValue(s.catalogNumber)).toBe(100001);
  });

  it('reads a three-line set with a "0 " title', () => {
    const s = parseTle(VANGUARD_TLE[1], VANGUARD_TLE[2], '0 VANGUARD 1   ');
    expect(s.name).toBe('VANGUARD 1');
    expect(s.bstar).toBe(-0.22483e-4);
    expectWithin(s.meanMotionDot, (-0.00000016 * 2 * Math.PI) / 86400 ** 2, 1e-30, 'rad/s^2', 'ndot/2');
  });
});

describe('TLE bad input names line, columns and value', () => {
  it('eccentricity', () => {
    const e = expectInputError(() => parseTle(ISS1, edit(ISS2, 27, '00067x3')), 'line 2', 'column');
    // The letter is caught by the character check, which names its column.
    expect(e.field).toBe('line 2, column 32');
    expectInputError(() => parseTle(ISS1, edit(ISS2, 27, '0.06703')), 'line 2, columns 27-33 (eccentricity)', '"0.06703"');
  });
  it('checksum', () => {
    expectInputError(() => parseTle(ISS1, edit(ISS2, 69, '0', false)), 'line 2, column 69 (checksum)', 'whose checksum is 7', '"0"');
  });
  it('line length, layout and characters', () => {
    expectInputError(() => parseTle(ISS1.slice(0, 60), ISS2), 'line 1', 'has 60 characters');
    expectInputError(() => parseTle(edit(ISS1, 9, 'X'), ISS2), 'line 1, column 9', 'must be blank');
    expectInputError(() => parseTle(ISS1, edit(ISS2, 10, 'a')), 'line 2, column 10', '"a"');
    expectInputError(() => parseTle(ISS2, ISS1), 'line 1, column 1 (line number)', '"2"');
    expectInputError(() => parseTle(`${ISS1}x`, ISS2), 'line 1, column 70');
  });
  it('ranges and numbers', () => {
    expectInputError(() => parseTle(ISS1, edit(ISS2, 9, '181.0000')), 'line 2, columns 9-16 (inclination)', '"181.0000"', 'between 0 and 180');
    expectInputError(() => parseTle(ISS1, edit(ISS2, 18, '360.0001')), 'columns 18-25 (right ascension', '"360.0001"');
    expectInputError(() => parseTle(ISS1, edit(ISS2, 53, ' 0.00000000')), 'columns 53-63 (mean motion)', 'above zero');
    expectInputError(() => parseTle(edit(ISS1, 21, '2645178.2528'), ISS2), 'line 1, columns 21-32 (epoch day of year)', '"2645178.2528"');
    expectInputError(() => parseTle(edit(ISS1, 19, '07366'), ISS2), 'day of year must be 1-365 in 2007');
    expectInputError(() => parseTle(edit(ISS1, 54, '-11606x4'), ISS2), 'line 1, column 60', '"x"');
    expectInputError(() => parseTle(edit(ISS1, 54, '-116.6-4'), ISS2), 'columns 54-61 (B* drag term)', '"-116.6-4"');
    expectInputError(() => parseTle(edit(ISS1, 34, '-.0000218A'), ISS2), 'line 1, columns 34-43 (first derivative', '"-.0000218A"');
    expectInputError(() => parseTle(edit(ISS1, 8, 'X'), ISS2), 'column 8 (classification)', '"X"');
    expectInputError(() => parseTle(edit(ISS1, 3, 'I0001'), edit(ISS2, 3, 'I0001')), 'line 1, columns 3-7 (catalogue number)', 'I or O');
    expectInputError(() => parseTle(ISS1, edit(ISS2, 3, '25545')), 'line 2, columns 3-7 (catalogue number)', '"25545"', 'does not match');
  });
  it('a catalogue keeps the good sets and reports the bad with file lines', () => {
    const text = [
      '# comment', 'ISS (ZARYA)', ISS1, ISS2, '',
      'BROKEN', ISS1, edit(ISS2, 27, '0.06703'),
      '0 VANGUARD 1', VANGUARD_TLE[1], VANGUARD_TLE[2],
      ISS2, 'ORPHAN TITLE', ISS1, 'NOT LINE 2',
    ].join('\r\n');
    const c = parseTleCatalogue(text);
    expect(c.sets.map((s) => s.name)).toEqual(['ISS (ZARYA)', 'VANGUARD 1']);
    expect(c.entries.map((e) => e.line)).toEqual([3, 10]);
    // The orphan title on line 13 names the broken set on line 14; the stray text on line 15 is reported.
    expect(c.rejected.map((r) => r.line)).toEqual([7, 12, 14, 15]);
    expect(c.rejected[2].object).toBe('ORPHAN TITLE');
    expect(c.rejected[0].error.message).toContain('line 8 (TLE line 2), columns 27-33 (eccentricity)');
    expect(c.rejected[0].error.message).toContain('"0.06703"');
    expect(c.rejected[0].object).toBe('BROKEN');
    expect(c.rejected[1].error.message).toContain('line 2 without a line 1');
  });
});

/** The parts of an SGP4-VER line that have one canonical spelling: zero as "00000-0" and a blank ephemeris type as 0. */
function canonical(line: string): string {
  let body = line.slice(0, 68).replace(/ 00000\+0/g, ' 00000-0');
  if (body[0] === '1' && body[62] === ' ') body = `${body.slice(0, 62)}0${body.slice(63)}`;
  return body;
}

describe('TLE writer', () => {
  it('writes every SGP4-VER.TLE set back as it was printed', () => {
    const { entries } = parseTleCatalogue(VER, { checksum: 'ignore' });
    for (const e of entries) {
      const written = formatTleLines(e.elements);
      expect(written[0].slice(0, 68)).toBe(canonical(e.elements.tleLines![0]));
      expect(written[1].slice(0, 68)).toBe(canonical(e.elements.tleLines![1]));
      // And the written lines carry valid checksums.
      expect(() => parseTle(written[0], written[1])).not.toThrow();
    }
  });

  it('writes title lines plain or in the "0 NAME" form', () => {
    const s = parseTle(VANGUARD_TLE[1], VANGUARD_TLE[2], VANGUARD_TLE[0]);
    expect(formatTle(s)).toEqual([...VANGUARD_TLE]);
    expect(formatTle(s, { nameLine: 'zero' })[0]).toBe('0 VANGUARD 1');
    expect(formatTle(s, { nameLine: 'none' })).toEqual(VANGUARD_TLE.slice(1));
  });

  it('prints the exponent form with carries and signs', () => {
    expect(formatAssumedPointExponent(0.28098e-4, 'bstar')).toBe(' 28098-4');
    expect(formatAssumedPointExponent(-0.11606e-4, 'bstar')).toBe('-11606-4');
    expect(formatAssumedPointExponent(0.999996e-3, 'bstar')).toBe(' 10000-2');
    expect(formatAssumedPointExponent(0.13519, 'bstar')).toBe(' 13519-0');
    expect(formatAssumedPointExponent(1.5, 'bstar')).toBe(' 15000+1');
    expect(formatAssumedPointExponent(0, 'bstar')).toBe(' 00000-0');
    expect(formatAssumedPointExponent(1.23e-12, 'bstar')).toBe(' 00123-9');
  });

  it('round-trips element sets on the printed grid (property)', () => {
    const tick = (n: number, scale: number) => n / scale;
    const arbitrarySet = fc.record({
      catalog: fc.integer({ min: 0, max: 339999 }),
      epochTicks: fc.integer({ min: 0, max: 99 * 365 * 1e4 }), // 1e-4 day steps from 1957
      inc: fc.integer({ min: 0, max: 1800000 }),
      raan: fc.integer({ min: 0, max: 3599999 }),
      ecc: fc.integer({ min: 0, max: 9999999 }),
      argp: fc.integer({ min: 0, max: 3599999 }),
      ma: fc.integer({ min: 0, max: 3599999 }),
      mm: fc.integer({ min: 1, max: 1799999999 }), // up to 17.99999999 rev/day
      bstarMantissa: fc.integer({ min: -99999, max: 99999 }),
      bstarExponent: fc.integer({ min: -9, max: 3 }),
      ndot: fc.integer({ min: -99999999, max: 99999999 }),
      rev: fc.integer({ min: 0, max: 99999 }),
      elset: fc.integer({ min: 0, max: 9999 }),
    });
    // Epochs built in UTC: a TLE's day fraction cannot name a leap second (23:59:60), see docs/formats.md.
    const startUtc = utcSecondsFromInstant(parseIsoUtc('1957-01-02T00:00:00Z'));
    fc.assert(
      fc.property(arbitrarySet, (a) => {
        const set: ElementSet = {
          catalogNumber: catalogNumberString(a.catalog),
          epoch: instantFromUtcSeconds(startUtc + tick(a.epochTicks, 1e4) * 86400),
          inclination: tick(a.inc, 1e4) * DEG,
          raan: tick(a.raan, 1e4) * DEG,
          eccentricity: tick(a.ecc, 1e7),
          argOfPerigee: tick(a.argp, 1e4) * DEG,
          meanAnomaly: tick(a.ma, 1e4) * DEG,
          meanMotion: tick(a.mm, 1e8) * REV_PER_DAY,
          bstar: (a.bstarMantissa / 1e5) * 10 ** a.bstarExponent,
          meanMotionDot: (a.ndot / 1e8) * (REV_PER_DAY / 86400),
          meanMotionDdot: 0,
          revolutionNumberAtEpoch: a.rev,
          elementSetNumber: a.elset,
          classification: 'U',
          ephemerisType: 0,
        };
        const [l1, l2] = formatTleLines(set);
        const back = parseTle(l1, l2);
        expect(back.catalogNumber).toBe(set.catalogNumber);
        expectWithin(back.epoch, set.epoch, 1e-6, 's', 'epoch');
        expectWithin(back.inclination, set.inclination, 1e-12, 'rad', 'inclination');
        expectWithin(back.raan, set.raan, 1e-12, 'rad', 'raan');
        expectWithin(back.argOfPerigee, set.argOfPerigee, 1e-12, 'rad', 'argp');
        expectWithin(back.meanAnomaly, set.meanAnomaly, 1e-12, 'rad', 'mean anomaly');
        expect(back.eccentricity).toBe(set.eccentricity);
        expectWithin(back.meanMotion, set.meanMotion, 1e-18, 'rad/s', 'mean motion');
        expectWithin(back.bstar, set.bstar, Math.abs(set.bstar) * 1e-12, '1/ER', 'bstar');
        expectWithin(back.meanMotionDot, set.meanMotionDot, 1e-25, 'rad/s^2', 'ndot');
        expect(back.revolutionNumberAtEpoch).toBe(set.revolutionNumberAtEpoch);
        expect(back.elementSetNumber).toBe(set.elementSetNumber);
        // Text -> elements -> text is the identity on written lines.
        expect(formatTleLines(back)).toEqual([l1, l2]);
      }),
      { numRuns: 300 },
    );
  });

  it('rounds to the printed precision: within half a unit of the last digit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: Math.PI, noNaN: true }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (inc, ecc) => {
        const base = parseTle(ISS1, ISS2);
        const back = parseTle(...formatTleLines({ ...base, inclination: inc, eccentricity: ecc }));
        expectWithin(back.inclination / DEG, inc / DEG, 0.5e-4 + 1e-12, 'deg', 'inclination');
        expectWithin(back.eccentricity, ecc, 0.5e-7 + 1e-15, '', 'eccentricity');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses values that do not fit, naming the element', () => {
    const s = parseTle(ISS1, ISS2);
    expectInputError(() => formatTleLines({ ...s, eccentricity: 1.2 }), 'eccentricity', '1.2');
    expectInputError(() => formatTleLines({ ...s, catalogNumber: '340000' }), 'catalogNumber', '340000');
    expectInputError(() => formatTleLines({ ...s, epoch: parseIsoUtc('2060-01-01T00:00:00Z') }), 'epoch', '2060');
    expectInputError(() => formatTleLines({ ...s, meanMotion: 120 * REV_PER_DAY }), 'meanMotion');
    expectInputError(() => formatTleLines({ ...s, meanMotionDot: Number.NaN }), 'meanMotionDot', 'NaN');
  });

  it('detailed parse returns the trailing text of both lines', () => {
    const p = parseTleDetailed(`${ISS1}   extra`, ISS2);
    expect(p.trailing).toEqual(['extra', '']);
  });
});
