import { InputError } from '../math/errors.ts';

/**
 * What the coverage engine gathers over a run of consecutive time steps [k0, k1): per point and
 * fold, the covered steps and the structure of the gaps between them; per step, the area-weighted
 * fraction of points covered. Two accumulators of adjacent step ranges merge exactly
 * (`mergeCoverageAccumulators`), so a run split over workers by time gives the same bytes as one
 * run. Gap lengths are counted in steps: a step not covered stands for `stepS` seconds of gap.
 * Layout: element f * nPoints + p for fold index f, point p; per-step arrays f * nSteps + (k - k0).
 */
export interface CoverageAccumulator {
  readonly k0: number;
  readonly k1: number;
  readonly nPoints: number;
  readonly folds: readonly number[];
  readonly stereo: boolean;
  readonly covered: Int32Array;
  /** First and last covered step (relative to k0), -1 when none. */
  readonly first: Int32Array;
  readonly last: Int32Array;
  /** Relative start step of the last run of covered steps, -1 when none. */
  readonly lastRunStart: Int32Array;
  /** Number of runs of covered steps (looks). */
  readonly runs: Int32Array;
  /** Gaps strictly between covered steps: count, longest, total and sum of L(L+1)/2 (steps). */
  readonly gapCount: Int32Array;
  readonly gapMax: Int32Array;
  readonly gapSteps: Float64Array;
  readonly gapTriangle: Float64Array;
  /** Sum over steps of the number of sensors seeing each point. */
  readonly sensorSteps: Float64Array;
  /** Steps with a stereo pair, per point. */
  readonly stereoSteps: Int32Array;
  /** Per step and fold, the area-weighted fraction of points covered. */
  readonly stepFraction: Float64Array;
  /** Per step, the area-weighted fraction of points with a stereo pair. */
  readonly stepStereo: Float64Array;
}

export function createAccumulator(k0: number, k1: number, nPoints: number, folds: readonly number[], stereo: boolean): CoverageAccumulator {
  const nf = folds.length;
  const n = nf * nPoints;
  const steps = k1 - k0;
  return {
    k0,
    k1,
    nPoints,
    folds: [...folds],
    stereo,
    covered: new Int32Array(n),
    first: new Int32Array(n).fill(-1),
    last: new Int32Array(n).fill(-1),
    lastRunStart: new Int32Array(n).fill(-1),
    runs: new Int32Array(n),
    gapCount: new Int32Array(n),
    gapMax: new Int32Array(n),
    gapSteps: new Float64Array(n),
    gapTriangle: new Float64Array(n),
    sensorSteps: new Float64Array(nPoints),
    stereoSteps: new Int32Array(stereo ? nPoints : 0),
    stepFraction: new Float64Array(nf * steps),
    stepStereo: new Float64Array(stereo ? steps : 0),
  };
}

/** Records that point p (fold index f, element i = f * nPoints + p) is covered at relative step k. */
export function recordCovered(acc: CoverageAccumulator, i: number, k: number): void {
  const last = acc.last[i];
  if (last < 0) {
    acc.first[i] = k;
    acc.runs[i] = 1;
    acc.lastRunStart[i] = k;
  } else {
    const gap = k - last - 1;
    if (gap > 0) addGap(acc, i, gap);
    if (gap > 0) {
      acc.runs[i]++;
      acc.lastRunStart[i] = k;
    }
  }
  acc.last[i] = k;
  acc.covered[i]++;
}

function addGap(acc: { gapCount: Int32Array; gapMax: Int32Array; gapSteps: Float64Array; gapTriangle: Float64Array }, i: number, gap: number): void {
  acc.gapCount[i]++;
  if (gap > acc.gapMax[i]) acc.gapMax[i] = gap;
  acc.gapSteps[i] += gap;
  acc.gapTriangle[i] += (gap * (gap + 1)) / 2;
}

/** Joins the accumulators of two adjacent step ranges (a.k1 === b.k0); exact, independent of how a run was split. */
export function mergeCoverageAccumulators(a: CoverageAccumulator, b: CoverageAccumulator): CoverageAccumulator {
  if (a.k1 !== b.k0) throw new InputError('accumulators', [a.k0, a.k1, b.k0, b.k1], 'must cover adjacent step ranges, the first ending where the second starts');
  if (a.nPoints !== b.nPoints || a.folds.join() !== b.folds.join() || a.stereo !== b.stereo) {
    throw new InputError('accumulators', [a.nPoints, b.nPoints], 'must come from the same grid, folds and options');
  }
  const out = createAccumulator(a.k0, b.k1, a.nPoints, a.folds, a.stereo);
  const nA = a.k1 - a.k0;
  const n = a.folds.length * a.nPoints;
  for (let i = 0; i < n; i++) {
    out.covered[i] = a.covered[i] + b.covered[i];
    out.gapCount[i] = a.gapCount[i] + b.gapCount[i];
    out.gapMax[i] = Math.max(a.gapMax[i], b.gapMax[i]);
    out.gapSteps[i] = a.gapSteps[i] + b.gapSteps[i];
    out.gapTriangle[i] = a.gapTriangle[i] + b.gapTriangle[i];
    if (a.first[i] < 0) {
      out.first[i] = b.first[i] < 0 ? -1 : b.first[i] + nA;
      out.last[i] = b.last[i] < 0 ? -1 : b.last[i] + nA;
      out.lastRunStart[i] = b.lastRunStart[i] < 0 ? -1 : b.lastRunStart[i] + nA;
      out.runs[i] = b.runs[i];
    } else if (b.first[i] < 0) {
      out.first[i] = a.first[i];
      out.last[i] = a.last[i];
      out.lastRunStart[i] = a.lastRunStart[i];
      out.runs[i] = a.runs[i];
    } else {
      const gap = b.first[i] + nA - a.last[i] - 1;
      out.first[i] = a.first[i];
      out.last[i] = b.last[i] + nA;
      if (gap > 0) {
        addGap(out, i, gap);
        out.runs[i] = a.runs[i] + b.runs[i];
        out.lastRunStart[i] = b.lastRunStart[i] + nA;
      } else {
        // a's last run continues into b's first.
        out.runs[i] = a.runs[i] + b.runs[i] - 1;
        out.lastRunStart[i] = b.runs[i] === 1 ? a.lastRunStart[i] : b.lastRunStart[i] + nA;
      }
    }
  }
  for (let p = 0; p < a.nPoints; p++) {
    out.sensorSteps[p] = a.sensorSteps[p] + b.sensorSteps[p];
    if (a.stereo) out.stereoSteps[p] = a.stereoSteps[p] + b.stereoSteps[p];
  }
  const nB = b.k1 - b.k0;
  const steps = nA + nB;
  for (let f = 0; f < a.folds.length; f++) {
    out.stepFraction.set(a.stepFraction.subarray(f * nA, (f + 1) * nA), f * steps);
    out.stepFraction.set(b.stepFraction.subarray(f * nB, (f + 1) * nB), f * steps + nA);
  }
  if (a.stereo) {
    out.stepStereo.set(a.stepStereo, 0);
    out.stepStereo.set(b.stepStereo, nA);
  }
  return out;
}
