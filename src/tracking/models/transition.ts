/**
 * Transition models (Stone Soup's TransitionModel role) over one shared 9-element state
 * [r, v, a] in the Earth-fixed frame: position (m), velocity (m/s) and the non-gravitational
 * specific force a (m/s^2: lift and drag in glide, thrust in boost, zero in ballistic coast).
 * Sharing one state layout lets an interacting multiple model mix them directly.
 */
import { accelerationGradientOf, earthFixedAccelerationOf, OMEGA_EARTH } from './gravity.ts';
import { length3 } from '../vector3.ts';

export const STATE_DIM = 9;

export interface TransitionModel {
  readonly name: string;
  readonly dim: number;
  /** Longest step (s) over which `propagate` and `jacobian` stay accurate; filters split longer ones. */
  readonly maxStep: number;
  /** State after `dt` seconds, written to `out` (which may alias `x`). */
  propagate(x: ArrayLike<number>, dt: number, out: Float64Array): void;
  /** Transition matrix d x(t+dt) / d x(t), dim x dim row-major, for a step no longer than maxStep. */
  jacobian(x: ArrayLike<number>, dt: number, out: Float64Array): void;
  /** Process noise covariance accumulated over `dt`, dim x dim. */
  processNoise(x: ArrayLike<number>, dt: number, out: Float64Array): void;
  /**
   * The block pattern of the transition matrix when it is that of a 9-state [r, v, a] flight
   * model, so a filter can skip its zero blocks: `coupled` when a feeds r and v (rows of r:
   * columns r, v and a's diagonal; rows of v: all; rows of a: a's diagonal), `pinned` when a is
   * held at zero (the r, v block only). Absent: a general dense matrix.
   */
  readonly blockPattern?: 'coupled' | 'pinned';
}

/** How the non-gravitational acceleration evolves. */
export type SpecificForceModel =
  | { kind: 'none' }
  /**
   * First-order Gauss-Markov (Singer): correlation time tau (s), steady one-sigma (m/s^2) about
   * a mean: zero, or `level` (the lift that holds the current altitude: what an equilibrium glide
   * flies, so the prior does not pull a gliding vehicle's lift toward zero).
   */
  | { kind: 'markov'; tau: number; sigma: number; mean?: 'zero' | 'level' }
  /** Wiener process (nearly constant): white jerk of spectral density q (m^2/s^5). */
  | { kind: 'wiener'; q: number };

export interface FlightModelOptions {
  name: string;
  specificForce: SpecificForceModel;
  /** White acceleration noise on velocity, spectral density m^2/s^3 (unmodelled forces). */
  velocityNoise: number;
  /** Gravity with J2 and the rotating-frame terms (false: the textbook kinematic model). */
  gravity?: boolean;
  maxStep?: number;
}

/** Steps up to this long (s) use the midpoint rule; longer ones RK4. */
const MIDPOINT_STEP = 0.5;

/** Variance left on a pinned-to-zero specific force, so covariances stay positive definite. */
const PINNED_VARIANCE = 1e-6;

/**
 * A point mass in Earth-fixed coordinates: gravity (point mass + J2) with centrifugal and
 * Coriolis terms, plus the specific force of `options.specificForce`. RK4 propagation;
 * second-order transition matrix I + A dt + A^2 dt^2 / 2 with A the local linearisation.
 */
export class FlightModel implements TransitionModel {
  readonly name: string;
  readonly dim = STATE_DIM;
  readonly maxStep: number;
  private readonly force: SpecificForceModel;
  private readonly qv: number;
  private readonly gravity: boolean;
  private readonly k1 = new Float64Array(9);
  private readonly k2 = new Float64Array(9);
  private readonly k3 = new Float64Array(9);
  private readonly k4 = new Float64Array(9);
  private readonly tmp = new Float64Array(9);
  private readonly g = new Float64Array(9);
  /** Mean specific force of the current step (level flight), m/s^2. */
  private readonly mean = new Float64Array(3);
  private readonly acc = new Float64Array(3);

  readonly blockPattern: 'coupled' | 'pinned';

  constructor(options: FlightModelOptions) {
    this.name = options.name;
    this.force = options.specificForce;
    this.blockPattern = options.specificForce.kind === 'none' ? 'pinned' : 'coupled';
    this.qv = options.velocityNoise;
    this.gravity = options.gravity ?? true;
    this.maxStep = options.maxStep ?? 2;
  }

  private derivative(x: ArrayLike<number>, out: Float64Array): void {
    out[0] = x[3];
    out[1] = x[4];
    out[2] = x[5];
    if (this.gravity) earthFixedAccelerationOf(x, out, 3);
    else out[3] = out[4] = out[5] = 0;
    const f = this.force;
    if (f.kind !== 'none') {
      out[3] += x[6];
      out[4] += x[7];
      out[5] += x[8];
    }
    const decay = f.kind === 'markov' ? -1 / f.tau : 0;
    const m = this.mean;
    out[6] = decay * (x[6] - m[0]);
    out[7] = decay * (x[7] - m[1]);
    out[8] = decay * (x[8] - m[2]);
  }

