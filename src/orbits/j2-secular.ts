import { type EarthOrientation, NO_EARTH_ORIENTATION } from '../frames/earth-orientation.ts';
import { EARTH_ROTATION_RATE } from '../bodies/earth.ts';
import { type EarthRotation, earthRotationAt } from '../frames/teme-itrf.ts';
import { type StateVector, stateVector } from '../frames/types.ts';
import { InputError } from '../math/errors.ts';
import type { TimeGrid } from '../time/grid.ts';
import type { Instant } from '../time/instant.ts';
import { eccentricFromMean } from './anomaly.ts';
import type { ElementSet } from './element-set.ts';
import { WGS72_ZONAL, type ZonalModel, brouwerFromKozai } from './kozai.ts';
import { StateStatus, type StateTable, allocateStateTable, markFailed } from './state-table.ts';

/**
 * J2-secular analytic propagation: a Keplerian ellipse of fixed size and shape whose node,
 * perigee and mean anomaly drift at the first-order secular rates of Earth's oblateness
 * (Brouwer 1959; Vallado eq. 9-41). No short-period terms, no drag, no J3+.
 *
 * How an ElementSet is read: its elements are SGP4 (TLE/OMM) mean elements in TEME, so the
 * Kozai mean motion is converted to Brouwer's exactly as SGP4's initialisation does, and the
 * Earth model is WGS-72 (SGP4's). The mean semi-major axis a0'' then fixes the ellipse and the
 * rates. With these choices a TLE gives the mean orbit SGP4 oscillates about, and the
 * propagator drifts from SGP4 only by SGP4's short-period terms and its J2^2/J4 rate terms.
 *
 * Velocities are the exact time derivative of the positions produced (the drift of node and
 * perigee included), so interpolating the output is self-consistent; they differ from an
 * osculating velocity by about J2 v (~ 10 m/s in LEO).
 */

export interface J2SecularRates {
  /** dOmega/dt, rad/s. */
  raanRate: number;
  /** domega/dt, rad/s. */
  argOfPerigeeRate: number;
  /** dM/dt including the mean motion, rad/s. */
  meanAnomalyRate: number;
}

/** First-order secular rates of a mean orbit (a, e, i) under J2. */
export function j2SecularRates(semiMajorAxis: number, eccentricity: number, inclination: number, model: ZonalModel = WGS72_ZONAL): J2SecularRates {
  const n = Math.sqrt(model.mu / (semiMajorAxis * semiMajorAxis * semiMajorAxis));
  const beta2 = 1 - eccentricity * eccentricity;
  const p = semiMajorAxis * beta2;
  const k = 1.5 * model.j2 * (model.radius / p) * (model.radius / p) * n;
  const c = Math.cos(inclination);
  return {
    raanRate: -k * c,
    argOfPerigeeRate: 0.5 * k * (5 * c * c - 1),
    meanAnomalyRate: n + 0.5 * k * Math.sqrt(beta2) * (3 * c * c - 1),
  };
}

/** A mean orbit ready to evaluate: shape, epoch angles and rates. */
export interface J2MeanOrbit extends J2SecularRates {
  readonly epoch: Instant;
  /** Brouwer mean semi-major axis, m. */
  readonly semiMajorAxis: number;
  readonly eccentricity: number;
  readonly inclination: number;
  readonly raan: number;
  readonly argOfPerigee: number;
  readonly meanAnomaly: number;
}

