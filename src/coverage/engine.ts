import type { SunPosition } from '../access/conditions.ts';
import { InputError } from '../math/errors.ts';
import type { StateTable } from '../orbits/state-table.ts';
import type { Sensor, TargetConstraints } from '../sensors/sensor.ts';
import { NO_TARGET_CONSTRAINTS } from '../sensors/sensor.ts';
import { SensorModel } from '../sensors/sensor-model.ts';
import { gridInstant } from '../time/grid.ts';
import { type CoverageAccumulator, createAccumulator } from './accumulator.ts';
import type { CoverageGrid } from './grid.ts';
import { type StripIndex, buildStripIndex } from './spatial-index.ts';
import { STEREO_SLOTS, StepTally, Sweeper, hasStereoPair } from './sweep.ts';

/** A coverage problem: satellites (ITRF state table) carrying sensors, a grid of targets, the figures wanted. */
export interface CoverageProblem {
  readonly table: StateTable<'ITRF'>;
  /** One sensor for every satellite, or one per satellite (in table order). */
  readonly sensors: Sensor | readonly Sensor[];
  /** Conditions of the targets themselves (a minimum elevation for ground grids). */
  readonly constraints?: TargetConstraints;
  readonly grid: CoverageGrid;
  /** N of N-fold coverage: a point is covered N-fold when at least N sensors see it. */
  readonly folds: readonly number[];
  /** Indices of the satellites to count (an owner's, say); all when absent. */
  readonly satellites?: readonly number[];
  /** Stereo: two sensors whose lines of sight cross at the target at least this angle (rad) and at most pi minus it. */
  readonly stereoAngle?: number | null;
  /** Needed when a sensor needs daylight or a Sun exclusion. */
  readonly sunPosition?: SunPosition;
  /**
   * The Sun's ITRF position (m) at every step of the table's time grid, interleaved x, y, z: used
   * instead of `sunPosition` when given (worker threads get it this way, as a function cannot
   * cross threads).
   */
  readonly sunTable?: Float64Array;
  /** Height of the culling strips of latitude, degrees (default: half the grid's cell height). */
  readonly stripDeg?: number;
  /** The grid's strip index, built before (buildStripIndex with stripDeg), e.g. once for many threads; built here when absent. */
  readonly index?: StripIndex;
}

/** A problem made ready to run: sensors compiled, the point index built. Cheap to pass to many time chunks; one per thread. */
export interface PreparedCoverage {
  readonly problem: CoverageProblem;
  readonly models: readonly SensorModel[];
  readonly satellites: Int32Array;
  readonly index: StripIndex;
  readonly needsSun: boolean;
}

/** Compiles the sensors and builds (or takes) the strip index; checks the problem first (checkCoverageProblem). */
export function prepareCoverage(problem: CoverageProblem): PreparedCoverage {
  const checked = checkCoverageProblem(problem);
  const { grid } = problem;
  if (problem.index && problem.index.count !== grid.count) throw new InputError('index', problem.index.count, `must be the strip index of the grid (${grid.count} points)`);
  return { problem, ...checked, index: problem.index ?? buildStripIndex(grid, problem.stripDeg) };
}

/** Checks a coverage problem, naming the field of anything wrong, and compiles its sensors (cheap: no index). */
export function checkCoverageProblem(problem: CoverageProblem): { models: SensorModel[]; satellites: Int32Array; needsSun: boolean } {
  const { table, folds } = problem;
  if (folds.length === 0) throw new InputError('fold', folds, 'must name at least one fold (e.g. 1)');
  folds.forEach((f, i) => {
    if (!(Number.isInteger(f) && f >= 1 && f <= 65535)) throw new InputError(`fold[${i}]`, f, 'must be a whole number of sensors, at least 1');
  });
  const sensorList = Array.isArray(problem.sensors) ? (problem.sensors as readonly Sensor[]) : null;
  if (sensorList && sensorList.length !== table.nObjects) {
    throw new InputError('sensors', sensorList.length, `must hold one sensor per satellite (${table.nObjects})`);
  }
  const constraints = problem.constraints ?? NO_TARGET_CONSTRAINTS;
  const cache = new Map<Sensor, SensorModel>();
  const models: SensorModel[] = [];
  for (let i = 0; i < table.nObjects; i++) {
    const sensor = sensorList ? sensorList[i] : (problem.sensors as Sensor);
    let m = cache.get(sensor);
    if (!m) {
      m = new SensorModel(sensor, constraints);
      cache.set(sensor, m);
    }
    models.push(m);
  }
  let satellites: Int32Array;
  if (problem.satellites) {
    satellites = Int32Array.from(problem.satellites);
    satellites.forEach((s, i) => {
      if (!(Number.isInteger(s) && s >= 0 && s < table.nObjects)) throw new InputError(`satellites[${i}]`, s, `must index one of the ${table.nObjects} satellites`);
    });
  } else {
    satellites = new Int32Array(table.nObjects);
    for (let i = 0; i < table.nObjects; i++) satellites[i] = i;
  }
  const needsSun = models.some((m, i) => m.needsSun && satellites.includes(i));
  if (problem.sunTable && problem.sunTable.length !== 3 * table.grid.count) {
    throw new InputError('sunTable', problem.sunTable.length, `must hold 3 numbers per step (${3 * table.grid.count})`);
  }
  if (needsSun && !problem.sunPosition && !problem.sunTable) throw new InputError('sunPosition', undefined, 'is needed: a sensor needs daylight or a Sun exclusion');
  const stereo = problem.stereoAngle;
  if (stereo !== undefined && stereo !== null && !(stereo > 0 && stereo <= Math.PI / 2)) {
    throw new InputError('stereoAngleDeg', (stereo * 180) / Math.PI, 'must be in (0, 90] degrees');
  }
  return { models, satellites, needsSun };
}

