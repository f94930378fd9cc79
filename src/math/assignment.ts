/**
 * Optimal (minimum-cost) assignment on a rectangular cost matrix: the shortest augmenting path
 * method of Jonker & Volgenant (1987) in the rectangular form described by Crouse (IEEE TAES
 * 2016). O(n^2 m) worst case, with no per-call allocation once a solver's workspace has grown.
 *
 * Forbidden pairs are +Infinity. The solver then maximises the number of allowed pairs first and
 * minimises cost among those; a row left only forbidden columns is unassigned (-1).
 */
import { InputError } from './errors.ts';

export interface AssignmentResult {
  /** Column assigned to each row, -1 for none. */
  rowToCol: Int32Array;
  /** Row assigned to each column, -1 for none. */
  colToRow: Int32Array;
  /** Sum of the costs of the assigned (allowed) pairs. */
  totalCost: number;
}

/** A reusable solver: its buffers grow to the largest problem seen and are then reused. */
export class AssignmentSolver {
  private capacityRows = 0;
  private capacityCols = 0;
  private work = new Float64Array(0);
  private u = new Float64Array(0);
  private v = new Float64Array(0);
  private shortest = new Float64Array(0);
  private path = new Int32Array(0);
  private col4row = new Int32Array(0);
  private row4col = new Int32Array(0);
  private remaining = new Int32Array(0);
  private seenRow = new Uint8Array(0);
  private seenCol = new Uint8Array(0);
  /** Column of each row after `solve`, -1 for none; valid until the next call. */
  rowToCol = new Int32Array(0);
  /** Row of each column after `solve`, -1 for none; valid until the next call. */
  colToRow = new Int32Array(0);

  private ensure(nr: number, nc: number): void {
    const big = Math.max(nr, nc);
    if (nr * nc > this.work.length) this.work = new Float64Array(nr * nc);
    if (big > this.capacityRows || big > this.capacityCols) {
      this.capacityRows = this.capacityCols = big;
      this.u = new Float64Array(big);
      this.v = new Float64Array(big);
      this.shortest = new Float64Array(big);
      this.path = new Int32Array(big);
      this.col4row = new Int32Array(big);
      this.row4col = new Int32Array(big);
      this.remaining = new Int32Array(big);
      this.seenRow = new Uint8Array(big);
      this.seenCol = new Uint8Array(big);
    }
    if (this.rowToCol.length < nr) this.rowToCol = new Int32Array(Math.max(nr, 2 * this.rowToCol.length));
    if (this.colToRow.length < nc) this.colToRow = new Int32Array(Math.max(nc, 2 * this.colToRow.length));
  }

