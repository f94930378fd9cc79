import type { Command } from 'commander';
import { catalogueConstellation, parseWalkerSpec, walkerConstellation, type Satellite } from '../constellations/index.ts';
import { describeRejected } from '../formats/rejected.ts';
import { parseOmmCatalogue } from '../formats/omm.ts';
import { parseTleCatalogue } from '../formats/tle-catalogue.ts';
import { InputError } from '../math/errors.ts';
import { KM } from '../math/units.ts';
import type { EarthOrientation } from '../frames/earth-orientation.ts';
import { propagateJ2Secular } from '../orbits/j2-secular.ts';
import { propagateSgp4 } from '../orbits/sgp4/index.ts';
import type { StateTable } from '../orbits/state-table.ts';
import { parseDuration } from '../time/duration.ts';
import { type TimeGrid, timeGrid } from '../time/grid.ts';
import type { Instant } from '../time/instant.ts';
import { parseIsoUtc } from '../time/iso.ts';
import { readInputFile } from './io.ts';

/** The options every command that takes "a constellation" shares: propagate, coverage, access. */
export interface ConstellationInputOptions {
  tle?: string[];
  omm?: string[];
  walker?: string[];
  altitudeKm?: string;
  owner?: string;
  constellation?: string;
  start?: string;
  duration?: string;
  step?: string;
  propagator?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addConstellationInputOptions(command: Command, defaults: { duration?: string; step?: string } = {}): Command {
  return command
    .option('--tle <file>', 'element sets as two- or three-line TLE (repeatable; - for stdin)', collect)
    .option('--omm <file>', 'element sets as OMM: CelesTrak JSON/CSV or CCSDS KVN/XML (repeatable)', collect)
    .option('--walker <spec>', 'a Walker shell [delta:|star:]i:T/P/F[@ALTkm], e.g. star:90:28/4/1@1200km (repeatable)', collect)
    .option('--altitude-km <km>', 'altitude of Walker shells written without @ALTkm')
    .option('--owner <nation>', 'owner nation (ISO 3166 alpha-3) of the satellites read', 'USA')
    .option('--constellation <name>', 'constellation name given to the satellites read')
    .option('--start <utc>', 'start time, ISO-8601 UTC (default: the latest element-set epoch, or now for Walker shells alone)')
    .option('--duration <time>', 'how long: seconds or with a unit (30s, 90m, 24h, 2d)', defaults.duration ?? '1d')
    .option('--step <time>', 'time step: seconds or with a unit', defaults.step ?? '60s')
    .option('--propagator <name>', 'sgp4 (element sets as published) or j2 (J2-secular mean elements)', 'sgp4');
}

export interface LoadedConstellation {
  satellites: Satellite[];
  grid: TimeGrid;
  /** Entries of the input files that were rejected, one message each (the rest were kept). */
  warnings: string[];
  propagator: 'sgp4' | 'j2';
}

/** Reads the files and Walker specs named by the options into satellites and a time grid. */
export function loadConstellationInput(options: ConstellationInputOptions, now: () => Date = () => new Date()): LoadedConstellation {
  const satellites: Satellite[] = [];
  const warnings: string[] = [];
  const owner = options.owner ?? 'USA';
  for (const file of options.tle ?? []) {
    const catalogue = parseTleCatalogue(readInputFile(file, '--tle'));
    for (const message of describeRejected(catalogue.rejected)) warnings.push(`${file}: ${message}`);
    if (catalogue.sets.length === 0) throw new InputError('--tle', file, 'holds no valid element set');
    satellites.push(...catalogueConstellation(catalogue.sets, { owner, constellation: options.constellation ?? baseName(file) }));
  }
  for (const file of options.omm ?? []) {
    const catalogue = parseOmmCatalogue(readInputFile(file, '--omm'));
    for (const message of describeRejected(catalogue.rejected)) warnings.push(`${file}: ${message}`);
    if (catalogue.sets.length === 0) throw new InputError('--omm', file, 'holds no element set SGP4 can use');
    satellites.push(...catalogueConstellation(catalogue.sets, { owner, constellation: options.constellation ?? baseName(file) }));
  }
  let start: Instant | undefined = options.start !== undefined ? parseIsoUtc(options.start, '--start') : undefined;
  if (start === undefined) {
    start = satellites.length > 0
      ? (Math.max(...satellites.map((s) => s.elements.epoch)) as Instant)
      : parseIsoUtc(`${now().toISOString().slice(0, 16)}:00Z`, 'now');
  }
  const walkerSpecs = options.walker ?? [];
  walkerSpecs.forEach((text, index) => {
    const altitudeKm = options.altitudeKm !== undefined ? Number(options.altitudeKm) : undefined;
    if (options.altitudeKm !== undefined && !Number.isFinite(altitudeKm)) throw new InputError('--altitude-km', options.altitudeKm, 'must be a number of kilometres');
    const spec = parseWalkerSpec(text, altitudeKm !== undefined ? { altitude: altitudeKm * KM } : {});
    satellites.push(
      ...walkerConstellation(spec, {
        epoch: start as Instant,
        owner,
        constellation: options.constellation ?? (walkerSpecs.length > 1 ? `walker-${index + 1}` : 'walker'),
        idPrefix: walkerSpecs.length > 1 ? `W${index + 1}-` : 'W',
        // Distinct catalogue numbers across shells, counting up from the analyst range.
        firstCatalogNumber: 80001 + satellites.length,
      }),
    );
  });
  if (satellites.length === 0) throw new InputError('constellation', '(none)', 'give at least one of --tle, --omm or --walker');
  const durationS = parseDuration(options.duration ?? '1d', '--duration');
  const stepS = parseDuration(options.step ?? '60s', '--step');
  const propagator = options.propagator ?? 'sgp4';
  if (propagator !== 'sgp4' && propagator !== 'j2') throw new InputError('--propagator', propagator, 'must be sgp4 or j2');
  return { satellites, grid: timeGrid(start, durationS, stepS, { duration: '--duration', step: '--step' }), warnings, propagator };
}

/** Propagates satellites with the chosen propagator into a state table in the given frame. */
export function propagateSatellites<F extends 'TEME' | 'ITRF'>(
  satellites: readonly Satellite[],
  grid: TimeGrid,
  frame: F,
  options: { propagator?: 'sgp4' | 'j2'; eop?: EarthOrientation } = {},
): StateTable<F> {
  const sets = satellites.map((s) => s.elements);
  const ids = satellites.map((s) => s.id);
  if (options.propagator === 'j2') {
    return propagateJ2Secular(sets, grid, { frame, eop: options.eop, ids }) as unknown as StateTable<F>;
  }
  return propagateSgp4(sets, grid, { frame, eop: options.eop, ids }) as unknown as StateTable<F>;
}

function baseName(path: string): string {
  return path === '-' ? 'stdin' : (path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]+$/, '');
}
