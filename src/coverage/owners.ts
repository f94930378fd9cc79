import { InputError } from '../math/errors.ts';

/**
 * Indices of the satellites whose owner (ISO 3166 alpha-3) is in a set, for figures restricted to
 * one nation or a coalition. Owners are compared without regard to case.
 */
export function satellitesOwnedBy(owners: readonly string[], satelliteOwners: readonly string[]): number[] {
  if (owners.length === 0) throw new InputError('owners', owners, 'must name at least one owner (ISO 3166 alpha-3, e.g. USA,JPN)');
  const wanted = new Set(owners.map((o) => o.trim().toUpperCase()));
  const known = new Set(satelliteOwners.map((o) => o.toUpperCase()));
  for (const o of wanted) {
    if (!known.has(o)) throw new InputError('owners', owners.join(','), `names ${o}, which owns none of the satellites (owners present: ${[...known].sort().join(', ') || 'none'})`);
  }
  const out: number[] = [];
  satelliteOwners.forEach((o, i) => {
    if (wanted.has(o.toUpperCase())) out.push(i);
  });
  return out;
}
