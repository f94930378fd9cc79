import { InputError } from '../math/errors.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import { validateOwner } from './nations.ts';

/**
 * One satellite of an allied constellation: who owns it, which constellation it flies in, which
 * payload it carries (a reference into the sensor catalogue of a later stage) and its mean elements.
 */
export interface Satellite {
  /** Unique within a scenario. */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-3 code of the owner nation, e.g. USA, JPN. */
  owner: string;
  constellation: string;
  /** Payload (sensor) reference, when known. */
  payload?: string;
  elements: ElementSet;
}

/** A Satellite with its fields checked: non-empty id, name and constellation; the owner an ISO 3166 alpha-3 code (upper-cased). */
export function satellite(fields: Satellite, field = 'satellite'): Satellite {
  for (const key of ['id', 'name', 'constellation'] as const) {
    const value = fields[key];
    if (typeof value !== 'string' || value.trim() === '') throw new InputError(`${field}.${key}`, value, 'must be a non-empty string');
  }
  if (fields.payload !== undefined && (typeof fields.payload !== 'string' || fields.payload.trim() === '')) {
    throw new InputError(`${field}.payload`, fields.payload, 'must be a non-empty string when given');
  }
  const owner = validateOwner(fields.owner, `${field}.owner`);
  const out: Satellite = { id: fields.id, name: fields.name, owner, constellation: fields.constellation, elements: fields.elements };
  if (fields.payload !== undefined) out.payload = fields.payload;
  return out;
}
