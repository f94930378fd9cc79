import { InputError } from '../math/errors.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import { type Sgp4BulkOptions, type Sgp4OutputFrame, type Sgp4Problem, type Sgp4Table, planSgp4Run } from '../orbits/sgp4/bulk.ts';
import type { TimeGrid } from '../time/grid.ts';
import type { Sgp4ChunkArgs, SharedStateBuffers } from './jobs/sgp4-chunk.ts';
import { WorkerPool } from './pool.ts';

export interface ParallelOptions {
  /** Worker threads to use when no pool is given; the machine's parallelism by default. */
  readonly workers?: number;
  /** A pool to reuse (it stays open); otherwise one is made for this call and closed after it. */
  readonly pool?: WorkerPool;
  /** Chunks per worker: more than one lets fast workers take over the work of slow ones. */
  readonly chunksPerWorker?: number;
}

const JOB = new URL('./jobs/sgp4-chunk.ts', import.meta.url);

/**
 * propagateSgp4 split over worker threads: the objects are cut into contiguous chunks, each
 * worker writes its chunk's columns straight into one shared state table, and the result is
 * byte for byte the single-thread one (every object is computed on its own, with the same
 * code and the same per-step Earth rotation, computed once here).
 */
export async function propagateSgp4Parallel(sets: readonly ElementSet[], grid: TimeGrid, options?: Sgp4BulkOptions<'TEME'>, parallel?: ParallelOptions): Promise<Sgp4Table<'TEME'>>;
export async function propagateSgp4Parallel(sets: readonly ElementSet[], grid: TimeGrid, options: Sgp4BulkOptions<'ITRF'> & { frame: 'ITRF' }, parallel?: ParallelOptions): Promise<Sgp4Table<'ITRF'>>;
export async function propagateSgp4Parallel<F extends Sgp4OutputFrame>(sets: readonly ElementSet[], grid: TimeGrid, options?: Sgp4BulkOptions<F>, parallel?: ParallelOptions): Promise<Sgp4Table<F>>;
export async function propagateSgp4Parallel(
  sets: readonly ElementSet[],
  grid: TimeGrid,
  options: Sgp4BulkOptions = {},
  parallel: ParallelOptions = {},
): Promise<Sgp4Table<Sgp4OutputFrame>> {
  const plan = planSgp4Run(sets, grid, options);
  const perWorker = parallel.chunksPerWorker ?? 4;
  if (!Number.isInteger(perWorker) || perWorker < 1) throw new InputError('chunksPerWorker', perWorker, 'must be a whole number of at least 1');
  const n = sets.length;
  const cells = n * grid.count;
  const buffers: SharedStateBuffers = {
    x: new SharedArrayBuffer(cells * 8),
    y: new SharedArrayBuffer(cells * 8),
    z: new SharedArrayBuffer(cells * 8),
    vx: new SharedArrayBuffer(cells * 8),
    vy: new SharedArrayBuffer(cells * 8),
    vz: new SharedArrayBuffer(cells * 8),
    status: new SharedArrayBuffer(cells),
  };
  const pool = parallel.pool ?? new WorkerPool({ size: parallel.workers });
  try {
    const chunks = Math.min(n, pool.size * perWorker);
    const tasks = [];
    for (let c = 0; c < chunks; c++) {
      const first = Math.floor((c * n) / chunks);
      const end = Math.floor(((c + 1) * n) / chunks);
      const args: Sgp4ChunkArgs = { sets: sets.slice(first, end), grid: { ...grid }, nObjects: n, firstObject: first, rotations: plan.rotations, buffers };
      tasks.push({ module: JOB, fn: 'propagateSgp4Chunk', args });
    }
    const problems = (await pool.runAll<Sgp4Problem[]>(tasks)).flat();
    return {
      frame: plan.frame,
      grid,
      nObjects: n,
      ids: plan.ids,
      x: new Float64Array(buffers.x),
      y: new Float64Array(buffers.y),
      z: new Float64Array(buffers.z),
      vx: new Float64Array(buffers.vx),
      vy: new Float64Array(buffers.vy),
      vz: new Float64Array(buffers.vz),
      status: new Uint8Array(buffers.status),
      problems,
    };
  } finally {
    if (!parallel.pool) await pool.close();
  }
}
