import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { REFERENCE_SHELLS, referenceArchitecture } from '../../constellations/reference-architectures.ts';
import { czmlFromStateTable } from '../../formats/czml.ts';
import { formatOemKvn } from '../../formats/oem-kvn.ts';
import { oemFromStateTable } from '../../formats/oem.ts';
import { StateStatus, selectObjects } from '../../orbits/state-table.ts';
import { timeGrid } from '../../time/grid.ts';
import { formatIsoUtc, parseIsoUtc } from '../../time/iso.ts';
import { propagateWithProgress } from './propagate.ts';

interface StartOptions {
  out: string;
  start: string;
  quiet?: boolean;
}

/**
 * The main job until the scenario runner lands: the combined US-Japan tracking layer,
 * propagated for a day, written as OEM (per owner) and CZML under out/.
 */
export function register(program: Command): void {
  program
    .command('start')
    .description('The default job: build the combined US-Japan tracking layer, propagate a day, write OEM and CZML.')
    .option('--out <dir>', 'output folder', 'out')
    .option('--start <utc>', 'epoch and start time, ISO-8601 UTC', '2026-01-01T00:00:00Z')
    .option('--quiet', 'no progress bar')
    .action((options: StartOptions) => runStart(options));
}

export function runStart(options: StartOptions): void {
  const t0 = performance.now();
  const epoch = parseIsoUtc(options.start, '--start');
  const satellites = referenceArchitecture(epoch);
  const grid = timeGrid(epoch, 86400, 60);
  const table = propagateWithProgress(satellites, grid, 'ITRF', 'sgp4', options.quiet ?? false);
  mkdirSync(options.out, { recursive: true });
  const files: string[] = [];
  for (const owner of [...new Set(satellites.map((s) => s.owner))]) {
    const ids = satellites.filter((s) => s.owner === owner).map((s) => s.id);
    const subset = selectObjects(table, ids);
    const objects = Object.fromEntries(satellites.filter((s) => s.owner === owner).map((s) => [s.id, { name: s.name, objectId: s.id }]));
    const path = join(options.out, `constellation-${owner}.oem`);
    writeFileSync(path, formatOemKvn(oemFromStateTable(subset, { creationDate: epoch, originator: 'tracklayer', objects })));
    files.push(path);
  }
  const czmlPath = join(options.out, 'constellation.czml');
  writeFileSync(
    czmlPath,
    JSON.stringify(czmlFromStateTable(table, satellites.map((s) => ({ id: s.id, name: s.name, owner: s.owner, constellation: s.constellation })), { name: 'US-Japan tracking layer' })),
  );
  files.push(czmlPath);
  const failed = table.status.reduce((n, s) => n + (s === StateStatus.OK ? 0 : 1), 0);
  const lines = [
    `tracklayer: combined US-Japan tracking layer, ${formatIsoUtc(grid.start, 0)} + 1 day at 60 s (${grid.count} steps, SGP4, ITRF)`,
    '',
    '  owner  constellation       pattern                  satellites',
    ...REFERENCE_SHELLS.map((s) => `  ${s.owner.padEnd(6)} ${s.constellation.padEnd(19)} ${s.spec.padEnd(24)} ${satellites.filter((x) => x.constellation === s.constellation).length}`),
    '',
    `  ${satellites.length} satellites, ${table.status.length.toLocaleString('en-US')} states, ${failed} rows without a state, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    ...files.map((f) => `  wrote ${f}`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
