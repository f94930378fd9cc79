/**
 * Gaussian filters (Stone Soup's Predictor and Updater roles): the extended and the unscented
 * Kalman filter share one interface, so the tracker, the interacting multiple model and the
 * associators run with either. Each filter owns its workspaces; nothing allocates per step.
 *
 * Both reduce a measurement to its moments (predicted measurement, innovation covariance S,
 * state-measurement cross covariance Pxz); one update routine, shared, then applies a single
 * report (GNN) or a probability-weighted set (PDA/JPDA).
 */
import { cholesky, choleskySolve, logDetFromCholesky, repairCovariance, symmetrize } from '../../math/linalg.ts';
import type { MeasurementModel } from '../measurement.ts';
import type { TransitionModel } from '../models/transition.ts';

export interface MeasurementMoments {
  readonly zPred: Float64Array;
  /** Innovation covariance, m x m. */
  readonly S: Float64Array;
  /** Cross covariance, n x m. */
  readonly Pxz: Float64Array;
}

export function measurementMoments(n: number, m: number): MeasurementMoments {
  return { zPred: new Float64Array(m), S: new Float64Array(m * m), Pxz: new Float64Array(n * m) };
}

export interface GaussianFilter {
  readonly kind: 'ekf' | 'ukf';
  readonly n: number;
  /** Predicts (x, P) over dt seconds in place. */
  predict(model: TransitionModel, x: Float64Array, P: Float64Array, dt: number): void;
  /** Measurement moments at (x, P). */
  moments(measurement: MeasurementModel, x: Float64Array, P: Float64Array, out: MeasurementMoments): void;
}

/** Smallest variance a covariance keeps on any axis after a repair (m^2 or (m/s)^2 alike). */
const COVARIANCE_FLOOR = 1e-9;

export class ExtendedKalmanFilter implements GaussianFilter {
  readonly kind = 'ekf';
  private readonly F: Float64Array;
  private readonly Q: Float64Array;
  private readonly FP: Float64Array;
  private readonly H: Float64Array;
  /** Column indices of F's non-zero entries, row by row (rowStart[i]..rowStart[i+1]). */
  private readonly nzCols: Int32Array;
  private readonly rowStart: Int32Array;

  constructor(readonly n: number, private readonly maxMeasurementDim = 2) {
    this.nzCols = new Int32Array(n * n);
    this.rowStart = new Int32Array(n + 1);
    this.F = new Float64Array(n * n);
    this.Q = new Float64Array(n * n);
    this.FP = new Float64Array(n * n);
    this.H = new Float64Array(maxMeasurementDim * n);
  }

  predict(model: TransitionModel, x: Float64Array, P: Float64Array, dt: number): void {
    if (dt === 0) return;
    const n = this.n;
    const steps = Math.max(1, Math.ceil(Math.abs(dt) / model.maxStep));
    const h = dt / steps;
    const { F, Q, FP } = this;
    for (let s = 0; s < steps; s++) {
      model.jacobian(x, h, F);
      model.propagate(x, h, x);
      model.processNoise(x, h, Q);
      if (n === 9 && model.blockPattern !== undefined) {
        flightCovariancePredict(F, P, Q, FP, model.blockPattern === 'pinned');
        continue;
      }
      // P <- F P F^T + Q over F's non-zero entries only (a flight model's F is mostly zeros).
      const { nzCols, rowStart } = this;
      let c = 0;
      for (let i = 0; i < n; i++) {
        rowStart[i] = c;
        for (let k = 0; k < n; k++) if (F[i * n + k] !== 0) nzCols[c++] = k;
      }
      rowStart[n] = c;
      for (let i = 0; i < n; i++) {
        const a = rowStart[i];
        const b = rowStart[i + 1];
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let q = a; q < b; q++) {
            const k = nzCols[q];
            sum += F[i * n + k] * P[k * n + j];
          }
          FP[i * n + j] = sum;
        }
      }
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          let sum = 0;
          const a = rowStart[j];
          const b = rowStart[j + 1];
          for (let q = a; q < b; q++) {
            const k = nzCols[q];
            sum += FP[i * n + k] * F[j * n + k];
          }
          const v = sum + 0.5 * (Q[i * n + j] + Q[j * n + i]);
          P[i * n + j] = v;
          P[j * n + i] = v;
        }
      }
    }
  }

  moments(measurement: MeasurementModel, x: Float64Array, P: Float64Array, out: MeasurementMoments): void {
    const n = this.n;
    const m = measurement.dim;
    const H = this.H;
    measurement.predict(x, out.zPred);
    measurement.jacobian(x, H);
    const active = Math.min(n, measurement.activeColumns ?? n);
    // Pxz = P H^T (n x m); S = H P H^T + R; H's columns past `active` are zero.
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let a = 0; a < m; a++) {
        const ha = a * n;
        let s = 0;
        for (let k = 0; k < active; k++) s += P[row + k] * H[ha + k];
        out.Pxz[i * m + a] = s;
      }
    }
    measurement.noise(out.S);
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        let s = 0;
        for (let k = 0; k < active; k++) s += H[a * n + k] * out.Pxz[k * m + b];
        out.S[a * m + b] += s;
      }
    }
    symmetrize(out.S, m);
  }
}

