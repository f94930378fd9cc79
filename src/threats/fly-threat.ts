import type { Geodetic } from '../frames/types.ts';
import { InputError } from '../math/errors.ts';
import { DEG } from '../math/units.ts';
import type { Instant } from '../time/instant.ts';
import { type FlightControls, type FlightOutcome, type FlightSetup, flyOnce } from './flight.ts';
import { type FlightEarth, type FlightEarthOptions, bearing, centralAngle, flightEarth, heightAbove, surfacePoint } from './geometry.ts';
import { minimumEnergyFlightPathAngle, minimumEnergyFlightPathAngleBetween } from './kepler-ballistic.ts';
import { type Manoeuvre, validateManoeuvres } from './manoeuvres.ts';
import type { Profile, Trajectory } from './trajectory.ts';
import { type BallisticVehicle, type GlideVehicle, type ThreatVehicle, validateVehicle } from './vehicle.ts';

export interface ThreatRequest {
  /** Launch and aim points: latitude and longitude in radians (WGS-84 geodetic, or spherical with `earth.spherical`). */
  launch: { lat: number; lon: number };
  /**
   * `height` (m, default 0): ballistic vehicles may aim at a point above the ground (a burst
   * height, or the symmetric textbook case); the flight is aimed to pass through it on the way
   * down and continues to the ground.
   */
  aim: { lat: number; lon: number; height?: number };
  launchTime: Instant;
  /** Ballistic profile; gliders ignore it. Default 'min-energy'. */
  profile?: Profile;
  /** Depressed or lofted: the apogee height to fly, m. */
  apogee?: number;
  /** Depressed or lofted: the burnout flight-path angle, rad (instead of an apogee). */
  burnoutFlightPathAngle?: number;
  manoeuvres?: readonly Manoeuvre[];
  id?: string;
  earth?: FlightEarthOptions;
  /** 'dopri5' (default, relative tolerance `rtol`, default 1e-9) or fixed-step 'rk4' with `step` s. */
  integrator?: { method?: 'dopri5' | 'rk4'; rtol?: number; step?: number };
  /** Impact miss the targeting aims for, m (default 50). */
  missTolerance?: number;
}

/** Highest aim point accepted, m above the ground. */
const MAX_AIM_HEIGHT = 1_000_000;

/** Default offsets of the depressed and lofted profiles from the minimum-energy burnout angle. */
export const DEPRESSED_OFFSET = -10 * DEG;
export const LOFTED_OFFSET = 15 * DEG;

interface Evaluation {
  outcome: FlightOutcome;
  down: number;
  cross: number;
  profileResidual: number;
}

/**
 * Flies a threat from launch to impact on its aim point: solves for the boost controls
 * (thrust termination, burnout flight-path angle, launch azimuth) that put the impact on the
 * aim in the model's own physics, then returns the flight. Throws InputError for an aim beyond
 * the vehicle's reach (naming the reach) and for impossible vehicle parameters.
 */
