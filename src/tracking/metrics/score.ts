/**
 * Scoring a run of tracks against truth: at each scan time the confirmed tracks are matched to
 * the true objects by GOSPA's optimal assignment (cut-off `cutoff`), and the matches give the
 * errors, the filter consistency, the continuity of identities and custody.
 */
import { AssignmentSolver } from '../../math/assignment.ts';
import { invertSpd, symmetricEigen } from '../../math/linalg.ts';
import type { Instant } from '../../time/instant.ts';
import type { TrackSnapshot, TruthSample } from '../types.ts';
import { gospa, ospa } from './gospa.ts';

export interface ScoreOptions {
  /** GOSPA/OSPA cut-off and the largest distance at which a track counts as on an object, m. */
  cutoff: number;
  /** Fire-control quality: position one-sigma (largest axis) below this, m. */
  fireControlSigma: number;
  /** Fewest sensors in view for a sample to count toward custody (when truth says). */
  minSensorsInView: number;
}

export const DEFAULT_SCORE: ScoreOptions = { cutoff: 10e3, fireControlSigma: 1000, minSensorsInView: 2 };

export interface ObjectScore {
  objectId: string;
  samples: number;
  /** Samples with at least `minSensorsInView` sensors seeing the object. */
  eligible: number;
  custody: number;
  idSwitches: number;
  fragmentations: number;
  trackIds: string[];
  /** Seconds from the first eligible sample to the first confirmed track on the object (NaN if never). */
  timeToConfirmed: number;
}

export interface Score {
  scans: number;
  meanGospa: number;
  meanOspa: number;
  positionRmse: number;
  velocityRmse: number;
  /** Mean normalised estimation error squared of position (3 degrees of freedom) and its sample count. */
  meanNees: number;
  neesSamples: number;
  /** Fraction of eligible object-samples under a confirmed track. */
  custody: number;
  /** Fraction of eligible object-samples under a confirmed track of fire-control quality. */
  fireControlFraction: number;
  idSwitches: number;
  fragmentations: number;
  meanTimeToConfirmed: number;
  maxTimeToConfirmed: number;
  /** Confirmed track ids never matched to any object, and confirmed track-scans unmatched. */
  falseTracks: number;
  falseTrackScans: number;
  objects: ObjectScore[];
}

/** Truth per object, sorted by time, interpolated (cubic Hermite) to any scan time inside its span. */
class TruthIndex {
  private readonly byObject = new Map<string, TruthSample[]>();
  constructor(truth: readonly TruthSample[]) {
    for (const s of truth) {
      const list = this.byObject.get(s.objectId);
      if (list) list.push(s);
      else this.byObject.set(s.objectId, [s]);
    }
    for (const list of this.byObject.values()) list.sort((a, b) => a.t - b.t);
  }

  get objectIds(): string[] {
    return [...this.byObject.keys()].sort();
  }

  at(objectId: string, t: number): TruthSample | null {
    const list = this.byObject.get(objectId)!;
    if (t < list[0].t - 1e-6 || t > list[list.length - 1].t + 1e-6) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (list[mid].t <= t) lo = mid;
      else hi = mid;
    }
    const a = list[lo];
    if (Math.abs(a.t - t) < 1e-6) return a;
    const b = list[hi];
    if (Math.abs(b.t - t) < 1e-6) return b;
    const h = b.t - a.t;
    const s = (t - a.t) / h;
    const position = new Float64Array(3);
    const velocity = new Float64Array(3);
    for (let i = 0; i < 3; i++) {
      position[i] = (2 * s ** 3 - 3 * s * s + 1) * a.position[i] + (s ** 3 - 2 * s * s + s) * h * a.velocity[i] + (-2 * s ** 3 + 3 * s * s) * b.position[i] + (s ** 3 - s * s) * h * b.velocity[i];
      velocity[i] = ((6 * s * s - 6 * s) / h) * a.position[i] + (3 * s * s - 4 * s + 1) * a.velocity[i] + ((-6 * s * s + 6 * s) / h) * b.position[i] + (3 * s * s - 2 * s) * b.velocity[i];
    }
    const sensorsInView = a.sensorsInView !== undefined && b.sensorsInView !== undefined ? Math.min(a.sensorsInView, b.sensorsInView) : undefined;
    return { objectId, t: t as Instant, position, velocity, ...(sensorsInView !== undefined ? { sensorsInView } : {}) };
  }
}

