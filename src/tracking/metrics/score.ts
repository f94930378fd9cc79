/**
 * Scoring a run of tracks against truth: at each scan time the confirmed tracks are matched to
 * the true objects by GOSPA's optimal assignment (cut-off `cutoff`), and the matches give the
 * errors, the filter consistency, the continuity of identities and custody.
 */
import { AssignmentSolver } from '../../math/assignment.ts';
import { invertSpd, symmetricEigen } from '../../math/linalg.ts';
import type { Instant } from '../../time/instant.ts';
import type { TrackSnapshot, TruthSample } from '../types.ts';
import { SetDistanceWorkspace, gospa, ospa } from './gospa.ts';

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
  /**
   * Position RMSE over the matches counted for custody only (the object seen by at least
   * `minSensorsInView`): the error where two lines of sight can cross, without the coasting and
   * single-sensor stretches that dominate `positionRmse` when targets fade in and out.
   */
  eligiblePositionRmse: number;
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

/**
 * Scores a recorded run: the confirmed snapshots grouped by scan time and the truth present at
 * each, fed in time order to a `ScoreAccumulator`.
 */
export function scoreTracks(tracks: readonly TrackSnapshot[], truth: readonly TruthSample[], options: Partial<ScoreOptions> = {}): Score {
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
  const acc = new ScoreAccumulator(options);
  for (const key of times) {
    const t = key / 1000;
    const present: TruthSample[] = [];
    for (const id of objectIds) {
      const s = index.at(id, t);
      if (s) present.push(s);
    }
    acc.addScan(t, scans.get(key)!, present);
  }
  return acc.result();
}

type ObjectRecord = ObjectScore & { last: string | null; wasHeld: boolean; firstEligible: number; firstHeld: number };

/**
 * The score built scan by scan, for a stream: a consumer that scores as it goes keeps these
 * sums and one small record per object, not the snapshots and truth of the whole run. Scans
 * must come in time order (identities and gaps are followed from one to the next).
 */
export class ScoreAccumulator {
  private readonly o: ScoreOptions;
  private readonly solver = new AssignmentSolver();
  private readonly per = new Map<string, ObjectRecord>();
  private readonly inv = new Float64Array(9);
  private readonly eigenValues = new Float64Array(3);
  private readonly eigenVectors = new Float64Array(9);
  private readonly sets = new SetDistanceWorkspace();
  private readonly estPositions: Float64Array[] = [];
  private readonly truthPositions: Float64Array[] = [];
  private readonly matchedTrackIds = new Set<string>();
  private readonly confirmedIds = new Set<string>();
  private scans = 0;
  private gospaSum = 0;
  private ospaSum = 0;
  private sq = 0;
  private sqv = 0;
  private matched = 0;
  private sqEligible = 0;
  private matchedEligible = 0;
  private neesSum = 0;
  private neesCount = 0;
  private eligibleTotal = 0;
  private heldTotal = 0;
  private fireControl = 0;
  private falseScans = 0;

  constructor(options: Partial<ScoreOptions> = {}) {
    this.o = { ...DEFAULT_SCORE, ...options };
  }

