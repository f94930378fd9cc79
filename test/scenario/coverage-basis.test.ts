import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../../src/scenario/run/run.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { baseScenario, load, problems } from './helpers.ts';

/** A short run of coverage alone (no threats, no tracking). */
function coverageOnly(edit: (doc: Record<string, any>) => void): RunResult {
  const doc = baseScenario();
  doc.time.durationS = 600;
  doc.time.stepS = 60;
  delete doc.threats;
  doc.sensors.push({ id: 'mwir', type: 'steerable-ir', noiseEquivalentIrradianceWPerM2: 5e-12, detectionThresholdSigma: 6, sunExclusionDeg: 0 });
  doc.constellations[1].payloads = ['wfov', 'mwir'];
  doc.figures = { coverage: { folds: [1, 2] }, additivity: true };
  edit(doc);
  const { scenario } = load(doc);
  const run = runScenario(scenario as Scenario);
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
  }
}
const row = (r: RunResult, view: string) => r.summary.coverage.find((c) => c.view === view)!;

describe('coverage counts a chosen payload, against a target of a given intensity', () => {
  it('counts only satellites carrying the payload', () => {
    const r = coverageOnly((d) => (d.figures.coverage.payload = 'mwir'));
    expect(row(r, 'USA').folds[0].meanPercentCovered).toBe(0);
    expect(row(r, 'JPN').folds[0].meanPercentCovered).toBeGreaterThan(0);
    expect(row(r, 'combined').folds[0].meanPercentCovered).toBe(row(r, 'JPN').folds[0].meanPercentCovered);
    expect(row(r, 'combined').payload).toBe('mwir');
  });

  it('against a target, counts a sensor out to sqrt(I / (k NEI)): the same figures as that range given as maxRangeKm', () => {
    const intensity = 300;
    const rangeKm = Math.sqrt(intensity / (6 * 5e-12)) / 1000;
    expect(rangeKm).toBeCloseTo(3162.28, 1);
    const byIntensity = coverageOnly((d) => Object.assign(d.figures.coverage, { payload: 'mwir', targetIntensityWSr: intensity }));
    const byRange = coverageOnly((d) => {
      d.figures.coverage.payload = 'mwir';
      d.sensors[1].maxRangeKm = rangeKm;
    });
    const strip = (r: RunResult) => r.summary.coverage.map(({ targetIntensityWSr: _, ...rest }) => rest);
    expect(strip(byIntensity)).toEqual(strip(byRange));
    const geometry = coverageOnly((d) => (d.figures.coverage.payload = 'mwir'));
    expect(row(byIntensity, 'JPN').folds[0].meanPercentCovered).toBeLessThan(row(geometry, 'JPN').folds[0].meanPercentCovered);
  });

  it('a target too dim to reach the layer from orbit is covered nowhere', () => {
    // 1 W/sr: detected out to 183 km, below the 1,000 km orbit.
    const r = coverageOnly((d) => Object.assign(d.figures.coverage, { payload: 'mwir', targetIntensityWSr: 1 }));
    for (const c of r.summary.coverage) expect(c.folds[0].meanPercentCovered).toBe(0);
  });

  it('refuses an unknown or uncarried payload and a target without a signal model, at their paths', () => {
    const unknown = baseScenario();
    unknown.figures = { coverage: { payload: 'nope' } };
    expect(problems(unknown).join('\n')).toMatch(/figures\.coverage\.payload: is not a sensor id.*"nope"/);
    const uncarried = baseScenario();
    uncarried.sensors.push({ id: 'spare', type: 'steerable-ir' });
    uncarried.figures = { coverage: { payload: 'spare' } };
    expect(problems(uncarried).join('\n')).toMatch(/figures\.coverage\.payload: is carried by no constellation.*"spare"/);
    const imager = baseScenario();
    imager.sensors.push({ id: 'cam', type: 'eo-imager' });
    imager.constellations[0].payloads = ['cam'];
    imager.figures = { coverage: { payload: 'cam', targetIntensityWSr: 100 } };
    expect(problems(imager).join('\n')).toMatch(/figures\.coverage\.targetIntensityWSr: needs a noise-equivalent irradiance on sensor cam.*100/);
  });
});
