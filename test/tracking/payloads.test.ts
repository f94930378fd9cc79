import { describe, expect, it } from 'vitest';
import type { Instant } from '../../src/time/instant.ts';
import { TriangulationInitiator } from '../../src/tracking/initiator.ts';
import { SPEED_OF_LIGHT } from '../../src/tracking/measurement.ts';
import { PlatformIndex, platformOf } from '../../src/tracking/platform.ts';
import { simulateAll } from '../../src/tracking/simulation/simulate.ts';
import type { SimSensor } from '../../src/tracking/simulation/sensors.ts';
import { Tracker, trackAll } from '../../src/tracking/tracker.ts';
import type { Report } from '../../src/tracking/types.ts';
import { EPOCH, glide, layer } from './helpers/scenario.ts';

describe('payloads of one platform (sensor ids PLATFORM/PAYLOAD)', () => {
  it('names the platform by the part before the first slash', () => {
    expect(platformOf('US2-03-07/tracking-mwir')).toBe('US2-03-07');
    expect(platformOf('US2-03-07/a/b')).toBe('US2-03-07');
    expect(platformOf('S001')).toBe('S001');
    const index = new PlatformIndex();
    expect(index.indexOf('A/mwir')).toBe(index.indexOf('A/swir'));
    expect(index.indexOf('A')).toBe(index.indexOf('A/mwir'));
    expect(index.indexOf('B/mwir')).not.toBe(index.indexOf('A/mwir'));
  });

  /**
   * Exact lines of sight (light time included) to a target flying straight at 5 km/s, from two
   * points 2,000 km apart taking frames 0.5 s out of phase: a geometry the initiator
   * triangulates within a few frames. Only the sensor ids change between the cases.
   */
  function framesFrom(ids: [string, string]): { t: Instant; reports: Report[] }[] {
    const r0 = [6421e3, 0, 0];
    const v = [0, 5000, 1000];
    const at = (t: number) => r0.map((x, i) => x + v[i] * t);
    const origins = [[6800e3, -1000e3, 2000e3], [6900e3, 1000e3, -1500e3]];
    const frames: { t: Instant; reports: Report[] }[] = [];
    for (let k = 0; k < 8; k++) {
      for (let s = 0; s < 2; s++) {
        const t = 0.5 * k + 0.25 * s;
        const o = origins[s];
        let tau = 0;
        for (let i = 0; i < 3; i++) tau = Math.hypot(...at(t - tau).map((x, j) => x - o[j])) / SPEED_OF_LIGHT;
        const d = at(t - tau).map((x, j) => x - o[j]);
        const n = Math.hypot(d[0], d[1], d[2]);
        const report: Report = {
          id: `${ids[s]}-${k}`, t: (EPOCH + t) as Instant, sensorId: ids[s], sensorPosition: Float64Array.from(o),
          lineOfSight: Float64Array.from(d.map((x) => x / n)), sigma: 20e-6,
        };
        frames.push({ t: report.t, reports: [report] });
      }
    }
    return frames;
  }

  function tracksFrom(ids: [string, string]): number {
    const initiator = new TriangulationInitiator();
    let created = 0;
    for (const frame of framesFrom(ids)) created += initiator.add(frame.reports, frame.t).length;
    return created;
  }

  it('the initiator triangulates two platforms, but not two payload ids that name one platform', () => {
    // Alone (no tracker taking later reports), the initiator starts a track again each time it
    // has enough unclaimed reports: at least one.
    expect(tracksFrom(['A/mwir', 'B/mwir']), 'two satellites').toBeGreaterThan(0);
    expect(tracksFrom(['A', 'B']), 'two satellites, plain ids').toBeGreaterThan(0);
    // The same lines, now claimed by two payloads of satellite A: one viewpoint, no track.
    expect(tracksFrom(['A/mwir', 'A/swir']), 'two payloads of one satellite').toBe(0);
  });

  it('two payloads on one satellite never make a track alone; with a second satellite they do', () => {
    const target = glide('G1', 30, 20, 90, 0, 120);
    const all = layer(1);
    // The two satellites that see the target most.
    const seen = simulateAll({ sensors: all, targets: [target], start: EPOCH, durationS: 40, seed: 5 });
    const count = new Map<string, number>();
    for (const r of seen.reports) count.set(r.sensorId, (count.get(r.sensorId) ?? 0) + 1);
    const [a, b] = [...count.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => all.find((s) => s.sensorId === id)!);
    const payload = (s: SimSensor, name: string, phase: number): SimSensor => ({ ...s, sensorId: `${s.sensorId}/${name}`, phase });
    const onePlatform = [payload(a, 'mwir', 0.1), payload(a, 'swir', 0.6)];
    const alone = simulateAll({ sensors: onePlatform, targets: [target], start: EPOCH, durationS: 40, seed: 6 });
    expect(new Set(alone.reports.map((r) => r.sensorId)).size, 'both payloads report').toBe(2);
    const tracker = new Tracker();
    for (const r of alone.reports) tracker.push(r);
    tracker.finish();
    expect(tracker.stats.tracksCreated, 'tracks from one satellite alone').toBe(0);

    const withSecond = simulateAll({ sensors: [...onePlatform, payload(b, 'mwir', 0.35)], targets: [target], start: EPOCH, durationS: 40, seed: 6 });
    const confirmed = trackAll(withSecond.reports).flatMap((s) => s.tracks).filter((s) => s.status === 'confirmed');
    expect(confirmed.length, 'confirmed track-scans with a second satellite').toBeGreaterThan(10);
  });
});

describe('the benchmark baseline without gating', () => {
  it('makes the gated tracker\'s decisions: same tracks, same reports in them', () => {
    const targets = [glide('G1', 30, 20, 90, 0, 60), glide('G2', 30.05, 20.05, 95, 0, 60), glide('G3', 31, 22, 60, 5, 60)];
    const sim = simulateAll({ sensors: layer(1, { falseAlarms: 1 }), targets, start: EPOCH, durationS: 25, seed: 4 });
    const run = (ungated: boolean) => {
      const tracker = new Tracker();
      tracker.ungated = ungated;
      const used = new Map<string, string>();
      for (const r of sim.reports) for (const scan of tracker.push(r)) for (const s of scan.tracks) for (const id of s.reportIds) used.set(id, s.trackId);
      for (const scan of tracker.finish()) for (const s of scan.tracks) for (const id of s.reportIds) used.set(id, s.trackId);
      return { used, stats: tracker.stats };
    };
    const gated = run(false);
    const baseline = run(true);
    expect(baseline.stats.tracksCreated).toBe(gated.stats.tracksCreated);
    expect(gated.used.size, 'reports in tracks').toBeGreaterThan(300);
    let differ = 0;
    for (const [id, track] of gated.used) if (baseline.used.get(id) !== track) differ++;
    for (const id of baseline.used.keys()) if (!gated.used.has(id)) differ++;
    expect(differ, `reports assigned differently, of ${gated.used.size}`).toBe(0);
  });
});
