import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register, runThreat } from '../../src/cli/commands/threat.ts';
import { stateVector } from '../../src/frames/types.ts';
import { itrfToTeme } from '../../src/frames/teme-itrf.ts';
import { InputError } from '../../src/math/errors.ts';
import {
  BAND_2_7_UM,
  PHASES,
  THREAT_CSV_COLUMNS,
  flyThreat,
  radiantIntensityToward,
  sampleTrajectory,
  threatCsv,
  threatPreset,
  threatTruthNdjson,
} from '../../src/threats/index.ts';
import { addSeconds, type Instant } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

const DEG = Math.PI / 180;
const T0 = parseIsoUtc('2026-03-01T06:00:00Z');
const traj = flyThreat(threatPreset('srbm'), { launch: { lat: 33 * DEG, lon: 44 * DEG }, aim: { lat: 31.5 * DEG, lon: 46 * DEG }, launchTime: T0, id: 'srbm-1' });
const series = sampleTrajectory(traj, { step: 2 });

describe('the sampled time series', () => {
  it('runs from launch to impact on the step asked for, with the impact as its last row', () => {
    expect(series.time[0]).toBe(T0);
    expect(series.secondsSinceLaunch[1]).toBe(2);
    expectWithin(series.secondsSinceLaunch[series.count - 1], traj.events.impact, 0, 's', 'last row');
    expectWithin(series.altitude[series.count - 1], 0, 0.01, 'm', 'height at impact');
    for (const col of [series.itrf.x, series.teme.vz, series.mach, series.radiantIntensity]) expect(col.length).toBe(series.count);
  });

  it('gives TEME states that are the ITRF states rotated (checked through the frames API)', () => {
    for (const k of [0, 40, series.count - 1]) {
      const teme = itrfToTeme(stateVector('ITRF', series.time[k] as Instant, [series.itrf.x[k], series.itrf.y[k], series.itrf.z[k]], [series.itrf.vx[k], series.itrf.vy[k], series.itrf.vz[k]]));
      expectVectorWithin([series.teme.x[k], series.teme.y[k], series.teme.z[k]], teme.r, 1e-6, 'm', `TEME position row ${k}`);
      expectVectorWithin([series.teme.vx[k], series.teme.vy[k], series.teme.vz[k]], teme.v, 1e-9, 'm/s', `TEME velocity row ${k}`);
    }
  });

  it('labels phases in flight order and sees the plume only in boost', () => {
    const seen = [...new Set(Array.from(series.phase))].map((p) => PHASES[p]);
    // Re-entry is labelled from the 100 km crossing down; a 250 km SRBM may peak below it.
    expect(seen).toEqual(traj.summary.apogee > 100_000 ? ['boost', 'coast', 'reentry'] : ['boost', 'coast']);
    const boostRow = 10;
    expect(PHASES[series.phase[boostRow]]).toBe('boost');
    expect(series.radiantIntensity[boostRow]).toBeGreaterThan(1000);
  });

  it('reports Mach and dynamic pressure consistent with speed and the atmosphere', () => {
    const k = series.count - 5;
    expect(series.mach[k]).toBeGreaterThan(2);
    expect(series.dynamicPressure[k]).toBeGreaterThan(1e4);
    expect(series.noseTemperature[k]).toBeGreaterThan(series.skinTemperature[k]);
  });

  it('gives an intensity toward any observer', () => {
    const t = addSeconds(T0, 30);
    const p = new Float64Array(6);
    traj.dense.evaluate(30, p, 0, 6);
    const above = radiantIntensityToward(traj, t, [p[0] * 1.2, p[1] * 1.2, p[2] * 1.2], BAND_2_7_UM);
    expect(above).toBeGreaterThan(0);
    expect(() => radiantIntensityToward(traj, addSeconds(T0, -1), [0, 0, 7e6])).toThrow(InputError);
  });
});

