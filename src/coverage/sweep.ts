import { ELLIPSOID_Z_SCALE } from '../sensors/margins.ts';
import type { CapBounds, SensorModel } from '../sensors/sensor-model.ts';
import * as spatial from './spatial-index.ts';
import type { StripIndex } from './spatial-index.ts';

// Local bindings: calls through a transpiled module's live-binding getters cost more than the
// work they do here.
const { capHalfWidth, capInnerHalfWidth, evenPosition, firstStripReaching, lapPosition } = spatial;

/** How many lines of sight per point are kept for the stereo test (more sensors than this still count, but only these pair up). */
export const STEREO_SLOTS = 8;

/**
 * What one time step's sweeps leave behind, per point in the internal order of the strip index:
 * the number of sensors that see it is counts[q] plus the running sum of runStarts from the start
 * of its strip up to q (a run of points seen outright costs two writes, +1 where it starts and -1
 * where it ends, instead of one per point; stripStarts[q] is 1 where a strip starts). With the
 * stereo figure every sighting goes to counts, with the unit line of sight in the point's first
 * STEREO_SLOTS slots. Folding the step in clears it.
 */
export class StepTally {
  readonly counts: Int32Array;
  readonly runStarts: Int32Array;
  readonly stripStarts: Uint8Array;
  readonly los: Float64Array | null;

  constructor(index: StripIndex, stereo: boolean) {
    this.counts = new Int32Array(index.count);
    this.runStarts = new Int32Array(index.count);
    this.stripStarts = new Uint8Array(index.count);
    for (let s = 0; s < index.strips; s++) this.stripStarts[index.stripStart[s]] = 1;
    this.los = stereo ? new Float64Array(index.count * STEREO_SLOTS * 3) : null;
  }
}

/**
 * Finds the points one sensor sees at one instant and adds them to a tally. The model must be
 * prepared (SensorModel.prepare) for the satellite at ITRF (sx, sy, sz) first. One per thread of
 * work: it keeps scratch state.
 */
export class Sweeper {
  private readonly index: StripIndex;
  private readonly bounds: CapBounds = { inner: -1, outer: Math.PI };
  /** Caps per radius class, computed on first use in each sweep (stamp). */
  private readonly classStamp: Int32Array;
  private readonly classOuter: Float64Array;
  private readonly classInner: Float64Array;
  private readonly classCosOuter: Float64Array;
  private readonly classCosInner: Float64Array;
  private stamp = 0;
  // The satellite being swept and the caps of the strip at hand, for the run loops.
  private model: SensorModel | null = null;
  private tally: StepTally | null = null;
  private sx = 0;
  private sy = 0;
  private sz = 0;
  private ux = 0;
  private uy = 0;
  private uz = 0;
  private cosOuter = -2;
  private cosInner = 2;

  constructor(index: StripIndex) {
    this.index = index;
    this.classStamp = new Int32Array(index.classes).fill(-1);
    this.classOuter = new Float64Array(index.classes);
    this.classInner = new Float64Array(index.classes);
    this.classCosOuter = new Float64Array(index.classes);
    this.classCosInner = new Float64Array(index.classes);
  }

