import { describe, expect, it } from 'vitest';
import { formatMessage, messageFromTrack } from '../../src/formats/messages.ts';
import { itrfToGeodetic } from '../../src/frames/geodetic.ts';
import { trackerConfigFromFile } from '../../src/tracking/config.ts';
import { scoreTracks } from '../../src/tracking/metrics/score.ts';
import { simulateAll } from '../../src/tracking/simulation/simulate.ts';
import type { SampledTarget } from '../../src/tracking/simulation/targets.ts';
import { type ScanOutput, Tracker, trackAll } from '../../src/tracking/tracker.ts';
import type { TrackSnapshot } from '../../src/tracking/types.ts';
import { EPOCH, ballistic, glide, layer } from './helpers/scenario.ts';

const snapshots = (scans: ScanOutput[]) => scans.flatMap((s) => s.tracks);

const raidTargets = () => [
  glide('G1', 30, 20, 90), glide('G2', 31, 22, 60), glide('G3', 29, 24, 120),
  ballistic('B1', 33, 20, 45), ballistic('B2', 35, 23, 30), ballistic('B3', 28, 18, 70),
];

describe('streaming tracker', () => {
  const sensors = layer(1, { falseAlarms: 1 });
  const sim = simulateAll({ sensors, targets: raidTargets(), start: EPOCH, durationS: 90, seed: 3 });

  it('tracks a small raid with false alarms: custody, no false tracks, no id switches, quick confirmation, consistent', () => {
    const scans = trackAll(sim.reports);
    const score = scoreTracks(snapshots(scans), sim.truth);
    const where = JSON.stringify({ ...score, objects: undefined });
    expect(score.custody, where).toBeGreaterThan(0.95);
    expect(score.falseTracks, where).toBe(0);
    expect(score.idSwitches, where).toBe(0);
    expect(score.maxTimeToConfirmed, where).toBeLessThanOrEqual(3);
    expect(score.meanNees, where).toBeGreaterThan(1);
    expect(score.meanNees, where).toBeLessThan(6);
    expect(score.positionRmse, where).toBeLessThan(300);
    expect(score.fireControlFraction, where).toBeGreaterThan(0.9);
  });

  it('emits a picture at every whole second, with every live track in it', () => {
    const scans = trackAll(sim.reports);
    for (let k = 1; k < scans.length; k++) expect(scans[k].t - scans[k - 1].t).toBeCloseTo(1, 9);
    const confirmedIds = new Set<string>();
    for (const scan of scans.slice(10)) {
      const ids = new Set(scan.tracks.filter((t) => t.status === 'confirmed').map((t) => t.trackId));
      for (const id of confirmedIds) if (!ids.has(id)) expect(scan.tracks.some((t) => t.trackId === id && t.status === 'deleted'), `track ${id} vanished at ${scan.t - EPOCH} s without a deletion`).toBe(true);
      for (const id of ids) confirmedIds.add(id);
      for (const t of scan.tracks) if (t.status === 'deleted') confirmedIds.delete(t.trackId);
    }
  });

  it('gives identical output for identical input and seed', () => {
    const again = simulateAll({ sensors: layer(1, { falseAlarms: 1 }), targets: raidTargets(), start: EPOCH, durationS: 30, seed: 3 });
    const first = simulateAll({ sensors, targets: raidTargets(), start: EPOCH, durationS: 30, seed: 3 });
    expect(again.reports.length).toBe(first.reports.length);
    const text = (r: typeof first.reports) => snapshots(trackAll(r)).map((s) => formatMessage(messageFromTrack(s))).join('\n');
    expect(text(again.reports)).toBe(text(first.reports));
  });

  it('keeps bounded state: tracks end after their targets and the initiator holds only its window', () => {
    const targets = [glide('G1', 30, 20, 90, 0, 30), glide('G2', 31, 22, 60, 0, 30)];
    const short = simulateAll({ sensors: layer(1, { falseAlarms: 1 }), targets, start: EPOCH, durationS: 60, seed: 8 });
    const tracker = new Tracker({ maxCoast: 10 });
    let maxBuffered = 0;
    for (const r of short.reports) {
      tracker.push(r);
      maxBuffered = Math.max(maxBuffered, tracker.bufferedReports);
    }
    tracker.finish();
    expect(tracker.liveTracks, 'live tracks 20 s after the last target ended').toBe(0);
    // Three seconds of false alarms (82 sensors, one per frame) and unclaimed reports, with margin.
    expect(maxBuffered).toBeLessThan(600);
  });

  it('runs with JPDA, with the UKF, and with a three-mode IMM as well', () => {
    const short = sim.reports.filter((r) => r.t < EPOCH + 40);
    const truth = sim.truth.filter((s) => s.t < EPOCH + 40);
    for (const config of [{ association: 'jpda' as const }, { filter: 'ukf' as const }, { models: ['ballistic' as const, 'glide' as const, 'nca' as const], sojourn: [60, 60, 30] }]) {
      const score = scoreTracks(snapshots(trackAll(short, config)), truth);
      const where = `${JSON.stringify(config)}: ${JSON.stringify({ ...score, objects: undefined })}`;
      expect(score.custody, where).toBeGreaterThan(0.9);
      expect(score.falseTracks, where).toBe(0);
      expect(score.idSwitches, where).toBe(0);
    }
  });

  it('classifies ballistic and glide targets from kinematics alone', () => {
    const scans = trackAll(sim.reports);
    const score = scoreTracks(snapshots(scans), sim.truth);
    const late = snapshots(scans).filter((s) => s.status === 'confirmed' && s.t > EPOCH + 40);
    for (const object of score.objects) {
      const mine = late.filter((s) => object.trackIds.includes(s.trackId));
      const wanted = object.objectId.startsWith('B') ? 'ballistic' : 'glide';
      const right = mine.filter((s) => s.classification === wanted).length;
      expect(right / mine.length, `${object.objectId}: ${right} of ${mine.length} scans labelled ${wanted}`).toBeGreaterThan(0.7);
    }
  });
});