/**
 * P <- F P F^T + Q for a 9-state [r, v, a] flight model, reading only F's non-zero blocks: a row
 * of r has r, v and its own a column; a row of v has every column; a row of a only its own
 * diagonal. With `pinned` (a held at zero) F's a rows and columns are zero, so only the 6 x 6
 * [r, v] block is propagated and the a block is Q's. About a third of the multiplications of
 * the general sparse product, with no index lists.
 */
function flightCovariancePredict(F: Float64Array, P: Float64Array, Q: Float64Array, FP: Float64Array, pinned: boolean): void {
  if (pinned) {
    // FP (rows 0-5) over the r, v columns of F.
    for (let i = 0; i < 6; i++) {
      const fi = i * 9;
      const f0 = F[fi], f1 = F[fi + 1], f2 = F[fi + 2], f3 = F[fi + 3], f4 = F[fi + 4], f5 = F[fi + 5];
      for (let j = 0; j < 6; j++) {
        FP[fi + j] = f0 * P[j] + f1 * P[9 + j] + f2 * P[18 + j] + f3 * P[27 + j] + f4 * P[36 + j] + f5 * P[45 + j];
      }
    }
    for (let i = 0; i < 6; i++) {
      const fi = i * 9;
      for (let j = i; j < 6; j++) {
        const fj = j * 9;
        const v =
          FP[fi] * F[fj] + FP[fi + 1] * F[fj + 1] + FP[fi + 2] * F[fj + 2] + FP[fi + 3] * F[fj + 3] + FP[fi + 4] * F[fj + 4] + FP[fi + 5] * F[fj + 5] +
          0.5 * (Q[fi + j] + Q[fj + i]);
        P[fi + j] = v;
        P[fj + i] = v;
      }
      for (let j = 6; j < 9; j++) {
        const v = 0.5 * (Q[fi + j] + Q[j * 9 + i]);
        P[fi + j] = v;
        P[j * 9 + i] = v;
      }
    }
    for (let i = 6; i < 9; i++) {
      for (let j = i; j < 9; j++) {
        const v = 0.5 * (Q[i * 9 + j] + Q[j * 9 + i]);
        P[i * 9 + j] = v;
        P[j * 9 + i] = v;
      }
    }
    return;
  }
  // FP = F P, row by row over each row's non-zero columns.
  for (let i = 0; i < 3; i++) {
    const fi = i * 9;
    const f0 = F[fi], f1 = F[fi + 1], f2 = F[fi + 2], f3 = F[fi + 3], f4 = F[fi + 4], f5 = F[fi + 5], fa = F[fi + 6 + i];
    const pa = (6 + i) * 9;
    for (let j = 0; j < 9; j++) {
      FP[fi + j] = f0 * P[j] + f1 * P[9 + j] + f2 * P[18 + j] + f3 * P[27 + j] + f4 * P[36 + j] + f5 * P[45 + j] + fa * P[pa + j];
    }
  }
  for (let i = 3; i < 6; i++) {
    const fi = i * 9;
    const f0 = F[fi], f1 = F[fi + 1], f2 = F[fi + 2], f3 = F[fi + 3], f4 = F[fi + 4], f5 = F[fi + 5], f6 = F[fi + 6], f7 = F[fi + 7], f8 = F[fi + 8];
    for (let j = 0; j < 9; j++) {
      FP[fi + j] =
        f0 * P[j] + f1 * P[9 + j] + f2 * P[18 + j] + f3 * P[27 + j] + f4 * P[36 + j] + f5 * P[45 + j] + f6 * P[54 + j] + f7 * P[63 + j] + f8 * P[72 + j];
    }
  }
  for (let i = 6; i < 9; i++) {
    const fi = i * 9;
    const fa = F[fi + i];
    for (let j = 0; j < 9; j++) FP[fi + j] = fa * P[fi + j];
  }
  // P = FP F^T + Q, upper triangle mirrored; column j of F^T is row j of F.
  for (let i = 0; i < 9; i++) {
    const fi = i * 9;
    for (let j = i; j < 9; j++) {
      const fj = j * 9;
      let v: number;
      if (j < 3) {
        v = FP[fi] * F[fj] + FP[fi + 1] * F[fj + 1] + FP[fi + 2] * F[fj + 2] + FP[fi + 3] * F[fj + 3] + FP[fi + 4] * F[fj + 4] + FP[fi + 5] * F[fj + 5] +
          FP[fi + 6 + j] * F[fj + 6 + j];
      } else if (j < 6) {
        v = FP[fi] * F[fj] + FP[fi + 1] * F[fj + 1] + FP[fi + 2] * F[fj + 2] + FP[fi + 3] * F[fj + 3] + FP[fi + 4] * F[fj + 4] + FP[fi + 5] * F[fj + 5] +
          FP[fi + 6] * F[fj + 6] + FP[fi + 7] * F[fj + 7] + FP[fi + 8] * F[fj + 8];
      } else {
        v = FP[fi + j] * F[fj + j];
      }
      v += 0.5 * (Q[fi + j] + Q[fj + i]);
      P[fi + j] = v;
      P[fj + i] = v;
    }
  }
}