/** Why a set cannot be propagated, or null. */
function elementSetProblem(set: ElementSet, model: ZonalModel): { field: string; value: unknown; problem: string } | null {
  const finite: Array<[string, number]> = [
    ['epoch', set.epoch],
    ['meanMotion', set.meanMotion],
    ['eccentricity', set.eccentricity],
    ['inclination', set.inclination],
    ['raan', set.raan],
    ['argOfPerigee', set.argOfPerigee],
    ['meanAnomaly', set.meanAnomaly],
  ];
  for (const [field, value] of finite) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return { field, value, problem: 'must be a finite number' };
  }
  if (!(set.meanMotion > 0)) return { field: 'meanMotion', value: set.meanMotion, problem: 'must be positive' };
  if (!(set.eccentricity >= 0 && set.eccentricity < 1)) return { field: 'eccentricity', value: set.eccentricity, problem: 'must lie in [0, 1)' };
  if (!(set.inclination >= 0 && set.inclination <= Math.PI)) return { field: 'inclination', value: set.inclination, problem: 'must lie in [0, pi] rad' };
  const { semiMajorAxis } = brouwerFromKozai(set.meanMotion, set.eccentricity, set.inclination, model);
  const perigee = semiMajorAxis * (1 - set.eccentricity);
  if (!(perigee >= model.radius)) return { field: 'meanMotion', value: set.meanMotion, problem: `puts the mean perigee ${((perigee - model.radius) / 1000).toFixed(1)} km below the equatorial surface` };
  return null;
}

/** The J2 mean orbit of an SGP4 element set; throws InputError naming the bad field. */
export function j2MeanOrbit(set: ElementSet, model: ZonalModel = WGS72_ZONAL): J2MeanOrbit {
  const problem = elementSetProblem(set, model);
  if (problem) throw new InputError(`elements[${set.catalogNumber}].${problem.field}`, problem.value, problem.problem);
  const { semiMajorAxis } = brouwerFromKozai(set.meanMotion, set.eccentricity, set.inclination, model);
  return {
    epoch: set.epoch,
    semiMajorAxis,
    eccentricity: set.eccentricity,
    inclination: set.inclination,
    raan: set.raan,
    argOfPerigee: set.argOfPerigee,
    meanAnomaly: set.meanAnomaly,
    ...j2SecularRates(semiMajorAxis, set.eccentricity, set.inclination, model),
  };
}

/** Mean angles at time t (rad, not wrapped). */
export function j2MeanAnglesAt(orbit: J2MeanOrbit, t: Instant): { raan: number; argOfPerigee: number; meanAnomaly: number } {
  const dt = t - orbit.epoch;
  return {
    raan: orbit.raan + orbit.raanRate * dt,
    argOfPerigee: orbit.argOfPerigee + orbit.argOfPerigeeRate * dt,
    meanAnomaly: orbit.meanAnomaly + orbit.meanAnomalyRate * dt,
  };
}

/** One state by direct evaluation (the reference the bulk path is tested against). */
export function j2SecularState(orbit: J2MeanOrbit, t: Instant): StateVector<'TEME'> {
  const { raan, argOfPerigee, meanAnomaly } = j2MeanAnglesAt(orbit, t);
  const e = orbit.eccentricity;
  const a = orbit.semiMajorAxis;
  const b = a * Math.sqrt(1 - e * e);
  const E = eccentricFromMean(meanAnomaly, e);
  const cE = Math.cos(E);
  const sE = Math.sin(E);
  const eDot = orbit.meanAnomalyRate / (1 - e * cE);
  const xp = a * (cE - e);
  const yp = b * sE;
  const vxp = -a * sE * eDot;
  const vyp = b * cE * eDot;
  const r = new Float64Array(3);
  const v = new Float64Array(3);
  orient(Math.cos(raan), Math.sin(raan), Math.cos(argOfPerigee), Math.sin(argOfPerigee), Math.cos(orbit.inclination), Math.sin(orbit.inclination), xp, yp, vxp, vyp, orbit.argOfPerigeeRate, orbit.raanRate, r, v);
  return stateVector('TEME', t, r, v);
}

