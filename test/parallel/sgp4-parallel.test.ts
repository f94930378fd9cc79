import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { constantEarthOrientation } from '../../src/frames/earth-orientation.ts';
import { propagateSgp4 } from '../../src/orbits/sgp4/bulk.ts';
import type { StateTable } from '../../src/orbits/state-table.ts';
import { WorkerPool } from '../../src/parallel/pool.ts';
import { propagateSgp4Parallel } from '../../src/parallel/sgp4-parallel.ts';
import { elementSetFromTle, verificationCases } from '../orbits/sgp4-fixtures.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Every verification case (near-Earth, deep-space, resonant, decaying, 33334's init failure),
// repeated so the chunks cut across kinds, over one day from a common start.
const base = verificationCases().map((c) => elementSetFromTle(c.line1, c.line2));
const sets = Array.from({ length: 4 }, (_, r) => base.map((s) => ({ ...s, catalogNumber: `${s.catalogNumber}-${r}` }))).flat();
const grid = { start: base.find((s) => s.catalogNumber === '28057')!.epoch, stepS: 600, count: 145 };

function bytesOf(table: StateTable<'TEME' | 'ITRF'>): Buffer[] {
  return [table.x, table.y, table.z, table.vx, table.vy, table.vz, table.status].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

function expectSameBytes(a: StateTable<'TEME' | 'ITRF'>, b: StateTable<'TEME' | 'ITRF'>): void {
  expect(b.frame).toBe(a.frame);
  expect(b.ids).toEqual(a.ids);
  const [ba, bb] = [bytesOf(a), bytesOf(b)];
  const names = ['x', 'y', 'z', 'vx', 'vy', 'vz', 'status'];
  for (let c = 0; c < ba.length; c++) expect(Buffer.compare(ba[c], bb[c]), `column ${names[c]} differs`).toBe(0);
}

describe('propagateSgp4Parallel', () => {
  const pool = new WorkerPool({ size: 2 });
  afterAll(() => pool.close());

  it('gives byte-identical TEME tables to the single-thread path, with the same problems', async () => {
    const single = propagateSgp4(sets, grid);
    expect(single.status.some((s) => s !== 0)).toBe(true);
    expect(single.status.some((s) => s === 0)).toBe(true);
    for (const chunksPerWorker of [1, 3]) {
      const parallel = await propagateSgp4Parallel(sets, grid, {}, { pool, chunksPerWorker });
      expectSameBytes(single, parallel);
      expect(parallel.problems).toEqual(single.problems);
    }
  });

  it('gives byte-identical ITRF tables with Earth orientation', async () => {
    const eop = constantEarthOrientation({ ut1MinusUtcS: -0.44, xpArcsec: -0.14, ypArcsec: 0.33 });
    const single = propagateSgp4(sets, grid, { frame: 'ITRF', eop });
    const parallel = await propagateSgp4Parallel(sets, grid, { frame: 'ITRF', eop }, { pool });
    expect(parallel.frame).toBe('ITRF');
    expectSameBytes(single, parallel);
  });

  it('makes and closes its own pool when given none, and handles more workers than objects', async () => {
    const few = sets.slice(0, 3);
    const g = { start: grid.start, stepS: 60, count: 3 };
    expectSameBytes(propagateSgp4(few, g), await propagateSgp4Parallel(few, g, {}, { workers: 2, chunksPerWorker: 4 }));
    const none = await propagateSgp4Parallel([], g, {}, { pool });
    expect(none.nObjects).toBe(0);
  });

  it('checks its input before starting workers', async () => {
    await expect(propagateSgp4Parallel(sets, grid, { frame: 'GCRF' as 'TEME' }, { pool })).rejects.toThrow(/frame.*GCRF/);
    await expect(propagateSgp4Parallel(sets, grid, {}, { pool, chunksPerWorker: 0 })).rejects.toThrow(/chunksPerWorker.*0/);
    await expect(propagateSgp4Parallel(sets, grid, {}, { workers: -1 })).rejects.toThrow(/workers.*-1/);
  });

  it('works under plain `node --import tsx` too, byte for byte', () => {
    const script = `
      import { createHash } from 'node:crypto';
      import { propagateSgp4 } from './src/orbits/sgp4/bulk.ts';
      import { propagateSgp4Parallel } from './src/parallel/sgp4-parallel.ts';
      import { elementSetFromTle, verificationCases } from './test/orbits/sgp4-fixtures.ts';
      const sets = verificationCases().map((c) => elementSetFromTle(c.line1, c.line2));
      const grid = { start: sets[0].epoch, stepS: 3600, count: 24 };
      const hash = (t) => { const h = createHash('sha256'); for (const a of [t.x, t.y, t.z, t.vx, t.vy, t.vz, t.status]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)); return h.digest('hex'); };
      const a = hash(propagateSgp4(sets, grid));
      const b = hash(await propagateSgp4Parallel(sets, grid, {}, { workers: 2 }));
      console.log(a === b ? 'SAME' : 'DIFFERENT');
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(out.trim()).toBe('SAME');
  });
});

