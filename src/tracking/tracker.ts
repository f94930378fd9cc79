/**
 * The streaming multi-target tracker. Reports enter in time order (`push`); reports that share
 * a sensor and an instant form that sensor's frame, and frames are processed one by one in
 * time order, so sensors with unrelated frame times and phases need no alignment. For each
 * frame: a cheap angular pre-gate, prediction of the tracks it may concern, a Mahalanobis gate,
 * association (GNN or JPDA), the filter update, and initiation from the reports no track
 * claimed. At every scan time the tracker deletes what has gone stale, merges duplicates, and
 * emits every live track predicted to that instant (coasted if nothing updated it). Memory is
 * bounded: deleted tracks are dropped and the initiator keeps only a few seconds of reports.
 */
import { EARTH_RADIUS_EQUATORIAL } from '../bodies/earth.ts';
import { itrfToGeodetic } from '../frames/geodetic.ts';
import { AssignmentSolver } from '../math/assignment.ts';
import { InputError } from '../math/errors.ts';
import { invertSpd, symmetricEigen } from '../math/linalg.ts';
import { type Instant, instantFromUtcSeconds, utcSecondsFromInstant } from '../time/instant.ts';
import { type GatedPair, type GnnScratch, globalNearestNeighbour, jointProbabilisticAssociation } from './association/associators.ts';
import { chiSquareQuantile } from './chi-square.ts';
import { type ClassifierState, classify, newClassifierState } from './classification.ts';
import { DEFAULT_TRACKER_CONFIG, type TrackerConfig } from './config.ts';
import { ExtendedKalmanFilter, type GaussianFilter, UnscentedKalmanFilter, measurementMoments } from './filters/gaussian-filter.ts';
import { ImmEstimator, type TrackEstimate } from './filters/imm.ts';
import { predictImpact } from './impact.ts';
import { type NewTrack, TriangulationInitiator } from './initiator.ts';
import { PlatformIndex } from './platform.ts';
import { BearingMeasurement, SPEED_OF_LIGHT } from './measurement.ts';
import { FlightModel, type TransitionModel } from './models/transition.ts';
import type { Classification, ImpactPrediction, Report, TrackSnapshot, TrackStatus } from './types.ts';
import { length3 } from './vector3.ts';

interface TrackRecord {
  readonly id: string;
  status: Exclude<TrackStatus, 'deleted'>;
  readonly est: TrackEstimate;
  readonly born: Instant;
  lastUpdate: Instant;
  /** Reports since birth (for confirmation). */
  hits: number;
  /** Platform of the first report, and whether reports from a second platform have come since. */
  readonly firstPlatform: number;
  multiPlatform: boolean;
  pendingReportIds: string[];
  releasable: string[];
  classifier: ClassifierState;
  classification: Classification;
  impact: ImpactPrediction | undefined;
  impactAt: number;
}

export interface ScanOutput {
  readonly t: Instant;
  readonly tracks: TrackSnapshot[];
}

export interface TrackerStats {
  reports: number;
  frames: number;
  lateReportsDropped: number;
  tracksCreated: number;
  tracksConfirmed: number;
  relinks: number;
  merges: number;
  updates: number;
}

export function buildModels(c: TrackerConfig): TransitionModel[] {
  return c.models.map((name) => {
    switch (name) {
      case 'ballistic':
        return new FlightModel({ name, specificForce: { kind: 'none' }, velocityNoise: c.ballisticVelocityNoise });
      case 'glide':
        return new FlightModel({ name, specificForce: { kind: 'markov', tau: c.glideTau, sigma: c.glideSigma, mean: c.glideMean }, velocityNoise: c.glideVelocityNoise });
      case 'nca':
        return new FlightModel({ name, specificForce: { kind: 'wiener', q: c.ncaJerkDensity }, velocityNoise: c.glideVelocityNoise });
    }
  });
}

