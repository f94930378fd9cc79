import { InputError } from '../math/errors.ts';

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600, d: 86400 };

/**
 * Parses a duration written at an edge: plain seconds (`90`, `0.5`) or with a unit
 * (`30s`, `90m`, `24h`, `2d`, `250ms`). Returns seconds.
 */
export function parseDuration(text: string | number, field = 'duration'): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new InputError(field, text, 'must be a non-negative number of seconds');
    return text;
  }
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*(ms|s|min|m|h|d)?\s*$/i.exec(String(text));
  if (!m) throw new InputError(field, text, 'is not a duration (seconds, or a number with s, m, h or d, e.g. 90m)');
  const value = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  return value * UNIT_SECONDS[(m[3] ?? 's').toLowerCase()];
}
