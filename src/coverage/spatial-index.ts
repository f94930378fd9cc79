import { InputError } from '../math/errors.ts';
import { ELLIPSOID_Z_SCALE } from '../sensors/margins.ts';
import type { CoverageGrid } from './grid.ts';

/**
 * Grid points laid out for culling: cut into thin strips of latitude, each sorted west to east, so that the points of a strip inside a satellite's cap are one or two contiguous
 * runs found by binary search on longitude. Everything the sweep reads per point is stored in
 * this internal order as separate arrays (structure of arrays), so the sweep walks memory in
 * sequence. `order[q]` is the grid point at internal position q.
 *
 * Directions and latitudes are taken where the ellipsoid is a sphere (ITRF with z scaled by a/b,
 * ELLIPSOID_Z_SCALE): Earth occlusion is decided in that space, so caps drawn there are exact for
 * it (SensorModel.capBounds). Longitudes are the same in both spaces.
 *
 * Strips are also grouped into radius classes (strips whose geocentric radii lie within a small
 * band): the sensor's culling caps depend on the target radius, so they are computed once per
 * class and satellite rather than once per strip.
 */
export interface StripIndex {
  readonly count: number;
  readonly order: Int32Array;
  /** ITRF position (m), ellipsoid normal and scaled unit direction, by internal position. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly upX: Float64Array;
  readonly upY: Float64Array;
  readonly upZ: Float64Array;
  readonly dirX: Float64Array;
  readonly dirY: Float64Array;
  readonly dirZ: Float64Array;
  /** Geocentric longitude (rad, [-pi, pi]), ascending within each strip. */
  readonly lon: Float64Array;
  readonly strips: number;
  /** Points of strip s are internal positions stripStart[s] .. stripStart[s + 1]; strips run south to north. */
  readonly stripStart: Int32Array;
  /** Scaled latitude range of each strip (rad) and the sines and cosines of its ends. */
  readonly stripLatMin: Float64Array;
  readonly stripLatMax: Float64Array;
  readonly stripSinMin: Float64Array;
  readonly stripCosMin: Float64Array;
  readonly stripSinMax: Float64Array;
  readonly stripCosMax: Float64Array;
  /** 1 when all the strip's points share one latitude (to 1e-12 rad), as the rows of regular grids do. */
  readonly stripFlat: Uint8Array;
  /**
   * Longitude spacing (rad) of a strip whose points are evenly spaced from its first (to 1e-9 of a
   * spacing), so positions follow from longitudes by arithmetic (evenPosition); 0 otherwise.
   */
  readonly stripSpacing: Float64Array;
  readonly stripClass: Int32Array;
  readonly classes: number;
  /** Geocentric radius range of each class, m, and the range of the radii where the ellipsoid is a sphere (z scaled by a/b). */
  readonly classRadiusMin: Float64Array;
  readonly classRadiusMax: Float64Array;
  readonly classScaledMin: Float64Array;
  readonly classScaledMax: Float64Array;
  /** The same over the whole grid. */
  readonly radiusMin: number;
  readonly radiusMax: number;
  readonly scaledMin: number;
  readonly scaledMax: number;
}

/** Default width of a radius class, m: about 0.1 deg of cap at 40 km targets, a thin ring of exact tests. */
const CLASS_WIDTH = 1500;

/**
 * Builds the strip index of a grid. `stripDeg` is the latitude height of a strip; the default,
 * half the grid's cell height, gives each latitude row of a regular grid a strip of its own.
 */
