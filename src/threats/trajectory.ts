import type { Geodetic } from '../frames/types.ts';
import { InputError } from '../math/errors.ts';
import type { DenseSolution } from '../math/ode/dense.ts';
import type { Instant } from '../time/instant.ts';
import { PHASES, type Phase, type PhaseSpan } from './flight.ts';
import type { FlightEarth } from './geometry.ts';
import type { Manoeuvre } from './manoeuvres.ts';
import type { ThreatVehicle } from './vehicle.ts';

export type Profile = 'min-energy' | 'depressed' | 'lofted';

/** Figures of a flight, SI. */
export interface TrajectorySummary {
  /** Ground distance launch -> impact over the sphere of mean radius, m. */
  range: number;
  flightTime: number;
  /** Highest point above the surface, m. */
  apogee: number;
  /** Largest speed relative to the Earth (ITRF), m/s. */
  maxSpeed: number;
  /** Distance between the impact point and the aim point, m. */
  impactError: number;
  burnoutTime: number;
  /** Speed at burnout, relative to the Earth, m/s. */
  burnoutSpeed: number;
  burnoutHeight: number;
  /** Flight-path angle at burnout, relative to the Earth, rad. */
  burnoutFlightPathAngle: number;
}

/**
 * A flown threat: a continuous record of its Earth-fixed state from launch to impact (the
 * integrator's own dense output, fourth order, so any instant costs one polynomial evaluation),
 * its phases and events, and its summary figures. Times inside are seconds since launch;
 * the accessors take Instants.
 */
export interface Trajectory {
  readonly id: string;
  readonly vehicle: ThreatVehicle;
  readonly profile: Profile;
  readonly launchTime: Instant;
  readonly launch: Geodetic;
  readonly aim: Geodetic;
  readonly aimItrf: Float64Array;
  readonly earth: FlightEarth;
  readonly manoeuvres: readonly Manoeuvre[];
  /** Components x, y, z, vx, vy, vz, mass over seconds since launch. */
  readonly dense: DenseSolution;
  readonly phases: readonly PhaseSpan[];
  /** Seconds since launch; NaN when the event does not apply. */
  readonly events: { burnout: number; apogee: number; release: number; diveStart: number; impact: number };
  readonly controls: { azimuth: number; cutoff: number; burnoutFlightPathAngle: number };
  readonly summary: TrajectorySummary;
  /** Integrator work for this flight and for the targeting that chose its controls. */
  readonly cost: { flights: number; steps: number; evaluations: number };
}

export function startInstant(traj: Trajectory): Instant {
  return traj.launchTime;
}

export function endInstant(traj: Trajectory): Instant {
  return (traj.launchTime + traj.events.impact) as Instant;
}

function secondsSinceLaunch(traj: Trajectory, t: Instant, field: string): number {
  const s = t - traj.launchTime;
  if (!(s >= -1e-9 && s <= traj.events.impact + 1e-9)) {
    throw new InputError(field, t, `is outside the flight of ${traj.id} (launch to impact spans ${traj.events.impact.toFixed(1)} s)`);
  }
  return Math.min(Math.max(s, 0), traj.events.impact);
}

/** Earth-fixed position and velocity at an instant: out[0..2] m, out[3..5] m/s. */
export function stateAt(traj: Trajectory, t: Instant, out: Float64Array = new Float64Array(6)): Float64Array {
  return traj.dense.evaluate(secondsSinceLaunch(traj, t, 't'), out, 0, 6);
}

/** Earth-fixed position (m) at an instant. */
export function positionAt(traj: Trajectory, t: Instant, out: Float64Array = new Float64Array(3)): Float64Array {
  return traj.dense.evaluate(secondsSinceLaunch(traj, t, 't'), out, 0, 3);
}

/** Mass (kg) at an instant. */
export function massAt(traj: Trajectory, t: Instant): number {
  const out = new Float64Array(1);
  return traj.dense.evaluate(secondsSinceLaunch(traj, t, 't'), out, 6, 1)[0];
}

/** The phase at a time since launch (the later phase at a boundary). */
export function phaseAtSeconds(traj: Trajectory, s: number): Phase {
  const list = traj.phases;
  for (let i = list.length - 1; i >= 0; i--) if (s >= list[i].start) return list[i].phase;
  return list[0]?.phase ?? 'boost';
}

export function phaseAt(traj: Trajectory, t: Instant): Phase {
  return phaseAtSeconds(traj, secondsSinceLaunch(traj, t, 't'));
}

export function phaseCode(phase: Phase): number {
  return PHASES.indexOf(phase);
}
