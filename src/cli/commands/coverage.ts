import { type Ring, loadLandOutlines } from '../../coverage/coastlines.ts';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { SunPosition } from '../../access/conditions.ts';
import { sunPositionItrf } from '../../bodies/sun.ts';
import { computeCoverage } from '../../coverage/compute.ts';
import type { CoverageProblem } from '../../coverage/engine.ts';
import type { CoverageReport } from '../../coverage/figures.ts';
import { type CoverageGrid, globalEqualAreaGrid, parseRegion, regionGrid } from '../../coverage/grid.ts';
import { type MapOptions, coverageMapRaster, coverageMapSvg } from '../../coverage/map.ts';
import { satellitesOwnedBy } from '../../coverage/owners.ts';
import { InputError } from '../../math/errors.ts';
import { DEG, KM } from '../../math/units.ts';
import type { StateTable } from '../../orbits/state-table.ts';
import { computeCoverageParallel } from '../../parallel/coverage-parallel.ts';
import { type SensorConfig, sensorFromConfig } from '../../sensors/sensor-config.ts';
import type { Sensor } from '../../sensors/sensor.ts';
import { SENSOR_KINDS } from '../../sensors/sensor.ts';
import { type ConstellationInputOptions, addConstellationInputOptions, loadConstellationInput, propagateSatellites } from '../constellation-input.ts';
import { writeOutput } from '../io.ts';
import { encodePng } from '../png.ts';

const number = (option: string) => (value: string) => {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new InputError(option, value, 'must be a number');
  return x;
};

export function register(program: Command): void {
  const command = program
    .command('coverage')
    .description('Coverage of a grid of targets (ground, or at an altitude for missiles) by a constellation: N-fold coverage, gaps, revisit, stereo; a table, JSON, a map.');
  addConstellationInputOptions(command, { duration: '1d', step: '60s' })
    .option('--grid-altitude-km <km>', 'altitude of the grid above the ellipsoid (0: ground; 40: the glide layer)', number('--grid-altitude-km'), 0)
    .option('--grid-deg <deg>', 'grid spacing, degrees (a global equal-area grid unless --region)', number('--grid-deg'), 1)
    .option('--region <region>', 'box:SOUTH,NORTH,WEST,EAST or polygon:LAT,LON;LAT,LON;... (degrees)')
    .option('--min-elevation-deg <deg>', 'ground grids: least elevation of a satellite above the horizon', number('--min-elevation-deg'))
    .option('--grazing-altitude-km <km>', 'grids above the ground: least altitude of the line of sight where it grazes the limb', number('--grazing-altitude-km'))
    .option('--max-off-nadir-deg <deg>', 'a cone field of regard about nadir of this half-angle', number('--max-off-nadir-deg'))
    .option('--sensor <type>', `sensor type: ${SENSOR_KINDS.join(', ')}`, 'staring-ir')
    .option('--sensor-config <json>', 'further sensor keys as a JSON object (docs/sensors.md)')
    .option('--fold <n[,m]>', 'N of N-fold coverage; several comma-separated', '1')
    .option('--owners <list>', 'count only satellites of these owners (ISO alpha-3, comma-separated)')
    .option('--stereo-deg <deg>', 'also the stereo figure: two sensors whose lines of sight cross at least this angle', number('--stereo-deg'))
    .option('--map <file>', 'write a map (.png or .svg)')
    .option('--map-figure <figure>', `what the map shows: ${MAP_FIGURES.join(', ')}`, 'coverage')
    .option('--json', 'print one JSON object instead of the table')
    .option('--workers <n>', 'split the run over N worker threads (the figures do not change)', number('--workers'))
    .addHelpText(
      'after',
      `
Examples:
  tracklayer coverage --walker 53:54/6/1@1000km --walker star:90:28/4/1@1200km --grid-altitude-km 40 --fold 1,2,3,4 --duration 1d --step 30s --workers 2
  tracklayer coverage --walker 60:24/6/1@1000km --max-off-nadir-deg 50 --grid-altitude-km 40 --map cover.png
  tracklayer coverage --walker 97.4:8/4/1@500km --sensor eo-imager --region box:30,46,128,146 --grid-deg 0.5 --min-elevation-deg 20 --json`,
    )
    .action(async (options: CoverageCommandOptions & ConstellationInputOptions) => {
      const input = loadConstellationInput(options);
      for (const warning of input.warnings) process.stderr.write(`tracklayer: skipped ${warning}\n`);
      const table = propagateSatellites(input.satellites, input.grid, 'ITRF', { propagator: input.propagator });
      const run = await runCoverageAsync(
        table,
        input.satellites.map((s) => s.owner),
        options,
        { sunPosition: (t, out) => sunPositionItrf(t, undefined, out), ...(options.map !== undefined ? { coastlines: await loadLandOutlines() } : {}) },
      );
      if (run.map) writeMap(run.map);
      writeOutput(undefined, options.json ? `${JSON.stringify(run.json, null, 2)}\n` : run.text);
    });
}