/** Which search the engine runs: culled by the strip index (the engine) or every point for every satellite (the reference). */
export type CoverageMethod = 'culled' | 'brute-force';

/**
 * Runs time steps [k0, k1) of a prepared problem. A pure function of its arguments: run the steps
 * in any number of chunks (in any threads) and merge them in time order for identical results.
 * Each step sweeps every satellite into a tally of the sensors seeing each point (sweep.ts: culled,
 * or the exact margin for every point), then folds the tally into the accumulator.
 */
export function accumulateCoverage(prepared: PreparedCoverage, k0: number, k1: number, method: CoverageMethod = 'culled'): CoverageAccumulator {
  const { problem, models, satellites, index, needsSun } = prepared;
  const { table, grid, folds } = problem;
  if (!(Number.isInteger(k0) && Number.isInteger(k1) && k0 >= 0 && k1 <= table.grid.count && k0 <= k1)) {
    throw new InputError('steps', [k0, k1], `must be a range within [0, ${table.grid.count}]`);
  }
  if (method !== 'culled' && method !== 'brute-force') throw new InputError('method', method, "must be 'culled' or 'brute-force'");
  const bruteForce = method === 'brute-force';
  const stereoAngle = problem.stereoAngle ?? null;
  const acc = createAccumulator(k0, k1, grid.count, folds, stereoAngle !== null);
  const tally = new StepTally(index, stereoAngle !== null);
  const sweeper = new Sweeper(index);
  const folder = new StepFolder(acc, index, grid.weight, stereoAngle, satellites.length);
  const sun = new Float64Array(3);
  const nObj = table.nObjects;
  const { x, y, z, vx, vy, vz, status } = table;
  for (let k = k0; k < k1; k++) {
    if (needsSun) {
      if (problem.sunTable) {
        sun[0] = problem.sunTable[3 * k];
        sun[1] = problem.sunTable[3 * k + 1];
        sun[2] = problem.sunTable[3 * k + 2];
      } else problem.sunPosition!(gridInstant(table.grid, k), sun);
    }
    for (let si = 0; si < satellites.length; si++) {
      const i = satellites[si];
      const row = k * nObj + i;
      if (status[row] !== 0) continue;
      const sx = x[row];
      const sy = y[row];
      const sz = z[row];
      if (!(Number.isFinite(sx) && Number.isFinite(sy) && Number.isFinite(sz))) continue;
      const model = models[i];
      model.prepare(sx, sy, sz, vx[row], vy[row], vz[row], sun[0], sun[1], sun[2]);
      if (bruteForce) sweeper.bruteForce(model, sx, sy, sz, tally);
      else sweeper.culled(model, sx, sy, sz, tally);
    }
    folder.fold(tally, k - k0);
  }
  folder.finish();
  return acc;
}

/**
 * Folds each step's tally into an accumulator. A point's coverage at a fold changes seldom from one
 * step to the next, so the bookkeeping of runs and gaps (accumulator.ts recordCovered, to the same
 * effect) is done only where it changes: a run starts (closing the gap before it) or ends. The
 * covered area is kept as a running sum of whole-number weights (exact), changed at the same
 * moments. Points are read in the strip index's internal order.
 */
class StepFolder {
  private readonly acc: CoverageAccumulator;
  private readonly order: Int32Array;
  private readonly foldNeed: Int32Array;
  private readonly quantWeight: Float64Array;
  private readonly quantTotal: number;
  private readonly cosStereo: number;
  /** Bit f set when point q was covered at fold index f at the previous step (folds beyond 31 use wasCoveredWide). */
  private readonly wasCovered: Int32Array;
  private readonly wasCoveredWide: Uint8Array;
  /** The folds' bits for a count of sensors (counts above the table's end take its last entry). */
  private readonly maskForCount: Int32Array;
  /** Sum over points covered at each fold of their whole-number weights. */
  private readonly coveredWeight: Float64Array;
  /** Sensor-steps per point, internal order (written out in grid order by finish). */
  private readonly sensorSum: Float64Array;