  /**
   * Solves for `cost` (nRows x nCols, row-major). Returns the total cost of allowed pairs; the
   * pairs are in `rowToCol` / `colToRow`.
   */
  solve(cost: ArrayLike<number>, nRows: number, nCols: number): number {
    if (!Number.isInteger(nRows) || nRows < 0) throw new InputError('nRows', nRows, 'must be a non-negative integer');
    if (!Number.isInteger(nCols) || nCols < 0) throw new InputError('nCols', nCols, 'must be a non-negative integer');
    if (cost.length < nRows * nCols) throw new InputError('cost', cost.length, `must hold nRows x nCols = ${nRows * nCols} values`);
    this.ensure(nRows, nCols);
    this.rowToCol.fill(-1, 0, nRows);
    this.colToRow.fill(-1, 0, nCols);
    if (nRows === 0 || nCols === 0) return 0;
    const transposed = nRows > nCols;
    const nr = transposed ? nCols : nRows;
    const nc = transposed ? nRows : nCols;
    // Copy into the work matrix (transposed when there are more rows than columns), shifting so the
    // smallest allowed cost is 0 and replacing forbidden pairs by a cost larger than any full
    // assignment of allowed pairs.
    let minCost = Number.POSITIVE_INFINITY;
    let maxCost = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < nRows * nCols; k++) {
      const c = cost[k];
      if (Number.isNaN(c) || c === Number.NEGATIVE_INFINITY) throw new InputError(`cost[${Math.floor(k / nCols)}][${k % nCols}]`, c, 'must be a number or +Infinity (forbidden)');
      if (c !== Number.POSITIVE_INFINITY) {
        if (c < minCost) minCost = c;
        if (c > maxCost) maxCost = c;
      }
    }
    if (minCost === Number.POSITIVE_INFINITY) return 0;
    const forbidden = (maxCost - minCost + 1) * (nr + 1);
    const w = this.work;
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) {
        const c = cost[i * nCols + j];
        const shifted = c === Number.POSITIVE_INFINITY ? forbidden : c - minCost;
        if (transposed) w[j * nc + i] = shifted;
        else w[i * nc + j] = shifted;
      }
    }
    this.solveShifted(nr, nc);
    let total = 0;
    for (let i = 0; i < nr; i++) {
      const j = this.col4row[i];
      if (j < 0 || w[i * nc + j] >= forbidden) continue;
      const row = transposed ? j : i;
      const col = transposed ? i : j;
      this.rowToCol[row] = col;
      this.colToRow[col] = row;
      total += cost[row * nCols + col];
    }
    return total;
  }

  private solveShifted(nr: number, nc: number): void {
    const { work: w, u, v, shortest, path, col4row, row4col, remaining, seenRow, seenCol } = this;
    u.fill(0, 0, nr);
    v.fill(0, 0, nc);
    col4row.fill(-1, 0, nr);
    row4col.fill(-1, 0, nc);
    for (let current = 0; current < nr; current++) {
      // Dijkstra over reduced costs from the current free row until a free column is reached.
      let left = nc;
      for (let j = 0; j < nc; j++) {
        remaining[j] = nc - 1 - j;
        shortest[j] = Number.POSITIVE_INFINITY;
        path[j] = -1;
      }
      seenRow.fill(0, 0, nr);
      seenCol.fill(0, 0, nc);
      let minVal = 0;
      let i = current;
      let sink = -1;
      while (sink < 0) {
        seenRow[i] = 1;
        let lowest = Number.POSITIVE_INFINITY;
        let index = -1;
        for (let it = 0; it < left; it++) {
          const j = remaining[it];
          const reduced = minVal + w[i * nc + j] - u[i] - v[j];
          if (reduced < shortest[j]) {
            path[j] = i;
            shortest[j] = reduced;
          }
          // Ties go to a free column, which ends the search sooner.
          if (shortest[j] < lowest || (shortest[j] === lowest && row4col[j] < 0)) {
            lowest = shortest[j];
            index = it;
          }
        }
        minVal = lowest;
        const j = remaining[index];
        if (row4col[j] < 0) sink = j;
        else i = row4col[j];
        seenCol[j] = 1;
        remaining[index] = remaining[--left];
      }
      u[current] += minVal;
      for (let r = 0; r < nr; r++) if (seenRow[r] && r !== current) u[r] += minVal - shortest[col4row[r]];
      for (let j = 0; j < nc; j++) if (seenCol[j]) v[j] -= minVal - shortest[j];
      let j = sink;
      for (;;) {
        const r = path[j];
        row4col[j] = r;
        const previous = col4row[r];
        col4row[r] = j;
        j = previous;
        if (r === current) break;
      }
    }
  }
}

/** One-off assignment (allocates a solver); use an `AssignmentSolver` in loops. */
export function solveAssignment(cost: ArrayLike<number>, nRows: number, nCols: number): AssignmentResult {
  const solver = new AssignmentSolver();
  const totalCost = solver.solve(cost, nRows, nCols);
  return { rowToCol: solver.rowToCol.slice(0, nRows), colToRow: solver.colToRow.slice(0, nCols), totalCost };
}
