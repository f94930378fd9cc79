import { atmosphericDensity, speedOfSound } from '../bodies/atmosphere.ts';
import { G0 } from '../bodies/earth.ts';
import { gravityAcceleration } from '../bodies/gravity.ts';
import { DenseSolution, integrate, type IntegrateOptions, type OdeEvent } from '../math/ode/index.ts';
import { type AeroResult, gliderAero, gliderBallisticCoefficient, maxLiftAcceleration, maxLiftToDrag } from './aero.ts';
import { type FlightEarth, eastNorth, heightAbove, surfacePoint } from './geometry.ts';
import { type Manoeuvre, headingOffset, manoeuvreBreakpoints } from './manoeuvres.ts';
import type { ThreatVehicle } from './vehicle.ts';

/**
 * One flight with given controls, in the Earth-fixed frame (ITRF) with the rotating-frame
 * terms (Coriolis and centrifugal), so the air is at rest in the frame and aerodynamic forces
 * use the frame's velocity directly. State: x, y, z (m), vx, vy, vz (m/s), mass (kg).
 *
 * Boost guidance: vertical rise, a pitch-over kick toward the launch azimuth, a gravity turn
 * (thrust along the air-relative velocity) through the first 15 % of the remaining burn, then
 * flight-path-angle steering that ramps the flight-path angle to its target over half of what
 * is left and holds it until thrust ends. Thrust ends at stage burnout or at `cutoff` (thrust
 * termination), whichever comes first; the payload then separates.
 */
export type Phase = 'boost' | 'coast' | 'reentry' | 'pull-up' | 'glide' | 'dive';
export const PHASES: readonly Phase[] = ['boost', 'coast', 'reentry', 'pull-up', 'glide', 'dive'];

export interface FlightControls {
  /** Launch azimuth, rad clockwise from north. */
  azimuth: number;
  /** Thrust termination, s after launch (capped at the full burn). */
  cutoff: number;
  /** Flight-path angle (air-relative, geocentric) the boost steers to at cutoff, rad. */
  burnoutFlightPathAngle: number;
}

export interface FlightSetup {
  vehicle: ThreatVehicle;
  earth: FlightEarth;
  launchLat: number;
  launchLon: number;
  /** Aim point on the surface, Earth-fixed (m). */
  aim: Float64Array;
  manoeuvres: readonly Manoeuvre[];
  integrator: { method: 'dopri5' | 'rk4'; rtol: number; step: number };
  /**
   * Start a glider from this Earth-fixed state (x, y, z, vx, vy, vz) already released, with no
   * boost: for studies of the glide alone (the Eggers comparison).
   */
  gliderStart?: Float64Array;
}

export interface PhaseSpan {
  phase: Phase;
  start: number;
  end: number;
}

export interface FlightOutcome {
  end: 'impact' | 'fell-short' | 'timeout';
  dense: DenseSolution;
  phases: PhaseSpan[];
  /** Times since launch, s. */
  burnout: number;
  apogee: number;
  release: number;
  diveStart: number;
  impact: number;
  burnoutState: Float64Array;
  finalState: Float64Array;
  apogeeHeight: number;
  diveStartSpeed: number;
  steps: number;
  evaluations: number;
}

const MAX_FLIGHT_TIME = 4 * 3600;
const REENTRY_HEIGHT = 100_000;
/** Largest angle between thrust and velocity the boost steering uses, rad. */
const MAX_STEER = (45 * Math.PI) / 180;
/** Fractions of the burn after the kick given to the gravity turn and to the flight-path-angle ramp. */
const GRAVITY_TURN_FRACTION = 0.15;
const RAMP_FRACTION = 0.5;
/** The preset kick suits a burnout angle of 25 deg; steeper or flatter targets scale it (within 0.3x-2x). */
const NOMINAL_KICK_TARGET = (25 * Math.PI) / 180;
/** Gains of the guidance laws, 1/s, and the height-error time constant, s. */
const K_GAMMA_BOOST = 0.2;
const K_GAMMA_GLIDE = 0.05;
const K_HEADING = 0.02;
const K_DIVE = 0.3;
const TAU_HEIGHT = 60;
const SCALE_HEIGHT = 7000;
const MAX_GLIDE_GAMMA_CMD = (5 * Math.PI) / 180;
const MAX_BANK_FOR_HEADING = (70 * Math.PI) / 180;