export class Tracker {
  readonly config: TrackerConfig;
  readonly stats: TrackerStats = { reports: 0, frames: 0, lateReportsDropped: 0, tracksCreated: 0, tracksConfirmed: 0, relinks: 0, merges: 0, updates: 0 };
  /**
   * The benchmark's baseline when true: no pre-gate and no Mahalanobis gate, so every track is
   * predicted to every frame, every report-track pair gets its NIS, and GNN solves one
   * assignment over all of them (no clustering). A track may still take no report at the
   * gate's price, so the decisions, and the tracks, stay those of the gated tracker: only the
   * work differs. May be switched at any time.
   */
  ungated = false;
  private readonly estimator: ImmEstimator;
  private readonly gateFilter: GaussianFilter;
  private readonly initiator: TriangulationInitiator;
  private readonly platforms = new PlatformIndex();
  private readonly solver = new AssignmentSolver();
  private readonly gnnScratch: GnnScratch = { cost: new Float64Array(0) };
  private readonly measurement = new BearingMeasurement(9);
  private readonly gateMoments = measurementMoments(9, 2);
  private readonly gateThreshold: number;
  private readonly relinkThreshold: number;
  private readonly mergeThreshold: number;
  private tracks: TrackRecord[] = [];
  private nextId = 1;
  private nextScan: Instant | null = null;
  /** Reports held for reordering, sorted by time. */
  private held: Report[] = [];
  private latestSeen = Number.NEGATIVE_INFINITY;
  private processedUpTo = Number.NEGATIVE_INFINITY;
  private frameBuffer: Report[] = [];

  constructor(config: Partial<TrackerConfig> = {}) {
    const merged = { ...DEFAULT_TRACKER_CONFIG, ...config };
    if (merged.sojourn.length !== merged.models.length) merged.sojourn = merged.models.map((_, i) => merged.sojourn[i] ?? 60);
    this.config = merged;
    const c = this.config;
    const filter = c.filter === 'ukf' ? new UnscentedKalmanFilter(9) : new ExtendedKalmanFilter(9);
    this.estimator = new ImmEstimator(filter, { models: buildModels(c), sojourn: c.sojourn }, 64, c.mixInterval);
    this.gateFilter = new ExtendedKalmanFilter(9);
    this.initiator = new TriangulationInitiator(c.initiator, this.platforms);
    this.gateThreshold = chiSquareQuantile(c.gateProbability, 2);
    this.relinkThreshold = chiSquareQuantile(c.relinkProbability, 6);
    this.mergeThreshold = chiSquareQuantile(c.mergeProbability, 6);
  }

  /** Number of live (tentative or confirmed) tracks. */
  get liveTracks(): number {
    return this.tracks.length;
  }

  /** Reports waiting in the initiator (bounded by its window). */
  get bufferedReports(): number {
    return this.initiator.buffered + this.held.length + this.frameBuffer.length;
  }

  /**
   * Consumes one report; returns the pictures of the scans it completed (usually none or one).
   * A malformed report (non-finite numbers, a line of sight that is not a unit vector, a
   * non-positive noise) is refused with an InputError naming the report and the field.
   */
  push(report: Report): ScanOutput[] {
    validateReport(report);
    this.stats.reports++;
    if (report.t < this.processedUpTo) {
      this.stats.lateReportsDropped++;
      return [];
    }
    if (report.t > this.latestSeen) this.latestSeen = report.t;
    // Insert in time order (reports nearly always arrive in order: search from the end).
    let i = this.held.length;
    while (i > 0 && this.held[i - 1].t > report.t) i--;
    // splice returns an array even when it removes nothing: append, the usual case, without it.
    if (i === this.held.length) this.held.push(report);
    else this.held.splice(i, 0, report);
    const out: ScanOutput[] = [];
    const releaseBefore = this.latestSeen - this.config.reorderWindow;
    while (this.held.length > 0 && (this.held[0].t < releaseBefore || (this.config.reorderWindow === 0 && this.held[0].t < this.latestSeen))) {
      this.release(this.held.shift()!, out);
    }
    return out;
  }

  /** Processes everything held and emits the scans up to and including the last report's time. */
  finish(): ScanOutput[] {
    const out: ScanOutput[] = [];
    while (this.held.length > 0) this.release(this.held.shift()!, out);
    this.flushFrames();
    if (this.nextScan !== null && Number.isFinite(this.processedUpTo)) {
      while (this.nextScan <= this.processedUpTo + this.config.scanPeriod - 1e-9) {
        out.push(this.emitScan(this.nextScan));
        this.nextScan = (this.nextScan + this.config.scanPeriod) as Instant;
      }
    }
    return out;
  }

