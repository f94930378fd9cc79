import { InputError } from '../math/errors.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import { validateOwner } from './nations.ts';
import { type Satellite, satellite } from './satellite.ts';

export interface CatalogueOptions {
  /** Owner nation (ISO 3166-1 alpha-3) of every set, or a function giving it per set. */
  owner: string | ((set: ElementSet) => string);
  constellation: string;
  payload?: string | ((set: ElementSet) => string | undefined);
  /** Prefix of the ids (the catalogue number follows); none by default. */
  idPrefix?: string;
}

/**
 * Satellites from element sets read from TLE or OMM files, with ownership. The id is the
 * catalogue number (after idPrefix); a number that repeats gets "#2", "#3", ... so ids stay
 * unique. The name is the set's object name, or the catalogue number.
 */
export function catalogueConstellation(sets: readonly ElementSet[], options: CatalogueOptions): Satellite[] {
  if (!Array.isArray(sets)) throw new InputError('sets', sets, 'must be an array of element sets');
  const fixedOwner = typeof options.owner === 'string' ? validateOwner(options.owner) : null;
  const seen = new Map<string, number>();
  return sets.map((set, i) => {
    const owner = fixedOwner ?? validateOwner((options.owner as (s: ElementSet) => string)(set), `owner of sets[${i}] (${set.catalogNumber})`);
    const count = (seen.get(set.catalogNumber) ?? 0) + 1;
    seen.set(set.catalogNumber, count);
    const id = `${options.idPrefix ?? ''}${set.catalogNumber}${count > 1 ? `#${count}` : ''}`;
    const payload = typeof options.payload === 'function' ? options.payload(set) : options.payload;
    return satellite(
      { id, name: set.name?.trim() || set.catalogNumber, owner, constellation: options.constellation, payload, elements: set },
      `sets[${i}]`,
    );
  });
}
