import { InputError } from '../math/errors.ts';

/**
 * Vehicles in SI units: kilograms, seconds, metres, radians, kelvin. The edges (presets'
 * documentation, the CLI) show other units; inside everything is SI.
 */

/** One rocket stage: thrust and mass flow follow from these (mdot = propellant / burnTime, F = mdot Isp g0). */
export interface Stage {
  /** Propellant burned, kg. */
  propellant: number;
  /** Structure and inert mass dropped at the stage's burnout, kg. */
  dry: number;
  /** Specific impulse, s (one figure per stage: no altitude dependence). */
  isp: number;
  /** Burn time, s. */
  burnTime: number;
}

/**
 * Parametric boost-plume model: a fraction of the jet's kinetic power (F ve / 2) leaves as
 * infrared, spread isotropically, with a grey-body spectrum at the plume's temperature.
 */
export interface PlumeModel {
  /** Radiated fraction of the jet power (all wavelengths). */
  radiativeEfficiency: number;
  /** Effective radiating temperature of the plume, K. */
  temperature: number;
}

export interface Booster {
  stages: Stage[];
  /** Drag coefficient times reference area of the stack during boost, m^2. */
  dragArea: number;
  /** Vertical rise before the pitch-over, s. */
  verticalRise: number;
  /** Pitch-over: the thrust tilts by `kickAngle` (rad) over `kickDuration` (s), then the gravity turn begins. */
  kickAngle: number;
  kickDuration: number;
  plume: PlumeModel;
}

/** What the infrared model needs of a re-entering or gliding body. */
export interface BodyGeometry {
  /** Nose (or leading-edge) radius, m. */
  noseRadius: number;
  /** Total emissivity of the hot surface (grey body). */
  emissivity: number;
  /** Length of the body, m. */
  length: number;
  /** Base (or planform, for a glider) area, m^2. */
  area: number;
}

export interface BallisticVehicle {
  kind: 'ballistic';
  name: string;
  label: string;
  booster: Booster;
  /** Re-entry vehicle (payload) mass, kg. */
  payloadMass: number;
  /** Re-entry vehicle ballistic coefficient m / (C_D A), kg/m^2. */
  ballisticCoefficient: number;
  /** Re-entry vehicle cone half-angle, rad (for heating and aspect). */
  coneHalfAngle: number;
  body: BodyGeometry;
}

/** Aerodynamics of a glider: a constant ballistic coefficient and maximum L/D, or the CAV-H fits of the guidance literature. */
export type GliderAerodynamics =
  | { model: 'beta-ld'; ballisticCoefficient: number; liftToDrag: number; angleOfAttack: number }
  | { model: 'cav-h'; referenceArea: number; maxAngleOfAttack: number };

export interface GlideVehicle {
  kind: 'glide';
  name: string;
  label: string;
  booster: Booster;
  /** Glider mass, kg. */
  gliderMass: number;
  aero: GliderAerodynamics;
  /** Flight-path angle the booster aims for at release, rad. */
  releaseFlightPathAngle: number;
  /** The terminal dive begins when the aim point lies this far below the local horizontal, rad. */
  diveAngle: number;
  /** The glide has failed (fallen short) below this speed, m/s. */
  minimumSpeed: number;
  /** Energy management aims to start the dive at this speed when the aim is short of the full reach, m/s. */
  terminalSpeed: number;
  body: BodyGeometry;
}

export type ThreatVehicle = BallisticVehicle | GlideVehicle;

function positive(field: string, value: number, what = 'must be a positive number'): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new InputError(field, value, what);
}

function nonNegative(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InputError(field, value, 'must be zero or a positive number');
}

function angleIn(field: string, value: number, lo: number, hi: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi) {
    throw new InputError(field, value, `must be an angle between ${lo.toFixed(4)} and ${hi.toFixed(4)} rad`);
  }
}

