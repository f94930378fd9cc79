import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectOmmEncoding, parseOmmCatalogue } from '../../src/formats/omm.ts';
import { formatOmmCsv, parseOmmCsv } from '../../src/formats/omm-csv.ts';
import { formatOmmJson, parseOmmJson } from '../../src/formats/omm-json.ts';
import { formatOmmKvn, parseOmmKvn } from '../../src/formats/omm-kvn.ts';
import { formatOmmXml, parseOmmXml } from '../../src/formats/omm-xml.ts';
import { parseTle } from '../../src/formats/tle.ts';
import { parseXml } from '../../src/formats/xml.ts';
import { InputError } from '../../src/math/errors.ts';
import { DEG } from '../../src/math/units.ts';
import { type ElementSet, REV_PER_DAY } from '../../src/orbits/element-set.ts';
import { type Instant, instantFromUtcSeconds } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectWithin } from '../helpers/miss.ts';

const data = (path: string) => readFileSync(new URL(`../reference-data/${path}`, import.meta.url), 'utf8');

// VANGUARD 1 as CelesTrak published it, the TLE of the CSV and XML samples (see tle.test.ts).
const VANGUARD_L1 = '1 00005U 58002B   20287.20333880 -.00000016  00000-0 -22483-4 0  9998';
const VANGUARD_L2 = '2 00005  34.2443 225.5254 1845686 162.2516 205.2356 10.84869164218149';

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

/** Same elements: exact on integers and strings, within float rounding on the numbers. */
function expectSameElements(a: ElementSet, b: ElementSet, epochLimitS = 1e-6): void {
  expect(a.catalogNumber).toBe(b.catalogNumber);
  expect(a.name).toBe(b.name);
  expect(a.internationalDesignator).toBe(b.internationalDesignator);
  expect(a.classification).toBe(b.classification);
  expect(a.elementSetNumber).toBe(b.elementSetNumber);
  expect(a.revolutionNumberAtEpoch).toBe(b.revolutionNumberAtEpoch);
  expect(a.ephemerisType).toBe(b.ephemerisType);
  expectWithin(a.epoch, b.epoch, epochLimitS, 's', 'epoch');
  const rel = (x: number, y: number, what: string) => expectWithin(x, y, Math.max(Math.abs(y) * 1e-14, 1e-300), 'relative', what);
  rel(a.meanMotion, b.meanMotion, 'meanMotion');
  rel(a.eccentricity, b.eccentricity, 'eccentricity');
  rel(a.inclination, b.inclination, 'inclination');
  rel(a.raan, b.raan, 'raan');
  rel(a.argOfPerigee, b.argOfPerigee, 'argOfPerigee');
  rel(a.meanAnomaly, b.meanAnomaly, 'meanAnomaly');
  rel(a.bstar, b.bstar, 'bstar');
  rel(a.meanMotionDot, b.meanMotionDot, 'meanMotionDot');
  rel(a.meanMotionDdot, b.meanMotionDdot, 'meanMotionDdot');
}