  /**
   * One scan at time `t` (s, any consistent origin): the snapshots emitted then (only confirmed
   * ones count; the others are skipped here) and the truth of every object present then.
   */
  addScan(t: number, snapshots: readonly TrackSnapshot[], present: readonly TruthSample[]): void {
    const o = this.o;
    const est = snapshots.every((e) => e.status === 'confirmed') ? snapshots : snapshots.filter((e) => e.status === 'confirmed');
    this.scans++;
    for (const e of est) this.confirmedIds.add(e.trackId);
    const ep = this.estPositions;
    const tp = this.truthPositions;
    ep.length = 0;
    tp.length = 0;
    for (const e of est) ep.push(e.position);
    for (const s of present) tp.push(s.position);
    const g = gospa(ep, tp, o.cutoff, 2, this.solver, this.sets);
    this.gospaSum += g.distance;
    this.ospaSum += ospa(ep, tp, o.cutoff, 2, this.sets);
    let used = 0;
    for (let i = 0; i < present.length; i++) {
      const s = present[i];
      let rec = this.per.get(s.objectId);
      if (!rec) {
        rec = { objectId: s.objectId, samples: 0, eligible: 0, custody: 0, idSwitches: 0, fragmentations: 0, trackIds: [], timeToConfirmed: Number.NaN, last: null, wasHeld: false, firstEligible: Number.NaN, firstHeld: Number.NaN };
        this.per.set(s.objectId, rec);
      }
      rec.samples++;
      const eligible = s.sensorsInView === undefined || s.sensorsInView >= o.minSensorsInView;
      if (eligible) {
        rec.eligible++;
        this.eligibleTotal++;
        if (Number.isNaN(rec.firstEligible)) rec.firstEligible = t;
      }
      const j = g.truthToEstimate[i];
      if (j < 0) {
        rec.wasHeld = false;
        continue;
      }
      used++;
      const e = est[j];
      this.matchedTrackIds.add(e.trackId);
      if (Number.isNaN(rec.firstHeld)) rec.firstHeld = t;
      if (rec.last !== null && rec.last !== e.trackId) rec.idSwitches++;
      if (rec.last !== null && !rec.wasHeld) rec.fragmentations++;
      if (!rec.trackIds.includes(e.trackId)) rec.trackIds.push(e.trackId);
      rec.last = e.trackId;
      rec.wasHeld = true;
      if (eligible) {
        rec.custody++;
        this.heldTotal++;
        const { values } = symmetricEigen(e.positionCovariance, 3, this.eigenValues, this.eigenVectors);
        if (Math.sqrt(Math.max(0, values[2])) < o.fireControlSigma) this.fireControl++;
      }
      const dr0 = e.position[0] - s.position[0];
      const dr1 = e.position[1] - s.position[1];
      const dr2 = e.position[2] - s.position[2];
      const sq = dr0 * dr0 + dr1 * dr1 + dr2 * dr2;
      this.sq += sq;
      if (eligible) {
        this.sqEligible += sq;
        this.matchedEligible++;
      }
      this.sqv += (e.velocity[0] - s.velocity[0]) ** 2 + (e.velocity[1] - s.velocity[1]) ** 2 + (e.velocity[2] - s.velocity[2]) ** 2;
      this.matched++;
      const inv = this.inv;
      if (invertSpd(e.positionCovariance, 3, inv)) {
        const nees =
          dr0 * (inv[0] * dr0 + inv[1] * dr1 + inv[2] * dr2) + dr1 * (inv[3] * dr0 + inv[4] * dr1 + inv[5] * dr2) + dr2 * (inv[6] * dr0 + inv[7] * dr1 + inv[8] * dr2);
        this.neesSum += nees;
        this.neesCount++;
      }
    }
    this.falseScans += est.length - used;
  }

  /** The score of the scans so far. */
  result(): Score {
    const objects: ObjectScore[] = [];
    const ttc: number[] = [];
    for (const id of [...this.per.keys()].sort()) {
      const { last: _l, wasHeld: _w, firstEligible, firstHeld, ...score } = this.per.get(id)!;
      score.trackIds = [...score.trackIds];
      score.timeToConfirmed = Number.isNaN(firstEligible) || Number.isNaN(firstHeld) ? Number.NaN : Math.max(0, firstHeld - firstEligible);
      if (!Number.isNaN(score.timeToConfirmed)) ttc.push(score.timeToConfirmed);
      score.custody = score.eligible > 0 ? score.custody / score.eligible : Number.NaN;
      objects.push(score);
    }
    const n = this.scans;
    const matched = this.matched;
    return {
      scans: n,
      meanGospa: n > 0 ? this.gospaSum / n : 0,
      meanOspa: n > 0 ? this.ospaSum / n : 0,
      positionRmse: matched > 0 ? Math.sqrt(this.sq / matched) : Number.NaN,
      velocityRmse: matched > 0 ? Math.sqrt(this.sqv / matched) : Number.NaN,
      eligiblePositionRmse: this.matchedEligible > 0 ? Math.sqrt(this.sqEligible / this.matchedEligible) : Number.NaN,
      meanNees: this.neesCount > 0 ? this.neesSum / this.neesCount : Number.NaN,
      neesSamples: this.neesCount,
      custody: this.eligibleTotal > 0 ? this.heldTotal / this.eligibleTotal : Number.NaN,
      fireControlFraction: this.eligibleTotal > 0 ? this.fireControl / this.eligibleTotal : Number.NaN,
      idSwitches: objects.reduce((s, x) => s + x.idSwitches, 0),
      fragmentations: objects.reduce((s, x) => s + x.fragmentations, 0),
      meanTimeToConfirmed: ttc.length > 0 ? ttc.reduce((a, b) => a + b, 0) / ttc.length : Number.NaN,
      maxTimeToConfirmed: ttc.length > 0 ? Math.max(...ttc) : Number.NaN,
      falseTracks: [...this.confirmedIds].filter((id) => !this.matchedTrackIds.has(id)).length,
      falseTrackScans: this.falseScans,
      objects,
    };
  }
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
    ['position RMSE where custody counts (m)', f(s.eligiblePositionRmse)],
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
