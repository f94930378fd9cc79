import type { z } from 'zod';
import { InputError, describeValue } from '../math/errors.ts';

/** A path into the scenario document: keys and list indices, as `constellations[1].altitudeKm` prints it. */
export type DocumentPath = readonly (string | number)[];

/**
 * One problem found in a scenario file. The path points at the offending key; `value` is what the
 * file holds there (absent for a missing key); `line` is the file line when the text was YAML or JSON.
 */
export interface ScenarioIssue {
  readonly path: DocumentPath;
  readonly problem: string;
  readonly value?: unknown;
  readonly hasValue: boolean;
  line?: number;
}

export function issue(path: DocumentPath, problem: string, ...value: [unknown?]): ScenarioIssue {
  return value.length > 0 ? { path, problem, value: value[0], hasValue: true } : { path, problem, hasValue: false };
}

/** `constellations[1].walker.altitudeKm`; the root is `(scenario)`. */
export function formatPath(path: DocumentPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out === '' ? '(scenario)' : out;
}

/** `constellations[1].altitudeKm: must be >= 150, got 90 (line 14)`. */
export function formatIssue(i: ScenarioIssue): string {
  const got = i.hasValue ? `, got ${describeValue(i.value)}` : '';
  const where = i.line !== undefined ? ` (line ${i.line})` : '';
  return `${formatPath(i.path)}: ${i.problem}${got}${where}`;
}

/**
 * Every problem of a scenario file at once. It is an InputError (the CLI prints it and exits 2)
 * whose field is the file and whose message lists one problem per line.
 */
export class ScenarioError extends InputError {
  readonly issues: readonly ScenarioIssue[];
  readonly source: string;

  constructor(source: string, issues: readonly ScenarioIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(source, `${count}`, `is not a valid scenario`);
    this.name = 'ScenarioError';
    this.source = source;
    this.issues = issues;
    this.message = `${source}: ${count}\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`;
  }
}

/** The value at a path of a parsed document, or undefined. */
export function valueAt(document: unknown, path: DocumentPath): unknown {
  let value = document;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function hasKey(document: unknown, path: DocumentPath): boolean {
  if (path.length === 0) return true;
  const parent = valueAt(document, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]);
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  tuple: 'a list',
  null: 'null',
};

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, kind: 'min' | 'max'): string {
  const limit = kind === 'min' ? issue.minimum : issue.maximum;
  const op = kind === 'min' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `${op} ${String(limit)}`;
}

/** The keys a strict object knows, for "did you mean" hints, by the path of the object. */
export type KnownKeys = (path: DocumentPath) => readonly string[] | undefined;

/** Turns zod's issues into scenario issues in tracklayer's phrasing, with the offending values from the document. */
export function issuesFromZod(error: z.ZodError, document: unknown, knownKeys?: KnownKeys): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const zi of error.issues) {
    const path = zi.path.filter((k): k is string | number => typeof k !== 'symbol');
    const value = valueAt(document, path);
    const missing = !hasKey(document, path) || value === undefined;
    if (!isZodDefaultMessage(zi.message) && !(missing && zi.code === 'invalid_type')) {
      // A message written in the schema is already in our phrasing.
      out.push(missing ? issue(path, zi.message) : issue(path, zi.message, value));
      continue;
    }
    switch (zi.code) {
      case 'invalid_type': {
        if (missing) {
          out.push(issue(path, 'is required'));
        } else {
          const expected = (zi as { expected: string }).expected;
          out.push(issue(path, `must be ${TYPE_WORDS[expected] ?? expected}`, value));
        }
        break;
      }
      case 'too_small': {
        const z2 = zi as { origin: string; minimum: number | bigint; inclusive?: boolean };
        if (z2.origin === 'array' || z2.origin === 'set') {
          out.push(issue(path, `must hold at least ${z2.minimum} item${Number(z2.minimum) === 1 ? '' : 's'}`, value));
        } else if (z2.origin === 'string') {
          out.push(issue(path, Number(z2.minimum) <= 1 ? 'must not be empty' : `must be at least ${z2.minimum} characters long`, value));
        } else {
          out.push(issue(path, `must be ${bound(z2, 'min')}`, value));
        }
        break;
      }
      case 'too_big': {
        const z2 = zi as { origin: string; maximum: number | bigint; inclusive?: boolean };
        if (z2.origin === 'array' || z2.origin === 'set') out.push(issue(path, `must hold at most ${z2.maximum} items`, value));
        else if (z2.origin === 'string') out.push(issue(path, `must be at most ${z2.maximum} characters long`, value));
        else out.push(issue(path, `must be ${bound(z2, 'max')}`, value));
        break;
      }
      case 'unrecognized_keys': {
        const known = knownKeys?.(path) ?? [];
        for (const key of zi.keys) {
          const hint = closest(key, known);
          out.push(issue([...path, key], `is not a known key${hint ? ` (did you mean ${hint}?)` : ''}`, valueAt(document, [...path, key])));
        }
        break;
      }
      case 'invalid_value': {
        const values = (zi as { values: readonly unknown[] }).values;
        out.push(issue(path, values.length === 1 ? `must be ${describeValue(values[0])}` : `must be one of ${values.map(String).join(', ')}`, value));
        break;
      }
      case 'invalid_union': {
        const z2 = zi as { options?: readonly unknown[]; discriminator?: string; errors: z.core.$ZodIssue[][] };
        if (z2.discriminator !== undefined && z2.options) {
          if (value === undefined) out.push(issue(path, `is required (one of ${z2.options.map(String).join(', ')})`));
          else out.push(issue(path, `must be one of ${z2.options.map(String).join(', ')}`, value));
        } else {
          out.push(issue(path, zi.message, value));
        }
        break;
      }
      case 'not_multiple_of':
        out.push(issue(path, `must be a multiple of ${String((zi as { divisor: number }).divisor)}`, value));
        break;
      default:
        // custom and format issues carry the schema's own message, already in our phrasing.
        out.push(issue(path, zi.message, value));
    }
  }
  return out;
}

/** zod's own English messages start with these words; messages written in our schema do not. */
function isZodDefaultMessage(message: string): boolean {
  return /^(Invalid|Too small|Too big|Unrecognized)/.test(message);
}

/** The known key nearest to a misspelt one (case-insensitive edit distance at most 2, or equal ignoring case). */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** An InputError thrown by a builder of a lower layer, as an issue at `path` (its own field name kept in the text). */
export function issueFromError(path: DocumentPath, error: unknown): ScenarioIssue {
  if (error instanceof ScenarioError) return issue(path, error.issues.map(formatIssue).join('; '));
  if (error instanceof InputError) return issue(path, `${error.field}: ${error.problem}`, error.value);
  return issue(path, error instanceof Error ? error.message : String(error));
}
