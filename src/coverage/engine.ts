import type { SunPosition } from '../access/conditions.ts';
import { InputError } from '../math/errors.ts';
import type { StateTable } from '../orbits/state-table.ts';
import type { Sensor, TargetConstraints } from '../sensors/sensor.ts';
import { NO_TARGET_CONSTRAINTS } from '../sensors/sensor.ts';
import { type CapBounds, SensorModel } from '../sensors/sensor-model.ts';
import { gridInstant } from '../time/grid.ts';
import { type CoverageAccumulator, createAccumulator } from './accumulator.ts';
import type { CoverageGrid } from './grid.ts';
import * as spatial from './spatial-index.ts';
import type { PointIndex } from './spatial-index.ts';

const { buildPointIndex } = spatial;

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
  /** Size of the culling buckets, degrees. */
  readonly bucketDeg?: number;
}

/** A problem made ready to run: sensors compiled, the point index built. Cheap to pass to many time chunks; one per thread. */
export interface PreparedCoverage {
  readonly problem: CoverageProblem;
  readonly models: readonly SensorModel[];
  readonly satellites: Int32Array;
  readonly index: PointIndex;
  readonly needsSun: boolean;
}

/** How many lines of sight per point are kept for the stereo test (more sensors than this still count, but only these pair up). */
const STEREO_SLOTS = 8;

export function prepareCoverage(problem: CoverageProblem): PreparedCoverage {
  const { table, grid, folds } = problem;
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
  if (needsSun && !problem.sunPosition) throw new InputError('sunPosition', undefined, 'is needed: a sensor needs daylight or a Sun exclusion');
  const stereo = problem.stereoAngle;
  if (stereo !== undefined && stereo !== null && !(stereo > 0 && stereo <= Math.PI / 2)) {
    throw new InputError('stereoAngleDeg', (stereo * 180) / Math.PI, 'must be in (0, 90] degrees');
  }
  return { problem, models, satellites, index: buildPointIndex(grid, problem.bucketDeg ?? 3), needsSun };
}

/** Which search the engine runs: culled by the index (the engine) or every point for every satellite (the reference). */
export type CoverageMethod = 'culled' | 'brute-force';

/**
 * Runs time steps [k0, k1) of a prepared problem. A pure function of its arguments: run the steps
 * in any number of chunks (in any threads) and merge them in time order for identical results.
 */
