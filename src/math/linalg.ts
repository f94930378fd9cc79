/**
 * Small dense matrices for filters and least squares: row-major Float64Array with the
 * dimensions passed explicitly, so a hot loop allocates its workspaces once and passes `out`.
 * Element (i, j) of an n x m matrix is `a[i * m + j]`. Outputs may not alias inputs unless a
 * function says so.
 */
import { InputError } from './errors.ts';

/** A matrix with its shape, for code that is not in a hot loop. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  const m = { rows, cols, data: new Float64Array(rows * cols) };
  if (data) {
    if (data.length !== rows * cols) throw new InputError('matrix data', data.length, `must hold ${rows * cols} values`);
    m.data.set(data);
  }
  return m;
}

/** Builds a row-major array from nested rows, checking that they are rectangular and finite. */
export function fromRows(rows: ArrayLike<ArrayLike<number>>, field = 'matrix'): Float64Array {
  const n = rows.length;
  const m = n > 0 ? rows[0].length : 0;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== m) throw new InputError(`${field}[${i}]`, rows[i].length, `must have ${m} columns like row 0`);
    for (let j = 0; j < m; j++) {
      const v = rows[i][j];
      if (!Number.isFinite(v)) throw new InputError(`${field}[${i}][${j}]`, v, 'must be a finite number');
      out[i * m + j] = v;
    }
  }
  return out;
}

export function toRows(a: ArrayLike<number>, n: number, m: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) row.push(a[i * m + j]);
    rows.push(row);
  }
  return rows;
}

export function identity(n: number, out: Float64Array = new Float64Array(n * n)): Float64Array {
  out.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/** out (n x p) = a (n x m) * b (m x p). */
export function matMul(a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number, p: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ai = i * m;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += a[ai + k] * b[k * p + j];
      out[i * p + j] = s;
    }
  }
  return out;
}

/** out (n x p) = a (n x m) * b^T, with b stored p x m. */
export function matMulABt(a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number, p: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ai = i * m;
    for (let j = 0; j < p; j++) {
      const bj = j * m;
      let s = 0;
      for (let k = 0; k < m; k++) s += a[ai + k] * b[bj + k];
      out[i * p + j] = s;
    }
  }
  return out;
}

/** out (m x p) = a^T * b, with a stored n x m and b stored n x p. */
export function matMulAtB(a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number, p: number, out: Float64Array): Float64Array {
  out.fill(0, 0, m * p);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < m; i++) {
      const aki = a[k * m + i];
      if (aki === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j] += aki * b[k * p + j];
    }
  }
  return out;
}

/** out (m x n) = a^T, with a stored n x m. */
export function transpose(a: ArrayLike<number>, n: number, m: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

/** out = a + b over the first `length` values (out may alias a or b). */
export function matAdd(a: ArrayLike<number>, b: ArrayLike<number>, length: number, out: Float64Array): Float64Array {
  for (let i = 0; i < length; i++) out[i] = a[i] + b[i];
  return out;
}

/** out = a - b over the first `length` values (out may alias a or b). */
export function matSub(a: ArrayLike<number>, b: ArrayLike<number>, length: number, out: Float64Array): Float64Array {
  for (let i = 0; i < length; i++) out[i] = a[i] - b[i];
  return out;
}

/** out = s * a (out may alias a). */
export function matScale(a: ArrayLike<number>, s: number, length: number, out: Float64Array): Float64Array {
  for (let i = 0; i < length; i++) out[i] = a[i] * s;
  return out;
}

/** out = a * x for an n x m matrix and an m-vector. */
export function matVec(a: ArrayLike<number>, x: ArrayLike<number>, n: number, m: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += a[i * m + k] * x[k];
    out[i] = s;
  }
  return out;
}

/** out (n x n) = f * p * f^T for n x n matrices, through `work` (n x n); out must not alias f or p. */
export function sandwich(f: ArrayLike<number>, p: ArrayLike<number>, n: number, work: Float64Array, out: Float64Array): Float64Array {
  matMul(f, p, n, n, n, work);
  matMulABt(work, f, n, n, n, out);
  return out;
}