/** Perifocal position/velocity to the inertial frame, plus the velocity of the drifting perigee and node. */
function orient(
  cO: number, sO: number, cw: number, sw: number, ci: number, si: number,
  xp: number, yp: number, vxp: number, vyp: number, wDot: number, oDot: number,
  r: Float64Array, v: Float64Array,
): void {
  const px = cO * cw - sO * sw * ci;
  const py = sO * cw + cO * sw * ci;
  const pz = sw * si;
  const qx = -cO * sw - sO * cw * ci;
  const qy = -sO * sw + cO * cw * ci;
  const qz = cw * si;
  const x = xp * px + yp * qx;
  const y = xp * py + yp * qy;
  const z = xp * pz + yp * qz;
  const hx = sO * si;
  const hy = -cO * si;
  const hz = ci;
  r[0] = x;
  r[1] = y;
  r[2] = z;
  v[0] = vxp * px + vyp * qx + wDot * (hy * z - hz * y) - oDot * y;
  v[1] = vxp * py + vyp * qy + wDot * (hz * x - hx * z) + oDot * x;
  v[2] = vxp * pz + vyp * qz + wDot * (hx * y - hy * x);
}

export interface J2PropagationOptions<F extends 'TEME' | 'ITRF'> {
  /** Output frame; TEME (the frame of the mean elements) by default. */
  frame?: F;
  /** Earth orientation for ITRF output; none by default. */
  eop?: EarthOrientation;
  /** The zonal model; WGS-72, matching SGP4's element sets, by default. */
  model?: ZonalModel;
  /**
   * A table whose arrays are reused for the output (same object count, same number of grid
   * steps), e.g. when a long run is propagated in chunks: no allocation per chunk.
   */
  reuse?: StateTable<'TEME' | 'ITRF'>;
  /** Row ids of the table (e.g. satellite ids); the sets' catalogue numbers by default. */
  ids?: readonly string[];
}

// The per-step rotations accumulate rounding of about 1e-16 per step; re-seeding from the exact
// angle this often keeps the positions within a micrometre of direct evaluation on any grid.
const RESEED_EVERY = 256;
const OBJECT_BLOCK = 512;
const STEP_CHUNK = 2048;

/**
 * Propagates many element sets over a time grid into a time-major state table (element
 * k * n + i). Sets that cannot be propagated get status INVALID_ELEMENTS and NaN rows; the batch
 * never throws midway. No trigonometry per state: node, perigee and the argument of latitude of
 * circular orbits advance by per-step rotations, and eccentric orbits solve Kepler's equation for
 * the change of eccentric anomaly since the last step with series sines.
 */
export function propagateJ2Secular<F extends 'TEME' | 'ITRF' = 'TEME'>(
  sets: readonly ElementSet[],
  grid: TimeGrid,
  options: J2PropagationOptions<F> = {},
): StateTable<F> {
  const frame = (options.frame ?? 'TEME') as F;
  if (frame !== 'TEME' && frame !== 'ITRF') throw new InputError('frame', frame, "must be 'TEME' or 'ITRF'");
  const model = options.model ?? WGS72_ZONAL;
  const eop = options.eop ?? NO_EARTH_ORIENTATION;
  const n = sets.length;
  const ids = options.ids ?? sets.map((s) => s.catalogNumber);
  if (ids.length !== n) throw new InputError('ids.length', ids.length, `must equal the number of element sets (${n})`);
  const table = options.reuse ? reuseTable(options.reuse, frame, grid, ids) : allocateStateTable(frame, grid, ids);
  const step = grid.stepS;

  const orbits: Array<J2MeanOrbit | null> = sets.map((set) => (elementSetProblem(set, model) ? null : j2MeanOrbit(set, model)));
  const circularColumns: number[] = [];
  const ellipticColumns: number[] = [];
  const invalidColumns: number[] = [];
  orbits.forEach((o, i) => (o === null ? invalidColumns : o.eccentricity === 0 ? circularColumns : ellipticColumns).push(i));
  const circular = new CircularBatch(circularColumns, orbits, grid.start, step);
  const elliptic = new EllipticBatch(ellipticColumns, orbits, grid.start, step);
  const out: Output = { x: table.x, y: table.y, z: table.z, vx: table.vx, vy: table.vy, vz: table.vz, status: table.status };

  const rot: EarthRotation = { cosG: 1, sinG: 0, xp: 0, yp: 0, hasPolarMotion: false };
  const toItrf = frame === 'ITRF';
  // Work in tiles of OBJECT_BLOCK objects x STEP_CHUNK steps: the per-object recurrence state of a
  // tile stays in cache while its steps are written. The TEME -> ITRF matrices of a chunk's steps
  // are computed once, 18 numbers per step.
  const rotations = new Float64Array(toItrf ? 18 * Math.min(STEP_CHUNK, grid.count) : 18);
  const blocks = Math.max(circular.count, elliptic.count);
  for (let k0 = 0; k0 < grid.count; k0 += STEP_CHUNK) {
    const k1 = Math.min(grid.count, k0 + STEP_CHUNK);
    if (toItrf) {
      for (let k = k0; k < k1; k++) temeToItrfMatrices(earthRotationAt((grid.start + k * step) as Instant, eop, rot), rotations, (k - k0) * 18);
    }
    for (let j0 = 0; j0 < blocks; j0 += OBJECT_BLOCK) {
      const j1 = j0 + OBJECT_BLOCK;
      for (let k = k0; k < k1; k++) {
        if (k % RESEED_EVERY === 0) {
          circular.reseed(k, step, j0, j1);
          elliptic.reseed(k, step, j0, j1);
        }
        const m = toItrf ? (k - k0) * 18 : -1;
        circular.step(k * n, out, rotations, m, j0, j1);
        elliptic.step(k, step, k * n, out, rotations, m, j0, j1);
      }
    }
    for (let k = k0; k < k1; k++) for (const i of invalidColumns) markFailed(table, k * n + i, StateStatus.INVALID_ELEMENTS);
  }
  return table;
}

