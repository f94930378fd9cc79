/**
 * What the report simulator needs of a sensor, and a stand-in layer of satellites in circular
 * orbits. The real detection model (SNR -> Pd, fields of regard, Earth background) comes from
 * src/sensors and plugs in through the same interface.
 */
import { EARTH_RADIUS_MEAN, EARTH_ROTATION_RATE, WGS84 } from '../../bodies/earth.ts';
import { InputError } from '../../math/errors.ts';
import type { Random } from '../../math/random.ts';
import type { Instant } from '../../time/instant.ts';
import type { SimTarget } from './targets.ts';

/** What a simulated detection reports about its signal, when the sensor model knows it. */
export interface SimDetection {
  /** Measured radiant intensity of the target toward the sensor, W/sr. */
  readonly intensity?: number;
  /** Measured signal-to-noise ratio. */
  readonly snr?: number;
}

export interface SimSensor {
  readonly sensorId: string;
  readonly owner: string;
  /** Time between frames, s, and the offset of the first frame after the simulation start. */
  readonly frameTime: number;
  readonly phase: number;
  /** One-sigma angular noise per axis, rad. */
  readonly sigma: number;
  /** Probability of detecting a target it can see (a number, or a function of the geometry); unused when `detect` is given. */
  readonly pd: number | ((sensorPosition: Float64Array, targetPosition: Float64Array) => number);
  /** Mean false alarms per frame (Poisson). */
  readonly falseAlarmRatePerFrame: number;
  /**
   * A cued sensor's time budget: how many of the targets it can see it looks at in one frame,
   * chosen by its nation's tasking (`tasking.ts`: stereo looks first, the most overdue target
   * first). Absent: every target it can see, every frame (a staring sensor).
   */
  readonly looksPerFrame?: number;
  /** A cued sensor's dwell: frames it stays on the targets it was given (default 1). */
  readonly dwellFrames?: number;
  /** ITRF position at t, m, into out; false when the sensor is not available. */
  positionAt(t: Instant, out: Float64Array): boolean;
  /** Whether the geometry lets the sensor see a target at t (field of regard, Earth, range, Sun...). */
  canSee(sensorPosition: Float64Array, targetPosition: Float64Array, t: Instant): boolean;
  /**
   * A detection model of its own (signal-to-noise, say) that replaces `pd`: draws from `random`
   * whether a target it can see is detected in this frame, and returns what the report carries
   * about the signal (null: not detected).
   */
  detect?(t: Instant, sensorPosition: Float64Array, target: SimTarget, targetPosition: Float64Array, random: Random): SimDetection | null;
  /**
   * Whether the signal of a target it can see is strong enough to be detected more often than
   * not (expected signal-to-noise at least the threshold). Truth counts a sensor as seeing a
   * target only then; without it, geometry alone decides.
   */
  detectable?(t: Instant, sensorPosition: Float64Array, target: SimTarget, targetPosition: Float64Array): boolean;
  /** A false alarm's unit line of sight; default: uniform over the Earth's disc as seen from the sensor. */
  falseAlarmDirection?(random: Random, sensorPosition: Float64Array, out: Float64Array): void;
}

export interface CircularLayerOptions {
  planes: number;
  perPlane: number;
  /** Walker phasing factor F. */
  phasing: number;
  altitude: number;
  inclination: number;
  /** Instant at which the first plane's ascending node is on the Greenwich meridian. */
  epoch: Instant;
  frameTime: number;
  sigma: number;
  pd: number;
  falseAlarmRatePerFrame: number;
  /** Lines of sight must clear the Earth by this height (m) to see a target. */
  grazingHeight: number;
  maxRange: number;
  owners?: readonly string[];
  /** Frame phases: `random` draws each in [0, frameTime) from the generator. */
  random?: Random;
  idPrefix?: string;
  /** Span of the planes' nodes, rad: 2 pi for a Walker delta, pi for a star (polar) pattern. */
  nodeSpread?: number;
}

/**
 * A Walker-delta layer on circular Keplerian orbits (no perturbations: a stand-in for the
 * propagators of src/orbits), positions rotated into the Earth-fixed frame by the Earth's
 * rotation since `epoch`.
 */
