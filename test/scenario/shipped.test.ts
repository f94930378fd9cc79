import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/cli/commands/validate.ts';
import { REFERENCE_SHELLS, referenceArchitecture } from '../../src/constellations/reference-architectures.ts';
import { formatWalkerSpec } from '../../src/constellations/walker.ts';
import { KM } from '../../src/math/units.ts';
import { flyThreat } from '../../src/threats/fly-threat.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { repo } from './helpers.ts';

const folder = join(repo, 'scenarios');
const shipped = readdirSync(folder).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe('shipped scenarios', () => {
  it('include the default, a quick one and an ISR revisit study', () => {
    expect(shipped).toEqual(expect.arrayContaining(['default.yaml', 'quick.yaml', 'isr-revisit.yaml']));
  });

  it.each(shipped)('%s validates without warnings', (name) => {
    const { scenario, warnings } = loadScenarioFile(join(folder, name));
    expect(warnings).toEqual([]);
    expect(scenario.satellites.length).toBeGreaterThan(0);
  });

  it('the default declares the reference architecture: the same four shells, the same satellites', () => {
    const { scenario } = loadScenarioFile(join(folder, 'default.yaml'));
    const specs = scenario.constellations.map((c) => (c.design.type === 'walker' ? formatWalkerSpec(c.design.spec) : c.design.type));
    expect(specs).toEqual(REFERENCE_SHELLS.map((s) => s.spec));
    expect(scenario.constellations.map((c) => [c.owner, c.id])).toEqual(REFERENCE_SHELLS.map((s) => [s.owner, s.constellation]));
    // The lead's builder of the reference layer, at the scenario's start, gives the same satellites.
    const reference = referenceArchitecture(parseIsoUtc('2026-01-01T00:00:00Z'));
    expect(scenario.satellites).toEqual(reference);
    expect(scenario.nations).toEqual(['USA', 'JPN']);
  });

  it('the default has a mixed raid in the Western Pacific over about an hour', () => {
    const { scenario } = loadScenarioFile(join(folder, 'default.yaml'));
    const kinds = new Set(scenario.threats.map((t) => t.vehicle.kind));
    expect(kinds).toEqual(new Set(['glide', 'ballistic']));
    expect(scenario.time.duration).toBeGreaterThanOrEqual(3000);
    expect(scenario.time.duration).toBeLessThanOrEqual(4200);
    for (const t of scenario.threats) {
      for (const p of [t.request.launch, t.request.aim]) {
        // Western Pacific: 0-50 deg N, 100-160 deg E.
        expect(p.lat * (180 / Math.PI)).toBeGreaterThan(0);
        expect(p.lat * (180 / Math.PI)).toBeLessThan(50);
        expect(p.lon * (180 / Math.PI)).toBeGreaterThan(100);
        expect(p.lon * (180 / Math.PI)).toBeLessThan(160);
      }
    }
  });

  // Each threat is flown once, so a shipped scenario cannot name an aim beyond its vehicle's reach.
  it.each(['default.yaml', 'quick.yaml'])('every threat of %s flies, lands on its aim and ends inside the scenario', (name) => {
    const { scenario } = loadScenarioFile(join(folder, name));
    for (const t of scenario.threats) {
      const trajectory = flyThreat(t.vehicle, t.request);
      expect(trajectory.summary.impactError, t.id).toBeLessThan(1 * KM);
      expect(t.request.launchTime + trajectory.summary.flightTime, t.id).toBeLessThan(scenario.time.end);
    }
  });

  it('the ISR study has imaging constellations of two nations and no threats', () => {
    const { scenario } = loadScenarioFile(join(folder, 'isr-revisit.yaml'));
    expect(scenario.threats).toEqual([]);
    expect(scenario.figures.isrRevisit?.constellations).toEqual(['JP-IGS-optical', 'JP-IGS-radar', 'US-SAR']);
    expect(scenario.figures.tracking).toBeNull();
    expect(scenario.nations).toEqual(['JPN', 'USA']);
  });
});