  /** The specific force that keeps a body at its altitude: radial, cancelling gravity and the rotating-frame terms less the centripetal need of its horizontal speed. */
  private levelFlight(x: ArrayLike<number>): void {
    const m = this.mean;
    const f = this.force;
    if (f.kind !== 'markov' || f.mean !== 'level') {
      m[0] = m[1] = m[2] = 0;
      return;
    }
    const r = length3(x[0], x[1], x[2]);
    const ux = x[0] / r;
    const uy = x[1] / r;
    const uz = x[2] / r;
    const vr = x[3] * ux + x[4] * uy + x[5] * uz;
    const vh2 = x[3] * x[3] + x[4] * x[4] + x[5] * x[5] - vr * vr;
    earthFixedAccelerationOf(x, this.acc);
    const gr = this.acc[0] * ux + this.acc[1] * uy + this.acc[2] * uz;
    const need = -vh2 / r - gr;
    m[0] = need * ux;
    m[1] = need * uy;
    m[2] = need * uz;
  }

  propagate(x: ArrayLike<number>, dt: number, out: Float64Array): void {
    const { k1, k2, k3, k4, tmp } = this;
    const x0 = this.g;
    for (let i = 0; i < 9; i++) x0[i] = x[i];
    if (this.force.kind === 'none') x0[6] = x0[7] = x0[8] = 0;
    this.levelFlight(x0);
    if (!this.gravity && this.force.kind !== 'markov') {
      // Kinematic model: the exact polynomial, so the linear textbook case is exact.
      for (let i = 0; i < 3; i++) {
        const a = x0[6 + i];
        out[i] = x0[i] + x0[3 + i] * dt + 0.5 * a * dt * dt;
        out[3 + i] = x0[3 + i] + a * dt;
        out[6 + i] = a;
      }
      return;
    }
    this.derivative(x0, k1);
    for (let i = 0; i < 9; i++) tmp[i] = x0[i] + 0.5 * dt * k1[i];
    this.derivative(tmp, k2);
    if (Math.abs(dt) <= MIDPOINT_STEP) {
      // Short steps (reports every ~0.1 s): the midpoint rule's error, dt^3 times the jerk of
      // gravity (~0.01 m/s^3) over 6, is micrometres; RK4 would double the cost for nothing.
      for (let i = 0; i < 9; i++) out[i] = x0[i] + dt * k2[i];
    } else {
      this.rk4Tail(x0, dt, out);
    }
    if (this.force.kind === 'markov') {
      // The decay is linear: use its exact factor rather than the integrator's polynomial.
      const e = Math.exp(-dt / this.force.tau);
      const m = this.mean;
      out[6] = m[0] + (x0[6] - m[0]) * e;
      out[7] = m[1] + (x0[7] - m[1]) * e;
      out[8] = m[2] + (x0[8] - m[2]) * e;
    }
  }

  private rk4Tail(x0: Float64Array, dt: number, out: Float64Array): void {
    const { k1, k2, k3, k4, tmp } = this;
    for (let i = 0; i < 9; i++) tmp[i] = x0[i] + 0.5 * dt * k2[i];
    this.derivative(tmp, k3);
    for (let i = 0; i < 9; i++) tmp[i] = x0[i] + dt * k3[i];
    this.derivative(tmp, k4);
    for (let i = 0; i < 9; i++) out[i] = x0[i] + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }

