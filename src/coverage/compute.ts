import { mergeCoverageAccumulators } from './accumulator.ts';
import type { CoverageAccumulator } from './accumulator.ts';
import { type CoverageMethod, type CoverageProblem, accumulateCoverage, prepareCoverage } from './engine.ts';
import { type CoverageReport, coverageFigures } from './figures.ts';

/**
 * Runs a whole coverage problem in one thread, optionally in `chunks` time slices merged in
 * order (what a worker pool does across threads; the result does not depend on the split).
 */
export function computeCoverage(problem: CoverageProblem, options: { chunks?: number; method?: CoverageMethod } = {}): CoverageReport {
  const prepared = prepareCoverage(problem);
  const steps = problem.table.grid.count;
  const chunks = Math.max(1, Math.min(options.chunks ?? 1, steps));
  let acc: CoverageAccumulator | null = null;
  for (const [k0, k1] of splitSteps(steps, chunks)) {
    const part = accumulateCoverage(prepared, k0, k1, options.method ?? 'culled');
    acc = acc === null ? part : mergeCoverageAccumulators(acc, part);
  }
  return coverageFigures(acc!, problem.grid, problem.table.grid.stepS);
}

/** Splits [0, steps) into `chunks` adjacent ranges of near-equal length. */
export function splitSteps(steps: number, chunks: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let c = 0; c < chunks; c++) {
    const k0 = Math.floor((c * steps) / chunks);
    const k1 = Math.floor(((c + 1) * steps) / chunks);
    if (k1 > k0) out.push([k0, k1]);
  }
  return out;
}
