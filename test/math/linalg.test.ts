import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cholesky, choleskySolve, fromRows, identity, invert, invertSpd, logDetFromCholesky, matMul, matMulABt, matMulAtB,
  quadraticForm, repairCovariance, sandwich, solve, symmetricEigen, transpose,
} from '../../src/math/linalg.ts';
import { expectWithin } from '../helpers/miss.ts';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A random SPD matrix M M^T + n I from n*n values. */
function spdFrom(values: number[], n: number): Float64Array {
  const m = Float64Array.from(values.slice(0, n * n));
  const out = new Float64Array(n * n);
  matMulABt(m, m, n, n, n, out);
  for (let i = 0; i < n; i++) out[i * n + i] += n;
  return out;
}

const entries = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 81, maxLength: 81 });

describe('small dense matrices', () => {
  it('multiplies against a hand-worked product', () => {
    const a = fromRows([[1, 2, 3], [4, 5, 6]]);
    const b = fromRows([[7, 8], [9, 10], [11, 12]]);
    const out = new Float64Array(4);
    matMul(a, b, 2, 3, 2, out);
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);
    const bt = new Float64Array(6);
    transpose(b, 3, 2, bt);
    matMulABt(a, bt, 2, 3, 2, out);
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);
    const at = new Float64Array(6);
    transpose(a, 2, 3, at);
    matMulAtB(at, b, 3, 2, 2, out);
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);
  });

  it('Cholesky: L L^T = A, solve and inverse round trip, log det (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), entries, (n, values) => {
        const a = spdFrom(values, n);
        const l = new Float64Array(n * n);
        expect(cholesky(a, n, l)).toBe(true);
        const llt = new Float64Array(n * n);
        matMulABt(l, l, n, n, n, llt);
        expect(maxAbsDiff(llt, a)).toBeLessThan(1e-10 * (1 + Math.max(...Array.from(a).map(Math.abs))));
        const inv = new Float64Array(n * n);
        expect(invertSpd(a, n, inv)).toBe(true);
        const prod = new Float64Array(n * n);
        matMul(a, inv, n, n, n, prod);
        expect(maxAbsDiff(prod, identity(n))).toBeLessThan(1e-9);
        const inv2 = new Float64Array(n * n);
        expect(invert(a, n, inv2)).toBe(true);
        expect(maxAbsDiff(inv, inv2)).toBeLessThan(1e-9);
        const b = Float64Array.from(values.slice(0, n));
        const x = new Float64Array(n);
        choleskySolve(l, n, b, 1, x);
        const x2 = new Float64Array(n);
        expect(solve(a, b, n, 1, x2)).toBe(true);
        expect(maxAbsDiff(x, x2)).toBeLessThan(1e-9);
        // log det from the eigenvalues, a second method.
        const { values: eig } = symmetricEigen(a, n);
        const logDet = Array.from(eig).reduce((s, v) => s + Math.log(v), 0);
        expectWithin(logDetFromCholesky(l, n), logDet, 1e-8 * (1 + Math.abs(logDet)), '', 'log det');
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('eigen-decomposition reconstructs the matrix and x^T A x matches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), entries, (n, values) => {
        const a = spdFrom(values, n);
        const { values: ev, vectors } = symmetricEigen(a, n);
        for (let i = 1; i < n; i++) expect(ev[i]).toBeGreaterThanOrEqual(ev[i - 1]);
        const rebuilt = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += vectors[i * n + k] * ev[k] * vectors[j * n + k];
          rebuilt[i * n + j] = s;
        }
        expect(maxAbsDiff(rebuilt, a)).toBeLessThan(1e-9 * (1 + ev[n - 1]));
        const x = Float64Array.from(values.slice(0, n));
        const ax = new Float64Array(n);
        matMul(a, x, n, n, 1, ax);
        const direct = x.reduce((s, xi, i) => s + xi * ax[i], 0);
        expectWithin(quadraticForm(x, a, n), direct, 1e-9 * (1 + Math.abs(direct)), '', 'x^T A x');
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  it('F P F^T stays symmetric positive definite (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), entries, entries, (n, pv, fv) => {
        const p = spdFrom(pv, n);
        const f = Float64Array.from(fv.slice(0, n * n));
        for (let i = 0; i < n; i++) f[i * n + i] += 4; // keep F well conditioned
        const out = new Float64Array(n * n);
        sandwich(f, p, n, new Float64Array(n * n), out);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(out[i * n + j]).toBeCloseTo(out[j * n + i], 6);
        expect(cholesky(out, n, new Float64Array(n * n))).toBe(true);
      }),
      { numRuns: 100, seed: 13 },
    );
  });

  it('repairs an indefinite covariance to the eigenvalue floor and leaves a good one alone', () => {
    const bad = fromRows([[1, 2], [2, 1]]); // eigenvalues 3 and -1
    expect(repairCovariance(bad, 2, 1e-6)).toBe(1);
    const { values } = symmetricEigen(bad, 2);
    expectWithin(values[0], 1e-6, 1e-12, '', 'raised eigenvalue');
    expectWithin(values[1], 3, 1e-12, '', 'kept eigenvalue');
    const good = fromRows([[4, 1], [1, 3]]);
    expect(repairCovariance(good, 2, 1e-6)).toBe(0);
    expect(Array.from(good)).toEqual([4, 1, 1, 3]);
  });

  it('reports singular and non-positive-definite matrices instead of returning garbage', () => {
    expect(cholesky(fromRows([[1, 2], [2, 1]]), 2, new Float64Array(4))).toBe(false);
    expect(invert(fromRows([[1, 2], [2, 4]]), 2, new Float64Array(4))).toBe(false);
  });

  it('rejects ragged and non-finite rows naming the entry', () => {
    expect(() => fromRows([[1, 2], [3]], 'P')).toThrow(/P\[1\].*1/);
    expect(() => fromRows([[1, Number.NaN]], 'P')).toThrow(/P\[0\]\[1\].*NaN/);
  });
});
