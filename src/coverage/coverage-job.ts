import { sunPositionItrf } from '../bodies/sun.ts';
import type { StateTable } from '../orbits/state-table.ts';
import type { Sensor, TargetConstraints } from '../sensors/sensor.ts';
import type { CoverageAccumulator } from './accumulator.ts';
import { accumulateCoverage, prepareCoverage } from './engine.ts';
import type { StripIndex } from './spatial-index.ts';
import type { CoverageGrid } from './grid.ts';

/**
 * A worker-pool job (src/parallel/pool.ts runs "function fn of module m on args"): one time
 * slice of a coverage problem, from structured-cloneable data only. The Sun, when a sensor needs
 * it, is bodies/sun.ts without Earth-orientation data (a function cannot cross threads).
 * Merge the returned accumulators in time order with mergeCoverageAccumulators: the result is
 * the same bytes as one thread's.
 */
export interface CoverageChunkArgs {
  readonly table: StateTable<'ITRF'>;
  readonly sensors: Sensor | readonly Sensor[];
  readonly constraints?: TargetConstraints;
  readonly grid: CoverageGrid;
  readonly folds: readonly number[];
  readonly satellites?: readonly number[];
  readonly stereoAngle?: number | null;
  readonly stripDeg?: number;
  /** The grid's strip index, built once for all slices (e.g. in shared memory); built here when absent. */
  readonly index?: StripIndex;
  /** The Sun's ITRF position per step (see CoverageProblem.sunTable); without it the job computes it. */
  readonly sunTable?: Float64Array;
  readonly k0: number;
  readonly k1: number;
}

export function coverageChunk(args: CoverageChunkArgs): CoverageAccumulator {
  const prepared = prepareCoverage({
    table: args.table,
    sensors: args.sensors,
    constraints: args.constraints,
    grid: args.grid,
    folds: args.folds,
    satellites: args.satellites,
    stereoAngle: args.stereoAngle,
    stripDeg: args.stripDeg,
    index: args.index,
    sunTable: args.sunTable,
    sunPosition: (t, out) => sunPositionItrf(t, undefined, out),
  });
  return accumulateCoverage(prepared, args.k0, args.k1);
}
