import { standardAtmosphere } from '../bodies/atmosphere.ts';
import { G0 } from '../bodies/earth.ts';
import { cavhBestAlphaDeg } from './aero.ts';
import type { Phase } from './flight.ts';
import {
  type Band,
  bandRadiance,
  laminarFlatPlateHeatFlux,
  plumeIntensity,
  radiativeEquilibriumTemperature,
  stagnationHeatFlux,
} from './signature.ts';
import type { ThreatVehicle } from './vehicle.ts';

/**
 * The radiating parts of a threat at one instant and their temperatures:
 *  - the nose cap (radius Rn) at the stagnation-point radiative-equilibrium temperature, seen as
 *    a disc of area pi Rn^2 from ahead, half of it from the side;
 *  - a glider's windward surface (planform area, at the laminar flat-plate temperature a quarter
 *    of the length from the nose, inclined at the angle of attack; the area-mean laminar flux)
 *    and leeward surface (10 % of the windward flux, a stated assumption), facing down and up
 *    in the vertical plane of the velocity (bank is not modelled in the aspect);
 *  - a re-entry vehicle's cone (the same flat-plate flux times Mangler's sqrt(3) for a cone),
 *    seen as its side r L sin(theta) plus its front disc pi r^2 cos(theta);
 *  - during boost, the plume (isotropic).
 * Unheated walls are held at 300 K.
 */
export interface BodyThermalState {
  /** Cold-wall stagnation heat flux, W/m^2. */
  stagnationFlux: number;
  noseTemperature: number;
  /** Windward (glider) or cone (re-entry vehicle) surface temperature, K. */
  skinTemperature: number;
  leewardTemperature: number;
  mach: number;
  dynamicPressure: number;
}

const WALL_FLOOR = 300;
const LEEWARD_FRACTION = 0.1;
const MANGLER_CONE = Math.sqrt(3);

export function bodyThermalState(vehicle: ThreatVehicle, phase: Phase, altitude: number, speed: number, out?: BodyThermalState): BodyThermalState {
  const result = out ?? { stagnationFlux: 0, noseTemperature: 0, skinTemperature: 0, leewardTemperature: 0, mach: 0, dynamicPressure: 0 };
  const air = standardAtmosphere(Math.max(altitude, -4999));
  const rho = air.density;
  result.mach = speed / air.speedOfSound;
  result.dynamicPressure = 0.5 * rho * speed * speed;
  const airT = Math.min(air.temperature, WALL_FLOOR);
  const eps = vehicle.body.emissivity;
  if (phase === 'boost') {
    // The payload rides under a shroud or on the stack: its surface is not what the sensor sees.
    result.stagnationFlux = 0;
    result.noseTemperature = WALL_FLOOR;
    result.skinTemperature = WALL_FLOOR;
    result.leewardTemperature = WALL_FLOOR;
    return result;
  }
  const qs = stagnationHeatFlux(rho, speed, vehicle.body.noseRadius);
  result.stagnationFlux = qs;
  result.noseTemperature = Math.max(WALL_FLOOR, radiativeEquilibriumTemperature(qs, eps, airT, speed));
  const x = 0.25 * vehicle.body.length;
  let qSkin: number;
  if (vehicle.kind === 'glide') {
    const alpha = vehicle.aero.model === 'beta-ld' ? vehicle.aero.angleOfAttack : (Math.min(cavhBestAlphaDeg(result.mach), vehicle.aero.maxAngleOfAttack * (180 / Math.PI)) * Math.PI) / 180;
    qSkin = laminarFlatPlateHeatFlux(rho, speed, x, alpha);
    result.leewardTemperature = Math.max(WALL_FLOOR, radiativeEquilibriumTemperature(LEEWARD_FRACTION * qSkin, eps, airT, speed));
  } else {
    qSkin = MANGLER_CONE * laminarFlatPlateHeatFlux(rho, speed, x, vehicle.coneHalfAngle);
    result.leewardTemperature = Math.max(WALL_FLOOR, radiativeEquilibriumTemperature(qSkin, eps, airT, speed));
  }
  result.skinTemperature = Math.max(WALL_FLOOR, radiativeEquilibriumTemperature(qSkin, eps, airT, speed));
  return result;
}

