/**
 * Coverage engine benchmark (issue 4): a day at 30 s of 1- to 4-fold global coverage of an
 * 82-satellite tracking layer (a 54-satellite Walker delta at 1,000 km and a 28-satellite polar
 * star at 1,200 km, J2-secular) for targets at 40 km on a 1-degree equal-area grid, with sensors
 * limited only by the Earth's limb and with a 50-degree field of regard about nadir.
 * (a) the engine (culled by the bucket index) against (b) a brute-force loop over every point,
 * satellite and step through the same margin code, in the same run; figures must be identical.
 * Then the engine on a pool of 2 worker threads (time slices merged in order), and a region study.
 */
import { availableParallelism } from 'node:os';
import { parseWalkerSpec, walkerConstellation } from '../src/constellations/index.ts';
import { mergeCoverageAccumulators } from '../src/coverage/accumulator.ts';
import type { CoverageAccumulator } from '../src/coverage/accumulator.ts';
import { splitSteps } from '../src/coverage/compute.ts';
import { type CoverageProblem, accumulateCoverage, prepareCoverage } from '../src/coverage/engine.ts';
import { type CoverageReport, coverageFigures } from '../src/coverage/figures.ts';
import { globalEqualAreaGrid, parseRegion, regionGrid } from '../src/coverage/grid.ts';
import { KM } from '../src/math/units.ts';
import { propagateJ2Secular } from '../src/orbits/j2-secular.ts';
import type { StateTable } from '../src/orbits/state-table.ts';
import { WorkerPool } from '../src/parallel/pool.ts';
import { sensorFromConfig } from '../src/sensors/sensor-config.ts';
import { timeGrid } from '../src/time/grid.ts';
import { parseIsoUtc } from '../src/time/iso.ts';
import type { BenchSection } from './section.ts';

const JOB = new URL('../src/coverage/coverage-job.ts', import.meta.url);

function layer(durationS: number, stepS: number): StateTable<'ITRF'> {
  const epoch = parseIsoUtc('2026-01-01T00:00:00Z');
  const satellites = [
    ...walkerConstellation(parseWalkerSpec('53:54/6/1@1000km'), { epoch, owner: 'USA', constellation: 'T2', idPrefix: 'A' }),
    ...walkerConstellation(parseWalkerSpec('star:90:28/4/1@1200km'), { epoch, owner: 'USA', constellation: 'T1', idPrefix: 'B' }),
  ];
  return propagateJ2Secular(satellites.map((s) => s.elements), timeGrid(epoch, durationS, stepS), { frame: 'ITRF', ids: satellites.map((s) => s.id) });
}

const seconds = (f: () => void) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};

function sameFigures(a: CoverageReport, b: CoverageReport): boolean {
  const s = (r: CoverageReport) => JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, (x) => (Number.isNaN(x) ? 'NaN' : x)) : v));
  return s(a) === s(b);
}