  jacobian(x: ArrayLike<number>, dt: number, out: Float64Array): void {
    out.fill(0, 0, 81);
    const G = this.g;
    if (this.gravity) accelerationGradientOf(x, G);
    else G.fill(0);
    const w2 = this.gravity ? 2 * OMEGA_EARTH : 0;
    const h = dt;
    const h2 = 0.5 * dt * dt;
    // Coriolis block Wc = -2 [w x] with w along z: dv_x/dv_y = +2w, dv_y/dv_x = -2w.
    // F_rr = I + G h2; F_rv = I h + Wc h2; F_vr = G h + Wc G h2; F_vv = I + Wc h + (G + Wc^2) h2.
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const gij = G[i * 3 + j];
        out[i * 9 + j] = (i === j ? 1 : 0) + gij * h2;
        // (Wc G)_ij: row 0 of Wc is (0, 2w, 0), row 1 is (-2w, 0, 0), row 2 is 0.
        const wcg = i === 0 ? w2 * G[3 + j] : i === 1 ? -w2 * G[j] : 0;
        out[(3 + i) * 9 + j] = gij * h + wcg * h2;
        // Wc^2 = diag(-4w^2, -4w^2, 0).
        const wc = i === 0 && j === 1 ? w2 : i === 1 && j === 0 ? -w2 : 0;
        const wc2 = i === j && i < 2 ? -w2 * w2 : 0;
        out[i * 9 + 3 + j] = (i === j ? h : 0) + wc * h2;
        out[(3 + i) * 9 + 3 + j] = (i === j ? 1 : 0) + wc * h + (gij + wc2) * h2;
      }
    }
    const f = this.force;
    if (f.kind === 'none') return;
    let fra: number;
    let fva: number;
    let faa: number;
    if (f.kind === 'markov') {
      const e = Math.exp(-dt / f.tau);
      faa = e;
      fva = f.tau * (1 - e);
      fra = f.tau * dt - f.tau * f.tau * (1 - e);
    } else {
      faa = 1;
      fva = dt;
      fra = h2;
    }
    for (let i = 0; i < 3; i++) {
      out[i * 9 + 6 + i] = fra;
      out[(3 + i) * 9 + 6 + i] = fva;
      out[(6 + i) * 9 + 6 + i] = faa;
    }
    if (this.gravity) {
      // Coriolis acting on the velocity gained from a: (Wc) * a * h2.
      out[3 * 9 + 7] += w2 * h2;
      out[4 * 9 + 6] -= w2 * h2;
    }
  }

  processNoise(_x: ArrayLike<number>, dt: number, out: Float64Array): void {
    out.fill(0, 0, 81);
    const t = Math.abs(dt);
    const t2 = t * t;
    const t3 = t2 * t;
    let qrr = (this.qv * t3) / 3;
    let qrv = (this.qv * t2) / 2;
    let qvv = this.qv * t;
    let qra = 0;
    let qva = 0;
    let qaa = PINNED_VARIANCE;
    const f = this.force;
    if (f.kind !== 'none') {
      const q = f.kind === 'markov' ? (2 * f.sigma * f.sigma) / f.tau : f.q;
      qrr += (q * t3 * t2) / 20;
      qrv += (q * t2 * t2) / 8;
      qvv += (q * t3) / 3;
      qra = (q * t3) / 6;
      qva = (q * t2) / 2;
      qaa = f.kind === 'markov' ? f.sigma * f.sigma * (1 - Math.exp((-2 * t) / f.tau)) : q * t;
    }
    for (let i = 0; i < 3; i++) {
      out[i * 9 + i] = qrr;
      out[i * 9 + 3 + i] = out[(3 + i) * 9 + i] = qrv;
      out[(3 + i) * 9 + 3 + i] = qvv;
      out[i * 9 + 6 + i] = out[(6 + i) * 9 + i] = qra;
      out[(3 + i) * 9 + 6 + i] = out[(6 + i) * 9 + 3 + i] = qva;
      out[(6 + i) * 9 + 6 + i] = qaa;
    }
  }
}

/** Ballistic coast: gravity with J2 only; the specific force is pinned to zero. */
export function ballisticModel(velocityNoise = 0.01): FlightModel {
  return new FlightModel({ name: 'ballistic', specificForce: { kind: 'none' }, velocityNoise });
}

/** Glide: gravity plus an aerodynamic acceleration estimated as a Gauss-Markov state (about zero, or about level flight). */
export function glideModel(tau = 20, sigma = 15, velocityNoise = 0.01, mean: 'zero' | 'level' = 'zero'): FlightModel {
  return new FlightModel({ name: 'glide', specificForce: { kind: 'markov', tau, sigma, mean }, velocityNoise });
}

/** Nearly constant non-gravitational acceleration (boost thrust), gravity included. */
export function nearlyConstantAccelerationModel(jerkDensity = 1, velocityNoise = 0.01, gravity = true): FlightModel {
  return new FlightModel({ name: 'nca', specificForce: { kind: 'wiener', q: jerkDensity }, velocityNoise, gravity });
}

/** A linear model x' = F x with fixed F(dt), Q(dt): for textbook checks of the filters. */
export class LinearModel implements TransitionModel {
  readonly name = 'linear';
  readonly maxStep = Number.POSITIVE_INFINITY;
  constructor(
    readonly dim: number,
    private readonly f: (dt: number, out: Float64Array) => void,
    private readonly q: (dt: number, out: Float64Array) => void,
  ) {}

  propagate(x: ArrayLike<number>, dt: number, out: Float64Array): void {
    const n = this.dim;
    const f = new Float64Array(n * n);
    this.f(dt, f);
    const copy = Float64Array.from({ length: n }, (_, i) => x[i]);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += f[i * n + k] * copy[k];
      out[i] = s;
    }
  }

  jacobian(_x: ArrayLike<number>, dt: number, out: Float64Array): void {
    this.f(dt, out);
  }

  processNoise(_x: ArrayLike<number>, dt: number, out: Float64Array): void {
    this.q(dt, out);
  }
}