function writeMap(map: NonNullable<CoverageRun['map']>): void {
  mkdirSync(dirname(map.path), { recursive: true });
  if (map.svg !== undefined) writeFileSync(map.path, map.svg);
  else if (map.raster) writeFileSync(map.path, encodePng(map.raster.width, map.raster.height, map.raster.rgba));
}

/** Options of `tracklayer coverage` beyond the constellation input (edge units, as typed). */
export interface CoverageCommandOptions {
  gridAltitudeKm?: number;
  gridDeg?: number;
  region?: string;
  minElevationDeg?: number;
  grazingAltitudeKm?: number;
  maxOffNadirDeg?: number;
  sensor?: string;
  sensorConfig?: string;
  fold?: string;
  owners?: string;
  stereoDeg?: number;
  map?: string;
  mapFigure?: string;
  json?: boolean;
  /** Worker threads; absent: the run stays on this thread. */
  workers?: number;
}

export const MAP_FIGURES = ['coverage', 'sensors', 'max-gap', 'mean-gap', 'revisit', 'response', 'stereo'] as const;

export interface CoverageRun {
  readonly report: CoverageReport;
  readonly grid: CoverageGrid;
  readonly sensor: Sensor;
  readonly json: Record<string, unknown>;
  readonly text: string;
  /** The map file's contents when --map was given: SVG text or PNG raster (encoded by the caller). */
  readonly map: { path: string; svg?: string; raster?: ReturnType<typeof coverageMapRaster> } | null;
}

/** Parses `--fold 1,2`: whole numbers of at least 1, in the order given, without repeats. */
export function parseFolds(text: string | undefined): number[] {
  if (text === undefined) return [1];
  const folds = String(text)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (folds.length === 0 || !folds.every((f) => Number.isInteger(f) && f >= 1 && f <= 1000)) {
    throw new InputError('--fold', text, 'must be whole numbers of at least 1, comma-separated (e.g. 1,2)');
  }
  if (new Set(folds).size !== folds.length) throw new InputError('--fold', text, 'names a fold twice');
  return folds;
}

