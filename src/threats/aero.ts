import type { GliderAerodynamics } from './vehicle.ts';

/**
 * Glider aerodynamics as accelerations. Two models: a constant ballistic coefficient with a
 * maximum lift-to-drag ratio (the Union of Concerned Scientists' HTV-2 model), and the CAV-H
 * curve fits (C_L, C_D in angle of attack and Mach) used in the entry-guidance literature.
 * Lift below the maximum is had by lowering the angle of attack; in the beta-L/D model drag is
 * then held at its design value (a conservative simplification: induced drag is not removed).
 */
export interface AeroResult {
  /** Drag acceleration, m/s^2. */
  drag: number;
  /** Lift acceleration delivered, m/s^2 (at most the wanted value). */
  lift: number;
  /** Angle of attack flown, rad. */
  angleOfAttack: number;
}

const DEG = Math.PI / 180;

export function cavhLift(alphaDeg: number, mach: number): number {
  return -0.2317 + 0.0513 * alphaDeg + 0.2945 * Math.exp(-0.1028 * mach);
}

export function cavhDrag(alphaDeg: number, mach: number): number {
  return 0.024 + 7.24e-4 * alphaDeg * alphaDeg + 0.406 * Math.exp(-0.323 * mach);
}

/** Angle of attack (deg) of CAV-H's best L/D at a Mach number: the stationary point of (a + b alpha)/(c + d alpha^2). */
export function cavhBestAlphaDeg(mach: number): number {
  const a = -0.2317 + 0.2945 * Math.exp(-0.1028 * mach);
  const b = 0.0513;
  const c = 0.024 + 0.406 * Math.exp(-0.323 * mach);
  const d = 7.24e-4;
  return (-a + Math.sqrt(a * a + (b * b * c) / d)) / b;
}

/** Largest lift-to-drag ratio the model can fly at this Mach number. */
export function maxLiftToDrag(aero: GliderAerodynamics, mach: number): number {
  if (aero.model === 'beta-ld') return aero.liftToDrag;
  const alpha = Math.min(cavhBestAlphaDeg(mach), aero.maxAngleOfAttack / DEG);
  return cavhLift(alpha, mach) / cavhDrag(alpha, mach);
}

/** Ballistic coefficient (kg/m^2) at the best-L/D attitude. */
export function gliderBallisticCoefficient(aero: GliderAerodynamics, mass: number, mach: number): number {
  if (aero.model === 'beta-ld') return aero.ballisticCoefficient;
  const alpha = Math.min(cavhBestAlphaDeg(mach), aero.maxAngleOfAttack / DEG);
  return mass / (cavhDrag(alpha, mach) * aero.referenceArea);
}

/**
 * Drag and lift (accelerations) at dynamic pressure q, Mach `mach`, mass `mass`, when the
 * guidance wants `liftWanted` m/s^2 of lift. Lift is capped at the best-L/D attitude's lift.
 */
export function gliderAero(aero: GliderAerodynamics, q: number, mach: number, mass: number, liftWanted: number, out: AeroResult): AeroResult {
  if (aero.model === 'beta-ld') {
    const drag = q / aero.ballisticCoefficient;
    const liftMax = aero.liftToDrag * drag;
    out.drag = drag;
    out.lift = Math.min(Math.max(liftWanted, 0), liftMax);
    out.angleOfAttack = liftMax > 0 ? aero.angleOfAttack * (out.lift / liftMax) : 0;
    return out;
  }
  const qs = (q * aero.referenceArea) / mass;
  const alphaMax = Math.min(cavhBestAlphaDeg(mach), aero.maxAngleOfAttack / DEG);
  const alphaZeroLift = Math.max(0, -(-0.2317 + 0.2945 * Math.exp(-0.1028 * mach)) / 0.0513);
  let alpha = alphaMax;
  if (qs > 0) {
    const clWanted = Math.max(liftWanted, 0) / qs;
    alpha = Math.min(alphaMax, Math.max(alphaZeroLift, (clWanted - (-0.2317 + 0.2945 * Math.exp(-0.1028 * mach))) / 0.0513));
  }
  out.drag = qs * cavhDrag(alpha, mach);
  out.lift = Math.max(0, qs * cavhLift(alpha, mach));
  out.angleOfAttack = alpha * DEG;
  return out;
}

/** Maximum lift acceleration available, m/s^2. */
export function maxLiftAcceleration(aero: GliderAerodynamics, q: number, mach: number, mass: number): number {
  if (aero.model === 'beta-ld') return (aero.liftToDrag * q) / aero.ballisticCoefficient;
  const alpha = Math.min(cavhBestAlphaDeg(mach), aero.maxAngleOfAttack / DEG);
  return Math.max(0, (q * aero.referenceArea * cavhLift(alpha, mach)) / mass);
}
