import { InputError } from '../math/errors.ts';

/**
 * An entry of a catalogue file that could not be read. Readers of catalogues keep the good
 * entries and return these instead of throwing, so one bad set does not lose the rest.
 */
export interface RejectedEntry {
  /** Where the entry starts: a 1-based line of the file, or a 0-based record index for JSON. */
  line?: number;
  index?: number;
  /** The object's name or catalogue number when it could be read. */
  object?: string;
  error: InputError;
}

/** Turns whatever a parser threw into an InputError, keeping InputErrors as they are. */
export function asInputError(e: unknown, field: string, value: unknown): InputError {
  if (e instanceof InputError) return e;
  return new InputError(field, value, e instanceof Error ? e.message : String(e));
}

/** One line per rejected entry, for a CLI summary. */
export function describeRejected(rejected: readonly RejectedEntry[]): string[] {
  return rejected.map((r) => {
    const where = r.line !== undefined ? `line ${r.line}` : r.index !== undefined ? `entry ${r.index}` : 'entry';
    return `${where}${r.object ? ` (${r.object})` : ''}: ${r.error.message}`;
  });
}
