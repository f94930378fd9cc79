/**
 * Locating a target from lines of sight alone (the initiator's core, and the per-second
 * baseline the benchmark compares against).
 *
 * `triangulate`: the point nearest, in the weighted least-squares sense, to lines that all
 * refer to one instant. Each line contributes (I - u u^T) weighted by 1 / (sigma rho)^2, its
 * lateral variance at the estimated range rho; the inverse of the normal matrix is the
 * geometry's covariance.
 *
 * `triangulateMoving`: lines of sight taken at different times (asynchronous sensors) fitted
 * with a position and velocity at a reference time under known gravity, which is still linear
 * in the six unknowns; light time is taken into account.
 */
import { invertSpd } from '../math/linalg.ts';
import { earthFixedAccelerationOf } from './models/gravity.ts';
import { SPEED_OF_LIGHT } from './measurement.ts';
import { length3 } from './vector3.ts';

export interface LineOfSight {
  readonly origin: ArrayLike<number>;
  /** Unit direction. */
  readonly direction: ArrayLike<number>;
  /** One-sigma angular noise, rad. */
  readonly sigma: number;
}

export interface TimedLineOfSight extends LineOfSight {
  /** Seconds (any consistent origin, e.g. an Instant). */
  readonly t: number;
}

export interface Triangulation {
  readonly position: Float64Array;
  /** 3 x 3, m^2. */
  readonly covariance: Float64Array;
  /** Sum of squared normalised miss distances (chi-square with 2N - 3 degrees of freedom). */
  readonly chi2: number;
}

export interface MovingTriangulation {
  /** Position and velocity at the reference time: [r, v], m and m/s. */
  readonly state: Float64Array;
  /** 6 x 6 covariance. */
  readonly covariance: Float64Array;
  /** Chi-square with 2N - 6 degrees of freedom. */
  readonly chi2: number;
  readonly dof: number;
}

export interface Approach {
  /** Ranges along each line to the points of closest approach, m. */
  lambda: number;
  mu: number;
  /** Distance between those points, m. */
  miss: number;
  /** Midway between them. */
  readonly midpoint: Float64Array;
}

/** Closest approach of two lines into `out` (no allocation); false when they are (nearly) parallel. */
export function closestApproachInto(
  ao: ArrayLike<number>, ua: ArrayLike<number>, bo: ArrayLike<number>, ub: ArrayLike<number>, out: Approach,
): boolean {
  const w0 = ao[0] - bo[0];
  const w1 = ao[1] - bo[1];
  const w2 = ao[2] - bo[2];
  const bb = ua[0] * ub[0] + ua[1] * ub[1] + ua[2] * ub[2];
  const d = ua[0] * w0 + ua[1] * w1 + ua[2] * w2;
  const e = ub[0] * w0 + ub[1] * w1 + ub[2] * w2;
  const denom = 1 - bb * bb;
  if (denom < 1e-12) return false;
  const lambda = (bb * e - d) / denom;
  const mu = (e - bb * d) / denom;
  let miss2 = 0;
  for (let i = 0; i < 3; i++) {
    const pa = ao[i] + lambda * ua[i];
    const pb = bo[i] + mu * ub[i];
    out.midpoint[i] = 0.5 * (pa + pb);
    miss2 += (pa - pb) * (pa - pb);
  }
  out.lambda = lambda;
  out.mu = mu;
  out.miss = Math.sqrt(miss2);
  return true;
}

/** Closest approach of two lines: ranges along each (lambda, mu), the miss distance and the midpoint. */
export function closestApproach(a: LineOfSight, b: LineOfSight): Approach | null {
  const out: Approach = { lambda: 0, mu: 0, miss: 0, midpoint: new Float64Array(3) };
  return closestApproachInto(a.origin, a.direction, b.origin, b.direction, out) ? out : null;
}

/** Static weighted least-squares triangulation; null when the lines are (nearly) parallel or a range is negative. */
export function triangulate(lines: readonly LineOfSight[], iterations = 3): Triangulation | null {
  if (lines.length < 2) return null;
  const A = new Float64Array(9);
  const b = new Float64Array(3);
  const inv = new Float64Array(9);
  const position = new Float64Array(3);
  let haveRanges = false;
  for (let iter = 0; iter < iterations; iter++) {
    A.fill(0);
    b.fill(0);
    for (const line of lines) {
      const u = line.direction;
      const s = line.origin;
      let w = 1;
      if (haveRanges) {
        const rho = length3(position[0] - s[0], position[1] - s[1], position[2] - s[2]);
        w = 1 / (line.sigma * line.sigma * rho * rho);
      }
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const pij = w * ((i === j ? 1 : 0) - u[i] * u[j]);
          A[i * 3 + j] += pij;
          b[i] += pij * s[j];
        }
      }
    }
    if (!invertSpd(A, 3, inv)) return null;
    for (let i = 0; i < 3; i++) position[i] = inv[i * 3] * b[0] + inv[i * 3 + 1] * b[1] + inv[i * 3 + 2] * b[2];
    haveRanges = true;
  }
  let chi2 = 0;
  for (const line of lines) {
    const u = line.direction;
    const dx = position[0] - line.origin[0];
    const dy = position[1] - line.origin[1];
    const dz = position[2] - line.origin[2];
    const along = dx * u[0] + dy * u[1] + dz * u[2];
    if (!(along > 0)) return null;
    const perp2 = dx * dx + dy * dy + dz * dz - along * along;
    chi2 += perp2 / (line.sigma * line.sigma * along * along);
  }
  return { position, covariance: inv, chi2 };
}

