import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssignmentSolver, solveAssignment } from '../../src/math/assignment.ts';
import { expectWithin } from '../helpers/miss.ts';

/** Exhaustive oracle: most allowed pairs first, then least cost. */
function bruteForce(cost: number[], nr: number, nc: number): { pairs: number; total: number } {
  let best = { pairs: -1, total: Number.POSITIVE_INFINITY };
  const usedCols = new Array(nc).fill(false);
  const recurse = (row: number, pairs: number, total: number) => {
    if (row === nr) {
      if (pairs > best.pairs || (pairs === best.pairs && total < best.total - 1e-12)) best = { pairs, total };
      return;
    }
    recurse(row + 1, pairs, total); // row left unassigned
    for (let j = 0; j < nc; j++) {
      const c = cost[row * nc + j];
      if (usedCols[j] || c === Number.POSITIVE_INFINITY) continue;
      usedCols[j] = true;
      recurse(row + 1, pairs + 1, total + c);
      usedCols[j] = false;
    }
  };
  recurse(0, 0, 0);
  return best;
}

describe('optimal assignment (Jonker-Volgenant / Crouse)', () => {
  it('solves a textbook 3 x 3 case', () => {
    // Classic example: optimum 5 (rows to columns 1, 0, 2).
    const r = solveAssignment([4, 1, 3, 2, 0, 5, 3, 2, 2], 3, 3);
    expect(Array.from(r.rowToCol)).toEqual([1, 0, 2]);
    expectWithin(r.totalCost, 5, 0, 'cost');
  });

  it('agrees with exhaustive search on random rectangular matrices with forbidden pairs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.oneof(fc.double({ min: -50, max: 50, noNaN: true }), fc.constant(Number.POSITIVE_INFINITY)), { minLength: 25, maxLength: 25 }),
        (nr, nc, values) => {
          const cost = values.slice(0, nr * nc);
          const oracle = bruteForce(cost, nr, nc);
          const r = solveAssignment(cost, nr, nc);
          let pairs = 0;
          let total = 0;
          const cols = new Set<number>();
          for (let i = 0; i < nr; i++) {
            const j = r.rowToCol[i];
            if (j < 0) continue;
            expect(cost[i * nc + j]).not.toBe(Number.POSITIVE_INFINITY);
            expect(cols.has(j)).toBe(false);
            expect(r.colToRow[j]).toBe(i);
            cols.add(j);
            pairs++;
            total += cost[i * nc + j];
          }
          expect(pairs).toBe(oracle.pairs);
          expectWithin(total, oracle.total, 1e-9 * (1 + Math.abs(oracle.total)), 'cost units', 'total cost');
          expectWithin(r.totalCost, total, 1e-9 * (1 + Math.abs(total)), 'cost units', 'reported total');
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('reuses its workspace across problems of different sizes', () => {
    const solver = new AssignmentSolver();
    solver.solve([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 3, 4);
    const total = solver.solve([5, 1], 2, 1);
    expect(total).toBe(1);
    expect(solver.rowToCol[0]).toBe(-1);
    expect(solver.rowToCol[1]).toBe(0);
  });

  it('rejects NaN and -Infinity costs naming the entry', () => {
    expect(() => solveAssignment([1, Number.NaN], 1, 2)).toThrow(/cost\[0\]\[1\].*NaN/);
    expect(() => solveAssignment([Number.NEGATIVE_INFINITY], 1, 1)).toThrow(/cost\[0\]\[0\].*-Infinity/);
    expect(() => solveAssignment([1], 1, 2)).toThrow(/cost.*1/);
  });
});
