/**
 * Track initiation (Stone Soup's Initiator role) by multi-satellite triangulation. One line of
 * sight has no range, so reports no track claimed wait in a short buffer. A new report is paired
 * with buffered ones from other platforms whose lines pass close enough, given how far a target
 * can move in the time between them; each pair seeds a search for every other buffered report
 * consistent with it, and the set is fitted with position and velocity (`triangulateMoving`).
 * A fit with enough reports from two or more platforms (payloads of one satellite share its
 * position and count once), a consistent chi-square after outlier removal, and a velocity known
 * well enough becomes a tentative track.
 *
 * Every unclaimed report is compared with every buffered one of the last second or so, and
 * most of them are false alarms, so the buffer is kept as columns of numbers (time, sensor
 * position, line of sight, noise, frame, platform): the pairing and gathering loops read
 * typed arrays and allocate nothing; of each report only its id and sensor id are kept.
 */
import { EARTH_RADIUS_MEAN } from '../bodies/earth.ts';
import type { Instant } from '../time/instant.ts';
import { chiSquareQuantile } from './chi-square.ts';
import { PlatformIndex } from './platform.ts';
import { type MovingTriangulation, MovingWorkspace, type TimedLineOfSight, triangulateMoving } from './triangulation.ts';
import type { Report } from './types.ts';
import { length3 } from './vector3.ts';

export interface InitiatorOptions {
  /** How long (s) an unclaimed report stays available. */
  windowS: number;
  /** Largest time difference (s) between the two reports of a seed pair. */
  pairMaxDtS: number;
  /** Fastest target speed in the Earth-fixed frame, m/s. */
  maxSpeed: number;
  /** Fewest reports, and fewest distinct sensors, in a fit. */
  minReports: number;
  minSensors: number;
  /** Altitude band (m above a spherical Earth) where targets are looked for. */
  minAltitude: number;
  maxAltitude: number;
  /** Probability of the chi-square test of a fit. */
  fitProbability: number;
  /** Largest one-sigma speed uncertainty (m/s) of a fit accepted as a track. */
  maxVelocitySigma: number;
  /** Prior one-sigma (m/s^2) of the non-gravitational acceleration of a new track. */
  initialAccelerationSigma: number;
  /** Miss allowance in standard deviations of the angular noise at the range. */
  gateSigmas: number;
}

export const DEFAULT_INITIATOR: InitiatorOptions = {
  windowS: 3,
  pairMaxDtS: 1.1,
  maxSpeed: 8000,
  minReports: 4,
  minSensors: 2,
  minAltitude: -10e3,
  maxAltitude: 2000e3,
  fitProbability: 0.999,
  maxVelocitySigma: 300,
  initialAccelerationSigma: 20,
  gateSigmas: 5,
};

export interface NewTrack {
  readonly t: Instant;
  /** 9-state [r, v, a] and its 9 x 9 covariance. */
  readonly x: Float64Array;
  readonly P: Float64Array;
  /** The reports the fit used: their ids and sensor ids, in time order. */
  readonly reportIds: readonly string[];
  readonly sensorIds: readonly string[];
}

/** Candidate seeds tried per new report (the closest pairs first). */
const MAX_SEEDS = 4;

/** A line of the set being fitted: the report's own arrays, no copies. */
interface FitLine extends TimedLineOfSight {
  origin: Float64Array;
  direction: Float64Array;
  sigma: number;
  t: number;
}

export class TriangulationInitiator {
  // The buffer, in arrival (time) order: entry k's columns for head <= k < count. Each frame's
  // entries are contiguous.
  private head = 0;
  private count = 0;
  private capacity = 0;
  // Only the ids of buffered reports are kept, not the report objects: seconds of reports held
  // as objects (each with two small typed arrays) were what the collector had to promote.
  private ids: (string | undefined)[] = [];
  private sensorIds: (string | undefined)[] = [];
  private time = new Float64Array(0);
  private origin = new Float64Array(0);
  private los = new Float64Array(0);
  private sigma = new Float64Array(0);
  private frame = new Int32Array(0);
  private platform = new Int32Array(0);
  private used = new Uint8Array(0);
  private frames = 0;
  private readonly platforms: PlatformIndex;
  // Seeds of the current report, best first.
  private readonly seedScore = new Float64Array(MAX_SEEDS);
  private readonly seedPoint = new Float64Array(3 * MAX_SEEDS);
  private readonly midpoint = new Float64Array(3);
  // Index lists of gathered sets and fits; grown with the buffer.
  private picked = new Int32Array(16);
  private kept = new Int32Array(16);
  private scores = new Float64Array(16);
  private readonly lines: FitLine[] = [];
  private readonly linePool: FitLine[] = [];
  private readonly fit = new MovingWorkspace();
  private readonly chi2Limit: number[] = [];