interface Output {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  vz: Float64Array;
  status: Uint8Array;
}

/**
 * Circular orbits (e = 0): perigee is undefined, so the argument of latitude u = omega + M is
 * carried at rate omegaDot + MDot. Position a (cos u N + sin u W), N toward the node, W 90 deg
 * ahead in the plane; (cos, sin) of node and u advance by fixed rotations each step.
 */
class CircularBatch {
  readonly count: number;
  readonly column: Int32Array;
  readonly a: Float64Array;
  readonly ci: Float64Array;
  readonly si: Float64Array;
  readonly oDot: Float64Array;
  readonly uDot: Float64Array;
  readonly o0: Float64Array;
  readonly u0: Float64Array;
  readonly cO: Float64Array;
  readonly sO: Float64Array;
  readonly cu: Float64Array;
  readonly su: Float64Array;
  readonly cdO: Float64Array;
  readonly sdO: Float64Array;
  readonly cdu: Float64Array;
  readonly sdu: Float64Array;

  constructor(columns: readonly number[], orbits: ReadonlyArray<J2MeanOrbit | null>, start: number, step: number) {
    const m = columns.length;
    this.count = m;
    this.column = Int32Array.from(columns);
    const f = () => new Float64Array(m);
    this.a = f(); this.ci = f(); this.si = f(); this.oDot = f(); this.uDot = f(); this.o0 = f(); this.u0 = f();
    this.cO = f(); this.sO = f(); this.cu = f(); this.su = f(); this.cdO = f(); this.sdO = f(); this.cdu = f(); this.sdu = f();
    for (let j = 0; j < m; j++) {
      const o = orbits[columns[j]] as J2MeanOrbit;
      const dt0 = start - o.epoch;
      this.a[j] = o.semiMajorAxis;
      this.ci[j] = Math.cos(o.inclination);
      this.si[j] = Math.sin(o.inclination);
      this.oDot[j] = o.raanRate;
      this.uDot[j] = o.argOfPerigeeRate + o.meanAnomalyRate;
      this.o0[j] = o.raan + o.raanRate * dt0;
      this.u0[j] = o.argOfPerigee + o.meanAnomaly + this.uDot[j] * dt0;
      this.cdO[j] = Math.cos(this.oDot[j] * step);
      this.sdO[j] = Math.sin(this.oDot[j] * step);
      this.cdu[j] = Math.cos(this.uDot[j] * step);
      this.sdu[j] = Math.sin(this.uDot[j] * step);
    }
  }

