/**
 * The one error type for bad input anywhere in tracklayer: it always names the
 * field (a path such as `constellations[1].altitudeKm` or `line 2, columns 9-16`)
 * and the offending value, so a user can find and fix it without a stack trace.
 */
export class InputError extends Error {
  readonly field: string;
  readonly value: unknown;
  readonly problem: string;

  constructor(field: string, value: unknown, problem: string) {
    super(`${field}: ${problem}, got ${describeValue(value)}`);
    this.name = 'InputError';
    this.field = field;
    this.value = value;
    this.problem = problem;
  }
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** Throws an InputError unless `value` is a finite number. */
export function requireFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError(field, value, 'must be a finite number');
  return value;
}