describe('OMM samples (python-sgp4, CelesTrak encodings of VANGUARD 1)', () => {
  const csv = parseOmmCatalogue(data('omm-samples/sample_omm.csv'));
  const xml = parseOmmCatalogue(data('omm-samples/sample_omm.xml'));
  const json = parseOmmCatalogue(data('omm-samples/sample_omm.json'));

  it('detects each encoding', () => {
    expect(detectOmmEncoding(data('omm-samples/sample_omm.csv'))).toBe('csv');
    expect(detectOmmEncoding(data('omm-samples/sample_omm.xml'))).toBe('xml');
    expect(detectOmmEncoding(data('omm-samples/sample_omm.json'))).toBe('json');
    expect(detectOmmEncoding(data('ccsds-examples/omm_g7.kvn'))).toBe('kvn');
  });

  it('CSV and XML (the same 2020 set) give identical element sets', () => {
    expect(csv.rejected).toEqual([]);
    expect(xml.rejected).toEqual([]);
    expect(csv.sets).toHaveLength(1);
    expect(xml.sets[0]).toEqual(csv.sets[0]);
    expect(xml.records[0].meanElementTheory).toBe('SGP4');
    expect(xml.records[0].header?.version).toBe('2.0');
  });

  it('match the TLE CelesTrak published for that set', () => {
    const tle = parseTle(VANGUARD_L1, VANGUARD_L2, 'VANGUARD 1');
    const { tleLines: _, ...fromTle } = tle;
    // The TLE prints the epoch as a day fraction (1e-8 day); 20287.20333880 is 04:52:48.472320 exactly.
    expectSameElements(csv.sets[0], fromTle as ElementSet, 1e-6);
  });

  it('JSON (a 2025 set of the same object) reads its printed values', () => {
    const s = json.sets[0];
    expect(s.catalogNumber).toBe('00005');
    expect(s.name).toBe('VANGUARD 1');
    expectWithin(s.epoch, parseIsoUtc('2025-02-14T14:36:48.662784Z'), 1e-6, 's', 'epoch');
    expectWithin(s.meanMotion, 10.85873516 * REV_PER_DAY, 1e-18, 'rad/s', 'mean motion');
    expect(s.eccentricity).toBe(0.1841322);
    expectWithin(s.inclination, 34.2493 * DEG, 1e-15, 'rad', 'inclination');
    expectWithin(s.raan, 19.2327 * DEG, 1e-15, 'rad', 'raan');
    expect(s.bstar).toBe(0.00035436);
    expect(s.revolutionNumberAtEpoch).toBe(39027);
  });
});

describe('CCSDS 502.0-B-3 OMM examples', () => {
  const g7 = parseOmmKvn(data('ccsds-examples/omm_g7.kvn'));
  const g8 = parseOmmKvn(data('ccsds-examples/omm_g8.kvn'));
  const g9 = parseOmmKvn(data('ccsds-examples/omm_g9.kvn'));
  const g10 = parseOmmXml(data('ccsds-examples/omm_g10.xml'));

  it('read the GOES 9 mean elements and TLE parameters', () => {
    for (const c of [g7, g8, g9, g10]) {
      expect(c.rejected).toEqual([]);
      const s = c.sets[0];
      expect(s.catalogNumber).toBe('23581');
      expect(s.internationalDesignator).toBe('1995-025A');
      // 2020 day 064 is 4 March (leap year: 31 + 29 + 4).
      expectWithin(s.epoch, parseIsoUtc('2020-03-04T10:34:41.4264Z'), 1e-6, 's', 'epoch');
      expectWithin(s.meanMotion, 1.00273272 * REV_PER_DAY, 1e-18, 'rad/s', 'mean motion');
      expect(s.eccentricity).toBe(0.0005013);
      expectWithin(s.argOfPerigee, 249.2363 * DEG, 1e-15, 'rad', 'argument of pericentre');
      expect(s.elementSetNumber).toBe(925);
      expect(s.bstar).toBe(0.0001);
      expectWithin(s.meanMotionDot, (-0.00000113 * 2 * Math.PI) / 86400 ** 2, 1e-30, 'rad/s^2', 'ndot');
      expectWithin(c.records[0].gm!, 398600.8e9, 1e-3, 'm^3/s^2', 'GM');
    }
    expect(g7.records[0].meanElementTheory).toBe('SGP/SGP4');
    expect(g7.records[0].header).toMatchObject({ version: '3.0', originator: 'NOAA', messageId: 'OMM 202013719185' });
    expect(g10.sets[0].name).toBe('GOES-9');
    expect(g10.records[0].header).toMatchObject({ version: '3.0', classification: 'CUI', comments: ['THIS IS AN XML VERSION OF THE OMM'] });
  });

  it('KVN with and without units and covariance give the same elements', () => {
    expect(g8.sets[0]).toEqual(g7.sets[0]);
    expect(g9.sets[0]).toEqual(g7.sets[0]);
    expect(g9.records[0].userDefined).toEqual({ EARTH_MODEL: 'WGS-84' });
  });

  it('keeps the covariance in SI (km^2 -> m^2), the same in KVN and XML', () => {
    const kvn = g8.records[0].covariance!;
    const xml = g10.records[0].covariance!;
    expect(kvn.refFrame).toBe('TEME');
    expectWithin(kvn.lowerTriangle[0], 3.331349476038534e-4 * 1e6, 1e-9, 'm^2', 'CX_X');
    expectWithin(kvn.lowerTriangle[20], 6.2244443386355e-10 * 1e6, 1e-18, 'm^2/s^2', 'CZ_DOT_Z_DOT');
    expect(Array.from(xml.lowerTriangle)).toEqual(Array.from(kvn.lowerTriangle));
  });
});