  reseed(k: number, step: number, from: number, to: number): void {
    const end = Math.min(to, this.count);
    for (let j = from; j < end; j++) {
      const o = this.o0[j] + this.oDot[j] * step * k;
      const u = this.u0[j] + this.uDot[j] * step * k;
      this.cO[j] = Math.cos(o);
      this.sO[j] = Math.sin(o);
      this.cu[j] = Math.cos(u);
      this.su[j] = Math.sin(u);
    }
  }

  /** Objects from..to-1 at one step; `m` is the offset of the step's ITRF matrices in `rotations`, or -1 for TEME. */
  step(base: number, out: Output, rotations: Float64Array, m: number, from: number, to: number): void {
    const { column, a, ci, si, oDot, uDot, cO, sO, cu, su, cdO, sdO, cdu, sdu } = this;
    const { x, y, z, vx, vy, vz, status } = out;
    const toItrf = m >= 0;
    const r = rotations;
    const at = toItrf ? m : 0;
    const rot0 = r[at], rot1 = r[at + 1], rot2 = r[at + 2], rot3 = r[at + 3], rot4 = r[at + 4], rot5 = r[at + 5], rot6 = r[at + 6], rot7 = r[at + 7], rot8 = r[at + 8];
    const spin0 = r[at + 9], spin1 = r[at + 10], spin2 = r[at + 11], spin3 = r[at + 12], spin4 = r[at + 13], spin5 = r[at + 14], spin6 = r[at + 15], spin7 = r[at + 16], spin8 = r[at + 17];
    const end = Math.min(to, this.count);
    for (let j = from; j < end; j++) {
      const co = cO[j];
      const so = sO[j];
      const cuj = cu[j];
      const suj = su[j];
      const aj = a[j];
      const c = ci[j];
      const px = aj * co;
      const py = aj * so;
      const qx = -py * c;
      const qy = px * c;
      const qz = aj * si[j];
      const rx = px * cuj + qx * suj;
      const ry = py * cuj + qy * suj;
      const ud = uDot[j];
      const od = oDot[j];
      // TEME state; written as is, or as its ITRF image r' = A r, v' = A v + B r.
      const rz = qz * suj;
      const ux = ud * (qx * cuj - px * suj) - od * ry;
      const uy = ud * (qy * cuj - py * suj) + od * rx;
      const uz = ud * qz * cuj;
      const idx = base + column[j];
      status[idx] = StateStatus.OK;
      if (toItrf) {
        x[idx] = rot0 * rx + rot1 * ry + rot2 * rz;
        y[idx] = rot3 * rx + rot4 * ry + rot5 * rz;
        z[idx] = rot6 * rx + rot7 * ry + rot8 * rz;
        vx[idx] = rot0 * ux + rot1 * uy + rot2 * uz + spin0 * rx + spin1 * ry + spin2 * rz;
        vy[idx] = rot3 * ux + rot4 * uy + rot5 * uz + spin3 * rx + spin4 * ry + spin5 * rz;
        vz[idx] = rot6 * ux + rot7 * uy + rot8 * uz + spin6 * rx + spin7 * ry + spin8 * rz;
      } else {
        x[idx] = rx;
        y[idx] = ry;
        z[idx] = rz;
        vx[idx] = ux;
        vy[idx] = uy;
        vz[idx] = uz;
      }
      cO[j] = co * cdO[j] - so * sdO[j];
      sO[j] = so * cdO[j] + co * sdO[j];
      cu[j] = cuj * cdu[j] - suj * sdu[j];
      su[j] = suj * cdu[j] + cuj * sdu[j];
    }
  }
}

/**
 * Eccentric orbits: node and perigee advance by rotations; each step solves Kepler's equation
 * for the change d of eccentric anomaly since the previous step, from the first-order guess
 * dM / (1 - e cos E), with sin d and cos d - 1 by series (two Newton iterations, typically).
 */
