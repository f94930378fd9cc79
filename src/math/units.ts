/** Conversion constants for the edges: multiply an edge value by these once. */
export const KM = 1000;
export const DEG = Math.PI / 180;
export const ARCSEC = DEG / 3600;
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;
export const TWO_PI = 2 * Math.PI;

/** Wraps an angle into [0, 2 pi). */
export function wrapTwoPi(angle: number): number {
  const r = angle % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}

/** Wraps an angle into [-pi, pi). */
export function wrapPi(angle: number): number {
  return wrapTwoPi(angle + Math.PI) - Math.PI;
}
