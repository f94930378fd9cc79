import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/math/errors.ts';
import { JobError, WorkerPool } from '../../src/parallel/pool.ts';

const JOBS = new URL('./fixtures/jobs.ts', import.meta.url);

describe('WorkerPool', () => {
  it('runs exported functions of a TypeScript module on worker threads, queueing beyond its size', async () => {
    const pool = new WorkerPool({ size: 2 });
    try {
      const ranges = Array.from({ length: 7 }, (_, i) => ({ from: i * 100, to: (i + 1) * 100 }));
      const parts = await pool.runAll<number>(ranges.map((args) => ({ module: JOBS, fn: 'sumSquares', args })));
      // Closed form: sum of i^2 for i < N is (N-1) N (2N-1) / 6.
      const total = parts.reduce((a, b) => a + b, 0);
      expect(total).toBe((699 * 700 * 1399) / 6);
      const ids = await pool.runAll<number>([0, 1].map(() => ({ module: JOBS.href, fn: 'slowThreadId', args: { ms: 150 } })));
      expect(new Set(ids).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('shares SharedArrayBuffers and moves transferred buffers back', async () => {
    const pool = new WorkerPool({ size: 2 });
    try {
      const buffer = new SharedArrayBuffer(8 * 4);
      await pool.runAll([0, 1, 2, 3].map((index) => ({ module: JOBS, fn: 'fillShared', args: { buffer, index, value: index + 0.5 } })));
      expect(Array.from(new Float64Array(buffer))).toEqual([0.5, 1.5, 2.5, 3.5]);
      const moved = await pool.run<Float64Array>({ module: JOBS, fn: 'makeBuffer', args: { length: 3 } });
      expect(Array.from(moved)).toEqual([7, 7, 7]);
    } finally {
      await pool.close();
    }
  });

  it('rebuilds an InputError thrown in a job with its field and value', async () => {
    const pool = new WorkerPool({ size: 1 });
    try {
      const err = await pool.run({ module: JOBS, fn: 'rejectInput', args: { value: -5 } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).field).toBe('altitudeKm');
      expect((err as InputError).value).toBe(-5);
      expect((err as Error).message).toContain('altitudeKm');
      const missing = await pool.run({ module: JOBS, fn: 'noSuchFunction' }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(JobError);
      expect((missing as Error).message).toContain('noSuchFunction');
    } finally {
      await pool.close();
    }
  });

  it('survives a worker that dies: the task fails, the pool carries on', async () => {
    const pool = new WorkerPool({ size: 1 });
    try {
      await expect(pool.run({ module: JOBS, fn: 'crash' })).rejects.toThrow(/exited with code 3/);
      expect(await pool.run({ module: JOBS, fn: 'sumSquares', args: { from: 0, to: 4 } })).toBe(14);
    } finally {
      await pool.close();
    }
    await expect(pool.run({ module: JOBS, fn: 'sumSquares', args: { from: 0, to: 4 } })).rejects.toThrow(/closed/);
  });

  it('rejects a bad size naming the field and value', () => {
    expect(() => new WorkerPool({ size: 0 })).toThrow(InputError);
    expect(() => new WorkerPool({ size: 1.5 })).toThrow(/workers.*1\.5/);
  });
});
