/**
 * What the report simulator needs of a target (its Earth-fixed state at any instant), and two
 * synthetic kinds of flight until src/threats provides the real ones: a ballistic arc (J2
 * gravity, with drag from an exponential atmosphere on re-entry) and a hypersonic glide at a
 * held altitude with lift, drag and S-turn bank reversals. Both integrate in the Earth-fixed
 * frame with RK4 and keep samples that a cubic Hermite interpolates.
 */
import { InputError } from '../../math/errors.ts';
import type { Instant } from '../../time/instant.ts';
import { EARTH_RADIUS_MEAN } from '../../bodies/earth.ts';
import { geodeticToItrf, itrfToGeodetic } from '../../frames/geodetic.ts';
import { earthFixedAcceleration } from '../models/gravity.ts';

export interface TargetState {
  r: Float64Array;
  v: Float64Array;
}

export interface SimTarget {
  readonly id: string;
  /** Earth-fixed position and velocity at t, or null outside the flight. */
  stateAt(t: Instant): TargetState | null;
  /**
   * Optional: the Earth-fixed position at t into `out` (m), false outside the flight. The
   * simulator asks every sensor frame about every target, so a target that can answer without
   * allocating spares the collector millions of small arrays.
   */
  positionInto?(t: Instant, out: Float64Array): boolean;
}

/** A target defined by samples every `step` seconds from `start` (position, velocity), Hermite-interpolated. */
export class SampledTarget implements SimTarget {
  constructor(
    readonly id: string,
    readonly start: Instant,
    readonly step: number,
    /** 6 values per sample: r, v. */
    readonly samples: Float64Array,
  ) {}

  get end(): Instant {
    return (this.start + this.step * (this.samples.length / 6 - 1)) as Instant;
  }

  stateAt(t: Instant): TargetState | null {
    const count = this.samples.length / 6;
    const f = (t - this.start) / this.step;
    if (!(f >= 0) || f > count - 1) return null;
    const k = Math.min(Math.floor(f), count - 2);
    const s = f - k;
    const h = this.step;
    const a = this.samples.subarray(k * 6, k * 6 + 6);
    const b = this.samples.subarray(k * 6 + 6, k * 6 + 12);
    const h00 = 2 * s ** 3 - 3 * s * s + 1;
    const h10 = s ** 3 - 2 * s * s + s;
    const h01 = -2 * s ** 3 + 3 * s * s;
    const h11 = s ** 3 - s * s;
    const d00 = (6 * s * s - 6 * s) / h;
    const d10 = 3 * s * s - 4 * s + 1;
    const d01 = (-6 * s * s + 6 * s) / h;
    const d11 = 3 * s * s - 2 * s;
    const r = new Float64Array(3);
    const v = new Float64Array(3);
    for (let i = 0; i < 3; i++) {
      r[i] = h00 * a[i] + h10 * h * a[3 + i] + h01 * b[i] + h11 * h * b[3 + i];
      v[i] = d00 * a[i] + d10 * a[3 + i] + d01 * b[i] + d11 * b[3 + i];
    }
    return { r, v };
  }
}

type Force = (t: number, s: Float64Array, out: Float64Array) => void;

/** Integrates [r, v] from `state` with RK4 at `dt` until `stop` says so or `maxS` passes; keeps a sample every `keepEvery` steps. */
function integrate(state: Float64Array, dt: number, keepEvery: number, maxS: number, force: Force, stop: (s: Float64Array) => boolean): Float64Array {
  const kept: number[] = [...state];
  const k = [new Float64Array(6), new Float64Array(6), new Float64Array(6), new Float64Array(6)];
  const tmp = new Float64Array(6);
  const deriv = (t: number, s: Float64Array, out: Float64Array) => {
    out[0] = s[3];
    out[1] = s[4];
    out[2] = s[5];
    force(t, s, out);
  };
  const s = Float64Array.from(state);
  let t = 0;
  for (let step = 1; t < maxS; step++) {
    deriv(t, s, k[0]);
    for (let i = 0; i < 6; i++) tmp[i] = s[i] + 0.5 * dt * k[0][i];
    deriv(t + dt / 2, tmp, k[1]);
    for (let i = 0; i < 6; i++) tmp[i] = s[i] + 0.5 * dt * k[1][i];
    deriv(t + dt / 2, tmp, k[2]);
    for (let i = 0; i < 6; i++) tmp[i] = s[i] + dt * k[2][i];
    deriv(t + dt, tmp, k[3]);
    for (let i = 0; i < 6; i++) s[i] += (dt / 6) * (k[0][i] + 2 * k[1][i] + 2 * k[2][i] + k[3][i]);
    t += dt;
    if (step % keepEvery === 0) {
      kept.push(...s);
      if (stop(s)) break;
    }
  }
  return Float64Array.from(kept);
}

function localFrame(latRad: number, lonRad: number) {
  const up = [Math.cos(latRad) * Math.cos(lonRad), Math.cos(latRad) * Math.sin(lonRad), Math.sin(latRad)];
  const east = [-Math.sin(lonRad), Math.cos(lonRad), 0];
  const north = [-Math.sin(latRad) * Math.cos(lonRad), -Math.sin(latRad) * Math.sin(lonRad), Math.cos(latRad)];
  return { up, east, north };
}

export interface BallisticOptions {
  id: string;
  start: Instant;
  /** Burnout point: geodetic latitude, longitude (rad), height (m). */
  lat: number;
  lon: number;
  height: number;
  /** Earth-fixed speed (m/s), flight-path angle above the horizon and azimuth from north (rad). */
  speed: number;
  flightPathAngle: number;
  azimuth: number;
  /** Ballistic coefficient m / (Cd A), kg/m^2, for drag on re-entry. */
  beta?: number;
  /** Flight ends below this height, m. */
  endHeight?: number;
  maxS?: number;
}