/**
 * Radiative-equilibrium temperature (K) of the windward surface (glider, flat plate at its angle
 * of attack) or the cone (re-entry vehicle, with Mangler's factor) at `distance` m from the nose.
 */
export function surfaceTemperatureAt(vehicle: ThreatVehicle, altitude: number, speed: number, distance: number): number {
  const air = standardAtmosphere(Math.max(altitude, -4999));
  const mach = speed / air.speedOfSound;
  const q =
    vehicle.kind === 'glide'
      ? laminarFlatPlateHeatFlux(
          air.density,
          speed,
          distance,
          vehicle.aero.model === 'beta-ld' ? vehicle.aero.angleOfAttack : (Math.min(cavhBestAlphaDeg(mach), vehicle.aero.maxAngleOfAttack * (180 / Math.PI)) * Math.PI) / 180,
        )
      : MANGLER_CONE * laminarFlatPlateHeatFlux(air.density, speed, distance, vehicle.coneHalfAngle);
  return Math.max(WALL_FLOOR, radiativeEquilibriumTemperature(q, vehicle.body.emissivity, Math.min(air.temperature, WALL_FLOOR), speed));
}

/** Thrust (N) and exhaust velocity (m/s) of the booster at t s after launch, with thrust termination at `cutoff`. */
export function boosterThrustAt(vehicle: ThreatVehicle, cutoff: number, t: number): { thrust: number; exhaustVelocity: number } {
  let start = 0;
  for (const st of vehicle.booster.stages) {
    const end = start + st.burnTime;
    if (t >= start && t < end && t < cutoff) {
      const ve = st.isp * G0;
      return { thrust: (st.propellant / st.burnTime) * ve, exhaustVelocity: ve };
    }
    start = end;
  }
  return { thrust: 0, exhaustVelocity: 0 };
}

/**
 * Radiant intensity (W/sr) toward a viewer, in a band. `view` is the unit vector from the
 * object to the viewer, `velocity` the object's Earth-relative velocity and `up` the local
 * vertical (unit), all in one frame.
 */
export function radiantIntensity(
  vehicle: ThreatVehicle,
  phase: Phase,
  thermal: BodyThermalState,
  band: Band,
  view: ArrayLike<number>,
  velocity: ArrayLike<number>,
  up: ArrayLike<number>,
  thrust: number,
  exhaustVelocity: number,
): number {
  if (phase === 'boost') {
    const p = vehicle.booster.plume;
    return plumeIntensity(band, thrust, exhaustVelocity, p.radiativeEfficiency, p.temperature);
  }
  const v = Math.hypot(velocity[0], velocity[1], velocity[2]);
  if (!(v > 0)) return 0;
  const ux = velocity[0] / v, uy = velocity[1] / v, uz = velocity[2] / v;
  const cosTheta = Math.max(-1, Math.min(1, ux * view[0] + uy * view[1] + uz * view[2]));
  const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
  const eps = vehicle.body.emissivity;
  const rn = vehicle.body.noseRadius;
  // Nose cap: a full disc from ahead, half a disc side-on, hidden from behind.
  const noseArea = Math.PI * rn * rn * Math.max(0, 0.5 * (1 + cosTheta));
  let intensity = bandRadiance(band, thermal.noseTemperature, eps) * noseArea;
  if (vehicle.kind === 'glide') {
    // Normal to the velocity toward up: the leeward side faces it, the windward side away.
    const su = ux * up[0] + uy * up[1] + uz * up[2];
    let nx = up[0] - su * ux, ny = up[1] - su * uy, nz = up[2] - su * uz;
    const nn = Math.hypot(nx, ny, nz) || 1;
    nx /= nn;
    ny /= nn;
    nz /= nn;
    const facing = nx * view[0] + ny * view[1] + nz * view[2];
    const area = vehicle.body.area;
    intensity += bandRadiance(band, thermal.skinTemperature, eps) * area * Math.max(0, -facing);
    intensity += bandRadiance(band, thermal.leewardTemperature, eps) * area * Math.max(0, facing);
  } else {
    const rb = Math.sqrt(vehicle.body.area / Math.PI);
    const area = rb * vehicle.body.length * sinTheta + Math.PI * rb * rb * Math.max(0, cosTheta);
    intensity += bandRadiance(band, thermal.skinTemperature, eps) * area;
  }
  return intensity;
}
