import type { Instant } from '../time/instant.ts';
import type { Satellite } from './satellite.ts';
import { parseWalkerSpec, walkerConstellation } from './walker.ts';

/**
 * The combined US-Japan tracking layer tracklayer runs by default (scenarios/default.yaml says
 * why each number is what it is).
 *
 * United States, shaped like the public tranche figures (../shared/data/references.md): Tranche 1
 * tracking, 28 satellites in 4 polar planes of 7 at about 1,000-1,200 km (a star pattern, planes
 * over 180 deg, at 1,200 km); Tranche 2, 54 satellites at about 1,000 km, each vendor 16 warning
 * and 2 fire-control: here 48 warning satellites in 6 planes of 8 at 80 deg (the Tranche 0
 * inclination, a delta pattern) and 6 fire-control satellites, one per plane of the same shell.
 * Together 82 satellites.
 *
 * Japan, our design: 24 satellites in 4 planes at 1,000 km and 40 deg inclination, each with a
 * medium-field sensor for the glide vehicle: a national layer bought to add dim-target custody
 * over its own theatre (20-45 deg N), where the US polar planes are thinnest.
 */
export const REFERENCE_SHELLS = [
  { owner: 'USA', constellation: 'US-T1-tracking', spec: 'star:90:28/4/1@1200km', idPrefix: 'US1-', firstCatalogNumber: 80001 },
  { owner: 'USA', constellation: 'US-T2-tracking', spec: 'delta:80:48/6/1@1000km', idPrefix: 'US2-', firstCatalogNumber: 80101 },
  { owner: 'USA', constellation: 'US-T2-fire-control', spec: 'delta:80:6/6/1@1000km', idPrefix: 'US2F-', firstCatalogNumber: 80161 },
  { owner: 'JPN', constellation: 'JP-HGV-tracking', spec: 'delta:40:24/4/1@1000km', idPrefix: 'JP-', firstCatalogNumber: 80201 },
] as const;

export function referenceArchitecture(epoch: Instant): Satellite[] {
  return REFERENCE_SHELLS.flatMap((shell) =>
    walkerConstellation(parseWalkerSpec(shell.spec), {
      epoch,
      owner: shell.owner,
      constellation: shell.constellation,
      payload: 'wide-field-ir',
      idPrefix: shell.idPrefix,
      firstCatalogNumber: shell.firstCatalogNumber,
    }),
  );
}
