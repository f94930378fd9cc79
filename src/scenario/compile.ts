/**
 * From a parsed scenario document to the typed scenario: the schema's issues, then everything
 * that needs more than one object (references between sections, unique ids, element-set files,
 * region grids, raid draws), all collected so that a file with several problems reports them all.
 *
 * Each section is built element by element from the elements the schema accepts, so a broken
 * constellation does not hide a missing file in the next one. Nothing here reads files itself:
 * element-set files come through the `files` reader the caller passes (Node in the CLI).
 */
import { InputError } from '../math/errors.ts';
import { DEG, KM } from '../math/units.ts';
import { timeGrid } from '../time/grid.ts';
import type { Instant } from '../time/instant.ts';
import { formatIsoUtc, parseIsoUtc } from '../time/iso.ts';
import { type TrackerConfig, trackerConfigFileSchema, trackerConfigFromFile } from '../tracking/config.ts';
import { type ScenarioFiles, compileConstellations } from './constellations.ts';
import type { CompileContext } from './context.ts';
import { type Raw, checkUnique, ids, list, part, pathFromField } from './document.ts';
import { buildFigures } from './figures.ts';
import { type DocumentPath, type ScenarioIssue, issue, issueFromError, issuesFromZod } from './issues.ts';
import { compileRaids } from './raids.ts';
import { compileRegions } from './regions.ts';
import { groundStationSchema, isoTime, scenarioFileSchema, timeSchema } from './schema.ts';
import { knownKeysAt } from './schema-walk.ts';
import { compileSensors } from './sensors.ts';
import { compileThreats, compileVehicles } from './threats.ts';
import type { GroundStation, Scenario, ScenarioTime } from './types.ts';

export type { ScenarioFiles } from './constellations.ts';

export interface CompileOptions {
  /** Folder element-set files are resolved against (the scenario file's folder). Default '.'. */
  baseDir?: string;
  files?: ScenarioFiles;
  /** Replaces the file's seed (the CLI's --seed). */
  seed?: number;
}

export interface CompileResult {
  /** null when there are issues. */
  scenario: Scenario | null;
  issues: ScenarioIssue[];
  /** Things worth saying that do not stop a run (rejected entries of element-set files, stale epochs). */
  warnings: string[];
}

export { DEFAULT_DETECTION_THRESHOLD_SIGMA } from './sensors.ts';

/** Checks a parsed document and builds the typed scenario; every problem is collected, none thrown. */
export function compileScenario(document: unknown, options: CompileOptions = {}): CompileResult {
  const issues: ScenarioIssue[] = [];
  const warnings: string[] = [];
  const full = scenarioFileSchema.safeParse(document);
  if (!full.success) issues.push(...issuesFromZod(full.error, document, (path) => knownKeysAt(scenarioFileSchema, document, path)));
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return { scenario: null, issues, warnings };
  const raw = document as Raw;

  const { time, seed, checkWithinSpan } = compileTime(raw, options, issues);
  const ctx: CompileContext = { issues, warnings, options, time, seed, checkWithinSpan };
  const sensorValues = list(raw.sensors);
  const sensors = compileSensors(ctx, sensorValues);
  const constellationValues = list(raw.constellations);
  const constellations = compileConstellations(ctx, constellationValues, ids(sensorValues));
  const { vehicles, vehicleFor } = compileVehicles(ctx, list(raw.vehicles));
  const threatValues = list(raw.threats);
  const threats = compileThreats(ctx, threatValues, vehicleFor);
  const raidValues = list(raw.raids);
  const { raids, threats: drawn } = compileRaids(ctx, raidValues, vehicleFor, new Set(ids(threatValues)));
  threats.push(...drawn);
  const regionValues = list(raw.regions);
  const regions = compileRegions(ctx, regionValues);
  const groundStations = compileGroundStations(ctx, list(raw.groundStations));
  const figures = buildFigures(raw, time, ids(regionValues), constellationValues, sensorValues, threatValues.length + raidValues.length > 0, issues, warnings);
  const tracker = compileTracker(ctx, raw.tracker);

  if (issues.length > 0 || !full.success || !time || seed === null || !figures) {
    if (issues.length === 0) issues.push(issue([], 'could not be read as a scenario'));
    return { scenario: null, issues, warnings };
  }
  const f = full.data;
  const nations: string[] = [];
  for (const c of constellations) if (!nations.includes(c.owner)) nations.push(c.owner);
  const scenario: Scenario = {
    name: f.name,
    description: f.description ?? null,
    seed,
    time,
    propagator: f.propagator,
    sensors,
    constellations,
    satellites: constellations.flatMap((c) => c.satellites),
    nations,
    vehicles,
    threats,
    raids,
    regions,
    groundStations,
    figures,
    tracker,
  };
  return { scenario, issues, warnings };
}

