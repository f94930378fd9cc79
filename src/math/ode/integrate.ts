import { InputError } from '../errors.ts';
import type { DenseSolution } from './dense.ts';
import type { Derivative, IntegrateResult, OdeEvent } from './types.ts';

/**
 * Dormand & Prince's RK5(4)7M (J. Comp. Appl. Math. 6, 1980), first-same-as-last, with the
 * fourth-order continuous extension of Hairer, Norsett & Wanner (Solving ODEs I, sec. II.6),
 * and the classical fixed-step RK4 with a cubic Hermite interpolant. Both feed the same event
 * locator, which finds roots on the continuous extension, so an event costs no extra steps.
 */
export interface IntegrateOptions {
  method?: 'dopri5' | 'rk4';
  /** dopri5: relative and absolute tolerances (absolute may be per component). */
  rtol?: number;
  atol?: number | Float64Array;
  /** dopri5: first step (s); estimated when absent. rk4: the fixed step (required). */
  step?: number;
  /** Largest step allowed, e.g. to keep a phase's structure visible. */
  maxStep?: number;
  maxSteps?: number;
  events?: readonly OdeEvent[];
  /** Every accepted step is appended here when given. */
  dense?: DenseSolution;
  /** Root-finding tolerance in time for events (default 1e-9 of the span, at least 1e-12). */
  eventTolerance?: number;
}

const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

