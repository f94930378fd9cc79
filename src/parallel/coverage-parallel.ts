import type { CoverageAccumulator } from '../coverage/accumulator.ts';
import { mergeCoverageAccumulators } from '../coverage/accumulator.ts';
import { splitSteps } from '../coverage/compute.ts';
import { type CoverageChunkArgs, coverageChunk } from '../coverage/coverage-job.ts';
import { type CoverageProblem, checkCoverageProblem } from '../coverage/engine.ts';
import { type CoverageReport, coverageFigures } from '../coverage/figures.ts';
import type { CoverageGrid } from '../coverage/grid.ts';
import { type StripIndex, buildStripIndex } from '../coverage/spatial-index.ts';
import { InputError } from '../math/errors.ts';
import type { StateTable } from '../orbits/state-table.ts';
import { gridInstant } from '../time/grid.ts';
import { WorkerPool, withTransfer } from './pool.ts';

export interface CoverageParallelOptions {
  /** Worker threads to use when no pool is given; the machine's parallelism by default. */
  readonly workers?: number;
  /** A pool to reuse (it stays open); otherwise one is made for this call and closed after it. */
  readonly pool?: WorkerPool;
  /** Time slices per worker: more than one lets fast workers take over the work of slow ones (default 2). */
  readonly chunksPerWorker?: number;
}

const JOB = new URL(import.meta.url);

/**
 * computeCoverage split over worker threads by time: each worker runs a slice of the steps
 * (src/coverage/coverage-job.ts) and the slices' accumulators are merged in time order, which is
 * exact, so the report is byte for byte the one-thread one (test/parallel/coverage-parallel.test.ts).
 * The state table, the grid and, when a sensor needs it, the Sun's position at every step
 * (computed here with the problem's own `sunPosition`) go to the workers in shared memory.
 * Bad input is rejected here, before any worker starts, naming the field.
 */
export async function computeCoverageParallel(problem: CoverageProblem, options: CoverageParallelOptions = {}): Promise<CoverageReport> {
  const perWorker = options.chunksPerWorker ?? 2;
  if (!Number.isInteger(perWorker) || perWorker < 1 || perWorker > 1024) throw new InputError('chunksPerWorker', perWorker, 'must be a whole number from 1 to 1024');
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1 && options.workers <= 256)) {
    throw new InputError('workers', options.workers, 'must be a whole number from 1 to 256');
  }
  const prepared = checkCoverageProblem(problem);
  const { table, grid } = problem;
  if (problem.index && problem.index.count !== grid.count) throw new InputError('index', problem.index.count, `must be the strip index of the grid (${grid.count} points)`);
  const steps = table.grid.count;
  let sunTable = problem.sunTable;
  if (prepared.needsSun && !sunTable) {
    sunTable = shared(new Float64Array(3 * steps));
    const out = new Float64Array(3);
    for (let k = 0; k < steps; k++) {
      problem.sunPosition!(gridInstant(table.grid, k), out);
      sunTable.set(out, 3 * k);
    }
  }
  const sharedTable = shareTable(table);
  const sharedGrid = shareGrid(grid);
  // One strip index for every slice, rather than one per slice.
  const sharedIndex = shareIndex(problem.index ?? buildStripIndex(grid, problem.stripDeg));
  const pool = options.pool ?? new WorkerPool({ size: options.workers });
  try {
    const chunks = splitSteps(steps, Math.max(1, Math.min(steps, pool.size * perWorker)));
    const tasks = chunks.map(([k0, k1]) => {
      const args: CoverageChunkArgs = {
        table: sharedTable,
        sensors: problem.sensors,
        constraints: problem.constraints,
        grid: sharedGrid,
        folds: problem.folds,
        satellites: problem.satellites,
        stereoAngle: problem.stereoAngle,
        stripDeg: problem.stripDeg,
        index: sharedIndex,
        sunTable: prepared.needsSun ? sunTable : undefined,
        k0,
        k1,
      };
      return { module: JOB, fn: 'coverageChunkMoved', args };
    });
    let acc: CoverageAccumulator | null = null;
    for (const part of await pool.runAll<CoverageAccumulator>(tasks)) acc = acc === null ? part : mergeCoverageAccumulators(acc, part);
    if (acc === null) throw new InputError('steps', steps, 'must be at least one');
    return coverageFigures(acc, grid, table.grid.stepS);
  } finally {
    if (!options.pool) await pool.close();
  }
}

/** Worker job: one time slice (coverageChunk), its accumulator's buffers moved back rather than copied. */
export function coverageChunkMoved(args: CoverageChunkArgs): CoverageAccumulator {
  const acc = coverageChunk(args);
  const buffers = Object.values(acc)
    .filter((v): v is Float64Array | Int32Array => ArrayBuffer.isView(v))
    .map((v) => v.buffer as ArrayBuffer);
  return withTransfer(acc, [...new Set(buffers)]);
}

/** The array in shared memory (itself when it already is). */
function shared<T extends Float64Array | Uint8Array | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

function shareTable(table: StateTable<'ITRF'>): StateTable<'ITRF'> {
  return {
    ...table,
    x: shared(table.x),
    y: shared(table.y),
    z: shared(table.z),
    vx: shared(table.vx),
    vy: shared(table.vy),
    vz: shared(table.vz),
    status: shared(table.status),
  };
}

function shareIndex(index: StripIndex): StripIndex {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(index)) out[key] = ArrayBuffer.isView(value) ? shared(value as Float64Array) : value;
  return out as unknown as StripIndex;
}

function shareGrid(grid: CoverageGrid): CoverageGrid {
  return {
    ...grid,
    latDeg: shared(grid.latDeg),
    lonDeg: shared(grid.lonDeg),
    position: shared(grid.position),
    up: shared(grid.up),
    direction: shared(grid.direction),
    weight: shared(grid.weight),
    cellWidthDeg: shared(grid.cellWidthDeg),
  };
}
