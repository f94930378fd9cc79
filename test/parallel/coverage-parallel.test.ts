import { afterAll, describe, expect, it } from 'vitest';
import { sunPositionItrf } from '../../src/bodies/sun.ts';
import { computeCoverage } from '../../src/coverage/compute.ts';
import type { CoverageProblem } from '../../src/coverage/engine.ts';
import type { CoverageReport } from '../../src/coverage/figures.ts';
import { globalEqualAreaGrid, parseRegion, regionGrid } from '../../src/coverage/grid.ts';
import { InputError } from '../../src/math/errors.ts';
import { DEG } from '../../src/math/units.ts';
import { computeCoverageParallel } from '../../src/parallel/coverage-parallel.ts';
import { WorkerPool } from '../../src/parallel/pool.ts';
import { sensorFromConfig } from '../../src/sensors/sensor-config.ts';
import { timeGrid } from '../../src/time/grid.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { circularStateTable, walkerOrbits } from '../coverage/circular-orbits.ts';

const t0 = parseIsoUtc('2026-03-21T00:00:00Z');
const sun = (t: number, out: Float64Array) => sunPositionItrf(t as never, undefined, out);

/** Every number of a report, typed arrays by their bytes, so NaN and -0 count too. */
function reportBytes(report: CoverageReport): string {
  return JSON.stringify(report, (_k, v) => (ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v));
}

function expectSameReport(parallel: CoverageReport, single: CoverageReport): void {
  const a = reportBytes(parallel);
  const b = reportBytes(single);
  if (a !== b) expect.fail(`the parallel report differs from the one-thread report (first difference at character ${[...a].findIndex((c, i) => c !== b[i])})`);
}

describe('computeCoverageParallel', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.close());
  const table = circularStateTable([...walkerOrbits(24, 6, 1, 55 * DEG, 1000e3), ...walkerOrbits(8, 4, 1, 97 * DEG, 600e3, 'star')], timeGrid(t0, 6 * 3600, 240));

  it('gives the one-thread report byte for byte: tracking sensors at 40 km, folds 1-3, stereo, any split', async () => {
    const problem: CoverageProblem = {
      table,
      sensors: sensorFromConfig({ type: 'staring-ir', maxOffNadirDeg: 55 }),
      grid: globalEqualAreaGrid(4, 40e3),
      folds: [1, 2, 3],
      stereoAngle: 30 * DEG,
    };
    const single = computeCoverage(problem);
    expect(single.folds[0].meanPercentCovered).toBeGreaterThan(10);
    expect(single.stereo!.meanPercent).toBeGreaterThan(0);
    for (const chunksPerWorker of [1, 3, 7]) expectSameReport(await computeCoverageParallel(problem, { pool, chunksPerWorker }), single);
  });

  it('gives the one-thread report byte for byte with the Sun (daylight imagers), a subset of satellites and one sensor per satellite', async () => {
    const imager = sensorFromConfig({ type: 'eo-imager', maxOffNadirDeg: 40 });
    const radar = sensorFromConfig({ type: 'radar-imager' });
    // Evening over Japan: the terminator crosses the region during the run.
    const evening = circularStateTable([...walkerOrbits(24, 6, 1, 55 * DEG, 1000e3), ...walkerOrbits(8, 4, 1, 97 * DEG, 600e3, 'star')], timeGrid(parseIsoUtc('2026-03-21T06:00:00Z'), 6 * 3600, 240));
    const problem: CoverageProblem = {
      table: evening,
      sensors: Array.from({ length: table.nObjects }, (_, i) => (i % 3 === 0 ? radar : imager)),
      constraints: { minElevation: 10 * DEG },
      grid: regionGrid(parseRegion('box:20,50,120,150'), 1.5),
      folds: [1, 2],
      satellites: Array.from({ length: 20 }, (_, i) => i + 6),
      sunPosition: sun,
    };
    const single = computeCoverage(problem);
    expect(single.folds[0].meanPercentCovered).toBeGreaterThan(0);
    // The Sun matters here: an hour's shift of it changes the figures.
    const shifted = computeCoverage({ ...problem, sunPosition: (t, out) => sun(t + 3600, out) });
    expect(shifted.folds[0].meanPercentCovered).not.toBe(single.folds[0].meanPercentCovered);
    expectSameReport(await computeCoverageParallel(problem, { pool, chunksPerWorker: 4 }), single);
  });

  it('makes and closes its own pool when given none, and handles more slices than steps', async () => {
    const short = circularStateTable(walkerOrbits(6, 3, 1, 60 * DEG, 1500e3), timeGrid(t0, 2 * 600, 600));
    const problem: CoverageProblem = { table: short, sensors: sensorFromConfig({ type: 'staring-ir' }), grid: globalEqualAreaGrid(10, 40e3), folds: [1] };
    expectSameReport(await computeCoverageParallel(problem, { workers: 2, chunksPerWorker: 8 }), computeCoverage(problem));
  });

  it('rejects bad input before starting work, naming the field and the value', async () => {
    const problem: CoverageProblem = { table, sensors: sensorFromConfig({ type: 'staring-ir' }), grid: globalEqualAreaGrid(10), folds: [1] };
    const rejection = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        return e;
      }
      return expect.fail('expected a rejection');
    };
    const cases: Array<[Promise<unknown>, string, string]> = [
      [computeCoverageParallel({ ...problem, folds: [] }, { pool }), 'fold', '[]'],
      [computeCoverageParallel(problem, { workers: 0 }), 'workers', '0'],
      [computeCoverageParallel(problem, { pool, chunksPerWorker: 1.5 }), 'chunksPerWorker', '1.5'],
      [computeCoverageParallel({ ...problem, sensors: sensorFromConfig({ type: 'eo-imager' }) }, { pool }), 'sunPosition', 'undefined'],
    ];
    for (const [promise, field, value] of cases) {
      const error = await rejection(promise);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toContain(field);
      expect((error as InputError).message).toContain(value);
    }
  });
});
