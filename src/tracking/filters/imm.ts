/**
 * The interacting multiple model (Blom & Bar-Shalom 1988) over transition models that share
 * one state layout, run with either Gaussian filter. One model alone is the plain filter, so
 * the tracker has a single estimation path. Mode switching is a continuous-time Markov chain
 * (leave mode i at rate 1/sojourn_i, evenly to the others), so the answer does not depend on
 * how often a track is predicted between reports, which asynchronous sensors make irregular.
 */
import type { Instant } from '../../time/instant.ts';
import type { MeasurementModel } from '../measurement.ts';
import type { TransitionModel } from '../models/transition.ts';
import {
  type GaussianFilter, type MeasurementMoments, UpdateWorkspace, kalmanUpdate, measurementMoments,
} from './gaussian-filter.ts';

/** The estimate a track carries: per-mode Gaussians, mode probabilities, and their combination. */
export interface TrackEstimate {
  t: Instant;
  /** Time (s) since the modes were last mixed. */
  sinceMix: number;
  /** Combined (moment-matched) mean and covariance. */
  readonly x: Float64Array;
  readonly P: Float64Array;
  readonly mu: Float64Array;
  readonly xm: Float64Array[];
  readonly Pm: Float64Array[];
}

export interface ModeSet {
  readonly models: readonly TransitionModel[];
  /** Mean time (s) spent in each mode before switching. */
  readonly sojourn: ArrayLike<number>;
  /** Initial mode probabilities (uniform when omitted). */
  readonly initial?: ArrayLike<number>;
}

export class ImmEstimator {
  readonly n: number;
  readonly nm: number;
  private readonly mixedX: Float64Array[];
  private readonly mixedP: Float64Array[];
  private readonly cbar: Float64Array;
  private readonly weights: Float64Array;
  private readonly logL: Float64Array;
  private readonly moments: MeasurementMoments;
  private readonly ws: UpdateWorkspace;
  private readonly nus: Float64Array;
  private readonly d: Float64Array;

  /**
   * `mixInterval` (s): the modes are mixed when at least this much time has passed since the
   * last mixing, with the switching probabilities of the whole interval. Between reports ~0.1 s
   * apart the mixing weights differ from the identity by dt / sojourn (0.2 %), so mixing every
   * time costs much and changes little; 0 mixes at every prediction (the textbook form).
   */
  constructor(readonly filter: GaussianFilter, readonly modes: ModeSet, maxDetections = 64, readonly mixInterval = 0) {
    this.n = filter.n;
    this.nm = modes.models.length;
    if (this.nm < 1) throw new Error('an estimator needs at least one transition model');
    this.mixedX = modes.models.map(() => new Float64Array(this.n));
    this.mixedP = modes.models.map(() => new Float64Array(this.n * this.n));
    this.cbar = new Float64Array(this.nm);
    this.weights = new Float64Array(this.nm * this.nm);
    this.logL = new Float64Array(this.nm);
    this.moments = measurementMoments(this.n, 2);
    this.ws = new UpdateWorkspace(this.n, 2);
    this.nus = new Float64Array(2 * maxDetections);
    this.d = new Float64Array(this.n);
  }

  create(x: ArrayLike<number>, P: ArrayLike<number>, t: Instant): TrackEstimate {
    const n = this.n;
    const est: TrackEstimate = {
      t,
      sinceMix: 0,
      x: new Float64Array(n),
      P: new Float64Array(n * n),
      mu: new Float64Array(this.nm),
      xm: this.modes.models.map(() => Float64Array.from({ length: n }, (_, i) => x[i])),
      Pm: this.modes.models.map(() => Float64Array.from({ length: n * n }, (_, i) => P[i])),
    };
    for (let j = 0; j < this.nm; j++) est.mu[j] = this.modes.initial ? this.modes.initial[j] : 1 / this.nm;
    this.combine(est);
    return est;
  }

  clone(est: TrackEstimate): TrackEstimate {
    // Built where `create` builds estimates: a second object literal gave clones a shape of their
    // own, and the first clone, minutes into a run, threw away the optimised filter code.
    const copy = this.create(est.x, est.P, est.t);
    this.copyInto(copy, est);
    return copy;
  }

