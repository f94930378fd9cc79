import { sunPositionItrf } from '../bodies/sun.ts';
import type { CoverageAccumulator } from './accumulator.ts';
import { type CoverageProblem, accumulateCoverage, prepareCoverage } from './engine.ts';

/**
 * A worker-pool job (src/parallel/pool.ts runs "function fn of module m on args"): one time
 * slice of a coverage problem, from structured-cloneable data only. The Sun, when a sensor needs
 * it, is bodies/sun.ts without Earth-orientation data (a function cannot cross threads).
 * Merge the returned accumulators in time order with mergeCoverageAccumulators: the result is
 * the same bytes as one thread's.
 */
export interface CoverageChunkArgs extends Omit<CoverageProblem, 'sunPosition'> {
  readonly k0: number;
  readonly k1: number;
}

export function coverageChunk(args: CoverageChunkArgs): CoverageAccumulator {
  const { k0, k1, ...problem } = args;
  const prepared = prepareCoverage({ ...problem, sunPosition: (t, out) => sunPositionItrf(t, undefined, out) });
  return accumulateCoverage(prepared, k0, k1);
}
