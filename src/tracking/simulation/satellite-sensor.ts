/**
 * A satellite of the digital twin as a simulator sensor: its Earth-fixed track from a row of a
 * state table (Hermite-interpolated by src/access `stateTableSource`), what it can see from the
 * src/sensors model (field of regard, Earth limb and grazing altitude, range, background, Sun
 * exclusion: the same signed margins the coverage engine uses), and whether it detects a target
 * from the sensing layer's signal-to-noise model (the target's radiant intensity toward the
 * sensor at the range, against the noise-equivalent irradiance) or a fixed Pd. Frames come at
 * the sensor's frame time with a per-sensor phase; false alarms at the rate its detection
 * threshold gives over its pixels.
 */
import type { SunPosition } from '../../access/conditions.ts';
import { type StateSource, stateTableSource } from '../../access/trajectory.ts';
import { itrfToGeodetic, upVector } from '../../frames/geodetic.ts';
import { InputError } from '../../math/errors.ts';
import type { Random } from '../../math/random.ts';
import type { StateTable } from '../../orbits/state-table.ts';
import { angularNoiseSigma, falseAlarmProbability, irradiance, thresholdForFalseAlarmProbability } from '../../sensors/detection.ts';
import type { Sensor } from '../../sensors/sensor.ts';
import { SensorModel } from '../../sensors/sensor-model.ts';
import type { Instant } from '../../time/instant.ts';
import type { SimDetection, SimSensor } from './sensors.ts';
import type { SimTarget } from './targets.ts';
import { isRadiatingTarget } from './threat-target.ts';

/** Per-pixel, per-frame false-alarm probability when neither a threshold nor a probability is given. */
export const DEFAULT_FALSE_ALARM_PROBABILITY = 1e-7;

export interface SatelliteSensorOptions {
  /** Earth-fixed ephemeris of the layer (e.g. `propagateSgp4(..., { frame: 'ITRF' })`). */
  table: StateTable<'ITRF'>;
  /** The satellite's row (object index) in the table. */
  index: number;
  sensor: Sensor;
  /** Report sensor id; the table's id of the row by default. */
  sensorId?: string;
  owner?: string;
  /** The Sun's ITRF position; required when the sensor has a Sun exclusion or needs daylight. */
  sunPosition?: SunPosition;
  /** A fixed probability of detection instead of the signal-to-noise model. */
  pd?: number;
  /** Detection threshold in noise sigmas; by default the one that gives `falseAlarmProbability`. */
  threshold?: number;
  /** Per pixel and frame (default 1e-7), when `threshold` is not given. */
  falseAlarmProbability?: number;
  /** Mean false alarms per frame; by default pixels x the per-pixel probability. */
  falseAlarmRatePerFrame?: number;
  /** Path transmission between target and aperture (default 1: none lost). */
  transmission?: number;
  /** One-sigma angular noise per axis, rad; by default ifov / sqrt(12). */
  sigma?: number;
  /** Frame time, s; the sensor's own by default. */
  frameTime?: number;
  /** A cued sensor's looks per frame (chosen by its nation's tasking); absent: every target in view. */
  looksPerFrame?: number;
  /** A cued sensor's dwell on the targets it was given, frames (default 1). */
  dwellFrames?: number;
  /** Offset of the first frame after the simulation start, s; drawn in [0, frameTime) from `random` when not given, else 0. */
  phase?: number;
  random?: Random;
}

