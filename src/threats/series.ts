import { type EarthOrientation, NO_EARTH_ORIENTATION } from '../frames/earth-orientation.ts';
import { earthRotationAt, itrfToTemeInPlace } from '../frames/teme-itrf.ts';
import { InputError } from '../math/errors.ts';
import type { Instant } from '../time/instant.ts';
import { bodyThermalState, boosterThrustAt, radiantIntensity } from './body-signature.ts';
import { PHASES } from './flight.ts';
import { heightAbove } from './geometry.ts';
import { BAND_2_7_UM, type Band, validateBand } from './signature.ts';
import { phaseAtSeconds, type Trajectory } from './trajectory.ts';

/**
 * A flight sampled on a time grid, as Float64Array columns (structure of arrays): state in
 * ITRF and TEME, phase, altitude, speed, Mach, dynamic pressure, heating and radiant intensity.
 * Radiant intensity is toward a viewer straight overhead (a nadir-looking satellite); for other
 * geometry use radiantIntensityToward.
 */
export interface ThreatSeries {
  readonly id: string;
  readonly count: number;
  readonly band: Band;
  /** Instants (TT seconds since J2000). */
  readonly time: Float64Array;
  readonly secondsSinceLaunch: Float64Array;
  readonly itrf: { x: Float64Array; y: Float64Array; z: Float64Array; vx: Float64Array; vy: Float64Array; vz: Float64Array };
  readonly teme: { x: Float64Array; y: Float64Array; z: Float64Array; vx: Float64Array; vy: Float64Array; vz: Float64Array };
  /** Index into PHASES. */
  readonly phase: Uint8Array;
  readonly altitude: Float64Array;
  readonly speed: Float64Array;
  readonly mach: Float64Array;
  readonly dynamicPressure: Float64Array;
  /** Cold-wall stagnation-point heat flux, W/m^2. */
  readonly stagnationHeatFlux: Float64Array;
  readonly noseTemperature: Float64Array;
  readonly skinTemperature: Float64Array;
  /** W/sr in `band`, toward a viewer overhead. */
  readonly radiantIntensity: Float64Array;
}

export interface SampleOptions {
  /** Output step, s (default 1). The impact instant is always the last row. */
  step?: number;
  band?: Band;
  earthOrientation?: EarthOrientation;
}

function columns(n: number) {
  return { x: new Float64Array(n), y: new Float64Array(n), z: new Float64Array(n), vx: new Float64Array(n), vy: new Float64Array(n), vz: new Float64Array(n) };
}

export function sampleTrajectory(traj: Trajectory, options: SampleOptions = {}): ThreatSeries {
  const step = options.step ?? 1;
  if (!(step > 0 && Number.isFinite(step))) throw new InputError('step', step, 'must be a positive number of seconds');
  const band = validateBand(options.band ?? BAND_2_7_UM);
  const eop = options.earthOrientation ?? NO_EARTH_ORIENTATION;
  const end = traj.events.impact;
  const whole = Math.floor(end / step + 1e-9);
  const n = whole + 1 + (whole * step < end - 1e-9 ? 1 : 0);
  const itrf = columns(n);
  const teme = columns(n);
  const series: ThreatSeries = {
    id: traj.id,
    count: n,
    band,
    time: new Float64Array(n),
    secondsSinceLaunch: new Float64Array(n),
    itrf,
    teme,
    phase: new Uint8Array(n),
    altitude: new Float64Array(n),
    speed: new Float64Array(n),
    mach: new Float64Array(n),
    dynamicPressure: new Float64Array(n),
    stagnationHeatFlux: new Float64Array(n),
    noseTemperature: new Float64Array(n),
    skinTemperature: new Float64Array(n),
    radiantIntensity: new Float64Array(n),
  };
  const s = new Float64Array(6);
  const up = new Float64Array(3);
  const vel = new Float64Array(3);
  const thermal = { stagnationFlux: 0, noseTemperature: 0, skinTemperature: 0, leewardTemperature: 0, mach: 0, dynamicPressure: 0 };
  const rot = earthRotationAt(traj.launchTime, eop);
  for (let k = 0; k < n; k++) {
    const sec = Math.min(k * step, end);
    traj.dense.evaluate(sec, s, 0, 6);
    const t = (traj.launchTime + sec) as Instant;
    series.time[k] = t;
    series.secondsSinceLaunch[k] = sec;
    itrf.x[k] = teme.x[k] = s[0];
    itrf.y[k] = teme.y[k] = s[1];
    itrf.z[k] = teme.z[k] = s[2];
    itrf.vx[k] = teme.vx[k] = s[3];
    itrf.vy[k] = teme.vy[k] = s[4];
    itrf.vz[k] = teme.vz[k] = s[5];
    earthRotationAt(t, eop, rot);
    itrfToTemeInPlace(rot, teme.x, teme.y, teme.z, teme.vx, teme.vy, teme.vz, k);
    const phase = phaseAtSeconds(traj, sec);
    series.phase[k] = PHASES.indexOf(phase);
    const h = heightAbove(traj.earth, s[0], s[1], s[2]);
    const v = Math.hypot(s[3], s[4], s[5]);
    series.altitude[k] = h;
    series.speed[k] = v;
    bodyThermalState(traj.vehicle, phase, h, v, thermal);
    series.mach[k] = thermal.mach;
    series.dynamicPressure[k] = thermal.dynamicPressure;
    series.stagnationHeatFlux[k] = thermal.stagnationFlux;
    series.noseTemperature[k] = thermal.noseTemperature;
    series.skinTemperature[k] = thermal.skinTemperature;
    const r = Math.hypot(s[0], s[1], s[2]);
    up[0] = s[0] / r;
    up[1] = s[1] / r;
    up[2] = s[2] / r;
    vel[0] = s[3];
    vel[1] = s[4];
    vel[2] = s[5];
    const { thrust, exhaustVelocity } = boosterThrustAt(traj.vehicle, traj.controls.cutoff, sec);
    series.radiantIntensity[k] = radiantIntensity(traj.vehicle, phase, thermal, band, up, vel, up, thrust, exhaustVelocity);
  }
  return series;
}

/** Radiant intensity (W/sr) of a flight at an instant toward an observer at an Earth-fixed position (m). */
export function radiantIntensityToward(traj: Trajectory, t: Instant, observerItrf: ArrayLike<number>, band: Band = BAND_2_7_UM): number {
  validateBand(band);
  const sec = t - traj.launchTime;
  if (!(sec >= 0 && sec <= traj.events.impact)) throw new InputError('t', t, `is outside the flight of ${traj.id}`);
  const s = traj.dense.evaluate(sec, new Float64Array(6), 0, 6);
  const phase = phaseAtSeconds(traj, sec);
  const v = Math.hypot(s[3], s[4], s[5]);
  const thermal = bodyThermalState(traj.vehicle, phase, heightAbove(traj.earth, s[0], s[1], s[2]), v);
  const dx = observerItrf[0] - s[0], dy = observerItrf[1] - s[1], dz = observerItrf[2] - s[2];
  const d = Math.hypot(dx, dy, dz);
  const r = Math.hypot(s[0], s[1], s[2]);
  const { thrust, exhaustVelocity } = boosterThrustAt(traj.vehicle, traj.controls.cutoff, sec);
  return radiantIntensity(traj.vehicle, phase, thermal, band, [dx / d, dy / d, dz / d], [s[3], s[4], s[5]], [s[0] / r, s[1] / r, s[2] / r], thrust, exhaustVelocity);
}