  /**
   * The engine. Walks only the strips of latitude the sensor's outer cap meets and, in each, only
   * the longitudes it spans. Points in the longitudes that every latitude of the strip has inside
   * the inner cap are counted outright; the rest of the span costs a dot product of unit vectors
   * against the cosines of the caps, and only points in the ring between the caps (a hair wide
   * for a sensor limited by the Earth alone) get the exact margin.
   */
  culled(model: SensorModel, sx: number, sy: number, sz: number, tally: StepTally): void {
    const index = this.index;
    const { lon, strips, stripStart, stripClass, stripFlat, stripSpacing } = index;
    const { stripLatMin, stripLatMax, stripSinMin, stripCosMin, stripSinMax, stripCosMax, classRadiusMin, classRadiusMax, classScaledMin, classScaledMax } = index;
    const { classStamp, classOuter, classInner, classCosOuter, classCosInner, bounds } = this;
    const rs = Math.sqrt(sx * sx + sy * sy + sz * sz);
    // The satellite's direction where the ellipsoid is a sphere, as the index's.
    const szScaled = sz * ELLIPSOID_Z_SCALE;
    const rsScaled = Math.sqrt(sx * sx + sy * sy + szScaled * szScaled);
    const ux = sx / rsScaled;
    const uy = sy / rsScaled;
    const uz = szScaled / rsScaled;
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.ux = ux;
    this.uy = uy;
    this.uz = uz;
    this.model = model;
    this.tally = tally;
    // Which strips to walk: the cap for the whole grid's radius range holds every class's.
    model.capBounds(rs, rsScaled, index.radiusMin, index.radiusMax, index.scaledMin, index.scaledMax, bounds);
    const reach = bounds.outer;
    const latC = Math.asin(uz > 1 ? 1 : uz < -1 ? -1 : uz);
    const lonC = Math.atan2(uy, ux);
    const cosC = Math.sqrt(ux * ux + uy * uy);
    const sFirst = reach >= Math.PI ? 0 : firstStripReaching(index, latC - reach);
    const latTop = reach >= Math.PI ? Number.POSITIVE_INFINITY : latC + reach;
    const stamp = ++this.stamp;
    for (let s = sFirst; s < strips && stripLatMin[s] <= latTop; s++) {
      const c = stripClass[s];
      if (classStamp[c] !== stamp) {
        model.capBounds(rs, rsScaled, classRadiusMin[c], classRadiusMax[c], classScaledMin[c], classScaledMax[c], bounds);
        const outer = bounds.outer < reach ? bounds.outer : reach;
        classOuter[c] = outer;
        classInner[c] = bounds.inner;
        classCosOuter[c] = outer >= Math.PI ? -2 : Math.cos(outer);
        classCosInner[c] = bounds.inner >= 0 ? Math.cos(bounds.inner) : 2;
        classStamp[c] = stamp;
      }
      const cosO = classCosOuter[c];
      const cosI = classCosInner[c];
      const q0 = stripStart[s];
      const n = stripStart[s + 1] - q0;
      const spacing = stripSpacing[s];
      const first = lon[q0];
      const lap = n / (2 * Math.PI);
      const cosLC = stripCosMin[s] * cosC;
      if (stripFlat[s] === 1 && cosLC > 1e-9) {
        // One latitude: the angle to the cap's centre grows with the longitude offset, and
        // cos(offset) >= (cos(cap) - sin(lat) sin(latC)) / (cos(lat) cos(latC)) inside a cap.
        // Count the inner cap's run outright, then walk out from it each way while the points
        // are inside the outer cap.
        const sinLC = stripSinMin[s] * uz;
        if ((cosO - sinLC) / cosLC > 1) continue;
        this.cosOuter = cosO;
        this.cosInner = cosI;
        const ci = (cosI - sinLC) / cosLC;
        if (ci <= -1) {
          this.count(q0, n, 0, n);
          continue;
        }
        let jWest: number;
        let jEast: number;
        if (ci < 1) {
          const innerHalf = Math.acos(ci) - 1e-9;
          let west = lonC - innerHalf;
          if (west < -Math.PI) west += 2 * Math.PI;
          const east = west + 2 * innerHalf;
          if (spacing > 0) {
            jWest = evenPosition(first, spacing, n, west);
            jEast = evenPosition(first, spacing, n, east);
          } else {
            jWest = lapPosition(lon, q0, n, west, Math.ceil((west - first) * lap));
            jEast = lapPosition(lon, q0, n, east, Math.ceil((east - first) * lap));
          }
          if (jEast < jWest) jEast = jWest;
          this.count(q0, n, jWest, jEast);
        } else {
          let centre = lonC;
          if (centre < first) centre += 2 * Math.PI;
          jWest = spacing > 0 ? evenPosition(first, spacing, n, centre) : lapPosition(lon, q0, n, centre, Math.ceil((centre - first) * lap));
          jEast = jWest;
        }
        this.walk(q0, n, jWest, jEast);
        continue;
      }
      // Several latitudes: the span of the outer cap and the sure interior of the inner one.
      const theta = classOuter[c];
      let half = Math.PI;
      if (theta < Math.PI) {
        half = capHalfWidth(stripLatMin[s], stripSinMin[s], stripCosMin[s], stripLatMax[s], stripSinMax[s], stripCosMax[s], latC, uz, cosC, theta, cosO);
        if (half < 0) continue;
      }
      const inner = classInner[c];
      const innerHalf = inner < 0 ? -1 : capInnerHalfWidth(stripLatMin[s], stripSinMin[s], stripCosMin[s], stripLatMax[s], stripSinMax[s], stripCosMax[s], latC, uz, cosC, inner, cosI);
      this.cosOuter = cosO;
      this.cosInner = cosI;
      if (innerHalf >= Math.PI) {
        this.count(q0, n, 0, n);
        continue;
      }
      // Positions on the strip taken as a circle (lapPosition): the span is one run [jWest, jEast)
      // however it lies across the antimeridian.
      const spanHalf = half < Math.PI ? half : Math.PI;
      let west = lonC - spanHalf;
      if (west < -Math.PI) west += 2 * Math.PI;
      const jWest = spacing > 0 ? evenPosition(first, spacing, n, west) : lapPosition(lon, q0, n, west, Math.ceil((west - first) * lap));
      let jEast = jWest + n;
      if (half < Math.PI) {
        const east = west + 2 * half;
        jEast = spacing > 0 ? evenPosition(first, spacing, n, east) : lapPosition(lon, q0, n, east, Math.ceil((east - first) * lap));
      }
      if (innerHalf < 0) {
        this.test(q0, n, jWest, jEast);
        continue;
      }
      const innerWest = west + (spanHalf - innerHalf);
      const innerEast = west + (spanHalf + innerHalf);
      let jInnerWest = spacing > 0 ? evenPosition(first, spacing, n, innerWest) : lapPosition(lon, q0, n, innerWest, Math.ceil((innerWest - first) * lap));
      let jInnerEast = spacing > 0 ? evenPosition(first, spacing, n, innerEast) : lapPosition(lon, q0, n, innerEast, Math.ceil((innerEast - first) * lap));
      if (jInnerWest < jWest) jInnerWest = jWest;
      if (jInnerEast > jEast) jInnerEast = jEast;
      if (jInnerEast < jInnerWest) jInnerEast = jInnerWest;
      this.test(q0, n, jWest, jInnerWest);
      this.count(q0, n, jInnerWest, jInnerEast);
      this.test(q0, n, jInnerEast, jEast);
    }
  }