describe('continuity, crossing targets and impact', () => {
  it('keeps the id of a ballistic track through a 20 s coverage gap', () => {
    const sensors = layer(2);
    const sim = simulateAll({ sensors, targets: [ballistic('B1', 33, 20, 45)], start: EPOCH, durationS: 90, seed: 4 });
    const reports = sim.reports.filter((r) => !(r.t >= EPOCH + 40 && r.t < EPOCH + 60));
    const score = scoreTracks(snapshots(trackAll(reports)), sim.truth);
    expect(score.objects[0].trackIds.length, `track ids ${score.objects[0].trackIds}`).toBe(1);
    expect(score.idSwitches).toBe(0);
  });

  for (const [label, separation, allowed] of [['2 km', 2e3, 0], ['300 m', 300, 1]] as const) {
    it(`crossing glide vehicles ${label} apart: id swaps stay within ${allowed}`, () => {
      // G1 flies east along 30 N; G2 north along 21 E, timed to cross at about 17.5 s, `separation` higher.
      const targets = [glide('G1', 30, 20, 90, 0, 60, 0), glide('G2', 29.135, 21, 0, 0, 60, 0, 45e3 + separation)];
      const sim = simulateAll({ sensors: layer(3), targets, start: EPOCH, durationS: 45, seed: 5 });
      const a = (targets[0] as SampledTarget).stateAt((EPOCH + 17.5) as never)!;
      const b = (targets[1] as SampledTarget).stateAt((EPOCH + 17.5) as never)!;
      const miss = Math.hypot(a.r[0] - b.r[0], a.r[1] - b.r[1], a.r[2] - b.r[2]);
      expect(miss, 'the scenario crosses close').toBeLessThan(30e3);
      const score = scoreTracks(snapshots(trackAll(sim.reports)), sim.truth);
      expect(score.custody, 'both targets are tracked').toBeGreaterThan(0.9);
      expect(score.idSwitches, `id switches ${score.idSwitches} (closest approach ${(miss / 1000).toFixed(1)} km at 17.5 s)`).toBeLessThanOrEqual(allowed);
      if (process.env.TRACKLAYER_REPORT) console.log(`crossing ${label}: closest approach ${(miss / 1000).toFixed(2)} km, id switches ${score.idSwitches}`);
      expect(score.falseTracks).toBe(0);
    });
  }

  it('predicts the impact point of a ballistic track within its uncertainty', () => {
    // No drag (huge ballistic coefficient), so the truth ends where the prediction aims.
    const target = ballistic('B1', 33, 20, 45, 0, 1e12) as SampledTarget;
    const sim = simulateAll({ sensors: layer(2), targets: [target], start: EPOCH, durationS: 60, seed: 6 });
    const scans = trackAll(sim.reports);
    const withImpact = snapshots(scans).filter((s): s is TrackSnapshot & { impact: NonNullable<TrackSnapshot['impact']> } => s.status === 'confirmed' && s.impact !== undefined);
    expect(withImpact.length).toBeGreaterThan(0);
    const last = withImpact[withImpact.length - 1];
    // True impact: where the sampled truth crosses the ellipsoid (last samples, linear in height).
    const n = target.samples.length / 6;
    const p = target.samples.subarray((n - 2) * 6, (n - 2) * 6 + 3);
    const q = target.samples.subarray((n - 1) * 6, (n - 1) * 6 + 3);
    const hp = itrfToGeodetic(p[0], p[1], p[2]).height;
    const hq = itrfToGeodetic(q[0], q[1], q[2]).height;
    const f = hp / (hp - hq);
    const impact = [0, 1, 2].map((i) => p[i] + f * (q[i] - p[i]));
    const miss = Math.hypot(impact[0] - last.impact.position[0], impact[1] - last.impact.position[1], impact[2] - last.impact.position[2]);
    const sigma = Math.sqrt(last.impact.positionCovariance[0] + last.impact.positionCovariance[4] + last.impact.positionCovariance[8]);
    expect(miss, `impact miss ${(miss / 1000).toFixed(2)} km, one-sigma ${(sigma / 1000).toFixed(2)} km`).toBeLessThan(4 * sigma + 300);
  });
});

