/** Raid generators: areas in SI and the seeded draw of a raid's launches. */
import { DEG, KM } from '../math/units.ts';
import { Random } from '../math/random.ts';
import type { ThreatRequest } from '../threats/fly-threat.ts';
import type { ThreatVehicle } from '../threats/vehicle.ts';
import type { Instant } from '../time/instant.ts';
import { parseIsoUtc } from '../time/iso.ts';
import type { CompileContext } from './context.ts';
import { type Raw, checkUnique, list, part } from './document.ts';
import { issue } from './issues.ts';
import type { VehicleLookup } from './threats.ts';
import { INPUT_SEPARATION_KM, deriveSeed, drawPointIn, flightGroundDistance } from './geometry.ts';
import { type AreaFile, raidSchema } from './schema.ts';
import type { Area, RaidSpec, ScenarioThreat } from './types.ts';

/** Areas in radians and metres. */
export function areaFromFile(a: AreaFile): Area {
  if (a.box) return { kind: 'box', south: a.box.southDeg * DEG, north: a.box.northDeg * DEG, west: a.box.westDeg * DEG, east: a.box.eastDeg * DEG };
  if (a.polygon) return { kind: 'polygon', vertices: a.polygon.map((p) => ({ lat: p.latDeg * DEG, lon: p.lonDeg * DEG })) };
  const c = a.circle as NonNullable<AreaFile['circle']>;
  return { kind: 'circle', centre: { lat: c.latDeg * DEG, lon: c.lonDeg * DEG }, radius: c.radiusKm * KM };
}

/**
 * The raid's launches, drawn from their own stream (deriveSeed(seed, "raid:" + id)): launch k
 * flies vehicles[k mod n], at a time uniform in the window (whole seconds after its start), from
 * a point uniform by area in the launch area toward one in the aim area (redrawn while closer
 * than flyThreat's 10 km). A string says why the areas cannot give a launch.
 */
export function drawRaid(raid: RaidSpec, vehicles: readonly ThreatVehicle[], seed: number): ScenarioThreat[] | string {
  const random = new Random(deriveSeed(seed, `raid:${raid.id}`));
  const width = Math.max(2, String(raid.count).length);
  const spanS = raid.window.end - raid.window.start;
  const out: ScenarioThreat[] = [];
  for (let k = 0; k < raid.count; k++) {
    const vehicle = vehicles[k % vehicles.length];
    const launchTime = (raid.window.start + Math.min(Math.floor(spanS), Math.round(random.uniform() * spanS))) as Instant;
    let launch = drawPointIn(raid.launchArea, random);
    let aim = drawPointIn(raid.aimArea, random);
    for (let tries = 0; launch && aim && flightGroundDistance(launch, aim) < INPUT_SEPARATION_KM * KM; tries++) {
      if (tries === 100) return `gives launch and aim points closer than ${INPUT_SEPARATION_KM} km after 100 draws: the areas overlap too much`;
      launch = drawPointIn(raid.launchArea, random);
      aim = drawPointIn(raid.aimArea, random);
    }
    if (!launch || !aim) return 'has a polygon no point could be drawn in';
    const id = `${raid.id}-${String(k + 1).padStart(width, '0')}`;
    const request: ThreatRequest = { id, launch, aim, launchTime };
    if (vehicle.kind === 'ballistic') request.profile = raid.profile;
    out.push({ id, vehicleId: raid.vehicles[k % raid.vehicles.length], vehicle, request, raid: raid.id });
  }
  return out;
}

/** The raids section: each raid checked, then drawn into threats (its own stream of the seed). */
export function compileRaids(
  ctx: CompileContext,
  raidValues: unknown[],
  vehicleFor: VehicleLookup,
  declaredThreatIds: ReadonlySet<string>,
): { raids: RaidSpec[]; threats: ScenarioThreat[] } {
  const threats: ScenarioThreat[] = [];
  checkUnique('raids', raidValues, ctx.issues);
  const raids: RaidSpec[] = [];
  raidValues.forEach((value, i) => {
    const path = ['raids', i];
    const before = ctx.issues.length;
    const members = list((value as Raw | null)?.vehicles).map((name, j) => (typeof name === 'string' ? vehicleFor(name, [...path, 'vehicles', j]) : undefined));
    const rawWindow = (value as Raw | null)?.window as Raw | undefined;
    ctx.checkWithinSpan(rawWindow?.start, [...path, 'window', 'start']);
    ctx.checkWithinSpan(rawWindow?.end, [...path, 'window', 'end']);
    const r = part(raidSchema, value);
    if (!r || ctx.issues.length > before || members.some((m) => !m) || ctx.seed === null) return;
    const window = { start: parseIsoUtc(r.window.start), end: parseIsoUtc(r.window.end) };
    const spec: RaidSpec = {
      id: r.id,
      count: r.count,
      vehicles: r.vehicles,
      launchArea: areaFromFile(r.launchArea),
      aimArea: areaFromFile(r.aimArea),
      window,
      profile: r.profile ?? 'min-energy',
    };
    const drawn = drawRaid(spec, members as ThreatVehicle[], ctx.seed);
    if (typeof drawn === 'string') {
      ctx.issues.push(issue([...path, 'aimArea'], drawn));
      return;
    }
    for (const t of drawn) {
      if (declaredThreatIds.has(t.id)) {
        ctx.issues.push(issue([...path, 'id'], `names its threats ${drawn[0].id}, ...; ${t.id} is also the id of a declared threat`, r.id));
        return;
      }
    }
    raids.push(spec);
    threats.push(...drawn);
  });
  return { raids, threats };
}