class EllipticBatch {
  readonly count: number;
  readonly column: Int32Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly e: Float64Array;
  readonly ci: Float64Array;
  readonly si: Float64Array;
  readonly oDot: Float64Array;
  readonly wDot: Float64Array;
  readonly mDot: Float64Array;
  readonly o0: Float64Array;
  readonly w0: Float64Array;
  readonly m0: Float64Array;
  readonly cO: Float64Array;
  readonly sO: Float64Array;
  readonly cw: Float64Array;
  readonly sw: Float64Array;
  readonly cdO: Float64Array;
  readonly sdO: Float64Array;
  readonly cdw: Float64Array;
  readonly sdw: Float64Array;
  readonly E: Float64Array;
  readonly cE: Float64Array;
  readonly sE: Float64Array;

  constructor(columns: readonly number[], orbits: ReadonlyArray<J2MeanOrbit | null>, start: number, step: number) {
    const m = columns.length;
    this.count = m;
    this.column = Int32Array.from(columns);
    const f = () => new Float64Array(m);
    this.a = f(); this.b = f(); this.e = f(); this.ci = f(); this.si = f(); this.oDot = f(); this.wDot = f(); this.mDot = f();
    this.o0 = f(); this.w0 = f(); this.m0 = f(); this.cO = f(); this.sO = f(); this.cw = f(); this.sw = f();
    this.cdO = f(); this.sdO = f(); this.cdw = f(); this.sdw = f(); this.E = f(); this.cE = f(); this.sE = f();
    for (let j = 0; j < m; j++) {
      const o = orbits[columns[j]] as J2MeanOrbit;
      const dt0 = start - o.epoch;
      this.a[j] = o.semiMajorAxis;
      this.b[j] = o.semiMajorAxis * Math.sqrt(1 - o.eccentricity * o.eccentricity);
      this.e[j] = o.eccentricity;
      this.ci[j] = Math.cos(o.inclination);
      this.si[j] = Math.sin(o.inclination);
      this.oDot[j] = o.raanRate;
      this.wDot[j] = o.argOfPerigeeRate;
      this.mDot[j] = o.meanAnomalyRate;
      this.o0[j] = o.raan + o.raanRate * dt0;
      this.w0[j] = o.argOfPerigee + o.argOfPerigeeRate * dt0;
      this.m0[j] = o.meanAnomaly + o.meanAnomalyRate * dt0;
      this.E[j] = eccentricFromMean(this.m0[j], o.eccentricity);
      this.cdO[j] = Math.cos(o.raanRate * step);
      this.sdO[j] = Math.sin(o.raanRate * step);
      this.cdw[j] = Math.cos(o.argOfPerigeeRate * step);
      this.sdw[j] = Math.sin(o.argOfPerigeeRate * step);
    }
  }

  reseed(k: number, step: number, from: number, to: number): void {
    const end = Math.min(to, this.count);
    for (let j = from; j < end; j++) {
      const o = this.o0[j] + this.oDot[j] * step * k;
      const w = this.w0[j] + this.wDot[j] * step * k;
      this.cO[j] = Math.cos(o);
      this.sO[j] = Math.sin(o);
      this.cw[j] = Math.cos(w);
      this.sw[j] = Math.sin(w);
      this.cE[j] = Math.cos(this.E[j]);
      this.sE[j] = Math.sin(this.E[j]);
    }
  }