export function buildStripIndex(grid: CoverageGrid, stripDeg?: number): StripIndex {
  const height = stripDeg ?? grid.cellHeightDeg / 2;
  if (!(Number.isFinite(height) && height > 0 && height <= 180)) throw new InputError('stripDeg', height, 'must be a strip height in (0, 180] degrees');
  const stripRad = (height * Math.PI) / 180;
  const n = grid.count;
  const { position, up } = grid;
  const lat = new Float64Array(n);
  const lonOf = new Float64Array(n);
  const radius = new Float64Array(n);
  const scaled = new Float64Array(n);
  const d = new Float64Array(3 * n);
  for (let p = 0; p < n; p++) {
    const x = position[3 * p];
    const y = position[3 * p + 1];
    const z = position[3 * p + 2];
    radius[p] = Math.sqrt(x * x + y * y + z * z);
    const zs = z * ELLIPSOID_Z_SCALE;
    const rs = Math.sqrt(x * x + y * y + zs * zs);
    scaled[p] = rs;
    d[3 * p] = x / rs;
    d[3 * p + 1] = y / rs;
    d[3 * p + 2] = zs / rs;
    const dz = d[3 * p + 2];
    lat[p] = Math.asin(dz > 1 ? 1 : dz < -1 ? -1 : dz);
    lonOf[p] = Math.atan2(y, x);
  }
  const order = new Int32Array(n);
  for (let p = 0; p < n; p++) order[p] = p;
  order.sort((a, b) => lat[a] - lat[b] || a - b);

  // Strips: a new one starts where a latitude lies more than the height above the strip's first.
  const starts: number[] = [];
  let first = Number.NEGATIVE_INFINITY;
  for (let q = 0; q < n; q++) {
    const la = lat[order[q]];
    if (q === 0 || la > first + stripRad) {
      starts.push(q);
      first = la;
    }
  }
  starts.push(n);
  const strips = starts.length - 1;
  const stripStart = Int32Array.from(starts);
  for (let s = 0; s < strips; s++) {
    order.subarray(stripStart[s], stripStart[s + 1]).sort((a, b) => lonOf[a] - lonOf[b] || a - b);
  }

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  const upX = new Float64Array(n);
  const upY = new Float64Array(n);
  const upZ = new Float64Array(n);
  const dirX = new Float64Array(n);
  const dirY = new Float64Array(n);
  const dirZ = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    const p = order[q];
    x[q] = position[3 * p];
    y[q] = position[3 * p + 1];
    z[q] = position[3 * p + 2];
    upX[q] = up[3 * p];
    upY[q] = up[3 * p + 1];
    upZ[q] = up[3 * p + 2];
    dirX[q] = d[3 * p];
    dirY[q] = d[3 * p + 1];
    dirZ[q] = d[3 * p + 2];
    lon[q] = lonOf[p];
  }

  const stripLatMin = new Float64Array(strips);
  const stripLatMax = new Float64Array(strips);
  const stripRadiusMin = new Float64Array(strips);
  const stripRadiusMax = new Float64Array(strips);
  const stripScaledMin = new Float64Array(strips);
  const stripScaledMax = new Float64Array(strips);
  for (let s = 0; s < strips; s++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let rlo = Number.POSITIVE_INFINITY;
    let rhi = 0;
    let slo = Number.POSITIVE_INFINITY;
    let shi = 0;
    for (let q = stripStart[s]; q < stripStart[s + 1]; q++) {
      const p = order[q];
      if (lat[p] < lo) lo = lat[p];
      if (lat[p] > hi) hi = lat[p];
      if (radius[p] < rlo) rlo = radius[p];
      if (radius[p] > rhi) rhi = radius[p];
      if (scaled[p] < slo) slo = scaled[p];
      if (scaled[p] > shi) shi = scaled[p];
    }
    stripScaledMin[s] = slo;
    stripScaledMax[s] = shi;
    stripLatMin[s] = lo;
    stripLatMax[s] = hi;
    stripRadiusMin[s] = rlo;
    stripRadiusMax[s] = rhi;
  }
  const stripSinMin = stripLatMin.map(Math.sin);
  const stripCosMin = stripLatMin.map(Math.cos);
  const stripSinMax = stripLatMax.map(Math.sin);
  const stripCosMax = stripLatMax.map(Math.cos);
  const stripFlat = new Uint8Array(strips);
  for (let s = 0; s < strips; s++) stripFlat[s] = stripLatMax[s] - stripLatMin[s] <= 1e-12 ? 1 : 0;
  const stripSpacing = new Float64Array(strips);
  for (let s = 0; s < strips; s++) {
    const q0 = stripStart[s];
    const count = stripStart[s + 1] - q0;
    const spacing = count === 1 ? 2 * Math.PI : (lon[q0 + count - 1] - lon[q0]) / (count - 1);
    let even = spacing > 0;
    for (let j = 1; even && j < count; j++) even = Math.abs(lon[q0 + j] - (lon[q0] + j * spacing)) <= 1e-9 * spacing;
    stripSpacing[s] = even ? spacing : 0;
  }

  // Radius classes: strips sorted by radius, grouped while the group's range stays within CLASS_WIDTH.
  const byRadius = Array.from({ length: strips }, (_, s) => s).sort((a, b) => stripRadiusMin[a] - stripRadiusMin[b] || a - b);
  const stripClass = new Int32Array(strips);
  const classMin: number[] = [];
  const classMax: number[] = [];
  const classScaledMin: number[] = [];
  const classScaledMax: number[] = [];
  for (const s of byRadius) {
    const c = classMin.length - 1;
    if (
      c >= 0 &&
      Math.max(classMax[c], stripRadiusMax[s]) - classMin[c] <= CLASS_WIDTH &&
      Math.max(classScaledMax[c], stripScaledMax[s]) - Math.min(classScaledMin[c], stripScaledMin[s]) <= CLASS_WIDTH
    ) {
      classMax[c] = Math.max(classMax[c], stripRadiusMax[s]);
      classScaledMin[c] = Math.min(classScaledMin[c], stripScaledMin[s]);
      classScaledMax[c] = Math.max(classScaledMax[c], stripScaledMax[s]);
      stripClass[s] = c;
    } else {
      classMin.push(stripRadiusMin[s]);
      classMax.push(stripRadiusMax[s]);
      classScaledMin.push(stripScaledMin[s]);
      classScaledMax.push(stripScaledMax[s]);
      stripClass[s] = classMin.length - 1;
    }
  }
  let scaledMin = Number.POSITIVE_INFINITY;
  let scaledMax = 0;
  let radiusMin = Number.POSITIVE_INFINITY;
  let radiusMax = 0;
  for (let p = 0; p < n; p++) {
    if (scaled[p] < scaledMin) scaledMin = scaled[p];
    if (scaled[p] > scaledMax) scaledMax = scaled[p];
    if (radius[p] < radiusMin) radiusMin = radius[p];
    if (radius[p] > radiusMax) radiusMax = radius[p];
  }
  return {
    count: n,
    order,
    x,
    y,
    z,
    upX,
    upY,
    upZ,
    dirX,
    dirY,
    dirZ,
    lon,
    strips,
    stripStart,
    stripLatMin,
    stripLatMax,
    stripSinMin,
    stripCosMin,
    stripSinMax,
    stripCosMax,
    stripFlat,
    stripSpacing,
    stripClass,
    classes: classMin.length,
    classRadiusMin: Float64Array.from(classMin),
    classRadiusMax: Float64Array.from(classMax),
    classScaledMin: Float64Array.from(classScaledMin),
    classScaledMax: Float64Array.from(classScaledMax),
    radiusMin,
    radiusMax,
    scaledMin,
    scaledMax,
  };
}

