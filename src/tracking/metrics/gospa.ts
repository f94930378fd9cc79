/**
 * Set distances between estimated and true positions at one instant: GOSPA (Rahmathullah,
 * Garcia-Fernandez & Svensson 2017, alpha = 2, which splits into localisation, missed and false
 * parts) and OSPA (Schuhmacher, Vo & Vo 2008). Both take an optimal assignment with distances
 * cut off at c.
 */
import { AssignmentSolver } from '../../math/assignment.ts';
import { InputError } from '../../math/errors.ts';

export interface GospaResult {
  /** GOSPA distance, m. */
  distance: number;
  /** Localisation part (sum of d^p over assigned pairs within c), missed targets, false tracks. */
  localisation: number;
  missed: number;
  false: number;
  /** Estimate index per truth (-1: none within c). */
  truthToEstimate: Int32Array;
}

/**
 * Reusable buffers for `gospa` and `ospa`, for callers that score every scan of a stream: the
 * distance and cost matrices of a scan of 120 tracks against 120 objects are over 100 kB each,
 * and allocating them per scan kept the collector busy inside a tracker's timed seconds.
 */
export class SetDistanceWorkspace {
  readonly solver = new AssignmentSolver();
  distances = new Float64Array(0);
  cost = new Float64Array(0);
  reserve(n: number): void {
    if (this.distances.length < n) {
      this.distances = new Float64Array(2 * n);
      this.cost = new Float64Array(2 * n);
    }
  }
}

/** Truth-major distances (row i: truth i against every estimate) into `out`. */
function distancesInto(estimates: readonly ArrayLike<number>[], truths: readonly ArrayLike<number>[], out: Float64Array): void {
  const nE = estimates.length;
  for (let i = 0; i < truths.length; i++) {
    const a = truths[i];
    for (let j = 0; j < nE; j++) {
      const b = estimates[j];
      const dx = a[0] - b[0];
      const dy = a[1] - b[1];
      const dz = a[2] - b[2];
      out[i * nE + j] = Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
}

export function gospa(
  estimates: readonly ArrayLike<number>[], truths: readonly ArrayLike<number>[], c: number, p = 2,
  solver?: AssignmentSolver, ws: SetDistanceWorkspace = new SetDistanceWorkspace(),
): GospaResult {
  if (!(c > 0)) throw new InputError('c', c, 'must be a positive cut-off distance (m)');
  if (!(p >= 1)) throw new InputError('p', p, 'must be at least 1');
  const nT = truths.length;
  const nE = estimates.length;
  ws.reserve(nT * nE);
  const d = ws.distances;
  const cost = ws.cost;
  distancesInto(estimates, truths, d);
  // Pairs beyond c cost as much as a miss plus a false track (c^p / 2 each with alpha = 2), so leave them unassigned.
  for (let k = 0; k < nT * nE; k++) cost[k] = d[k] < c ? d[k] ** p : Number.POSITIVE_INFINITY;
  const s = solver ?? ws.solver;
  s.solve(cost, nT, nE);
  const truthToEstimate = new Int32Array(nT).fill(-1);
  let localisation = 0;
  let assigned = 0;
  for (let i = 0; i < nT; i++) {
    const j = nE > 0 ? s.rowToCol[i] : -1;
    if (j >= 0) {
      truthToEstimate[i] = j;
      localisation += cost[i * nE + j];
      assigned++;
    }
  }
  const missed = nT - assigned;
  const falseCount = nE - assigned;
  const distance = (localisation + (c ** p / 2) * (missed + falseCount)) ** (1 / p);
  return { distance, localisation, missed, false: falseCount, truthToEstimate };
}

/** OSPA distance (order p, cut-off c), m; 0 when both sets are empty. */
export function ospa(estimates: readonly ArrayLike<number>[], truths: readonly ArrayLike<number>[], c: number, p = 2, ws: SetDistanceWorkspace = new SetDistanceWorkspace()): number {
  const m = Math.min(estimates.length, truths.length);
  const n = Math.max(estimates.length, truths.length);
  if (n === 0) return 0;
  if (m === 0) return c;
  const size = estimates.length * truths.length;
  ws.reserve(size);
  const d = ws.distances;
  const cost = ws.cost;
  distancesInto(estimates, truths, d);
  for (let k = 0; k < size; k++) cost[k] = Math.min(d[k], c) ** p;
  const total = ws.solver.solve(cost, truths.length, estimates.length);
  return ((total + c ** p * (n - m)) / n) ** (1 / p);
}