/** A satellite sensor for the report simulator. Reports carry `snr` and measured `intensity` when the signal model is used. */
export function satelliteSensor(o: SatelliteSensorOptions): SimSensor {
  const sensor = o.sensor;
  const model = new SensorModel(sensor);
  if (model.needsSun && !o.sunPosition) {
    throw new InputError('sunPosition', undefined, `is needed by sensor "${sensor.id}" (daylight or Sun exclusion)`);
  }
  const frameTime = o.frameTime ?? sensor.frameTime;
  if (!(frameTime > 0 && Number.isFinite(frameTime))) throw new InputError('frameTimeS', frameTime, 'must be a positive number of seconds');
  if (o.pd !== undefined && !(o.pd >= 0 && o.pd <= 1)) throw new InputError('pd', o.pd, 'must be a probability in [0, 1]');
  const band = sensor.band;
  const nei = sensor.noiseEquivalentIrradiance;
  if (o.pd === undefined && (band === null || nei === null)) {
    throw new InputError(`sensor ${sensor.id}.noiseEquivalentIrradianceWPerM2`, nei, 'and a band are needed for the signal-to-noise model (or give a fixed pd)');
  }
  const pfa = o.threshold === undefined ? (o.falseAlarmProbability ?? DEFAULT_FALSE_ALARM_PROBABILITY) : falseAlarmProbability(o.threshold);
  const threshold = o.threshold ?? thresholdForFalseAlarmProbability(pfa);
  if (!Number.isFinite(threshold)) throw new InputError('threshold', threshold, 'must be a finite number of noise sigmas');
  const falseAlarms = o.falseAlarmRatePerFrame ?? sensor.pixelsPerFrame * pfa;
  if (!(falseAlarms >= 0)) throw new InputError('falseAlarmRatePerFrame', falseAlarms, 'must be zero or positive');
  const sigma = o.sigma ?? angularNoiseSigma(sensor);
  if (!(sigma > 0)) throw new InputError('sigmaRad', sigma, 'must be positive');
  const transmission = o.transmission ?? 1;
  if (o.looksPerFrame !== undefined && !(Number.isInteger(o.looksPerFrame) && o.looksPerFrame >= 1)) {
    throw new InputError('looksPerFrame', o.looksPerFrame, 'must be a whole number of targets, at least 1');
  }
  if (o.dwellFrames !== undefined && !(Number.isInteger(o.dwellFrames) && o.dwellFrames >= 1)) {
    throw new InputError('dwellFrames', o.dwellFrames, 'must be a whole number of frames, at least 1');
  }
  if (o.dwellFrames !== undefined && o.looksPerFrame === undefined) {
    throw new InputError('dwellFrames', o.dwellFrames, 'applies only to a cued sensor (give looksPerFrame)');
  }
  const phase = o.phase ?? (o.random ? o.random.uniform() * frameTime : 0);
  if (!(phase >= 0)) throw new InputError('phaseS', phase, 'must be zero or positive');
  const source: StateSource = stateTableSource(o.table, o.index);
  const sensorId = o.sensorId ?? o.table.ids[o.index];
  const sunPosition = o.sunPosition;
  const needsUp = sensor.minSunElevation !== null;
  // The satellite's state and the Sun at the instant the model was last prepared for.
  const state = new Float64Array(6);
  const sun = new Float64Array(3);
  const up = new Float64Array(3);
  const geodetic = { lat: 0, lon: 0, height: 0 };
  let preparedAt = Number.NaN;

  const prepare = (t: Instant): boolean => {
    if (t === preparedAt) return true;
    source.stateAt(t, state);
    if (!Number.isFinite(state[0]) || !Number.isFinite(state[3])) return false;
    if (sunPosition) sunPosition(t, sun);
    model.prepare(state[0], state[1], state[2], state[3], state[4], state[5], sun[0], sun[1], sun[2]);
    preparedAt = t;
    return true;
  };

  /** The combined viewing margin to a target (positive: visible). */
  const marginAt = (t: Instant, r: Float64Array): number => {
    if (!prepare(t)) return Number.NEGATIVE_INFINITY;
    if (needsUp) {
      itrfToGeodetic(r[0], r[1], r[2], geodetic);
      upVector(geodetic.lat, geodetic.lon, up);
    }
    return model.marginTo(r[0], r[1], r[2], up[0], up[1], up[2]);
  };

  return {
    sensorId,
    owner: o.owner ?? 'ally',
    frameTime,
    phase,
    sigma,
    pd: o.pd ?? 1,
    falseAlarmRatePerFrame: falseAlarms,
    ...(o.looksPerFrame !== undefined ? { looksPerFrame: o.looksPerFrame } : {}),
    ...(o.dwellFrames !== undefined ? { dwellFrames: o.dwellFrames } : {}),
    positionAt(t: Instant, out: Float64Array): boolean {
      if (!prepare(t)) return false;
      out[0] = state[0];
      out[1] = state[1];
      out[2] = state[2];
      return true;
    },
    canSee(_sensorPosition: Float64Array, targetPosition: Float64Array, t: Instant): boolean {
      return marginAt(t, targetPosition) > 0;
    },
    detectable(t: Instant, s: Float64Array, target: SimTarget, r: Float64Array): boolean {
      if (o.pd !== undefined) return o.pd >= 0.5;
      if (band === null || nei === null || !isRadiatingTarget(target)) return false;
      const range = Math.hypot(r[0] - s[0], r[1] - s[1], r[2] - s[2]);
      return irradiance(target.radiantIntensityToward(t, s, band), range, transmission) / nei >= threshold;
    },
    detect(t: Instant, s: Float64Array, target: SimTarget, r: Float64Array, random: Random): SimDetection | null {
      const range = Math.hypot(r[0] - s[0], r[1] - s[1], r[2] - s[2]);
      const intensity = band !== null && isRadiatingTarget(target) ? target.radiantIntensityToward(t, s, band) : null;
      const snr = intensity !== null && nei !== null ? irradiance(intensity, range, transmission) / nei : null;
      if (o.pd !== undefined) {
        if (random.uniform() >= o.pd) return null;
        return snr === null ? {} : { intensity: intensity!, snr };
      }
      if (snr === null) return null;
      // Signal plus unit Gaussian noise against the threshold: Pd = Phi(SNR - k), and the
      // measured SNR and intensity are those of the noisy sample that crossed it.
      const measured = snr + random.normal();
      if (!(measured > threshold)) return null;
      return { snr: measured, intensity: (measured * nei! * range * range) / transmission };
    },
  };
}

export interface SatelliteLayerOptions extends Omit<SatelliteSensorOptions, 'index' | 'sensorId' | 'phase'> {
  /** Owner of each row (by index); `owner` for all when absent. */
  ownerOf?: (index: number) => string;
}

/** One sensor per row of the table, with phases drawn from `random` (asynchronous frames) when given. */
export function satelliteLayer(o: SatelliteLayerOptions): SimSensor[] {
  const out: SimSensor[] = [];
  for (let i = 0; i < o.table.nObjects; i++) out.push(satelliteSensor({ ...o, index: i, owner: o.ownerOf ? o.ownerOf(i) : o.owner }));
  return out;
}