  private release(report: Report, out: ScanOutput[]): void {
    if (this.nextScan === null) {
      // Scans fall on whole multiples of the period in UTC.
      const utc = utcSecondsFromInstant(report.t);
      const p = this.config.scanPeriod;
      this.nextScan = instantFromUtcSeconds(Math.ceil(utc / p) * p);
    }
    if (this.frameBuffer.length > 0 && report.t > this.frameBuffer[0].t) this.flushFrames();
    while (this.nextScan! < report.t) {
      out.push(this.emitScan(this.nextScan!));
      this.nextScan = (this.nextScan! + this.config.scanPeriod) as Instant;
    }
    this.frameBuffer.push(report);
    this.processedUpTo = report.t;
  }

  /** Processes the buffered reports of one instant, one sensor frame at a time. */
  private flushFrames(): void {
    if (this.frameBuffer.length === 0) return;
    const only = this.frameBuffer[0].sensorId;
    let single = true;
    for (let i = 1; i < this.frameBuffer.length && single; i++) single = this.frameBuffer[i].sensorId === only;
    if (single) {
      // The usual case with asynchronous sensors: one sensor's frame at this instant.
      const frame = this.frameBuffer;
      this.frameBuffer = [];
      this.processFrame(frame);
      return;
    }
    const bySensor = new Map<string, Report[]>();
    for (const r of this.frameBuffer) {
      const list = bySensor.get(r.sensorId);
      if (list) list.push(r);
      else bySensor.set(r.sensorId, [r]);
    }
    this.frameBuffer = [];
    for (const sensorId of [...bySensor.keys()].sort()) this.processFrame(bySensor.get(sensorId)!);
  }

  // Per-frame workspaces, sized for a large raid and grown (rarely) when a frame or the track
  // list outgrows them: no allocation per frame.
  private candTrack = new Int32Array(256);
  private candStart = new Int32Array(257);
  private candReport = new Int32Array(1024);
  private zOf = new Float64Array(256);
  private losOf = new Float64Array(384);
  private claimed = new Uint8Array(128);
  private gated = new Uint8Array(128);
  private nCand = 0;
  private pairs: GatedPair[] = [];
  private readonly pairPool: { track: number; report: number; nis: number; logNorm: number }[] = [];
  private readonly reference = new Float64Array(3);
  private readonly single = new Float64Array([1]);
  private zs = new Float64Array(2);
  private readonly free: Report[] = [];

  /**
   * One sensor's detections at one instant: pre-gate, predict and gate, associate and update,
   * and hand what no track took to the initiator.
   */
  processFrame(reports: readonly Report[]): void {
    this.stats.frames++;
    const t = reports[0].t;
    const nD = reports.length;
    this.reserve(this.tracks.length, nD);
    const los = this.losOf;
    for (let j = 0; j < nD; j++) {
      const u = reports[j].lineOfSight;
      los[3 * j] = u[0];
      los[3 * j + 1] = u[1];
      los[3 * j + 2] = u[2];
    }
    this.claimed.fill(0, 0, nD);
    this.preGate(reports, t);
    const shared = this.gate(reports, t);
    if (this.pairs.length > 0) {
      if (this.config.association === 'jpda') this.associateJpda(reports);
      else if (!shared && !this.ungated) this.associateUnshared(reports);
      else this.associateGnn(reports);
    }
    const free = this.free;
    free.length = 0;
    for (let j = 0; j < nD; j++) if (!this.claimed[j]) free.push(reports[j]);
    if (free.length > 0) for (const nt of this.initiator.add(free, t)) this.createOrRelink(nt);
  }

  private reserve(nT: number, nD: number): void {
    if (this.candTrack.length < nT) {
      this.candTrack = new Int32Array(2 * nT);
      this.candStart = new Int32Array(2 * nT + 1);
    }
    if (this.claimed.length < nD) {
      this.zOf = new Float64Array(4 * nD);
      this.losOf = new Float64Array(6 * nD);
      this.claimed = new Uint8Array(2 * nD);
      this.gated = new Uint8Array(2 * nD);
    }
  }