  step(k: number, step: number, base: number, out: Output, rotations: Float64Array, m: number, from: number, to: number): void {
    const { column, a, b, e: ecc, ci, si, oDot, wDot, mDot, m0, cO, sO, cw, sw, cdO, sdO, cdw, sdw, E, cE, sE } = this;
    const { x, y, z, vx, vy, vz, status } = out;
    const toItrf = m >= 0;
    const r = rotations;
    const at = toItrf ? m : 0;
    const rot0 = r[at], rot1 = r[at + 1], rot2 = r[at + 2], rot3 = r[at + 3], rot4 = r[at + 4], rot5 = r[at + 5], rot6 = r[at + 6], rot7 = r[at + 7], rot8 = r[at + 8];
    const spin0 = r[at + 9], spin1 = r[at + 10], spin2 = r[at + 11], spin3 = r[at + 12], spin4 = r[at + 13], spin5 = r[at + 14], spin6 = r[at + 15], spin7 = r[at + 16], spin8 = r[at + 17];
    const end = Math.min(to, this.count);
    for (let j = from; j < end; j++) {
      const e = ecc[j];
      const md = mDot[j];
      const E0 = E[j];
      const cE0 = cE[j];
      const sE0 = sE[j];
      const dm = m0[j] + md * step * k - (E0 - e * sE0);
      let d = dm / (1 - e * cE0);
      let sd = 0;
      let cdm1 = 0;
      for (let it = 0; it < 50; it++) {
        sd = sinAny(d);
        cdm1 = cosMinusOneAny(d);
        const f = d - e * (sE0 * cdm1 + cE0 * sd) - dm;
        const correction = f / (1 - e * (cE0 * (1 + cdm1) - sE0 * sd));
        d -= correction;
        // Newton's error after this step is about e/(2(1-e)) correction^2: below 1e-17 rad from here.
        if (correction < 1e-9 && correction > -1e-9) {
          const cd = 1 + cdm1;
          cdm1 += sd * correction;
          sd -= cd * correction;
          break;
        }
      }
      const cEj = cE0 + (cE0 * cdm1 - sE0 * sd);
      const sEj = sE0 + (sE0 * cdm1 + cE0 * sd);
      E[j] = E0 + d;
      cE[j] = cEj;
      sE[j] = sEj;
      const aj = a[j];
      const bj = b[j];
      const eDot = md / (1 - e * cEj);
      const xp = aj * (cEj - e);
      const yp = bj * sEj;
      const vxp = -aj * sEj * eDot;
      const vyp = bj * cEj * eDot;
      const co = cO[j];
      const so = sO[j];
      const cwj = cw[j];
      const swj = sw[j];
      const c = ci[j];
      const s = si[j];
      const px = co * cwj - so * swj * c;
      const py = so * cwj + co * swj * c;
      const pz = swj * s;
      const qx = -co * swj - so * cwj * c;
      const qy = -so * swj + co * cwj * c;
      const qz = cwj * s;
      const rx = xp * px + yp * qx;
      const ry = xp * py + yp * qy;
      const rz = xp * pz + yp * qz;
      // Orbit normal h = (sin O sin i, -cos O sin i, cos i): the perigee drifts about h, the node about z.
      const hx = so * s;
      const hy = -co * s;
      const wd = wDot[j];
      const od = oDot[j];
      const ux = vxp * px + vyp * qx + wd * (hy * rz - c * ry) - od * ry;
      const uy = vxp * py + vyp * qy + wd * (c * rx - hx * rz) + od * rx;
      const uz = vxp * pz + vyp * qz + wd * (hx * ry - hy * rx);
      const idx = base + column[j];
      status[idx] = StateStatus.OK;
      if (toItrf) {
        x[idx] = rot0 * rx + rot1 * ry + rot2 * rz;
        y[idx] = rot3 * rx + rot4 * ry + rot5 * rz;
        z[idx] = rot6 * rx + rot7 * ry + rot8 * rz;
        vx[idx] = rot0 * ux + rot1 * uy + rot2 * uz + spin0 * rx + spin1 * ry + spin2 * rz;
        vy[idx] = rot3 * ux + rot4 * uy + rot5 * uz + spin3 * rx + spin4 * ry + spin5 * rz;
        vz[idx] = rot6 * ux + rot7 * uy + rot8 * uz + spin6 * rx + spin7 * ry + spin8 * rz;
      } else {
        x[idx] = rx;
        y[idx] = ry;
        z[idx] = rz;
        vx[idx] = ux;
        vy[idx] = uy;
        vz[idx] = uz;
      }
      cO[j] = co * cdO[j] - so * sdO[j];
      sO[j] = so * cdO[j] + co * sdO[j];
      cw[j] = cwj * cdw[j] - swj * sdw[j];
      sw[j] = swj * cdw[j] + cwj * sdw[j];
    }
  }
}