export function flyThreat(vehicle: ThreatVehicle, request: ThreatRequest): Trajectory {
  validateVehicle(vehicle);
  const profile = request.profile ?? 'min-energy';
  if (!['min-energy', 'depressed', 'lofted'].includes(profile)) throw new InputError('profile', profile, "must be 'min-energy', 'depressed' or 'lofted'");
  checkPoint('launch', request.launch);
  checkPoint('aim', request.aim);
  const aimHeight = request.aim.height ?? 0;
  if (!(Number.isFinite(aimHeight) && aimHeight >= 0 && aimHeight < MAX_AIM_HEIGHT)) {
    throw new InputError('aim.height', aimHeight, `must be a height in m from 0 to ${MAX_AIM_HEIGHT}`);
  }
  if (aimHeight > 0 && vehicle.kind === 'glide') throw new InputError('aim.height', aimHeight, `applies only to ballistic vehicles (${vehicle.name} is a glider)`);
  if (!Number.isFinite(request.launchTime)) throw new InputError('launchTime', request.launchTime, 'must be a finite Instant');
  if (request.apogee !== undefined && !(request.apogee > 0 && Number.isFinite(request.apogee))) {
    throw new InputError('apogee', request.apogee, 'must be a positive height in m');
  }
  if (request.apogee !== undefined && profile === 'min-energy') {
    throw new InputError('apogee', request.apogee, 'applies only to the depressed and lofted profiles (min-energy fixes its own apogee)');
  }
  if (vehicle.kind === 'glide' && (request.apogee !== undefined || request.burnoutFlightPathAngle !== undefined || profile !== 'min-energy')) {
    throw new InputError(request.apogee !== undefined ? 'apogee' : request.burnoutFlightPathAngle !== undefined ? 'burnoutFlightPathAngle' : 'profile', request.apogee ?? request.burnoutFlightPathAngle ?? profile, `applies only to ballistic vehicles (${vehicle.name} is a glider)`);
  }
  if (request.burnoutFlightPathAngle !== undefined && !(request.burnoutFlightPathAngle > 0 && request.burnoutFlightPathAngle < Math.PI / 2)) {
    throw new InputError('burnoutFlightPathAngle', request.burnoutFlightPathAngle, 'must be between 0 and pi/2 rad');
  }
  const manoeuvres = request.manoeuvres ?? [];
  validateManoeuvres(manoeuvres);
  const method = request.integrator?.method ?? 'dopri5';
  const rtol = request.integrator?.rtol ?? 1e-9;
  const step = request.integrator?.step ?? 0.5;
  if (method !== 'dopri5' && method !== 'rk4') throw new InputError('integrator.method', method, "must be 'dopri5' or 'rk4'");
  if (!(rtol > 0 && rtol < 1e-2)) throw new InputError('integrator.rtol', rtol, 'must be between 0 and 1e-2');
  if (!(step > 0 && step <= 60)) throw new InputError('integrator.step', step, 'must be between 0 and 60 s');
  const missTolerance = request.missTolerance ?? 50;
  if (!(missTolerance > 0)) throw new InputError('missTolerance', missTolerance, 'must be a positive distance in m');

  const earth = flightEarth(request.earth);
  const launchPos = surfacePoint(earth, request.launch.lat, request.launch.lon, 0);
  const aimPos = surfacePoint(earth, request.aim.lat, request.aim.lon, aimHeight);
  const groundAngle = centralAngle(launchPos, aimPos);
  if (groundAngle * earth.radius < 10_000) throw new InputError('aim', formatPoint(request.aim), 'must be at least 10 km from the launch point');
  const setup: FlightSetup = {
    vehicle,
    earth,
    launchLat: request.launch.lat,
    launchLon: request.launch.lon,
    aim: aimPos,
    manoeuvres,
    integrator: { method, rtol, step },
  };
  const counter = { flights: 0, steps: 0, evaluations: 0 };
  const fly = (c: FlightControls) => {
    const o = flyOnce(setup, c);
    counter.flights++;
    counter.steps += o.steps;
    counter.evaluations += o.evaluations;
    return o;
  };
  const solved =
    vehicle.kind === 'ballistic'
      ? targetBallistic(vehicle, setup, request, profile, groundAngle, launchPos, aimPos, aimHeight, fly, missTolerance)
      : targetGlide(vehicle, setup, launchPos, aimPos, fly);
  return buildTrajectory(vehicle, request, profile, setup, solved.outcome, solved.controls, counter, launchPos, aimPos, aimHeight);
}

function checkPoint(field: string, p: { lat: number; lon: number } | undefined): void {
  if (!p || !Number.isFinite(p.lat) || Math.abs(p.lat) > Math.PI / 2) throw new InputError(`${field}.lat`, p?.lat, 'must be a latitude in [-pi/2, pi/2] rad');
  if (!Number.isFinite(p.lon)) throw new InputError(`${field}.lon`, p.lon, 'must be a finite longitude in rad');
}

function formatPoint(p: { lat: number; lon: number }): string {
  return `${(p.lat / DEG).toFixed(4)},${(p.lon / DEG).toFixed(4)}`;
}