  /**
   * Cheap angular pre-gate on a straight-line extrapolation of each track: fills the candidate
   * tracks (`candTrack`, `nCand`) and, per candidate, the reports within its cone (`candReport`
   * from `candStart`).
   */
  private preGate(reports: readonly Report[], t: Instant): void {
    const s = reports[0].sensorPosition;
    const s0 = s[0], s1 = s[1], s2 = s[2];
    const nD = reports.length;
    const nT = this.tracks.length;
    const los = this.losOf;
    const sigmas = this.config.coarseGateSigmas;
    let nCand = 0;
    let nPairsCand = 0;
    for (let i = 0; i < nT; i++) {
      const est = this.tracks[i].est;
      const x = est.x;
      const P = est.P;
      const dt = t - est.t;
      const dx = x[0] + x[3] * dt - s0;
      const dy = x[1] + x[4] * dt - s1;
      const dz = x[2] + x[5] * dt - s2;
      const rho = Math.sqrt(dx * dx + dy * dy + dz * dz);
      // Position variance along the extrapolation, plus 20 m/s^2 of unmodelled acceleration.
      const posVar = P[0] + P[10] + P[20] + dt * dt * (P[30] + P[40] + P[50]) + 100 * dt * dt * dt * dt;
      const start = nPairsCand;
      // The gate depends on the report only through its sigma, which a frame's reports share.
      let gateSigma = Number.NaN;
      let cosGate = 0;
      if (nPairsCand + nD > this.candReport.length) this.growCandidates(nPairsCand + nD);
      const candReport = this.candReport;
      for (let j = 0; j < nD; j++) {
        const sig = reports[j].sigma;
        if (sig !== gateSigma) {
          gateSigma = sig;
          const gate = sigmas * Math.sqrt(posVar / (rho * rho) + sig * sig);
          // Compared as a dot product scaled by rho: no division per pair.
          cosGate = rho * (gate < 0.5 ? 1 - 0.5 * gate * gate : Math.cos(Math.min(gate, Math.PI)));
        }
        if (this.ungated || dx * los[3 * j] + dy * los[3 * j + 1] + dz * los[3 * j + 2] > cosGate) candReport[nPairsCand++] = j;
      }
      if (nPairsCand > start) {
        this.candTrack[nCand] = i;
        this.candStart[nCand] = start;
        nCand++;
      }
    }
    this.candStart[nCand] = nPairsCand;
    this.nCand = nCand;
  }

  private growCandidates(needed: number): void {
    const grown = new Int32Array(2 * needed);
    grown.set(this.candReport);
    this.candReport = grown;
  }

  /**
   * Predicts the candidates to the frame time and keeps the pairs whose normalised innovation
   * squared is inside the gate (`pairs`, grouped by candidate). Returns whether some report is
   * in two tracks' gates.
   */
  private gate(reports: readonly Report[], t: Instant): boolean {
    const s = reports[0].sensorPosition;
    const nD = reports.length;
    const pairs = this.pairs;
    pairs.length = 0;
    const zOf = this.zOf;
    const m = this.measurement;
    const reference = this.reference;
    const gated = this.gated;
    const moments = this.gateMoments;
    gated.fill(0, 0, nD);
    let shared = false;
    for (let ci = 0; ci < this.nCand; ci++) {
      const track = this.tracks[this.candTrack[ci]];
      this.estimator.predict(track.est, t);
      this.referenceDirection(track.est.x, s, reference);
      const a = this.candStart[ci];
      const b = this.candStart[ci + 1];
      m.setGeometry(s, reference, reports[this.candReport[a]].sigma);
      this.gateFilter.moments(m, track.est.x, track.est.P, moments);
      const S = moments.S;
      const det = S[0] * S[3] - S[1] * S[2];
      if (!(det > 0)) continue;
      const i00 = S[3] / det;
      const i01 = -S[1] / det;
      const i11 = S[0] / det;
      const logNorm = Math.log(det) + 2 * Math.log(2 * Math.PI);
      for (let q = a; q < b; q++) {
        const j = this.candReport[q];
        if (!m.project(reports[j].lineOfSight, zOf, 2 * j)) continue;
        const n0 = zOf[2 * j] - moments.zPred[0];
        const n1 = zOf[2 * j + 1] - moments.zPred[1];
        const nis = n0 * (i00 * n0 + i01 * n1) + n1 * (i01 * n0 + i11 * n1);
        if (this.ungated || nis < this.gateThreshold) {
          // Pair records are reused from frame to frame: no garbage per report.
          let pair = this.pairPool[pairs.length];
          if (!pair) {
            pair = { track: 0, report: 0, nis: 0, logNorm: 0 };
            this.pairPool.push(pair);
          }
          pair.track = ci;
          pair.report = j;
          pair.nis = nis;
          pair.logNorm = logNorm;
          pairs.push(pair);
          if (gated[j] !== 0) shared = true;
          gated[j] = 1;
        }
      }
    }
    return shared;
  }

