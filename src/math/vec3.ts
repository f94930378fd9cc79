/**
 * Three-vectors as Float64Array(3) or plain tuples. Hot-loop helpers take an `out`
 * argument so callers control allocation.
 */
export type Vec3 = Float64Array | [number, number, number] | number[];

export function vec3(x = 0, y = 0, z = 0): Float64Array {
  const v = new Float64Array(3);
  v[0] = x;
  v[1] = y;
  v[2] = z;
  return v;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}

export function cross<T extends Vec3>(a: ArrayLike<number>, b: ArrayLike<number>, out: T): T {
  const x = a[1] * b[2] - a[2] * b[1];
  const y = a[2] * b[0] - a[0] * b[2];
  const z = a[0] * b[1] - a[1] * b[0];
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}

export function sub<T extends Vec3>(a: ArrayLike<number>, b: ArrayLike<number>, out: T): T {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
  return out;
}

export function add<T extends Vec3>(a: ArrayLike<number>, b: ArrayLike<number>, out: T): T {
  out[0] = a[0] + b[0];
  out[1] = a[1] + b[1];
  out[2] = a[2] + b[2];
  return out;
}

export function scale<T extends Vec3>(a: ArrayLike<number>, s: number, out: T): T {
  out[0] = a[0] * s;
  out[1] = a[1] * s;
  out[2] = a[2] * s;
  return out;
}

export function normalize<T extends Vec3>(a: ArrayLike<number>, out: T): T {
  const n = norm(a);
  return scale(a, n > 0 ? 1 / n : 0, out);
}

export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  const dz = a[2] - b[2];
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/** Angle between two vectors, accurate near 0 and pi (atan2 form, not acos). */
export function angleBetween(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot(a, b));
}