/**
 * Fits position and velocity at `tRef` to lines of sight taken at different times, with gravity
 * (J2 and the rotating-frame terms) evaluated along the first guess and held constant over the
 * window: over a few seconds that leaves errors of centimetres. `guess` is a position near the
 * target (e.g. a two-line closest approach) and optionally a velocity.
 */
export function triangulateMoving(
  lines: readonly TimedLineOfSight[], tRef: number, guess: ArrayLike<number>, iterations = 3, ws?: MovingWorkspace,
): MovingTriangulation | null {
  if (lines.length < 3) return null;
  const { N, rhs, work, acc, P, q, state, covariance: cov } = ws ?? new MovingWorkspace();
  // `guess` may be the workspace's own state (a refit from the previous answer): read it first.
  const g3 = guess.length >= 6 ? guess[3] : 0;
  const g4 = guess.length >= 6 ? guess[4] : 0;
  const g5 = guess.length >= 6 ? guess[5] : 0;
  state[0] = guess[0];
  state[1] = guess[1];
  state[2] = guess[2];
  if (guess.length >= 6) {
    state[3] = g3;
    state[4] = g4;
    state[5] = g5;
  } else state.fill(0, 3, 6);
  for (let iter = 0; iter < iterations; iter++) {
    earthFixedAccelerationOf(state, acc);
    N.fill(0);
    rhs.fill(0);
    for (const line of lines) {
      const u = line.direction;
      const s = line.origin;
      const rho = length3(state[0] - s[0], state[1] - s[1], state[2] - s[2]);
      // The light arriving at t left the target rho / c earlier.
      const delta = line.t - tRef - rho / SPEED_OF_LIGHT;
      const w = 1 / (line.sigma * line.sigma * rho * rho);
      for (let i = 0; i < 3; i++) q[i] = s[i] - 0.5 * acc[i] * delta * delta;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) P[i * 3 + j] = w * ((i === j ? 1 : 0) - u[i] * u[j]);
      // Rows [P, delta P] acting on [r0; v0] = P q.
      for (let i = 0; i < 3; i++) {
        let pq = 0;
        for (let j = 0; j < 3; j++) {
          const pij = P[i * 3 + j];
          pq += pij * q[j];
          N[i * 6 + j] += pij;
          N[i * 6 + 3 + j] += delta * pij;
          N[(3 + i) * 6 + j] += delta * pij;
          N[(3 + i) * 6 + 3 + j] += delta * delta * pij;
        }
        rhs[i] += pq;
        rhs[3 + i] += delta * pq;
      }
    }
    if (!invertSpd(N, 6, cov, work)) return null;
    for (let i = 0; i < 6; i++) {
      let s = 0;
      for (let j = 0; j < 6; j++) s += cov[i * 6 + j] * rhs[j];
      state[i] = s;
    }
  }
  earthFixedAccelerationOf(state, acc);
  let chi2 = 0;
  for (const line of lines) {
    const u = line.direction;
    const s = line.origin;
    const rho0 = length3(state[0] - s[0], state[1] - s[1], state[2] - s[2]);
    const delta = line.t - tRef - rho0 / SPEED_OF_LIGHT;
    const dx = state[0] + state[3] * delta + 0.5 * acc[0] * delta * delta - s[0];
    const dy = state[1] + state[4] * delta + 0.5 * acc[1] * delta * delta - s[1];
    const dz = state[2] + state[5] * delta + 0.5 * acc[2] * delta * delta - s[2];
    const along = dx * u[0] + dy * u[1] + dz * u[2];
    if (!(along > 0)) return null;
    const perp2 = Math.max(0, dx * dx + dy * dy + dz * dz - along * along);
    chi2 += perp2 / (line.sigma * line.sigma * along * along);
  }
  const dof = 2 * lines.length - 6;
  if (!ws) return { state, covariance: cov, chi2, dof };
  ws.chi2 = chi2;
  ws.dof = dof;
  return ws;
}

/**
 * Scratch and result of `triangulateMoving` for callers that fit many times (the initiator):
 * with one passed in, nothing is allocated and the answer is the workspace itself, valid until
 * the next fit into it.
 */
export class MovingWorkspace implements MovingTriangulation {
  readonly state = new Float64Array(6);
  readonly covariance = new Float64Array(36);
  chi2 = 0;
  dof = 0;
  readonly N = new Float64Array(36);
  readonly rhs = new Float64Array(6);
  readonly work = new Float64Array(36);
  readonly acc = new Float64Array(3);
  readonly P = new Float64Array(9);
  readonly q = new Float64Array(3);
}
