import { InputError } from '../errors.ts';

/**
 * Piecewise-polynomial record of a solution, one piece per accepted step, in Hairer's form
 *   y(t0 + s h) = r1 + s (r2 + (1-s) (r3 + s (r4 + (1-s) r5)))
 * With r5 = 0 the piece is the cubic Hermite through both ends' values and slopes, so
 * Dormand-Prince's fourth-order continuous extension and a fixed-step method's Hermite
 * interpolant share one store. Storage grows by doubling; nothing is allocated per lookup.
 */
export class DenseSolution {
  readonly dimension: number;
  private times: Float64Array;
  private steps: Float64Array;
  private coefficients: Float64Array;
  private pieces = 0;
  private lastPiece = 0;

  constructor(dimension: number, capacity = 64) {
    this.dimension = dimension;
    this.times = new Float64Array(capacity);
    this.steps = new Float64Array(capacity);
    this.coefficients = new Float64Array(capacity * 5 * dimension);
  }

  get count(): number {
    return this.pieces;
  }

  get tStart(): number {
    return this.pieces > 0 ? this.times[0] : Number.NaN;
  }

  get tEnd(): number {
    return this.pieces > 0 ? this.times[this.pieces - 1] + this.steps[this.pieces - 1] : Number.NaN;
  }

  /** Start time of each piece (a copy), e.g. to list the integrator's step times. */
  pieceTimes(): Float64Array {
    return this.times.slice(0, this.pieces);
  }

  /** Appends one piece over [t0, t0 + h]; `coeffs` holds r1..r5, each `dimension` long, back to back. */
  append(t0: number, h: number, coeffs: Float64Array): void {
    if (this.pieces === this.times.length) this.grow();
    const n5 = 5 * this.dimension;
    this.times[this.pieces] = t0;
    this.steps[this.pieces] = h;
    this.coefficients.set(coeffs.subarray(0, n5), this.pieces * n5);
    this.pieces++;
  }

  /** Appends every piece of another solution of the same dimension (phases flown one after another). */
  appendAll(other: DenseSolution): void {
    const n5 = 5 * this.dimension;
    for (let i = 0; i < other.pieces; i++) {
      this.append(other.times[i], other.steps[i], other.coefficients.subarray(i * n5, (i + 1) * n5));
    }
  }

  /**
   * Components [first, first + count) of the solution at t, into `out` at `offset`. Times
   * outside the record are an error rather than an extrapolation.
   */
  evaluate(t: number, out: Float64Array, first = 0, count = this.dimension, offset = 0): Float64Array {
    const piece = this.findPiece(t);
    const h = this.steps[piece];
    const s = h === 0 ? 0 : (t - this.times[piece]) / h;
    const s1 = 1 - s;
    const n = this.dimension;
    const base = piece * 5 * n;
    const c = this.coefficients;
    for (let j = first; j < first + count; j++) {
      const k = base + j;
      out[offset + j - first] = c[k] + s * (c[k + n] + s1 * (c[k + 2 * n] + s * (c[k + 3 * n] + s1 * c[k + 4 * n])));
    }
    return out;
  }

  private findPiece(t: number): number {
    const m = this.pieces;
    if (m === 0) throw new InputError('t', t, 'is outside an empty solution');
    const end = this.tEnd;
    const tolerance = 1e-9 * Math.max(1, Math.abs(end));
    if (!(t >= this.times[0] - tolerance && t <= end + tolerance)) {
      throw new InputError('t', t, `is outside the solution's span [${this.times[0]}, ${end}]`);
    }
    // Lookups usually walk forward in time: try the last piece and its neighbour first.
    let i = this.lastPiece;
    if (t >= this.times[i] && t <= this.times[i] + this.steps[i]) return i;
    if (i + 1 < m && t >= this.times[i + 1] && t <= this.times[i + 1] + this.steps[i + 1]) {
      this.lastPiece = i + 1;
      return i + 1;
    }
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    i = lo;
    this.lastPiece = i;
    return i;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const steps = new Float64Array(cap);
    steps.set(this.steps);
    const coefficients = new Float64Array(cap * 5 * this.dimension);
    coefficients.set(this.coefficients);
    this.times = times;
    this.steps = steps;
    this.coefficients = coefficients;
  }
}
