import type { CoverageGrid } from './grid.ts';

/**
 * Buckets of grid points by geocentric latitude and longitude, so that a satellite visits only
 * the buckets that meet its visibility cap. Rows are `bucketDeg` of latitude; each row is cut into
 * longitude bins about `bucketDeg` wide at its equator-most edge. Each bucket keeps its centre
 * direction and the angular radius that holds all its points, for whole-bucket decisions.
 */
export interface PointIndex {
  readonly bucketRad: number;
  readonly rows: number;
  readonly rowBins: Int32Array;
  readonly rowFirstBucket: Int32Array;
  /** Points of bucket b are order[bucketStart[b] .. bucketStart[b + 1]). */
  readonly bucketStart: Int32Array;
  readonly order: Int32Array;
  /** Bucket centre unit vectors, interleaved, and cos/sin of each bucket's angular radius. */
  readonly centre: Float64Array;
  readonly cosRadius: Float64Array;
  readonly sinRadius: Float64Array;
  readonly radius: Float64Array;
  /** Geocentric radius range (m) of the points in each row (Infinity/0 for an empty row). */
  readonly rowRadiusMin: Float64Array;
  readonly rowRadiusMax: Float64Array;
}

export function buildPointIndex(grid: CoverageGrid, bucketDeg = 3): PointIndex {
  const bucketRad = (bucketDeg * Math.PI) / 180;
  const rows = Math.ceil(Math.PI / bucketRad - 1e-9);
  const rowBins = new Int32Array(rows);
  const rowFirstBucket = new Int32Array(rows);
  let nBuckets = 0;
  for (let r = 0; r < rows; r++) {
    const lo = -Math.PI / 2 + r * bucketRad;
    const hi = Math.min(Math.PI / 2, lo + bucketRad);
    const widest = lo <= 0 && hi >= 0 ? 1 : Math.cos(Math.min(Math.abs(lo), Math.abs(hi)));
    rowBins[r] = Math.max(1, Math.ceil((2 * Math.PI * widest) / bucketRad - 1e-9));
    rowFirstBucket[r] = nBuckets;
    nBuckets += rowBins[r];
  }
  const n = grid.count;
  const bucketOf = new Int32Array(n);
  const counts = new Int32Array(nBuckets + 1);
  const d = grid.direction;
  for (let p = 0; p < n; p++) {
    const b = bucketFor(d[3 * p], d[3 * p + 1], d[3 * p + 2], bucketRad, rows, rowBins, rowFirstBucket);
    bucketOf[p] = b;
    counts[b + 1]++;
  }
  const rowRadiusMin = new Float64Array(rows).fill(Number.POSITIVE_INFINITY);
  const rowRadiusMax = new Float64Array(rows);
  for (let p = 0; p < n; p++) {
    let r = 0;
    while (r + 1 < rows && rowFirstBucket[r + 1] <= bucketOf[p]) r++;
    const x = grid.position[3 * p];
    const y = grid.position[3 * p + 1];
    const z = grid.position[3 * p + 2];
    const radius = Math.sqrt(x * x + y * y + z * z);
    if (radius < rowRadiusMin[r]) rowRadiusMin[r] = radius;
    if (radius > rowRadiusMax[r]) rowRadiusMax[r] = radius;
  }
  const bucketStart = new Int32Array(nBuckets + 1);
  for (let b = 0; b < nBuckets; b++) bucketStart[b + 1] = bucketStart[b] + counts[b + 1];
  const fill = bucketStart.slice(0, nBuckets);
  const order = new Int32Array(n);
  for (let p = 0; p < n; p++) order[fill[bucketOf[p]]++] = p;

  const centre = new Float64Array(3 * nBuckets);
  const radius = new Float64Array(nBuckets);
  const cosRadius = new Float64Array(nBuckets);
  const sinRadius = new Float64Array(nBuckets);
  for (let b = 0; b < nBuckets; b++) {
    let cx = 0;
    let cy = 0;
    let cz = 0;
    for (let q = bucketStart[b]; q < bucketStart[b + 1]; q++) {
      const p = order[q];
      cx += d[3 * p];
      cy += d[3 * p + 1];
      cz += d[3 * p + 2];
    }
    const cn = Math.sqrt(cx * cx + cy * cy + cz * cz);
    if (cn > 0) {
      cx /= cn;
      cy /= cn;
      cz /= cn;
    } else cz = 1;
    let rmax = 0;
    for (let q = bucketStart[b]; q < bucketStart[b + 1]; q++) {
      const p = order[q];
      const ax = d[3 * p];
      const ay = d[3 * p + 1];
      const az = d[3 * p + 2];
      const crx = cy * az - cz * ay;
      const cry = cz * ax - cx * az;
      const crz = cx * ay - cy * ax;
      const ang = Math.atan2(Math.sqrt(crx * crx + cry * cry + crz * crz), cx * ax + cy * ay + cz * az);
      if (ang > rmax) rmax = ang;
    }
    // A hair of slack so rounding in the dot products can never exclude a point.
    rmax += 1e-9;
    centre[3 * b] = cx;
    centre[3 * b + 1] = cy;
    centre[3 * b + 2] = cz;
    radius[b] = rmax;
    cosRadius[b] = Math.cos(rmax);
    sinRadius[b] = Math.sin(rmax);
  }
  return { bucketRad, rows, rowBins, rowFirstBucket, bucketStart, order, centre, cosRadius, sinRadius, radius, rowRadiusMin, rowRadiusMax };
}

function bucketFor(x: number, y: number, z: number, bucketRad: number, rows: number, rowBins: Int32Array, rowFirstBucket: Int32Array): number {
  const lat = Math.asin(Math.max(-1, Math.min(1, z)));
  const lon = Math.atan2(y, x);
  let r = Math.floor((lat + Math.PI / 2) / bucketRad);
  if (r < 0) r = 0;
  if (r >= rows) r = rows - 1;
  const nb = rowBins[r];
  let j = Math.floor(((lon + Math.PI) / (2 * Math.PI)) * nb);
  if (j < 0) j = 0;
  if (j >= nb) j = nb - 1;
  return rowFirstBucket[r] + j;
}