export function scoreTracks(tracks: readonly TrackSnapshot[], truth: readonly TruthSample[], options: Partial<ScoreOptions> = {}): Score {
  const o = { ...DEFAULT_SCORE, ...options };
  const index = new TruthIndex(truth);
  const objectIds = truth.length > 0 ? index.objectIds : [];
  const scans = new Map<number, TrackSnapshot[]>();
  for (const s of tracks) {
    if (s.status !== 'confirmed') continue;
    const key = Math.round(s.t * 1000);
    const list = scans.get(key);
    if (list) list.push(s);
    else scans.set(key, [s]);
  }
  // Scan times: every time tracks were emitted, plus truth times with no confirmed track at all.
  for (const s of truth) {
    const key = Math.round(s.t * 1000);
    if (!scans.has(key)) scans.set(key, []);
  }
  const times = [...scans.keys()].sort((a, b) => a - b);
  const solver = new AssignmentSolver();
  const per = new Map<string, ObjectScore & { last: string | null; wasHeld: boolean; firstEligible: number; firstHeld: number }>();
  for (const id of objectIds) {
    per.set(id, { objectId: id, samples: 0, eligible: 0, custody: 0, idSwitches: 0, fragmentations: 0, trackIds: [], timeToConfirmed: Number.NaN, last: null, wasHeld: false, firstEligible: Number.NaN, firstHeld: Number.NaN });
  }
  let gospaSum = 0;
  let ospaSum = 0;
  let sq = 0;
  let sqv = 0;
  let matched = 0;
  let neesSum = 0;
  let neesCount = 0;
  let eligibleTotal = 0;
  let heldTotal = 0;
  let fireControl = 0;
  let falseScans = 0;
  const matchedTrackIds = new Set<string>();
  const confirmedIds = new Set<string>();
  const inv = new Float64Array(9);
  for (const key of times) {
    const t = key / 1000;
    const est = scans.get(key)!;
    for (const e of est) confirmedIds.add(e.trackId);
    const present: TruthSample[] = [];
    for (const id of objectIds) {
      const s = index.at(id, t);
      if (s) present.push(s);
    }
    const g = gospa(est.map((e) => e.position), present.map((s) => s.position), o.cutoff, 2, solver);
    gospaSum += g.distance;
    ospaSum += ospa(est.map((e) => e.position), present.map((s) => s.position), o.cutoff, 2);
    const used = new Set<number>();
    present.forEach((s, i) => {
      const rec = per.get(s.objectId)!;
      rec.samples++;
      const eligible = s.sensorsInView === undefined || s.sensorsInView >= o.minSensorsInView;
      if (eligible) {
        rec.eligible++;
        eligibleTotal++;
        if (Number.isNaN(rec.firstEligible)) rec.firstEligible = t;
      }
      const j = g.truthToEstimate[i];
      if (j < 0) {
        rec.wasHeld = false;
        return;
      }
      used.add(j);
      const e = est[j];
      matchedTrackIds.add(e.trackId);
      if (Number.isNaN(rec.firstHeld)) rec.firstHeld = t;
      if (rec.last !== null && rec.last !== e.trackId) rec.idSwitches++;
      if (rec.last !== null && !rec.wasHeld) rec.fragmentations++;
      if (!rec.trackIds.includes(e.trackId)) rec.trackIds.push(e.trackId);
      rec.last = e.trackId;
      rec.wasHeld = true;
      if (eligible) {
        rec.custody++;
        heldTotal++;
        const { values } = symmetricEigen(e.positionCovariance, 3);
        if (Math.sqrt(Math.max(0, values[2])) < o.fireControlSigma) fireControl++;
      }
      const dr = [e.position[0] - s.position[0], e.position[1] - s.position[1], e.position[2] - s.position[2]];
      sq += dr[0] ** 2 + dr[1] ** 2 + dr[2] ** 2;
      sqv += (e.velocity[0] - s.velocity[0]) ** 2 + (e.velocity[1] - s.velocity[1]) ** 2 + (e.velocity[2] - s.velocity[2]) ** 2;
      matched++;
      if (invertSpd(e.positionCovariance, 3, inv)) {
        let nees = 0;
        for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) nees += dr[a] * inv[a * 3 + b] * dr[b];
        neesSum += nees;
        neesCount++;
      }
    });
    falseScans += est.length - used.size;
  }
  const objects: ObjectScore[] = [];
  const ttc: number[] = [];
  for (const rec of per.values()) {
    const { last: _l, wasHeld: _w, firstEligible, firstHeld, ...score } = rec;
    score.timeToConfirmed = Number.isNaN(firstEligible) || Number.isNaN(firstHeld) ? Number.NaN : Math.max(0, firstHeld - firstEligible);
    if (!Number.isNaN(score.timeToConfirmed)) ttc.push(score.timeToConfirmed);
    score.custody = score.eligible > 0 ? score.custody / score.eligible : Number.NaN;
    objects.push(score);
  }
  const n = times.length;
  return {
    scans: n,
    meanGospa: n > 0 ? gospaSum / n : 0,
    meanOspa: n > 0 ? ospaSum / n : 0,
    positionRmse: matched > 0 ? Math.sqrt(sq / matched) : Number.NaN,
    velocityRmse: matched > 0 ? Math.sqrt(sqv / matched) : Number.NaN,
    meanNees: neesCount > 0 ? neesSum / neesCount : Number.NaN,
    neesSamples: neesCount,
    custody: eligibleTotal > 0 ? heldTotal / eligibleTotal : Number.NaN,
    fireControlFraction: eligibleTotal > 0 ? fireControl / eligibleTotal : Number.NaN,
    idSwitches: objects.reduce((s, x) => s + x.idSwitches, 0),
    fragmentations: objects.reduce((s, x) => s + x.fragmentations, 0),
    meanTimeToConfirmed: ttc.length > 0 ? ttc.reduce((a, b) => a + b, 0) / ttc.length : Number.NaN,
    maxTimeToConfirmed: ttc.length > 0 ? Math.max(...ttc) : Number.NaN,
    falseTracks: [...confirmedIds].filter((id) => !matchedTrackIds.has(id)).length,
    falseTrackScans: falseScans,
    objects,
  };
}

/** A plain-text table of a score, for the CLI. */
export function formatScore(s: Score): string {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const rows: [string, string][] = [
    ['scans', String(s.scans)],
    ['mean GOSPA (m)', f(s.meanGospa)],
    ['mean OSPA (m)', f(s.meanOspa)],
    ['position RMSE (m)', f(s.positionRmse)],
    ['velocity RMSE (m/s)', f(s.velocityRmse, 2)],
    ['mean position NEES (3 dof)', `${f(s.meanNees, 2)} over ${s.neesSamples}`],
    ['custody (%)', f(100 * s.custody, 2)],
    ['fire-control quality (%)', f(100 * s.fireControlFraction, 2)],
    ['id switches', String(s.idSwitches)],
    ['fragmentations', String(s.fragmentations)],
    ['time to confirmed, mean / max (s)', `${f(s.meanTimeToConfirmed, 2)} / ${f(s.maxTimeToConfirmed, 2)}`],
    ['false confirmed tracks', String(s.falseTracks)],
    ['false confirmed track-scans', String(s.falseTrackScans)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}