/** The time span and the seed; times of other sections are checked against the span even when the step is wrong. */
function compileTime(raw: Raw, options: CompileOptions, issues: ScenarioIssue[]): Pick<CompileContext, 'time' | 'seed' | 'checkWithinSpan'> {
  const timeFile = part(timeSchema, raw.time);
  let time: ScenarioTime | null = null;
  if (timeFile) {
    const start = parseIsoUtc(timeFile.start);
    time = {
      start,
      end: (start + timeFile.durationS) as Instant,
      duration: timeFile.durationS,
      step: timeFile.stepS,
      grid: timeGrid(start, timeFile.durationS, timeFile.stepS, { duration: 'time.durationS', step: 'time.stepS' }),
    };
  }
  let seed: number | null = part(scenarioFileSchema.shape.seed, raw.seed);
  if (options.seed !== undefined) {
    if (Number.isInteger(options.seed) && options.seed >= 0 && options.seed <= 4294967295) seed = options.seed;
    else issues.push(issue(['seed'], 'must be a whole number from 0 to 4294967295 (--seed)', options.seed));
  }
  // The span is known when start and duration are, even if the step is wrong: times are still checked against it.
  const spanStart = part(timeSchema.shape.start, (raw.time as Raw | undefined)?.start);
  const spanDuration = part(timeSchema.shape.durationS, (raw.time as Raw | undefined)?.durationS);
  const spanKnown = spanStart !== null && spanDuration !== null;
  const t0 = spanKnown ? parseIsoUtc(spanStart) : 0;
  const t1 = spanKnown ? t0 + spanDuration : 0;
  const span = spanKnown ? `${formatIsoUtc(t0 as Instant, 0)} to ${formatIsoUtc(t1 as Instant, 0)}` : '';
  /** Adds an issue when a time text of the file lies outside the scenario's span. */
  const checkWithinSpan = (text: unknown, path: DocumentPath) => {
    if (!spanKnown || typeof text !== 'string' || !part(isoTime, text)) return;
    const t = parseIsoUtc(text);
    if (t < t0 - 1e-6 || t > t1 + 1e-6) issues.push(issue(path, `must lie within the scenario (${span})`, text));
  };

  return { time, seed, checkWithinSpan };
}

function compileGroundStations(ctx: CompileContext, stationValues: unknown[]): GroundStation[] {
  checkUnique('groundStations', stationValues, ctx.issues);
  const groundStations: GroundStation[] = [];
  stationValues.forEach((value) => {
    const g = part(groundStationSchema, value);
    if (!g) return;
    groundStations.push({
      id: g.id,
      owner: g.owner,
      location: { lat: g.latDeg * DEG, lon: g.lonDeg * DEG, height: g.altitudeKm * KM },
      minElevation: g.minElevationDeg * DEG,
    });
  });
  return groundStations;
}

/** src/tracking's own file form and conversion; its cross-checks (one sojourn per model) come back at their tracker path. */
function compileTracker(ctx: CompileContext, value: unknown): TrackerConfig {
  // trackerConfigFromFile copies the defaults, so a run may not change them for everyone.
  if (value === undefined || !trackerConfigFileSchema.safeParse(value).success) return trackerConfigFromFile({});
  try {
    return trackerConfigFromFile(value);
  } catch (error) {
    if (error instanceof InputError) ctx.issues.push(issue(['tracker', ...pathFromField(error.field.replace(/^config\.?/, ''))], error.problem, error.value));
    else ctx.issues.push(issueFromError(['tracker'], error));
    return trackerConfigFromFile({});
  }
}
