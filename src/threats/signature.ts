import { InputError } from '../math/errors.ts';

/**
 * Infrared signature. Hot bodies: Anderson's engineering heating forms (Hypersonic and
 * High-Temperature Gas Dynamics, 2nd ed., ch. 6) for the stagnation point and the laminar flat
 * plate, the radiative-equilibrium wall temperature, and grey-body emission integrated over a
 * band with Planck's law. Boosters: a parametric plume (vehicle.ts, PlumeModel). No atmospheric
 * transmission: that belongs to the sensor between the object and the detector.
 */
export interface Band {
  /** Wavelengths, m. */
  min: number;
  max: number;
}

/** The narrow band near 2.7 um where water vapour hides the ground (references.md). */
export const BAND_2_7_UM: Band = { min: 2.69e-6, max: 2.95e-6 };
/** The short-wave band of the UCS HGV analysis. */
export const BAND_SWIR: Band = { min: 1.4e-6, max: 3.0e-6 };

export const STEFAN_BOLTZMANN = 5.670374419e-8;
/** Second radiation constant hc/k, m K (CODATA 2018). */
const C2 = 1.438776877e-2;
/** Specific heat of air at constant pressure, J/(kg K), for the wall and total enthalpies. */
const CP_AIR = 1004.5;

export function validateBand(band: Band, field = 'band'): Band {
  if (!(band.min > 0 && band.max > band.min && Number.isFinite(band.max))) {
    throw new InputError(field, band, 'must be a wavelength interval with 0 < min < max (m)');
  }
  return band;
}

/**
 * Fraction of a black body's total emission (sigma T^4) at wavelengths below lambda: the
 * series of Widger & Woodall (Bull. Am. Meteorol. Soc. 57, 1976), exact to double precision.
 */
export function blackbodyFractionBelow(lambda: number, temperature: number): number {
  if (!(temperature > 0) || !(lambda > 0)) return 0;
  const x = C2 / (lambda * temperature);
  if (x > 700) return 0;
  if (x < 1) {
    // Long wavelengths: 1 minus the integral of t^3 / (e^t - 1) from 0 to x, by its Bernoulli series.
    let integral = 0;
    for (let i = 0; i < BERNOULLI_TERMS.length; i++) {
      const [n, coefficient] = BERNOULLI_TERMS[i];
      integral += (coefficient * x ** (n + 3)) / (n + 3);
    }
    return Math.max(0, 1 - (15 / Math.PI ** 4) * integral);
  }
  let sum = 0;
  for (let n = 1; n <= 200; n++) {
    const term = (Math.exp(-n * x) / n) * (x * x * x + (3 * x * x) / n + (6 * x) / (n * n) + 6 / (n * n * n));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return Math.min(1, (15 / Math.PI ** 4) * sum);
}

/** t^3 / (e^t - 1) = sum of B_n t^(n+2) / n!: pairs (n, B_n / n!) with the Bernoulli numbers B_n. */
const BERNOULLI_TERMS: readonly [number, number][] = [
  [0, 1],
  [1, -1 / 2],
  [2, 1 / 6 / 2],
  [4, -1 / 30 / 24],
  [6, 1 / 42 / 720],
  [8, -1 / 30 / 40320],
  [10, 5 / 66 / 3628800],
  [12, -691 / 2730 / 479001600],
];

/** Fraction of sigma T^4 inside the band. */
export function blackbodyBandFraction(band: Band, temperature: number): number {
  return Math.max(0, blackbodyFractionBelow(band.max, temperature) - blackbodyFractionBelow(band.min, temperature));
}

/** In-band radiance of a grey Lambertian surface, W/(m^2 sr). */
export function bandRadiance(band: Band, temperature: number, emissivity: number): number {
  return (emissivity * STEFAN_BOLTZMANN * temperature ** 4 * blackbodyBandFraction(band, temperature)) / Math.PI;
}

/**
 * Cold-wall stagnation-point heat flux, W/m^2, Anderson's form as the UCS model uses it:
 * q = 1.83e-4 / sqrt(Rn) * rho^0.5 * v^3 (SI units).
 */
export function stagnationHeatFlux(density: number, speed: number, noseRadius: number): number {
  return (1.83e-4 / Math.sqrt(noseRadius)) * Math.sqrt(Math.max(density, 0)) * speed ** 3;
}

/**
 * Cold-wall laminar flat-plate heat flux, W/m^2, Anderson's engineering form:
 * q = 2.53e-5 (cos phi)^0.5 sin phi x^-0.5 rho^0.5 v^3.2, with phi the local inclination of the
 * surface to the free stream and x the distance from the leading edge (m).
 */
export function laminarFlatPlateHeatFlux(density: number, speed: number, x: number, inclination: number): number {
  const phi = Math.max(0, Math.min(Math.PI / 2, inclination));
  return 2.53e-5 * Math.sqrt(Math.cos(phi)) * Math.sin(phi) * Math.sqrt(Math.max(density, 0) / x) * speed ** 3.2;
}

/**
 * Radiative-equilibrium wall temperature, K: the wall radiates what the gas brings,
 * eps sigma Tw^4 = qcw (1 - hw/h0), with hw = cp Tw and h0 = cp T_inf + v^2/2. Never below the
 * air temperature. Below Tw = h0 / cp (where the root always lies) this is the quartic
 * g(Tw) = eps sigma Tw^4 + (qcw cp / h0) Tw - qcw = 0, increasing and convex, so Newton's method
 * started above the root, at the smaller of (qcw / eps sigma)^(1/4) and h0 / cp (both bounds),
 * falls onto it monotonically in a few steps; the signature of every frame of every sensor
 * calls this, so it must be cheap.
 */
export function radiativeEquilibriumTemperature(coldWallFlux: number, emissivity: number, airTemperature: number, speed: number): number {
  if (!(coldWallFlux > 0)) return airTemperature;
  const h0 = CP_AIR * airTemperature + 0.5 * speed * speed;
  const a = emissivity * STEFAN_BOLTZMANN;
  const b = (coldWallFlux * CP_AIR) / h0;
  let tw = Math.min(Math.sqrt(Math.sqrt(coldWallFlux / a)), h0 / CP_AIR);
  for (let i = 0; i < 100; i++) {
    const t2 = tw * tw;
    const g = a * t2 * t2 + b * tw - coldWallFlux;
    const step = g / (4 * a * t2 * tw + b);
    tw -= step;
    if (!(step > 1e-12 * tw)) break;
  }
  return Math.max(airTemperature, tw);
}

/** The jet's kinetic power F ve / 2 that the plume model scales, W. */
export function jetPower(thrust: number, exhaustVelocity: number): number {
  return 0.5 * thrust * exhaustVelocity;
}

/** Plume radiant intensity in a band, W/sr: efficiency x jet power x Planck band fraction at the plume temperature, over 4 pi. */
export function plumeIntensity(band: Band, thrust: number, exhaustVelocity: number, radiativeEfficiency: number, plumeTemperature: number): number {
  if (!(thrust > 0)) return 0;
  return (radiativeEfficiency * jetPower(thrust, exhaustVelocity) * blackbodyBandFraction(band, plumeTemperature)) / (4 * Math.PI);
}
