import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatMessage, messageFromReport, messageFromTrack, messageFromTruth, parseMessage, readMessageStream, readMessages,
  reportFromMessage, trackFromMessage, truthFromMessage,
} from '../../src/formats/messages.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import type { Report, TrackSnapshot } from '../../src/tracking/types.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

const t0 = parseIsoUtc('2026-03-01T00:00:01.250Z');
const report: Report = {
  id: 'S001-1-0', t: t0, sensorId: 'S001', sensorPosition: new Float64Array([7000e3, 10.5, -3.25]),
  lineOfSight: new Float64Array([0.6, 0.8, 0]), sigma: 5e-5, intensity: 1200,
};

describe('NDJSON messages', () => {
  it('a report round-trips through its message and line', () => {
    const line = formatMessage(messageFromReport(report));
    const back = reportFromMessage(parseMessage(line) as never);
    expect(back.id).toBe(report.id);
    expectWithin(back.t, report.t, 1e-6, 's', 'time');
    expectVectorWithin(back.sensorPosition, report.sensorPosition, 1e-3, 'm', 'sensor position');
    expectVectorWithin(back.lineOfSight, report.lineOfSight, 1e-15, '', 'line of sight');
    expect(back.intensity).toBe(1200);
  });

  it('a track and a truth sample round-trip (property: any finite state)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 6, maxLength: 6 }), (v) => {
        const P = new Float64Array([4, 1, 0, 1, 9, 0, 0, 0, 16]);
        const snap: TrackSnapshot = {
          trackId: 'T1', t: t0, status: 'confirmed', position: Float64Array.from(v.slice(0, 3)), velocity: Float64Array.from(v.slice(3)),
          positionCovariance: P, velocityCovariance: P, classification: 'glide', releasableTo: ['US', 'JP'], reportIds: ['a', 'b'], lastUpdate: t0,
          modeProbabilities: { ballistic: 0.25, glide: 0.75 },
        };
        const back = trackFromMessage(parseMessage(formatMessage(messageFromTrack(snap))) as never);
        expectVectorWithin(back.position, snap.position, 0.01, 'm', 'position');
        expectVectorWithin(back.velocity, snap.velocity, 0.001, 'm/s', 'velocity');
        expect(Array.from(back.positionCovariance)).toEqual(Array.from(P));
        expect(back.releasableTo).toEqual(['US', 'JP']);
        const truth = truthFromMessage(parseMessage(formatMessage(messageFromTruth({ objectId: 'A', t: t0, position: snap.position, velocity: snap.velocity, sensorsInView: 3 }))) as never);
        expectVectorWithin(truth.position, snap.position, 0.001, 'm', 'truth position');
        expect(truth.sensorsInView).toBe(3);
      }),
      { numRuns: 50, seed: 3 },
    );
  });

  it('keeps good lines and rejects bad ones naming the line, the field and the value', () => {
    const good = formatMessage(messageFromReport(report));
    const notUnit = good.replace('[0.6,0.8,0]', '[0.6,0.8,0.1]');
    const badTime = good.replace('2026-03-01T00:00:01.250000Z', '2026-13-01T00:00:00Z');
    const text = [good, 'not json', '', notUnit, '{"type":"radar"}', badTime, good.replace('"sigmaRad":0.00005', '"sigmaRad":-1'), good].join('\n');
    const { messages, rejected } = readMessages(text);
    expect(messages.length).toBe(2);
    expect(rejected.map((r) => r.line)).toEqual([2, 4, 5, 6, 7]);
    expect(rejected[0].error.message).toMatch(/line 2.*not JSON/);
    expect(rejected[1].error.message).toMatch(/line 4: lineOfSightItrf.*unit vector.*0\.6,0\.8,0\.1/);
    expect(rejected[2].error.message).toMatch(/line 5: type.*"radar"/);
    expect(rejected[3].error.message).toMatch(/line 6: timeUtc.*2026-13-01/);
    expect(rejected[4].error.message).toMatch(/line 7: sigmaRad.*-1/);
    const missing = readMessages('{"type":"report","id":"x"}').rejected;
    expect(missing[0].error.message).toMatch(/line 1: \w+: is required/);
  });

  it('reads a stream split at arbitrary byte boundaries with the right line numbers', async () => {
    const good = formatMessage(messageFromReport(report));
    const text = `${good}\n{bad\n${good}\n`;
    const bytes = new TextEncoder().encode(text);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const items = [];
    for await (const item of readMessageStream(chunks())) items.push(item);
    expect(items.length).toBe(3);
    expect('message' in items[0] && items[0].line).toBe(1);
    expect('rejected' in items[1] && items[1].rejected.line).toBe(2);
    expect('message' in items[2] && items[2].line).toBe(3);
  });
});

describe('JSON Schemas in docs/schemas', () => {
  it('are the ones derived from the validating zod schemas (regenerate with messageJsonSchemas() if this fails)', async () => {
    const { readFileSync } = await import('node:fs');
    const { messageJsonSchemas } = await import('../../src/formats/messages.ts');
    for (const [name, schema] of Object.entries(messageJsonSchemas())) {
      const onDisk = JSON.parse(readFileSync(new URL(`../../docs/schemas/${name}.schema.json`, import.meta.url), 'utf8'));
      expect(onDisk, `docs/schemas/${name}.schema.json is stale`).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });
});

describe('simulation to NDJSON', () => {
  it('splits a simulation into report and truth lines that read back', async () => {
    const { simulate } = await import('../../src/tracking/simulation/simulate.ts');
    const { simulationLines } = await import('../../src/formats/messages.ts');
    const { EPOCH, layer, glide } = await import('../tracking/helpers/scenario.ts');
    const lines = [...simulationLines(simulate({ sensors: layer(1, { falseAlarms: 0.2 }), targets: [glide('G1', 30, 20, 90)], start: EPOCH, durationS: 3, seed: 1 }))];
    const reports = readMessages(lines.filter((l) => l.stream === 'reports').map((l) => l.line).join('\n'));
    const truth = readMessages(lines.filter((l) => l.stream === 'truth').map((l) => l.line).join('\n'));
    expect(reports.rejected).toEqual([]);
    expect(truth.rejected).toEqual([]);
    expect(reports.messages.every((m) => m.type === 'report')).toBe(true);
    expect(truth.messages.length, "truth at 0, 1, 2 and 3 s (the end is included)").toBe(4);
    expect(reports.messages.length).toBeGreaterThan(10);
  });
});
