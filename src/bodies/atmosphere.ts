import { InputError } from '../math/errors.ts';
import { G0 } from './earth.ts';

/**
 * U.S. Standard Atmosphere 1976 (NOAA/NASA/USAF, NOAA-S/T 76-1562) from -5 to 86 km geometric
 * altitude, exactly as the standard defines it (seven geopotential layers of constant lapse rate,
 * hydrostatic pressure, the 80-86 km molecular-weight ratio), and above 86 km:
 *  - temperature: the standard's own kinetic-temperature profile (isothermal to 91 km, the
 *    elliptical segment to 110 km, linear to 120 km, the exponential approach to 1,000 K above);
 *  - density: log-linear interpolation in the standard's own tabulated densities (86-1,000 km,
 *    NOAA-S/T 76-1562 Table 1; the 86 km node is the lower model's value, so the two join without
 *    a step), extended above 1,000 km with the last interval's scale height (about 208 km);
 *  - pressure and speed of sound from the ideal gas with the sea-level molecular weight: nominal
 *    figures for reporting Mach and dynamic pressure, where the air is no longer a continuum.
 */
export interface AtmosphereState {
  /** kg/m^3 */
  density: number;
  /** Pa */
  pressure: number;
  /** Kinetic temperature, K */
  temperature: number;
  /** m/s */
  speedOfSound: number;
}

/** Universal gas constant as the 1976 standard states it, J/(kmol K). */
const R_STAR = 8314.32;
/** Sea-level mean molecular weight, kg/kmol. */
const M0 = 28.9644;
/** Radius for geopotential altitude in the standard, m. */
const R0 = 6356766;
const GAMMA = 1.4;
const GMR = (G0 * M0) / R_STAR; // K/m

/** Layer bases: geopotential altitude (m), molecular-scale temperature (K), lapse rate (K/m). */
const LAYER_H = [0, 11000, 20000, 32000, 47000, 51000, 71000, 84852];
const LAYER_LAPSE = [-0.0065, 0, 0.001, 0.0028, 0, -0.0028, -0.002];
const LAYER_T: number[] = [288.15];
const LAYER_P: number[] = [101325];
for (let i = 0; i < LAYER_LAPSE.length; i++) {
  const dh = LAYER_H[i + 1] - LAYER_H[i];
  const tb = LAYER_T[i];
  const lapse = LAYER_LAPSE[i];
  const tt = tb + lapse * dh;
  LAYER_T.push(tt);
  LAYER_P.push(lapse === 0 ? LAYER_P[i] * Math.exp((-GMR * dh) / tb) : LAYER_P[i] * (tb / tt) ** (GMR / lapse));
}

/** M/M0 from 80 to 86 km geometric every 0.5 km (the standard's Table 8). */
const MOLECULAR_WEIGHT_RATIO = [1.0, 0.999996, 0.999989, 0.999971, 0.999941, 0.999909, 0.99987, 0.999829, 0.999786, 0.999741, 0.999694, 0.999641, 0.999579];

/** Altitude (km) and density (kg/m^3) nodes above 86 km: the 1976 standard's own tabulated densities. */
const UPPER_ALT_KM = [86, 90, 100, 110, 120, 130, 150, 180, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000];
const UPPER_RHO = [
  lowerDensityAt86km(), 3.416e-6, 5.604e-7, 9.708e-8, 2.222e-8, 8.152e-9, 2.076e-9, 5.194e-10, 2.541e-10, 6.073e-11, 1.916e-11, 7.014e-12,
  2.803e-12, 1.184e-12, 5.215e-13, 1.137e-13, 3.07e-14, 1.136e-14, 5.759e-15, 3.561e-15,
];
const UPPER_LN_RHO = UPPER_RHO.map(Math.log);
/** Scale height above 1,000 km: that of the last tabulated interval, m. */
const TOP_SCALE_HEIGHT = 100_000 / Math.log(5.759e-15 / 3.561e-15);

export const ATMOSPHERE_MIN_ALTITUDE = -5000;

/** The standard's state at geometric altitude `altitude` (m). Writes into `out` when given. */
export function standardAtmosphere(altitude: number, out?: AtmosphereState): AtmosphereState {
  const result = out ?? { density: 0, pressure: 0, temperature: 0, speedOfSound: 0 };
  if (!Number.isFinite(altitude)) throw new InputError('altitude', altitude, 'must be a finite number of metres');
  if (altitude < ATMOSPHERE_MIN_ALTITUDE) throw new InputError('altitude', altitude, `must be at least ${ATMOSPHERE_MIN_ALTITUDE} m`);
  if (altitude <= 86000) {
    lowerAtmosphere(altitude, result);
    return result;
  }
  const t = upperTemperature(altitude);
  const rho = upperDensity(altitude);
  result.temperature = t;
  result.density = rho;
  result.pressure = (rho * R_STAR * t) / M0;
  result.speedOfSound = Math.sqrt((GAMMA * R_STAR * t) / M0);
  return result;
}

