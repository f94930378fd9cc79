/** Helpers for reading a scenario document element by element (compile.ts and the section builders). */
import type { z } from 'zod';
import { InputError } from '../math/errors.ts';
import { type DocumentPath, type ScenarioIssue, issue, issueFromError } from './issues.ts';

export type Raw = Record<string, unknown>;

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The element parsed by its own schema, or null (its problems are already among the document's issues). */
export function part<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | null {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
}

/** `sensors[0].fieldOfRegard.halfAngleDeg` back into a path. */
export function pathFromField(field: string): DocumentPath {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** An error from a lower layer: at its own field when that names a place in the file (starts with `prefix`), else at `path`. */
export function errorIssue(path: DocumentPath, prefix: string, error: unknown): ScenarioIssue {
  if (error instanceof InputError && error.field.startsWith(prefix)) return issue(pathFromField(error.field), error.problem, error.value);
  return issueFromError(path, error);
}

/** The distinct string ids of a section's entries, in order. */
export function ids(values: unknown[]): string[] {
  return uniqueStrings(values.map((v) => (v && typeof v === 'object' && typeof (v as Raw).id === 'string' ? ((v as Raw).id as string) : '')).filter((s) => s !== ''));
}

export function uniqueStrings(values: string[]): string[] {
  return [...new Set(values)];
}

/** Flags every repeat of an id within a section. */
export function checkUnique(section: string, values: unknown[], issues: ScenarioIssue[]): void {
  const first = new Map<string, number>();
  values.forEach((v, i) => {
    const id = v && typeof v === 'object' ? (v as Raw).id : undefined;
    if (typeof id !== 'string') return;
    const j = first.get(id);
    if (j === undefined) first.set(id, i);
    else issues.push(issue([section, i, 'id'], `repeats the id of ${section}[${j}]`, id));
  });
}
