/**
 * A flown threat from src/threats as a simulator target: truth from the flight's dense output
 * between launch and impact (null outside), and its radiant intensity toward a viewer for
 * sensors that model signal-to-noise.
 */
import { type Band, type Trajectory, endInstant, positionAt, radiantIntensityToward, startInstant, stateAt } from '../../threats/index.ts';
import type { Instant } from '../../time/instant.ts';
import type { SimTarget, TargetState } from './targets.ts';

/** A target whose infrared signature toward a viewer is known. */
export interface RadiatingTarget extends SimTarget {
  /** Radiant intensity (W/sr) in `band` toward an observer at an Earth-fixed position (m), at t inside the flight. */
  radiantIntensityToward(t: Instant, observerItrf: ArrayLike<number>, band: Band): number;
}

export function isRadiatingTarget(target: SimTarget): target is RadiatingTarget {
  return typeof (target as Partial<RadiatingTarget>).radiantIntensityToward === 'function';
}

/** Truth and signature of a src/threats `Trajectory`; the id is the trajectory's unless given. */
export function trajectoryTarget(traj: Trajectory, id: string = traj.id): RadiatingTarget & { readonly start: Instant; readonly end: Instant } {
  const start = startInstant(traj);
  const end = endInstant(traj);
  const scratch = new Float64Array(6);
  return {
    id,
    start,
    end,
    stateAt(t: Instant): TargetState | null {
      if (!(t >= start && t <= end)) return null;
      stateAt(traj, t, scratch);
      return { r: scratch.slice(0, 3), v: scratch.slice(3, 6) };
    },
    positionInto(t: Instant, out: Float64Array): boolean {
      if (!(t >= start && t <= end)) return false;
      positionAt(traj, t, out);
      return true;
    },
    radiantIntensityToward(t: Instant, observerItrf: ArrayLike<number>, band: Band): number {
      return radiantIntensityToward(traj, t, observerItrf, band);
    },
  };
}