describe('exports', () => {
  it('writes CSV with unit-named columns, one row per sample', () => {
    const lines = threatCsv(series).trim().split('\n');
    expect(lines[0].split(',')).toEqual([...THREAT_CSV_COLUMNS]);
    expect(lines.length).toBe(series.count + 1);
    const row = lines[1].split(',');
    expect(row[0]).toBe('2026-03-01T06:00:00.000Z');
    expect(row[2]).toBe('boost');
    expectWithin(Number(row[3]), series.itrf.x[0], 0.001, 'm', 'x in CSV');
  });

  it('writes NDJSON truth messages with exactly the tracking format keys', () => {
    const lines = threatTruthNdjson(series).trim().split('\n');
    expect(lines.length).toBe(series.count);
    const m = JSON.parse(lines[3]);
    expect(Object.keys(m)).toEqual(['type', 'objectId', 'timeUtc', 'positionItrfM', 'velocityItrfMps']);
    expect(m.type).toBe('truth');
    expect(m.objectId).toBe('srbm-1');
    expect(parseIsoUtc(m.timeUtc)).toBeCloseTo(series.time[3], 3);
    expectVectorWithin(m.positionItrfM, [series.itrf.x[3], series.itrf.y[3], series.itrf.z[3]], 0.001, 'm', 'position');
  });
});

describe('tracklayer threat', () => {
  const capture = async (args: string[]): Promise<string> => {
    const program = new Command().exitOverride();
    register(program);
    const chunks: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => {
      chunks.push(String(s));
      return true;
    }) as typeof process.stdout.write;
    try {
      await program.parseAsync(args, { from: 'user' });
    } finally {
      process.stdout.write = original;
    }
    return chunks.join('');
  };

  it('--list shows every preset', async () => {
    const out = await capture(['threat', '--list']);
    for (const name of ['srbm', 'mrbm', 'irbm', 'icbm', 'htv-2', 'df-17', 'cav-h']) expect(out).toContain(name);
  });

  it('--json prints one object with the summary keys, and the flight hits its aim', async () => {
    const out = await capture(['threat', '--preset', 'mrbm', '--launch', '39,125', '--aim', '35.7,139.7', '--json']);
    const s = JSON.parse(out);
    for (const key of ['rangeKm', 'flightTimeS', 'apogeeKm', 'maxSpeedMps', 'impactErrorM']) expect(typeof s[key]).toBe('number');
    expect(s.impactErrorM).toBeLessThan(1000);
    expectWithin(s.rangeKm, 1300, 100, 'km', 'range');
    expect(s.launchTimeUtc).toBe('2026-01-01T00:00:00.000Z');
  });

  it('--format ndjson --out writes the truth file and prints the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracklayer-threat-'));
    const file = join(dir, 'truth.ndjson');
    const out = await capture(['threat', '--preset', 'srbm', '--launch', '33,44', '--aim', '31.5,46', '--launch-time', '2026-03-01T06:00:00Z', '--format', 'ndjson', '--out', file, '--step-s', '5']);
    expect(out).toContain('srbm (ballistic, min-energy)');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]).timeUtc).toBe('2026-03-01T06:00:00.000Z');
  });

  it('--format czml builds a CZML document through src/formats/czml.ts', () => {
    const r = runThreat({ preset: 'srbm', launch: '33,44', aim: '31.5,46', format: 'czml' });
    const doc = JSON.parse(r.data as string);
    expect(doc[0].id).toBe('document');
    expect(doc.some((p: { id: string }) => p.id === 'threat/srbm')).toBe(true);
  });

  it('names the option and value on bad input', () => {
    expect(() => runThreat({ preset: 'srbm', launch: '95,0', aim: '0,0' })).toThrow(/--launch: .*got "95,0"/);
    expect(() => runThreat({ preset: 'nope', launch: '0,0', aim: '1,1' })).toThrow(/--preset: .*got "nope"/);
    expect(() => runThreat({ preset: 'srbm', launch: '0,0', aim: '1,1', profile: 'up' })).toThrow(/--profile: .*got "up"/);
    expect(() => runThreat({ preset: 'srbm', launch: '0,0', aim: '1,1', format: 'kml' })).toThrow(/--format: .*got "kml"/);
    expect(() => runThreat({ preset: 'srbm', launch: '0,0', aim: '1,1', apogeeKm: 100 })).toThrow(/--apogee-km: needs --profile/);
    expect(() => runThreat({ preset: 'srbm', launch: '0,0', aim: '20,20' })).toThrow(/aim: is beyond the reach of srbm/);
    expect(() => runThreat({ preset: 'srbm', launch: '0,0', aim: '1,1', launchTime: 'yesterday' })).toThrow(/--launch-time: .*got "yesterday"/);
  });
});
