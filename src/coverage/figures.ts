import type { CoverageAccumulator } from './accumulator.ts';
import type { CoverageGrid } from './grid.ts';

/**
 * Figures of merit from a finished accumulator (docs/coverage.md defines each one). Times are
 * seconds; a step covered or not stands for `stepS` seconds (the sampled-time convention).
 */
export interface PointFigures {
  /** Per cent of time with at least N sensors. */
  readonly percentCovered: Float64Array;
  readonly maxGapS: Float64Array;
  /** NaN for a point with no gap. */
  readonly meanGapS: Float64Array;
  readonly gapCount: Int32Array;
  /** Mean wait from a request at a random time to the next coverage (requests after the last coverage are unanswered and left out); NaN if never covered. */
  readonly meanResponseS: Float64Array;
  /** Mean time since the last coverage ended (0 while covered; time before the first coverage left out); NaN if never covered. */
  readonly meanAgeOfDataS: Float64Array;
  /** Runs of coverage (looks) per day. */
  readonly looksPerDay: Float64Array;
  /** Mean time between the starts of successive looks; NaN with fewer than two looks. */
  readonly meanRevisitS: Float64Array;
}

export interface FoldSummary {
  readonly fold: number;
  /** Area- and time-averaged per cent of points covered. */
  readonly meanPercentCovered: number;
  /** The worst time step's area-weighted per cent of points covered. */
  readonly minPercentCovered: number;
  /** Area-weighted per cent of points covered at every step. */
  readonly percentPointsAlwaysCovered: number;
  readonly percentPointsNeverCovered: number;
  /** Longest gap at any point, s. */
  readonly maxGapS: number;
  /** Area-weighted mean over points of each point's longest gap, s. */
  readonly meanMaxGapS: number;
  /** Mean gap duration over all gaps of all points (area-weighted by point), s; null when there is no gap. */
  readonly meanGapS: number | null;
  readonly meanResponseS: number | null;
  readonly meanAgeOfDataS: number | null;
  readonly meanLooksPerDay: number;
  readonly meanRevisitS: number | null;
}

export interface CoverageReport {
  readonly points: number;
  readonly steps: number;
  readonly stepS: number;
  readonly durationS: number;
  readonly folds: readonly FoldSummary[];
  /** Area- and time-averaged number of sensors seeing a point. */
  readonly meanSensorsInView: number;
  readonly stereo: { readonly meanPercent: number; readonly minPercent: number } | null;
  /** Per-point figures, one entry per fold (same order as `folds`). */
  readonly perPoint: readonly PointFigures[];
  readonly sensorsInView: Float64Array;
  readonly percentStereo: Float64Array | null;
}

const tri = (n: number) => (n * (n + 1)) / 2;