  /**
   * GNN when no report is in two tracks' gates: the optimal assignment is each track's own best
   * report (pairs arrive grouped by track), so the solver and its clustering are not needed.
   */
  private associateUnshared(reports: readonly Report[]): void {
    const pairs = this.pairs;
    let k = 0;
    while (k < pairs.length) {
      const ci = pairs[k].track;
      let best = k;
      for (k++; k < pairs.length && pairs[k].track === ci; k++) if (pairs[k].nis < pairs[best].nis) best = k;
      const j = pairs[best].report;
      this.claimed[j] = 1;
      this.updateTrack(this.tracks[this.candTrack[ci]], reports, j, 1, this.single, 0, 0);
    }
  }

  /** GNN by optimal assignment per cluster of tracks that share reports. */
  private associateGnn(reports: readonly Report[]): void {
    const assigned = globalNearestNeighbour(this.nCand, reports.length, this.pairs, this.gateThreshold, this.solver, this.gnnScratch);
    for (let ci = 0; ci < this.nCand; ci++) {
      const j = assigned[ci];
      if (j < 0) continue;
      this.claimed[j] = 1;
      this.updateTrack(this.tracks[this.candTrack[ci]], reports, j, 1, this.single, 0, 0);
    }
  }

  /** JPDA: every gated report weighs on the track by its marginal association probability. */
  private associateJpda(reports: readonly Report[]): void {
    const c = this.config;
    const pairs = this.pairs;
    const result = jointProbabilisticAssociation(this.nCand, pairs, {
      pd: c.pd, pg: c.gateProbability, clutterDensity: c.clutterDensity, maxEvents: 5000,
    });
    const byTrack = new Map<number, number[]>();
    pairs.forEach((p, k) => {
      const list = byTrack.get(p.track);
      if (list) list.push(k);
      else byTrack.set(p.track, [k]);
    });
    const missDensity = (c.clutterDensity * (1 - c.pd * c.gateProbability)) / c.pd;
    for (const [ci, ks] of byTrack) {
      if (result.beta0[ci] >= 0.99) continue;
      const betas = new Float64Array(ks.map((k) => result.beta[k]));
      const indices = ks.map((k) => pairs[k].report);
      this.updateTrackMany(this.tracks[this.candTrack[ci]], reports, indices, betas, result.beta0[ci], missDensity);
    }
    // A report gated by some track is not offered to the initiator even when it is shared.
    for (let j = 0; j < reports.length; j++) if (this.gated[j]) this.claimed[j] = 1;
  }

  /** Line of sight from the sensor to where the target was when the light left it. */
  private referenceDirection(x: ArrayLike<number>, s: ArrayLike<number>, out: Float64Array): void {
    const tau = length3(x[0] - s[0], x[1] - s[1], x[2] - s[2]) / SPEED_OF_LIGHT;
    out[0] = x[0] - x[3] * tau - s[0];
    out[1] = x[1] - x[4] * tau - s[1];
    out[2] = x[2] - x[5] * tau - s[2];
  }

  private updateTrackMany(track: TrackRecord, reports: readonly Report[], indices: number[], betas: Float64Array, beta0: number, missDensity: number): void {
    if (this.zs.length < 2 * indices.length) this.zs = new Float64Array(4 * indices.length);
    this.updateWith(track, reports, indices, indices.length, betas, beta0, missDensity);
  }