function sinAny(d: number): number {
  return d < 0.5 && d > -0.5 ? sinSmall(d) : Math.sin(d);
}

function cosMinusOneAny(d: number): number {
  return d < 0.5 && d > -0.5 ? cosMinusOneSmall(d) : Math.cos(d) - 1;
}

// Taylor coefficients 1/3!, 1/5!, ... and 1/2!, 1/4!, ...: multiplications, not divisions, in the loop.
const S3 = -1 / 6;
const S5 = 1 / 120;
const S7 = -1 / 5040;
const S9 = 1 / 362880;
const S11 = -1 / 39916800;
const S13 = 1 / 6227020800;
const C2 = -1 / 2;
const C4 = 1 / 24;
const C6 = -1 / 720;
const C8 = 1 / 40320;
const C10 = -1 / 3628800;
const C12 = 1 / 479001600;
const C14 = -1 / 87178291200;

/** sin d for |d| < 0.5 to double precision (Taylor to d^13; the next term is below 3e-17). */
function sinSmall(d: number): number {
  const d2 = d * d;
  return d + d * d2 * (S3 + d2 * (S5 + d2 * (S7 + d2 * (S9 + d2 * (S11 + d2 * S13)))));
}

/** cos d - 1 for |d| < 0.5 to double precision, without the cancellation of computing cos d first. */
function cosMinusOneSmall(d: number): number {
  const d2 = d * d;
  return d2 * (C2 + d2 * (C4 + d2 * (C6 + d2 * (C8 + d2 * (C10 + d2 * (C12 + d2 * C14))))));
}

/**
 * The TEME -> ITRF rotation of src/frames/teme-itrf.ts as two 3x3 matrices written row-major to
 * out[offset..offset+17], so that a bulk loop applies it in registers: r_itrf = A r,
 * v_itrf = A v + B r, with A = W^T R3(gmst) and B = W^T (omega_earth x) R3(gmst) for the
 * Earth-rotation term.
 */
function temeToItrfMatrices(rot: EarthRotation, out: Float64Array, offset: number): void {
  const { cosG: c, sinG: s } = rot;
  const w = EARTH_ROTATION_RATE;
  // R3(gmst) rows; the rotation term takes PEF (px, py) to (w py, -w px).
  const r0 = [c, s, 0];
  const r1 = [-s, c, 0];
  const r2 = [0, 0, 1];
  const k0 = [w * r1[0], w * r1[1], 0];
  const k1 = [-w * r0[0], -w * r0[1], 0];
  const k2 = [0, 0, 0];
  let wt: number[][] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  if (rot.hasPolarMotion) {
    const cx = Math.cos(rot.xp);
    const sx = Math.sin(rot.xp);
    const cy = Math.cos(rot.yp);
    const sy = Math.sin(rot.yp);
    wt = [[cx, sx * sy, sx * cy], [0, cy, -sy], [-sx, cx * sy, cx * cy]];
  }
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      out[offset + row * 3 + col] = wt[row][0] * r0[col] + wt[row][1] * r1[col] + wt[row][2] * r2[col];
      out[offset + 9 + row * 3 + col] = wt[row][0] * k0[col] + wt[row][1] * k1[col] + wt[row][2] * k2[col];
    }
  }
}

function reuseTable<F extends 'TEME' | 'ITRF'>(old: StateTable<'TEME' | 'ITRF'>, frame: F, grid: TimeGrid, ids: readonly string[]): StateTable<F> {
  if (old.nObjects !== ids.length) throw new InputError('reuse.nObjects', old.nObjects, `must equal the number of element sets (${ids.length})`);
  if (old.x.length !== grid.count * ids.length) throw new InputError('reuse.length', old.x.length, `must equal steps x objects (${grid.count * ids.length})`);
  return { ...old, frame, grid, ids };
}