export function coverageFigures(acc: CoverageAccumulator, grid: CoverageGrid, stepS: number): CoverageReport {
  const n = acc.k1 - acc.k0;
  const P = acc.nPoints;
  const w = grid.weight;
  const durationS = n * stepS;
  const days = durationS / 86400;
  const perPoint: PointFigures[] = [];
  const folds: FoldSummary[] = [];
  for (let f = 0; f < acc.folds.length; f++) {
    const fig: PointFigures = {
      percentCovered: new Float64Array(P),
      maxGapS: new Float64Array(P),
      meanGapS: new Float64Array(P),
      gapCount: new Int32Array(P),
      meanResponseS: new Float64Array(P),
      meanAgeOfDataS: new Float64Array(P),
      looksPerDay: new Float64Array(P),
      meanRevisitS: new Float64Array(P),
    };
    let always = 0;
    let never = 0;
    let covered = 0;
    let maxGap = 0;
    let meanMaxGap = 0;
    let gapW = 0;
    let gapSum = 0;
    let respW = 0;
    let respSum = 0;
    let ageSum = 0;
    let looks = 0;
    let revW = 0;
    let revSum = 0;
    for (let p = 0; p < P; p++) {
      const i = f * P + p;
      const c = acc.covered[i];
      fig.percentCovered[p] = n > 0 ? (100 * c) / n : 0;
      covered += w[p] * fig.percentCovered[p];
      if (c === n) always += w[p];
      const first = acc.first[i];
      if (first < 0) {
        never += w[p];
        fig.maxGapS[p] = durationS;
        fig.meanGapS[p] = durationS;
        fig.gapCount[p] = n > 0 ? 1 : 0;
        fig.meanResponseS[p] = Number.NaN;
        fig.meanAgeOfDataS[p] = Number.NaN;
        fig.looksPerDay[p] = 0;
        fig.meanRevisitS[p] = Number.NaN;
      } else {
        const leading = first;
        const trailing = n - 1 - acc.last[i];
        const count = acc.gapCount[i] + (leading > 0 ? 1 : 0) + (trailing > 0 ? 1 : 0);
        const longest = Math.max(acc.gapMax[i], leading, trailing);
        fig.gapCount[p] = count;
        fig.maxGapS[p] = longest * stepS;
        fig.meanGapS[p] = count > 0 ? ((acc.gapSteps[i] + leading + trailing) / count) * stepS : Number.NaN;
        fig.meanResponseS[p] = ((acc.gapTriangle[i] + tri(leading)) / (n - trailing)) * stepS;
        fig.meanAgeOfDataS[p] = ((acc.gapTriangle[i] + tri(trailing)) / (n - leading)) * stepS;
        fig.looksPerDay[p] = days > 0 ? acc.runs[i] / days : 0;
        fig.meanRevisitS[p] = acc.runs[i] >= 2 ? ((acc.lastRunStart[i] - first) / (acc.runs[i] - 1)) * stepS : Number.NaN;
        respW += w[p];
        respSum += w[p] * fig.meanResponseS[p];
        ageSum += w[p] * fig.meanAgeOfDataS[p];
        if (!Number.isNaN(fig.meanRevisitS[p])) {
          revW += w[p];
          revSum += w[p] * fig.meanRevisitS[p];
        }
      }
      if (fig.maxGapS[p] > maxGap) maxGap = fig.maxGapS[p];
      meanMaxGap += w[p] * fig.maxGapS[p];
      if (fig.gapCount[p] > 0) {
        gapW += w[p];
        gapSum += w[p] * fig.meanGapS[p];
      }
      looks += w[p] * fig.looksPerDay[p];
    }
    let minStep = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) minStep = Math.min(minStep, acc.stepFraction[f * n + k]);
    folds.push({
      fold: acc.folds[f],
      meanPercentCovered: covered,
      minPercentCovered: n > 0 ? 100 * minStep : 0,
      percentPointsAlwaysCovered: 100 * always,
      percentPointsNeverCovered: 100 * never,
      maxGapS: maxGap,
      meanMaxGapS: meanMaxGap,
      meanGapS: gapW > 0 ? gapSum / gapW : null,
      meanResponseS: respW > 0 ? respSum / respW : null,
      meanAgeOfDataS: respW > 0 ? ageSum / respW : null,
      meanLooksPerDay: looks,
      meanRevisitS: revW > 0 ? revSum / revW : null,
    });
    perPoint.push(fig);
  }
  const sensorsInView = new Float64Array(P);
  let meanSensors = 0;
  for (let p = 0; p < P; p++) {
    sensorsInView[p] = n > 0 ? acc.sensorSteps[p] / n : 0;
    meanSensors += w[p] * sensorsInView[p];
  }
  let stereo: CoverageReport['stereo'] = null;
  let percentStereo: Float64Array | null = null;
  if (acc.stereo) {
    percentStereo = new Float64Array(P);
    let mean = 0;
    for (let p = 0; p < P; p++) {
      percentStereo[p] = n > 0 ? (100 * acc.stereoSteps[p]) / n : 0;
      mean += w[p] * percentStereo[p];
    }
    let minStep = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) minStep = Math.min(minStep, acc.stepStereo[k]);
    stereo = { meanPercent: mean, minPercent: n > 0 ? 100 * minStep : 0 };
  }
  return { points: P, steps: n, stepS, durationS, folds, meanSensorsInView: meanSensors, stereo, perPoint, sensorsInView, percentStereo };
}
