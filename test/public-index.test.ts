import { describe, expect, it } from 'vitest';
import * as tracklayer from '../src/index.ts';

describe('the public index', () => {
  it('exposes each capability by name', () => {
    for (const name of ['parseIsoUtc', 'temeToItrf', 'geodeticToItrf', 'sunPositionItrf', 'propagateSgp4', 'propagateJ2Secular', 'propagateKepler', 'walkerConstellation', 'parseTleCatalogue', 'parseOmmCatalogue', 'formatOemKvn', 'czmlFromStateTable', 'Random', 'InputError']) {
      expect(typeof (tracklayer as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
