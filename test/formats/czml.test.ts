import { describe, expect, it } from 'vitest';
import { czmlDocument, czmlFromStateTable, czmlTrajectoryPacket } from '../../src/formats/czml.ts';
import { InputError } from '../../src/math/errors.ts';
import { StateStatus, markFailed } from '../../src/orbits/state-table.ts';
import { type Instant, addSeconds } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';
import { circularTable } from './tables.ts';

type Packet = Record<string, any>;

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

/** Reads a sampled CZML position back into (instant, x, y, z) using only the CZML text's own epoch. */
function samplesOf(position: Packet): { t: number; r: number[] }[] {
  const epoch = parseIsoUtc(position.epoch);
  const out: { t: number; r: number[] }[] = [];
  for (let j = 0; j < position.cartesian.length; j += 4) out.push({ t: epoch + position.cartesian[j], r: position.cartesian.slice(j + 1, j + 4) });
  return out;
}

describe('CZML document', () => {
  it('starts with a clock packet over start..stop in ISO UTC', () => {
    const start = parseIsoUtc('2026-03-01T00:00:00Z');
    const doc = czmlDocument('test', start, addSeconds(start, 3600), [{ id: 'x' }]);
    expect(doc[0]).toMatchObject({ id: 'document', name: 'test', version: '1.0' });
    expect((doc[0] as Packet).clock.interval).toBe('2026-03-01T00:00:00.000000Z/2026-03-01T01:00:00.000000Z');
    expect((doc[0] as Packet).clock.currentTime).toBe('2026-03-01T00:00:00.000000Z');
    expect(doc[1]).toEqual({ id: 'x' });
    expectInputError(() => czmlDocument('bad', start, addSeconds(start, -1), []), 'stop');
  });

  it('samples an ITRF table: FIXED frame, Lagrange degree 5, positions equal to the table', () => {
    const table = circularTable('ITRF', ['S1', 'S2', 'S3'], 20);
    const doc = czmlFromStateTable(table, [
      { id: 'S1', name: 'US-1', owner: 'USA', constellation: 'Tranche 1' },
      { id: 'S2', name: 'JP-1', owner: 'JPN' },
      { id: 'S3', owner: 'USA', constellation: 'Tranche 1' },
    ]) as Packet[];
    const byId = new Map<string, Packet>(doc.map((p) => [p.id, p]));
    const get = (id: string): Packet => byId.get(id) ?? expect.fail(`no packet ${id}`);
    expect(doc[0].id).toBe('document');
    // Owner and constellation parents, satellites under them.
    expect(get('owner/JPN')).toMatchObject({ name: 'JPN' });
    expect(get('owner/USA')).toMatchObject({ name: 'USA' });
    expect(get('owner/USA/Tranche 1')).toMatchObject({ parent: 'owner/USA' });
    expect(get('S1').parent).toBe('owner/USA/Tranche 1');
    expect(get('S2').parent).toBe('owner/JPN');
    // Colour per owner: same owner same colour, different owners different colours.
    expect(get('S1').point.color.rgba).toEqual(get('S3').point.color.rgba);
    expect(get('S1').point.color.rgba).not.toEqual(get('S2').point.color.rgba);
    for (const [i, id] of ['S1', 'S2', 'S3'].entries()) {
      const p = get(id);
      expect(p.position).toMatchObject({ referenceFrame: 'FIXED', interpolationAlgorithm: 'LAGRANGE', interpolationDegree: 5 });
      expect(p.position.epoch).toBe('2026-03-01T00:00:00.000000Z');
      expect(p.availability).toBe('2026-03-01T00:00:00.000000Z/2026-03-01T00:19:00.000000Z');
      const samples = samplesOf(p.position);
      expect(samples).toHaveLength(20);
      samples.forEach((s, k) => {
        const at = k * 3 + i;
        expectWithin(s.t, table.grid.start + k * 60, 1e-6, 's', 'sample time');
        expectVectorWithin(s.r, [table.x[at], table.y[at], table.z[at]], 0.5e-3 * Math.sqrt(3), 'm', 'sample position');
      });
      expect(p.path).toBeDefined();
      expect(p.label.text).toBe(i === 2 ? 'S3' : i === 0 ? 'US-1' : 'JP-1');
    }
  });

  it('leaves failed rows out: no NaN, availability and positions split at the gap', () => {
    const table = circularTable('ITRF', ['S1'], 10);
    for (const k of [4, 5]) markFailed(table, k, StateStatus.SGP4_DECAYED);
    const doc = czmlFromStateTable(table, [{ id: 'S1', owner: 'USA' }], { interpolationDegree: 3 });
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/NaN|null/);
    const p = (doc as Packet[]).find((x) => x.id === 'S1')!;
    expect(p.availability).toEqual(['2026-03-01T00:00:00.000000Z/2026-03-01T00:03:00.000000Z', '2026-03-01T00:06:00.000000Z/2026-03-01T00:09:00.000000Z']);
    expect(p.position).toHaveLength(2);
    expect(p.position[1].interval).toBe(p.availability[1]);
    expect(p.position[1].interpolationDegree).toBe(3);
    const second = samplesOf(p.position[1]);
    expect(second).toHaveLength(4);
    expectWithin(second[0].t, table.grid.start + 360, 1e-6, 's', 'first sample after the gap');
  });

  it('czmlTrajectoryPacket: threats and tracks, defaults and bad input', () => {
    const start = parseIsoUtc('2026-03-01T00:00:00Z');
    const times = [start, addSeconds(start, 10), addSeconds(start, 20)];
    const p = czmlTrajectoryPacket({ id: 'T1', kind: 'threat', times, positionsItrf: [6.4e6, 0, 0, 6.41e6, 1e3, 0, 6.42e6, 2e3, 0] }) as Packet;
    expect(p.position.interpolationDegree).toBe(5);
    expect(p.point.color.rgba).toEqual([255, 64, 64, 255]);
    expect(p.position.cartesian).toEqual([0, 6.4e6, 0, 0, 10, 6.41e6, 1e3, 0, 20, 6.42e6, 2e3, 0]);
    const empty = czmlTrajectoryPacket({ id: 'T2', times, positionsItrf: new Float64Array(9).fill(Number.NaN), parent: 'threats' });
    expect(empty).toEqual({ id: 'T2', parent: 'threats' });
    expectInputError(() => czmlTrajectoryPacket({ id: 'T3', times, positionsItrf: [1, 2, 3] }), 'trajectory T3: positionsItrf.length', 'must be 3 * times.length = 9');
    expectInputError(() => czmlTrajectoryPacket({ id: 'T4', times: [times[1], times[0]], positionsItrf: new Float64Array(6) }), 'trajectory T4: times[1]', 'later');
    expectInputError(() => czmlTrajectoryPacket({ id: 'T5', times, positionsItrf: new Float64Array(9), color: [300, 0, 0, 255] }), 'color', '[300,0,0,255]');
    expectInputError(() => czmlTrajectoryPacket({ id: 'T6', times, positionsItrf: new Float64Array(9), interpolationDegree: 0 }), 'interpolationDegree', '0');
    expectInputError(() => czmlTrajectoryPacket({ id: 'T7', times: [start, Number.NaN as Instant], positionsItrf: new Float64Array(6) }), 'times[1]', 'NaN');
  });

  it('refuses satellites not in the table, duplicates and a missing owner', () => {
    const table = circularTable('ITRF', ['S1'], 3);
    expectInputError(() => czmlFromStateTable(table, [{ id: 'S9', owner: 'USA' }]), 'satellites[0].id', '"S9"');
    expectInputError(() => czmlFromStateTable(table, [{ id: 'S1', owner: 'USA' }, { id: 'S1', owner: 'JPN' }]), 'satellites[1].id', 'twice');
    expectInputError(() => czmlFromStateTable(table, [{ id: 'S1', owner: '' }]), 'satellites[0].owner');
    expectInputError(() => czmlFromStateTable(circularTable('TEME', ['S1'], 3) as never, [{ id: 'S1', owner: 'USA' }]), 'table.frame', '"TEME"');
    // Objects without an entry are drawn under UNKNOWN rather than dropped.
    const doc = czmlFromStateTable(table, []) as Packet[];
    expect(doc.find((p) => p.id === 'S1')!.parent).toBe('owner/UNKNOWN');
  });
});