/** The sensor from --sensor (type), --sensor-config (JSON) and the shorthand options. */
export function sensorFromOptions(options: CoverageCommandOptions & { maxRangeKm?: number }): Sensor {
  let config: Record<string, unknown> = {};
  if (options.sensorConfig !== undefined) {
    try {
      config = JSON.parse(options.sensorConfig) as Record<string, unknown>;
    } catch {
      throw new InputError('--sensor-config', options.sensorConfig, 'must be a JSON object of sensor keys (docs/sensors.md)');
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new InputError('--sensor-config', options.sensorConfig, 'must be a JSON object');
  }
  const merged: Partial<SensorConfig> & Record<string, unknown> = { type: options.sensor ?? (config.type as string | undefined) ?? 'staring-ir', ...config };
  if (options.sensor !== undefined) merged.type = options.sensor;
  if (options.maxOffNadirDeg !== undefined) merged.maxOffNadirDeg = options.maxOffNadirDeg;
  if (options.grazingAltitudeKm !== undefined) merged.minGrazingAltitudeKm = options.grazingAltitudeKm;
  if (options.maxRangeKm !== undefined) merged.maxRangeKm = options.maxRangeKm;
  return sensorFromConfig(merged, 'sensor');
}

/**
 * The core of `tracklayer coverage`: a state table of satellites (ITRF) and their owners in, the
 * report, its JSON object, the printed table and the map out. The command only loads and writes.
 * Runs on this thread (--workers is for runCoverageAsync).
 */
export function runCoverage(table: StateTable<'ITRF'>, satelliteOwners: readonly string[] | null, options: CoverageCommandOptions, deps: CoverageDeps = {}): CoverageRun {
  const plan = planCoverage(table, satelliteOwners, options, deps);
  return finishCoverage(plan, computeCoverage(plan.problem), deps);
}

/** runCoverage on `options.workers` worker threads when given (the same figures, byte for byte), else on this thread. */
export async function runCoverageAsync(table: StateTable<'ITRF'>, satelliteOwners: readonly string[] | null, options: CoverageCommandOptions, deps: CoverageDeps = {}): Promise<CoverageRun> {
  const plan = planCoverage(table, satelliteOwners, options, deps);
  const report = plan.workers === null ? computeCoverage(plan.problem) : await computeCoverageParallel(plan.problem, { workers: plan.workers });
  return finishCoverage(plan, report, deps);
}

/** What the coverage core takes from its caller: the Sun's position, and land outlines for a map. */
export interface CoverageDeps {
  sunPosition?: SunPosition;
  coastlines?: readonly Ring[];
}

interface CoveragePlan {
  readonly problem: CoverageProblem;
  readonly grid: CoverageGrid;
  readonly sensor: Sensor;
  readonly folds: number[];
  readonly satellites: number[] | undefined;
  readonly heightKm: number;
  readonly spacing: number;
  readonly stereoDeg: number | undefined;
  readonly workers: number | null;
  readonly options: CoverageCommandOptions;
  readonly nObjects: number;
}

/** Checks the options and builds the coverage problem (edge units converted once here). */
function planCoverage(table: StateTable<'ITRF'>, satelliteOwners: readonly string[] | null, options: CoverageCommandOptions, deps: { sunPosition?: SunPosition }): CoveragePlan {
  const heightKm = options.gridAltitudeKm ?? 0;
  if (!Number.isFinite(heightKm) || heightKm < -1 || heightKm > 100000) throw new InputError('--grid-altitude-km', heightKm, 'must be an altitude in km above the ellipsoid');
  const spacing = options.gridDeg ?? 1;
  if (!(Number.isFinite(spacing) && spacing > 0 && spacing <= 90)) throw new InputError('--grid-deg', spacing, 'must be a spacing in (0, 90] degrees');
  const ground = Math.abs(heightKm) < 1e-9;
  if (!ground && options.minElevationDeg !== undefined) {
    throw new InputError('--min-elevation-deg', options.minElevationDeg, 'applies to ground grids (--grid-altitude-km 0); above the ground use --grazing-altitude-km');
  }
  const minElevationDeg = options.minElevationDeg ?? 0;
  if (!(minElevationDeg > -90 && minElevationDeg < 90)) throw new InputError('--min-elevation-deg', minElevationDeg, 'must be in (-90, 90) degrees');
  const workers = options.workers ?? null;
  if (workers !== null && !(Number.isInteger(workers) && workers >= 1 && workers <= 256)) throw new InputError('--workers', workers, 'must be a whole number of threads from 1 to 256');
  const grid = options.region !== undefined ? regionGrid(parseRegion(options.region, '--region'), spacing, heightKm * KM) : globalEqualAreaGrid(spacing, heightKm * KM);
  const folds = parseFolds(options.fold);
  const sensor = sensorFromOptions(options);
  let satellites: number[] | undefined;
  if (options.owners !== undefined) {
    if (!satelliteOwners) throw new InputError('--owners', options.owners, 'needs satellites with owners');
    satellites = satellitesOwnedBy(options.owners.split(','), satelliteOwners);
  }
  const stereoDeg = options.stereoDeg;
  if (stereoDeg !== undefined && !(stereoDeg > 0 && stereoDeg <= 90)) throw new InputError('--stereo-deg', stereoDeg, 'must be in (0, 90] degrees');
  if (options.map !== undefined) {
    const figure = options.mapFigure ?? 'coverage';
    if (!(MAP_FIGURES as readonly string[]).includes(figure)) throw new InputError('--map-figure', figure, `must be one of ${MAP_FIGURES.join(', ')}`);
    const lower = options.map.toLowerCase();
    if (!lower.endsWith('.svg') && !lower.endsWith('.png')) throw new InputError('--map', options.map, 'must end in .png or .svg');
  }
  const problem: CoverageProblem = {
    table,
    sensors: sensor,
    constraints: { minElevation: ground ? minElevationDeg * DEG : null },
    grid,
    folds,
    satellites,
    stereoAngle: stereoDeg === undefined ? null : stereoDeg * DEG,
    sunPosition: deps.sunPosition,
  };
  return { problem, grid, sensor, folds, satellites, heightKm, spacing, stereoDeg, workers, options, nObjects: table.nObjects };
}

function finishCoverage(plan: CoveragePlan, report: CoverageReport, deps: CoverageDeps): CoverageRun {
  const { grid, sensor, folds, satellites, heightKm, spacing, stereoDeg, options } = plan;
  const json = coverageJson(report, grid, sensor, { satellites: satellites?.length ?? plan.nObjects, heightKm, spacing, stereoDeg: stereoDeg ?? null, owners: options.owners ?? null });
  const text = coverageText(report, grid, json);
  let map: CoverageRun['map'] = null;
  if (options.map !== undefined) {
    const figure = options.mapFigure ?? 'coverage';
    const { values, mapOptions: base } = mapValues(report, figure, folds[0], stereoDeg ?? null);
    const mapOptions: MapOptions = deps.coastlines ? { ...base, coastlines: deps.coastlines } : base;
    const lower = options.map.toLowerCase();
    if (lower.endsWith('.svg')) map = { path: options.map, svg: coverageMapSvg(grid, values, mapOptions) };
    else map = { path: options.map, raster: coverageMapRaster(grid, values, mapOptions) };
  }
  return { report, grid, sensor, json, text, map };
}

function mapValues(report: CoverageReport, figure: string, fold: number, stereoDeg: number | null): { values: Float64Array; mapOptions: MapOptions } {
  const f = report.perPoint[0];
  const days = (report.durationS / 86400).toFixed(2);
  switch (figure) {
    case 'coverage':
      return { values: f.percentCovered, mapOptions: { title: `Per cent of time with at least ${fold} sensor(s), ${days} d`, unit: '%', min: 0, max: 100 } };
    case 'sensors':
      return { values: report.sensorsInView, mapOptions: { title: `Time-averaged number of sensors in view, ${days} d`, unit: '', min: 0 } };
    case 'max-gap':
      return { values: f.maxGapS.map((s) => s / 60), mapOptions: { title: `Longest gap in ${fold}-fold coverage, minutes`, unit: 'min', min: 0 } };
    case 'mean-gap':
      return { values: f.meanGapS.map((s) => s / 60), mapOptions: { title: `Mean gap in ${fold}-fold coverage, minutes`, unit: 'min', min: 0 } };
    case 'revisit':
      return { values: f.meanRevisitS.map((s) => s / 60), mapOptions: { title: `Mean revisit (time between look starts), minutes`, unit: 'min', min: 0 } };
    case 'response':
      return { values: f.meanResponseS.map((s) => s / 60), mapOptions: { title: `Mean response time, minutes`, unit: 'min', min: 0 } };
    default: {
      if (!report.percentStereo || stereoDeg === null) throw new InputError('--map-figure', figure, 'needs --stereo-deg');
      return { values: report.percentStereo, mapOptions: { title: `Per cent of time with a stereo pair (lines of sight crossing >= ${stereoDeg} deg)`, unit: '%', min: 0, max: 100 } };
    }
  }
}

const round = (x: number | null, digits = 3) => (x === null || Number.isNaN(x) ? null : Number(x.toFixed(digits)));

/** The JSON object of `--json` (keys documented in docs/coverage.md). */
export function coverageJson(
  report: CoverageReport,
  grid: CoverageGrid,
  sensor: Sensor,
  context: { satellites: number; heightKm: number; spacing: number; stereoDeg: number | null; owners: string | null },
): Record<string, unknown> {
  return {
    grid: { points: grid.count, description: grid.description, altitudeKm: context.heightKm, spacingDeg: context.spacing },
    steps: report.steps,
    stepS: report.stepS,
    durationS: report.durationS,
    satellites: context.satellites,
    owners: context.owners,
    sensor: { id: sensor.id, type: sensor.kind },
    folds: report.folds.map((f) => ({
      fold: f.fold,
      meanPercentCovered: round(f.meanPercentCovered, 4),
      minPercentCovered: round(f.minPercentCovered, 4),
      percentPointsAlwaysCovered: round(f.percentPointsAlwaysCovered, 4),
      percentPointsNeverCovered: round(f.percentPointsNeverCovered, 4),
      maxGapS: round(f.maxGapS, 1),
      meanMaxGapS: round(f.meanMaxGapS, 1),
      meanGapS: round(f.meanGapS, 1),
      meanResponseS: round(f.meanResponseS, 1),
      meanAgeOfDataS: round(f.meanAgeOfDataS, 1),
      meanLooksPerDay: round(f.meanLooksPerDay, 3),
      meanRevisitS: round(f.meanRevisitS, 1),
    })),
    meanSensorsInView: round(report.meanSensorsInView, 4),
    stereo: report.stereo && context.stereoDeg !== null ? { angleDeg: context.stereoDeg, meanPercent: round(report.stereo.meanPercent, 4), minPercent: round(report.stereo.minPercent, 4) } : null,
  };
}

function minutes(s: number | null): string {
  return s === null || Number.isNaN(s) ? '-' : (s / 60).toFixed(1);
}

function coverageText(report: CoverageReport, grid: CoverageGrid, json: Record<string, unknown>): string {
  const lines: string[] = [];
  lines.push(`${grid.description}: ${grid.count} points; ${report.steps} steps of ${report.stepS} s (${(report.durationS / 86400).toFixed(2)} d); ${json.satellites} satellites`);
  lines.push('fold  mean %   worst step %  always %  max gap min  mean gap min  response min  looks/day');
  for (const f of report.folds) {
    lines.push(
      [
        String(f.fold).padEnd(4),
        f.meanPercentCovered.toFixed(3).padStart(7),
        f.minPercentCovered.toFixed(3).padStart(13),
        f.percentPointsAlwaysCovered.toFixed(3).padStart(9),
        minutes(f.maxGapS).padStart(11),
        minutes(f.meanGapS).padStart(13),
        minutes(f.meanResponseS).padStart(13),
        f.meanLooksPerDay.toFixed(2).padStart(10),
      ].join('  '),
    );
  }
  lines.push(`mean sensors in view: ${report.meanSensorsInView.toFixed(3)}`);
  const stereo = json.stereo as { angleDeg: number } | null;
  if (report.stereo && stereo) lines.push(`stereo (lines of sight crossing >= ${stereo.angleDeg} deg): mean ${report.stereo.meanPercent.toFixed(3)} %, worst step ${report.stereo.minPercent.toFixed(3)} %`);
  return `${lines.join('\n')}\n`;
}
