import { z } from 'zod';
import { scenarioFileSchema } from './schema.ts';

/**
 * The published JSON Schema of scenario files (docs/scenario.schema.json), generated from the zod
 * schema by zod 4's toJSONSchema, for editors and other tools. It describes every key, type,
 * range and default; the checks that need several parts of a file (references, files, sums)
 * are the loader's alone. The list of 249 nation codes, repeated wherever an owner appears,
 * is written once under $defs.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  let nation: unknown;
  const hoisted = hoist(schema, (node) => {
    const isNation = Array.isArray(node.enum) && node.enum.length > 200 && node.enum.includes('USA');
    if (isNation) nation ??= node;
    return isNation;
  });
  return nation === undefined ? schema : { ...(hoisted as Record<string, unknown>), $defs: { nation } };
}

/** A copy of a JSON value with every object that `match` picks replaced by a reference to $defs/nation. */
function hoist(node: unknown, match: (node: Record<string, unknown>) => boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => hoist(n, match));
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  if (match(object)) return { $ref: '#/$defs/nation' };
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, hoist(v, match)]));
}

/** The schema as the committed file holds it: two-space JSON and a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
