/**
 * Worker-thread scaling of bulk SGP4: the catalogue of sgp4.bench.ts over one day of
 * one-minute steps, on one thread (propagateSgp4), then on a pool of 1 and 2 workers
 * (propagateSgp4Parallel, shared-memory output). Pools are started before timing.
 */
import { availableParallelism } from 'node:os';
import { propagateSgp4 } from '../src/orbits/sgp4/bulk.ts';
import { WorkerPool } from '../src/parallel/pool.ts';
import { propagateSgp4Parallel } from '../src/parallel/sgp4-parallel.ts';
import { benchGrid, elementSetOf, syntheticCatalogue } from './sgp4.bench.ts';
import type { BenchSection } from './section.ts';
import { timeBest } from './section.ts';

export async function run(): Promise<BenchSection> {
  const objects = Number(process.env.SGP4_BENCH_OBJECTS ?? 10000);
  const steps = Number(process.env.SGP4_BENCH_STEPS ?? 1440);
  const sets = syntheticCatalogue(objects, 20260101).map(elementSetOf);
  const grid = benchGrid(steps);
  const tSingle = await timeBest(() => propagateSgp4(sets, grid), 1);
  const rows = [`| one thread, no pool | ${tSingle.toFixed(2)} | 1.00 |`];
  for (const workers of [1, 2]) {
    const pool = new WorkerPool({ size: workers });
    try {
      const t = await timeBest(() => propagateSgp4Parallel(sets, grid, {}, { pool }), 1);
      rows.push(`| pool of ${workers} worker${workers > 1 ? 's' : ''} | ${t.toFixed(2)} | ${(tSingle / t).toFixed(2)} |`);
    } finally {
      await pool.close();
    }
  }
  return {
    title: 'Worker-thread scaling of bulk SGP4',
    markdown: `${objects} objects x ${steps} one-minute steps (the sgp4 benchmark's catalogue), TEME, output in fresh memory every run (shared memory for the pool). The machine reports ${availableParallelism()} CPUs; other jobs may share them, so the seconds are for scale only and the speed-up is the figure.

| run | seconds | speed-up vs one thread |
|---|---|---|
${rows.join('\n')}`,
  };
}