/** Integrates y' = f(t, y) from t0 to tEnd (either direction), stopping early at a terminal event. */
export function integrate(f: Derivative, t0: number, y0: ArrayLike<number>, tEnd: number, options: IntegrateOptions = {}): IntegrateResult {
  const method = options.method ?? 'dopri5';
  const n = y0.length;
  if (!Number.isFinite(t0)) throw new InputError('t0', t0, 'must be a finite number');
  if (!Number.isFinite(tEnd)) throw new InputError('tEnd', tEnd, 'must be a finite number');
  for (let i = 0; i < n; i++) if (!Number.isFinite(y0[i])) throw new InputError(`y0[${i}]`, y0[i], 'must be a finite number');
  if (options.dense && options.dense.dimension !== n) throw new InputError('dense.dimension', options.dense.dimension, `must equal the state size ${n}`);
  const rtol = options.rtol ?? 1e-9;
  const atolOption = options.atol ?? 1e-9;
  if (!(rtol >= 0) || !Number.isFinite(rtol)) throw new InputError('rtol', rtol, 'must be a non-negative number');
  const atol = typeof atolOption === 'number' ? new Float64Array(n).fill(atolOption) : atolOption;
  if (atol.length !== n) throw new InputError('atol', atol.length, `must have ${n} components`);
  const span = tEnd - t0;
  const dir = span >= 0 ? 1 : -1;
  const maxStep = Math.abs(options.maxStep ?? Math.abs(span));
  const maxSteps = options.maxSteps ?? 1_000_000;
  const events = options.events ?? [];
  const eventTolerance = options.eventTolerance ?? Math.max(1e-12, 1e-12 * Math.abs(t0) + 1e-9 * Math.abs(span));
  if (method === 'rk4' && !(options.step !== undefined && options.step > 0 && Number.isFinite(options.step))) {
    throw new InputError('step', options.step, 'must be a positive number of seconds for the fixed-step RK4');
  }

  const y = Float64Array.from(y0);
  const yNew = new Float64Array(n);
  const yStage = new Float64Array(n);
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n), k4 = new Float64Array(n);
  const k5 = new Float64Array(n), k6 = new Float64Array(n), k7 = new Float64Array(n);
  const coeffs = new Float64Array(5 * n);
  const yEvent = new Float64Array(n);
  const gOld = new Float64Array(events.length);
  const marks: { index: number; t: number }[] = [];

  let t = t0;
  let evaluations = 0;
  let steps = 0;
  let rejected = 0;
  f(t, y, k1);
  evaluations++;
  for (let e = 0; e < events.length; e++) gOld[e] = events[e].g(t, y);

  let h: number;
  if (method === 'rk4') h = Math.min(options.step as number, maxStep);
  else h = Math.min(options.step ?? initialStep(f, t, y, k1, dir, rtol, atol, yStage, k2, maxStep, Math.abs(span)), maxStep);
  evaluations += method === 'dopri5' && options.step === undefined ? 1 : 0;
  let previousError = 1e-4;

  if (span === 0) return { t, y, eventIndex: -1, marks, steps, rejectedSteps: rejected, evaluations };

  while (steps < maxSteps) {
    const remaining = (tEnd - t) * dir;
    if (remaining <= 0) break;
    let last = false;
    if (h >= remaining * (1 - 1e-12)) {
      h = remaining;
      last = true;
    }
    const hs = h * dir;
    if (method === 'rk4') {
      for (let i = 0; i < n; i++) yStage[i] = y[i] + 0.5 * hs * k1[i];
      f(t + 0.5 * hs, yStage, k2);
      for (let i = 0; i < n; i++) yStage[i] = y[i] + 0.5 * hs * k2[i];
      f(t + 0.5 * hs, yStage, k3);
      for (let i = 0; i < n; i++) yStage[i] = y[i] + hs * k3[i];
      f(t + hs, yStage, k4);
      for (let i = 0; i < n; i++) yNew[i] = y[i] + (hs / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      f(t + hs, yNew, k7);
      evaluations += 4;
      for (let i = 0; i < n; i++) {
        const diff = yNew[i] - y[i];
        const bspl = hs * k1[i] - diff;
        coeffs[i] = y[i];
        coeffs[n + i] = diff;
        coeffs[2 * n + i] = bspl;
        coeffs[3 * n + i] = diff - hs * k7[i] - bspl;
        coeffs[4 * n + i] = 0;
      }
    } else {
      for (let i = 0; i < n; i++) yStage[i] = y[i] + hs * A21 * k1[i];
      f(t + C2 * hs, yStage, k2);
      for (let i = 0; i < n; i++) yStage[i] = y[i] + hs * (A31 * k1[i] + A32 * k2[i]);
      f(t + C3 * hs, yStage, k3);
      for (let i = 0; i < n; i++) yStage[i] = y[i] + hs * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
      f(t + C4 * hs, yStage, k4);
      for (let i = 0; i < n; i++) yStage[i] = y[i] + hs * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
      f(t + C5 * hs, yStage, k5);
      for (let i = 0; i < n; i++) yStage[i] = y[i] + hs * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
      f(t + hs, yStage, k6);
      for (let i = 0; i < n; i++) yNew[i] = y[i] + hs * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
      f(t + hs, yNew, k7);
      evaluations += 6;
      let err = 0;
      for (let i = 0; i < n; i++) {
        const e = hs * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        const sc = atol[i] + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
        const r = e / sc;
        err += r * r;
      }
      err = Math.sqrt(err / n);
      if (!Number.isFinite(err)) {
        // A step into a region the model cannot evaluate: shrink hard and retry.
        h *= 0.1;
        rejected++;
        if (h < 1e-12 * Math.max(1, Math.abs(t))) throw new InputError('integration', t, 'stopped: the derivative is not finite');
        continue;
      }
      if (err > 1) {
        // Rejected: shrink, never below a fifth.
        h *= Math.max(0.2, 0.9 * err ** -0.2);
        rejected++;
        if (h < 1e-12 * Math.max(1, Math.abs(t))) throw new InputError('integration', t, 'stopped: the step size underflowed');
        continue;
      }
      for (let i = 0; i < n; i++) {
        const diff = yNew[i] - y[i];
        const bspl = hs * k1[i] - diff;
        coeffs[i] = y[i];
        coeffs[n + i] = diff;
        coeffs[2 * n + i] = bspl;
        coeffs[3 * n + i] = diff - hs * k7[i] - bspl;
        coeffs[4 * n + i] = hs * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
      }
      // PI step-size control (Gustafsson), as in Hairer's DOPRI5: beta 0.04 damps oscillating steps.
      const factor = Math.min(10, Math.max(0.2, 0.9 * Math.max(err, 1e-10) ** -0.17 * previousError ** 0.04));
      previousError = Math.max(err, 1e-4);
      h = Math.min(h * factor, maxStep);
    }
    steps++;

    // Events: look for sign changes across the step, earliest first.
    let firstEvent = -1;
    let firstS = 2;
    for (let e = 0; e < events.length; e++) {
      const ev = events[e];
      const gNew = ev.g(t + hs, yNew);
      const g0 = gOld[e];
      const crossed = (g0 < 0 && gNew >= 0 && (ev.direction ?? 0) >= 0) || (g0 > 0 && gNew <= 0 && (ev.direction ?? 0) <= 0);
      if (crossed) {
        const s = locateRoot(ev, t, hs, g0, gNew, coeffs, n, yEvent, eventTolerance / Math.abs(hs));
        if (ev.terminal === false) {
          marks.push({ index: e, t: t + s * hs });
        } else if (s < firstS) {
          firstS = s;
          firstEvent = e;
        }
      }
      gOld[e] = gNew;
    }
    if (firstEvent >= 0) {
      const tRoot = t + firstS * hs;
      evalPiece(coeffs, n, firstS, yEvent);
      // Keep only marks before the stop.
      for (let m = marks.length - 1; m >= 0 && marks[m].t > tRoot; m--) marks.splice(m, 1);
      if (options.dense) {
        // Store the piece cut at the root, so the record ends where the flight ends.
        cutPiece(coeffs, n, firstS);
        options.dense.append(t, firstS * hs, coeffs);
      }
      marks.sort((a, b) => a.t - b.t);
      return { t: tRoot, y: Float64Array.from(yEvent), eventIndex: firstEvent, marks, steps, rejectedSteps: rejected, evaluations };
    }
    if (options.dense) options.dense.append(t, hs, coeffs);
    t = last ? tEnd : t + hs;
    y.set(yNew);
    k1.set(k7);
    if (method === 'rk4') h = Math.min(options.step as number, maxStep);
  }
  if (steps >= maxSteps && (tEnd - t) * dir > 0) throw new InputError('maxSteps', maxSteps, `reached at t = ${t} before tEnd = ${tEnd}`);
  marks.sort((a, b) => a.t - b.t);
  return { t, y, eventIndex: -1, marks, steps, rejectedSteps: rejected, evaluations };
}