export function accumulateCoverage(prepared: PreparedCoverage, k0: number, k1: number, method: CoverageMethod = 'culled'): CoverageAccumulator {
  const { problem, models, satellites, index, needsSun } = prepared;
  const { table, grid, folds } = problem;
  if (!(Number.isInteger(k0) && Number.isInteger(k1) && k0 >= 0 && k1 <= table.grid.count && k0 <= k1)) {
    throw new InputError('steps', [k0, k1], `must be a range within [0, ${table.grid.count}]`);
  }
  const stereoAngle = problem.stereoAngle ?? null;
  const stereo = stereoAngle !== null;
  const acc = createAccumulator(k0, k1, grid.count, folds, stereo);
  const nPoints = grid.count;
  const nFolds = folds.length;
  const nSteps = k1 - k0;
  const counts = new Uint16Array(nPoints);
  const touched = new Int32Array(nPoints);
  let nTouched = 0;
  const los = stereo ? new Float64Array(nPoints * STEREO_SLOTS * 3) : null;
  const cosStereo = stereo ? Math.cos(stereoAngle) : 0;
  const { position, up, direction, weight } = grid;
  const { order, bucketStart, centre, cosRadius, sinRadius, radius, bucketRad, rows, rowBins, rowFirstBucket, rowRadiusMin, rowRadiusMax } = index;
  const { first: accFirst, last: accLast, runs: accRuns, lastRunStart: accLastRunStart, gapCount: accGapCount, gapMax: accGapMax, gapSteps: accGapSteps, gapTriangle: accGapTriangle, covered: accCovered } = acc;
  // Weights as whole multiples of 2^-40: their sums are exact in any order, so the per-step
  // fractions do not depend on the order points were reached (culled or brute force).
  const quantWeight = new Float64Array(nPoints);
  let quantTotal = 0;
  for (let p = 0; p < nPoints; p++) {
    quantWeight[p] = Math.round(weight[p] * 2 ** 40);
    quantTotal += quantWeight[p];
  }
  const sun = new Float64Array(3);
  const bounds: CapBounds = { inner: -1, outer: Math.PI };
  const nObj = table.nObjects;

  // State of the satellite being swept, read by the bucket visitor.
  let model: SensorModel = models[0];
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let ux = 0;
  let uy = 0;
  let uz = 0;
  let inner = -1;
  let outer = Math.PI;
  let cosI = 2;
  let sinI = 0;
  let cosO = -1;
  let sinO = 0;

  const mark = (p: number) => {
    const c = counts[p];
    if (c === 0) touched[nTouched++] = p;
    if (los !== null && c < STEREO_SLOTS) {
      const dx = sx - position[3 * p];
      const dy = sy - position[3 * p + 1];
      const dz = sz - position[3 * p + 2];
      const dn = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const o = (p * STEREO_SLOTS + c) * 3;
      los[o] = dx / dn;
      los[o + 1] = dy / dn;
      los[o + 2] = dz / dn;
    }
    counts[p] = c + 1;
  };

  const testPoint = (p: number) => {
    const d = ux * direction[3 * p] + uy * direction[3 * p + 1] + uz * direction[3 * p + 2];
    if (d >= cosI) mark(p);
    else if (d >= cosO) {
      if (model.marginTo(position[3 * p], position[3 * p + 1], position[3 * p + 2], up[3 * p], up[3 * p + 1], up[3 * p + 2]) >= 0) mark(p);
    }
  };

  const visitBucket = (b: number) => {
    const q0 = bucketStart[b];
    const q1 = bucketStart[b + 1];
    if (q0 === q1) return;
    const d = ux * centre[3 * b] + uy * centre[3 * b + 1] + uz * centre[3 * b + 2];
    const rb = radius[b];
    // Entirely outside: angle to the centre > outer + rb.
    if (outer + rb < Math.PI && d < cosO * cosRadius[b] - sinO * sinRadius[b]) return;
    // Entirely inside: angle to the centre + rb <= inner.
    if (inner > rb && d >= cosI * cosRadius[b] + sinI * sinRadius[b]) {
      for (let q = q0; q < q1; q++) mark(order[q]);
      return;
    }
    for (let q = q0; q < q1; q++) testPoint(order[q]);
  };

  for (let k = k0; k < k1; k++) {
    const kr = k - k0;
    if (needsSun) problem.sunPosition!(gridInstant(table.grid, k), sun);
    for (let si = 0; si < satellites.length; si++) {
      const i = satellites[si];
      const row = k * nObj + i;
      if (table.status[row] !== 0) continue;
      sx = table.x[row];
      sy = table.y[row];
      sz = table.z[row];
      if (!(Number.isFinite(sx) && Number.isFinite(sy) && Number.isFinite(sz))) continue;
      model = models[i];
      model.prepare(sx, sy, sz, table.vx[row], table.vy[row], table.vz[row], sun[0], sun[1], sun[2]);
      if (method === 'brute-force') {
        for (let p = 0; p < nPoints; p++) {
          if (model.marginTo(position[3 * p], position[3 * p + 1], position[3 * p + 2], up[3 * p], up[3 * p + 1], up[3 * p + 2]) >= 0) mark(p);
        }
        continue;
      }
      const rs = Math.sqrt(sx * sx + sy * sy + sz * sz);
      ux = sx / rs;
      uy = sy / rs;
      uz = sz / rs;
      model.capBounds(rs, grid.radiusMin, grid.radiusMax, bounds);
      inner = bounds.inner;
      outer = bounds.outer;
      cosI = inner >= 0 ? Math.cos(inner) : 2;
      sinI = inner >= 0 ? Math.sin(inner) : 0;
      cosO = Math.cos(outer);
      sinO = Math.sin(outer);
      if (outer >= Math.PI) {
        for (let p = 0; p < nPoints; p++) testPoint(p);
      } else {
        // Rows of buckets within the cap; bounds are recomputed per row from that row's radii,
        // which keeps the ring of exact tests thin on the ellipsoid.
        const lat = Math.asin(uz);
        const lon = Math.atan2(uy, ux);
        const slack = outer + 1e-9;
        let r0 = Math.floor((lat - slack + Math.PI / 2) / bucketRad);
        let r1 = Math.floor((lat + slack + Math.PI / 2) / bucketRad);
        if (r0 < 0) r0 = 0;
        if (r1 >= rows) r1 = rows - 1;
        for (let r = r0; r <= r1; r++) {
          if (!(rowRadiusMax[r] > 0)) continue;
          model.capBounds(rs, rowRadiusMin[r], rowRadiusMax[r], bounds);
          inner = bounds.inner;
          outer = bounds.outer;
          cosI = inner >= 0 ? Math.cos(inner) : 2;
          sinI = inner >= 0 ? Math.sin(inner) : 0;
          cosO = Math.cos(outer);
          sinO = Math.sin(outer);
          const rowLo = -Math.PI / 2 + r * bucketRad;
          if (rowLo > lat + outer + 1e-9 || rowLo + bucketRad < lat - outer - 1e-9) continue;
          const nb = rowBins[r];
          const firstBucket = rowFirstBucket[r];
          const polar = Math.abs(lat) + outer >= Math.PI / 2 - 1e-9;
          if (polar || nb === 1) {
            for (let j = 0; j < nb; j++) visitBucket(firstBucket + j);
            continue;
          }
          const half = Math.asin(Math.min(1, Math.sin(outer + 1e-9) / Math.cos(lat)));
          const w = (2 * Math.PI) / nb;
          const j0 = Math.floor((lon - half + Math.PI) / w);
          const j1 = Math.floor((lon + half + Math.PI) / w);
          const span = Math.min(nb, j1 - j0 + 1);
          for (let q = 0; q < span; q++) {
            let j = (j0 + q) % nb;
            if (j < 0) j += nb;
            visitBucket(firstBucket + j);
          }
        }
      }
    }
    // Fold in this step: only touched points can be covered.
    for (let f = 0; f < nFolds; f++) {
      const need = folds[f];
      let fraction = 0;
      const base = f * nPoints;
      for (let t = 0; t < nTouched; t++) {
        const p = touched[t];
        if (counts[p] >= need) {
          // Same bookkeeping as accumulator.ts recordCovered, inlined for the hot loop.
          const i = base + p;
          const last = accLast[i];
          if (last < 0) {
            accFirst[i] = kr;
            accRuns[i] = 1;
            accLastRunStart[i] = kr;
          } else {
            const gap = kr - last - 1;
            if (gap > 0) {
              accGapCount[i]++;
              if (gap > accGapMax[i]) accGapMax[i] = gap;
              accGapSteps[i] += gap;
              accGapTriangle[i] += (gap * (gap + 1)) / 2;
              accRuns[i]++;
              accLastRunStart[i] = kr;
            }
          }
          accLast[i] = kr;
          accCovered[i]++;
          fraction += quantWeight[p];
        }
      }
      acc.stepFraction[f * nSteps + kr] = fraction / quantTotal;
    }
    let stereoFraction = 0;
    for (let t = 0; t < nTouched; t++) {
      const p = touched[t];
      const c = counts[p];
      acc.sensorSteps[p] += c;
      if (los !== null && c >= 2 && hasStereoPair(los, p, Math.min(c, STEREO_SLOTS), cosStereo)) {
        acc.stereoSteps[p]++;
        stereoFraction += quantWeight[p];
      }
      counts[p] = 0;
    }
    if (stereo) acc.stepStereo[kr] = stereoFraction / quantTotal;
    nTouched = 0;
  }
  return acc;
}

/** Whether two of the first n stored lines of sight at point p cross at an angle in [theta, pi - theta] (|cos| <= cos theta). */
function hasStereoPair(los: Float64Array, p: number, n: number, cosTheta: number): boolean {
  const base = p * STEREO_SLOTS * 3;
  for (let i = 0; i < n; i++) {
    const oi = base + 3 * i;
    for (let j = i + 1; j < n; j++) {
      const oj = base + 3 * j;
      const c = los[oi] * los[oj] + los[oi + 1] * los[oj + 1] + los[oi + 2] * los[oj + 2];
      if (Math.abs(c) <= cosTheta) return true;
    }
  }
  return false;
}