  /**
   * Walks a one-latitude strip out from the run [jWest, jEast) of virtual positions, east then
   * west, testing each point until one lies outside the outer cap (every point past it does too);
   * never more than a lap in all.
   */
  private walk(q0: number, n: number, jWest: number, jEast: number): void {
    const { counts, los } = this.tally!;
    const { x, y, z, upX, upY, upZ, dirX, dirY, dirZ } = this.index;
    const { sx, sy, sz, ux, uy, uz, cosOuter, cosInner } = this;
    const model = this.model!;
    let end = jEast;
    for (let step = 0; step < 2; step++) {
      const east = step === 0;
      const stop = east ? jWest + n : end - n - 1;
      for (let j = east ? jEast : jWest - 1; east ? j < stop : j > stop; j += east ? 1 : -1) {
        const q = q0 + (j < 0 ? j + n : j >= n ? j - n : j);
        const d = ux * dirX[q] + uy * dirY[q] + uz * dirZ[q];
        if (d < cosOuter) break;
        if (east) end = j + 1;
        if (d < cosInner && !(model.marginTo(x[q], y[q], z[q], upX[q], upY[q], upZ[q]) >= 0)) continue;
        const c = counts[q];
        if (los !== null && c < STEREO_SLOTS) storeLineOfSight(los, q, c, sx, sy, sz, x[q], y[q], z[q]);
        counts[q] = c + 1;
      }
    }
  }

