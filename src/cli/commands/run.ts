import { type Ring, loadLandOutlines } from '../../coverage/coastlines.ts';
import { mkdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../math/errors.ts';
import type { ReportSummary } from '../../scenario/report/input.ts';
import { type RunResult, runScenario } from '../../scenario/run/run.ts';
import { progressBar, type Progress } from '../progress.ts';
import { loadScenarioFile } from './validate.ts';

export const DEFAULT_SCENARIO = 'scenarios/default.yaml';

interface RunOptions {
  out: string;
  seed?: string;
  quick?: boolean;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('Run a scenario end to end: propagate, fly the threats, sense, track, score; write the report.')
    .argument('[scenario]', 'scenario file, YAML or JSON', DEFAULT_SCENARIO)
    .option('--out <dir>', 'output folder', 'out')
    .option('--seed <n>', 'replace the scenario\'s random seed')
    .option('--quick', 'coarser coverage grids and steps, for a fast look')
    .option('--quiet', 'no progress bar')
    .addHelpText('after', `
Examples:
  tracklayer run                                # the default US-Japan scenario -> out/report.html
  tracklayer run scenarios/quick.yaml --out out/quick
  tracklayer run my.yaml --seed 42 --quick`)
    .action(async (scenario: string, options: RunOptions) => {
      const result = runScenarioFile(scenario, options, await loadLandOutlines());
      process.stdout.write(formatRunSummary(result.summary, options.out));
    });
}

/** Runs a scenario file and writes its outputs; `coastlines` (from `loadLandOutlines()`) go on the coverage maps. */
export function runScenarioFile(path: string, options: RunOptions, coastlines?: readonly Ring[]): RunResult {
  let seed: number | undefined;
  if (options.seed !== undefined) {
    seed = Number(options.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new InputError('--seed', options.seed, 'must be a whole number from 0 to 4294967295');
  }
  const { scenario, warnings } = loadScenarioFile(path, seed === undefined ? {} : { seed });
  for (const warning of warnings) process.stderr.write(`tracklayer: warning: ${warning}\n`);
  const generator = runScenario(scenario, { scenarioText: readFileSync(path, 'utf8'), quick: options.quick ?? false, ...(coastlines ? { coastlines } : {}) });
  let bar: Progress | null = null;
  let next = generator.next();
  while (!next.done) {
    const message = next.value;
    if (!options.quiet) {
      if (message.type === 'stage-start') {
        bar = progressBar(`${message.stage} (${message.detail})`, 1);
      } else if (message.type === 'progress' && bar) {
        bar.update(message.done / message.total);
      } else if (message.type === 'stage-end' && bar) {
        bar.finish(`${message.seconds.toFixed(1)} s`);
        bar = null;
      }
    }
    next = generator.next();
  }
  writeOutputs(options.out, next.value.files);
  return next.value;
}

/**
 * Writes every file into a fresh folder beside the output folder, then moves them in: a run
 * that fails leaves the output folder as it was, and files of ours from an earlier run are
 * replaced while anything else the user keeps there stays.
 */
export function writeOutputs(out: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(out);
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [name, text] of files) {
      const path = join(staging, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    for (const name of files.keys()) {
      const path = join(target, name);
      mkdirSync(dirname(path), { recursive: true });
      renameSync(join(staging, name), path);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function formatRunSummary(summary: ReportSummary, out: string): string {
  const lines: string[] = [];
  const s = summary.scenario;
  lines.push('', `${s.name}: ${s.satellites} satellites of ${s.nations.join(', ')}, ${s.threats} threats, ${s.startUtc} to ${s.endUtc}`, '');
  if (summary.threats.length > 0) {
    lines.push('  threat          vehicle  kind       range km  flight s  apogee km  max sats  s in view of 2+  s detectable by 2+');
    for (const t of summary.threats) {
      const detectable = t.secondsDetectableBy2Plus === undefined ? '-' : t.secondsDetectableBy2Plus.toFixed(0);
      lines.push(`  ${t.id.padEnd(15)} ${t.vehicle.padEnd(8)} ${t.kind.padEnd(9)} ${t.rangeKm.toFixed(0).padStart(9)} ${t.flightTimeS.toFixed(0).padStart(9)} ${t.apogeeKm.toFixed(0).padStart(10)} ${String(t.maxSatellitesInView).padStart(9)} ${t.secondsSeenBy2Plus.toFixed(0).padStart(16)} ${detectable.padStart(19)}`);
    }
    lines.push('');
  }
  const combined = summary.coverage.filter((c) => c.view === 'combined');
  if (combined.length > 0) {
    lines.push('  coverage (combined)      altitude km  ' + combined[0].folds.map((f) => `${f.fold}-fold %`.padStart(9)).join(' ') + '  stereo %');
    for (const c of combined) {
      lines.push(`  ${c.region.padEnd(24)} ${c.altitudeKm.toFixed(0).padStart(11)}  ${c.folds.map((f) => f.meanPercentCovered.toFixed(1).padStart(9)).join(' ')}  ${c.meanPercentStereo === null ? '       -' : c.meanPercentStereo.toFixed(1).padStart(8)}`);
    }
    lines.push('');
  }
  const revisit = summary.isrRevisit ?? [];
  if (revisit.length > 0) {
    lines.push('  ISR revisit     view       looks/day  mean revisit h  longest gap h');
    for (const r of revisit) {
      lines.push(`  ${r.site.padEnd(15)} ${r.view.padEnd(10)} ${r.looksPerDay.toFixed(1).padStart(9)}  ${r.meanRevisitS === null ? '             -' : (r.meanRevisitS / 3600).toFixed(1).padStart(14)}  ${(r.maxRevisitS / 3600).toFixed(1).padStart(13)}`);
    }
    lines.push('');
  }
  if (summary.tracking.length > 0) {
    lines.push('  tracking        custody %  confirmed s  fire-control %  RMSE m  RMSE 2+ m  false tracks');
    for (const t of summary.tracking) {
      lines.push(`  ${t.view.padEnd(15)} ${t.custodyPercent.toFixed(1).padStart(9)}  ${t.meanTimeToConfirmedS === null ? '          -' : t.meanTimeToConfirmedS.toFixed(1).padStart(11)}  ${t.fireControlPercent.toFixed(1).padStart(14)}  ${t.positionRmseM === null ? '     -' : t.positionRmseM.toFixed(0).padStart(6)}  ${t.positionRmseCustodyTimeM == null ? '        -' : t.positionRmseCustodyTimeM.toFixed(0).padStart(9)}  ${String(t.falseConfirmedTracks).padStart(12)}`);
    }
    lines.push('');
  }
  const downlink = (summary.downlink ?? []).filter((d) => d.view === 'combined' || !d.view.startsWith('without:'));
  if (downlink.length > 0) {
    lines.push('  without crosslinks  stations    sent at once %  median wait s  p95 wait s  on board at end %');
    const wait = (s: number | null) => (s === null ? '-' : s.toFixed(0));
    for (const d of downlink) {
      lines.push(`  ${d.view.padEnd(19)} ${d.stations.padEnd(10)} ${d.inContactPercent.toFixed(1).padStart(15)} ${wait(d.medianDelayS).padStart(14)} ${wait(d.p95DelayS).padStart(11)} ${d.undeliveredPercent.toFixed(1).padStart(18)}`);
    }
    lines.push('');
  }
  if (summary.additivity.length > 0) {
    // The terminal gets the first region layer and the tracking figures; report.html has them all.
    const first = summary.coverage[0] ? `(${summary.coverage[0].region}, ${summary.coverage[0].altitudeKm} km)` : '';
    const shown = summary.additivity.filter((a) => !a.figure.includes('(') || a.figure.endsWith(first));
    lines.push(`  what each nation adds (combined - everyone else)${shown.length < summary.additivity.length ? `; ${summary.additivity.length - shown.length} more rows in the report` : ''}`);
    for (const a of shown) lines.push(`  ${a.nation}  ${a.figure.padEnd(48)} ${a.marginal >= 0 ? '+' : ''}${a.marginal.toFixed(2)}  (alone ${a.alone.toFixed(2)}, combined ${a.combined.toFixed(2)})`);
    lines.push('');
  }
  lines.push(`  stages: ${Object.entries(summary.timingS).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
  lines.push(`  report: ${join(out, 'report.html')}`, '');
  return lines.join('\n');
}
