import { EARTH_RADIUS_MEAN } from '../bodies/earth.ts';
import { DEG, KM } from '../math/units.ts';
import type { Random } from '../math/random.ts';
import { centralAngle, flightEarth, surfacePoint } from '../threats/geometry.ts';
import type { Area, LatLon } from './types.ts';

/** The least launch-to-aim distance flyThreat accepts (src/threats/fly-threat.ts), km. */
export const INPUT_SEPARATION_KM = 10;

/** Great-circle distance on the sphere of the Earth's mean radius, km (haversine). */
export function greatCircleKm(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  return (greatCircleAngle(lat1Deg * DEG, lon1Deg * DEG, lat2Deg * DEG, lon2Deg * DEG) * EARTH_RADIUS_MEAN) / KM;
}

/**
 * Launch-to-aim ground distance (m) measured as flyThreat measures it before refusing an aim under
 * 10 km: the central angle between the two WGS-84 surface points times the mean radius.
 */
export function flightGroundDistance(launch: LatLon, aim: LatLon): number {
  const earth = flightEarth();
  return centralAngle(surfacePoint(earth, launch.lat, launch.lon, 0), surfacePoint(earth, aim.lat, aim.lon, 0)) * earth.radius;
}

/** Central angle between two points given in radians. */
export function greatCircleAngle(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const s = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Even-odd rule in the latitude/longitude plane (as src/coverage/grid.ts decides a polygon's inside). */
export function insidePolygon(vertices: readonly LatLon[], lat: number, lon: number): boolean {
  let inside = false;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const a = vertices[i];
    const b = vertices[j];
    if (a.lat > lat !== b.lat > lat && lon < ((b.lon - a.lon) * (lat - a.lat)) / (b.lat - a.lat) + a.lon) inside = !inside;
  }
  return inside;
}

/** Longitude wrapped into [-pi, pi). */
function wrapLongitude(lon: number): number {
  const w = (((lon + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return w - Math.PI;
}

/** A point with latitude uniform in area (sin(lat) uniform) between two latitudes and longitude uniform between two longitudes. */
function uniformInBand(random: Random, south: number, north: number, west: number, east: number): LatLon {
  const lat = Math.asin(random.uniformIn(Math.sin(south), Math.sin(north)));
  return { lat, lon: wrapLongitude(random.uniformIn(west, east)) };
}

/**
 * A point drawn uniformly by area (on the sphere) in an area: boxes directly, circles as a
 * spherical cap about the centre, polygons by rejection in their latitude/longitude bounds.
 * Returns null if 100,000 draws find no point of a polygon (one of vanishing area).
 */
export function drawPointIn(area: Area, random: Random): LatLon | null {
  if (area.kind === 'box') {
    const east = area.east <= area.west ? area.east + 2 * Math.PI : area.east;
    return uniformInBand(random, area.south, area.north, area.west, east);
  }
  if (area.kind === 'circle') {
    const cosMax = Math.cos(area.radius / EARTH_RADIUS_MEAN);
    const d = Math.acos(1 - random.uniform() * (1 - cosMax));
    const bearing = random.uniform() * 2 * Math.PI;
    const { lat: lat0, lon: lon0 } = area.centre;
    const lat = Math.asin(Math.sin(lat0) * Math.cos(d) + Math.cos(lat0) * Math.sin(d) * Math.cos(bearing));
    const lon = lon0 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat0), Math.cos(d) - Math.sin(lat0) * Math.sin(lat));
    return { lat, lon: wrapLongitude(lon) };
  }
  const lats = area.vertices.map((v) => v.lat);
  const lons = area.vertices.map((v) => v.lon);
  const south = Math.min(...lats);
  const north = Math.max(...lats);
  const west = Math.min(...lons);
  const east = Math.max(...lons);
  for (let tries = 0; tries < 100_000; tries++) {
    const lat = Math.asin(random.uniformIn(Math.sin(south), Math.sin(north)));
    const lon = random.uniformIn(west, east);
    if (insidePolygon(area.vertices, lat, lon)) return { lat, lon: wrapLongitude(lon) };
  }
  return null;
}

/** A 32-bit seed for one named stream of draws, from the scenario's seed (FNV-1a over the seed and the label). */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5;
  const text = `${seed >>> 0}:${label}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