  /** `platforms` lets a tracker share its platform numbering; by default the initiator keeps its own. */
  constructor(readonly options: InitiatorOptions = DEFAULT_INITIATOR, platforms?: PlatformIndex) {
    this.platforms = platforms ?? new PlatformIndex();
  }

  get buffered(): number {
    return this.count - this.head;
  }

  /**
   * Forgets reports older than the window before `now`: the oldest entries are dropped by
   * moving the start of the buffer (no copying; storage is compacted only when it fills up).
   * Entries a track has taken stay until then, marked used, and are skipped.
   */
  prune(now: Instant): void {
    const oldest = now - this.options.windowS;
    while (this.head < this.count && this.time[this.head] < oldest) this.forget(this.head++);
    if (this.head === this.count) {
      this.head = 0;
      this.count = 0;
    }
  }

  /** Moves the live entries to the start of storage. */
  private compact(): void {
    const n = this.count - this.head;
    for (let k = 0; k < n; k++) this.move(this.head + k, k);
    for (let k = n; k < this.count; k++) this.forget(k);
    this.head = 0;
    this.count = n;
  }

  private forget(k: number): void {
    this.ids[k] = undefined;
    this.sensorIds[k] = undefined;
  }

  private move(from: number, to: number): void {
    this.ids[to] = this.ids[from];
    this.sensorIds[to] = this.sensorIds[from];
    this.time[to] = this.time[from];
    this.sigma[to] = this.sigma[from];
    this.frame[to] = this.frame[from];
    this.platform[to] = this.platform[from];
    this.used[to] = this.used[from];
    for (let i = 0; i < 3; i++) {
      this.origin[3 * to + i] = this.origin[3 * from + i];
      this.los[3 * to + i] = this.los[3 * from + i];
    }
  }

