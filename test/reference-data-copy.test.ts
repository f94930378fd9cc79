import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// test/reference-data is a copy of the team's ../shared/data (independent public references, see
// its README.md), kept in the repo so a clean clone tests without anything beside it.
const here = dirname(fileURLToPath(import.meta.url));
const copy = join(here, 'reference-data');
const shared = resolve(here, '..', '..', 'shared', 'data');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the reference data copy', () => {
  it('holds every reference file the tests read', () => {
    for (const name of ['sgp4-verification/SGP4-VER.TLE', 'sgp4-verification/tcppver.out', 'atmosphere/us-standard-1976-2km.csv', 'omm-samples/sample_omm.json', 'ccsds-examples/oem_g11.kvn', 'README.md']) {
      expect(existsSync(join(copy, name)), name).toBe(true);
    }
  });

  it.skipIf(!existsSync(shared))('is byte for byte the shared data it was copied from', () => {
    const ours = files(copy).map((f) => relative(copy, f)).sort();
    const theirs = files(shared).map((f) => relative(shared, f)).sort();
    expect(ours).toEqual(theirs);
    for (const name of ours) expect(readFileSync(join(copy, name)).equals(readFileSync(join(shared, name))), name).toBe(true);
  });
});
