import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runScenarioFile } from '../../src/cli/commands/run.ts';
import { loadLandOutlines } from '../../src/coverage/coastlines.ts';
import { main } from '../../src/cli/main.ts';
import type { RunResult } from '../../src/scenario/run/run.ts';

const QUICK = 'scenarios/quick.yaml';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');

describe('tracklayer run, end to end (the quick scenario)', () => {
  const outA = mkdtempSync(join(tmpdir(), 'tracklayer-run-a-'));
  const outB = mkdtempSync(join(tmpdir(), 'tracklayer-run-b-'));
  let result: RunResult;

  beforeAll(async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const coastlines = await loadLandOutlines();
    result = runScenarioFile(QUICK, { out: outA, quiet: true }, coastlines);
    runScenarioFile(QUICK, { out: outB, quiet: true }, coastlines);
    vi.restoreAllMocks();
  }, 240_000);

  it('writes every output file', () => {
    for (const name of ['summary.json', 'report.html', 'scenario.czml', 'reports.ndjson', 'truth.ndjson', 'tracks.ndjson', 'oem/US-T1-tracking.oem', 'oem/JP-HGV-tracking.oem']) {
      expect(existsSync(join(outA, name)), name).toBe(true);
      expect(statSync(join(outA, name)).size, name).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same scenario and seed give byte-identical summary and NDJSON files', () => {
    for (const name of ['reports.ndjson', 'truth.ndjson', 'tracks.ndjson', 'scenario.czml']) {
      expect(hash(readFileSync(join(outB, name), 'utf8')), name).toBe(hash(readFileSync(join(outA, name), 'utf8')));
    }
    // summary.json holds the stage timings, which are wall times: compare everything else.
    const strip = (text: string) => JSON.stringify({ ...JSON.parse(text), timingS: null });
    expect(strip(readFileSync(join(outB, 'summary.json'), 'utf8'))).toBe(strip(readFileSync(join(outA, 'summary.json'), 'utf8')));
  });

  it('flies every threat to where it was aimed', () => {
    expect(result.summary.threats.length).toBe(2);
    for (const t of result.summary.threats) expect(t.impactErrorM, t.id).toBeLessThan(1000);
  });

  it('counts some detectable time for each threat, none outside its flight', () => {
    for (const t of result.summary.threats) {
      const detectable = t.secondsDetectableBy2Plus ?? Number.NaN;
      expect(detectable, t.id).toBeGreaterThan(0);
      expect(detectable, t.id).toBeLessThanOrEqual(t.flightTimeS + 1);
    }
  });

  it('says how long reports wait for a ground station without crosslinks, sharing stations never worse', () => {
    const rows = result.summary.downlink ?? [];
    const keys = rows.map((r) => `${r.view}/${r.stations}`);
    for (const view of ['combined', 'USA', 'JPN']) expect(keys).toEqual(expect.arrayContaining([`${view}/own`, `${view}/allied`]));
    for (const r of rows) {
      for (const p of [r.inContactPercent, r.undeliveredPercent]) expect([p >= 0, p <= 100]).toEqual([true, true]);
      for (const d of [r.medianDelayS, r.p95DelayS, r.maxDelayS]) if (d !== null) expect(d).toBeGreaterThanOrEqual(0);
    }
    for (const own of rows.filter((r) => r.stations === 'own')) {
      const allied = rows.find((r) => r.view === own.view && r.stations === 'allied')!;
      expect(allied.reports).toBe(own.reports);
      expect(allied.inContactPercent).toBeGreaterThanOrEqual(own.inContactPercent);
      expect(allied.undeliveredPercent).toBeLessThanOrEqual(own.undeliveredPercent);
    }
    expect(readFileSync(join(outA, 'report.html'), 'utf8')).toContain('<section id="downlink">');
    // The maps carry coastlines, one outline per map (the page prefixes its ids).
    const maps = readFileSync(join(outA, 'report.html'), 'utf8').match(/<path id="[^"]*-coast" d="M/g) ?? [];
    expect(maps.length).toBe(result.report.maps.length);
  });

  it('keeps coverage in [0, 100] % with the combined figure at least each nation alone', () => {
    for (const row of result.summary.coverage) {
      for (const f of row.folds) {
        expect(f.meanPercentCovered).toBeGreaterThanOrEqual(0);
        expect(f.meanPercentCovered).toBeLessThanOrEqual(100);
      }
    }
    const combined = result.summary.coverage.filter((r) => r.view === 'combined');
    for (const c of combined) {
      for (const alone of result.summary.coverage.filter((r) => r.region === c.region && r.altitudeKm === c.altitudeKm && r.view !== 'combined')) {
        c.folds.forEach((f, i) => expect(f.meanPercentCovered + 1e-9).toBeGreaterThanOrEqual(alone.folds[i].meanPercentCovered));
      }
    }
  });

  it('makes a confirmed track for every threat detected by two or more satellites at once', () => {
    const reports = readFileSync(join(outA, 'reports.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { sensorId: string; timeUtc: string; lineOfSightItrf: number[]; sensorPositionItrfM: number[] });
    const truth = readFileSync(join(outA, 'truth.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { objectId: string; timeUtc: string; positionItrfM: number[] });
    const tracks = readFileSync(join(outA, 'tracks.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { status: string; timeUtc: string; positionItrfM: number[] });
    // A report belongs to a threat when its line of sight passes within 5 km of the threat's truth that second.
    const truthAt = new Map(truth.map((s) => [`${s.objectId}@${s.timeUtc.slice(0, 19)}`, s.positionItrfM]));
    for (const threat of result.summary.threats) {
      const sensorsBySecond = new Map<string, Set<string>>();
      for (const r of reports) {
        const p = truthAt.get(`${threat.id}@${r.timeUtc.slice(0, 19)}`);
        if (!p) continue;
        const d = [p[0] - r.sensorPositionItrfM[0], p[1] - r.sensorPositionItrfM[1], p[2] - r.sensorPositionItrfM[2]];
        const along = d[0] * r.lineOfSightItrf[0] + d[1] * r.lineOfSightItrf[1] + d[2] * r.lineOfSightItrf[2];
        const miss = Math.sqrt(Math.max(0, d[0] ** 2 + d[1] ** 2 + d[2] ** 2 - along ** 2));
        if (miss > 5000) continue;
        const key = r.timeUtc.slice(0, 19);
        const set = sensorsBySecond.get(key) ?? new Set<string>();
        // Satellites, not payloads: PLATFORM/PAYLOAD ids of one satellite are one viewpoint.
        set.add(r.sensorId.split('/')[0]);
        sensorsBySecond.set(key, set);
      }
      const stereo = [...sensorsBySecond.values()].some((s) => s.size >= 2);
      if (!stereo) continue;
      const held = tracks.some((t) => {
        if (t.status !== 'confirmed') return false;
        const p = truthAt.get(`${threat.id}@${t.timeUtc.slice(0, 19)}`);
        return p !== undefined && Math.hypot(p[0] - t.positionItrfM[0], p[1] - t.positionItrfM[1], p[2] - t.positionItrfM[2]) < 10_000;
      });
      expect(held, `a confirmed track within 10 km of ${threat.id}`).toBe(true);
    }
  });

  it('refuses a broken scenario with every problem at its path and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tracklayer-bad-')), 'out');
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    const bad = join(mkdtempSync(join(tmpdir(), 'tracklayer-badfile-')), 'bad.yaml');
    const text = readFileSync(QUICK, 'utf8').replace('altitudeKm: 1200', 'altitudeKm: 90').replace('seed: 7', 'seed: -3');
    (await import('node:fs')).writeFileSync(bad, text);
    const code = await main(['run', bad, '--out', out, '--quiet']);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(stderr).toMatch(/constellations\[0\]\.altitudeKm.*90/);
    expect(stderr).toMatch(/seed.*-3/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes a report that opens in headless Chromium with its plots', () => {
    const chromium = '/usr/bin/chromium';
    if (!existsSync(chromium)) spawnSync('sh', ['scripts/install-chromium.sh'], { stdio: 'ignore' });
    if (!existsSync(chromium)) {
      console.warn('skipped: /usr/bin/chromium is missing and scripts/install-chromium.sh could not install it');
      return;
    }
    const html = readFileSync(join(outA, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    const shot = join(outA, 'report.png');
    const run = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'chromium-'))}`, '--dump-dom', `--screenshot=${shot}`, '--window-size=1280,2400', pathToFileURL(join(outA, 'report.html')).href], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const dom = run.stdout;
    expect((dom.match(/<svg/g) ?? []).length).toBeGreaterThan(4);
    expect(dom).toContain('Tracking');
    expect(statSync(shot).size).toBeGreaterThan(50_000);
  });
});
