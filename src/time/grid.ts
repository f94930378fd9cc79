import { InputError } from '../math/errors.ts';
import type { Instant } from './instant.ts';

/**
 * A uniform time grid: `count` instants from `start` every `stepS` seconds, the last one
 * no later than start + duration. Kept as start + step so a time is computed, not accumulated.
 */
export interface TimeGrid {
  readonly start: Instant;
  readonly stepS: number;
  readonly count: number;
}

export function timeGrid(start: Instant, durationS: number, stepS: number, fields = { duration: 'duration', step: 'step' }): TimeGrid {
  if (!Number.isFinite(stepS) || stepS <= 0) throw new InputError(fields.step, stepS, 'must be a positive number of seconds');
  if (!Number.isFinite(durationS) || durationS < 0) throw new InputError(fields.duration, durationS, 'must be zero or a positive number of seconds');
  if (stepS > durationS && durationS > 0) throw new InputError(fields.step, stepS, `must not exceed the duration (${durationS} s)`);
  // A tolerance of a nanosecond keeps the end point when duration is a multiple of step.
  const count = Math.floor(durationS / stepS + 1e-9) + 1;
  return { start, stepS, count };
}

export function gridInstant(grid: TimeGrid, k: number): Instant {
  return (grid.start + k * grid.stepS) as Instant;
}

export function gridInstants(grid: TimeGrid): Float64Array {
  const out = new Float64Array(grid.count);
  for (let k = 0; k < grid.count; k++) out[k] = grid.start + k * grid.stepS;
  return out;
}
