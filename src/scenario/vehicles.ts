import { DEG } from '../math/units.ts';
import { threatPreset } from '../threats/presets.ts';
import { type GlideVehicle, type ThreatVehicle, validateVehicle } from '../threats/vehicle.ts';
import { type ScenarioIssue, issue, issueFromError } from './issues.ts';
import type { VehicleFile } from './schema.ts';

const BALLISTIC_ONLY = ['payloadMassKg', 'coneHalfAngleDeg'] as const;
const GLIDE_ONLY = ['gliderMassKg', 'liftToDrag', 'angleOfAttackDeg', 'releaseFlightPathAngleDeg', 'diveAngleDeg', 'minimumSpeedMps', 'terminalSpeedMps'] as const;
/** Keys of the constant beta and L/D glider model, which the CAV-H tables replace. */
const BETA_LD_ONLY = ['liftToDrag', 'angleOfAttackDeg', 'ballisticCoefficientKgPerM2'] as const;

/**
 * A custom vehicle: a copy of its preset with the file's figures (edge units) put in, checked
 * by src/threats' validateVehicle. Keys that do not apply to the preset's kind are problems.
 */
export function buildVehicle(file: VehicleFile, path: readonly (string | number)[]): { vehicle: ThreatVehicle | null; issues: ScenarioIssue[] } {
  const base = threatPreset(file.basedOn);
  const issues: ScenarioIssue[] = [];
  const wrongKind = base.kind === 'ballistic' ? GLIDE_ONLY : BALLISTIC_ONLY;
  for (const key of wrongKind) {
    if (file[key] !== undefined) issues.push(issue([...path, key], `applies only to ${base.kind === 'ballistic' ? 'glide' : 'ballistic'} vehicles (${base.name} is ${base.kind})`, file[key]));
  }
  if (base.kind === 'glide' && base.aero.model === 'cav-h') {
    for (const key of BETA_LD_ONLY) {
      if (file[key] !== undefined) issues.push(issue([...path, key], `does not apply to ${base.name}, whose lift and drag come from the CAV-H tables`, file[key]));
    }
  }
  if (issues.length > 0) return { vehicle: null, issues };

  const b = base.booster;
  const booster = {
    stages: file.stages ? file.stages.map((s) => ({ propellant: s.propellantKg, dry: s.dryKg, isp: s.ispS, burnTime: s.burnTimeS })) : b.stages.map((s) => ({ ...s })),
    dragArea: file.boosterDragAreaM2 ?? b.dragArea,
    verticalRise: file.verticalRiseS ?? b.verticalRise,
    kickAngle: file.kickAngleDeg !== undefined ? file.kickAngleDeg * DEG : b.kickAngle,
    kickDuration: file.kickDurationS ?? b.kickDuration,
    plume: { radiativeEfficiency: file.plumeRadiativeEfficiency ?? b.plume.radiativeEfficiency, temperature: file.plumeTemperatureK ?? b.plume.temperature },
  };
  const body = {
    noseRadius: file.noseRadiusM ?? base.body.noseRadius,
    emissivity: file.emissivity ?? base.body.emissivity,
    length: file.bodyLengthM ?? base.body.length,
    area: file.bodyAreaM2 ?? base.body.area,
  };
  const label = file.label ?? `${file.id} (${base.name} with changed figures)`;
  let vehicle: ThreatVehicle;
  if (base.kind === 'ballistic') {
    vehicle = {
      kind: 'ballistic',
      name: file.id,
      label,
      booster,
      payloadMass: file.payloadMassKg ?? base.payloadMass,
      ballisticCoefficient: file.ballisticCoefficientKgPerM2 ?? base.ballisticCoefficient,
      coneHalfAngle: file.coneHalfAngleDeg !== undefined ? file.coneHalfAngleDeg * DEG : base.coneHalfAngle,
      body,
    };
  } else {
    const aero: GlideVehicle['aero'] =
      base.aero.model === 'beta-ld'
        ? {
            model: 'beta-ld',
            ballisticCoefficient: file.ballisticCoefficientKgPerM2 ?? base.aero.ballisticCoefficient,
            liftToDrag: file.liftToDrag ?? base.aero.liftToDrag,
            angleOfAttack: file.angleOfAttackDeg !== undefined ? file.angleOfAttackDeg * DEG : base.aero.angleOfAttack,
          }
        : { ...base.aero };
    vehicle = {
      kind: 'glide',
      name: file.id,
      label,
      booster,
      gliderMass: file.gliderMassKg ?? base.gliderMass,
      aero,
      releaseFlightPathAngle: file.releaseFlightPathAngleDeg !== undefined ? file.releaseFlightPathAngleDeg * DEG : base.releaseFlightPathAngle,
      diveAngle: file.diveAngleDeg !== undefined ? file.diveAngleDeg * DEG : base.diveAngle,
      minimumSpeed: file.minimumSpeedMps ?? base.minimumSpeed,
      terminalSpeed: file.terminalSpeedMps ?? base.terminalSpeed,
      body,
    };
  }
  try {
    validateVehicle(vehicle, 'vehicle');
  } catch (error) {
    return { vehicle: null, issues: [issueFromError(path, error)] };
  }
  return { vehicle, issues: [] };
}