  private grow(needed: number): void {
    if (needed <= this.capacity) return;
    const cap = Math.max(64, 2 * needed);
    const widen = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T, per: number): T => {
      const next = make(cap * per);
      next.set(old.subarray(0, this.count * per));
      return next;
    };
    this.time = widen(this.time, (n) => new Float64Array(n), 1);
    this.sigma = widen(this.sigma, (n) => new Float64Array(n), 1);
    this.origin = widen(this.origin, (n) => new Float64Array(n), 3);
    this.los = widen(this.los, (n) => new Float64Array(n), 3);
    this.frame = widen(this.frame, (n) => new Int32Array(n), 1);
    this.platform = widen(this.platform, (n) => new Int32Array(n), 1);
    this.used = widen(this.used, (n) => new Uint8Array(n), 1);
    this.picked = new Int32Array(cap);
    this.kept = new Int32Array(cap);
    this.scores = new Float64Array(cap);
    this.capacity = cap;
  }

  /**
   * Adds the unclaimed reports of one frame and returns the tracks they complete, in a
   * deterministic order. Reports must arrive in time order.
   */
  add(reports: readonly Report[], now: Instant): NewTrack[] {
    this.prune(now);
    const frame = this.frames++;
    if (this.count + reports.length > this.capacity && this.head > 0) this.compact();
    const firstNew = this.count;
    this.grow(this.count + reports.length);
    for (const r of reports) {
      const k = this.count++;
      this.ids[k] = r.id;
      this.sensorIds[k] = r.sensorId;
      this.time[k] = r.t;
      this.sigma[k] = r.sigma;
      this.frame[k] = frame;
      this.platform[k] = this.platforms.indexOf(r.sensorId);
      this.used[k] = 0;
      for (let i = 0; i < 3; i++) {
        this.origin[3 * k + i] = r.sensorPosition[i];
        this.los[3 * k + i] = r.lineOfSight[i];
      }
    }
    let created: NewTrack[] | null = null;
    for (let k = firstNew; k < this.count; k++) {
      if (this.used[k]) continue;
      const track = this.tryFrom(k);
      if (track) (created ??= []).push(track);
    }
    return created ?? NO_TRACKS;
  }

  /**
   * Pairs entry `qk` with every earlier entry of another platform within `pairMaxDtS` whose line
   * passes close enough to its own, keeps the closest few as seeds and fits around each in turn.
   */
  private tryFrom(qk: number): NewTrack | null {
    const o = this.options;
    const { time, origin, los, sigma, platform, used, seedScore, seedPoint, midpoint } = this;
    const tq = time[qk];
    const sq = sigma[qk];
    const pq = platform[qk];
    const ax = origin[3 * qk], ay = origin[3 * qk + 1], az = origin[3 * qk + 2];
    const ux = los[3 * qk], uy = los[3 * qk + 1], uz = los[3 * qk + 2];
    const rMin = EARTH_RADIUS_MEAN + o.minAltitude;
    const rMax = EARTH_RADIUS_MEAN + o.maxAltitude;
    let nSeeds = 0;
    for (let k = this.count - 1; k >= this.head; k--) {
      const dt = tq - time[k];
      if (dt > o.pairMaxDtS) break;
      if (dt < -o.pairMaxDtS || used[k] || platform[k] === pq) continue;
      // Closest approach of the two lines (q: a + lambda u, p: b + mu v).
      const vx = los[3 * k], vy = los[3 * k + 1], vz = los[3 * k + 2];
      const wx = ax - origin[3 * k], wy = ay - origin[3 * k + 1], wz = az - origin[3 * k + 2];
      const bb = ux * vx + uy * vy + uz * vz;
      const denom = 1 - bb * bb;
      if (denom < 1e-12) continue;
      const d = ux * wx + uy * wy + uz * wz;
      const e = vx * wx + vy * wy + vz * wz;
      const lambda = (bb * e - d) / denom;
      const mu = (e - bb * d) / denom;
      if (lambda <= 0 || mu <= 0) continue;
      const mx = wx + lambda * ux - mu * vx;
      const my = wy + lambda * uy - mu * vy;
      const mz = wz + lambda * uz - mu * vz;
      const miss = Math.sqrt(mx * mx + my * my + mz * mz);
      const allowance = o.maxSpeed * Math.abs(dt) + o.gateSigmas * (sq * lambda + sigma[k] * mu) + 50;
      if (miss > allowance) continue;
      const px = ax + lambda * ux - 0.5 * mx;
      const py = ay + lambda * uy - 0.5 * my;
      const pz = az + lambda * uz - 0.5 * mz;
      const r = Math.sqrt(px * px + py * py + pz * pz);
      if (r < rMin || r > rMax) continue;
      // Keep the closest MAX_SEEDS in order (ties: the earlier found first, as a stable sort would).
      const score = miss / allowance;
      let at = nSeeds;
      while (at > 0 && seedScore[at - 1] > score) at--;
      if (at >= MAX_SEEDS) continue;
      for (let s = Math.min(nSeeds, MAX_SEEDS - 1); s > at; s--) {
        seedScore[s] = seedScore[s - 1];
        seedPoint[3 * s] = seedPoint[3 * s - 3];
        seedPoint[3 * s + 1] = seedPoint[3 * s - 2];
        seedPoint[3 * s + 2] = seedPoint[3 * s - 1];
      }
      seedScore[at] = score;
      seedPoint[3 * at] = px;
      seedPoint[3 * at + 1] = py;
      seedPoint[3 * at + 2] = pz;
      if (nSeeds < MAX_SEEDS) nSeeds++;
    }
    for (let s = 0; s < nSeeds; s++) {
      midpoint[0] = seedPoint[3 * s];
      midpoint[1] = seedPoint[3 * s + 1];
      midpoint[2] = seedPoint[3 * s + 2];
      const track = this.fitAround(qk, midpoint);
      if (track) return track;
    }
    return null;
  }

  /**
   * Fills `picked` with buffered entries (one per sensor frame, the closest; always `qk` itself)
   * whose lines pass close to a trajectory through `r0` (+ `v0` dt) at q's time: within maxSpeed
   * |dt| plus the noise when `v0` is null (loose), else within the fit's uncertainty (tight).
   * Returns how many, sorted by time then report id.
   */
  private gather(qk: number, r0: ArrayLike<number>, v0: ArrayLike<number> | null, covariance: ArrayLike<number> | null, maxDt: number): number {
    const o = this.options;
    const { time, origin, los, sigma, frame, used, picked, scores } = this;
    const tq = time[qk];
    const posVar0 = covariance ? covariance[0] + covariance[7] + covariance[14] : 0;
    const velVar = covariance ? covariance[21] + covariance[28] + covariance[35] : 0;
    const v0x = v0 ? v0[0] : 0, v0y = v0 ? v0[1] : 0, v0z = v0 ? v0[2] : 0;
    let n = 0;
    for (let k = this.count - 1; k >= this.head; k--) {
      const dt = time[k] - tq;
      if (-dt > maxDt) break;
      if (dt > maxDt || used[k]) continue;
      const dx = r0[0] + v0x * dt - origin[3 * k];
      const dy = r0[1] + v0y * dt - origin[3 * k + 1];
      const dz = r0[2] + v0z * dt - origin[3 * k + 2];
      const along = dx * los[3 * k] + dy * los[3 * k + 1] + dz * los[3 * k + 2];
      if (!(along > 0)) continue;
      const perp = Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - along * along));
      const s = sigma[k];
      const limit = v0
        ? o.gateSigmas * Math.sqrt(s * s * along * along + posVar0 + dt * dt * velVar) + 20 * dt * dt
        : o.maxSpeed * Math.abs(dt) + o.gateSigmas * s * along + 200;
      if (perp > limit) continue;
      const score = k === qk ? -1 : perp / limit;
      // The buffer holds each frame's entries together: the best of a frame replaces in place.
      if (n > 0 && frame[picked[n - 1]] === frame[k]) {
        if (score < scores[n - 1]) {
          picked[n - 1] = k;
          scores[n - 1] = score;
        }
      } else {
        picked[n] = k;
        scores[n] = score;
        n++;
      }
    }
    // Insertion sort by time, then report id: sets are a handful of entries.
    const ids = this.ids;
    for (let i = 1; i < n; i++) {
      const k = picked[i];
      let j = i - 1;
      while (j >= 0 && (time[picked[j]] > time[k] || (time[picked[j]] === time[k] && ids[picked[j]]! > ids[k]!))) {
        picked[j + 1] = picked[j];
        j--;
      }
      picked[j + 1] = k;
    }
    return n;
  }

  private fitAround(qk: number, seedPoint: Float64Array): NewTrack | null {
    const o = this.options;
    const tq = this.time[qk];
    // Loose gather: anywhere a target could have moved since the seed's instant.
    let n = this.gather(qk, seedPoint, null, null, o.pairMaxDtS);
    let fit = this.fitSet(n, tq, seedPoint);
    if (!fit) return null;
    // Tight gather along the fitted trajectory over the whole window, then refit (from the
    // loose fit's state, which the refit overwrites only after reading it).
    n = this.gather(qk, fit.state, fit.state.subarray(3, 6), fit.covariance, o.windowS);
    fit = this.fitSet(n, tq, fit.state);
    if (!fit) return null;
    const vSigma = Math.sqrt(Math.max(fit.covariance[21], fit.covariance[28], fit.covariance[35]));
    if (vSigma > o.maxVelocitySigma) return null;
    const speed = length3(fit.state[3], fit.state[4], fit.state[5]);
    if (speed > o.maxSpeed) return null;
    const altitude = length3(fit.state[0], fit.state[1], fit.state[2]) - EARTH_RADIUS_MEAN;
    if (altitude < o.minAltitude || altitude > o.maxAltitude) return null;
    const x = new Float64Array(9);
    x.set(fit.state);
    const P = new Float64Array(81);
    // Inflate for the acceleration the fit assumed zero over the window.
    const set = this.picked;
    const count = this.fitCount;
    let span = 0;
    for (let i = 0; i < count; i++) span = Math.max(span, Math.abs(this.time[set[i]] - tq));
    const a2 = o.initialAccelerationSigma * o.initialAccelerationSigma;
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) P[i * 9 + j] = fit.covariance[i * 6 + j];
    for (let i = 0; i < 3; i++) {
      P[i * 9 + i] += (a2 * span ** 4) / 16;
      P[(3 + i) * 9 + 3 + i] += (a2 * span * span) / 4;
      P[(6 + i) * 9 + 6 + i] = a2;
    }
    const reportIds: string[] = [];
    const sensorIds: string[] = [];
    for (let i = 0; i < count; i++) {
      this.used[set[i]] = 1;
      reportIds.push(this.ids[set[i]]!);
      sensorIds.push(this.sensorIds[set[i]]!);
    }
    return { t: tq as Instant, x, P, reportIds, sensorIds };
  }

  /** Entries of the last successful fit: the first `fitCount` of `picked`. */
  private fitCount = 0;

  /**
   * Fits the first `n` entries of `picked`; while the chi-square fails, drops every report whose
   * own normalised miss is beyond the 99.9 % point of two degrees of freedom (or the single
   * worst one if none is), and refits: a handful of fits even when the loose gather picked up
   * another target's reports. On success the fitted entries are the first `fitCount` of
   * `picked` and the answer is the initiator's fit workspace.
   */
  private fitSet(n: number, tRef: number, guess: ArrayLike<number>): MovingTriangulation | null {
    const o = this.options;
    const { time, origin, los, sigma } = this;
    let set = this.picked;
    let spare = this.kept;
    for (let round = 0; round < 6; round++) {
      if (n < o.minReports) return null;
      if (!this.hasPlatforms(set, n, o.minSensors)) return null;
      const lines = this.lines;
      lines.length = 0;
      for (let i = 0; i < n; i++) {
        const k = set[i];
        const line = (this.linePool[i] ??= { origin: new Float64Array(3), direction: new Float64Array(3), sigma: 0, t: 0 });
        for (let a = 0; a < 3; a++) {
          line.origin[a] = origin[3 * k + a];
          line.direction[a] = los[3 * k + a];
        }
        line.sigma = sigma[k];
        line.t = time[k];
        lines.push(line);
      }
      const fit = triangulateMoving(lines, tRef, guess, round === 0 ? 3 : 2, this.fit);
      if (!fit) return null;
      if (fit.dof === 0 || fit.chi2 <= this.chi2Quantile(fit.dof)) {
        if (set !== this.picked) this.picked.set(set.subarray(0, n));
        this.fitCount = n;
        return fit;
      }
      const scores = this.scores;
      const st = fit.state;
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const k = set[i];
        const dt = time[k] - tRef;
        const px = st[0] + st[3] * dt - origin[3 * k];
        const py = st[1] + st[4] * dt - origin[3 * k + 1];
        const pz = st[2] + st[5] * dt - origin[3 * k + 2];
        const along = px * los[3 * k] + py * los[3 * k + 1] + pz * los[3 * k + 2];
        scores[i] = (px * px + py * py + pz * pz - along * along) / (sigma[k] * sigma[k] * along * along);
        if (scores[i] > scores[worst]) worst = i;
      }
      let kept = 0;
      for (let i = 0; i < n; i++) if (scores[i] <= OUTLIER_CHI2 && i !== worst) spare[kept++] = set[i];
      if (!(kept >= o.minReports || scores[worst] <= OUTLIER_CHI2)) {
        kept = 0;
        for (let i = 0; i < n; i++) if (i !== worst) spare[kept++] = set[i];
      }
      const swap = set;
      set = spare;
      spare = swap;
      n = kept;
      guess = fit.state;
    }
    return null;
  }

  private chi2Quantile(dof: number): number {
    return (this.chi2Limit[dof] ??= chiSquareQuantile(this.options.fitProbability, dof));
  }

  /** Whether the first `n` entries of `set` come from at least `count` distinct platforms. */
  private hasPlatforms(set: Int32Array, n: number, count: number): boolean {
    if (n === 0) return false;
    if (count <= 1) return true;
    const platform = this.platform;
    let distinct = 0;
    for (let i = 0; i < n && distinct < count; i++) {
      const p = platform[set[i]];
      let seen = false;
      for (let j = 0; j < i && !seen; j++) seen = platform[set[j]] === p;
      if (!seen) distinct++;
    }
    return distinct >= count;
  }
}

const NO_TRACKS: NewTrack[] = [];

/** 99.9 % point of chi-square with 2 degrees of freedom: one report's miss, squared and normalised. */
const OUTLIER_CHI2 = -2 * Math.log(1e-3);
