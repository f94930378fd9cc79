import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/json-schema.ts';
import { repo } from './helpers.ts';

/** Every property name anywhere in a JSON Schema. */
function propertyNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => propertyNames(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) out.add(name);
      propertyNames(value, out);
    }
  }
  return out;
}

describe('docs/scenario.schema.json', () => {
  it('is up to date with the zod schema (regenerate: npx tsx scripts/build-scenario-schema.ts)', () => {
    const committed = readFileSync(join(repo, 'docs', 'scenario.schema.json'), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('is a strict draft 2020-12 schema with the nation codes written once', () => {
    const schema = scenarioJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect((schema.required as string[]).sort()).toEqual(['constellations', 'name', 'sensors', 'time']);
    const text = JSON.stringify(schema);
    expect(text.split('"ZWE"').length - 1).toBe(1);
    expect(text).toContain('"$ref":"#/$defs/nation"');
  });

  it('every key it knows is explained in docs/scenario.md (the tracker\'s in docs/tracking.md)', () => {
    const doc = readFileSync(join(repo, 'docs', 'scenario.md'), 'utf8');
    const schema = scenarioJsonSchema();
    const { tracker, ...rest } = schema.properties as Record<string, unknown>;
    const own = propertyNames({ ...schema, properties: rest });
    const missing = [...own].filter((name) => !doc.includes(`\`${name}\``));
    expect(missing, `not in docs/scenario.md: ${missing.join(', ')}`).toEqual([]);
  });
});

/**
 * A small JSON Schema checker for the keywords the published schema uses (type, properties,
 * required, additionalProperties, enum, const, bounds, items, prefixItems, item counts, anyOf,
 * oneOf, $ref): a second reader of the file, independent of zod, that editors would resemble.
 */
function violations(schema: any, value: unknown, root: any, path = '$'): string[] {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [`${path}: not allowed`];
  if (schema.$ref) return violations(root.$defs[schema.$ref.replace('#/$defs/', '')], value, root, path);
  const out: string[] = [];
  if (schema.anyOf && !schema.anyOf.some((s: any) => violations(s, value, root, path).length === 0)) out.push(`${path}: matches no anyOf`);
  if (schema.oneOf && schema.oneOf.filter((s: any) => violations(s, value, root, path).length === 0).length !== 1) out.push(`${path}: matches not exactly one oneOf`);
  if (schema.const !== undefined && value !== schema.const) out.push(`${path}: not ${schema.const}`);
  if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: not in enum`);
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (schema.type) {
    const ok = schema.type === type || (schema.type === 'integer' && Number.isInteger(value)) || (schema.type === 'number' && type === 'number');
    if (!ok) return [...out, `${path}: not ${schema.type}`];
  }
  if (type === 'number') {
    const x = value as number;
    if (schema.minimum !== undefined && x < schema.minimum) out.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && x > schema.maximum) out.push(`${path}: above maximum`);
    if (schema.exclusiveMinimum !== undefined && x <= schema.exclusiveMinimum) out.push(`${path}: not above exclusiveMinimum`);
    if (schema.exclusiveMaximum !== undefined && x >= schema.exclusiveMaximum) out.push(`${path}: not below exclusiveMaximum`);
  }
  if (type === 'string' && schema.minLength !== undefined && (value as string).length < schema.minLength) out.push(`${path}: too short`);
  if (type === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value as string)) out.push(`${path}: pattern`);
  if (type === 'array') {
    const a = value as unknown[];
    if (schema.minItems !== undefined && a.length < schema.minItems) out.push(`${path}: too few items`);
    if (schema.maxItems !== undefined && a.length > schema.maxItems) out.push(`${path}: too many items`);
    a.forEach((v, i) => {
      const s = schema.prefixItems && i < schema.prefixItems.length ? schema.prefixItems[i] : schema.items;
      out.push(...violations(s, v, root, `${path}[${i}]`));
    });
  }
  if (type === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in o)) out.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(o)) {
      if (schema.properties && key in schema.properties) out.push(...violations(schema.properties[key], v, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${key}: unknown key`);
      else if (schema.additionalProperties) out.push(...violations(schema.additionalProperties, v, root, `${path}.${key}`));
    }
  }
  return out;
}

describe('the published schema read by a second checker', () => {
  const schema = scenarioJsonSchema();
  const read = (name: string) => parse(readFileSync(join(repo, 'scenarios', name), 'utf8'));

  it.each(['default.yaml', 'quick.yaml', 'isr-revisit.yaml'])('accepts %s', (name) => {
    expect(violations(schema, read(name), schema)).toEqual([]);
  });

  it('rejects an unknown key, a wrong type, an out-of-range value and a bad owner where the loader does', () => {
    const s = read('quick.yaml');
    s.colour = 'blue';
    s.seed = -1;
    s.constellations[0].altitudeKm = '1200';
    s.constellations[1].owner = 'Japan';
    expect(violations(schema, s, schema).sort()).toEqual(
      expect.arrayContaining(['$.colour: unknown key', '$.seed: below minimum']),
    );
    const problems = violations(schema, s, schema).join('\n');
    expect(problems).toContain('$.constellations[0]');
    expect(problems).toContain('$.constellations[1]');
  });
});
