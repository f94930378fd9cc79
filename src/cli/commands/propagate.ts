import type { Command } from 'commander';
import type { Satellite } from '../../constellations/index.ts';
import { czmlFromStateTable } from '../../formats/czml.ts';
import { formatOemKvn } from '../../formats/oem-kvn.ts';
import { formatOemXml } from '../../formats/oem-xml.ts';
import { oemFromStateTable } from '../../formats/oem.ts';
import { InputError } from '../../math/errors.ts';
import { type StateTable, allocateStateTable } from '../../orbits/state-table.ts';
import { planSgp4Run, propagateSgp4Into } from '../../orbits/sgp4/index.ts';
import { gridInstant } from '../../time/grid.ts';
import { formatIsoUtc } from '../../time/iso.ts';
import { addConstellationInputOptions, type ConstellationInputOptions, loadConstellationInput, propagateSatellites } from '../constellation-input.ts';
import { writeOutput } from '../io.ts';
import { progressBar } from '../progress.ts';

export type PropagateFormat = 'oem' | 'oem-xml' | 'csv' | 'czml' | 'json';
const FORMATS: PropagateFormat[] = ['oem', 'oem-xml', 'csv', 'czml', 'json'];

interface PropagateOptions extends ConstellationInputOptions {
  format: string;
  frame?: string;
  out?: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('propagate')
    .description('Propagate satellites (TLE, OMM or Walker shells) over a time grid and write the ephemerides.');
  addConstellationInputOptions(command)
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'oem')
    .option('--frame <frame>', 'TEME or ITRF (CZML is always ITRF)')
    .option('--out <file>', 'output file (default: stdout)')
    .option('--quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Examples:
  tracklayer propagate --tle stations.tle --duration 90m --step 30s --format csv
  tracklayer propagate --walker star:90:28/4/1@1200km --walker 53:54/6/1@1000km --start 2026-01-01T00:00:00Z --format czml --out layer.czml
  tracklayer propagate --omm gp.json --frame ITRF --format oem --out gp.oem`,
    )
    .action((options: PropagateOptions) => {
      runPropagate(options);
    });
}

export function runPropagate(options: PropagateOptions): void {
  const format = options.format as PropagateFormat;
  if (!FORMATS.includes(format)) throw new InputError('--format', options.format, `must be one of ${FORMATS.join(', ')}`);
  const frameText = (options.frame ?? (format === 'czml' ? 'ITRF' : 'TEME')).toUpperCase();
  if (frameText !== 'TEME' && frameText !== 'ITRF') throw new InputError('--frame', options.frame, 'must be TEME or ITRF');
  if (format === 'czml' && frameText !== 'ITRF') throw new InputError('--frame', options.frame, 'must be ITRF for CZML (Cesium has no TEME frame)');
  const frame = frameText as 'TEME' | 'ITRF';
  const input = loadConstellationInput(options);
  for (const warning of input.warnings) process.stderr.write(`tracklayer: skipped ${warning}\n`);
  const table = propagateWithProgress(input.satellites, input.grid, frame, input.propagator, options.quiet ?? false);
  writeOutput(options.out, formatTable(table, input.satellites, format));
  const failed = table.status.reduce((n, s) => n + (s === 0 ? 0 : 1), 0);
  if (!options.quiet) {
    process.stderr.write(
      `propagated ${input.satellites.length} satellites x ${input.grid.count} steps (${input.propagator.toUpperCase()}, ${frame})` +
        `${failed > 0 ? `, ${failed} rows without a state (see status)` : ''}${options.out ? ` -> ${options.out}` : ''}\n`,
    );
  }
}

/** SGP4 in chunks of objects so a long run can show progress; the result is the same as one call. */
export function propagateWithProgress<F extends 'TEME' | 'ITRF'>(
  satellites: readonly Satellite[],
  grid: StateTable<'TEME'>['grid'],
  frame: F,
  propagator: 'sgp4' | 'j2',
  quiet: boolean,
): StateTable<F> {
  const work = satellites.length * grid.count;
  if (propagator !== 'sgp4' || work < 2_000_000) return propagateSatellites(satellites, grid, frame, { propagator });
  const sets = satellites.map((s) => s.elements);
  const ids = satellites.map((s) => s.id);
  const plan = planSgp4Run(sets, grid, { frame, ids });
  const table = allocateStateTable(frame, grid, ids);
  const bar = progressBar('propagating', satellites.length, { quiet });
  const chunk = Math.max(1, Math.ceil(250_000 / grid.count));
  bar.update(0);
  for (let first = 0; first < sets.length; first += chunk) {
    propagateSgp4Into(table, first, sets.slice(first, first + chunk), plan.rotations);
    bar.update(Math.min(sets.length, first + chunk));
  }
  bar.finish();
  return table;
}

export function formatTable(table: StateTable<'TEME' | 'ITRF'>, satellites: readonly Satellite[], format: PropagateFormat): string {
  const creationDate = gridInstant(table.grid, 0);
  const objects = Object.fromEntries(satellites.map((s) => [s.id, { name: s.name, objectId: s.elements.internationalDesignator ?? s.id }]));
  switch (format) {
    case 'oem':
      return formatOemKvn(oemFromStateTable(table, { creationDate, originator: 'tracklayer', objects }));
    case 'oem-xml':
      return formatOemXml(oemFromStateTable(table, { creationDate, originator: 'tracklayer', objects }));
    case 'czml':
      return `${JSON.stringify(czmlFromStateTable(table as StateTable<'ITRF'>, satellites.map((s) => ({ id: s.id, name: s.name, owner: s.owner, constellation: s.constellation }))))}\n`;
    case 'csv':
      return csvFromTable(table);
    case 'json':
      return `${JSON.stringify(jsonFromTable(table, satellites))}\n`;
  }
}

function csvFromTable(table: StateTable<'TEME' | 'ITRF'>): string {
  const lines = [`id,timeUtc,frame,xM,yM,zM,vxMps,vyMps,vzMps,status`];
  const n = table.nObjects;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < table.grid.count; k++) {
      const j = k * n + i;
      const time = formatIsoUtc(gridInstant(table.grid, k), 3);
      if (table.status[j] !== 0) {
        lines.push(`${table.ids[i]},${time},${table.frame},,,,,,,${table.status[j]}`);
        continue;
      }
      lines.push(
        `${table.ids[i]},${time},${table.frame},${table.x[j].toFixed(3)},${table.y[j].toFixed(3)},${table.z[j].toFixed(3)},${table.vx[j].toFixed(6)},${table.vy[j].toFixed(6)},${table.vz[j].toFixed(6)},0`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function jsonFromTable(table: StateTable<'TEME' | 'ITRF'>, satellites: readonly Satellite[]) {
  const n = table.nObjects;
  const times = Array.from({ length: table.grid.count }, (_, k) => formatIsoUtc(gridInstant(table.grid, k), 3));
  const round = (x: number, digits: number) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
  return {
    frame: table.frame,
    timesUtc: times,
    satellites: satellites.map((s, i) => ({
      id: s.id,
      name: s.name,
      owner: s.owner,
      constellation: s.constellation,
      positionsM: times.map((_, k) => {
        const j = k * n + i;
        return table.status[j] === 0 ? [round(table.x[j], 3), round(table.y[j], 3), round(table.z[j], 3)] : null;
      }),
      velocitiesMps: times.map((_, k) => {
        const j = k * n + i;
        return table.status[j] === 0 ? [round(table.vx[j], 6), round(table.vy[j], 6), round(table.vz[j], 6)] : null;
      }),
      status: times.map((_, k) => table.status[k * n + i]),
    })),
  };
}
