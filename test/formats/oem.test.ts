import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oemFromStateTable } from '../../src/formats/oem.ts';
import { formatOemKvn, parseOemKvn } from '../../src/formats/oem-kvn.ts';
import { formatOemXml, parseOemXml } from '../../src/formats/oem-xml.ts';
import { InputError } from '../../src/math/errors.ts';
import { StateStatus, markFailed } from '../../src/orbits/state-table.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';
import { circularTable } from './tables.ts';

const data = (path: string) => readFileSync(new URL(`../reference-data/${path}`, import.meta.url), 'utf8');

function expectInputError(fn: () => unknown, ...fragments: string[]): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    for (const f of fragments) expect((e as Error).message).toContain(f);
    return;
  }
  expect.fail(`expected an InputError mentioning ${fragments.join(', ')}`);
}

describe('CCSDS 502.0-B-3 OEM examples', () => {
  it('reads oem_g11: two segments, elided rows, km -> m', () => {
    const m = parseOemKvn(data('ccsds-examples/oem_g11.kvn'));
    expect(m.version).toBe('3.0');
    expect(m.header.originator).toBe('NASA/JPL');
    expect(m.segments).toHaveLength(2);
    const [a, b] = m.segments;
    expect(a.metadata).toMatchObject({ objectName: 'MARS GLOBAL SURVEYOR', objectId: '1996-062A', centerName: 'MARS BARYCENTER', refFrame: 'EME2000', timeSystem: 'UTC', interpolation: 'HERMITE', interpolationDegree: 7 });
    expect(a.comments).toEqual(['This file was produced by M.R. Pigs, OSAR NAV/JPL, 2019NOV 04. It is', 'to be used for DSN scheduling purposes only.']);
    expect(a.epochs).toHaveLength(4);
    expectWithin(a.epochs[0], parseIsoUtc('2019-12-18T12:00:00.331Z'), 1e-6, 's', 'first epoch');
    expectWithin(a.epochs[3], parseIsoUtc('2019-12-28T21:28:00.331Z'), 1e-6, 's', 'last epoch');
    expectVectorWithin(a.states.subarray(0, 3), [2789619, -280045, -1746755], 1e-6, 'm', 'first position');
    expectVectorWithin(a.states.subarray(3, 6), [4733.72, -2495.86, -1041.95], 1e-9, 'm/s', 'first velocity');
    expectVectorWithin(b.states.subarray(0, 3), [-2432166, -63042, 1742754], 1e-6, 'm', 'second segment, "-063.042" km');
    expectWithin(b.metadata.useableStartTime!, parseIsoUtc('2019-12-28T22:08:02.5Z'), 1e-6, 's', 'useable start');
  });

  it('reads accelerations in KVN (g12) and XML (g14) alike', () => {
    const kvn = parseOemKvn(data('ccsds-examples/oem_g12.kvn')).segments[0];
    const xml = parseOemXml(data('ccsds-examples/oem_g14.xml')).segments[0];
    expect(kvn.accelerations).toBeDefined();
    expectVectorWithin(kvn.accelerations!.subarray(0, 3), [8, 1, -159], 1e-9, 'm/s^2', 'first acceleration');
    expect(Array.from(xml.epochs)).toEqual(Array.from(kvn.epochs));
    expect(Array.from(xml.states)).toEqual(Array.from(kvn.states));
    expect(Array.from(xml.accelerations!)).toEqual(Array.from(kvn.accelerations!));
    expect(xml.comments).toEqual(['Produced by M.R. Somebody, MSOO NAV/JPL, 2019 OCT 11. It is', 'to be used for DSN scheduling purposes only.']);
  });

  it('reads covariance blocks (g13 KVN, g14 XML) into SI', () => {
    const g13 = parseOemKvn(data('ccsds-examples/oem_g13.kvn')).segments[0];
    expect(g13.covariances).toHaveLength(2);
    expect(g13.covariances[0].refFrame).toBe('EME2000');
    expectWithin(g13.covariances[0].lowerTriangle[0], 3.3313494e-4 * 1e6, 1e-9, 'm^2', 'CX_X');
    expectWithin(g13.covariances[1].lowerTriangle[20], 6.2244443e-10 * 1e6, 1e-15, 'm^2/s^2', 'CZ_DOT_Z_DOT');
    expectWithin(g13.covariances[1].epoch, parseIsoUtc('2019-12-29T21:00:00Z'), 1e-6, 's', 'covariance epoch');
    const g14 = parseOemXml(data('ccsds-examples/oem_g14.xml')).segments[0];
    expect(g14.covariances[0].refFrame).toBe('ITRF1997');
    expectWithin(g14.covariances[0].lowerTriangle[1], 0.722e6, 1e-6, 'm^2', 'CY_X');
  });
});

