import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/issues.ts';
import { checkScenarioText } from '../../src/scenario/load.ts';
import { baseScenario, diskFiles, fixtures } from './helpers.ts';

/** Every path to a value in a document, containers included. */
function paths(node: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(node)) node.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function withRaid() {
  const s = baseScenario();
  s.raids = [
    {
      id: 'r',
      count: 2,
      vehicles: ['mrbm'],
      launchArea: { polygon: [{ latDeg: 25, lonDeg: 114 }, { latDeg: 28, lonDeg: 114 }, { latDeg: 27, lonDeg: 117 }] },
      aimArea: { circle: { latDeg: 33.16, lonDeg: 129.72, radiusKm: 30 } },
      window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:05:00Z' },
    },
  ];
  s.constellations.push({ id: 'cat', type: 'element-sets', owner: 'GBR', file: 'three.tle', payloads: ['wfov'] });
  s.figures = { coverage: { folds: [1] }, tracking: {}, isrRevisit: { sites: [{ id: 'a', latDeg: 30, lonDeg: 125 }], constellations: ['us'] } };
  s.tracker = { models: ['ballistic'], initiator: { windowS: 3 } };
  return s;
}

describe('bad input never crashes the loader', () => {
  it('any value put anywhere gives a scenario or a list of problems, never an exception (property)', () => {
    const base = withRaid();
    const all = paths(base).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (which, value, remove) => {
        const s = structuredClone(base);
        const path = all[which];
        let parent: any = s;
        for (const key of path.slice(0, -1)) parent = parent[key];
        const last = path[path.length - 1];
        if (remove && !Array.isArray(parent)) delete parent[last];
        else parent[last] = value;
        const check = checkScenarioText(JSON.stringify(s), { format: 'json', files: diskFiles, baseDir: fixtures });
        if (check.scenario === null) {
          expect(check.issues.length).toBeGreaterThan(0);
          for (const i of check.issues) expect(formatIssue(i)).toMatch(/^\S.*: \S/);
        } else {
          expect(check.issues).toEqual([]);
        }
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});
