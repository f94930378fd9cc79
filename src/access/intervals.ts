import { InputError } from '../math/errors.ts';
import type { Instant } from '../time/instant.ts';

/** A signed margin in time: positive (or zero) while a condition holds; NaN counts as not holding. */
export type MarginFunction = (t: Instant) => number;

/** A closed interval of time during which a condition holds. */
export interface AccessInterval {
  start: Instant;
  end: Instant;
}

export interface IntervalOptions {
  /** Sampling step, s: below the shortest interval (and gap) that must not be missed. */
  step: number;
  /** Edge accuracy, s (default 1 ms). */
  tolerance?: number;
}

const holds = (m: number) => m >= 0;

/** The minimum of margins: all conditions hold. */
export function all(...margins: MarginFunction[]): MarginFunction {
  if (margins.length === 0) throw new InputError('conditions', margins, 'all() needs at least one condition');
  return (t) => {
    let m = Number.POSITIVE_INFINITY;
    for (const f of margins) {
      const v = f(t);
      if (!(v >= m)) m = v; // NaN propagates
    }
    return m;
  };
}

/** The maximum of margins: at least one condition holds. */
export function any(...margins: MarginFunction[]): MarginFunction {
  if (margins.length === 0) throw new InputError('conditions', margins, 'any() needs at least one condition');
  return (t) => {
    let m = Number.NEGATIVE_INFINITY;
    for (const f of margins) {
      const v = f(t);
      if (v > m) m = v;
    }
    return m;
  };
}

/**
 * Intervals of [start, end] where margin >= 0: samples every `step` seconds, then narrows each
 * change of sign by bisection until the bracket is under the tolerance; each edge returned is the
 * bracket end on the holding side. Sorted and disjoint; an interval that holds at the window's
 * edge is cut there.
 */
export function findIntervals(margin: MarginFunction, start: Instant, end: Instant, options: IntervalOptions): AccessInterval[] {
  const { step } = options;
  const tolerance = options.tolerance ?? 1e-3;
  if (!(end >= start)) throw new InputError('end', end, `must not precede the start (${start})`);
  if (!(step > 0 && Number.isFinite(step))) throw new InputError('step', step, 'must be a positive number of seconds');
  if (!(tolerance > 0)) throw new InputError('tolerance', tolerance, 'must be positive');
  const span = end - start;
  if (span > 0 && step > span) throw new InputError('step', step, `must not exceed the window (${span} s)`);
  const count = Math.max(1, Math.ceil(span / step - 1e-9));
  const intervals: AccessInterval[] = [];
  let prevT = start;
  let prevIn = holds(margin(start));
  let openStart: Instant | null = prevIn ? start : null;
  for (let k = 1; k <= count; k++) {
    const t = (k === count ? end : start + k * step) as Instant;
    const isIn = holds(margin(t));
    if (isIn !== prevIn) {
      const edge = refine(margin, prevT, t, prevIn, tolerance);
      if (isIn) openStart = edge;
      else {
        intervals.push({ start: openStart as Instant, end: edge });
        openStart = null;
      }
    }
    prevT = t;
    prevIn = isIn;
  }
  if (openStart !== null) intervals.push({ start: openStart, end });
  return intervals;
}

/** Bisection of a sign change between a and b (a's state is `aIn`); returns the end of the final bracket that holds. */
function refine(margin: MarginFunction, a: Instant, b: Instant, aIn: boolean, tolerance: number): Instant {
  let lo = a;
  let hi = b;
  while (hi - lo > tolerance) {
    const mid = (lo + (hi - lo) / 2) as Instant;
    if (mid <= lo || mid >= hi) break;
    if (holds(margin(mid)) === aIn) lo = mid;
    else hi = mid;
  }
  return aIn ? lo : hi;
}
