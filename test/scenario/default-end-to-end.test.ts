import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runScenarioFile } from '../../src/cli/commands/run.ts';
import type { RunResult } from '../../src/scenario/run/run.ts';

// `npm start`'s own scenario, end to end, judged by physics rather than by remembered figures.
describe('the default scenario, end to end', () => {
  const out = mkdtempSync(join(tmpdir(), 'tracklayer-default-'));
  let result: RunResult;

  beforeAll(() => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    result = runScenarioFile('scenarios/default.yaml', { out, quiet: true });
    vi.restoreAllMocks();
  }, 300_000);

  it('flies all eleven threats to within a kilometre of their aim points, inside the hour', () => {
    expect(result.summary.threats.length).toBe(11);
    for (const t of result.summary.threats) {
      expect(t.impactErrorM, t.id).toBeLessThan(1000);
      expect(t.flightTimeS, t.id).toBeLessThan(3600);
    }
  });

  it('keeps every coverage figure in [0, 100] % and the combined layer at least each nation alone', () => {
    for (const row of result.summary.coverage) {
      for (const f of row.folds) expect([f.meanPercentCovered >= 0, f.meanPercentCovered <= 100], `${row.region} ${row.view}`).toEqual([true, true]);
      expect(row.meanPercentStereo).toBeLessThanOrEqual(row.folds.find((f) => f.fold === 2)!.meanPercentCovered + 1e-9);
    }
    for (const c of result.summary.coverage.filter((r) => r.view === 'combined')) {
      for (const alone of result.summary.coverage.filter((r) => r.region === c.region && r.altitudeKm === c.altitudeKm && r.view !== 'combined')) {
        c.folds.forEach((f, i) => expect(f.meanPercentCovered + 1e-9, `${c.region} ${alone.view}`).toBeGreaterThanOrEqual(alone.folds[i].meanPercentCovered));
      }
    }
  });

  it('puts a confirmed track on every threat that two satellites can detect at once', () => {
    const truth = readFileSync(join(out, 'truth.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { objectId: string; timeUtc: string; positionItrfM: number[]; sensorsInView?: number });
    const tracks = readFileSync(join(out, 'tracks.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { status: string; timeUtc: string; positionItrfM: number[] });
    const confirmedAt = new Map<string, number[][]>();
    for (const t of tracks) {
      if (t.status !== 'confirmed') continue;
      const list = confirmedAt.get(t.timeUtc) ?? [];
      list.push(t.positionItrfM);
      confirmedAt.set(t.timeUtc, list);
    }
    for (const threat of result.summary.threats) {
      const samples = truth.filter((s) => s.objectId === threat.id);
      expect(samples.some((s) => (s.sensorsInView ?? 0) >= 2), `${threat.id} detectable by two`).toBe(true);
      const held = samples.some((s) => (confirmedAt.get(s.timeUtc) ?? []).some((p) => Math.hypot(p[0] - s.positionItrfM[0], p[1] - s.positionItrfM[1], p[2] - s.positionItrfM[2]) < 10_000));
      expect(held, `a confirmed track within 10 km of ${threat.id}`).toBe(true);
    }
  });

  it('answers the additivity question for both nations with consistent arithmetic', () => {
    const rows = result.summary.additivity;
    for (const nation of ['USA', 'JPN']) expect(rows.some((r) => r.nation === nation && r.figure === 'custody %')).toBe(true);
    for (const r of rows) expect(r.marginal, `${r.nation} ${r.figure}`).toBeCloseTo(r.combined - r.others, 6);
  });
});