/**
 * Unscented Kalman filter with the symmetric 2n+1 sigma-point set (alpha = 1, beta = 2,
 * kappa = 0: points at +-sqrt(n) standard deviations, no negative weights on the spread).
 */
export class UnscentedKalmanFilter implements GaussianFilter {
  readonly kind = 'ukf';
  private readonly L: Float64Array;
  private readonly points: Float64Array;
  private readonly zPoints: Float64Array;
  private readonly Q: Float64Array;
  private readonly mean: Float64Array;
  private readonly wm: number;
  private readonly wc0: number;
  private readonly gamma: number;

  constructor(readonly n: number, maxMeasurementDim = 2) {
    this.L = new Float64Array(n * n);
    this.points = new Float64Array((2 * n + 1) * n);
    this.zPoints = new Float64Array((2 * n + 1) * maxMeasurementDim);
    this.Q = new Float64Array(n * n);
    this.mean = new Float64Array(n);
    this.wm = 1 / (2 * n);
    this.wc0 = 2;
    this.gamma = Math.sqrt(n);
  }

  private sigmaPoints(x: Float64Array, P: Float64Array): void {
    const n = this.n;
    if (!cholesky(P, n, this.L)) {
      repairCovariance(P, n, COVARIANCE_FLOOR);
      if (!cholesky(P, n, this.L)) throw new Error('covariance could not be repaired to positive definite');
    }
    const pts = this.points;
    for (let i = 0; i < n; i++) pts[i] = x[i];
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < n; i++) {
        const d = this.gamma * this.L[i * n + c];
        pts[(1 + c) * n + i] = x[i] + d;
        pts[(1 + n + c) * n + i] = x[i] - d;
      }
    }
  }

  predict(model: TransitionModel, x: Float64Array, P: Float64Array, dt: number): void {
    if (dt === 0) return;
    const n = this.n;
    this.sigmaPoints(x, P);
    const steps = Math.max(1, Math.ceil(Math.abs(dt) / model.maxStep));
    const h = dt / steps;
    const pts = this.points;
    const count = 2 * n + 1;
    for (let p = 0; p < count; p++) {
      const view = pts.subarray(p * n, p * n + n);
      for (let s = 0; s < steps; s++) model.propagate(view, h, view);
    }
    // Mean (the centre point's weight is zero with kappa = 0), then spread about it.
    const mean = this.mean;
    mean.fill(0);
    for (let p = 1; p < count; p++) for (let i = 0; i < n; i++) mean[i] += this.wm * pts[p * n + i];
    model.processNoise(mean, dt, this.Q);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = this.wc0 * (pts[i] - mean[i]) * (pts[j] - mean[j]);
        for (let p = 1; p < count; p++) s += this.wm * (pts[p * n + i] - mean[i]) * (pts[p * n + j] - mean[j]);
        const v = s + 0.5 * (this.Q[i * n + j] + this.Q[j * n + i]);
        P[i * n + j] = v;
        P[j * n + i] = v;
      }
    }
    x.set(mean);
  }

  moments(measurement: MeasurementModel, x: Float64Array, P: Float64Array, out: MeasurementMoments): void {
    const n = this.n;
    const m = measurement.dim;
    this.sigmaPoints(x, P);
    const count = 2 * n + 1;
    const zs = this.zPoints;
    for (let p = 0; p < count; p++) measurement.predict(this.points.subarray(p * n, p * n + n), zs.subarray(p * m, p * m + m));
    const z = out.zPred;
    z.fill(0, 0, m);
    for (let p = 1; p < count; p++) for (let a = 0; a < m; a++) z[a] += this.wm * zs[p * m + a];
    measurement.noise(out.S);
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        let s = this.wc0 * (zs[a] - z[a]) * (zs[b] - z[b]);
        for (let p = 1; p < count; p++) s += this.wm * (zs[p * m + a] - z[a]) * (zs[p * m + b] - z[b]);
        out.S[a * m + b] += s;
      }
    }
    symmetrize(out.S, m);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < m; a++) {
        let s = this.wc0 * (this.points[i] - x[i]) * (zs[a] - z[a]);
        for (let p = 1; p < count; p++) s += this.wm * (this.points[p * n + i] - x[i]) * (zs[p * m + a] - z[a]);
        out.Pxz[i * m + a] = s;
      }
    }
  }
}

