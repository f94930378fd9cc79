/**
 * Simulated sensor reports from the digital twin: each sensor takes frames at its own period
 * and phase; in each frame every target it can see is detected with its probability of
 * detection, its line of sight (light time included) perturbed by seeded Gaussian angular
 * noise in two perpendicular axes; false alarms arrive as a Poisson count. Output is in time
 * order, in one-second blocks, with truth samples at the scan times, so it streams.
 */
import { Random } from '../../math/random.ts';
import { type Instant, instantFromUtcSeconds, utcSecondsFromInstant } from '../../time/instant.ts';
import { SPEED_OF_LIGHT } from '../measurement.ts';
import type { Report, TruthSample } from '../types.ts';
import { PlatformIndex } from '../platform.ts';
import { type SimDetection, type SimSensor, earthDiscDirection } from './sensors.ts';
import { CuedTasking } from './tasking.ts';
import type { SimTarget } from './targets.ts';

export interface SimulationOptions {
  sensors: readonly SimSensor[];
  targets: readonly SimTarget[];
  start: Instant;
  durationS: number;
  seed: number;
  /** Truth is sampled on whole multiples of this period in UTC (the tracker's scan times). */
  truthPeriod?: number;
}

export type SimulationEvent =
  | { kind: 'report'; report: Report; /** The target that caused it, null for a false alarm. */ objectId: string | null }
  | { kind: 'truth'; sample: TruthSample };

/** Yields reports and truth in time order. Deterministic for a given seed. */
export function* simulate(o: SimulationOptions): Generator<SimulationEvent> {
  const random = new Random(o.seed);
  const block = 1;
  const end = o.start + o.durationS;
  const truthPeriod = o.truthPeriod ?? 1;
  let nextTruth = instantFromUtcSeconds(Math.ceil(utcSecondsFromInstant(o.start) / truthPeriod) * truthPeriod);
  const frameIndex = o.sensors.map((s) => 0 * s.frameTime);
  const platformIndex = new PlatformIndex();
  const platforms = o.sensors.map((s) => platformIndex.indexOf(s.sensorId));
  const sensorPos = new Float64Array(3);
  const tasking = new CuedTasking(o.sensors, o.targets, o.start, platforms);
  const los = new Float64Array(3);
  const targetPos = new Float64Array(3);
  // One frame's reports, yielded together once the frame is done (emptied for the next).
  const pending: SimulationEvent[] = [];
  const frame: { sensor: SimSensor | null; k: number; t: Instant; position: Float64Array | null; reports: number } = { sensor: null, k: 0, t: o.start, position: null, reports: 0 };
  // Made once, not per frame: creating a closure per frame costs more than the frame's work.
  const emit = (direction: Float64Array, objectId: string | null, signal: SimDetection | null = null): void => {
    const sensor = frame.sensor!;
    frame.position ??= Float64Array.from(sensorPos);
    const report: Report = { id: `${sensor.sensorId}-${frame.k}-${frame.reports++}`, t: frame.t, sensorId: sensor.sensorId, sensorPosition: frame.position, lineOfSight: direction, sigma: sensor.sigma };
    if (signal?.intensity !== undefined) (report as { intensity?: number }).intensity = signal.intensity;
    if (signal?.snr !== undefined) (report as { snr?: number }).snr = signal.snr;
    pending.push({ kind: 'report', objectId, report });
  };
  for (let t0: number = o.start; t0 < end; t0 += block) {
    const t1 = Math.min(t0 + block, end);
    const frames: { t: number; sensor: number; k: number }[] = [];
    o.sensors.forEach((s, i) => {
      for (;;) {
        const t = o.start + s.phase + frameIndex[i] * s.frameTime;
        if (t >= t1) break;
        frames.push({ t, sensor: i, k: frameIndex[i] });
        frameIndex[i]++;
      }
    });
    frames.sort((a, b) => a.t - b.t || a.sensor - b.sensor);
    let fi = 0;
    // The last block includes its end, so truth covers the tracker's final scan.
    const truthLimit = t1 >= end ? t1 + 1e-3 : t1;
    while (fi < frames.length || nextTruth < truthLimit) {
      if (nextTruth < truthLimit && (fi >= frames.length || nextTruth <= frames[fi].t)) {
        yield* truthAt(o, nextTruth, platforms);
        nextTruth = (nextTruth + truthPeriod) as Instant;
        continue;
      }
      const f = frames[fi++];
      const sensor = o.sensors[f.sensor];
      const t = f.t as Instant;
      if (!sensor.positionAt(t, sensorPos)) continue;
      // Most frames of most sensors make no report: nothing is allocated until one does.
      frame.sensor = sensor;
      frame.k = f.k;
      frame.t = t;
      frame.position = null;
      frame.reports = 0;
      pending.length = 0;
      for (const target of tasking.looksOf(f.sensor, f.k)) {
        let r: Float64Array;
        if (target.positionInto) {
          if (!target.positionInto(t, targetPos)) continue;
          r = targetPos;
        } else {
          const now = target.stateAt(t);
          if (!now) continue;
          r = now.r;
        }
        if (!sensor.canSee(sensorPos, r, t)) continue;
        let signal: SimDetection | null = null;
        if (sensor.detect) {
          signal = sensor.detect(t, sensorPos, target, r, random);
          if (!signal) continue;
        } else {
          const pd = typeof sensor.pd === 'number' ? sensor.pd : sensor.pd(sensorPos, r);
          if (random.uniform() >= pd) continue;
        }
        // Light time: the line of sight points where the target was when the light left it.
        const tau = Math.hypot(r[0] - sensorPos[0], r[1] - sensorPos[1], r[2] - sensorPos[2]) / SPEED_OF_LIGHT;
        const then = target.stateAt((t - tau) as Instant);
        const from = then ? then.r : r;
        for (let i = 0; i < 3; i++) los[i] = from[i] - sensorPos[i];
        emit(perturb(los, sensor.sigma, random), target.id, signal);
      }
      const falseAlarms = random.poisson(sensor.falseAlarmRatePerFrame);
      for (let n = 0; n < falseAlarms; n++) {
        const d = new Float64Array(3);
        if (sensor.falseAlarmDirection) sensor.falseAlarmDirection(random, sensorPos, d);
        else earthDiscDirection(random, sensorPos, d);
        emit(d, null);
      }
      if (pending.length > 0) yield* pending;
    }
  }
}