/** Throws an InputError naming the first impossible parameter (negative mass, L/D <= 0, ...). */
export function validateVehicle(v: ThreatVehicle, field = 'vehicle'): ThreatVehicle {
  if (!v || (v.kind !== 'ballistic' && v.kind !== 'glide')) throw new InputError(`${field}.kind`, (v as { kind?: unknown } | undefined)?.kind, "must be 'ballistic' or 'glide'");
  const b = v.booster;
  if (!b || !Array.isArray(b.stages) || b.stages.length === 0) throw new InputError(`${field}.booster.stages`, b?.stages, 'must list at least one stage');
  b.stages.forEach((s, i) => {
    const f = `${field}.booster.stages[${i}]`;
    positive(`${f}.propellant`, s.propellant, 'must be a positive mass in kg');
    nonNegative(`${f}.dry`, s.dry);
    positive(`${f}.isp`, s.isp, 'must be a positive specific impulse in s');
    positive(`${f}.burnTime`, s.burnTime, 'must be a positive time in s');
  });
  nonNegative(`${field}.booster.dragArea`, b.dragArea);
  nonNegative(`${field}.booster.verticalRise`, b.verticalRise);
  angleIn(`${field}.booster.kickAngle`, b.kickAngle, 0, Math.PI / 2);
  positive(`${field}.booster.kickDuration`, b.kickDuration);
  positive(`${field}.booster.plume.temperature`, b.plume.temperature);
  if (!(b.plume.radiativeEfficiency >= 0 && b.plume.radiativeEfficiency <= 1)) {
    throw new InputError(`${field}.booster.plume.radiativeEfficiency`, b.plume.radiativeEfficiency, 'must be a fraction between 0 and 1');
  }
  positive(`${field}.body.noseRadius`, v.body.noseRadius);
  positive(`${field}.body.length`, v.body.length);
  positive(`${field}.body.area`, v.body.area);
  if (!(v.body.emissivity > 0 && v.body.emissivity <= 1)) throw new InputError(`${field}.body.emissivity`, v.body.emissivity, 'must be in (0, 1]');
  if (v.kind === 'ballistic') {
    positive(`${field}.payloadMass`, v.payloadMass, 'must be a positive mass in kg');
    positive(`${field}.ballisticCoefficient`, v.ballisticCoefficient, 'must be a positive ballistic coefficient in kg/m^2');
    angleIn(`${field}.coneHalfAngle`, v.coneHalfAngle, 0, Math.PI / 2);
  } else {
    positive(`${field}.gliderMass`, v.gliderMass, 'must be a positive mass in kg');
    if (v.aero.model === 'beta-ld') {
      positive(`${field}.aero.ballisticCoefficient`, v.aero.ballisticCoefficient, 'must be a positive ballistic coefficient in kg/m^2');
      positive(`${field}.aero.liftToDrag`, v.aero.liftToDrag, 'must be a positive lift-to-drag ratio (L/D > 0)');
      angleIn(`${field}.aero.angleOfAttack`, v.aero.angleOfAttack, 0, Math.PI / 2);
    } else if (v.aero.model === 'cav-h') {
      positive(`${field}.aero.referenceArea`, v.aero.referenceArea, 'must be a positive area in m^2');
      angleIn(`${field}.aero.maxAngleOfAttack`, v.aero.maxAngleOfAttack, 0, Math.PI / 2);
    } else {
      throw new InputError(`${field}.aero.model`, (v.aero as { model: unknown }).model, "must be 'beta-ld' or 'cav-h'");
    }
    angleIn(`${field}.releaseFlightPathAngle`, v.releaseFlightPathAngle, -Math.PI / 4, Math.PI / 2);
    angleIn(`${field}.diveAngle`, v.diveAngle, 0.001, Math.PI / 2);
    positive(`${field}.minimumSpeed`, v.minimumSpeed);
    positive(`${field}.terminalSpeed`, v.terminalSpeed);
  }
  return v;
}

/** Total lift-off mass, kg. */
export function liftOffMass(v: ThreatVehicle): number {
  const payload = v.kind === 'ballistic' ? v.payloadMass : v.gliderMass;
  return payload + v.booster.stages.reduce((s, st) => s + st.propellant + st.dry, 0);
}

/** Full burn time of the booster, s. */
export function totalBurnTime(v: ThreatVehicle): number {
  return v.booster.stages.reduce((s, st) => s + st.burnTime, 0);
}