/** Replaces a square matrix by (A + A^T) / 2, in place: rounding makes covariances drift from symmetry. */
export function symmetrize(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/**
 * Cholesky factor L (lower, A = L L^T) of a symmetric positive-definite n x n matrix, written
 * to `out` (may alias a). Returns false, leaving `out` partial, when A is not positive definite.
 */
export function cholesky(a: ArrayLike<number>, n: number, out: Float64Array): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= out[j * n + k] * out[j * n + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    out[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= out[i * n + k] * out[j * n + k];
      out[i * n + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) out[j * n + k] = 0;
  }
  return true;
}

/** Solves (L L^T) X = B for X (n x nrhs) given the Cholesky factor; `out` may alias b. */
export function choleskySolve(l: ArrayLike<number>, n: number, b: ArrayLike<number>, nrhs: number, out: Float64Array): Float64Array {
  for (let c = 0; c < nrhs; c++) {
    for (let i = 0; i < n; i++) {
      let s = b[i * nrhs + c];
      for (let k = 0; k < i; k++) s -= l[i * n + k] * out[k * nrhs + c];
      out[i * nrhs + c] = s / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = out[i * nrhs + c];
      for (let k = i + 1; k < n; k++) s -= l[k * n + i] * out[k * nrhs + c];
      out[i * nrhs + c] = s / l[i * n + i];
    }
  }
  return out;
}

/** log det A from its Cholesky factor. */
export function logDetFromCholesky(l: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return 2 * s;
}

/**
 * Inverse of a symmetric positive-definite matrix through Cholesky; `work` holds n x n. Returns
 * false when the matrix is not positive definite.
 */
export function invertSpd(a: ArrayLike<number>, n: number, out: Float64Array, work: Float64Array = new Float64Array(n * n)): boolean {
  if (!cholesky(a, n, work)) return false;
  identity(n, out);
  choleskySolve(work, n, out, n, out);
  symmetrize(out, n);
  return true;
}

/**
 * Solves A X = B (A n x n, B n x nrhs) by Gaussian elimination with partial pivoting.
 * `work` holds n x n (a copy of A is eliminated there). Returns false when A is singular to
 * working precision.
 */
export function solve(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  n: number,
  nrhs: number,
  out: Float64Array,
  work: Float64Array = new Float64Array(n * n),
): boolean {
  for (let i = 0; i < n * n; i++) work[i] = a[i];
  if (out !== b) for (let i = 0; i < n * nrhs; i++) out[i] = b[i];
  let scaleMax = 0;
  for (let i = 0; i < n * n; i++) scaleMax = Math.max(scaleMax, Math.abs(work[i]));
  const tiny = scaleMax * n * 1e-15;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(work[r * n + col]) > Math.abs(work[pivot * n + col])) pivot = r;
    const pv = work[pivot * n + col];
    if (!(Math.abs(pv) > tiny)) return false;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = work[col * n + k];
        work[col * n + k] = work[pivot * n + k];
        work[pivot * n + k] = t;
      }
      for (let k = 0; k < nrhs; k++) {
        const t = out[col * nrhs + k];
        out[col * nrhs + k] = out[pivot * nrhs + k];
        out[pivot * nrhs + k] = t;
      }
    }
    for (let r = col + 1; r < n; r++) {
      const f = work[r * n + col] / pv;
      if (f === 0) continue;
      for (let k = col; k < n; k++) work[r * n + k] -= f * work[col * n + k];
      for (let k = 0; k < nrhs; k++) out[r * nrhs + k] -= f * out[col * nrhs + k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = 0; k < nrhs; k++) {
      let s = out[i * nrhs + k];
      for (let j = i + 1; j < n; j++) s -= work[i * n + j] * out[j * nrhs + k];
      out[i * nrhs + k] = s / work[i * n + i];
    }
  }
  return true;
}

/** General inverse by elimination with partial pivoting; false when singular. */
export function invert(a: ArrayLike<number>, n: number, out: Float64Array, work: Float64Array = new Float64Array(n * n)): boolean {
  identity(n, out);
  return solve(a, out, n, n, out, work);
}

/** x^T A x for an n-vector and an n x n matrix. */
export function quadraticForm(x: ArrayLike<number>, a: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += a[i * n + j] * x[j];
    s += x[i] * row;
  }
  return s;
}

/**
 * Eigenvalues (ascending) and eigenvectors (columns of `vectors`, n x n) of a symmetric matrix
 * by cyclic Jacobi rotations: slow for large n but exact to rounding and simple, which is what
 * error ellipses and covariance repairs of 3 x 3 to 9 x 9 matrices need.
 */
export function symmetricEigen(
  a: ArrayLike<number>,
  n: number,
  values: Float64Array = new Float64Array(n),
  vectors: Float64Array = new Float64Array(n * n),
): { values: Float64Array; vectors: Float64Array } {
  const w = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) w[i] = a[i];
  symmetrize(w, n);
  identity(n, vectors);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += w[i * n + i] * w[i * n + i];
      for (let j = i + 1; j < n; j++) off += w[i * n + j] * w[i * n + j];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p * n + q];
        if (apq === 0) continue;
        const theta = (w[q * n + q] - w[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = w[k * n + p];
          const akq = w[k * n + q];
          w[k * n + p] = c * akp - s * akq;
          w[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = w[p * n + k];
          const aqk = w[q * n + k];
          w[p * n + k] = c * apk - s * aqk;
          w[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = vectors[k * n + p];
          const vkq = vectors[k * n + q];
          vectors[k * n + p] = c * vkp - s * vkq;
          vectors[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  // Sort ascending, carrying the eigenvector columns along.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => w[i * n + i] - w[j * n + j]);
  const sortedVectors = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    values[c] = w[order[c] * n + order[c]];
    for (let r = 0; r < n; r++) sortedVectors[r * n + c] = vectors[r * n + order[c]];
  }
  vectors.set(sortedVectors);
  return { values, vectors };
}

/**
 * Makes a covariance usable again after rounding or an aggressive update: symmetrizes it and
 * raises every eigenvalue to at least `floor` (in place). Returns how many eigenvalues were raised.
 */
export function repairCovariance(a: Float64Array, n: number, floor: number): number {
  symmetrize(a, n);
  const work = new Float64Array(n * n);
  if (cholesky(a, n, work)) {
    let minDiag = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) minDiag = Math.min(minDiag, work[i * n + i] * work[i * n + i]);
    // A positive-definite matrix whose pivots all exceed the floor needs no eigen-decomposition.
    if (minDiag >= floor) return 0;
  }
  const { values, vectors } = symmetricEigen(a, n);
  let raised = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] < floor) {
      values[i] = floor;
      raised++;
    }
  }
  if (raised === 0) return 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i * n + k] * values[k] * vectors[j * n + k];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  return raised;
}