/** Density of an exponential atmosphere (1.225 kg/m^3, 7.2 km scale height) at height h. */
export function exponentialDensity(h: number): number {
  return 1.225 * Math.exp(-Math.max(h, 0) / 7200);
}

export function ballisticTarget(o: BallisticOptions): SampledTarget {
  if (!(o.speed > 0)) throw new InputError('speed', o.speed, 'must be positive (m/s)');
  const r0 = geodeticToItrf({ lat: o.lat, lon: o.lon, height: o.height });
  const { up, east, north } = localFrame(o.lat, o.lon);
  const state = new Float64Array(6);
  state.set(r0);
  const horiz = o.speed * Math.cos(o.flightPathAngle);
  for (let i = 0; i < 3; i++) {
    state[3 + i] = o.speed * Math.sin(o.flightPathAngle) * up[i] + horiz * (Math.cos(o.azimuth) * north[i] + Math.sin(o.azimuth) * east[i]);
  }
  const beta = o.beta ?? 5000;
  const endHeight = o.endHeight ?? 10e3;
  const samples = integrate(state, 0.1, 5, o.maxS ?? 3600, (_t, s, out) => {
    earthFixedAcceleration(s[0], s[1], s[2], s[3], s[4], s[5], out, 3);
    const h = Math.hypot(s[0], s[1], s[2]) - EARTH_RADIUS_MEAN;
    if (h < 120e3) {
      const v = Math.hypot(s[3], s[4], s[5]);
      const k = (exponentialDensity(h) * v) / (2 * beta);
      out[3] -= k * s[3];
      out[4] -= k * s[4];
      out[5] -= k * s[5];
    }
  }, (s) => itrfToGeodetic(s[0], s[1], s[2]).height < endHeight);
  return new SampledTarget(o.id, o.start, 0.5, samples);
}

export interface GlideOptions {
  id: string;
  start: Instant;
  lat: number;
  lon: number;
  /** Held altitude (m), initial speed (m/s), heading from north (rad). */
  height: number;
  speed: number;
  heading: number;
  /** Lift-to-drag ratio. */
  liftToDrag: number;
  /** S-turns: bank amplitude (rad) and the period of a full left-right cycle (s); 0 for none. */
  bankAmplitude: number;
  bankPeriod: number;
  durationS: number;
  /** Glide ends below this speed, m/s. */
  minSpeed?: number;
}

/**
 * A glide vehicle holding its altitude: lift balances gravity less the centrifugal relief of
 * its speed (plus a gentle altitude-hold correction), drag is lift / (L/D), and the lift
 * vector banks left and right about the velocity for S-turns (bank reversals are smooth, as a
 * sine).
 */
export function glideTarget(o: GlideOptions): SampledTarget {
  const r0 = geodeticToItrf({ lat: o.lat, lon: o.lon, height: o.height });
  const { east, north } = localFrame(o.lat, o.lon);
  const state = new Float64Array(6);
  state.set(r0);
  for (let i = 0; i < 3; i++) state[3 + i] = o.speed * (Math.cos(o.heading) * north[i] + Math.sin(o.heading) * east[i]);
  const targetRadius = Math.hypot(r0[0], r0[1], r0[2]);
  const minSpeed = o.minSpeed ?? 1500;
  const samples = integrate(state, 0.1, 5, o.durationS, (t, s, out) => {
    earthFixedAcceleration(s[0], s[1], s[2], s[3], s[4], s[5], out, 3);
    const r = Math.hypot(s[0], s[1], s[2]);
    const v = Math.hypot(s[3], s[4], s[5]);
    const up = [s[0] / r, s[1] / r, s[2] / r];
    const vh = [s[3] / v, s[4] / v, s[5] / v];
    // Lift direction: perpendicular to velocity, in the vertical plane, then banked about velocity.
    const dotUp = up[0] * vh[0] + up[1] * vh[1] + up[2] * vh[2];
    const l0 = [up[0] - dotUp * vh[0], up[1] - dotUp * vh[1], up[2] - dotUp * vh[2]];
    const ln = Math.hypot(l0[0], l0[1], l0[2]);
    l0[0] /= ln;
    l0[1] /= ln;
    l0[2] /= ln;
    const side = [vh[1] * l0[2] - vh[2] * l0[1], vh[2] * l0[0] - vh[0] * l0[2], vh[0] * l0[1] - vh[1] * l0[0]];
    const bank = o.bankPeriod > 0 ? o.bankAmplitude * Math.sin((2 * Math.PI * t) / o.bankPeriod) : 0;
    const radialRate = (s[0] * s[3] + s[1] * s[4] + s[2] * s[5]) / r;
    // Vertical lift needed: gravity minus centrifugal relief, with an altitude hold (PD, ~60 s).
    const g = 3.986004418e14 / (r * r);
    const needUp = g - (v * v) / r - 0.002 * (r - targetRadius) * 0.5 - 0.06 * radialRate;
    const lift = Math.max(0, needUp / Math.max(Math.cos(bank), 0.2));
    const drag = lift / o.liftToDrag;
    for (let i = 0; i < 3; i++) {
      out[3 + i] += lift * (Math.cos(bank) * l0[i] + Math.sin(bank) * side[i]) - drag * vh[i];
    }
  }, (s) => Math.hypot(s[3], s[4], s[5]) < minSpeed);
  return new SampledTarget(o.id, o.start, 0.5, samples);
}