/** Density alone (kg/m^3): the fast path for equations of motion. Below -5 km it holds the -5 km value. */
export function atmosphericDensity(altitude: number): number {
  if (altitude <= 86000) {
    const h = altitude < ATMOSPHERE_MIN_ALTITUDE ? ATMOSPHERE_MIN_ALTITUDE : altitude;
    const hp = (R0 * h) / (R0 + h);
    const i = layerIndex(hp);
    const { tm, p } = layerState(i, hp);
    return (p * M0) / (R_STAR * tm);
  }
  return upperDensity(altitude);
}

/** Speed of sound alone (m/s), as standardAtmosphere gives it. */
export function speedOfSound(altitude: number): number {
  if (altitude <= 86000) {
    const h = altitude < ATMOSPHERE_MIN_ALTITUDE ? ATMOSPHERE_MIN_ALTITUDE : altitude;
    const hp = (R0 * h) / (R0 + h);
    const tm = layerState(layerIndex(hp), hp).tm;
    return Math.sqrt((GAMMA * R_STAR * tm) / M0);
  }
  return Math.sqrt((GAMMA * R_STAR * upperTemperature(altitude)) / M0);
}

function layerIndex(hp: number): number {
  let i = 0;
  while (i < LAYER_LAPSE.length - 1 && hp >= LAYER_H[i + 1]) i++;
  return i;
}

function layerState(i: number, hp: number): { tm: number; p: number } {
  const tb = LAYER_T[i];
  const lapse = LAYER_LAPSE[i];
  const dh = hp - LAYER_H[i];
  const tm = tb + lapse * dh;
  const p = lapse === 0 ? LAYER_P[i] * Math.exp((-GMR * dh) / tb) : LAYER_P[i] * (tb / tm) ** (GMR / lapse);
  return { tm, p };
}

function lowerAtmosphere(z: number, out: AtmosphereState): void {
  const hp = (R0 * z) / (R0 + z);
  const { tm, p } = layerState(layerIndex(hp), hp);
  let ratio = 1;
  if (z > 80000) {
    const x = (z - 80000) / 500;
    const k = Math.min(Math.floor(x), MOLECULAR_WEIGHT_RATIO.length - 2);
    ratio = MOLECULAR_WEIGHT_RATIO[k] + (x - k) * (MOLECULAR_WEIGHT_RATIO[k + 1] - MOLECULAR_WEIGHT_RATIO[k]);
  }
  out.temperature = tm * ratio;
  out.pressure = p;
  out.density = (p * M0) / (R_STAR * tm);
  // The standard defines the speed of sound from the molecular-scale temperature.
  out.speedOfSound = Math.sqrt((GAMMA * R_STAR * tm) / M0);
}

/** The standard's own 86 km density, so the upper model joins it without a step. */
function lowerDensityAt86km(): number {
  const hp = (R0 * 86000) / (R0 + 86000);
  const { tm, p } = layerState(layerIndex(hp), hp);
  return (p * M0) / (R_STAR * tm);
}

function upperTemperature(z: number): number {
  const zk = z / 1000;
  if (zk <= 91) return 186.8673;
  if (zk <= 110) {
    const a = -19.9429;
    const u = (zk - 91) / a;
    return 263.1905 - 76.3232 * Math.sqrt(Math.max(0, 1 - u * u));
  }
  if (zk <= 120) return 240 + 12 * (zk - 110);
  const r0 = R0 / 1000;
  const xi = ((zk - 120) * (r0 + 120)) / (r0 + zk);
  return 1000 - (1000 - 360) * Math.exp(-0.01875 * xi);
}

function upperDensity(z: number): number {
  const zk = z / 1000;
  const last = UPPER_ALT_KM.length - 1;
  if (zk >= UPPER_ALT_KM[last]) return UPPER_RHO[last] * Math.exp(-(z - UPPER_ALT_KM[last] * 1000) / TOP_SCALE_HEIGHT);
  let i = 0;
  while (zk > UPPER_ALT_KM[i + 1]) i++;
  const w = (zk - UPPER_ALT_KM[i]) / (UPPER_ALT_KM[i + 1] - UPPER_ALT_KM[i]);
  return Math.exp(UPPER_LN_RHO[i] + w * (UPPER_LN_RHO[i + 1] - UPPER_LN_RHO[i]));
}