/** Impact miss split along the great circle from launch to aim (down-range) and across it (to the left), m. */
function missComponents(impact: ArrayLike<number>, launchPos: Float64Array, aimPos: Float64Array): { down: number; cross: number } {
  const nx = launchPos[1] * aimPos[2] - launchPos[2] * aimPos[1];
  const ny = launchPos[2] * aimPos[0] - launchPos[0] * aimPos[2];
  const nz = launchPos[0] * aimPos[1] - launchPos[1] * aimPos[0];
  const nn = Math.hypot(nx, ny, nz);
  const ra = Math.hypot(aimPos[0], aimPos[1], aimPos[2]);
  const ux = nx / nn, uy = ny / nn, uz = nz / nn;
  const ax = aimPos[0] / ra, ay = aimPos[1] / ra, az = aimPos[2] / ra;
  // Direction of travel at the aim: normal x aim.
  const tx = uy * az - uz * ay, ty = uz * ax - ux * az, tz = ux * ay - uy * ax;
  const mx = impact[0] - aimPos[0], my = impact[1] - aimPos[1], mz = impact[2] - aimPos[2];
  // Down-range as a ground angle, so long overshoots and shortfalls stay monotone.
  const ri = Math.hypot(impact[0], impact[1], impact[2]);
  const along = Math.atan2(impact[0] * tx + impact[1] * ty + impact[2] * tz, (impact[0] * ax + impact[1] * ay + impact[2] * az)) * ri;
  return { down: along, cross: mx * ux + my * uy + mz * uz };
}

/** Largest free-flight angle the minimum-energy condition uses; beyond it the angle is held (near-orbital flights). */
const MAX_TRANSFER_ANGLE = 0.8 * Math.PI;

/**
 * The burnout state's inertial flight-path angle, and the flight-path angle of the least-energy
 * conic from the burnout point to a target fixed to the Earth and reached `flightTime` s after
 * burnout (Lambert's minimum-energy ellipse between the two radii). Both are taken in the
 * inertial frame that coincides with ITRF at burnout: the burnout velocity gains w x r and the
 * target has turned east by w * flightTime when the warhead arrives.
 */
function minimumEnergyAngles(omega: number, s: Float64Array, target: ArrayLike<number>, flightTime: number): { gamma: number; gammaMin: number } {
  const vx = s[3] - omega * s[1];
  const vy = s[4] + omega * s[0];
  const vz = s[5];
  const r = Math.hypot(s[0], s[1], s[2]);
  const v = Math.hypot(vx, vy, vz);
  const gamma = Math.asin((s[0] * vx + s[1] * vy + s[2] * vz) / (r * v));
  const turn = omega * Math.max(0, flightTime);
  const c = Math.cos(turn);
  const sn = Math.sin(turn);
  const arrival = [c * target[0] - sn * target[1], sn * target[0] + c * target[1], target[2]];
  const theta = Math.min(centralAngle(s, arrival), MAX_TRANSFER_ANGLE);
  return { gamma, gammaMin: minimumEnergyFlightPathAngleBetween(r, Math.hypot(arrival[0], arrival[1], arrival[2]), theta) };
}

/**
 * The flight's state where it comes down through the aim's height (bisection on the dense
 * record; the state at the apogee if it never rises that high). For an aim on the ground, the
 * impact state.
 */
function aimCrossing(o: FlightOutcome, earth: FlightEarth, aimHeight: number): Float64Array {
  if (aimHeight <= 0 || o.end !== 'impact') return o.finalState;
  const s = new Float64Array(7);
  const heightAt = (t: number) => {
    o.dense.evaluate(t, s);
    return heightAbove(earth, s[0], s[1], s[2]);
  };
  let lo = Number.isFinite(o.apogee) ? o.apogee : o.burnout;
  let hi = o.impact;
  if (heightAt(lo) <= aimHeight) return s;
  for (let k = 0; k < 60 && hi - lo > 1e-7; k++) {
    const mid = 0.5 * (lo + hi);
    if (heightAt(mid) > aimHeight) lo = mid;
    else hi = mid;
  }
  heightAt(0.5 * (lo + hi));
  return s;
}

