import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register as registerScore, runScore } from '../../src/cli/commands/score.ts';
import { register as registerTrack, runTrack } from '../../src/cli/commands/track.ts';
import { formatMessage, messageFromReport, messageFromTruth } from '../../src/formats/messages.ts';
import { simulateAll } from '../../src/tracking/simulation/simulate.ts';
import { EPOCH, ballistic, glide, layer } from './helpers/scenario.ts';

describe('tracklayer track and score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracklayer-track-'));
  const sim = simulateAll({ sensors: layer(1, { falseAlarms: 0.5 }), targets: [glide('G1', 30, 20, 90), ballistic('B1', 33, 20, 45)], start: EPOCH, durationS: 40, seed: 2 });
  const reportsPath = join(dir, 'reports.ndjson');
  const truthPath = join(dir, 'truth.ndjson');
  const lines = sim.reports.map((r) => formatMessage(messageFromReport(r)));
  lines.splice(5, 0, '{"type":"report","id":"x"}');
  writeFileSync(reportsPath, `${lines.join('\n')}\n`);
  writeFileSync(truthPath, `${sim.truth.map((s) => formatMessage(messageFromTruth(s))).join('\n')}\n`);

  it('tracks a report file into a track file, skipping a bad line with its number', async () => {
    const out = join(dir, 'tracks.ndjson');
    const warnings: string[] = [];
    const result = await runTrack({ reports: reportsPath, out }, { stderr: (s) => warnings.push(s) });
    expect(result.reports).toBe(sim.reports.length);
    expect(result.rejected).toBe(1);
    expect(warnings.join('')).toMatch(/line 6: timeUtc/);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n').filter((l) => l.includes('"confirmed"')).length).toBeGreaterThan(50);
    const { score, text: table } = runScore({ tracks: out, truth: truthPath });
    expect(score.custody).toBeGreaterThan(0.9);
    expect(score.falseTracks).toBe(0);
    expect(table).toMatch(/custody \(%\)/);
    const json = JSON.parse(runScore({ tracks: out, truth: truthPath, json: true }).text);
    expect(json.custody).toBeCloseTo(score.custody, 12);
  });

  it('works as a pipe: stdin to stdout', async () => {
    async function* stdin() {
      yield readFileSync(reportsPath);
    }
    const chunks: string[] = [];
    const stdout = new Writable({ write(chunk, _enc, cb) { chunks.push(String(chunk)); cb(); } });
    await runTrack({}, { stdin: stdin(), stdout, stderr: () => {} });
    expect(chunks.join('').split('\n').filter((l) => l.startsWith('{"type":"track"')).length).toBeGreaterThan(50);
  });

  it('reads a YAML configuration and rejects bad input naming the field and value', async () => {
    const cfg = join(dir, 'tracker.yaml');
    writeFileSync(cfg, 'association: jpda\nmaxCoastS: 30\n');
    const out = join(dir, 'tracks-jpda.ndjson');
    await runTrack({ reports: reportsPath, out, config: cfg }, { stderr: () => {} });
    expect(readFileSync(out, 'utf8').length).toBeGreaterThan(0);
    writeFileSync(cfg, 'association: nearest\n');
    await expect(runTrack({ reports: reportsPath, out, config: cfg }, { stderr: () => {} })).rejects.toThrow(/config\.association.*nearest/);
    await expect(runTrack({ reports: join(dir, 'missing.ndjson'), out }, { stderr: () => {} })).rejects.toThrow(/--reports.*missing\.ndjson/);
    expect(() => runScore({ tracks: out, truth: join(dir, 'nope.ndjson') })).toThrow(/--truth.*nope\.ndjson/);
    expect(() => runScore({ tracks: out, truth: truthPath, cutoffKm: '-3' })).toThrow(/--cutoff-km.*-3/);
  });

  it('registers both commands with commander', () => {
    const program = new Command();
    registerTrack(program);
    registerScore(program);
    expect(program.commands.map((c) => c.name()).sort()).toEqual(['score', 'track']);
  });
});
