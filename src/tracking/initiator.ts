/**
 * Track initiation (Stone Soup's Initiator role) by multi-satellite triangulation. One line of
 * sight has no range, so reports no track claimed wait in a short buffer. A new report is paired
 * with buffered ones from other sensors whose lines pass close enough, given how far a target
 * can move in the time between them; each pair seeds a search for every other buffered report
 * consistent with it, and the set is fitted with position and velocity (`triangulateMoving`).
 * A fit with enough reports from two or more sensors, a consistent chi-square after outlier
 * removal, and a velocity known well enough becomes a tentative track.
 */
import type { Instant } from '../time/instant.ts';
import { chiSquareQuantile } from './chi-square.ts';
import { EARTH_RADIUS_MEAN } from '../bodies/earth.ts';
import { type Approach, type MovingTriangulation, closestApproachInto, triangulateMoving } from './triangulation.ts';
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
  readonly reports: readonly Report[];
}

/** A buffered report, the frame it came in (a fit takes at most one report per frame) and whether a track took it. */
interface Entry {
  readonly r: Report;
  readonly frame: number;
  used: boolean;
}

export class TriangulationInitiator {
  private readonly buffer: Entry[] = [];
  private frames = 0;
  private anyUsed = false;
  private readonly approach: Approach = { lambda: 0, mu: 0, miss: 0, midpoint: new Float64Array(3) };
  private readonly point = new Float64Array(3);

  constructor(readonly options: InitiatorOptions = DEFAULT_INITIATOR) {}

  get buffered(): number {
    return this.buffer.length;
  }

  /** Forgets reports older than the window before `now`, and those a track has taken. */
  prune(now: Instant): void {
    const oldest = now - this.options.windowS;
    if (this.buffer.length === 0 || (this.buffer[0].r.t >= oldest && !this.anyUsed)) return;
    // Compacted in place: a copy of the whole window on every frame was steady garbage.
    const buffer = this.buffer;
    let first = 0;
    while (first < buffer.length && buffer[first].r.t < oldest) first++;
    let kept = 0;
    for (let k = first; k < buffer.length; k++) {
      const e = buffer[k];
      if (this.anyUsed && e.used) continue;
      buffer[kept++] = e;
    }
    buffer.length = kept;
    this.anyUsed = false;
  }

  /**
   * Adds the unclaimed reports of one frame and returns the tracks they complete, in a
   * deterministic order. Reports must arrive in time order.
   */
  add(reports: readonly Report[], now: Instant): NewTrack[] {
    this.prune(now);
    const created: NewTrack[] = [];
    const frame = this.frames++;
    const added: Entry[] = [];
    for (const r of reports) {
      const e = { r, frame, used: false };
      this.buffer.push(e);
      added.push(e);
    }
    for (const e of added) {
      if (e.used) continue;
      const track = this.tryFrom(e);
      if (track) {
        for (const used of track.entries) used.used = true;
        this.anyUsed = true;
        created.push({ t: track.t, x: track.x, P: track.P, reports: track.entries.map((u) => u.r) });
      }
    }
    return created;
  }

  private tryFrom(qe: Entry): (Omit<NewTrack, 'reports'> & { entries: Entry[] }) | null {
    const o = this.options;
    const q = qe.r;
    const seeds: { miss: number; point: Float64Array }[] = [];
    const ca = this.approach;
    for (let k = this.buffer.length - 1; k >= 0; k--) {
      const pe = this.buffer[k];
      const p = pe.r;
      if (q.t - p.t > o.pairMaxDtS) break;
      const dt = Math.abs(q.t - p.t);
      if (dt > o.pairMaxDtS || pe.used || p.sensorId === q.sensorId) continue;
      if (!closestApproachInto(q.sensorPosition, q.lineOfSight, p.sensorPosition, p.lineOfSight, ca) || ca.lambda <= 0 || ca.mu <= 0) continue;
      const allowance = o.maxSpeed * dt + o.gateSigmas * (q.sigma * ca.lambda + p.sigma * ca.mu) + 50;
      if (ca.miss > allowance) continue;
      const m = ca.midpoint;
      const altitude = Math.sqrt(m[0] * m[0] + m[1] * m[1] + m[2] * m[2]) - EARTH_RADIUS_MEAN;
      if (altitude < o.minAltitude || altitude > o.maxAltitude) continue;
      seeds.push({ miss: ca.miss / allowance, point: m.slice() });
    }
    if (seeds.length === 0) return null;
    seeds.sort((a, b) => a.miss - b.miss);
    for (let i = 0; i < seeds.length && i < 4; i++) {
      const track = this.fitAround(qe, seeds[i].point);
      if (track) return track;
    }
    return null;
  }