function targetBallistic(
  vehicle: BallisticVehicle,
  setup: FlightSetup,
  request: ThreatRequest,
  profile: Profile,
  groundAngle: number,
  launchPos: Float64Array,
  aimPos: Float64Array,
  aimHeight: number,
  fly: (c: FlightControls) => FlightOutcome,
  missTolerance: number,
): { outcome: FlightOutcome; controls: FlightControls } {
  const earth = setup.earth;
  const fullBurn = vehicle.booster.stages.reduce((s, st) => s + st.burnTime, 0);
  const minCutoff = vehicle.booster.verticalRise + vehicle.booster.kickDuration + 1;
  const azimuth0 = bearing(launchPos, aimPos);
  const fixedGamma = request.burnoutFlightPathAngle;
  const apogeeGoal = request.apogee;
  const offset = profile === 'depressed' ? DEPRESSED_OFFSET : profile === 'lofted' ? LOFTED_OFFSET : 0;
  // Unknowns: cutoff (s), burnout flight-path angle (deg), azimuth (deg). With a fixed angle, two.
  const gammaFree = fixedGamma === undefined;
  const evaluate = (u: number[]): Evaluation => {
    const controls: FlightControls = {
      cutoff: u[0],
      burnoutFlightPathAngle: (gammaFree ? u[1] : (fixedGamma as number) / DEG) * DEG,
      azimuth: u[gammaFree ? 2 : 1] * DEG,
    };
    const outcome = fly(controls);
    let { down, cross } = missComponents(aimCrossing(outcome, earth, aimHeight), launchPos, aimPos);
    if (outcome.end !== 'impact') {
      down = 1e8;
      cross = 0;
    }
    let profileResidual = 0;
    if (gammaFree) {
      if (apogeeGoal !== undefined) profileResidual = (outcome.apogeeHeight - apogeeGoal) / 1000;
      else {
        // The least-energy conic from this burnout point to the aim, arriving when this flight arrives.
        const { gamma, gammaMin } = minimumEnergyAngles(earth.omega, outcome.burnoutState, aimPos, outcome.impact - outcome.burnout);
        profileResidual = (gamma - gammaMin - offset) / DEG;
      }
    }
    return { outcome, down, cross, profileResidual };
  };
  const residual = (e: Evaluation) => (gammaFree ? [e.down / 1000, e.profileResidual, e.cross / 1000] : [e.down / 1000, e.cross / 1000]);
  // First guess: the symmetric optimum for most of the ground angle.
  const gamma0 = (fixedGamma ?? minimumEnergyFlightPathAngle(groundAngle * 0.9) + offset) / DEG;
  const clampU = (u: number[]) => {
    u[0] = Math.min(fullBurn, Math.max(minCutoff, u[0]));
    if (gammaFree) u[1] = Math.min(85, Math.max(1, u[1]));
    return u;
  };
  const make = (cut: number, gammaDeg: number, azDeg: number) => (gammaFree ? [cut, gammaDeg, azDeg] : [cut, azDeg]);

  // Full burn first: if even that falls short, the aim is out of reach.
  let gamma = gamma0;
  let full = evaluate(make(fullBurn, gamma, azimuth0 / DEG));
  if (gammaFree && apogeeGoal === undefined) {
    for (let k = 0; k < 3 && full.down < 0; k++) {
      gamma = Math.min(85, Math.max(1, gamma - full.profileResidual));
      full = evaluate(make(fullBurn, gamma, azimuth0 / DEG));
    }
  }
  if (full.down < 0) throw reachError(vehicle.name, profile, full.outcome, launchPos, aimPos, earth.radius);

  // Bracket the cutoff on down-range with the angle held (Illinois), to within 20 km.
  let a = minCutoff;
  const ea = evaluate(make(a, gamma, azimuth0 / DEG));
  let b = fullBurn;
  const eb = full;
  let best = Math.abs(ea.down) < Math.abs(eb.down) ? { u: make(a, gamma, azimuth0 / DEG), e: ea } : { u: make(b, gamma, azimuth0 / DEG), e: eb };
  if (ea.down < 0) {
    let side = 0;
    let fa = ea.down;
    let fb = eb.down;
    for (let k = 0; k < 30 && Math.abs(best.e.down) > 20_000; k++) {
      let c = (a * fb - b * fa) / (fb - fa);
      if (!(c > a && c < b)) c = 0.5 * (a + b);
      const ec = evaluate(make(c, gamma, azimuth0 / DEG));
      if (Math.abs(ec.down) < Math.abs(best.e.down)) best = { u: make(c, gamma, azimuth0 / DEG), e: ec };
      if (ec.down < 0) {
        a = c;
        fa = ec.down;
        if (side === -1) fb *= 0.5;
        side = -1;
      } else {
        b = c;
        fb = ec.down;
        if (side === 1) fa *= 0.5;
        side = 1;
      }
      if (b - a < 1e-6) break;
    }
  }

  // Newton on all unknowns with a finite-difference Jacobian, Broyden updates, and halving.
  const steps = gammaFree ? [0.02, 0.02, 0.01] : [0.02, 0.01];
  const dim = steps.length;
  let u = clampU(best.u.slice());
  let e = best.e;
  let f = residual(e);
  const tolerances = gammaFree ? [missTolerance / 2000, apogeeGoal !== undefined ? 0.5 : 0.01, missTolerance / 2000] : [missTolerance / 2000, missTolerance / 2000];
  const converged = (r: number[]) => r.every((x, i) => Math.abs(x) <= tolerances[i]);
  const norm = (r: number[]) => Math.hypot(...r.map((x, i) => x / tolerances[i]));
  const jacobian = (): number[][] => {
    const jac = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
    for (let j = 0; j < dim; j++) {
      const up = u.slice();
      let h = steps[j];
      if (j === 0 && up[0] + h > fullBurn) h = -h;
      up[j] += h;
      const fj = residual(evaluate(up));
      for (let i = 0; i < dim; i++) jac[i][j] = (fj[i] - f[i]) / h;
    }
    return jac;
  };
  let jac = jacobian();
  for (let iter = 0; iter < 20 && !converged(f); iter++) {
    const du = solveSmall(jac, f.map((x) => -x));
    if (!du) break;
    let lambda = 1;
    let accepted = false;
    for (let tries = 0; tries < 4; tries++) {
      const trial = clampU(u.map((x, i) => x + lambda * du[i]));
      const et = evaluate(trial);
      const ft = residual(et);
      if (norm(ft) < norm(f)) {
        const s = trial.map((x, i) => x - u[i]);
        const ss = s.reduce((acc, x) => acc + x * x, 0);
        if (ss > 0) {
          const js = jac.map((row) => row.reduce((acc, x, k) => acc + x * s[k], 0));
          for (let i = 0; i < dim; i++) for (let k = 0; k < dim; k++) jac[i][k] += ((ft[i] - f[i] - js[i]) * s[k]) / ss;
        }
        u = trial;
        e = et;
        f = ft;
        accepted = true;
        break;
      }
      lambda *= 0.5;
    }
    if (!accepted) {
      if (u[0] >= fullBurn - 1e-9 && f[0] < 0) break;
      jac = jacobian();
    }
  }
  if (u[0] >= fullBurn - 1e-9 && e.down < -missTolerance) throw reachError(vehicle.name, profile, e.outcome, launchPos, aimPos, earth.radius);
  return {
    outcome: e.outcome,
    controls: {
      cutoff: u[0],
      burnoutFlightPathAngle: (gammaFree ? u[1] : (fixedGamma as number) / DEG) * DEG,
      azimuth: u[gammaFree ? 2 : 1] * DEG,
    },
  };
}

