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

function distances(estimates: readonly ArrayLike<number>[], truths: readonly ArrayLike<number>[]): Float64Array {
  const d = new Float64Array(truths.length * estimates.length);
  for (let i = 0; i < truths.length; i++) {
    for (let j = 0; j < estimates.length; j++) {
      const a = truths[i];
      const b = estimates[j];
      d[i * estimates.length + j] = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    }
  }
  return d;
}

export function gospa(
  estimates: readonly ArrayLike<number>[], truths: readonly ArrayLike<number>[], c: number, p = 2,
  solver: AssignmentSolver = new AssignmentSolver(),
): GospaResult {
  if (!(c > 0)) throw new InputError('c', c, 'must be a positive cut-off distance (m)');
  if (!(p >= 1)) throw new InputError('p', p, 'must be at least 1');
  const nT = truths.length;
  const nE = estimates.length;
  const d = distances(estimates, truths);
  const cost = new Float64Array(nT * nE);
  // Pairs beyond c cost as much as a miss plus a false track (c^p / 2 each with alpha = 2), so leave them unassigned.
  for (let k = 0; k < cost.length; k++) cost[k] = d[k] < c ? d[k] ** p : Number.POSITIVE_INFINITY;
  solver.solve(cost, nT, nE);
  const truthToEstimate = new Int32Array(nT).fill(-1);
  let localisation = 0;
  let assigned = 0;
  for (let i = 0; i < nT; i++) {
    const j = nE > 0 ? solver.rowToCol[i] : -1;
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
export function ospa(estimates: readonly ArrayLike<number>[], truths: readonly ArrayLike<number>[], c: number, p = 2): number {
  const m = Math.min(estimates.length, truths.length);
  const n = Math.max(estimates.length, truths.length);
  if (n === 0) return 0;
  if (m === 0) return c;
  const d = distances(estimates, truths);
  const cost = new Float64Array(d.length);
  for (let k = 0; k < d.length; k++) cost[k] = Math.min(d[k], c) ** p;
  const solver = new AssignmentSolver();
  const total = solver.solve(cost, truths.length, estimates.length);
  return ((total + c ** p * (n - m)) / n) ** (1 / p);
}
