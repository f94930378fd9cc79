/**
 * Tracking benchmark (issue 5): a raid of 100 glide vehicles and 20 ballistic missiles launched
 * over the first five minutes of a 15-minute run, seen by an 82-satellite layer (a 54-satellite
 * Walker delta at 1,000 km and a 28-satellite polar star at 1,200 km, like the coverage
 * benchmark's) whose sensors take frames at 1 Hz with random phases (asynchronous), 50 urad
 * noise, Pd 0.95 and two false alarms per frame.
 *
 * Speed: real-time factor (simulated seconds per second of CPU time, one thread) and the 99th-percentile
 * CPU time to process one second of reports and emit the picture, against a baseline in the
 * same run that associates every report with every track without gating (timed over the first
 * minute only: it is slow). Accuracy: the tracker's position RMSE against per-second
 * least-squares triangulation of the same reports with the correct association (computed here
 * from the simulator's truth labels), custody, time to confirmed, false tracks, NEES, id switches.
 * TRACKLAYER_BENCH_TRACKING_S shortens the run (default 900 s).
 */
import { DEG } from '../src/math/units.ts';
import { Random } from '../src/math/random.ts';
import { parseIsoUtc } from '../src/time/iso.ts';
import type { Instant } from '../src/time/instant.ts';
import { scoreTracks } from '../src/tracking/metrics/score.ts';
import { simulate } from '../src/tracking/simulation/simulate.ts';
import { circularLayer, type SimSensor } from '../src/tracking/simulation/sensors.ts';
import { type SimTarget, ballisticTarget, glideTarget } from '../src/tracking/simulation/targets.ts';
import { Tracker } from '../src/tracking/tracker.ts';
import { triangulate, triangulateMoving } from '../src/tracking/triangulation.ts';
import type { Report, TrackSnapshot, TruthSample } from '../src/tracking/types.ts';
import { cpus, loadavg } from 'node:os';
import type { BenchSection } from './section.ts';

function loadAverage(): string {
  return loadavg().map((x) => x.toFixed(1)).join(' / ');
}

function cpuCount(): number {
  return cpus().length;
}

const EPOCH = parseIsoUtc('2026-03-01T00:00:00Z');

export function benchLayer(seed: number): SimSensor[] {
  const random = new Random(seed);
  const common = { epoch: EPOCH, frameTime: 1, sigma: 50e-6, pd: 0.95, falseAlarmRatePerFrame: 2, grazingHeight: 20e3, maxRange: 5000e3, random };
  return [
    ...circularLayer({ ...common, planes: 6, perPlane: 9, phasing: 1, altitude: 1000e3, inclination: 53 * DEG, idPrefix: 'A' }),
    ...circularLayer({ ...common, planes: 4, perPlane: 7, phasing: 1, altitude: 1200e3, inclination: 90 * DEG, idPrefix: 'B', nodeSpread: Math.PI }),
  ];
}

export function benchRaid(seed: number, durationS: number): SimTarget[] {
  const random = new Random(seed);
  const targets: SimTarget[] = [];
  const launchSpread = Math.min(300, durationS / 3);
  for (let i = 0; i < 100; i++) {
    targets.push(glideTarget({
      id: `G${String(i + 1).padStart(3, '0')}`, start: (EPOCH + random.uniformIn(0, launchSpread)) as Instant,
      lat: random.uniformIn(25, 40) * DEG, lon: random.uniformIn(110, 130) * DEG, height: random.uniformIn(40e3, 60e3),
      speed: random.uniformIn(5000, 6500), heading: random.uniformIn(30, 150) * DEG, liftToDrag: 2.6,
      bankAmplitude: random.uniformIn(20, 50) * DEG, bankPeriod: random.uniformIn(60, 180), durationS: random.uniformIn(400, 700),
    }));
  }
  for (let i = 0; i < 20; i++) {
    targets.push(ballisticTarget({
      id: `B${String(i + 1).padStart(3, '0')}`, start: (EPOCH + random.uniformIn(0, launchSpread)) as Instant,
      lat: random.uniformIn(35, 45) * DEG, lon: random.uniformIn(115, 130) * DEG, height: 200e3,
      speed: random.uniformIn(5000, 6500), flightPathAngle: random.uniformIn(25, 35) * DEG, azimuth: random.uniformIn(60, 120) * DEG, beta: 5000,
    }));
  }
  return targets;
}

/**
 * CPU time of this process, ms (user + system). The machine is shared: wall time would count
 * the time other jobs hold the cores. It includes the garbage collector's helper threads.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

interface TimedRun {
  snaps: TrackSnapshot[];
  blockTimes: number[];
  totalMs: number;
  simulatedS: number;
}

/**
 * Streams the simulation one second at a time (so memory stays that of a live system, not of a
 * whole recorded run) and times only the trackers' work on each second's reports. `extra` sees
 * every block (for the triangulation baseline).
 */
