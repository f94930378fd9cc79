import { describe, expect, it } from 'vitest';
import { nationSets, primarySensors, satellitePayloads } from '../../src/scenario/lookup.ts';
import { regionGrids } from '../../src/scenario/regions.ts';
import { baseScenario, load } from './helpers.ts';

describe('what a run asks of the typed scenario', () => {
  it('payloads per satellite, in satellite order', () => {
    const s = baseScenario();
    s.sensors.push({ id: 'mfov', type: 'steerable-ir' });
    s.constellations[1].payloads = ['mfov', 'wfov'];
    const { scenario } = load(s);
    const payloads = satellitePayloads(scenario);
    expect(payloads).toHaveLength(14);
    expect(payloads.slice(0, 8).every((p) => p.map((x) => x.id).join() === 'wfov')).toBe(true);
    expect(payloads.slice(8).every((p) => p.map((x) => x.id).join() === 'mfov,wfov')).toBe(true);
    expect(primarySensors(scenario).map((x) => x.kind)).toEqual([...Array(8).fill('staring-ir'), ...Array(6).fill('steerable-ir')]);
    expect(scenario.satellites.map((x) => x.payload)).toEqual([...Array(8).fill('wfov'), ...Array(6).fill('mfov')]);
  });

  it('the additivity sets: combined, each nation alone, all but each nation', () => {
    const { scenario } = load(baseScenario());
    const sets = nationSets(scenario);
    const us = Array.from({ length: 8 }, (_, i) => i);
    const jp = Array.from({ length: 6 }, (_, i) => 8 + i);
    expect(sets.combined).toEqual([...us, ...jp]);
    expect(sets.alone.get('USA')).toEqual(us);
    expect(sets.alone.get('JPN')).toEqual(jp);
    expect(sets.allBut.get('USA')).toEqual(jp);
    expect(sets.allBut.get('JPN')).toEqual(us);
  });

  it('one coverage grid per altitude layer of a region', () => {
    const s = baseScenario();
    s.regions.push({ id: 'world', global: true, altitudesKm: [0, 40], gridDeg: 10 });
    const { scenario } = load(s);
    const grids = regionGrids(scenario.regions[1]);
    expect(grids.map((g) => g.height)).toEqual([0, 40e3]);
    const [theatre] = regionGrids(scenario.regions[0]);
    // 20 x 23 deg at 2 deg: 10 rows of 12 (src/coverage/grid.ts rounds the counts).
    expect(theatre.count).toBe(120);
  });
});
