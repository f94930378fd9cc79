import { InputError } from '../math/errors.ts';
import type { Random } from '../math/random.ts';
import { normalCdf, normalQuantile } from '../math/normal.ts';
import type { Sensor } from './sensor.ts';

/**
 * Detection of a point source by an infrared sensor: irradiance at the aperture from the target's
 * radiant intensity and range, signal-to-noise against the sensor's noise-equivalent irradiance,
 * and a threshold test in Gaussian noise (a known signal plus unit-variance noise compared with a
 * threshold k noise sigmas up): Pd = Phi(SNR - k), Pfa per pixel and frame = Phi(-k).
 */

/** Irradiance at the aperture, W/m^2, of a source of radiant intensity (W/sr) at a range (m), with an optional path transmission. */
export function irradiance(radiantIntensity: number, range: number, transmission = 1): number {
  return (radiantIntensity * transmission) / (range * range);
}

/** Signal-to-noise ratio of an irradiance for a sensor of a given noise-equivalent irradiance. */
export function signalToNoise(irradianceWPerM2: number, noiseEquivalentIrradiance: number): number {
  return irradianceWPerM2 / noiseEquivalentIrradiance;
}

/** Threshold in noise sigmas that gives a false-alarm probability per pixel and frame. */
export function thresholdForFalseAlarmProbability(pfa: number): number {
  if (!(pfa > 0 && pfa < 1)) throw new InputError('falseAlarmProbability', pfa, 'must be in (0, 1)');
  return -normalQuantile(pfa);
}

export function falseAlarmProbability(threshold: number): number {
  return normalCdf(-threshold);
}

export function probabilityOfDetection(snr: number, threshold: number): number {
  return normalCdf(snr - threshold);
}

/** Expected false alarms per second over the whole frame. */
export function falseAlarmRate(sensor: Sensor, threshold: number): number {
  return (sensor.pixelsPerFrame * falseAlarmProbability(threshold)) / sensor.frameTime;
}

/** Probability of at least one detection in n independent frames. */
export function cumulativeDetection(pd: number, frames: number): number {
  return 1 - (1 - pd) ** frames;
}

/** One-sigma angular noise of a report from a pixel of the sensor's IFOV (uniform over the pixel: ifov / sqrt(12)). */
export function angularNoiseSigma(sensor: Sensor): number {
  return sensor.ifov / Math.sqrt(12);
}

export interface DetectionChance {
  irradiance: number;
  snr: number;
  pd: number;
}

/** Irradiance, SNR and probability of detection of a target of radiant intensity (W/sr) at a range (m). */
export function detectionChance(sensor: Sensor, radiantIntensity: number, range: number, threshold: number, transmission = 1): DetectionChance {
  if (sensor.noiseEquivalentIrradiance === null) {
    throw new InputError(`sensor ${sensor.id}.noiseEquivalentIrradianceWPerM2`, null, 'is needed to compute a signal-to-noise ratio');
  }
  if (!(radiantIntensity >= 0)) throw new InputError('radiantIntensityWPerSr', radiantIntensity, 'must be zero or positive');
  if (!(range > 0)) throw new InputError('rangeKm', range / 1000, 'must be positive');
  const e = irradiance(radiantIntensity, range, transmission);
  const snr = signalToNoise(e, sensor.noiseEquivalentIrradiance);
  return { irradiance: e, snr, pd: probabilityOfDetection(snr, threshold) };
}

/** A seeded Bernoulli draw: detected with probability pd. */
export function drawDetection(pd: number, random: Random): boolean {
  return random.uniform() < pd;
}

/** A seeded draw of the number of false alarms over a duration (s) at a rate (per s). */
export function drawFalseAlarmCount(rate: number, duration: number, random: Random): number {
  return random.poisson(rate * duration);
}

/**
 * Time for a steerable sensor to move its boresight through an angle (rad) and settle. Staring
 * sensors (not cued) never slew: zero.
 */
export function slewTime(sensor: Sensor, angle: number): number {
  if (sensor.pointing.mode !== 'cued' || angle <= 0) return 0;
  if (!(sensor.slewRate > 0)) return Number.POSITIVE_INFINITY;
  return angle / sensor.slewRate + sensor.settleTime;
}