describe('OMM flags and bad input', () => {
  const g7Text = data('ccsds-examples/omm_g7.kvn');

  it('parses a DSST set but keeps it from SGP4, saying why', () => {
    const c = parseOmmKvn(g7Text.replace('MEAN_ELEMENT_THEORY = SGP/SGP4', 'MEAN_ELEMENT_THEORY = DSST'));
    expect(c.records).toHaveLength(1);
    expect(c.records[0].notForSgp4).toContain('DSST');
    expect(c.sets).toEqual([]);
    expect(c.rejected[0].error.field).toBe('MEAN_ELEMENT_THEORY');
    expect(c.rejected[0].error.message).toContain('"DSST"');
  });

  it('flags a set not in TEME', () => {
    const c = parseOmmKvn(g7Text.replace('REF_FRAME = TEME', 'REF_FRAME = EME2000'));
    expect(c.records[0].notForSgp4).toContain('REF_FRAME is EME2000');
    expect(c.sets).toEqual([]);
  });

  it('reads several KVN messages and keeps the good ones', () => {
    const bad = g7Text.replace('ECCENTRICITY = 0.0005013', 'ECCENTRICITY = 0.0005O13');
    const c = parseOmmKvn(`${g7Text}\n${bad}\n${g7Text.replace('NORAD_CAT_ID = 23581', 'NORAD_CAT_ID = 23582')}`);
    expect(c.sets.map((s) => s.catalogNumber)).toEqual(['23581', '23582']);
    expect(c.rejected).toHaveLength(1);
    expect(c.rejected[0].line).toBe(27);
    expect(c.rejected[0].error.message).toBe('line 39, ECCENTRICITY: is not a decimal number, got "0.0005O13"');
  });

  it('checks units written in brackets', () => {
    const c = parseOmmKvn(data('ccsds-examples/omm_g9.kvn').replace('3.0539 [deg]', '3.0539 [rad]'));
    expect(c.rejected[0].error.message).toContain('line 13, INCLINATION');
    expect(c.rejected[0].error.message).toContain('3.0539 [rad]');
  });

  it('rejects a repeated keyword, a missing epoch, a bad version and time system', () => {
    const twice = parseOmmKvn(g7Text.replace('MEAN_ANOMALY = 150.1602', 'MEAN_ANOMALY = 150.1602\nMEAN_ANOMALY = 1'));
    expect(twice.rejected[0].error.message).toContain('line 18, MEAN_ANOMALY: appears twice');
    const noEpoch = parseOmmKvn(g7Text.replace('EPOCH = 2020-064T10:34:41.4264\n', ''));
    expect(noEpoch.rejected[0].error.message).toContain('EPOCH: is required');
    expect(parseOmmKvn(g7Text.replace('CCSDS_OMM_VERS = 3.0', 'CCSDS_OMM_VERS = 4.0')).rejected[0].error.message).toContain('CCSDS_OMM_VERS: must be 1.0, 2.0 or 3.0, got "4.0"');
    expect(parseOmmKvn(g7Text.replace('TIME_SYSTEM = UTC', 'TIME_SYSTEM = TDB')).rejected[0].error.message).toContain('line 9, TIME_SYSTEM');
  });

  it('reads a TAI epoch exactly (no leap seconds applied twice)', () => {
    const c = parseOmmKvn(g7Text.replace('TIME_SYSTEM = UTC', 'TIME_SYSTEM = TAI'));
    // TAI - UTC was 37 s in 2020.
    expectWithin(c.sets[0].epoch, parseIsoUtc('2020-03-04T10:34:41.4264Z') - 37, 1e-6, 's', 'TAI epoch');
  });

  it('JSON: a catalogue with bad entries keeps the good ones, naming OMM[i].FIELD', () => {
    const good = JSON.parse(data('omm-samples/sample_omm.json'))[0];
    const text = JSON.stringify([good, { ...good, ECCENTRICITY: 'abc' }, { ...good, INCLINATION: 190 }, 7, { ...good, EPOCH: '2025-02-30T00:00:00' }, good]);
    const c = parseOmmJson(text);
    expect(c.sets).toHaveLength(2);
    expect(c.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(c.rejected[0].error.message).toBe('OMM[1].ECCENTRICITY: is not a decimal number, got "abc"');
    expect(c.rejected[1].error.message).toContain('OMM[2].INCLINATION: must be between 0 and 180 degrees, got 190');
    expect(c.rejected[2].error.message).toContain('OMM[3]');
    expect(c.rejected[3].error.message).toContain('OMM[4].EPOCH');
    expectInputError(() => parseOmmJson('[{'), 'OMM JSON', 'not valid JSON');
  });

  it('JSON: Space-Track style strings and nulls', () => {
    const c = parseOmmJson(JSON.stringify([{ OBJECT_NAME: 'X', OBJECT_ID: '2000-001A', NORAD_CAT_ID: '100001', EPOCH: '2024-01-01T00:00:00', MEAN_MOTION: '15.5', ECCENTRICITY: '.0001', INCLINATION: '51.6', RA_OF_ASC_NODE: '10', ARG_OF_PERICENTER: '20', MEAN_ANOMALY: '30', BSTAR: '0.0001', MEAN_MOTION_DOT: '0.00001', MEAN_MOTION_DDOT: '0', DECAY_DATE: null, EPHEMERIS_TYPE: '0' }]));
    expect(c.rejected).toEqual([]);
    expect(c.sets[0].catalogNumber).toBe('A0001');
    expect(c.records[0].otherFields).toEqual({ DECAY_DATE: '' });
  });

  it('CSV: bad rows name line and column', () => {
    const csv = data('omm-samples/sample_omm.csv').trim();
    const [header, row] = csv.split('\n');
    const c = parseOmmCsv([header, row, row.replace('.1845686', '1.5'), row.replace(',5,', ',-5,'), `"VANGUARD, 1"${row.slice('VANGUARD 1'.length)}`].join('\n'));
    expect(c.sets.map((s) => s.name)).toEqual(['VANGUARD 1', 'VANGUARD, 1']);
    expect(c.rejected[0].error.message).toBe('line 3, ECCENTRICITY: must be in [0, 1), got "1.5"');
    expect(c.rejected[1].error.message).toContain('line 4, NORAD_CAT_ID');
    expectInputError(() => parseOmmCatalogue('hello'), 'OMM file', 'hello');
  });
});

describe('OMM writers', () => {
  const base = parseOmmCatalogue(data('omm-samples/sample_omm.xml')).sets[0];
  const creationDate = parseIsoUtc('2026-01-01T00:00:00Z');

  it('JSON, CSV, KVN and XML round trips give the same elements', () => {
    const readers = [
      (s: ElementSet[]) => parseOmmJson(formatOmmJson(s)),
      (s: ElementSet[]) => parseOmmCsv(formatOmmCsv(s)),
      (s: ElementSet[]) => parseOmmKvn(formatOmmKvn(s, { creationDate })),
      (s: ElementSet[]) => parseOmmXml(formatOmmXml(s, { creationDate })),
    ];
    for (const read of readers) {
      const c = read([base, { ...base, catalogNumber: 'A0001', name: 'SECOND & <LAST>' }]);
      expect(c.rejected).toEqual([]);
      expectSameElements(c.sets[0], base);
      expect(c.sets[1].catalogNumber).toBe('A0001');
      expect(c.sets[1].name).toBe('SECOND & <LAST>');
    }
  });

  it('writes CelesTrak-style JSON values', () => {
    const [o] = JSON.parse(formatOmmJson([base], { precision: 'tle' }));
    // Every value equals the one CelesTrak printed in the CSV of the same set.
    const [header, row] = data('omm-samples/sample_omm.csv').trim().split('\n').map((l) => l.split(','));
    header.forEach((key, i) => {
      const printed = row[i];
      expect(typeof o[key] === 'number' ? o[key] : String(o[key]), key).toEqual(typeof o[key] === 'number' ? Number(printed) : printed);
    });
    expect(o.EPOCH).toBe('2020-10-13T04:52:48.472320');
    expect(o.MEAN_MOTION).toBe(10.84869164);
    expect(o.INCLINATION).toBe(34.2443);
    expect(o.BSTAR).toBe(-2.2483e-5);
    expect(o.MEAN_MOTION_DOT).toBe(-1.6e-7);
    expect(o.NORAD_CAT_ID).toBe(5);
  });

  it('round-trips arbitrary element sets through KVN (property)', () => {
    const arb = fc.record({
      n: fc.double({ min: 0.5, max: 17, noNaN: true }),
      e: fc.double({ min: 0, max: 0.99, noNaN: true }),
      i: fc.double({ min: 0, max: Math.PI, noNaN: true }),
      o: fc.double({ min: 0, max: 6.28, noNaN: true }),
      w: fc.double({ min: 0, max: 6.28, noNaN: true }),
      m: fc.double({ min: 0, max: 6.28, noNaN: true }),
      b: fc.double({ min: -1e-2, max: 1e-2, noNaN: true }),
      t: fc.integer({ min: 0, max: 2e9 }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const set: ElementSet = {
          ...base,
          epoch: instantFromUtcSeconds(a.t / 1e3 * 86400 / 1e3) as Instant,
          meanMotion: a.n * REV_PER_DAY,
          eccentricity: a.e,
          inclination: a.i,
          raan: a.o,
          argOfPerigee: a.w,
          meanAnomaly: a.m,
          bstar: a.b,
        };
        const back = parseOmmKvn(formatOmmKvn([set], { creationDate })).sets[0];
        expectWithin(back.epoch, set.epoch, 1e-6, 's', 'epoch');
        for (const k of ['meanMotion', 'eccentricity', 'inclination', 'raan', 'argOfPerigee', 'meanAnomaly', 'bstar'] as const) {
          expectWithin(back[k], set[k], Math.abs(set[k]) * 1e-13 + 1e-300, 'relative', k);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('XML reader', () => {
  it('handles entities, CDATA, comments, prefixes and reports mismatched tags with their line', () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c -->\n<ndm:a x="1 &amp; 2">\n<b>&lt;&#65;&#x42;</b><c><![CDATA[<raw>]]></c><d/></ndm:a>');
    expect(root.name).toBe('a');
    expect(root.attributes.x).toBe('1 & 2');
    expect(root.children.map((c) => [c.name, c.text, c.line])).toEqual([['b', '<AB', 4], ['c', '<raw>', 4], ['d', '', 4]]);
    expectInputError(() => parseXml('<a>\n<b></c></a>'), 'XML line 2', 'does not match <b>');
    expectInputError(() => parseXml('<a>'), 'XML line 1', 'not closed');
    expectInputError(() => parseXml('<a>&bogus;</a>'), 'bad entity');
  });
});