  /** Counts the points at virtual positions [j0, j1) of the strip of n points from q0 (at most a lap) as seen. */
  private count(q0: number, n: number, j0: number, j1: number): void {
    if (j0 >= n) {
      j0 -= n;
      j1 -= n;
    }
    const end = q0 + n;
    if (j1 <= n) this.countRun(q0 + j0, q0 + j1, end);
    else {
      this.countRun(q0 + j0, end, end);
      this.countRun(q0, q0 + j1 - n, end);
    }
  }

  /** Tests the points at virtual positions [j0, j1) against the caps and, in the ring, the exact margin. */
  private test(q0: number, n: number, j0: number, j1: number): void {
    if (j0 >= n) {
      j0 -= n;
      j1 -= n;
    }
    if (j1 <= n) this.testRun(q0 + j0, q0 + j1);
    else {
      this.testRun(q0 + j0, q0 + n);
      this.testRun(q0, q0 + j1 - n);
    }
  }

  /** Points [qa, qb) of a strip ending at stripEnd are all seen. */
  private countRun(qa: number, qb: number, stripEnd: number): void {
    if (qa >= qb) return;
    const { counts, runStarts, los } = this.tally!;
    if (los === null) {
      runStarts[qa]++;
      if (qb < stripEnd) runStarts[qb]--;
      return;
    }
    const { x, y, z } = this.index;
    const { sx, sy, sz } = this;
    for (let q = qa; q < qb; q++) {
      const c = counts[q];
      if (c < STEREO_SLOTS) storeLineOfSight(los, q, c, sx, sy, sz, x[q], y[q], z[q]);
      counts[q] = c + 1;
    }
  }

  private testRun(qa: number, qb: number): void {
    const { counts, los } = this.tally!;
    const { x, y, z, upX, upY, upZ, dirX, dirY, dirZ } = this.index;
    const { sx, sy, sz, ux, uy, uz, cosOuter, cosInner } = this;
    const model = this.model!;
    for (let q = qa; q < qb; q++) {
      const d = ux * dirX[q] + uy * dirY[q] + uz * dirZ[q];
      if (d < cosOuter) continue;
      if (d < cosInner && !(model.marginTo(x[q], y[q], z[q], upX[q], upY[q], upZ[q]) >= 0)) continue;
      const c = counts[q];
      if (los !== null && c < STEREO_SLOTS) storeLineOfSight(los, q, c, sx, sy, sz, x[q], y[q], z[q]);
      counts[q] = c + 1;
    }
  }

  /** The reference: the exact margin for every point. */
  bruteForce(model: SensorModel, sx: number, sy: number, sz: number, tally: StepTally): void {
    const { count, x: px, y: py, z: pz, upX, upY, upZ } = this.index;
    const { counts, los } = tally;
    for (let q = 0; q < count; q++) {
      if (model.marginTo(px[q], py[q], pz[q], upX[q], upY[q], upZ[q]) >= 0) {
        const n = counts[q];
        if (los !== null && n < STEREO_SLOTS) storeLineOfSight(los, q, n, sx, sy, sz, px[q], py[q], pz[q]);
        counts[q] = n + 1;
      }
    }
  }
}

function storeLineOfSight(los: Float64Array, q: number, slot: number, sx: number, sy: number, sz: number, tx: number, ty: number, tz: number): void {
  const dx = sx - tx;
  const dy = sy - ty;
  const dz = sz - tz;
  const dn = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const o = (q * STEREO_SLOTS + slot) * 3;
  los[o] = dx / dn;
  los[o + 1] = dy / dn;
  los[o + 2] = dz / dn;
}

/** Whether two of the first n stored lines of sight at internal position q cross at an angle in [theta, pi - theta] (|cos| <= cos theta). */
export function hasStereoPair(los: Float64Array, q: number, n: number, cosTheta: number): boolean {
  const base = q * STEREO_SLOTS * 3;
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