export function circularLayer(o: CircularLayerOptions): SimSensor[] {
  if (!(o.planes >= 1) || !(o.perPlane >= 1)) throw new InputError('planes', `${o.planes} x ${o.perPlane}`, 'must be at least 1 x 1');
  const a = EARTH_RADIUS_MEAN + o.altitude;
  if (!(o.altitude > 0)) throw new InputError('altitude', o.altitude, 'must be positive (m)');
  const n = Math.sqrt(WGS84.mu / (a * a * a));
  const total = o.planes * o.perPlane;
  const sensors: SimSensor[] = [];
  for (let p = 0; p < o.planes; p++) {
    for (let k = 0; k < o.perPlane; k++) {
      const raan = ((o.nodeSpread ?? 2 * Math.PI) * p) / o.planes;
      const u0 = (2 * Math.PI * k) / o.perPlane + (2 * Math.PI * o.phasing * p) / total;
      const index = p * o.perPlane + k;
      const phase = o.random ? o.random.uniform() * o.frameTime : (index * o.frameTime) / total;
      const cosI = Math.cos(o.inclination);
      const sinI = Math.sin(o.inclination);
      const grazing = EARTH_RADIUS_MEAN + o.grazingHeight;
      sensors.push({
        sensorId: `${o.idPrefix ?? 'S'}${String(index + 1).padStart(3, '0')}`,
        owner: o.owners ? o.owners[index % o.owners.length] : 'ally',
        frameTime: o.frameTime,
        phase,
        sigma: o.sigma,
        pd: o.pd,
        falseAlarmRatePerFrame: o.falseAlarmRatePerFrame,
        positionAt(t: Instant, out: Float64Array): boolean {
          const dt = t - o.epoch;
          const u = u0 + n * dt;
          const xo = a * Math.cos(u);
          const yo = a * Math.sin(u);
          // Inertial: rotate the orbit plane by inclination then node; Earth-fixed: subtract the Earth's rotation.
          const node = raan - EARTH_ROTATION_RATE * dt;
          const xp = xo;
          const yp = yo * cosI;
          const zp = yo * sinI;
          out[0] = Math.cos(node) * xp - Math.sin(node) * yp;
          out[1] = Math.sin(node) * xp + Math.cos(node) * yp;
          out[2] = zp;
          return true;
        },
        canSee(s: Float64Array, r: Float64Array): boolean {
          const dx = r[0] - s[0];
          const dy = r[1] - s[1];
          const dz = r[2] - s[2];
          const d2 = dx * dx + dy * dy + dz * dz;
          if (d2 > o.maxRange * o.maxRange) return false;
          // Closest approach of the segment sensor -> target to the Earth's centre.
          const k2 = -(s[0] * dx + s[1] * dy + s[2] * dz) / d2;
          if (k2 <= 0 || k2 >= 1) return true;
          const cx = s[0] + k2 * dx;
          const cy = s[1] + k2 * dy;
          const cz = s[2] + k2 * dz;
          return cx * cx + cy * cy + cz * cz > grazing * grazing;
        },
      });
    }
  }
  return sensors;
}

/** Uniform direction inside the cone that the Earth's disc fills as seen from `s`. */
export function earthDiscDirection(random: Random, s: Float64Array, out: Float64Array): void {
  const r = Math.hypot(s[0], s[1], s[2]);
  const cosMax = Math.sqrt(Math.max(0, 1 - (EARTH_RADIUS_MEAN / r) ** 2));
  const cosT = 1 - random.uniform() * (1 - cosMax);
  const sinT = Math.sqrt(1 - cosT * cosT);
  const phi = 2 * Math.PI * random.uniform();
  const w = [-s[0] / r, -s[1] / r, -s[2] / r];
  const helper = Math.abs(w[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const e1 = [w[1] * helper[2] - w[2] * helper[1], w[2] * helper[0] - w[0] * helper[2], w[0] * helper[1] - w[1] * helper[0]];
  const l = Math.hypot(e1[0], e1[1], e1[2]);
  e1[0] /= l;
  e1[1] /= l;
  e1[2] /= l;
  const e2 = [w[1] * e1[2] - w[2] * e1[1], w[2] * e1[0] - w[0] * e1[2], w[0] * e1[1] - w[1] * e1[0]];
  for (let i = 0; i < 3; i++) out[i] = cosT * w[i] + sinT * (Math.cos(phi) * e1[i] + Math.sin(phi) * e2[i]);
}

/** Payloads of one platform share a position, so they never count as two viewpoints. */
export { platformOf } from '../platform.ts';