/** The unit vector of `d` turned by independent normal angles of one-sigma `sigma` about two perpendicular axes. */
function perturb(d: Float64Array, sigma: number, random: Random): Float64Array {
  const n = Math.hypot(d[0], d[1], d[2]);
  const u = [d[0] / n, d[1] / n, d[2] / n];
  const helper = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const e1 = [u[1] * helper[2] - u[2] * helper[1], u[2] * helper[0] - u[0] * helper[2], u[0] * helper[1] - u[1] * helper[0]];
  const l = Math.hypot(e1[0], e1[1], e1[2]);
  for (let i = 0; i < 3; i++) e1[i] /= l;
  const e2 = [u[1] * e1[2] - u[2] * e1[1], u[2] * e1[0] - u[0] * e1[2], u[0] * e1[1] - u[1] * e1[0]];
  const a = sigma * random.normal();
  const b = sigma * random.normal();
  const out = new Float64Array(3);
  for (let i = 0; i < 3; i++) out[i] = u[i] + a * e1[i] + b * e2[i];
  const m = Math.hypot(out[0], out[1], out[2]);
  for (let i = 0; i < 3; i++) out[i] /= m;
  return out;
}

/** `sensorsInView` counts platforms (satellites), not payloads, that can see and detect the target. */
function* truthAt(o: SimulationOptions, t: Instant, platforms: readonly number[]): Generator<SimulationEvent> {
  const positions = o.sensors.map((s) => {
    const p = new Float64Array(3);
    return s.positionAt(t, p) ? p : null;
  });
  const seeing = new Set<number>();
  for (const target of o.targets) {
    const state = target.stateAt(t);
    if (!state) continue;
    seeing.clear();
    o.sensors.forEach((s, i) => {
      const p = positions[i];
      if (!p || seeing.has(platforms[i]) || !s.canSee(p, state.r, t)) return;
      if (s.detectable && !s.detectable(t, p, target, state.r)) return;
      seeing.add(platforms[i]);
    });
    yield { kind: 'truth', sample: { objectId: target.id, t, position: state.r, velocity: state.v, sensorsInView: seeing.size } };
  }
}

/** Runs a whole simulation into arrays (for tests and benchmarks). */
export function simulateAll(o: SimulationOptions): { reports: Report[]; truth: TruthSample[]; objectOf: Map<string, string | null> } {
  const reports: Report[] = [];
  const truth: TruthSample[] = [];
  const objectOf = new Map<string, string | null>();
  for (const e of simulate(o)) {
    if (e.kind === 'report') {
      reports.push(e.report);
      objectOf.set(e.report.id, e.objectId);
    } else truth.push(e.sample);
  }
  return { reports, truth, objectOf };
}