  constructor(acc: CoverageAccumulator, index: StripIndex, weight: Float64Array, stereoAngle: number | null, maxCount: number) {
    this.acc = acc;
    this.order = index.order;
    this.foldNeed = Int32Array.from(acc.folds);
    // Weights as whole multiples of 2^-40: their sums are exact in any order, so the per-step
    // fractions do not depend on the order points were reached (culled or brute force).
    this.quantWeight = new Float64Array(index.count);
    let total = 0;
    for (let q = 0; q < index.count; q++) {
      this.quantWeight[q] = Math.round(weight[index.order[q]] * 2 ** 40);
      total += this.quantWeight[q];
    }
    this.quantTotal = total;
    this.cosStereo = stereoAngle === null ? 0 : Math.cos(stereoAngle);
    const nFolds = acc.folds.length;
    this.wasCovered = new Int32Array(index.count);
    this.wasCoveredWide = new Uint8Array(nFolds > 31 ? index.count * nFolds : 0);
    this.maskForCount = new Int32Array(maxCount + 1);
    for (let c = 0; c <= maxCount; c++) {
      let mask = 0;
      for (let f = 0; f < Math.min(nFolds, 31); f++) if (c >= acc.folds[f]) mask |= 1 << f;
      this.maskForCount[c] = mask;
    }
    this.coveredWeight = new Float64Array(acc.folds.length);
    this.sensorSum = new Float64Array(index.count);
  }

  /** Folds in relative step kr and clears the tally. */
  fold(tally: StepTally, kr: number): void {
    const { acc, order, foldNeed, quantWeight, cosStereo, wasCovered, wasCoveredWide, maskForCount, sensorSum } = this;
    const { stereoSteps } = acc;
    const { counts, runStarts, los, stripStarts } = tally;
    const nPoints = acc.nPoints;
    const nFolds = foldNeed.length;
    const nSteps = acc.k1 - acc.k0;
    const maxCount = maskForCount.length - 1;
    let stereoFraction = 0;
    let running = 0;
    for (let q = 0; q < nPoints; q++) {
      // A run of points counted outright never reaches past its strip: restart the sum at each.
      if (stripStarts[q] === 1) running = 0;
      running += runStarts[q];
      runStarts[q] = 0;
      const c = running + counts[q];
      counts[q] = 0;
      sensorSum[q] += c;
      const now = maskForCount[c < maxCount ? c : maxCount];
      const was = wasCovered[q];
      if (now !== was) {
        wasCovered[q] = now;
        const changed = now ^ was;
        for (let f = 0; f < nFolds && f < 31; f++) if ((changed >> f) & 1) this.change(f, q, (now >> f) & 1, kr);
      }
      if (nFolds > 31) {
        for (let f = 31; f < nFolds; f++) {
          const on = c >= foldNeed[f] ? 1 : 0;
          if (on !== wasCoveredWide[q * nFolds + f]) {
            wasCoveredWide[q * nFolds + f] = on;
            this.change(f, q, on, kr);
          }
        }
      }
      if (los !== null && c >= 2 && hasStereoPair(los, q, c < STEREO_SLOTS ? c : STEREO_SLOTS, cosStereo)) {
        stereoSteps[order[q]]++;
        stereoFraction += quantWeight[q];
      }
    }
    const coveredWeight = this.coveredWeight;
    for (let f = 0; f < nFolds; f++) acc.stepFraction[f * nSteps + kr] = coveredWeight[f] / this.quantTotal;
    if (acc.stereo) acc.stepStereo[kr] = stereoFraction / this.quantTotal;
  }

  /** Point q's coverage at fold index f changed at relative step kr: a run starts (closing a gap) or ends. */
  private change(f: number, q: number, on: number, kr: number): void {
    const acc = this.acc;
    const e = f * acc.nPoints + this.order[q];
    if (on === 1) {
      this.coveredWeight[f] += this.quantWeight[q];
      if (acc.first[e] < 0) {
        acc.first[e] = kr;
        acc.runs[e] = 1;
      } else {
        const gap = kr - acc.last[e] - 1;
        acc.gapCount[e]++;
        if (gap > acc.gapMax[e]) acc.gapMax[e] = gap;
        acc.gapSteps[e] += gap;
        acc.gapTriangle[e] += (gap * (gap + 1)) / 2;
        acc.runs[e]++;
      }
      acc.lastRunStart[e] = kr;
    } else {
      this.coveredWeight[f] -= this.quantWeight[q];
      acc.last[e] = kr - 1;
    }
  }

  /** Closes the runs still open at the last step, writes the sensor-steps, derives the covered steps. */
  finish(): void {
    const { acc, order, foldNeed, wasCovered, wasCoveredWide, sensorSum } = this;
    const nPoints = acc.nPoints;
    const nFolds = foldNeed.length;
    const lastStep = acc.k1 - acc.k0 - 1;
    for (let q = 0; q < nPoints; q++) {
      acc.sensorSteps[order[q]] = sensorSum[q];
      for (let f = 0; f < nFolds; f++) {
        const on = f < 31 ? (wasCovered[q] >> f) & 1 : wasCoveredWide[q * nFolds + f];
        if (on === 1) acc.last[f * nPoints + order[q]] = lastStep;
      }
    }
    // Covered steps: the span from the first to the last covered step less its gaps.
    const { covered, first, last, gapSteps } = acc;
    for (let e = 0; e < covered.length; e++) covered[e] = last[e] < 0 ? 0 : last[e] - first[e] + 1 - gapSteps[e];
  }
}
