/**
 * Coverage engine benchmark (issue 4): a day at 30 s of 1- to 4-fold global coverage of an
 * 82-satellite tracking layer (a 54-satellite Walker delta at 1,000 km and a 28-satellite polar
 * star at 1,200 km, J2-secular) for targets at 40 km on a 1-degree equal-area grid, with sensors
 * limited only by the Earth's limb and with a 50-degree field of regard about nadir.
 * (a) the engine (culled by the strip index) against (b) a brute-force loop over every point,
 * satellite and step through the same margin code, in the same run, on the same steps, timed
 * alternately; figures must be identical. Then computeCoverageParallel on pools of 1 and 2 worker
 * threads, alternately, and a region study.
 *
 * The machine is shared: besides wall time, CPU time (process.cpuUsage, all threads of this
 * process) is measured, which other jobs inflate much less; each figure is the best of its
 * repeats, and the load average is printed with the figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseWalkerSpec, walkerConstellation } from '../src/constellations/index.ts';
import type { CoverageAccumulator } from '../src/coverage/accumulator.ts';
import { type CoverageMethod, type CoverageProblem, type PreparedCoverage, accumulateCoverage, prepareCoverage } from '../src/coverage/engine.ts';
import { type CoverageReport, coverageFigures } from '../src/coverage/figures.ts';
import { globalEqualAreaGrid, parseRegion, regionGrid } from '../src/coverage/grid.ts';
import { KM } from '../src/math/units.ts';
import { propagateJ2Secular } from '../src/orbits/j2-secular.ts';
import type { StateTable } from '../src/orbits/state-table.ts';
import { computeCoverageParallel } from '../src/parallel/coverage-parallel.ts';
import { WorkerPool } from '../src/parallel/pool.ts';
import { sensorFromConfig } from '../src/sensors/sensor-config.ts';
import { timeGrid } from '../src/time/grid.ts';
import { parseIsoUtc } from '../src/time/iso.ts';
import type { BenchSection } from './section.ts';

function layer(durationS: number, stepS: number): StateTable<'ITRF'> {
  const epoch = parseIsoUtc('2026-01-01T00:00:00Z');
  const satellites = [
    ...walkerConstellation(parseWalkerSpec('53:54/6/1@1000km'), { epoch, owner: 'USA', constellation: 'T2', idPrefix: 'A' }),
    ...walkerConstellation(parseWalkerSpec('star:90:28/4/1@1200km'), { epoch, owner: 'USA', constellation: 'T1', idPrefix: 'B' }),
  ];
  return propagateJ2Secular(satellites.map((s) => s.elements), timeGrid(epoch, durationS, stepS), { frame: 'ITRF', ids: satellites.map((s) => s.id) });
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(f: () => unknown): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

/**
 * CPU seconds of each thread of this process (Linux /proc; empty elsewhere), by thread id: the
 * pool's workers are threads of this process, so the busiest thread of a run shows how the work
 * was split, whatever share of the cores other jobs left.
 */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // No /proc: leave it empty.
  }
  return out;
}

/** The largest CPU time any one thread spent between two threadCpu() readings, s (NaN without /proc). */
function busiestThread(before: Map<string, number>, after: Map<string, number>): number {
  let most = Number.NaN;
  for (const [tid, t] of after) {
    const d = t - (before.get(tid) ?? 0);
    if (!(d <= most)) most = d;
  }
  return most;
}

const best = (runs: Timing[]): Timing => ({ wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)) });

/** Every number of a report, typed arrays by their bytes. */
function reportBytes(r: CoverageReport): string {
  return JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v));
}

const load = () => loadavg()[0].toFixed(1);

/** Pool job for calibrating the machine: pure arithmetic for about `n` iterations. */
export function spin(args: { n: number }): number {
  let x = 0;
  for (let i = 0; i < args.n; i++) x += Math.sqrt(i);
  return x;
}

const SELF = new URL(import.meta.url);

/** Wall time of two spin jobs on a pool (one after the other on a pool of 1, side by side on a pool of 2). */
async function spinPair(pool: WorkerPool): Promise<number> {
  const t0 = performance.now();
  await pool.runAll([0, 1].map(() => ({ module: SELF, fn: 'spin', args: { n: 1.5e8 } })));
  return (performance.now() - t0) / 1000;
}