  /**
   * Buffered entries (one per sensor frame, the closest; always `qe` itself) whose lines pass
   * close to a trajectory through `r0` (+ `v0` dt) at q's time: within maxSpeed |dt| plus the
   * noise when `v0` is null (loose), else within the fit's uncertainty (tight).
   */
  private gather(qe: Entry, r0: ArrayLike<number>, v0: ArrayLike<number> | null, covariance: ArrayLike<number> | null, maxDt: number): Entry[] {
    const o = this.options;
    const q = qe.r;
    // The buffer holds each frame's entries contiguously, in frame order, so the best entry of
    // each frame is found in one pass without a map (this runs for every unclaimed report).
    const picked: Entry[] = [];
    let pickedScore = 0;
    const point = this.point;
    const posVar0 = covariance ? covariance[0] + covariance[7] + covariance[14] : 0;
    const velVar = covariance ? covariance[21] + covariance[28] + covariance[35] : 0;
    for (let k = this.buffer.length - 1; k >= 0; k--) {
      const e = this.buffer[k];
      const r = e.r;
      if (q.t - r.t > maxDt) break;
      const dt = r.t - q.t;
      if (Math.abs(dt) > maxDt || e.used) continue;
      point[0] = r0[0] + (v0 ? v0[0] * dt : 0);
      point[1] = r0[1] + (v0 ? v0[1] * dt : 0);
      point[2] = r0[2] + (v0 ? v0[2] * dt : 0);
      const s = r.sensorPosition;
      const u = r.lineOfSight;
      const dx = point[0] - s[0];
      const dy = point[1] - s[1];
      const dz = point[2] - s[2];
      const along = dx * u[0] + dy * u[1] + dz * u[2];
      if (!(along > 0)) continue;
      const perp = Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - along * along));
      const limit = v0
        ? o.gateSigmas * Math.sqrt(r.sigma * r.sigma * along * along + posVar0 + dt * dt * velVar) + 20 * dt * dt
        : o.maxSpeed * Math.abs(dt) + o.gateSigmas * r.sigma * along + 200;
      if (perp > limit) continue;
      const score = e === qe ? -1 : perp / limit;
      const last = picked.length - 1;
      if (last >= 0 && picked[last].frame === e.frame) {
        if (score < pickedScore) {
          picked[last] = e;
          pickedScore = score;
        }
      } else {
        picked.push(e);
        pickedScore = score;
      }
    }
    return picked.sort(byTimeThenId);
  }

  private fitAround(qe: Entry, seedPoint: Float64Array): (Omit<NewTrack, 'reports'> & { entries: Entry[] }) | null {
    const o = this.options;
    const q = qe.r;
    // Loose gather: anywhere a target could have moved since the seed's instant.
    let set = this.gather(qe, seedPoint, null, null, o.pairMaxDtS);
    let fit = this.fitSet(set, q.t, seedPoint);
    if (!fit) return null;
    // Tight gather along the fitted trajectory over the whole window, then refit.
    set = this.gather(qe, fit.state, fit.state.subarray(3, 6), fit.covariance, o.windowS);
    fit = this.fitSet(set, q.t, fit.state);
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
    let span = 0;
    for (const e of set) span = Math.max(span, Math.abs(e.r.t - q.t));
    const a2 = o.initialAccelerationSigma * o.initialAccelerationSigma;
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) P[i * 9 + j] = fit.covariance[i * 6 + j];
    for (let i = 0; i < 3; i++) {
      P[i * 9 + i] += (a2 * span ** 4) / 16;
      P[(3 + i) * 9 + 3 + i] += (a2 * span * span) / 4;
      P[(6 + i) * 9 + 6 + i] = a2;
    }
    return { t: q.t, x, P, entries: set };
  }

  /**
   * Fits; while the chi-square fails, drops every report whose own normalised miss is beyond the
   * 99.9 % point of two degrees of freedom (or the single worst one if none is), and refits: a
   * handful of fits even when the loose gather picked up another target's reports.
   */
  private fitSet(entries: Entry[], tRef: number, guess: ArrayLike<number>): MovingTriangulation | null {
    const o = this.options;
    let set = entries;
    let start: ArrayLike<number> = guess;
    for (let round = 0; round < 6; round++) {
      if (set.length < o.minReports) return null;
      if (!hasSensors(set, o.minSensors)) return null;
      const lines = set.map(({ r }) => ({ origin: r.sensorPosition, direction: r.lineOfSight, sigma: r.sigma, t: r.t }));
      const fit = triangulateMoving(lines, tRef, start, round === 0 ? 3 : 2);
      if (!fit) return null;
      if (fit.dof === 0 || fit.chi2 <= chiSquareQuantile(o.fitProbability, fit.dof)) {
        if (set !== entries) entries.splice(0, entries.length, ...set);
        return fit;
      }
      const scores = set.map(({ r }) => {
        const dt = r.t - tRef;
        const px = fit.state[0] + fit.state[3] * dt - r.sensorPosition[0];
        const py = fit.state[1] + fit.state[4] * dt - r.sensorPosition[1];
        const pz = fit.state[2] + fit.state[5] * dt - r.sensorPosition[2];
        const along = px * r.lineOfSight[0] + py * r.lineOfSight[1] + pz * r.lineOfSight[2];
        return (px * px + py * py + pz * pz - along * along) / (r.sigma * r.sigma * along * along);
      });
      let worst = 0;
      for (let i = 1; i < scores.length; i++) if (scores[i] > scores[worst]) worst = i;
      const outlier = OUTLIER_CHI2;
      const kept = set.filter((_, i) => scores[i] <= outlier && i !== worst);
      set = kept.length >= o.minReports || scores[worst] <= outlier ? kept : set.filter((_, i) => i !== worst);
      start = fit.state;
    }
    return null;
  }
}

/** 99.9 % point of chi-square with 2 degrees of freedom: one report's miss, squared and normalised. */
const OUTLIER_CHI2 = -2 * Math.log(1e-3);

function byTimeThenId(a: Entry, b: Entry): number {
  return a.r.t - b.r.t || (a.r.id < b.r.id ? -1 : 1);
}

function hasSensors(entries: readonly Entry[], count: number): boolean {
  const first = entries[0]?.r.sensorId;
  if (count <= 1) return entries.length > 0;
  if (count === 2) return entries.some((e) => e.r.sensorId !== first);
  return new Set(entries.map((e) => e.r.sensorId)).size >= count;
}