function targetGlide(
  vehicle: GlideVehicle,
  setup: FlightSetup,
  launchPos: Float64Array,
  aimPos: Float64Array,
  fly: (c: FlightControls) => FlightOutcome,
): { outcome: FlightOutcome; controls: FlightControls } {
  const fullBurn = vehicle.booster.stages.reduce((s, st) => s + st.burnTime, 0);
  const minCutoff = vehicle.booster.verticalRise + vehicle.booster.kickDuration + 1;
  const azimuth = bearing(launchPos, aimPos);
  const controls = (cutoff: number): FlightControls => ({ cutoff, azimuth, burnoutFlightPathAngle: vehicle.releaseFlightPathAngle });
  // Energy management: thrust is cut so the glider begins its dive near its terminal speed.
  const score = (o: FlightOutcome) => {
    if (o.end === 'timeout') return vehicle.terminalSpeed;
    if (o.end === 'fell-short') return -vehicle.terminalSpeed;
    // An impact without a dive is a crash short of the aim.
    return Number.isFinite(o.diveStartSpeed) ? o.diveStartSpeed - vehicle.terminalSpeed : -vehicle.terminalSpeed;
  };
  const full = fly(controls(fullBurn));
  if (full.end === 'fell-short') throw reachError(vehicle.name, 'glide', full, launchPos, aimPos, setup.earth.radius);
  let fb = score(full);
  if (fb <= 0) return { outcome: full, controls: controls(fullBurn) };
  let a = minCutoff;
  const oa = fly(controls(a));
  let fa = score(oa);
  if (fa >= 0 && oa.end === 'impact') return { outcome: oa, controls: controls(a) };
  let b = fullBurn;
  let ob = full;
  let side = 0;
  for (let k = 0; k < 12; k++) {
    let c = (a * fb - b * fa) / (fb - fa);
    if (!(c > a && c < b)) c = 0.5 * (a + b);
    const oc = fly(controls(c));
    const fc = score(oc);
    if (fc >= 0 && oc.end === 'impact') {
      b = c;
      ob = oc;
      fb = fc;
      if (side === 1) fa *= 0.5;
      side = 1;
      if (fc < 0.05 * vehicle.terminalSpeed) break;
    } else {
      a = c;
      fa = fc;
      if (side === -1) fb *= 0.5;
      side = -1;
    }
    if (b - a < 0.05) break;
  }
  return { outcome: ob, controls: controls(b) };
}

