import { InputError } from '../math/errors.ts';
import { DEG } from '../math/units.ts';
import type { BallisticVehicle, Booster, GlideVehicle, PlumeModel, ThreatVehicle } from './vehicle.ts';

/**
 * Generic threat vehicles. None is a particular missile: each is sized from public figures of
 * its class, and docs/threats.md gives the source or the reasoning for every number. The tests
 * hold each preset inside its class's published envelope (../shared/data/references.md).
 */

/** Solid propellant plume: about 2,000 K effective temperature, 5 % of the jet power radiated (stated assumption, docs/threats.md). */
const SOLID_PLUME: PlumeModel = { radiativeEfficiency: 0.05, temperature: 2000 };
/** Liquid (kerosene/nitric acid class) plume: cooler and less luminous than aluminised solid propellant. */
const LIQUID_PLUME: PlumeModel = { radiativeEfficiency: 0.03, temperature: 1800 };

function booster(stages: Booster['stages'], dragArea: number, kickDeg: number, plume: PlumeModel, verticalRise = 5, kickDuration = 5): Booster {
  return { stages, dragArea, verticalRise, kickAngle: kickDeg * DEG, kickDuration, plume };
}

/** Short-range (about 300 km), single-stage liquid, Scud-B-like masses and burn. */
const SRBM: BallisticVehicle = {
  kind: 'ballistic',
  name: 'srbm',
  label: 'generic short-range ballistic missile (300 km class, single-stage liquid)',
  booster: booster([{ propellant: 3700, dry: 1215, isp: 240, burnTime: 62 }], 0.2, 12, LIQUID_PLUME),
  payloadMass: 985,
  ballisticCoefficient: 5000,
  coneHalfAngle: 12 * DEG,
  body: { noseRadius: 0.1, emissivity: 0.8, length: 2.0, area: 0.6 },
};

/** Medium-range (1,000-3,000 km), two-stage solid. */
const MRBM: BallisticVehicle = {
  kind: 'ballistic',
  name: 'mrbm',
  label: 'generic medium-range ballistic missile (1,000-3,000 km class, two-stage solid)',
  booster: booster(
    [
      { propellant: 8000, dry: 1100, isp: 255, burnTime: 60 },
      { propellant: 2600, dry: 450, isp: 275, burnTime: 55 },
    ],
    0.4,
    10,
    SOLID_PLUME,
  ),
  payloadMass: 700,
  ballisticCoefficient: 8000,
  coneHalfAngle: 10 * DEG,
  body: { noseRadius: 0.05, emissivity: 0.8, length: 2.2, area: 0.5 },
};

/** Intermediate-range (3,000-5,500 km), two-stage solid. */
const IRBM: BallisticVehicle = {
  kind: 'ballistic',
  name: 'irbm',
  label: 'generic intermediate-range ballistic missile (3,000-5,500 km class, two-stage solid)',
  booster: booster(
    [
      { propellant: 13000, dry: 1500, isp: 265, burnTime: 70 },
      { propellant: 4500, dry: 600, isp: 285, burnTime: 65 },
    ],
    0.6,
    10,
    SOLID_PLUME,
  ),
  payloadMass: 1000,
  ballisticCoefficient: 9000,
  coneHalfAngle: 9 * DEG,
  body: { noseRadius: 0.04, emissivity: 0.8, length: 2.0, area: 0.45 },
};

/** Intercontinental, three-stage solid with Minuteman III-like stage masses and burns. */
const ICBM_BOOSTER = booster(
  [
    { propellant: 20800, dry: 2450, isp: 267, burnTime: 61 },
    { propellant: 6200, dry: 1050, isp: 288, burnTime: 66 },
    { propellant: 3300, dry: 400, isp: 300, burnTime: 61 },
  ],
  0.7,
  20,
  SOLID_PLUME,
);

const ICBM: BallisticVehicle = {
  kind: 'ballistic',
  name: 'icbm',
  label: 'generic intercontinental ballistic missile (three-stage solid, Minuteman III-like masses)',
  booster: ICBM_BOOSTER,
  payloadMass: 600,
  ballisticCoefficient: 10000,
  coneHalfAngle: 8 * DEG,
  body: { noseRadius: 0.025, emissivity: 0.8, length: 1.8, area: 0.3 },
};

/** HTV-2-like glider: the Union of Concerned Scientists' model figures (beta, L/D, nose radius, emissivity). */
const HTV2: GlideVehicle = {
  kind: 'glide',
  name: 'htv-2',
  label: 'HTV-2-like hypersonic glide vehicle (beta 13,000 kg/m^2, L/D 2.6)',
  booster: booster(
    [
      { propellant: 26000, dry: 2600, isp: 280, burnTime: 60 },
      { propellant: 7000, dry: 800, isp: 295, burnTime: 60 },
    ],
    1.2,
    12,
    SOLID_PLUME,
  ),
  gliderMass: 1000,
  aero: { model: 'beta-ld', ballisticCoefficient: 13000, liftToDrag: 2.6, angleOfAttack: 10 * DEG },
  releaseFlightPathAngle: 2 * DEG,
  diveAngle: 15 * DEG,
  minimumSpeed: 1500,
  terminalSpeed: 2000,
  body: { noseRadius: 0.034, emissivity: 0.85, length: 3.7, area: 3.0 },
};

/** A medium-range glider of the DF-17 class on a two-stage solid booster. */
const DF17: GlideVehicle = {
  kind: 'glide',
  name: 'df-17',
  label: 'medium-range hypersonic glide vehicle, DF-17 class (1,800-2,500 km)',
  booster: booster(
    [
      { propellant: 10000, dry: 1200, isp: 260, burnTime: 60 },
      { propellant: 3300, dry: 450, isp: 280, burnTime: 55 },
    ],
    0.5,
    8,
    SOLID_PLUME,
  ),
  gliderMass: 1500,
  aero: { model: 'beta-ld', ballisticCoefficient: 10000, liftToDrag: 2.5, angleOfAttack: 10 * DEG },
  releaseFlightPathAngle: 5 * DEG,
  diveAngle: 15 * DEG,
  minimumSpeed: 1500,
  terminalSpeed: 2000,
  body: { noseRadius: 0.04, emissivity: 0.85, length: 4.0, area: 2.5 },
};

/** CAV-H aerodynamic tables (m = 907.2 kg, S = 0.4839 m^2) on the generic ICBM booster. */
const CAVH: GlideVehicle = {
  kind: 'glide',
  name: 'cav-h',
  label: 'CAV-H (Common Aero Vehicle, hypersonic) with its C_L/C_D fits, on the generic ICBM booster',
  booster: ICBM_BOOSTER,
  gliderMass: 907.2,
  aero: { model: 'cav-h', referenceArea: 0.4839, maxAngleOfAttack: 20 * DEG },
  releaseFlightPathAngle: 2 * DEG,
  diveAngle: 15 * DEG,
  minimumSpeed: 1500,
  terminalSpeed: 2500,
  body: { noseRadius: 0.03, emissivity: 0.85, length: 2.9, area: 1.5 },
};

const PRESETS: readonly ThreatVehicle[] = [SRBM, MRBM, IRBM, ICBM, HTV2, DF17, CAVH];

/** All presets (shared, frozen-by-convention values: copy before changing one). */
export function threatPresets(): readonly ThreatVehicle[] {
  return PRESETS;
}

export function threatPreset(name: string, field = 'preset'): ThreatVehicle {
  const found = PRESETS.find((p) => p.name === name);
  if (!found) throw new InputError(field, name, `is not a preset (known: ${PRESETS.map((p) => p.name).join(', ')})`);
  return found;
}