function streamRun(
  options: Parameters<typeof simulate>[0], trackers: Tracker[], untilS: number,
  onBlock?: (reports: Report[], objectOf: Map<string, string | null>) => void,
): { runs: TimedRun[]; truth: TruthSample[]; reports: number; falseAlarms: number } {
  const runs: TimedRun[] = trackers.map(() => ({ snaps: [], blockTimes: [], totalMs: 0, simulatedS: 0 }));
  const truth: TruthSample[] = [];
  let block: Report[] = [];
  let objectOf = new Map<string, string | null>();
  let blockEnd = options.start + 1;
  let reports = 0;
  let falseAlarms = 0;
  const flush = () => {
    trackers.forEach((tracker, k) => {
      if (runs[k].simulatedS >= untilS) return;
      const t0 = cpuMs();
      for (const r of block) for (const scan of tracker.push(r)) runs[k].snaps.push(...scan.tracks);
      const dt = cpuMs() - t0;
      runs[k].blockTimes.push(dt);
      runs[k].totalMs += dt;
      runs[k].simulatedS++;
    });
    onBlock?.(block, objectOf);
    block = [];
    objectOf = new Map();
  };
  for (const e of simulate(options)) {
    if (e.kind === 'truth') {
      truth.push(e.sample);
      continue;
    }
    while (e.report.t >= blockEnd) {
      flush();
      blockEnd += 1;
    }
    block.push(e.report);
    objectOf.set(e.report.id, e.objectId);
    reports++;
    if (e.objectId === null) falseAlarms++;
  }
  flush();
  trackers.forEach((tracker, k) => {
    if (runs[k].simulatedS > untilS) return;
    const t0 = cpuMs();
    for (const scan of tracker.finish()) runs[k].snaps.push(...scan.tracks);
    runs[k].totalMs += cpuMs() - t0;
  });
  return { runs, truth, reports, falseAlarms };
}

/** Per-second least-squares triangulation with the simulator's association: static, and with velocity. */
class TriangulationBaseline {
  sqStatic = 0;
  nStatic = 0;
  sqMoving = 0;
  nMoving = 0;
  constructor(private readonly targets: ReadonlyMap<string, SimTarget>) {}

  add(reports: readonly Report[], objectOf: Map<string, string | null>): void {
    const byObject = new Map<string, Report[]>();
    for (const r of reports) {
      const id = objectOf.get(r.id);
      if (!id) continue;
      const list = byObject.get(id);
      if (list) list.push(r);
      else byObject.set(id, [r]);
    }
    for (const [id, list] of byObject) {
      if (new Set(list.map((r) => r.sensorId)).size < 2) continue;
      const mean = list.reduce((s, r) => s + r.t, 0) / list.length;
      const truth = this.targets.get(id)!.stateAt(mean as Instant);
      if (!truth) continue;
      const lines = list.map((r) => ({ origin: r.sensorPosition, direction: r.lineOfSight, sigma: r.sigma, t: r.t }));
      const fix = triangulate(lines);
      if (!fix) continue;
      this.sqStatic += (fix.position[0] - truth.r[0]) ** 2 + (fix.position[1] - truth.r[1]) ** 2 + (fix.position[2] - truth.r[2]) ** 2;
      this.nStatic++;
      if (list.length < 4) continue;
      const moving = triangulateMoving(lines, mean, fix.position);
      if (!moving) continue;
      this.sqMoving += (moving.state[0] - truth.r[0]) ** 2 + (moving.state[1] - truth.r[1]) ** 2 + (moving.state[2] - truth.r[2]) ** 2;
      this.nMoving++;
    }
  }

  get result() {
    return { staticRmse: Math.sqrt(this.sqStatic / this.nStatic), staticFixes: this.nStatic, movingRmse: Math.sqrt(this.sqMoving / this.nMoving), movingFixes: this.nMoving };
  }
}

