/** The vehicles and threats sections: custom vehicles, and threats as flyThreat requests. */
import { DEG, KM } from '../math/units.ts';
import type { ThreatRequest } from '../threats/fly-threat.ts';
import type { Manoeuvre } from '../threats/manoeuvres.ts';
import { threatPreset, threatPresets } from '../threats/presets.ts';
import type { ThreatVehicle } from '../threats/vehicle.ts';
import { parseIsoUtc } from '../time/iso.ts';
import type { CompileContext } from './context.ts';
import { type Raw, checkUnique, ids, part } from './document.ts';
import { type DocumentPath, issue } from './issues.ts';
import { threatSchema, vehicleSchema } from './schema.ts';
import type { ScenarioThreat, ScenarioVehicle } from './types.ts';
import { buildVehicle } from './vehicles.ts';

/** The vehicle a name refers to; undefined if unknown (a problem is added at `path`), null if it is a custom vehicle that failed. */
export type VehicleLookup = (name: string, path: DocumentPath) => ThreatVehicle | null | undefined;

export function compileVehicles(ctx: CompileContext, vehicleValues: unknown[]): { vehicles: ScenarioVehicle[]; vehicleFor: VehicleLookup } {
  const presetNames = threatPresets().map((p) => p.name);
  checkUnique('vehicles', vehicleValues, ctx.issues);
  const customIds = ids(vehicleValues);
  const vehicles: ScenarioVehicle[] = [];
  vehicleValues.forEach((value, i) => {
    const v = part(vehicleSchema, value);
    if (!v) return;
    if (presetNames.includes(v.id)) {
      ctx.issues.push(issue(['vehicles', i, 'id'], `is the name of a preset: give the custom vehicle another id`, v.id));
      return;
    }
    const { vehicle, issues: found } = buildVehicle(v, ['vehicles', i]);
    ctx.issues.push(...found);
    if (vehicle) vehicles.push({ id: v.id, basedOn: v.basedOn, vehicle });
  });
  const knownVehicles = [...presetNames, ...customIds];
  const vehicleFor: VehicleLookup = (name, path) => {
    const custom = vehicles.find((v) => v.id === name);
    if (custom) return custom.vehicle;
    if (customIds.includes(name)) return null;
    if (presetNames.includes(name)) return threatPreset(name);
    ctx.issues.push(issue(path, `is not a preset or custom vehicle (known: ${knownVehicles.join(', ')})`, name));
    return undefined;
  };
  return { vehicles, vehicleFor };
}

export function compileThreats(ctx: CompileContext, threatValues: unknown[], vehicleFor: VehicleLookup): ScenarioThreat[] {
  checkUnique('threats', threatValues, ctx.issues);
  const threats: ScenarioThreat[] = [];
  threatValues.forEach((value, i) => {
    const path = ['threats', i];
    const before = ctx.issues.length;
    const named = (value as Raw | null)?.vehicle;
    const vehicle = typeof named === 'string' ? vehicleFor(named, [...path, 'vehicle']) : undefined;
    ctx.checkWithinSpan((value as Raw | null)?.launchTime, [...path, 'launchTime']);
    const t = part(threatSchema, value);
    if (!t || !vehicle) return;
    const launchTime = parseIsoUtc(t.launchTime);
    if (vehicle.kind === 'glide') {
      for (const key of ['profile', 'apogeeKm', 'burnoutFlightPathAngleDeg'] as const) {
        if (t[key] !== undefined) ctx.issues.push(issue([...path, key], `applies only to ballistic vehicles (${t.vehicle} is a glide vehicle)`, t[key]));
      }
    } else if (t.manoeuvres && t.manoeuvres.length > 0) {
      ctx.issues.push(issue([...path, 'manoeuvres'], `applies only to glide vehicles (${t.vehicle} is ballistic)`, t.manoeuvres));
    }
    if (ctx.issues.length > before) return;
    const request: ThreatRequest = {
      id: t.id,
      launch: { lat: t.launch.latDeg * DEG, lon: t.launch.lonDeg * DEG },
      aim: { lat: t.aim.latDeg * DEG, lon: t.aim.lonDeg * DEG },
      launchTime,
    };
    if (vehicle.kind === 'ballistic') {
      request.profile = t.profile ?? 'min-energy';
      if (t.apogeeKm !== undefined) request.apogee = t.apogeeKm * KM;
      if (t.burnoutFlightPathAngleDeg !== undefined) request.burnoutFlightPathAngle = t.burnoutFlightPathAngleDeg * DEG;
    } else if (t.manoeuvres) {
      request.manoeuvres = t.manoeuvres.map(
        (m): Manoeuvre =>
          m.type === 's-turns'
            ? { kind: 's-turns', start: m.startS, end: m.endS, amplitude: m.amplitudeDeg * DEG, period: m.periodS }
            : { kind: 'heading-change', at: m.atS, delta: m.deltaDeg * DEG, duration: m.durationS },
      );
    }
    threats.push({ id: t.id, vehicleId: t.vehicle, vehicle, request, raid: null });
  });
  return threats;
}