  private updateTrack(track: TrackRecord, reports: readonly Report[], j: number, count: number, betas: Float64Array, beta0: number, missDensity: number): void {
    this.singleIndex[0] = j;
    this.updateWith(track, reports, this.singleIndex, count, betas, beta0, missDensity);
  }

  private readonly singleIndex = [0];
  /** Where createOrRelink predicts coasting tracks (reused: one clone per candidate was garbage). */
  private relinkScratch: TrackEstimate | null = null;

  private updateWith(
    track: TrackRecord, reports: readonly Report[], indices: readonly number[], count: number, betas: Float64Array, beta0: number, missDensity: number,
  ): void {
    const m = this.measurement;
    const first = reports[indices[0]];
    const s = first.sensorPosition;
    this.referenceDirection(track.est.x, s, this.reference);
    m.setGeometry(s, this.reference, first.sigma);
    const zs = this.zs;
    for (let k = 0; k < count; k++) m.project(reports[indices[k]].lineOfSight, zs, 2 * k);
    if (!this.estimator.update(track.est, m, zs, betas, count, beta0, missDensity)) return;
    this.stats.updates++;
    track.lastUpdate = first.t;
    track.hits++;
    for (let k = 0; k < count; k++) {
      if (count > 1 && betas[k] < 0.5) continue;
      const r = reports[indices[k]];
      if (!track.multiPlatform && this.platforms.indexOf(r.sensorId) !== track.firstPlatform) track.multiPlatform = true;
      track.pendingReportIds.push(r.id);
      if (track.releasable.length > 0) track.releasable = this.restrictRelease(track.releasable, r.sensorId);
    }
    if (track.status === 'tentative' && track.hits >= this.config.confirmReports && track.multiPlatform) {
      track.status = 'confirmed';
      this.stats.tracksConfirmed++;
    }
  }

  private restrictRelease(current: string[], sensorId: string): string[] {
    const allowed = this.config.releasabilityBySensor[sensorId];
    return allowed ? current.filter((n) => allowed.includes(n)) : current;
  }

  private createOrRelink(nt: NewTrack): void {
    // Continuity: a coasting confirmed track that this one continues keeps its id.
    let best: TrackRecord | null = null;
    let bestD2 = this.relinkThreshold;
    for (const track of this.tracks) {
      if (track.status !== 'confirmed' || nt.t - track.lastUpdate < 2 * this.config.scanPeriod) continue;
      const predicted = (this.relinkScratch ??= this.estimator.clone(track.est));
      this.estimator.copyInto(predicted, track.est);
      this.estimator.predict(predicted, nt.t);
      const d2 = stateDistance(predicted.x, predicted.P, nt.x, nt.P);
      if (d2 < bestD2) {
        bestD2 = d2;
        best = track;
      }
    }
    if (best) {
      this.estimator.reset(best.est, nt.x, nt.P, nt.t);
      best.lastUpdate = nt.t;
      for (let k = 0; k < nt.reportIds.length; k++) {
        best.pendingReportIds.push(nt.reportIds[k]);
        best.releasable = this.restrictRelease(best.releasable, nt.sensorIds[k]);
      }
      this.stats.relinks++;
      return;
    }
    const track: TrackRecord = {
      id: `T${this.nextId++}`,
      status: 'tentative',
      est: this.estimator.create(nt.x, nt.P, nt.t),
      born: nt.t,
      lastUpdate: nt.t,
      hits: 0,
      firstPlatform: this.platforms.indexOf(nt.sensorIds[0]),
      multiPlatform: nt.sensorIds.some((id) => this.platforms.indexOf(id) !== this.platforms.indexOf(nt.sensorIds[0])),
      pendingReportIds: [...nt.reportIds],
      releasable: [...this.config.releasableTo],
      classifier: newClassifierState(nt.t),
      classification: 'unknown',
      // Every field present from the start: a record that gains one later changes shape, and
      // the optimised code of every function that reads records is thrown away.
      impact: undefined,
      impactAt: Number.NEGATIVE_INFINITY,
    };
    for (const id of nt.sensorIds) track.releasable = this.restrictRelease(track.releasable, id);
    this.tracks.push(track);
    this.stats.tracksCreated++;
  }