  /** Copies `src` into `dst` (an estimate of this estimator's shape): a clone without the garbage. */
  copyInto(dst: TrackEstimate, src: TrackEstimate): void {
    dst.t = src.t;
    dst.sinceMix = src.sinceMix;
    dst.x.set(src.x);
    dst.P.set(src.P);
    dst.mu.set(src.mu);
    for (let j = 0; j < this.nm; j++) {
      dst.xm[j].set(src.xm[j]);
      dst.Pm[j].set(src.Pm[j]);
    }
  }

  /** Replaces every mode's state by (x, P), keeping the mode probabilities (a re-initialisation). */
  reset(est: TrackEstimate, x: ArrayLike<number>, P: ArrayLike<number>, t: Instant): void {
    for (let j = 0; j < this.nm; j++) {
      est.xm[j].set(x);
      est.Pm[j].set(P);
    }
    est.t = t;
    this.combine(est);
  }

  /** Predicts to `t` (no-op when t is not later than the estimate). */
  predict(est: TrackEstimate, t: Instant): void {
    const dt = t - est.t;
    if (!(dt > 0)) return;
    const nm = this.nm;
    if (nm === 1) {
      this.filter.predict(this.modes.models[0], est.xm[0], est.Pm[0], dt);
      est.t = t;
      this.combine(est);
      return;
    }
    est.sinceMix += dt;
    if (est.sinceMix < this.mixInterval) {
      for (let j = 0; j < nm; j++) this.filter.predict(this.modes.models[j], est.xm[j], est.Pm[j], dt);
      est.t = t;
      this.combine(est);
      return;
    }
    this.mix(est, est.sinceMix);
    est.sinceMix = 0;
    for (let j = 0; j < nm; j++) this.filter.predict(this.modes.models[j], est.xm[j], est.Pm[j], dt);
    est.t = t;
    this.combine(est);
  }