/** Workspace for `kalmanUpdate`. */
export class UpdateWorkspace {
  readonly L: Float64Array;
  readonly Sinv: Float64Array;
  readonly K: Float64Array;
  readonly nuBar: Float64Array;
  readonly spread: Float64Array;
  readonly KS: Float64Array;
  readonly tmp: Float64Array;
  constructor(readonly n: number, readonly m = 2) {
    this.L = new Float64Array(m * m);
    this.Sinv = new Float64Array(m * m);
    this.K = new Float64Array(n * m);
    this.nuBar = new Float64Array(m);
    this.spread = new Float64Array(m * m);
    this.KS = new Float64Array(n * m);
    this.tmp = new Float64Array(Math.max(m * m, n));
  }
}

/**
 * Normalised innovation squared nu^T S^-1 nu and log det(2 pi S); returns NaN when S is not
 * positive definite. `ws` supplies scratch.
 */
export function innovationStatistics(nu: ArrayLike<number>, S: Float64Array, m: number, ws: UpdateWorkspace): { nis: number; logNorm: number } {
  if (!cholesky(S, m, ws.L)) return { nis: Number.NaN, logNorm: Number.NaN };
  choleskySolve(ws.L, m, nu, 1, ws.tmp);
  let nis = 0;
  for (let a = 0; a < m; a++) nis += nu[a] * ws.tmp[a];
  return { nis, logNorm: logDetFromCholesky(ws.L, m) + m * Math.log(2 * Math.PI) };
}

/**
 * Kalman update of (x, P) in place with `count` innovations (row j of `nus`, m values each)
 * weighted by `betas`, plus the probability `beta0` that none is the target's (the PDA form;
 * one innovation with beta 1 and beta0 0 is the ordinary update). Returns false, leaving x and
 * P untouched, when S is not positive definite.
 */
export function kalmanUpdate(
  x: Float64Array, P: Float64Array, moments: MeasurementMoments, m: number,
  nus: ArrayLike<number>, betas: ArrayLike<number>, count: number, beta0: number, ws: UpdateWorkspace,
): boolean {
  const n = ws.n;
  const { L, Sinv, K, nuBar, spread, KS } = ws;
  if (!cholesky(moments.S, m, L)) return false;
  for (let i = 0; i < m * m; i++) Sinv[i] = i % (m + 1) === 0 ? 1 : 0;
  choleskySolve(L, m, Sinv, m, Sinv);
  // K = Pxz S^-1.
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < m; b++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += moments.Pxz[i * m + a] * Sinv[a * m + b];
      K[i * m + b] = s;
    }
  }
  nuBar.fill(0);
  spread.fill(0);
  for (let j = 0; j < count; j++) {
    const w = betas[j];
    for (let a = 0; a < m; a++) {
      nuBar[a] += w * nus[j * m + a];
      for (let b = 0; b < m; b++) spread[a * m + b] += w * nus[j * m + a] * nus[j * m + b];
    }
  }
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) spread[a * m + b] -= nuBar[a] * nuBar[b];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < m; a++) s += K[i * m + a] * nuBar[a];
    x[i] += s;
  }
  // P <- P - (1 - beta0) K S K^T + K spread K^T  =  P - K [(1 - beta0) S - spread] K^T.
  const w = 1 - beta0;
  for (let i = 0; i < m * m; i++) Sinv[i] = w * moments.S[i] - spread[i];
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < m; b++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += K[i * m + a] * Sinv[a * m + b];
      KS[i * m + b] = s;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let b = 0; b < m; b++) s += KS[i * m + b] * K[j * m + b];
      const v = P[i * n + j] - s;
      P[i * n + j] = v;
      P[j * n + i] = v;
    }
  }
  return true;
}