  /** Deletes, merges, predicts and emits every live track at scan time T. */
  private emitScan(T: Instant): ScanOutput {
    const c = this.config;
    const snapshots: TrackSnapshot[] = [];
    const kept: TrackRecord[] = [];
    for (const track of this.tracks) {
      this.estimator.predict(track.est, T);
      if (this.isStale(track, T)) {
        if (track.status === 'confirmed' || c.emitTentative) snapshots.push(this.snapshot(track, T, 'deleted'));
        continue;
      }
      kept.push(track);
    }
    this.tracks = this.mergeDuplicates(kept, T, snapshots);
    for (const track of this.tracks) {
      this.refresh(track, T);
      if (track.status === 'confirmed' || c.emitTentative) snapshots.push(this.snapshot(track, T, track.status, this.modeProbabilities(track.est)));
    }
    this.initiator.prune(T);
    return { t: T, tracks: snapshots };
  }

  /** Whether a track predicted to T is to be deleted: coasting too long, too uncertain, or below the ground. */
  private isStale(track: TrackRecord, T: Instant): boolean {
    const c = this.config;
    const coast = T - track.lastUpdate;
    if (track.status === 'tentative' && (coast > c.tentativeMaxCoast || T - track.born > c.confirmWindow)) return true;
    // The root of the trace bounds the largest axis from above: cheap, and errs toward deleting.
    const P = track.est.P;
    if (track.status === 'confirmed' && (coast > c.maxCoast || Math.sqrt(P[0] + P[10] + P[20]) > c.maxPositionSigma)) return true;
    // Below the ground (the spherical test first; WGS-84 only near it).
    const x = track.est.x;
    return length3(x[0], x[1], x[2]) < EARTH_RADIUS_EQUATORIAL && itrfToGeodetic(x[0], x[1], x[2]).height < -c.groundClearance;
  }

  /** Classification and, for confirmed ballistic tracks every `impactInterval`, the impact point. */
  private refresh(track: TrackRecord, T: Instant): void {
    const c = this.config;
    const glideMode = c.models.indexOf('glide');
    const kinematics = glideMode >= 0 ? track.est.xm[glideMode] : track.est.x;
    track.classification = classify(track.classifier, kinematics, T, track.born, c.classifier);
    if (track.status === 'confirmed' && track.classification === 'ballistic' && T - track.impactAt >= c.impactInterval) {
      track.impact = predictImpact(track.est.x, track.est.P, 9, T);
      track.impactAt = T;
    } else if (track.classification !== 'ballistic') track.impact = undefined;
  }

  private mergeDuplicates(tracks: TrackRecord[], T: Instant, snapshots: TrackSnapshot[]): TrackRecord[] {
    const dropped = new Set<TrackRecord>();
    for (let a = 0; a < tracks.length; a++) {
      const ta = tracks[a];
      if (dropped.has(ta)) continue;
      for (let b = a + 1; b < tracks.length; b++) {
        const tb = tracks[b];
        if (dropped.has(tb)) continue;
        const dx = ta.est.x[0] - tb.est.x[0];
        const dy = ta.est.x[1] - tb.est.x[1];
        const dz = ta.est.x[2] - tb.est.x[2];
        const scale = ta.est.P[0] + ta.est.P[10] + ta.est.P[20] + tb.est.P[0] + tb.est.P[10] + tb.est.P[20];
        if (dx * dx + dy * dy + dz * dz > 100 * scale) continue;
        if (stateDistance(ta.est.x, ta.est.P, tb.est.x, tb.est.P) > this.mergeThreshold) continue;
        // Keep the confirmed one, then the older one.
        const loser = rank(ta) >= rank(tb) ? tb : ta;
        dropped.add(loser);
        this.stats.merges++;
        if (loser.status === 'confirmed' || this.config.emitTentative) snapshots.push(this.snapshot(loser, T, 'deleted'));
        if (loser === ta) break;
      }
    }
    return dropped.size === 0 ? tracks : tracks.filter((t) => !dropped.has(t));
  }

  private modeProbabilities(est: TrackEstimate): Record<string, number> | undefined {
    if (est.mu.length < 2) return undefined;
    const out: Record<string, number> = {};
    this.config.models.forEach((name, i) => (out[name] = est.mu[i]));
    return out;
  }

