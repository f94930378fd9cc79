import { geodeticToItrf } from '../frames/geodetic.ts';
import { InputError } from '../math/errors.ts';
import { DEG, KM } from '../math/units.ts';

/**
 * Points at which coverage is evaluated, all at one geodetic height, with what the engine needs
 * precomputed: ITRF position, ellipsoid normal, geocentric unit direction (for culling) and an
 * area weight. Each point stands for a cell of `cellHeightDeg` by `cellWidthDeg[p]` about it.
 */
export interface CoverageGrid {
  readonly count: number;
  /** Geodetic latitude and longitude, degrees (edge units: grids are made from and drawn in degrees). */
  readonly latDeg: Float64Array;
  readonly lonDeg: Float64Array;
  readonly height: number;
  /** ITRF position, m, interleaved x, y, z. */
  readonly position: Float64Array;
  /** Unit ellipsoid normal, interleaved. */
  readonly up: Float64Array;
  /** Unit geocentric direction, interleaved. */
  readonly direction: Float64Array;
  /** Relative area of each point's cell; they sum to 1. */
  readonly weight: Float64Array;
  readonly cellHeightDeg: number;
  readonly cellWidthDeg: Float64Array;
  /** Geocentric radius range of the points, m. */
  readonly radiusMin: number;
  readonly radiusMax: number;
  readonly description: string;
}

function validateSpacing(spacingDeg: number): void {
  if (!(Number.isFinite(spacingDeg) && spacingDeg > 0 && spacingDeg <= 90)) {
    throw new InputError('gridDeg', spacingDeg, 'must be a spacing in (0, 90] degrees');
  }
}

function validateHeight(height: number): void {
  if (!(Number.isFinite(height) && height > -1 * KM && height < 1e5 * KM)) {
    throw new InputError('gridAltitudeKm', height / KM, 'must be a finite altitude above the ellipsoid, km');
  }
}

/**
 * A global grid of nearly equal-area cells: latitude bands `spacingDeg` tall, each cut into
 * round(360 cos(lat) / spacing) cells (at least one), points at cell centres; weights are exact
 * cell areas on the sphere, normalised.
 */
export function globalEqualAreaGrid(spacingDeg: number, height = 0): CoverageGrid {
  validateSpacing(spacingDeg);
  validateHeight(height);
  const bands = Math.max(1, Math.round(180 / spacingDeg));
  const bandHeight = 180 / bands;
  const lat: number[] = [];
  const lon: number[] = [];
  const weight: number[] = [];
  const width: number[] = [];
  for (let b = 0; b < bands; b++) {
    const south = -90 + b * bandHeight;
    const north = south + bandHeight;
    const centre = south + bandHeight / 2;
    const n = Math.max(1, Math.round((360 * Math.cos(centre * DEG)) / spacingDeg));
    const area = (Math.sin(north * DEG) - Math.sin(south * DEG)) / 2 / n;
    for (let j = 0; j < n; j++) {
      lat.push(centre);
      lon.push(-180 + ((j + 0.5) * 360) / n);
      weight.push(area);
      width.push(360 / n);
    }
  }
  return buildGrid(lat, lon, weight, width, bandHeight, height, `global equal-area grid, ${spacingDeg} deg, ${height / KM} km`);
}

/** A latitude/longitude box in degrees; west > east crosses the antimeridian. */
export interface LatLonBox {
  kind: 'box';
  southDeg: number;
  northDeg: number;
  westDeg: number;
  eastDeg: number;
}

/** A polygon of [latitudeDeg, longitudeDeg] vertices (closed implicitly), not crossing the antimeridian. */
export interface LatLonPolygon {
  kind: 'polygon';
  vertices: Array<[number, number]>;
}

export type Region = LatLonBox | LatLonPolygon;

/**
 * Parses a region from the CLI: `box:SOUTH,NORTH,WEST,EAST` or
 * `polygon:LAT,LON;LAT,LON;LAT,LON[;...]`, degrees.
 */
export function parseRegion(text: string, field = 'region'): Region {
  const t = text.trim();
  const numbers = (s: string) => s.split(',').map((x) => Number(x.trim()));
  if (t.startsWith('box:')) {
    const v = numbers(t.slice(4));
    if (v.length !== 4 || !v.every(Number.isFinite)) throw new InputError(field, text, 'a box is box:SOUTH,NORTH,WEST,EAST in degrees');
    return checkRegion({ kind: 'box', southDeg: v[0], northDeg: v[1], westDeg: v[2], eastDeg: v[3] }, field, text);
  }
  if (t.startsWith('polygon:')) {
    const vertices = t
      .slice(8)
      .split(';')
      .filter((s) => s.trim() !== '')
      .map((s) => numbers(s));
    if (vertices.length < 3 || !vertices.every((v) => v.length === 2 && v.every(Number.isFinite))) {
      throw new InputError(field, text, 'a polygon is polygon:LAT,LON;LAT,LON;LAT,LON[;...] with at least three vertices, degrees');
    }
    return checkRegion({ kind: 'polygon', vertices: vertices.map((v) => [v[0], v[1]] as [number, number]) }, field, text);
  }
  throw new InputError(field, text, 'must be box:SOUTH,NORTH,WEST,EAST or polygon:LAT,LON;LAT,LON;... (degrees)');
}