export async function run(): Promise<BenchSection> {
  const durationS = Number(process.env.TRACKLAYER_BENCH_TRACKING_S ?? 900);
  const sensors = benchLayer(1);
  const targets = benchRaid(2, durationS);
  const options = { sensors, targets, start: EPOCH, durationS, seed: 3 };
  const baseline = new TriangulationBaseline(new Map(targets.map((t) => [t.id, t])));
  const cpu0 = cpuMs();
  const wall = performance.now();
  const main = streamRun(options, [new Tracker()], durationS, (block, objectOf) => baseline.add(block, objectOf));
  const wallS = (performance.now() - wall) / 1000;
  const simS = (cpuMs() - cpu0) / 1000 - main.runs[0].totalMs / 1000;
  const load = loadAverage();
  const gatedRun = main.runs[0];
  const score = scoreTracks(gatedRun.snaps, main.truth);
  const rtf = gatedRun.simulatedS / (gatedRun.totalMs / 1000);
  const p99 = percentile(gatedRun.blockTimes, 0.99);

  // Baseline over the first minute, interleaved second by second with the gated tracker so both
  // see the same machine load: every report against every track, no gates.
  const baselineS = Math.min(60, durationS);
  const ungated = new Tracker();
  ungated.ungated = true;
  const pair = streamRun({ ...options, durationS: baselineS }, [new Tracker(), ungated], baselineS);
  const [gatedShort, baseRun] = pair.runs;
  const baseRtf = baseRun.simulatedS / (baseRun.totalMs / 1000);
  const shortRtf = gatedShort.simulatedS / (gatedShort.totalMs / 1000);
  const lsq = baseline.result;
  const falseAlarms = main.falseAlarms;
  const sim = { reports: { length: main.reports } };
  const lsqBest = Math.min(lsq.staticRmse, lsq.movingRmse);
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const pass = (ok: boolean) => (ok ? 'met' : '**not met**');
  const markdown = `
Raid: 100 glide vehicles and 20 ballistic missiles (synthetic flights from src/tracking/simulation, quick to generate for 120 targets; the src/threats and src/sensors adapters are exercised in test/tracking/digital-twin.test.ts), launched over the first ${Math.round(Math.min(300, durationS / 3))} s; ${durationS} s simulated; 82 satellites (54 at 1,000 km, 53 deg + 28 polar at 1,200 km), frames at 1 Hz with random phases, 50 urad, Pd 0.95, 2 false alarms per frame. ${sim.reports.length} reports (${falseAlarms} false alarms); generating them took ${f(simS, 1)} s, streamed one second at a time and not timed below. Tracker: default settings (EKF, GNN, IMM ballistic + glide).

**Speed** (CPU time of this process per second of reports, \`process.cpuUsage()\`, garbage collection included; one thread of JavaScript. The machine was shared: load average ${load} on ${cpuCount()} cores during the run, and the main run took ${f(wallS, 0)} s of wall time. CPU time is the fair single-core figure under that load, but it is still inflated by contention for caches and by the collector's helper threads waiting for a core, so figures vary between runs.)

| | real-time factor | 99th-percentile latency of one second of reports (ms) |
|---|---|---|
| tracker (whole run) | ${f(rtf, 0)} | ${f(p99, 2)} |
| tracker, first ${baselineS} s | ${f(shortRtf, 0)} | ${f(percentile(gatedShort.blockTimes, 0.99), 2)} |
| baseline without gating, first ${baselineS} s | ${f(baseRtf, 1)} | ${f(percentile(baseRun.blockTimes, 0.99), 2)} |
| ratio tracker / baseline (first ${baselineS} s) | ${f(shortRtf / baseRtf, 1)} x | ${f(percentile(baseRun.blockTimes, 0.99) / percentile(gatedShort.blockTimes, 0.99), 1)} x faster |

Goals: real-time factor at least 100 (${pass(rtf >= 100)}: ${f(rtf, 0)}), 99th-percentile scan latency under 20 ms (${pass(p99 < 20)}: ${f(p99, 2)} ms).

**Accuracy** (confirmed tracks scored against truth at every scan; GOSPA cut-off 10 km)

| figure | tracker | reference | goal |
|---|---|---|---|
| position RMSE (m) | ${f(score.positionRmse)} | per-second triangulation with correct association: static ${f(lsq.staticRmse)} (${lsq.staticFixes} fixes), with velocity ${f(lsq.movingRmse)} (${lsq.movingFixes} fixes) | at most half the better one, ${f(lsqBest / 2)}: ${pass(score.positionRmse <= lsqBest / 2)} |
| velocity RMSE (m/s) | ${f(score.velocityRmse, 2)} | | |
| custody of time seen by 2+ satellites (%) | ${f(100 * score.custody, 2)} | | at least 99: ${pass(score.custody >= 0.99)} |
| time to confirmed after 2-satellite visibility, mean / max (s) | ${f(score.meanTimeToConfirmed, 2)} / ${f(score.maxTimeToConfirmed, 2)} | | within 3: ${pass(score.maxTimeToConfirmed <= 3)} |
| false confirmed tracks | ${score.falseTracks} (${score.falseTrackScans} track-scans) | | none: ${pass(score.falseTracks === 0)} |
| mean position NEES (3 dof) | ${f(score.meanNees, 2)} over ${score.neesSamples} | 3 | near 3 |
| id switches / fragmentations | ${score.idSwitches} / ${score.fragmentations} | | only where coverage gaps force them |
| fire-control quality, one-sigma under 1 km (%) | ${f(100 * score.fireControlFraction, 2)} | | |
| mean GOSPA / OSPA (m) | ${f(score.meanGospa)} / ${f(score.meanOspa)} | | |

**Side by side with Stone Soup.** Stone Soup was not run here (not installed on this machine); the issue quotes a well-tuned Stone Soup tracker reaching these accuracy goals at a real-time factor of about 3.5 on this machine. tracklayer's real-time factor above is ${f(rtf / 3.5, 1)} times that figure (goal: 30 times, i.e. 105).
`;
  return { title: 'Tracking: 120-missile raid, 82-satellite layer', markdown };
}