  /** Mixes the modes for the switching probabilities of an interval `dt` (s). */
  private mix(est: TrackEstimate, dt: number): void {
    const { n, nm } = this;
    // Mixing: weights[i * nm + j] = P(mode i before | mode j after).
    const { cbar, weights } = this;
    cbar.fill(0);
    for (let i = 0; i < nm; i++) {
      const stay = Math.exp(-dt / this.modes.sojourn[i]);
      for (let j = 0; j < nm; j++) {
        const pij = i === j ? stay : (1 - stay) / (nm - 1);
        weights[i * nm + j] = pij * est.mu[i];
        cbar[j] += weights[i * nm + j];
      }
    }
    for (let j = 0; j < nm; j++) {
      const x0 = this.mixedX[j];
      const P0 = this.mixedP[j];
      x0.fill(0);
      P0.fill(0);
      const c = cbar[j] > 0 ? cbar[j] : 1;
      for (let i = 0; i < nm; i++) {
        const w = weights[i * nm + j] / c;
        weights[i * nm + j] = w;
        if (w === 0) continue;
        const xi = est.xm[i];
        for (let k = 0; k < n; k++) x0[k] += w * xi[k];
      }
      for (let i = 0; i < nm; i++) {
        const w = weights[i * nm + j];
        if (w === 0) continue;
        const xi = est.xm[i];
        const Pi = est.Pm[i];
        const d = this.d;
        for (let k = 0; k < n; k++) d[k] = xi[k] - x0[k];
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) P0[a * n + b] += w * (Pi[a * n + b] + d[a] * d[b]);
      }
    }
    for (let j = 0; j < nm; j++) {
      est.xm[j].set(this.mixedX[j]);
      est.Pm[j].set(this.mixedP[j]);
      est.mu[j] = cbar[j];
    }
    normalise(est.mu);
  }

  /**
   * Updates with `count` measurements (`zs`, 2 values each, in `measurement`'s coordinates)
   * weighted by `betas`, with probability `beta0` that none is the target's. `missDensity` is
   * the PDA term lambda (1 - Pd Pg) / Pd that a mode's likelihood adds for "none of them"; 0
   * for a single assigned report. Returns false, leaving the estimate partly updated only if an
   * innovation covariance was not positive definite (then the caller should drop the track).
   */
  update(
    est: TrackEstimate, measurement: MeasurementModel, zs: ArrayLike<number>, betas: ArrayLike<number>,
    count: number, beta0: number, missDensity = 0,
  ): boolean {
    const { nm, moments, ws, nus, logL } = this;
    for (let j = 0; j < nm; j++) {
      this.filter.moments(measurement, est.xm[j], est.Pm[j], moments);
      let likelihood = missDensity;
      let logSingle = 0;
      // The 2 x 2 innovation covariance inverted in closed form (no views, no allocation).
      const S = moments.S;
      const det = S[0] * S[3] - S[1] * S[2];
      if (!(det > 0) || !(S[0] > 0)) return false;
      const i00 = S[3] / det;
      const i01 = -0.5 * (S[1] + S[2]) / det;
      const i11 = S[0] / det;
      const logNorm = Math.log(det) + 2 * LOG_2PI;
      for (let k = 0; k < count; k++) {
        const n0 = zs[2 * k] - moments.zPred[0];
        const n1 = zs[2 * k + 1] - moments.zPred[1];
        nus[2 * k] = n0;
        nus[2 * k + 1] = n1;
        const nis = n0 * (i00 * n0 + i01 * n1) + n1 * (i01 * n0 + i11 * n1);
        const logN = -0.5 * (nis + logNorm);
        if (count === 1) logSingle = logN;
        likelihood += Math.exp(logN);
      }
      logL[j] = count === 1 && missDensity === 0 ? logSingle : Math.log(Math.max(likelihood, 1e-300));
      if (!kalmanUpdate(est.xm[j], est.Pm[j], moments, 2, nus, betas, count, beta0, ws)) return false;
    }
    if (nm > 1) {
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < nm; j++) max = Math.max(max, logL[j]);
      for (let j = 0; j < nm; j++) est.mu[j] *= Math.exp(logL[j] - max);
      normalise(est.mu);
      // Keep every mode alive so it can take over when the target manoeuvres.
      for (let j = 0; j < nm; j++) est.mu[j] = Math.max(est.mu[j], 1e-4);
      normalise(est.mu);
    }
    this.combine(est);
    return true;
  }

  /** Moment-matches the modes into est.x, est.P. */
  combine(est: TrackEstimate): void {
    const { n, nm } = this;
    if (nm === 1) {
      est.x.set(est.xm[0]);
      est.P.set(est.Pm[0]);
      return;
    }
    if (nm === 2) {
      // x = x0 + mu1 d, P = P0 + mu1 (P1 - P0) + mu0 mu1 d d^T with d = x1 - x0.
      const [x0, x1] = est.xm;
      const [P0, P1] = est.Pm;
      const m1 = est.mu[1];
      const m01 = est.mu[0] * m1;
      const d = this.d;
      for (let k = 0; k < n; k++) {
        d[k] = x1[k] - x0[k];
        est.x[k] = x0[k] + m1 * d[k];
      }
      for (let a = 0; a < n; a++) {
        const da = m01 * d[a];
        const row = a * n;
        for (let b = 0; b < n; b++) est.P[row + b] = P0[row + b] + m1 * (P1[row + b] - P0[row + b]) + da * d[b];
      }
      return;
    }
    est.x.fill(0);
    est.P.fill(0);
    for (let j = 0; j < nm; j++) for (let k = 0; k < n; k++) est.x[k] += est.mu[j] * est.xm[j][k];
    const d = this.d;
    for (let j = 0; j < nm; j++) {
      const w = est.mu[j];
      const xj = est.xm[j];
      const Pj = est.Pm[j];
      for (let k = 0; k < n; k++) d[k] = xj[k] - est.x[k];
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) est.P[a * n + b] += w * (Pj[a * n + b] + d[a] * d[b]);
    }
  }
}

const LOG_2PI = Math.log(2 * Math.PI);

function normalise(v: Float64Array): void {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  if (!(s > 0)) {
    v.fill(1 / v.length);
    return;
  }
  for (let i = 0; i < v.length; i++) v[i] /= s;
}
