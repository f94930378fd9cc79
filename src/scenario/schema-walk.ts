import type { z } from 'zod';
import { type DocumentPath, valueAt } from './issues.ts';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strips optional, nullable, default and pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(s);
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else break;
  }
  return s;
}

/** The option of a union that the document's value selects (by discriminator), or the first object option. */
function pickOption(def: Def, value: unknown): z.ZodType | undefined {
  const options = def.options ?? [];
  if (def.discriminator && value && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[def.discriminator];
    const match = options.find((o) => defOf(unwrap(defOf(unwrap(o)).shape?.[def.discriminator as string] ?? o)).values?.includes(tag));
    if (match) return match;
  }
  return options.find((o) => defOf(unwrap(o)).type === 'object');
}

/**
 * The keys the schema knows for the object at a path of the document (for "did you mean" hints),
 * following arrays, wrappers and discriminated unions; undefined when the path leads nowhere.
 */
export function knownKeysAt(schema: z.ZodType, document: unknown, path: DocumentPath): readonly string[] | undefined {
  let s: z.ZodType | undefined = unwrap(schema);
  for (let i = 0; i <= path.length && s; i++) {
    let def = defOf(s);
    if (def.type === 'union') {
      s = pickOption(def, valueAt(document, path.slice(0, i)));
      if (!s) return undefined;
      s = unwrap(s);
      def = defOf(s);
    }
    if (i === path.length) return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
    const key = path[i];
    if (def.type === 'object' && def.shape && typeof key === 'string') s = def.shape[key] ? unwrap(def.shape[key]) : undefined;
    else if (def.type === 'array' && def.element && typeof key === 'number') s = unwrap(def.element);
    else return undefined;
  }
  return undefined;
}