export async function run(): Promise<BenchSection> {
  const stepsEnv = process.env.COVERAGE_BENCH_STEPS;
  const table = layer(stepsEnv ? (Number(stepsEnv) - 1) * 30 : 86400, 30);
  const steps = table.grid.count;
  const subset = Math.min(steps, Number(process.env.COVERAGE_BENCH_BRUTE_STEPS ?? 96));
  const repeats = Number(process.env.COVERAGE_BENCH_REPEATS ?? 3);
  const grid = globalEqualAreaGrid(1, 40 * KM);
  const folds = [1, 2, 3, 4];
  const cases = [
    { name: 'limb only', sensor: sensorFromConfig({ type: 'staring-ir' }) },
    { name: '50 deg field of regard', sensor: sensorFromConfig({ type: 'staring-ir', maxOffNadirDeg: 50 }) },
  ];
  const loads: string[] = [load()];
  const rows: string[] = [];
  const figureRows: string[] = [];
  const workerRows: string[] = [];
  const pools = [new WorkerPool({ size: 1 }), new WorkerPool({ size: 2 })];
  try {
    for (const c of cases) {
      const problem: CoverageProblem = { table, sensors: c.sensor, grid, folds };
      const prepared = prepareCoverage(problem);
      // Warm both paths up (JIT) on steps outside the timed ones.
      const warm = Math.min(steps, subset + 200);
      if (warm > subset) {
        accumulateCoverage(prepared, subset, warm);
        accumulateCoverage(prepared, subset, Math.min(warm, subset + 2), 'brute-force');
      }
      let full: CoverageAccumulator | null = null;
      const day = await timed(() => {
        full = accumulateCoverage(prepared, 0, steps);
      });
      const report = coverageFigures(full!, grid, table.grid.stepS);
      // (a) and (b) on the same steps, alternately.
      const results: Record<CoverageMethod, CoverageAccumulator | null> = { culled: null, 'brute-force': null };
      const runs: Record<CoverageMethod, Timing[]> = { culled: [], 'brute-force': [] };
      const once = async (p: PreparedCoverage, method: CoverageMethod) => {
        runs[method].push(
          await timed(() => {
            results[method] = accumulateCoverage(p, 0, subset, method);
          }),
        );
      };
      await once(prepared, 'culled');
      for (let r = 0; r < repeats; r++) {
        await once(prepared, 'brute-force');
        await once(prepared, 'culled');
      }
      const engine = best(runs.culled);
      const brute = best(runs['brute-force']);
      const identical = reportBytes(coverageFigures(results.culled!, grid, 30)) === reportBytes(coverageFigures(results['brute-force']!, grid, 30));
      rows.push(
        `| ${c.name} | ${day.wall.toFixed(1)} (${day.cpu.toFixed(1)} CPU) | ${((brute.wall * steps) / subset).toFixed(0)} (${((brute.cpu * steps) / subset).toFixed(0)} CPU) | **${(brute.cpu / engine.cpu).toFixed(1)}** | ${(brute.wall / engine.wall).toFixed(1)} | ${identical ? 'yes' : '**NO**'} |`,
      );
      for (const f of report.folds) {
        figureRows.push(`| ${c.name} | ${f.fold} | ${f.meanPercentCovered.toFixed(3)} | ${f.minPercentCovered.toFixed(3)} | ${f.percentPointsAlwaysCovered.toFixed(3)} | ${(f.maxGapS / 60).toFixed(1)} |`);
      }
      loads.push(load());

      // Worker threads: the whole day through computeCoverageParallel on a pool of 1 and of 2,
      // alternately (pools started and warmed first); one-thread bytes for reference.
      const single = reportBytes(report);
      // Warm the workers (tsx, imports, JIT) on a few hundred steps.
      const short: CoverageProblem = { ...problem, table: layer(Math.min(steps - 1, 300) * 30, 30) };
      for (const pool of pools) await computeCoverageParallel(short, { pool });
      const poolRuns: Timing[][] = [[], []];
      const busiest: number[][] = [[], []];
      const spins: number[][] = [[], []];
      let same = true;
      for (let r = 0; r < repeats; r++) {
        for (let w = 0; w < 2; w++) spins[w].push(await spinPair(pools[w]));
        for (let w = 0; w < 2; w++) {
          let out: CoverageReport | null = null;
          const before = threadCpu();
          poolRuns[w].push(
            await timed(async () => {
              out = await computeCoverageParallel(problem, { pool: pools[w] });
            }),
          );
          busiest[w].push(busiestThread(before, threadCpu()));
          same &&= reportBytes(out!) === single;
        }
      }
      const [one, two] = poolRuns.map(best);
      const [busyOne, busyTwo] = busiest.map((b) => Math.min(...b));
      const spinSpeedUp = Math.min(...spins[0]) / Math.min(...spins[1]);
      workerRows.push(
        `| ${c.name} | ${one.wall.toFixed(1)} | ${two.wall.toFixed(1)} | **${(one.wall / two.wall).toFixed(2)}** | ${one.cpu.toFixed(1)} / ${two.cpu.toFixed(1)} | ${busyOne.toFixed(1)} / ${busyTwo.toFixed(1)} | ${(busyOne / busyTwo).toFixed(2)} | ${(one.cpu / one.wall).toFixed(2)} / ${(two.cpu / two.wall).toFixed(2)} | ${spinSpeedUp.toFixed(2)} | ${same ? 'yes' : '**NO**'} |`,
      );
      loads.push(load());
    }
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
  // Region study: a 10-degree box at 0.1 degree (10,000 points), the same day.
  const region = regionGrid(parseRegion('box:30,40,130,140'), 0.1, 40 * KM);
  const regionRows: string[] = [];
  for (const c of cases) {
    const prepared = prepareCoverage({ table, sensors: c.sensor, grid: region, folds });
    accumulateCoverage(prepared, 0, Math.min(100, steps));
    const t = await timed(() => accumulateCoverage(prepared, 0, steps));
    regionRows.push(`| ${c.name} | ${region.count} | ${t.wall.toFixed(2)} | ${t.cpu.toFixed(2)} |`);
  }
  loads.push(load());
  return {
    title: 'Coverage engine: 82-satellite tracking layer, targets at 40 km',
    markdown: `${table.nObjects} satellites (Walker 53:54/6/1 at 1,000 km and star 90:28/4/1 at 1,200 km, J2-secular), ${steps} steps of 30 s, ${grid.count} points (1-degree equal-area grid at 40 km), folds 1-4. The brute force (b) runs the exact margin (SensorModel.marginTo, the same code the engine uses in its boundary ring) for every point, satellite and step; a full day of it takes minutes, so (a) and (b) are both timed on the first ${subset} steps, alternately (${repeats + 1} runs of (a), ${repeats} of (b), best of each), where their figures are compared byte for byte; (b)'s day is scaled from those steps. The machine reports ${availableParallelism()} CPUs shared with other engineers' jobs (1-minute load average during this run: ${loads.join(', ')}): seconds are for scale; CPU seconds (all threads of the process) suffer less from the load than wall seconds, so the CPU-time ratio is the headline figure and the wall-time ratio is shown beside it.

| sensor | (a) engine, s per day (CPU s) | (b) brute force, s per day (CPU s) | (a) vs (b), CPU time | (a) vs (b), wall time | identical figures |
|---|---|---|---|---|---|
${rows.join('\n')}

Goal: at least 20x faster than (b), identical figures.

| sensor | fold | mean % covered | worst step % | % points always covered | longest gap, min |
|---|---|---|---|---|---|
${figureRows.join('\n')}

Worker threads: \`computeCoverageParallel\` (src/parallel/coverage-parallel.ts) on a pool of 1 and a pool of 2 workers, the day cut into 2 time slices per worker and merged in order, ${repeats} alternate runs each, best of each. Speed-up is wall time, pool of 1 over pool of 2. CPU s is the whole process's (main thread and workers): about equal for both pools when splitting adds no work. Busiest thread is the CPU time of the thread that worked longest (Linux /proc): the pool of 1's worker against the busier of the pool of 2's, so their ratio is the speed-up the split gives when two cores are free, whatever the other jobs take. CPU/wall is the parallelism obtained: it can reach 2 only when both cores are free. The machine check is the wall-time speed-up, measured alongside, of two jobs of pure arithmetic on the same two pools (one after the other on the pool of 1, side by side on the pool of 2): about 2 when two cores are free, about 1 when other jobs leave one; the coverage speed-up (wall) cannot exceed it.

| sensor | pool of 1, s | pool of 2, s | speed-up (wall) | CPU s, 1 / 2 | busiest thread CPU s, 1 / 2 | speed-up (busiest thread) | CPU/wall, 1 / 2 | machine check: arithmetic speed-up | same bytes as one thread |
|---|---|---|---|---|---|---|---|---|---|
${workerRows.join('\n')}

Region study (a 10-degree box, 30-40 N 130-140 E, at 0.1 degree, 40 km, the same day and folds, one thread):

| sensor | points | seconds | CPU seconds |
|---|---|---|---|
${regionRows.join('\n')}`,
  };
}
