import type { Frame } from '../frames/types.ts';
import { type TimeGrid, gridInstant } from '../time/grid.ts';
import type { Instant } from '../time/instant.ts';

/**
 * Why a row of a state table holds no state. 0 is success; 1-6 are SGP4's own error codes
 * (Vallado et al. 2006); the rest are tracklayer's.
 */
export const StateStatus = {
  OK: 0,
  SGP4_MEAN_ELEMENTS: 1,
  SGP4_MEAN_MOTION: 2,
  SGP4_PERTURBED_ECCENTRICITY: 3,
  SGP4_SEMI_LATUS_RECTUM: 4,
  SGP4_SUBORBITAL: 5,
  SGP4_DECAYED: 6,
  INVALID_ELEMENTS: 10,
  OUT_OF_RANGE: 11,
  NOT_COMPUTED: 12,
} as const;
export type StateStatusCode = (typeof StateStatus)[keyof typeof StateStatus];

export function describeStatus(code: number): string {
  switch (code) {
    case 0: return 'ok';
    case 1: return 'SGP4 error 1: mean eccentricity outside [0, 1) or mean semi-major axis below 0.95 Earth radii';
    case 2: return 'SGP4 error 2: mean motion below zero';
    case 3: return 'SGP4 error 3: perturbed eccentricity outside [0, 1]';
    case 4: return 'SGP4 error 4: semi-latus rectum below zero';
    case 5: return 'SGP4 error 5: epoch elements are sub-orbital';
    case 6: return 'SGP4 error 6: satellite has decayed';
    case 10: return 'invalid elements';
    case 11: return 'time outside the ephemeris span';
    case 12: return 'not computed';
    default: return `unknown status ${code}`;
  }
}

/**
 * States of many objects over a time grid, time-major structure of arrays: element
 * `k * nObjects + i` is object i at step k. Metres and metres per second in `frame`.
 * A row whose status is not 0 holds NaN.
 */
export interface StateTable<F extends Frame> {
  readonly frame: F;
  readonly grid: TimeGrid;
  readonly nObjects: number;
  readonly ids: readonly string[];
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly vz: Float64Array;
  readonly status: Uint8Array;
}

export function allocateStateTable<F extends Frame>(frame: F, grid: TimeGrid, ids: readonly string[]): StateTable<F> {
  const n = grid.count * ids.length;
  return {
    frame,
    grid,
    nObjects: ids.length,
    ids,
    x: new Float64Array(n),
    y: new Float64Array(n),
    z: new Float64Array(n),
    vx: new Float64Array(n),
    vy: new Float64Array(n),
    vz: new Float64Array(n),
    status: new Uint8Array(n),
  };
}

export function stateTableInstant(table: StateTable<Frame>, k: number): Instant {
  return gridInstant(table.grid, k);
}

/** The columns of a state table, which is all a bulk kernel writes. */
export type StateColumns = Pick<StateTable<Frame>, 'x' | 'y' | 'z' | 'vx' | 'vy' | 'vz' | 'status'>;

/** Marks a row failed and fills it with NaN, so a consumer that ignores status still sees no number. */
export function markFailed(table: StateColumns, index: number, code: number): void {
  table.status[index] = code;
  table.x[index] = Number.NaN;
  table.y[index] = Number.NaN;
  table.z[index] = Number.NaN;
  table.vx[index] = Number.NaN;
  table.vy[index] = Number.NaN;
  table.vz[index] = Number.NaN;
}

/** A new table holding only the named objects' columns, in the order given. */
export function selectObjects<F extends Frame>(table: StateTable<F>, ids: readonly string[]): StateTable<F> {
  const columns = ids.map((id) => {
    const i = table.ids.indexOf(id);
    if (i < 0) throw new Error(`selectObjects: the table holds no object "${id}"`);
    return i;
  });
  const n = table.nObjects;
  const m = columns.length;
  const count = table.grid.count;
  const out = allocateStateTable(table.frame, table.grid, ids);
  const columnsOf = [
    [table.x, out.x],
    [table.y, out.y],
    [table.z, out.z],
    [table.vx, out.vx],
    [table.vy, out.vy],
    [table.vz, out.vz],
  ] as const;
  for (let k = 0; k < count; k++) {
    for (let j = 0; j < m; j++) {
      const from = k * n + columns[j];
      const to = k * m + j;
      for (const [src, dst] of columnsOf) dst[to] = src[from];
      out.status[to] = table.status[from];
    }
  }
  return out;
}
