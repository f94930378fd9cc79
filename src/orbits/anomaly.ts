import { wrapPi } from '../math/units.ts';

/**
 * Conversions between mean, eccentric (or hyperbolic) and true anomaly. Angles in radians.
 * Elliptic functions take e in [0, 1); hyperbolic ones e > 1.
 */

/**
 * Solves Kepler's equation M = E - e sin E for the eccentric anomaly, e in [0, 1).
 * Newton's method from Danby's starting value E0 = M + 0.85 e sign(sin M), which converges for
 * every M and e < 1; the result lies within 2 pi of M, on the same revolution.
 */
export function eccentricFromMean(meanAnomaly: number, e: number): number {
  if (e === 0) return meanAnomaly;
  // Reduce to [-pi, pi) so the starting value is good, then add the whole turns back.
  const reduced = wrapPi(meanAnomaly);
  const turns = meanAnomaly - reduced;
  let E = reduced + 0.85 * e * (reduced >= 0 ? 1 : -1);
  for (let k = 0; k < 50; k++) {
    const f = E - e * Math.sin(E) - reduced;
    const fp = 1 - e * Math.cos(E);
    const dE = f / fp;
    E -= dE;
    if (Math.abs(dE) < 1e-15 * (1 + Math.abs(E))) break;
  }
  return E + turns;
}

export function meanFromEccentric(E: number, e: number): number {
  return E - e * Math.sin(E);
}

/** True anomaly from eccentric anomaly, on the same revolution (the half-angle form keeps it exact near pi). */
export function trueFromEccentric(E: number, e: number): number {
  const reduced = wrapPi(E);
  const nu = 2 * Math.atan2(Math.sqrt(1 + e) * Math.sin(reduced / 2), Math.sqrt(1 - e) * Math.cos(reduced / 2));
  return nu + (E - reduced);
}

export function eccentricFromTrue(nu: number, e: number): number {
  const reduced = wrapPi(nu);
  const E = 2 * Math.atan2(Math.sqrt(1 - e) * Math.sin(reduced / 2), Math.sqrt(1 + e) * Math.cos(reduced / 2));
  return E + (nu - reduced);
}

export function trueFromMean(meanAnomaly: number, e: number): number {
  return trueFromEccentric(eccentricFromMean(meanAnomaly, e), e);
}

export function meanFromTrue(nu: number, e: number): number {
  return meanFromEccentric(eccentricFromTrue(nu, e), e);
}

/** Solves the hyperbolic Kepler equation M = e sinh H - H (e > 1) by Newton from an asinh start. */
export function hyperbolicFromMean(meanAnomaly: number, e: number): number {
  let H = Math.asinh(meanAnomaly / e);
  if (Math.abs(meanAnomaly) > 6 * e) H = Math.sign(meanAnomaly) * Math.log((2 * Math.abs(meanAnomaly)) / e);
  for (let k = 0; k < 100; k++) {
    const f = e * Math.sinh(H) - H - meanAnomaly;
    const fp = e * Math.cosh(H) - 1;
    const dH = f / fp;
    H -= dH;
    if (Math.abs(dH) < 1e-15 * (1 + Math.abs(H))) break;
  }
  return H;
}

export function trueFromHyperbolic(H: number, e: number): number {
  return 2 * Math.atan(Math.sqrt((e + 1) / (e - 1)) * Math.tanh(H / 2));
}

export function hyperbolicFromTrue(nu: number, e: number): number {
  return 2 * Math.atanh(Math.sqrt((e - 1) / (e + 1)) * Math.tan(nu / 2));
}

/** Mean anomaly from true anomaly for any conic except the parabola (e = 1). */
export function meanFromTrueAnyConic(nu: number, e: number): number {
  if (e < 1) return meanFromTrue(nu, e);
  const H = hyperbolicFromTrue(nu, e);
  return e * Math.sinh(H) - H;
}

/** True anomaly from mean anomaly for any conic except the parabola. */
export function trueFromMeanAnyConic(meanAnomaly: number, e: number): number {
  if (e < 1) return trueFromMean(meanAnomaly, e);
  return trueFromHyperbolic(hyperbolicFromMean(meanAnomaly, e), e);
}