function reachError(name: string, profile: string, o: FlightOutcome, launchPos: Float64Array, aimPos: Float64Array, radius: number): InputError {
  const reached = centralAngle(launchPos, o.finalState) * radius;
  const wanted = centralAngle(launchPos, aimPos) * radius;
  return new InputError(
    'aim',
    `${(wanted / 1000).toFixed(0)} km away`,
    `is beyond the reach of ${name} (${profile}): about ${(reached / 1000).toFixed(0)} km from this launch point in this direction`,
  );
}

/** Gaussian elimination with partial pivoting for the 2x2 and 3x3 targeting systems. */
function solveSmall(m: number[][], rhs: number[]): number[] | null {
  const n = rhs.length;
  const a = m.map((row, i) => [...row, rhs[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (Math.abs(a[p][c]) < 1e-300) return null;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = a[r][c] / a[c][c];
      for (let q = c; q <= n; q++) a[r][q] -= k * a[c][q];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

function buildTrajectory(
  vehicle: ThreatVehicle,
  request: ThreatRequest,
  profile: Profile,
  setup: FlightSetup,
  o: FlightOutcome,
  controls: FlightControls,
  cost: { flights: number; steps: number; evaluations: number },
  launchPos: Float64Array,
  aimPos: Float64Array,
  aimHeight: number,
): Trajectory {
  const earth = setup.earth;
  const s = new Float64Array(7);
  let maxSpeed = 0;
  let maxHeight = o.apogeeHeight;
  // The dense record at 1 s and at every step end: speed peaks at burnout or in re-entry.
  const sample = (t: number) => {
    o.dense.evaluate(t, s);
    maxSpeed = Math.max(maxSpeed, Math.hypot(s[3], s[4], s[5]));
    maxHeight = Math.max(maxHeight, heightAbove(earth, s[0], s[1], s[2]));
  };
  for (let t = 0; t < o.impact; t += 1) sample(t);
  for (const t of o.dense.pieceTimes()) sample(t);
  sample(o.impact);
  const bs = o.burnoutState;
  const vb = Math.hypot(bs[3], bs[4], bs[5]);
  const rb = Math.hypot(bs[0], bs[1], bs[2]);
  const launch: Geodetic = { lat: request.launch.lat, lon: request.launch.lon, height: 0 };
  const aim: Geodetic = { lat: request.aim.lat, lon: request.aim.lon, height: aimHeight };
  const impact = o.finalState;
  const atAim = aimCrossing(o, earth, aimHeight);
  return {
    id: request.id ?? vehicle.name,
    vehicle,
    profile,
    launchTime: request.launchTime,
    launch,
    aim,
    aimItrf: aimPos,
    earth,
    manoeuvres: request.manoeuvres ?? [],
    dense: o.dense,
    phases: o.phases,
    events: { burnout: o.burnout, apogee: o.apogee, release: o.release, diveStart: o.diveStart, impact: o.impact },
    controls: { ...controls },
    summary: {
      range: centralAngle(launchPos, impact) * earth.radius,
      flightTime: o.impact,
      apogee: maxHeight,
      maxSpeed,
      impactError: Math.hypot(atAim[0] - aimPos[0], atAim[1] - aimPos[1], atAim[2] - aimPos[2]),
      burnoutTime: o.burnout,
      burnoutSpeed: vb,
      burnoutHeight: heightAbove(earth, bs[0], bs[1], bs[2]),
      burnoutFlightPathAngle: Math.asin((bs[0] * bs[3] + bs[1] * bs[4] + bs[2] * bs[5]) / (rb * vb)),
    },
    cost: { ...cost },
  };
}

/**
 * How far a vehicle flies from a launch point along an azimuth on a full burn (m, ground distance
 * over the sphere of mean radius): ballistic vehicles on the minimum-energy burnout angle to
 * their own impact point (the longest flight for the burnout speed),
 * gliders until they slow to their minimum speed (or reach the ground).
 */
export function threatReach(
  vehicle: ThreatVehicle,
  options: { launch: { lat: number; lon: number }; azimuth: number; earth?: FlightEarthOptions; profile?: Profile },
): number {
  validateVehicle(vehicle);
  checkPoint('launch', options.launch);
  if (!Number.isFinite(options.azimuth)) throw new InputError('azimuth', options.azimuth, 'must be a finite angle in rad');
  const earth = flightEarth(options.earth);
  const launchPos = surfacePoint(earth, options.launch.lat, options.launch.lon, 0);
  // An aim far along the azimuth keeps gliders homing in that direction and never diving.
  const d = 0.95 * Math.PI;
  const lat = Math.asin(Math.sin(options.launch.lat) * Math.cos(d) + Math.cos(options.launch.lat) * Math.sin(d) * Math.cos(options.azimuth));
  const lon = options.launch.lon + Math.atan2(Math.sin(options.azimuth) * Math.sin(d) * Math.cos(options.launch.lat), Math.cos(d) - Math.sin(options.launch.lat) * Math.sin(lat));
  const aim = surfacePoint(earth, lat, lon, 0);
  const setup: FlightSetup = {
    vehicle,
    earth,
    launchLat: options.launch.lat,
    launchLon: options.launch.lon,
    aim,
    manoeuvres: [],
    integrator: { method: 'dopri5', rtol: 1e-9, step: 1 },
  };
  const fullBurn = vehicle.booster.stages.reduce((s, st) => s + st.burnTime, 0);
  if (vehicle.kind === 'glide') {
    const o = flyOnce(setup, { azimuth: options.azimuth, cutoff: fullBurn, burnoutFlightPathAngle: vehicle.releaseFlightPathAngle });
    return o.end === 'timeout' ? Number.POSITIVE_INFINITY : centralAngle(launchPos, o.finalState) * earth.radius;
  }
  const profile = options.profile ?? 'min-energy';
  const offset = profile === 'depressed' ? DEPRESSED_OFFSET : profile === 'lofted' ? LOFTED_OFFSET : 0;
  let gamma = minimumEnergyFlightPathAngle(1.2) + offset;
  let best = 0;
  for (let k = 0; k < 6; k++) {
    const o = flyOnce(setup, { azimuth: options.azimuth, cutoff: fullBurn, burnoutFlightPathAngle: gamma });
    if (o.end !== 'impact') return Number.POSITIVE_INFINITY;
    best = centralAngle(launchPos, o.finalState) * earth.radius;
    // The least-energy conic to where this flight came down is the longest for its burnout
    // speed: iterating the angle onto it finds the reach.
    const { gamma: g, gammaMin } = minimumEnergyAngles(earth.omega, o.burnoutState, o.finalState, o.impact - o.burnout);
    const step = gammaMin + offset - g;
    gamma = Math.min(85 * DEG, Math.max(DEG, gamma + step));
    if (Math.abs(step) < 0.01 * DEG) break;
  }
  return best;
}
