import type { Instant } from '../time/instant.ts';
import type { Satellite } from './satellite.ts';
import { parseWalkerSpec, walkerConstellation } from './walker.ts';

/**
 * The combined US-Japan tracking layer tracklayer runs by default.
 *
 * United States, shaped like the public tranche figures (../shared/data/references.md): Tranche 1
 * tracking, 28 satellites in 4 polar planes of 7 at about 1,000-1,200 km (a star pattern, planes
 * over 180 deg, at 1,200 km); Tranche 2, 54 satellites at about 1,000 km (here 6 planes of 9 at
 * 80 deg, the Tranche 0 inclination, as a delta pattern). Together 82 satellites, the layer the
 * coverage benchmark uses.
 *
 * Japan, our design: 12 satellites in 3 planes at 1,000 km and 45 deg inclination. A national
 * layer is bought to watch its own theatre, so the inclination keeps the satellites' time over
 * 20-50 deg N (Japan, the Korean peninsula, the East China Sea), where the US polar planes are
 * thinnest; the same altitude as the US layer gives the same sensor footprint and makes stereo
 * pairs with US satellites easy. Twelve is the scale of a few years of a national programme.
 */
export const REFERENCE_SHELLS = [
  { owner: 'USA', constellation: 'US-T1-tracking', spec: 'star:90:28/4/1@1200km', idPrefix: 'US1-', firstCatalogNumber: 80001 },
  { owner: 'USA', constellation: 'US-T2-tracking', spec: 'delta:80:54/6/1@1000km', idPrefix: 'US2-', firstCatalogNumber: 80101 },
  { owner: 'JPN', constellation: 'JP-HGV-tracking', spec: 'delta:45:12/3/1@1000km', idPrefix: 'JP-', firstCatalogNumber: 80201 },
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
