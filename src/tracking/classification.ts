/**
 * Classification from kinematics: the estimated non-gravitational acceleration, split into
 * lift (across the velocity: a glide vehicle needs several m/s^2 of it to stay up, a ballistic
 * body in coast or re-entry has none) and the push along the velocity (thrust). The mode
 * probabilities of the interacting multiple model were tried as the evidence first: with
 * reports every ~0.1 s they separate a 5 m/s^2 lift only slowly and swing with every S-turn,
 * while the glide mode's own acceleration estimate settles within seconds. Evidence is
 * averaged with a time constant so one noisy scan does not flip the label. Intensity is not used.
 */
import type { Classification } from './types.ts';
import { EARTH_RADIUS_MEAN } from '../bodies/earth.ts';
import { length3 } from './vector3.ts';

export interface ClassifierOptions {
  /** Averaging time constant, s. */
  timeConstantS: number;
  /** Averaged evidence above which a label is given. */
  threshold: number;
  /** Track age (s) before any label other than unknown. */
  minAgeS: number;
  /** Lift (m/s^2) taken as evidence of glide when no glide mode runs. */
  liftThreshold: number;
  /** Above this altitude (m) nothing glides. */
  maxGlideAltitude: number;
}

export const DEFAULT_CLASSIFIER: ClassifierOptions = {
  timeConstantS: 8,
  threshold: 0.6,
  minAgeS: 4,
  liftThreshold: 3,
  maxGlideAltitude: 120e3,
};

export interface ClassifierState {
  ballistic: number;
  glide: number;
  lastT: number;
  label: Classification;
}

export function newClassifierState(t: number): ClassifierState {
  return { ballistic: 0, glide: 0, lastT: t, label: 'unknown' };
}

/**
 * Updates the averaged evidence with a state x = [r, v, a] (for an interacting multiple model,
 * the glide mode's state: its a is the aerodynamic acceleration estimate that the combined
 * state dilutes by the mode probability) at time t for a track born at `born`; returns the label.
 * Lift (a across the velocity) of a few m/s^2 sustained is a glide; none is ballistic; a strong
 * push along the velocity is thrust, which says neither.
 */
export function classify(
  state: ClassifierState, x: ArrayLike<number>, t: number, born: number, options: ClassifierOptions = DEFAULT_CLASSIFIER,
): Classification {
  const dt = Math.max(0, t - state.lastT);
  state.lastT = t;
  const altitude = length3(x[0], x[1], x[2]) - EARTH_RADIUS_MEAN;
  const speed = length3(x[3], x[4], x[5]);
  const along = speed > 0 ? (x[6] * x[3] + x[7] * x[4] + x[8] * x[5]) / speed : 0;
  const lift = Math.sqrt(Math.max(0, x[6] * x[6] + x[7] * x[7] + x[8] * x[8] - along * along));
  let ballisticEvidence = 0;
  let glideEvidence = 0;
  if (along < options.liftThreshold) {
    if (lift > options.liftThreshold && altitude < options.maxGlideAltitude) glideEvidence = 1;
    else if (lift < options.liftThreshold / 2 || altitude >= options.maxGlideAltitude) ballisticEvidence = 1;
  }
  const k = 1 - Math.exp(-dt / options.timeConstantS);
  state.ballistic += k * (ballisticEvidence - state.ballistic);
  state.glide += k * (glideEvidence - state.glide);
  if (t - born < options.minAgeS) state.label = 'unknown';
  else if (state.ballistic > options.threshold) state.label = 'ballistic';
  else if (state.glide > options.threshold) state.label = 'glide';
  else if (state.label !== 'unknown' && Math.max(state.ballistic, state.glide) > options.threshold / 2) {
    // Hysteresis: keep a label until the evidence for it has clearly faded.
  } else state.label = 'unknown';
  return state.label;
}