describe('OEM writer', () => {
  const creationDate = parseIsoUtc('2026-03-01T00:00:00Z');

  it('writes TEME and ITRF tables with honest frames, UTC, km; reads back to the printed precision (KVN and XML)', () => {
    for (const frame of ['TEME', 'ITRF'] as const) {
      const table = circularTable(frame, ['00005', 'A0001'], 30);
      const message = oemFromStateTable(table, { creationDate, objects: { '00005': { name: 'VANGUARD 1', objectId: '1958-002B' } } });
      for (const [write, read] of [[formatOemKvn, parseOemKvn], [formatOemXml, parseOemXml]] as const) {
        const text = write(message);
        expect(text).toMatch(new RegExp(frame === 'TEME' ? 'REF_FRAME\\b.*TEME' : 'REF_FRAME\\b.*ITRF'));
        expect(text).toMatch(/TIME_SYSTEM\b.*UTC/);
        const back = read(text);
        expect(back.segments).toHaveLength(2);
        expect(back.segments[0].metadata).toMatchObject({ objectName: 'VANGUARD 1', objectId: '1958-002B', centerName: 'EARTH', refFrame: frame, interpolation: 'LAGRANGE', interpolationDegree: 7 });
        expect(back.segments[1].metadata.objectName).toBe('A0001');
        for (let i = 0; i < 2; i++) {
          const s = back.segments[i];
          expect(s.epochs).toHaveLength(30);
          for (let k = 0; k < 30; k++) {
            const at = k * 2 + i;
            expectWithin(s.epochs[k], table.grid.start + k * table.grid.stepS, 0.5e-6 + 1e-9, 's', 'epoch');
            // Printed to 1e-6 km and 1e-9 km/s: half of that is the most rounding can move a value.
            expectVectorWithin(s.states.subarray(6 * k, 6 * k + 3), [table.x[at], table.y[at], table.z[at]], 0.5e-3 * Math.sqrt(3), 'm', 'position');
            expectVectorWithin(s.states.subarray(6 * k + 3, 6 * k + 6), [table.vx[at], table.vy[at], table.vz[at]], 0.5e-6 * Math.sqrt(3), 'm/s', 'velocity');
          }
        }
      }
    }
  });

  it('splits a segment where rows failed and says why in a COMMENT', () => {
    const table = circularTable('ITRF', ['A', 'B'], 10);
    for (const k of [3, 4]) markFailed(table, k * 2 + 0, StateStatus.SGP4_DECAYED);
    for (let k = 0; k < 10; k++) markFailed(table, k * 2 + 1, StateStatus.SGP4_MEAN_ELEMENTS);
    const message = oemFromStateTable(table, { creationDate, itrfName: 'ITRF2014', interpolationDegree: 5 });
    const text = formatOemKvn(message);
    expect(text).not.toMatch(/NaN/);
    const back = parseOemKvn(text);
    expect(back.segments.map((s) => s.epochs.length)).toEqual([3, 5]);
    expect(back.segments[1].metadata.comments[0]).toBe('2 states from 2026-03-01T00:03:00.000 to 2026-03-01T00:04:00.000 not written: SGP4 error 6: satellite has decayed');
    expect(back.segments[0].metadata.refFrame).toBe('ITRF2014');
    expect(back.segments[0].metadata.interpolationDegree).toBe(2);
    expect(back.segments[1].metadata.interpolationDegree).toBe(4);
    expect(back.header.comments.some((c) => c.startsWith('B: no state written; 10 states'))).toBe(true);
  });

  it('refuses a table with nothing to write, and bad options', () => {
    const table = circularTable('TEME', ['A'], 3);
    for (let k = 0; k < 3; k++) markFailed(table, k, StateStatus.SGP4_DECAYED);
    expectInputError(() => oemFromStateTable(table, { creationDate }), 'state table', 'no valid state');
    expectInputError(() => oemFromStateTable(circularTable('ITRF', ['A'], 3), { creationDate, itrfName: 'ITRF 2014' }), 'itrfName', '"ITRF 2014"');
    expectInputError(() => oemFromStateTable(circularTable('ITRF', ['A'], 3), { creationDate, interpolationDegree: 0 }), 'interpolationDegree', '0');
  });
});

describe('OEM bad input names line, field and value', () => {
  const g11 = data('ccsds-examples/oem_g11.kvn');
  it('rows out of order, short rows, bad numbers', () => {
    expectInputError(() => parseOemKvn(g11.replace('2019-12-18T12:01:00.331 2783.419', '2019-12-18T11:59:00.331 2783.419')), 'line 20, epoch', 'later than the row before', '2019-12-18T11:59:00.331');
    expectInputError(() => parseOemKvn(g11.replace('2783.419 -308.143 -1877.071 5.18604 -2.42124 -1.99608', '2783.419 -308.143')), 'line 20', 'has 3 values');
    expectInputError(() => parseOemKvn(g11.replace('2783.419', '2783,419')), 'line 20, X', '"2783,419"');
    expectInputError(() => parseOemKvn(g11.replace('2019-12-28T21:28:00.331 -3881.024', '2019-12-29T21:28:00.331 -3881.024')), 'line 22, epoch', 'outside START_TIME..STOP_TIME');
  });
  it('metadata and structure', () => {
    expectInputError(() => parseOemKvn(g11.replace('TIME_SYSTEM = UTC', 'TIME_SYSTEM = TDB')), 'line 9, TIME_SYSTEM', '"TDB"');
    expectInputError(() => parseOemKvn(g11.replace('OBJECT_ID = 1996-062A\n', '')), 'OBJECT_ID', 'is required');
    expectInputError(() => parseOemKvn(g11.replace('CCSDS_OEM_VERS = 3.0', 'CCSDS_OEM_VERS = 9')), 'CCSDS_OEM_VERS', '"9"');
    expectInputError(() => parseOemKvn(g11.replace(/META_STOP/g, 'META_END')), 'line 16', 'not allowed in a metadata block', '"META_END"');
    expectInputError(() => parseOemKvn(g11.slice(0, g11.indexOf('META_STOP'))), 'line 4', 'META_START', 'no META_STOP');
    expectInputError(() => parseOemKvn(g11.replace('START_TIME = 2019-12-18T12:00:00.331', 'START_TIME = 2019-13-18T12:00:00.331')), 'line 10, START_TIME', 'month');
    expectInputError(() => parseOemXml('<oem version="3.0"><header/></oem>'), 'has no <body>');
  });
});