const enum Mode {
  Boost,
  Ballistic,
  Glide,
  Dive,
}
const enum Steering {
  Vertical,
  Kick,
  GravityTurn,
  GammaSteer,
}

/** Mutable per-flight parameters read by the derivative; one allocation per flight. */
interface Context {
  mode: Mode;
  steering: Steering;
  thrust: number;
  massFlow: number;
  dragArea: number;
  ballisticCoefficient: number;
  kickStart: number;
  kickDuration: number;
  kickAngle: number;
  up0: Float64Array;
  azimuth0: Float64Array;
  gammaStart: number;
  gammaTarget: number;
  rampStart: number;
  rampEnd: number;
  g: Float64Array;
  aero: AeroResult;
  /**
   * The segment being integrated. Laws that switch at a segment boundary are evaluated at the
   * time clamped inside the segment, so a step ending on the boundary still sees this side's law.
   */
  segmentStart: number;
  segmentEnd: number;
}

export function flyOnce(setup: FlightSetup, controls: FlightControls): FlightOutcome {
  const { vehicle, earth } = setup;
  const booster = vehicle.booster;
  const payloadMass = vehicle.kind === 'ballistic' ? vehicle.payloadMass : vehicle.gliderMass;
  const { east, north, up } = eastNorth(setup.launchLat, setup.launchLon);
  const azimuth0 = new Float64Array(3);
  for (let i = 0; i < 3; i++) azimuth0[i] = Math.cos(controls.azimuth) * north[i] + Math.sin(controls.azimuth) * east[i];
  const ctx: Context = {
    mode: Mode.Boost,
    steering: Steering.Vertical,
    thrust: 0,
    massFlow: 0,
    dragArea: booster.dragArea,
    ballisticCoefficient: vehicle.kind === 'ballistic' ? vehicle.ballisticCoefficient : 1,
    kickStart: booster.verticalRise,
    kickDuration: booster.kickDuration,
    kickAngle: booster.kickAngle * Math.min(2, Math.max(0.3, (Math.PI / 2 - controls.burnoutFlightPathAngle) / (Math.PI / 2 - NOMINAL_KICK_TARGET))),
    up0: up,
    azimuth0,
    gammaStart: 0,
    gammaTarget: controls.burnoutFlightPathAngle,
    rampStart: 0,
    rampEnd: 0,
    g: new Float64Array(3),
    aero: { drag: 0, lift: 0, angleOfAttack: 0 },
    segmentStart: 0,
    segmentEnd: 0,
  };
  const inside = (t: number) => {
    const margin = 1e-7 * Math.max(1, ctx.segmentEnd - ctx.segmentStart);
    return Math.min(Math.max(t, ctx.segmentStart + margin), ctx.segmentEnd - margin);
  };
  const aim = setup.aim;
  const aimNorm = Math.hypot(aim[0], aim[1], aim[2]);
  const manoeuvres = setup.manoeuvres;
  const omega = earth.omega;
  const gravity = earth.gravity;
  const vacuum = earth.vacuum;

  const derivative = (t: number, y: Float64Array, d: Float64Array): void => {
    const x = y[0], yy = y[1], z = y[2], vx = y[3], vy = y[4], vz = y[5], m = y[6];
    gravityAcceleration(gravity, x, yy, z, ctx.g);
    let ax = ctx.g[0] + 2 * omega * vy + omega * omega * x;
    let ay = ctx.g[1] - 2 * omega * vx + omega * omega * yy;
    let az = ctx.g[2];
    const v2 = vx * vx + vy * vy + vz * vz;
    const v = Math.sqrt(v2);
    const h = heightAbove(earth, x, yy, z);
    const rho = vacuum ? 0 : atmosphericDensity(h);
    const q = 0.5 * rho * v2;
    d[0] = vx;
    d[1] = vy;
    d[2] = vz;
    d[6] = 0;
    const r = Math.sqrt(x * x + yy * yy + z * z);
    if (ctx.mode === Mode.Boost) {
      const accT = ctx.thrust / m;
      let tx = ctx.up0[0], ty = ctx.up0[1], tz = ctx.up0[2];
      if (ctx.steering === Steering.Kick) {
        const delta = ctx.kickAngle * Math.min(1, Math.max(0, (t - ctx.kickStart) / ctx.kickDuration));
        const c = Math.cos(delta), s = Math.sin(delta);
        tx = c * ctx.up0[0] + s * ctx.azimuth0[0];
        ty = c * ctx.up0[1] + s * ctx.azimuth0[1];
        tz = c * ctx.up0[2] + s * ctx.azimuth0[2];
      } else if (ctx.steering !== Steering.Vertical && v > 1) {
        const ux = vx / v, uy = vy / v, uz = vz / v;
        tx = ux;
        ty = uy;
        tz = uz;
        if (ctx.steering === Steering.GammaSteer) {
          const rx = x / r, ry = yy / r, rz = z / r;
          const sinG = ux * rx + uy * ry + uz * rz;
          const gamma = Math.asin(Math.max(-1, Math.min(1, sinG)));
          const cosG = Math.sqrt(Math.max(0, 1 - sinG * sinG));
          let gammaCmd = ctx.gammaTarget;
          let gammaRate = 0;
          if (inside(t) < ctx.rampEnd) {
            const span = ctx.rampEnd - ctx.rampStart;
            gammaRate = (ctx.gammaTarget - ctx.gammaStart) / span;
            gammaCmd = ctx.gammaStart + gammaRate * (t - ctx.rampStart);
          }
          const gr = gravity.mu / (r * r);
          const aNormal = (gr - v2 / r) * cosG + v * (gammaRate + K_GAMMA_BOOST * (gammaCmd - gamma));
          const sinMax = Math.sin(MAX_STEER);
          const sinE = Math.max(-sinMax, Math.min(sinMax, aNormal / accT));
          const cosE = Math.sqrt(1 - sinE * sinE);
          // Unit normal to the velocity toward local up, in the vertical plane.
          let nx = rx - sinG * ux, ny = ry - sinG * uy, nz = rz - sinG * uz;
          const nn = Math.hypot(nx, ny, nz);
          if (nn > 1e-9) {
            nx /= nn;
            ny /= nn;
            nz /= nn;
            tx = cosE * ux + sinE * nx;
            ty = cosE * uy + sinE * ny;
            tz = cosE * uz + sinE * nz;
          }
        }
      }
      ax += accT * tx;
      ay += accT * ty;
      az += accT * tz;
      if (v > 0 && q > 0) {
        const drag = (q * ctx.dragArea) / m / v;
        ax -= drag * vx;
        ay -= drag * vy;
        az -= drag * vz;
      }
      d[6] = -ctx.massFlow;
    } else if (ctx.mode === Mode.Ballistic) {
      if (v > 0 && q > 0) {
        const drag = q / ctx.ballisticCoefficient / v;
        ax -= drag * vx;
        ay -= drag * vy;
        az -= drag * vz;
      }
    } else if (v > 0 && vehicle.kind === 'glide') {
      const ux = vx / v, uy = vy / v, uz = vz / v;
      const rx = x / r, ry = yy / r, rz = z / r;
      const sinG = ux * rx + uy * ry + uz * rz;
      let nx = rx - sinG * ux, ny = ry - sinG * uy, nz = rz - sinG * uz;
      const nn = Math.hypot(nx, ny, nz) || 1;
      nx /= nn;
      ny /= nn;
      nz /= nn;
      // Right-hand side: velocity x up-normal.
      const sx = uy * nz - uz * ny, sy = uz * nx - ux * nz, sz = ux * ny - uy * nx;
      const a = speedOfSound(h);
      const mach = v / a;
      const liftMax = maxLiftAcceleration(vehicle.aero, q, mach, m);
      let lv: number;
      let ll: number;
      const gr = gravity.mu / (r * r);
      const gEff = gr - v2 / r;
      const cosG = Math.sqrt(Math.max(0, 1 - sinG * sinG));
      if (ctx.mode === Mode.Glide) {
        const gamma = Math.asin(Math.max(-1, Math.min(1, sinG)));
        // Equilibrium-glide density at this speed; the height error follows from the local scale height.
        const ld = maxLiftToDrag(vehicle.aero, mach);
        const beta = gliderBallisticCoefficient(vehicle.aero, m, mach);
        const rhoEq = gEff > 0 ? (2 * beta * gEff) / (ld * v2) : 1e-12;
        const dh = rho > 0 ? SCALE_HEIGHT * Math.log(rho / rhoEq) : -1e5;
        const gammaCmd = Math.max(-MAX_GLIDE_GAMMA_CMD, Math.min(MAX_GLIDE_GAMMA_CMD, dh / (v * TAU_HEIGHT)));
        lv = gEff * cosG + v * K_GAMMA_GLIDE * (gammaCmd - gamma);
        // Heading error to the aim (plus any planned offset), positive when the aim lies to the left.
        const dot = (aim[0] * rx + aim[1] * ry + aim[2] * rz);
        const dx = aim[0] - dot * rx, dy = aim[1] - dot * ry, dz = aim[2] - dot * rz;
        const hx = ux - sinG * rx, hy = uy - sinG * ry, hz = uz - sinG * rz;
        const cx = hy * dz - hz * dy, cy = hz * dx - hx * dz, cz = hx * dy - hy * dx;
        const err = Math.atan2(cx * rx + cy * ry + cz * rz, hx * dx + hy * dy + hz * dz) + headingOffset(manoeuvres, inside(t));
        ll = -v * K_HEADING * err;
        const llMax = liftMax * Math.sin(MAX_BANK_FOR_HEADING);
        ll = Math.max(-llMax, Math.min(llMax, ll));
        const lvMax = Math.sqrt(Math.max(0, liftMax * liftMax - ll * ll));
        lv = Math.max(-lvMax, Math.min(lvMax, lv));
      } else {
        // Dive: pure pursuit of the aim point, lift cancelling the cross-velocity part of gravity.
        let lx = aim[0] - x, ly = aim[1] - yy, lz = aim[2] - z;
        const ln = Math.hypot(lx, ly, lz) || 1;
        lx /= ln;
        ly /= ln;
        lz /= ln;
        const lu = lx * ux + ly * uy + lz * uz;
        const px = lx - lu * ux, py = ly - lu * uy, pz = lz - lu * uz;
        const gu = ctx.g[0] * ux + ctx.g[1] * uy + ctx.g[2] * uz;
        const wx = K_DIVE * v * px - (ctx.g[0] - gu * ux);
        const wy = K_DIVE * v * py - (ctx.g[1] - gu * uy);
        const wz = K_DIVE * v * pz - (ctx.g[2] - gu * uz);
        lv = wx * nx + wy * ny + wz * nz;
        ll = wx * sx + wy * sy + wz * sz;
        const w = Math.hypot(lv, ll);
        if (w > liftMax && w > 0) {
          lv *= liftMax / w;
          ll *= liftMax / w;
        }
      }
      const want = Math.hypot(lv, ll);
      gliderAero(vehicle.aero, q, mach, m, want, ctx.aero);
      const scaleL = want > 0 ? ctx.aero.lift / want : 0;
      ax += scaleL * (lv * nx + ll * sx) - ctx.aero.drag * ux;
      ay += scaleL * (lv * ny + ll * sy) - ctx.aero.drag * uy;
      az += scaleL * (lv * nz + ll * sz) - ctx.aero.drag * uz;
    }
    d[3] = ax;
    d[4] = ay;
    d[5] = az;
  };

  const height = (_t: number, y: Float64Array) => heightAbove(earth, y[0], y[1], y[2]);
  const radialVelocity = (_t: number, y: Float64Array) => y[0] * y[3] + y[1] * y[4] + y[2] * y[5];
  const impactEvent: OdeEvent = { g: height, direction: -1 };
  const apogeeEvent: OdeEvent = { g: radialVelocity, direction: -1, terminal: false };
  const reentryEvent: OdeEvent = { g: (t, y) => height(t, y) - REENTRY_HEIGHT, direction: -1 };
  const dense = new DenseSolution(7, 128);
  const phases: PhaseSpan[] = [];
  const atol = Float64Array.of(1e-3, 1e-3, 1e-3, 1e-6, 1e-6, 1e-6, 1e-4);
  const integ = setup.integrator;
  const baseOptions: IntegrateOptions =
    integ.method === 'rk4' ? { method: 'rk4', step: integ.step, dense } : { method: 'dopri5', rtol: integ.rtol, atol, dense };
  let steps = 0;
  let evaluations = 0;
  const y = new Float64Array(7);
  surfacePoint(earth, setup.launchLat, setup.launchLon, 0, y);
  y[6] = payloadMass + booster.stages.reduce((s, st) => s + st.propellant + st.dry, 0);
  let t = 0;
  let apogee = Number.NaN;
  let apogeeHeight = Number.NEGATIVE_INFINITY;

  const run = (phase: Phase, tEnd: number, events: OdeEvent[], options: Partial<IntegrateOptions> = {}) => {
    const start = t;
    ctx.segmentStart = t;
    ctx.segmentEnd = tEnd;
    const result = integrate(derivative, t, y, tEnd, { ...baseOptions, ...options, events });
    steps += result.steps;
    evaluations += result.evaluations;
    for (const mark of result.marks) {
      if (events[mark.index] === apogeeEvent) {
        const s = new Float64Array(7);
        dense.evaluate(mark.t, s);
        const hh = heightAbove(earth, s[0], s[1], s[2]);
        if (hh > apogeeHeight) {
          apogeeHeight = hh;
          apogee = mark.t;
        }
      }
    }
    t = result.t;
    y.set(result.y);
    if (t > start) phases.push({ phase, start, end: t });
    return result.eventIndex;
  };

  // --- Boost.
  const fullBurn = booster.stages.reduce((s, st) => s + st.burnTime, 0);
  const kickEnd = booster.verticalRise + booster.kickDuration;
  const cutoff = Math.min(fullBurn, Math.max(controls.cutoff, kickEnd + 1));
  const gravityTurnEnd = kickEnd + GRAVITY_TURN_FRACTION * (cutoff - kickEnd);
  ctx.rampStart = gravityTurnEnd;
  ctx.rampEnd = gravityTurnEnd + RAMP_FRACTION * (cutoff - gravityTurnEnd);
  const stageEnds: number[] = [];
  booster.stages.reduce((acc, st) => {
    stageEnds.push(acc + st.burnTime);
    return acc + st.burnTime;
  }, 0);
  const breaks = [booster.verticalRise, kickEnd, gravityTurnEnd, ctx.rampEnd, ...stageEnds, cutoff]
    .filter((b) => b > 0 && b <= cutoff)
    .sort((a, b) => a - b)
    .filter((b, i, arr) => i === 0 || b - arr[i - 1] > 1e-9);
  let stage = 0;
  let impacted = false;
  if (setup.gliderStart) {
    y.set(setup.gliderStart.subarray(0, 6));
    breaks.length = 0;
  }
  for (const b of breaks) {
    while (stage < booster.stages.length - 1 && t >= stageEnds[stage] - 1e-9) {
      y[6] -= booster.stages[stage].dry;
      stage++;
    }
    const st = booster.stages[stage];
    ctx.massFlow = st.propellant / st.burnTime;
    ctx.thrust = ctx.massFlow * st.isp * G0;
    ctx.steering = t < booster.verticalRise - 1e-9 ? Steering.Vertical : t < kickEnd - 1e-9 ? Steering.Kick : t < gravityTurnEnd - 1e-9 ? Steering.GravityTurn : Steering.GammaSteer;
    if (ctx.steering === Steering.GammaSteer && Math.abs(t - gravityTurnEnd) < 1e-9) {
      const v = Math.hypot(y[3], y[4], y[5]);
      const r = Math.hypot(y[0], y[1], y[2]);
      ctx.gammaStart = Math.asin((y[0] * y[3] + y[1] * y[4] + y[2] * y[5]) / (r * v));
    }
    // The first seconds on the pad: the rocket must not sink into the ground before thrust exceeds weight.
    const ev = run('boost', b, t < 1 ? [] : [impactEvent]);
    if (ev >= 0) {
      impacted = true;
      break;
    }
  }
  const burnout = t;
  const burnoutState = Float64Array.from(y);
  // Separation: the payload alone flies on.
  y[6] = payloadMass;

  let release = Number.NaN;
  let diveStart = Number.NaN;
  let diveStartSpeed = Number.NaN;
  let end: FlightOutcome['end'] = 'impact';
  if (!impacted && vehicle.kind === 'ballistic') {
    ctx.mode = Mode.Ballistic;
    const ev = run('coast', MAX_FLIGHT_TIME, [impactEvent, reentryEvent, apogeeEvent]);
    if (ev === 1) {
      const ev2 = run('reentry', MAX_FLIGHT_TIME, [impactEvent]);
      if (ev2 < 0) end = 'timeout';
    } else if (ev < 0) end = 'timeout';
  } else if (!impacted && vehicle.kind === 'glide') {
    release = t;
    // The dive begins when the aim lies `diveAngle` below the horizontal over a flat Earth: atan(height / ground distance).
    const aimDepression = (_t: number, s: Float64Array) => {
      const rr = Math.hypot(s[0], s[1], s[2]);
      const cx = s[1] * aim[2] - s[2] * aim[1], cy = s[2] * aim[0] - s[0] * aim[2], cz = s[0] * aim[1] - s[1] * aim[0];
      const ground = Math.atan2(Math.hypot(cx, cy, cz), s[0] * aim[0] + s[1] * aim[1] + s[2] * aim[2]) * aimNorm;
      return Math.atan2(Math.max(rr - aimNorm, 0), ground) - vehicle.diveAngle;
    };
    const speed = (_t: number, s: Float64Array) => Math.hypot(s[3], s[4], s[5]) - vehicle.minimumSpeed;
    const diveEvent: OdeEvent = { g: aimDepression, direction: 1 };
    const slowEvent: OdeEvent = { g: speed, direction: -1 };
    const pullUpEvent: OdeEvent = { g: radialVelocity, direction: 1 };
    ctx.mode = Mode.Glide;
    let diving = aimDepression(t, y) >= 0;
    if (!diving) {
      // Pull-up: from release until the vertical speed first turns upward.
      const events = [impactEvent, diveEvent, slowEvent, pullUpEvent, apogeeEvent];
      let ev = run('pull-up', MAX_FLIGHT_TIME, events);
      let phase: Phase = 'glide';
      if (ev === 3) {
        // Glide, restarting at each manoeuvre boundary so the derivative stays smooth within a step.
        const cuts = manoeuvreBreakpoints(manoeuvres).filter((c) => c > t);
        cuts.push(MAX_FLIGHT_TIME);
        for (const c of cuts) {
          ev = run(phase, c, [impactEvent, diveEvent, slowEvent]);
          if (ev >= 0) break;
        }
      }
      if (ev === 0) end = 'impact';
      else if (ev === 1) diving = true;
      else if (ev === 2) end = 'fell-short';
      else end = 'timeout';
    }
    if (diving) {
      diveStart = t;
      diveStartSpeed = Math.hypot(y[3], y[4], y[5]);
      ctx.mode = Mode.Dive;
      const ev = run('dive', MAX_FLIGHT_TIME, [impactEvent]);
      end = ev === 0 ? 'impact' : 'timeout';
    }
  }
  if (!Number.isFinite(apogee)) {
    apogee = burnout;
    apogeeHeight = heightAbove(earth, burnoutState[0], burnoutState[1], burnoutState[2]);
  }
  return {
    end,
    dense,
    phases,
    burnout,
    apogee,
    release,
    diveStart,
    impact: t,
    burnoutState,
    finalState: Float64Array.from(y),
    apogeeHeight,
    diveStartSpeed,
    steps,
    evaluations,
  };
}