export async function run(): Promise<BenchSection> {
  const stepsEnv = process.env.COVERAGE_BENCH_STEPS;
  const table = layer(stepsEnv ? (Number(stepsEnv) - 1) * 30 : 86400, 30);
  const steps = table.grid.count;
  const subset = Math.min(steps, Number(process.env.COVERAGE_BENCH_BRUTE_STEPS ?? 96));
  const grid = globalEqualAreaGrid(1, 40 * KM);
  const folds = [1, 2, 3, 4];
  const cases = [
    { name: 'limb only', sensor: sensorFromConfig({ type: 'staring-ir' }) },
    { name: '50 deg field of regard', sensor: sensorFromConfig({ type: 'staring-ir', maxOffNadirDeg: 50 }) },
  ];
  const rows: string[] = [];
  const figureRows: string[] = [];
  const workerRows: string[] = [];
  const pool = new WorkerPool({ size: 2 });
  try {
    // Start the workers (tsx, imports) before timing.
    await pool.runAll(
      [0, 1].map(() => ({ module: JOB, fn: 'coverageChunk', args: { table, sensors: cases[0].sensor, grid: globalEqualAreaGrid(30), folds: [1], k0: 0, k1: 1 } })),
    );
    for (const c of cases) {
      const problem: CoverageProblem = { table, sensors: c.sensor, grid, folds };
      const prepared = prepareCoverage(problem);
      accumulateCoverage(prepared, 0, Math.min(4, steps)); // warm-up
      let full: CoverageAccumulator | null = null;
      const tEngine = seconds(() => {
        full = accumulateCoverage(prepared, 0, steps);
      });
      const report = coverageFigures(full!, grid, table.grid.stepS);
      // Same subset of steps for both methods: identical figures, same-run ratio.
      let sub: CoverageAccumulator | null = null;
      let brute: CoverageAccumulator | null = null;
      const tEngineSub = seconds(() => {
        sub = accumulateCoverage(prepared, 0, subset);
      });
      const tBrute = seconds(() => {
        brute = accumulateCoverage(prepared, 0, subset, 'brute-force');
      });
      const identical = sameFigures(coverageFigures(sub!, grid, 30), coverageFigures(brute!, grid, 30));
      const bruteDay = (tBrute * steps) / subset;
      rows.push(`| ${c.name} | ${tEngine.toFixed(1)} | ${bruteDay.toFixed(0)} (${subset} steps timed, scaled) | ${(tBrute / tEngineSub).toFixed(1)} | ${identical ? 'yes' : '**NO**'} |`);
      for (const f of report.folds) {
        figureRows.push(`| ${c.name} | ${f.fold} | ${f.meanPercentCovered.toFixed(3)} | ${f.minPercentCovered.toFixed(3)} | ${f.percentPointsAlwaysCovered.toFixed(3)} | ${(f.maxGapS / 60).toFixed(1)} |`);
      }
      // Two workers, each a half of the day; merged in time order.
      const chunks = splitSteps(steps, 2);
      let merged: CoverageAccumulator | null = null;
      const t0 = performance.now();
      const parts = await pool.runAll<CoverageAccumulator>(chunks.map(([k0, k1]) => ({ module: JOB, fn: 'coverageChunk', args: { table, sensors: c.sensor, grid, folds, k0, k1 } })));
      for (const part of parts) merged = merged === null ? part : mergeCoverageAccumulators(merged, part);
      const tPool = (performance.now() - t0) / 1000;
      const same = sameFigures(coverageFigures(merged!, grid, 30), report);
      workerRows.push(`| ${c.name} | ${tEngine.toFixed(1)} | ${tPool.toFixed(1)} | ${(tEngine / tPool).toFixed(2)} | ${same ? 'yes' : '**NO**'} |`);
    }
  } finally {
    await pool.close();
  }
  // Region study: a 10-degree box at 0.1 degree (10,000 points), the same day.
  const region = regionGrid(parseRegion('box:30,40,130,140'), 0.1, 40 * KM);
  const regionRows: string[] = [];
  for (const c of cases) {
    const prepared = prepareCoverage({ table, sensors: c.sensor, grid: region, folds });
    accumulateCoverage(prepared, 0, Math.min(4, steps));
    const t = seconds(() => {
      accumulateCoverage(prepared, 0, steps);
    });
    regionRows.push(`| ${c.name} | ${region.count} | ${t.toFixed(1)} |`);
  }
  return {
    title: 'Coverage engine: 82-satellite tracking layer, targets at 40 km',
    markdown: `${table.nObjects} satellites (Walker 53:54/6/1 at 1,000 km and star 90:28/4/1 at 1,200 km, J2-secular), ${steps} steps of 30 s, ${grid.count} points (1-degree equal-area grid at 40 km), folds 1-4. The brute force (b) runs the same margin code for every point, satellite and step; a full day of it takes minutes, so it is timed on the first ${subset} steps and scaled to the day, and its ratio to (a) is taken on those same steps, where the figures are compared. The machine reports ${availableParallelism()} CPUs shared with other jobs: seconds are for scale, ratios are the figures.

| sensor | (a) engine, s per day | (b) brute force, s per day | (a) vs (b) speed-up | identical figures |
|---|---|---|---|---|
${rows.join('\n')}

Goal: at least 20x faster than (b), identical figures.

| sensor | fold | mean % covered | worst step % | % points always covered | longest gap, min |
|---|---|---|---|---|---|
${figureRows.join('\n')}

Worker threads (src/parallel pool, job src/coverage/coverage-job.ts, the day split into two time slices merged in order):

| sensor | one thread, s | pool of 2, s | speed-up | same bytes as one thread |
|---|---|---|---|---|
${workerRows.join('\n')}

Region study (a 10-degree box, 30-40 N 130-140 E, at 0.1 degree, 40 km, the same day and folds):

| sensor | points | seconds |
|---|---|---|
${regionRows.join('\n')}`,
  };
}