function checkRegion(region: Region, field: string, value: unknown): Region {
  if (region.kind === 'box') {
    const { southDeg: s, northDeg: n, westDeg: w, eastDeg: e } = region;
    if (!(s >= -90 && n <= 90 && s < n)) throw new InputError(field, value, 'needs -90 <= south < north <= 90 degrees (an empty box covers nothing)');
    if (!(w >= -180 && w <= 360 && e >= -180 && e <= 360) || w === e) throw new InputError(field, value, 'needs west and east in [-180, 360] degrees and different (an empty box covers nothing)');
  } else {
    for (const [lat, lon] of region.vertices) {
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 360)) throw new InputError(field, value, 'has a vertex outside latitude [-90, 90], longitude [-180, 360] degrees');
    }
    let area2 = 0;
    const v = region.vertices;
    for (let i = 0; i < v.length; i++) {
      const [y1, x1] = v[i];
      const [y2, x2] = v[(i + 1) % v.length];
      area2 += x1 * y2 - x2 * y1;
    }
    if (Math.abs(area2) < 1e-12) throw new InputError(field, value, 'encloses no area');
  }
  return region;
}

/**
 * Grid points inside a region on a regular latitude/longitude lattice of `spacingDeg` (cell
 * centres), area weights proportional to cos(latitude). Throws when no point falls inside.
 */
export function regionGrid(region: Region, spacingDeg: number, height = 0): CoverageGrid {
  validateSpacing(spacingDeg);
  validateHeight(height);
  const lat: number[] = [];
  const lon: number[] = [];
  const weight: number[] = [];
  const width: number[] = [];
  let south: number;
  let north: number;
  let west: number;
  let east: number;
  if (region.kind === 'box') {
    south = region.southDeg;
    north = region.northDeg;
    west = region.westDeg;
    east = region.eastDeg <= region.westDeg ? region.eastDeg + 360 : region.eastDeg;
  } else {
    south = Math.min(...region.vertices.map((v) => v[0]));
    north = Math.max(...region.vertices.map((v) => v[0]));
    west = Math.min(...region.vertices.map((v) => v[1]));
    east = Math.max(...region.vertices.map((v) => v[1]));
  }
  const rows = Math.max(1, Math.round((north - south) / spacingDeg));
  const cols = Math.max(1, Math.round((east - west) / spacingDeg));
  const dLat = (north - south) / rows;
  const dLon = (east - west) / cols;
  for (let r = 0; r < rows; r++) {
    const la = south + (r + 0.5) * dLat;
    for (let c = 0; c < cols; c++) {
      const lo = west + (c + 0.5) * dLon;
      if (region.kind === 'polygon' && !insidePolygon(region.vertices, la, lo)) continue;
      lat.push(la);
      lon.push(lo > 180 ? lo - 360 : lo);
      weight.push(Math.cos(la * DEG));
      width.push(dLon);
    }
  }
  if (lat.length === 0) throw new InputError('region', region, `contains no grid point at ${spacingDeg} deg spacing`);
  const total = weight.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weight.length; i++) weight[i] /= total;
  return buildGrid(lat, lon, weight, width, dLat, height, `region grid, ${lat.length} points, ${spacingDeg} deg, ${height / KM} km`);
}

/** Even-odd rule in the latitude/longitude plane. */
function insidePolygon(v: Array<[number, number]>, lat: number, lon: number): boolean {
  let inside = false;
  for (let i = 0, j = v.length - 1; i < v.length; j = i++) {
    const [yi, xi] = v[i];
    const [yj, xj] = v[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A grid of arbitrary points (points of interest), equal weights. */
export function pointsGrid(points: ReadonlyArray<{ latDeg: number; lonDeg: number }>, height = 0): CoverageGrid {
  if (points.length === 0) throw new InputError('points', points, 'must hold at least one point');
  points.forEach((p, i) => {
    if (!(p.latDeg >= -90 && p.latDeg <= 90)) throw new InputError(`points[${i}].latDeg`, p.latDeg, 'must be in [-90, 90]');
    if (!(p.lonDeg >= -180 && p.lonDeg <= 360)) throw new InputError(`points[${i}].lonDeg`, p.lonDeg, 'must be in [-180, 360]');
  });
  validateHeight(height);
  return buildGrid(
    points.map((p) => p.latDeg),
    points.map((p) => (p.lonDeg > 180 ? p.lonDeg - 360 : p.lonDeg)),
    points.map(() => 1 / points.length),
    points.map(() => 1),
    1,
    height,
    `${points.length} points, ${height / KM} km`,
  );
}

function buildGrid(lat: number[], lon: number[], weight: number[], width: number[], cellHeightDeg: number, height: number, description: string): CoverageGrid {
  const n = lat.length;
  const position = new Float64Array(3 * n);
  const up = new Float64Array(3 * n);
  const direction = new Float64Array(3 * n);
  const g = { lat: 0, lon: 0, height };
  let radiusMin = Number.POSITIVE_INFINITY;
  let radiusMax = 0;
  for (let i = 0; i < n; i++) {
    g.lat = lat[i] * DEG;
    g.lon = lon[i] * DEG;
    geodeticToItrf(g, position, 3 * i);
    const cl = Math.cos(g.lat);
    up[3 * i] = cl * Math.cos(g.lon);
    up[3 * i + 1] = cl * Math.sin(g.lon);
    up[3 * i + 2] = Math.sin(g.lat);
    const x = position[3 * i];
    const y = position[3 * i + 1];
    const z = position[3 * i + 2];
    const r = Math.sqrt(x * x + y * y + z * z);
    direction[3 * i] = x / r;
    direction[3 * i + 1] = y / r;
    direction[3 * i + 2] = z / r;
    if (r < radiusMin) radiusMin = r;
    if (r > radiusMax) radiusMax = r;
  }
  return {
    count: n,
    latDeg: Float64Array.from(lat),
    lonDeg: Float64Array.from(lon),
    height,
    position,
    up,
    direction,
    weight: Float64Array.from(weight),
    cellHeightDeg,
    cellWidthDeg: Float64Array.from(width),
    radiusMin,
    radiusMax,
    description,
  };
}