function evalPiece(c: Float64Array, n: number, s: number, out: Float64Array): void {
  const s1 = 1 - s;
  for (let j = 0; j < n; j++) {
    out[j] = c[j] + s * (c[n + j] + s1 * (c[2 * n + j] + s * (c[3 * n + j] + s1 * c[4 * n + j])));
  }
}

/**
 * Re-expresses a piece on [0, s] as a piece on [0, 1] by sampling it at five points and
 * solving for the coefficients: exact, since the form is a degree-5 polynomial with r1 fixed.
 */
function cutPiece(c: Float64Array, n: number, s: number): void {
  // Values of the basis (u, u(1-u), u^2(1-u), u^2(1-u)^2) at u = 1/4, 1/2, 3/4, 1 for the new piece.
  const us = [0.25, 0.5, 0.75, 1];
  const basis = us.map((u) => [u, u * (1 - u), u * u * (1 - u), u * u * (1 - u) * (1 - u)]);
  const values = new Float64Array(4 * n);
  const tmp = new Float64Array(n);
  for (let q = 0; q < 4; q++) {
    evalPiece(c, n, us[q] * s, tmp);
    for (let j = 0; j < n; j++) values[q * n + j] = tmp[j] - c[j];
  }
  // Solve the 4x4 system once (same matrix for every component) by Gaussian elimination.
  const m = basis.map((row) => row.slice());
  const inv = invert4(m);
  for (let j = 0; j < n; j++) {
    for (let r = 0; r < 4; r++) {
      let acc = 0;
      for (let q = 0; q < 4; q++) acc += inv[r][q] * values[q * n + j];
      c[(r + 1) * n + j] = acc;
    }
  }
}

function invert4(m: number[][]): number[][] {
  const a = m.map((row, i) => [...row, ...[0, 1, 2, 3].map((k) => (k === i ? 1 : 0))]);
  for (let col = 0; col < 4; col++) {
    let pivot = col;
    for (let r = col + 1; r < 4; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    for (let k = 0; k < 8; k++) a[col][k] /= p;
    for (let r = 0; r < 4; r++) {
      if (r === col) continue;
      const factor = a[r][col];
      for (let k = 0; k < 8; k++) a[r][k] -= factor * a[col][k];
    }
  }
  return a.map((row) => row.slice(4));
}

/** Illinois-modified regula falsi on the continuous extension, in the step fraction s. */
function locateRoot(ev: OdeEvent, t: number, hs: number, g0: number, g1: number, c: Float64Array, n: number, work: Float64Array, sTolerance: number): number {
  let a = 0;
  let b = 1;
  let ga = g0;
  let gb = g1;
  let side = 0;
  for (let iter = 0; iter < 100 && b - a > sTolerance; iter++) {
    let s = (a * gb - b * ga) / (gb - ga);
    if (!(s > a && s < b)) s = 0.5 * (a + b);
    evalPiece(c, n, s, work);
    const gs = ev.g(t + s * hs, work);
    if (gs === 0) return s;
    if ((gs < 0) === (ga < 0)) {
      a = s;
      ga = gs;
      if (side === -1) gb *= 0.5;
      side = -1;
    } else {
      b = s;
      gb = gs;
      if (side === 1) ga *= 0.5;
      side = 1;
    }
  }
  // The far end of the bracket: the event has certainly happened there.
  return b;
}

/** Hairer's starting-step heuristic (Solving ODEs I, II.4): one extra evaluation. */
function initialStep(
  f: Derivative,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  dir: number,
  rtol: number,
  atol: Float64Array,
  work: Float64Array,
  f1: Float64Array,
  maxStep: number,
  span: number,
): number {
  const n = y.length;
  let dnf = 0;
  let dny = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol[i] + rtol * Math.abs(y[i]);
    dnf += (f0[i] / sk) ** 2;
    dny += (y[i] / sk) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  h = Math.min(h, maxStep, span);
  for (let i = 0; i < n; i++) work[i] = y[i] + dir * h * f0[i];
  f(t + dir * h, work, f1);
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol[i] + rtol * Math.abs(y[i]);
    der2 += ((f1[i] - f0[i]) / sk) ** 2;
  }
  der2 = Math.sqrt(der2) / h;
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, h * 1e-3) : (0.01 / der12) ** 0.2;
  return Math.min(100 * h, h1, maxStep, span);
}
