import { WGS84_ELLIPSOID as WGS84, WGS84_B, WGS84_E2 } from './ellipsoid.ts';
import type { Geodetic } from './types.ts';

const A = WGS84.a;
const B = WGS84_B;
const E2 = WGS84_E2;
const EP2 = (A * A - B * B) / (B * B);

/** WGS-84 geodetic (rad, rad, m) to ITRF Cartesian (m), written to `out`. */
export function geodeticToItrf(g: Geodetic, out: Float64Array = new Float64Array(3), offset = 0): Float64Array {
  const sinLat = Math.sin(g.lat);
  const cosLat = Math.cos(g.lat);
  const n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
  out[offset] = (n + g.height) * cosLat * Math.cos(g.lon);
  out[offset + 1] = (n + g.height) * cosLat * Math.sin(g.lon);
  out[offset + 2] = (n * (1 - E2) + g.height) * sinLat;
  return out;
}

/**
 * ITRF Cartesian (m) to WGS-84 geodetic, Heikkinen's exact closed form (1982, as arranged by
 * Zhu 1993) with no iteration; round trips under a micrometre from the surface to GEO.
 */
export function itrfToGeodetic(x: number, y: number, z: number, out?: Geodetic): Geodetic {
  const result = out ?? { lat: 0, lon: 0, height: 0 };
  const p2 = x * x + y * y;
  const p = Math.sqrt(p2);
  const lon = Math.atan2(y, x);
  if (p < 1e-9) {
    // On the axis the closed form divides by zero; the answer is the pole.
    result.lat = z >= 0 ? Math.PI / 2 : -Math.PI / 2;
    result.lon = 0;
    result.height = Math.abs(z) - B;
    return result;
  }
  const z2 = z * z;
  const f = 54 * B * B * z2;
  const g = p2 + (1 - E2) * z2 - E2 * (A * A - B * B);
  const c = (E2 * E2 * f * p2) / (g * g * g);
  const s = Math.cbrt(1 + c + Math.sqrt(c * c + 2 * c));
  const k = s + 1 + 1 / s;
  const pp = f / (3 * k * k * g * g);
  const q = Math.sqrt(1 + 2 * E2 * E2 * pp);
  const r0 =
    (-pp * E2 * p) / (1 + q) +
    Math.sqrt(Math.max(0, 0.5 * A * A * (1 + 1 / q) - (pp * (1 - E2) * z2) / (q * (1 + q)) - 0.5 * pp * p2));
  const t = p - E2 * r0;
  const u = Math.sqrt(t * t + z2);
  const v = Math.sqrt(t * t + (1 - E2) * z2);
  const z0 = (B * B * z) / (A * v);
  result.height = u * (1 - (B * B) / (A * v));
  result.lat = Math.atan2(z + EP2 * z0, p);
  result.lon = lon;
  return result;
}

/** Unit vector of the local vertical (ellipsoid normal) at a geodetic point, ITRF. */
export function upVector(lat: number, lon: number, out: Float64Array = new Float64Array(3)): Float64Array {
  out[0] = Math.cos(lat) * Math.cos(lon);
  out[1] = Math.cos(lat) * Math.sin(lon);
  out[2] = Math.sin(lat);
  return out;
}
