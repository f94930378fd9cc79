/**
 * Measurement models (Stone Soup's MeasurementModel role). A bearing-only report is expressed in
 * the gnomonic (tangent-plane) coordinates of a reference direction: with e1, e2 perpendicular
 * to the reference unit vector u0, a direction d maps to (e1.d, e2.d) / (u0.d). Using the
 * track's predicted line of sight as u0 puts the prediction at the origin, keeps the
 * measurement 2-D with no angle wrap, and gives every report of a frame the same coordinates,
 * which probabilistic data association needs. Tangent offsets equal angles to first order, so
 * the noise is sigma^2 I.
 */
import { length3 } from './vector3.ts';
export const SPEED_OF_LIGHT = 299792458;

export interface MeasurementModel {
  readonly dim: number;
  /** Predicted measurement of state x, written to out. */
  predict(x: ArrayLike<number>, out: Float64Array): void;
  /** d(measurement)/d(state), dim x stateDim, row-major. */
  jacobian(x: ArrayLike<number>, out: Float64Array): void;
  /** Measurement noise covariance, dim x dim. */
  noise(out: Float64Array): void;
  /** When set, the Jacobian is zero beyond its first `activeColumns` columns, so filters may skip them. */
  readonly activeColumns?: number;
}

/** A linear measurement z = H x + noise(R): for textbook checks. */
export class LinearMeasurement implements MeasurementModel {
  constructor(
    readonly dim: number,
    private readonly stateDim: number,
    private readonly h: ArrayLike<number>,
    private readonly r: ArrayLike<number>,
  ) {}

  predict(x: ArrayLike<number>, out: Float64Array): void {
    for (let i = 0; i < this.dim; i++) {
      let s = 0;
      for (let k = 0; k < this.stateDim; k++) s += this.h[i * this.stateDim + k] * x[k];
      out[i] = s;
    }
  }

  jacobian(_x: ArrayLike<number>, out: Float64Array): void {
    for (let i = 0; i < this.dim * this.stateDim; i++) out[i] = this.h[i];
  }

  noise(out: Float64Array): void {
    for (let i = 0; i < this.dim * this.dim; i++) out[i] = this.r[i];
  }
}

/**
 * Line of sight from a sensor to a target whose state starts [r(3), v(3), ...], in the tangent
 * plane of a reference direction. Reconfigured in place (`setGeometry`) for every
 * sensor-track pair, so a tracker keeps one.
 */
export class BearingMeasurement implements MeasurementModel {
  readonly dim = 2;
  /** A line of sight depends on position and (through the light time) velocity only. */
  readonly activeColumns = 6;
  readonly sensor = new Float64Array(3);
  /** Reference direction u0 and the tangent-plane axes e1, e2. */
  readonly u0 = new Float64Array(3);
  readonly e1 = new Float64Array(3);
  readonly e2 = new Float64Array(3);
  sigma = 0;
  /** Whether to shift the target back by the light time (m/c of range). */
  lightTime = true;

  constructor(readonly stateDim = 9) {}

  /** Sets the sensor position (m), the reference direction (normalised here) and the noise (rad). */
  setGeometry(sensor: ArrayLike<number>, reference: ArrayLike<number>, sigma: number): void {
    this.sensor[0] = sensor[0];
    this.sensor[1] = sensor[1];
    this.sensor[2] = sensor[2];
    const n = length3(reference[0], reference[1], reference[2]);
    const u = this.u0;
    u[0] = reference[0] / n;
    u[1] = reference[1] / n;
    u[2] = reference[2] / n;
    // e1 is perpendicular to u0 and to the coordinate axis least aligned with it, for conditioning.
    const ax = Math.abs(u[0]);
    const ay = Math.abs(u[1]);
    const az = Math.abs(u[2]);
    let cx: number;
    let cy: number;
    let cz: number;
    if (ax <= ay && ax <= az) { cx = 0; cy = u[2]; cz = -u[1]; }
    else if (ay <= az) { cx = -u[2]; cy = 0; cz = u[0]; }
    else { cx = u[1]; cy = -u[0]; cz = 0; }
    const cn = length3(cx, cy, cz);
    const e1 = this.e1;
    e1[0] = cx / cn;
    e1[1] = cy / cn;
    e1[2] = cz / cn;
    const e2 = this.e2;
    e2[0] = u[1] * e1[2] - u[2] * e1[1];
    e2[1] = u[2] * e1[0] - u[0] * e1[2];
    e2[2] = u[0] * e1[1] - u[1] * e1[0];
    this.sigma = sigma;
  }

  /** Tangent-plane coordinates of a measured unit line of sight; false if it points away from u0. */
  project(lineOfSight: ArrayLike<number>, out: Float64Array, offset = 0): boolean {
    const u = this.u0;
    const c = u[0] * lineOfSight[0] + u[1] * lineOfSight[1] + u[2] * lineOfSight[2];
    if (!(c > 0)) return false;
    out[offset] = (this.e1[0] * lineOfSight[0] + this.e1[1] * lineOfSight[1] + this.e1[2] * lineOfSight[2]) / c;
    out[offset + 1] = (this.e2[0] * lineOfSight[0] + this.e2[1] * lineOfSight[1] + this.e2[2] * lineOfSight[2]) / c;
    return true;
  }

  /** Light time (s) from a target at r to the sensor. */
  private delay(x: ArrayLike<number>): number {
    if (!this.lightTime) return 0;
    const s = this.sensor;
    return length3(x[0] - s[0], x[1] - s[1], x[2] - s[2]) / SPEED_OF_LIGHT;
  }

  predict(x: ArrayLike<number>, out: Float64Array): void {
    const tau = this.delay(x);
    const s = this.sensor;
    const dx = x[0] - x[3] * tau - s[0];
    const dy = x[1] - x[4] * tau - s[1];
    const dz = x[2] - x[5] * tau - s[2];
    const c = this.u0[0] * dx + this.u0[1] * dy + this.u0[2] * dz;
    out[0] = (this.e1[0] * dx + this.e1[1] * dy + this.e1[2] * dz) / c;
    out[1] = (this.e2[0] * dx + this.e2[1] * dy + this.e2[2] * dz) / c;
  }

  jacobian(x: ArrayLike<number>, out: Float64Array): void {
    const n = this.stateDim;
    out.fill(0, 0, 2 * n);
    const tau = this.delay(x);
    const s = this.sensor;
    const dx = x[0] - x[3] * tau - s[0];
    const dy = x[1] - x[4] * tau - s[1];
    const dz = x[2] - x[5] * tau - s[2];
    const u = this.u0;
    const c = u[0] * dx + u[1] * dy + u[2] * dz;
    const z0 = (this.e1[0] * dx + this.e1[1] * dy + this.e1[2] * dz) / c;
    const z1 = (this.e2[0] * dx + this.e2[1] * dy + this.e2[2] * dz) / c;
    // The light time's own dependence on r changes the result by v/c (under 3e-5): left out.
    for (let k = 0; k < 3; k++) {
      const d0 = (this.e1[k] - z0 * u[k]) / c;
      const d1 = (this.e2[k] - z1 * u[k]) / c;
      out[k] = d0;
      out[n + k] = d1;
      out[3 + k] = -tau * d0;
      out[n + 3 + k] = -tau * d1;
    }
  }

  noise(out: Float64Array): void {
    const v = this.sigma * this.sigma;
    out[0] = v;
    out[1] = 0;
    out[2] = 0;
    out[3] = v;
  }
}
