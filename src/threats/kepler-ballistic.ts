/**
 * Vacuum free flight over a spherical, non-rotating Earth (Bate, Mueller & White,
 * Fundamentals of Astrodynamics, 1971, ch. 6): the relations the targeting uses to choose a
 * minimum-energy burnout flight-path angle.
 */

/** Free-flight range angle (rad) from burnout at radius r, speed v, flight-path angle gamma, back to radius r. */
export function freeFlightRangeAngle(mu: number, r: number, v: number, gamma: number): number {
  const q = (v * v * r) / mu;
  const c2 = Math.cos(gamma) ** 2;
  const cosHalf = (1 - q * c2) / Math.sqrt(1 + q * (q - 2) * c2);
  return 2 * Math.acos(Math.max(-1, Math.min(1, cosHalf)));
}

/** Burnout flight-path angle (rad) that needs the least speed for a free-flight range angle psi. */
export function minimumEnergyFlightPathAngle(psi: number): number {
  return (Math.PI - psi) / 4;
}

/** The least burnout parameter Q = v^2 r / mu that reaches a free-flight range angle psi. */
export function minimumEnergyQ(psi: number): number {
  const s = Math.sin(psi / 2);
  return (2 * s) / (1 + s);
}