/** Index of the first strip whose northern edge reaches latitude `lat` (rad), or `strips` when none. */
export function firstStripReaching(index: StripIndex, lat: number): number {
  let lo = 0;
  let hi = index.strips;
  const max = index.stripLatMax;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (max[mid] < lat) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A strip of n points from internal position q0 taken as a circle: virtual position j in [0, 2n)
 * is the point q0 + (j mod n), its longitude raised by 2 pi on the second lap, so longitudes rise
 * with j. Returns the first virtual position whose longitude is >= v (2n when none), starting
 * from a guess (exact for evenly spaced strips) and falling back to bisection.
 */
export function lapPosition(lon: Float64Array, q0: number, n: number, v: number, guess: number): number {
  const end = 2 * n;
  let j = guess > end ? end : guess;
  if (!(j >= 0)) j = 0;
  for (let step = 0; step < 6; step++) {
    if (j > 0 && lapLongitude(lon, q0, n, j - 1) >= v) j--;
    else if (j < end && lapLongitude(lon, q0, n, j) < v) j++;
    else return j;
  }
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lapLongitude(lon, q0, n, mid) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lapPosition for an evenly spaced strip (first longitude `first`, spacing `spacing`), by
 * arithmetic. At a longitude within rounding of a point's it may land one position either side;
 * callers use it only where the caps' pads make that harmless.
 */
export function evenPosition(first: number, spacing: number, n: number, v: number): number {
  if (v < first + 2 * Math.PI) {
    const j = Math.ceil((v - first) / spacing);
    return j <= 0 ? 0 : j >= n ? n : j;
  }
  const j = Math.ceil((v - first - 2 * Math.PI) / spacing);
  return n + (j <= 0 ? 0 : j >= n ? n : j);
}

function lapLongitude(lon: Float64Array, q0: number, n: number, j: number): number {
  return j < n ? lon[q0 + j] : lon[q0 + j - n] + 2 * Math.PI;
}

/**
 * Largest longitude half-width (rad) of a spherical cap of angular radius theta about a centre at
 * geocentric latitude latC (sine sinC, cosine cosC) over the latitudes [latA, latB] (sines and
 * cosines given): -1 when the strip misses the cap, pi or more when the cap wraps all longitudes
 * there. The cap's width peaks at the one latitude where sin(lat) = sin(latC) / cos(theta) and
 * falls off monotonically on either side, so the peak or an end of the range gives the maximum.
 */
export function capHalfWidth(
  latA: number, sinA: number, cosA: number,
  latB: number, sinB: number, cosB: number,
  latC: number, sinC: number, cosC: number,
  theta: number, cosTheta: number,
): number {
  if (latB < latC - theta || latA > latC + theta) return -1;
  if (theta >= Math.PI / 2 - 1e-6) return Math.PI;
  if (latC + theta >= Math.PI / 2 && latB >= Math.PI - theta - latC) return Math.PI;
  if (latC - theta <= -Math.PI / 2 && latA <= -Math.PI + theta - latC) return Math.PI;
  if (!(cosC > 1e-12)) return Math.PI;
  const peak = sinC / cosTheta;
  if (peak > -1 && peak < 1) {
    const latPeak = Math.asin(peak);
    if (latPeak >= latA && latPeak <= latB) return Math.asin(Math.min(1, Math.sin(theta) / cosC)) + 1e-9;
  }
  // An end clipped by the cap's own latitude range has zero width there.
  const wA = latA <= latC - theta ? 0 : widthAt(sinA, cosA, sinC, cosC, cosTheta);
  const wB = latB >= latC + theta ? 0 : widthAt(sinB, cosB, sinC, cosC, cosTheta);
  return (wA > wB ? wA : wB) + 1e-9;
}

/**
 * Smallest longitude half-width (rad) of the cap over the latitudes [latA, latB], the half-width
 * every latitude of the strip has: -1 when some latitude of the strip lies outside the cap's
 * latitude range (or the cap is a hemisphere or more, where the shape is not tracked), pi or more
 * when every latitude wraps. The width has one peak (see capHalfWidth), so the least is at an end.
 */
export function capInnerHalfWidth(
  latA: number, sinA: number, cosA: number,
  latB: number, sinB: number, cosB: number,
  latC: number, sinC: number, cosC: number,
  theta: number, cosTheta: number,
): number {
  if (!(theta >= 0) || theta >= Math.PI / 2 - 1e-6) return -1;
  if (latA < latC - theta || latB > latC + theta) return -1;
  if (!(cosC > 1e-12)) return -1;
  const wA = widthAt(sinA, cosA, sinC, cosC, cosTheta);
  const wB = widthAt(sinB, cosB, sinC, cosC, cosTheta);
  return (wA < wB ? wA : wB) - 1e-9;
}

function widthAt(sinL: number, cosL: number, sinC: number, cosC: number, cosTheta: number): number {
  if (!(cosL > 1e-12)) return Math.PI;
  const c = (cosTheta - sinL * sinC) / (cosL * cosC);
  return c >= 1 ? 0 : c <= -1 ? Math.PI : Math.acos(c);
}
