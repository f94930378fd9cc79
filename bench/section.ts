/** What a benchmark returns: a title and a Markdown body (tables of figures and ratios). */
export interface BenchSection {
  title: string;
  markdown: string;
}

/** Best of `repeats` wall times (s) of `fn`, after one warm-up call. */
export async function timeBest(fn: () => unknown | Promise<unknown>, repeats = 3): Promise<number> {
  await fn();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}
