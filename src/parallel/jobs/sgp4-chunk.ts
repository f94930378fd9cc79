import type { ElementSet } from '../../orbits/element-set.ts';
import { type Sgp4Problem, propagateSgp4Into } from '../../orbits/sgp4/bulk.ts';
import type { TimeGrid } from '../../time/grid.ts';

/** The shared columns of one state table: every worker writes its own objects' columns. */
export interface SharedStateBuffers {
  readonly x: SharedArrayBuffer;
  readonly y: SharedArrayBuffer;
  readonly z: SharedArrayBuffer;
  readonly vx: SharedArrayBuffer;
  readonly vy: SharedArrayBuffer;
  readonly vz: SharedArrayBuffer;
  readonly status: SharedArrayBuffer;
}

export interface Sgp4ChunkArgs {
  readonly sets: readonly ElementSet[];
  readonly grid: TimeGrid;
  readonly nObjects: number;
  readonly firstObject: number;
  readonly rotations: Float64Array | null;
  readonly buffers: SharedStateBuffers;
}

/** Worker job: SGP4 for objects firstObject .. firstObject + sets.length - 1, written into shared memory. */
export function propagateSgp4Chunk(args: Sgp4ChunkArgs): Sgp4Problem[] {
  const { buffers, grid, nObjects } = args;
  const table = {
    grid,
    nObjects,
    x: new Float64Array(buffers.x),
    y: new Float64Array(buffers.y),
    z: new Float64Array(buffers.z),
    vx: new Float64Array(buffers.vx),
    vy: new Float64Array(buffers.vy),
    vz: new Float64Array(buffers.vz),
    status: new Uint8Array(buffers.status),
  };
  return propagateSgp4Into(table, args.firstObject, args.sets, args.rotations);
}
