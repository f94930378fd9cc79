/**
 * A progress bar on stderr for long work. On a terminal it redraws one line; when stderr is a
 * file or pipe it prints a line at each 10 % so logs stay short. Silent with `quiet`.
 */
export interface Progress {
  update(done: number, note?: string): void;
  finish(note?: string): void;
}

export function progressBar(label: string, total: number, options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const quiet = options.quiet ?? false;
  const tty = Boolean(stream.isTTY);
  const started = performance.now();
  let lastDecile = -1;
  let lastDraw = 0;
  const draw = (done: number, note = '') => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const elapsed = (performance.now() - started) / 1000;
    const eta = fraction > 0 && fraction < 1 ? ` eta ${formatSeconds((elapsed / fraction) * (1 - fraction))}` : '';
    if (tty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${formatSeconds(elapsed)}${eta} ${note}\x1b[K`);
    } else {
      stream.write(`${label}: ${(fraction * 100).toFixed(0)}% (${formatSeconds(elapsed)}) ${note}\n`);
    }
  };
  return {
    update(done, note) {
      if (quiet) return;
      const fraction = total > 0 ? done / total : 1;
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        draw(done, note);
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          draw(done, note);
        }
      }
    },
    finish(note) {
      if (quiet) return;
      if (tty) {
        draw(total, note);
        stream.write('\n');
      } else if (lastDecile < 10) {
        draw(total, note);
      }
    },
  };
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
