/**
 * Vacuum free flight over a spherical, non-rotating Earth: the relations the targeting uses to
 * choose a minimum-energy burnout flight-path angle.
 *
 * Bate, Mueller & White (Fundamentals of Astrodynamics, 1971, ch. 6) treat the symmetric case,
 * burnout and re-entry at the same radius. A real missile burns out a few hundred kilometres up
 * and comes down to the surface, so the targeting uses the general case: the least-energy conic
 * between two radii across a given angle (Lambert's minimum-energy ellipse), which reduces to
 * the symmetric relations when the radii are equal.
 */

/** Free-flight range angle (rad) from burnout at radius r, speed v, flight-path angle gamma, back to radius r. */
export function freeFlightRangeAngle(mu: number, r: number, v: number, gamma: number): number {
  const q = (v * v * r) / mu;
  const c2 = Math.cos(gamma) ** 2;
  const cosHalf = (1 - q * c2) / Math.sqrt(1 + q * (q - 2) * c2);
  return 2 * Math.acos(Math.max(-1, Math.min(1, cosHalf)));
}

/** Burnout flight-path angle (rad) that needs the least speed for a free-flight range angle psi (symmetric case). */
export function minimumEnergyFlightPathAngle(psi: number): number {
  return (Math.PI - psi) / 4;
}

/** The least burnout parameter Q = v^2 r / mu that reaches a free-flight range angle psi (symmetric case). */
export function minimumEnergyQ(psi: number): number {
  const s = Math.sin(psi / 2);
  return (2 * s) / (1 + s);
}

function chord(r1: number, r2: number, theta: number): number {
  // Written with the half-angle sine so the chord stays accurate for small angles.
  const d = r1 - r2;
  return Math.sqrt(d * d + 4 * r1 * r2 * Math.sin(theta / 2) ** 2);
}

/**
 * Semi-major axis (m) of the least-energy conic from radius r1 to radius r2 across the angle
 * theta (0 < theta < pi): half the semi-perimeter of the triangle focus-start-end, a = s / 2.
 */
export function minimumEnergySemiMajorAxis(r1: number, r2: number, theta: number): number {
  return (r1 + r2 + chord(r1, r2, theta)) / 4;
}

/**
 * Flight-path angle at radius r1 (rad) of the least-energy conic to radius r2 across the angle
 * theta (0 < theta < pi). Its vacant focus lies on the chord, and the tangent at the start
 * bisects, externally, the angle between the focal radii, i.e. between the line to the centre
 * and the chord: gamma = alpha / 2, alpha the triangle's angle at the start. With r1 = r2,
 * alpha = (pi - theta) / 2 and gamma is Bate, Mueller & White's (pi - theta) / 4.
 */
export function minimumEnergyFlightPathAngleBetween(r1: number, r2: number, theta: number): number {
  const c = chord(r1, r2, theta);
  const cosAlpha = (r1 * r1 + c * c - r2 * r2) / (2 * r1 * c);
  return 0.5 * Math.acos(Math.max(-1, Math.min(1, cosAlpha)));
}