describe('tracker configuration', () => {
  it('rejects bad settings naming the key and the value', () => {
    expect(() => trackerConfigFromFile({ gateProbability: 2 })).toThrow(/config\.gateProbability.*2/);
    expect(() => trackerConfigFromFile({ models: ['kepler'] })).toThrow(/config\.models\.0.*kepler/);
    expect(() => trackerConfigFromFile({ initiator: { minReports: 2 } })).toThrow(/config\.initiator\.minReports.*2/);
    expect(() => trackerConfigFromFile({ scanPeriodS: 1, colour: 'red' })).toThrow(/config.*colour/);
    expect(() => trackerConfigFromFile({ models: ['ballistic'], sojournS: [1, 2] })).toThrow(/config\.sojournS/);
  });

  it('refuses malformed reports naming the report, the field and the value', () => {
    const good = { id: 'r1', t: EPOCH, sensorId: 'S1', sensorPosition: new Float64Array([7e6, 0, 0]), lineOfSight: new Float64Array([-1, 0, 0]), sigma: 5e-5 };
    const tracker = new Tracker();
    expect(() => tracker.push({ ...good, lineOfSight: new Float64Array([-1, 0.5, 0]) })).toThrow(/report r1: lineOfSight.*-1,0\.5,0/);
    expect(() => tracker.push({ ...good, sigma: 0 })).toThrow(/report r1: sigma.*0/);
    expect(() => tracker.push({ ...good, sensorPosition: new Float64Array([Number.NaN, 0, 0]) })).toThrow(/report r1: sensorPosition.*null/);
    expect(() => tracker.push({ ...good, t: Number.NaN as never })).toThrow(/report r1: t.*NaN/);
    expect(() => tracker.push(good)).not.toThrow();
  });

  it('drops reports older than what it has processed and counts them', () => {
    const sim = simulateAll({ sensors: layer(1), targets: [glide('G1', 30, 20, 90)], start: EPOCH, durationS: 5, seed: 1 });
    const tracker = new Tracker();
    for (const r of sim.reports) tracker.push(r);
    tracker.push(sim.reports[0]);
    expect(tracker.stats.lateReportsDropped).toBe(1);
  });
});
