import { InputError } from '../math/errors.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import { type LocatedRecord, type OmmCatalogue, ommCatalogue } from './omm-catalogue.ts';
import { type OmmFields, ommRecordFromFields } from './omm-record.ts';
import { CELESTRAK_OMM_KEYS, OMM_TEXT_KEYS, type OmmWriteOptions, ommValues } from './omm-values.ts';
import { type RejectedEntry, asInputError } from './rejected.ts';

/**
 * Reads OMM JSON as CelesTrak (numbers) and Space-Track (every value a string, nulls for
 * absent values) publish it: an array of flat objects, or one object. Keys other than the
 * OMM keywords are kept in `otherFields`. Bad entries are returned in `rejected`, naming
 * `OMM[i].FIELD` and the value.
 */
export function parseOmmJson(text: string): OmmCatalogue {
  if (typeof text !== 'string') throw new InputError('OMM JSON', text, 'must be text');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError('OMM JSON', text.slice(0, 60), `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const list = Array.isArray(data) ? data : [data];
  const parsed: LocatedRecord[] = [];
  const rejected: RejectedEntry[] = [];
  list.forEach((entry, index) => {
    const where = `OMM[${index}]`;
    try {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError(where, entry, 'must be an object of OMM keywords');
      const fields: OmmFields = new Map();
      for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
        if (value !== null && typeof value === 'object') continue;
        fields.set(key.toUpperCase(), { value, field: `${where}.${key}` });
      }
      parsed.push({ record: ommRecordFromFields(fields, where), index });
    } catch (e) {
      const object = entry && typeof entry === 'object' ? String((entry as Record<string, unknown>).OBJECT_NAME ?? (entry as Record<string, unknown>).NORAD_CAT_ID ?? '') : '';
      const r: RejectedEntry = { index, error: asInputError(e, where, entry) };
      if (object) r.object = object;
      rejected.push(r);
    }
  });
  return ommCatalogue(parsed, rejected);
}

/** Writes element sets as CelesTrak-style OMM JSON (an array, numbers as numbers, epochs UTC without a zone). */
export function formatOmmJson(sets: readonly ElementSet[], options: OmmWriteOptions = {}): string {
  const objects = sets.map((set) => {
    const values = ommValues(set, options);
    const o: Record<string, string | number> = {};
    for (const key of CELESTRAK_OMM_KEYS) {
      const v = values.get(key)!;
      o[key] = OMM_TEXT_KEYS.has(key) ? v : Number(v);
    }
    return o;
  });
  return `${JSON.stringify(objects, null, 2)}\n`;
}
