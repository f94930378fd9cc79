// The thread side of WorkerPool. Plain JavaScript, so a fresh worker thread can start it
// under vitest or plain node alike; it registers tsx so the jobs it imports may be TypeScript.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();

/** Imported job modules, by URL: a worker imports each once. */
const modules = new Map();

parentPort.on('message', async (task) => {
  const { id, module, fn, args } = task;
  try {
    let mod = modules.get(module);
    if (!mod) {
      mod = await import(module);
      modules.set(module, mod);
    }
    if (typeof mod[fn] !== 'function') throw new TypeError(`${module} has no exported function ${fn}`);
    const value = await mod[fn](args);
    // A job may hand back { value, transfer } through withTransfer() to move buffers instead of copying them.
    if (value && typeof value === 'object' && value.__transfer === true) {
      parentPort.postMessage({ id, ok: true, value: value.value }, value.transfer);
    } else {
      parentPort.postMessage({ id, ok: true, value });
    }
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort.postMessage({
      id,
      ok: false,
      error: { name: e.name, message: e.message, stack: e.stack, field: e.field, value: safeValue(e.value), problem: e.problem },
    });
  }
});

function safeValue(v) {
  try {
    structuredClone(v);
    return v;
  } catch {
    return String(v);
  }
}
