import type { Command } from 'commander';
import { type SunPosition, lineOfSightMargin, positionsOf, sensorMargin } from '../../access/conditions.ts';
import { findIntervals } from '../../access/intervals.ts';
import { groundSite, stateTableSource } from '../../access/trajectory.ts';
import { sunPositionItrf } from '../../bodies/sun.ts';
import { InputError } from '../../math/errors.ts';
import { DEG, KM } from '../../math/units.ts';
import type { StateTable } from '../../orbits/state-table.ts';
import { SENSOR_KINDS } from '../../sensors/sensor.ts';
import { SensorModel } from '../../sensors/sensor-model.ts';
import { gridInstant } from '../../time/grid.ts';
import type { Instant } from '../../time/instant.ts';
import { formatIsoUtc } from '../../time/iso.ts';
import { type ConstellationInputOptions, addConstellationInputOptions, loadConstellationInput, propagateSatellites } from '../constellation-input.ts';
import { writeOutput } from '../io.ts';
import { sensorFromOptions } from './coverage.ts';

/** Options of `tracklayer access` beyond the constellation input. */
export interface AccessCommandOptions {
  site?: string;
  crosslinks?: boolean;
  minElevationDeg?: number;
  grazingAltitudeKm?: number;
  maxOffNadirDeg?: number;
  maxRangeKm?: number;
  sensor?: string;
  sensorConfig?: string;
  sampleS?: number;
  json?: boolean;
}

export interface AccessRow {
  from: string;
  to: string;
  start: string;
  end: string;
  durationS: number;
}

const number = (option: string) => (value: string) => {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new InputError(option, value, 'must be a number');
  return x;
};

/** Parses `--site LAT,LON[,HEIGHT_KM]` (degrees, km). */
export function parseSite(text: string): { latDeg: number; lonDeg: number; heightKm: number } {
  const v = text.split(',').map((s) => Number(s.trim()));
  if ((v.length !== 2 && v.length !== 3) || !v.every(Number.isFinite) || !(v[0] >= -90 && v[0] <= 90) || !(v[1] >= -180 && v[1] <= 360)) {
    throw new InputError('--site', text, 'must be LAT,LON[,HEIGHT_KM] with latitude in [-90, 90] and longitude in [-180, 360] degrees');
  }
  return { latDeg: v[0], lonDeg: v[1], heightKm: v[2] ?? 0 };
}

/**
 * The core of `tracklayer access`: intervals between each satellite's sensor and a ground site,
 * or line-of-sight intervals between every pair of satellites (crosslinks), from a state table.
 */
export function runAccess(table: StateTable<'ITRF'>, options: AccessCommandOptions, deps: { sunPosition?: SunPosition } = {}): { rows: AccessRow[]; text: string; json: Record<string, unknown> } {
  if ((options.site === undefined) === !options.crosslinks) throw new InputError('--site', options.site ?? null, 'give exactly one of --site LAT,LON[,HEIGHT_KM] or --crosslinks');
  const start = gridInstant(table.grid, 0);
  const end = gridInstant(table.grid, table.grid.count - 1);
  const sample = options.sampleS ?? Math.min(10, table.grid.stepS);
  if (!(sample > 0)) throw new InputError('--sample-s', sample, 'must be a positive number of seconds');
  if (end - start > 0 && sample > end - start) throw new InputError('--sample-s', sample, `must not exceed the duration (${end - start} s)`);
  const rows: AccessRow[] = [];
  const push = (from: string, to: string, s: Instant, e: Instant) => rows.push({ from, to, start: formatIsoUtc(s), end: formatIsoUtc(e), durationS: Number((e - s).toFixed(3)) });
  if (options.site !== undefined) {
    const p = parseSite(options.site);
    const site = groundSite({ lat: p.latDeg * DEG, lon: p.lonDeg * DEG, height: p.heightKm * KM });
    const minElevationDeg = options.minElevationDeg ?? 0;
    if (!(minElevationDeg > -90 && minElevationDeg < 90)) throw new InputError('--min-elevation-deg', minElevationDeg, 'must be in (-90, 90) degrees');
    const model = new SensorModel(sensorFromOptions(options), { minElevation: minElevationDeg * DEG });
    for (let i = 0; i < table.nObjects; i++) {
      const margin = sensorMargin(model, stateTableSource(table, i), site, deps.sunPosition);
      for (const iv of findIntervals(margin, start, end, { step: sample })) push(table.ids[i], options.site, iv.start, iv.end);
    }
  } else {
    const grazing = (options.grazingAltitudeKm ?? 100) * KM;
    const range = options.maxRangeKm === undefined ? Number.POSITIVE_INFINITY : options.maxRangeKm * KM;
    if (!(range > 0)) throw new InputError('--max-range-km', options.maxRangeKm, 'must be positive');
    const sources = Array.from({ length: table.nObjects }, (_, i) => positionsOf(stateTableSource(table, i)));
    for (let i = 0; i < table.nObjects; i++) {
      for (let j = i + 1; j < table.nObjects; j++) {
        const margin = lineOfSightMargin(sources[i], sources[j], grazing, range);
        for (const iv of findIntervals(margin, start, end, { step: sample })) push(table.ids[i], table.ids[j], iv.start, iv.end);
      }
    }
  }
  rows.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.from.localeCompare(b.from)));
  const text = `${['from', 'to', 'start (UTC)', 'end (UTC)', 'duration s'].join('\t')}\n${rows.map((r) => [r.from, r.to, r.start, r.end, r.durationS.toFixed(3)].join('\t')).join('\n')}\n`;
  return { rows, text, json: { intervals: rows } };
}

export function register(program: Command): void {
  const command = program
    .command('access')
    .description('Intervals of access: each satellite\'s sensor to a ground site, or lines of sight between satellites (--crosslinks), edges to 1 ms.');
  addConstellationInputOptions(command, { duration: '1d', step: '60s' })
    .option('--site <lat,lon[,km]>', 'a ground site, degrees and km')
    .option('--crosslinks', 'satellite-to-satellite lines of sight instead')
    .option('--min-elevation-deg <deg>', 'least elevation above the site\'s horizon', number('--min-elevation-deg'))
    .option('--grazing-altitude-km <km>', 'least height of a line of sight over the limb (crosslinks: default 100)', number('--grazing-altitude-km'))
    .option('--max-off-nadir-deg <deg>', 'a cone field of regard about nadir', number('--max-off-nadir-deg'))
    .option('--max-range-km <km>', 'greatest range', number('--max-range-km'))
    .option('--sensor <type>', `sensor type: ${SENSOR_KINDS.join(', ')}`, 'staring-ir')
    .option('--sensor-config <json>', 'further sensor keys as a JSON object (docs/sensors.md)')
    .option('--sample-s <s>', 'sampling step before root refinement (default min(10 s, --step))', number('--sample-s'))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  tracklayer access --walker 97.4:4/2/1@500km --sensor eo-imager --site 35.68,139.77 --min-elevation-deg 30
  tracklayer access --walker star:90:28/4/1@1200km --crosslinks --grazing-altitude-km 100 --duration 2h`,
    )
    .action((options: AccessCommandOptions & ConstellationInputOptions) => {
      const input = loadConstellationInput(options);
      for (const warning of input.warnings) process.stderr.write(`tracklayer: skipped ${warning}\n`);
      const table = propagateSatellites(input.satellites, input.grid, 'ITRF', { propagator: input.propagator });
      const run = runAccess(table, options, { sunPosition: (t, out) => sunPositionItrf(t, undefined, out) });
      writeOutput(undefined, options.json ? `${JSON.stringify(run.json, null, 2)}\n` : run.text);
    });
}
