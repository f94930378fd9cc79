import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../math/errors.ts';

/**
 * A small reusable pool of worker threads that runs "function `fn` exported by module
 * `module`" on an argument, for any job: SGP4 chunks now, coverage or raid chunks later.
 * A job module is an ordinary ES module (TypeScript is fine: workers load it through tsx)
 * whose exported function takes one structured-cloneable argument and returns (or resolves
 * to) a structured-cloneable value. SharedArrayBuffers in the argument are shared, not
 * copied; a job may return `withTransfer(value, buffers)` to move ArrayBuffers back.
 */
export interface PoolTask {
  /** The job module: a file URL (e.g. `new URL('./jobs/x.ts', import.meta.url)`) or its href. */
  readonly module: URL | string;
  /** Name of the exported function to call. */
  readonly fn: string;
  readonly args?: unknown;
  /** ArrayBuffers to move to the worker instead of copying. */
  readonly transfer?: readonly ArrayBuffer[];
}

export interface PoolOptions {
  /** Number of worker threads; the machine's parallelism by default. */
  readonly size?: number;
}

/** An error thrown inside a job, rebuilt on this side with its name, message and (for InputError) field and value. */
export class JobError extends Error {
  readonly workerStack: string | undefined;
  constructor(name: string, message: string, workerStack: string | undefined) {
    super(message);
    this.name = name;
    this.workerStack = workerStack;
  }
}

interface Pending {
  readonly id: number;
  readonly task: PoolTask;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1 || size > 256) throw new InputError('workers', size, 'must be a whole number from 1 to 256');
    this.size = size;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Runs one task on the next free worker. */
  run<R = unknown>(task: PoolTask): Promise<R> {
    if (this.closed) return Promise.reject(new Error('WorkerPool: the pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Runs many tasks, at most `size` at once, and resolves with their results in order. */
  runAll<R = unknown>(tasks: readonly PoolTask[]): Promise<R[]> {
    return Promise.all(tasks.map((t) => this.run<R>(t)));
  }

  /** Stops every worker; queued tasks are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('WorkerPool: closed before the task ran'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private spawn(): Slot {
    // A clean argv: the worker registers tsx itself, whatever runs the parent (vitest, tsx, node).
    const worker = new Worker(ENTRY, { execArgv: [] });
    const slot: Slot = { worker, busy: null };
    worker.unref();
    worker.on('message', (msg: { id: number; ok: boolean; value?: unknown; error?: Record<string, unknown> }) => {
      const pending = slot.busy;
      if (!pending || pending.id !== msg.id) return;
      slot.busy = null;
      worker.unref();
      if (msg.ok) pending.resolve(msg.value);
      else pending.reject(rebuildError(msg.error ?? {}));
      this.dispatch();
    });
    worker.on('error', (err) => this.replace(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed) this.replace(slot, new Error(`WorkerPool: a worker exited with code ${code}`));
    });
    return slot;
  }

  /** A worker died: fail its task, start a fresh worker in its place, carry on with the queue. */
  private replace(slot: Slot, error: unknown): void {
    if (this.closed) return;
    const pending = slot.busy;
    slot.busy = null;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.slots[index] = this.spawn();
    pending?.reject(error);
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      slot.worker.ref();
      const { module, fn, args, transfer } = pending.task;
      const href = module instanceof URL ? module.href : module;
      try {
        slot.worker.postMessage({ id: pending.id, module: href, fn, args }, transfer ? [...transfer] : []);
      } catch (e) {
        slot.busy = null;
        slot.worker.unref();
        pending.reject(e);
      }
    }
  }
}

/** Marks a job's return value so the worker moves `transfer` back instead of copying it. */
export function withTransfer<T>(value: T, transfer: readonly ArrayBuffer[]): T {
  return { __transfer: true, value, transfer } as unknown as T;
}

function rebuildError(e: Record<string, unknown>): Error {
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : 'job failed';
  if (name === 'InputError' && typeof e.field === 'string') {
    const err = new InputError(e.field, e.value, typeof e.problem === 'string' ? e.problem : message);
    return err;
  }
  return new JobError(name, message, typeof e.stack === 'string' ? e.stack : undefined);
}