  private snapshot(track: TrackRecord, T: Instant, status: TrackStatus, modes?: Record<string, number>): TrackSnapshot {
    const x = track.est.x;
    const P = track.est.P;
    // One buffer behind the four arrays: snapshots are what consumers keep, and one allocation
    // instead of four makes each cheaper for the collector to copy and to sweep.
    const store = new Float64Array(24);
    store[0] = x[0];
    store[1] = x[1];
    store[2] = x[2];
    store[3] = x[3];
    store[4] = x[4];
    store[5] = x[5];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        store[6 + i * 3 + j] = P[i * 9 + j];
        store[15 + i * 3 + j] = P[(3 + i) * 9 + 3 + j];
      }
    }
    const positionCovariance = store.subarray(6, 15);
    const velocityCovariance = store.subarray(15, 24);
    const snap: TrackSnapshot = {
      trackId: track.id,
      t: T,
      status,
      position: store.subarray(0, 3),
      velocity: store.subarray(3, 6),
      positionCovariance,
      velocityCovariance,
      classification: track.classification,
      releasableTo: [...track.releasable],
      reportIds: track.pendingReportIds,
      lastUpdate: track.lastUpdate,
      ...(modes ? { modeProbabilities: modes } : {}),
      ...(track.impact ? { impact: track.impact } : {}),
    };
    track.pendingReportIds = [];
    return snap;
  }
}

function validateReport(r: Report): void {
  const where = `report ${r.id}`;
  if (typeof r.id !== 'string' || r.id === '') throw new InputError('report.id', r.id, 'must be non-empty text');
  if (!Number.isFinite(r.t)) throw new InputError(`${where}: t`, r.t, 'must be a finite Instant');
  if (!(r.sigma > 0) || !Number.isFinite(r.sigma)) throw new InputError(`${where}: sigma`, r.sigma, 'must be a positive number of radians');
  const s = r.sensorPosition;
  if (!s || s.length < 3 || !Number.isFinite(s[0]) || !Number.isFinite(s[1]) || !Number.isFinite(s[2])) {
    throw new InputError(`${where}: sensorPosition`, s ? Array.from(s) : s, 'must be three finite numbers (m)');
  }
  const u = r.lineOfSight;
  const norm = u && u.length >= 3 ? length3(u[0], u[1], u[2]) : Number.NaN;
  if (!(Math.abs(norm - 1) < 1e-6)) throw new InputError(`${where}: lineOfSight`, u ? Array.from(u) : u, 'must be a unit vector (length 1 within 1e-6)');
}

function rank(t: TrackRecord): number {
  return (t.status === 'confirmed' ? 1e12 : 0) - t.born;
}

/** Chi-square distance between two estimates' position and velocity (covariances added, cross terms ignored). */
export function stateDistance(xa: ArrayLike<number>, Pa: ArrayLike<number>, xb: ArrayLike<number>, Pb: ArrayLike<number>): number {
  const S = new Float64Array(36);
  const inv = new Float64Array(36);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) S[i * 6 + j] = Pa[i * 9 + j] + Pb[i * 9 + j];
  if (!invertSpd(S, 6, inv)) return Number.POSITIVE_INFINITY;
  let d2 = 0;
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) d2 += (xa[i] - xb[i]) * inv[i * 6 + j] * (xa[j] - xb[j]);
  return d2;
}

/** One-sigma along the worst axis of the position covariance (the 3 x 3 block of a 9 x 9), m. */
export function largestSigma(P: ArrayLike<number>, n = 9): number {
  const block = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) block[i * 3 + j] = P[i * n + j];
  const { values } = symmetricEigen(block, 3);
  return Math.sqrt(Math.max(0, values[2]));
}

/** Runs a tracker over a finite, time-ordered list of reports and returns every scan. */
export function trackAll(reports: Iterable<Report>, config: Partial<TrackerConfig> = {}): ScanOutput[] {
  const tracker = new Tracker(config);
  const out: ScanOutput[] = [];
  for (const r of reports) out.push(...tracker.push(r));
  out.push(...tracker.finish());
  return out;
}
