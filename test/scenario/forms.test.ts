import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEG, KM } from '../../src/math/units.ts';
import { checkScenarioText, loadScenarioText } from '../../src/scenario/load.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { DEFAULT_TRACKER_CONFIG } from '../../src/tracking/config.ts';
import { DEFAULT_SCORE } from '../../src/tracking/metrics/score.ts';
import { baseScenario, diskFiles, fixtures, load, repo } from './helpers.ts';

describe('YAML and JSON forms', () => {
  it('the default scenario as YAML and as JSON loads to identical typed objects', () => {
    const yamlText = readFileSync(join(repo, 'scenarios', 'default.yaml'), 'utf8');
    const jsonText = JSON.stringify(parse(yamlText), null, 2);
    const fromYaml = loadScenarioText(yamlText, { source: 'default.yaml' });
    const fromJson = loadScenarioText(jsonText, { source: 'default.json' });
    expect(fromJson).toEqual(fromYaml);
  });

  it('any valid variation loads to identical objects from YAML and JSON (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4294967295 }),
        fc.double({ min: 150, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 180, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 7200 }),
        (seed, altitudeKm, inclinationDeg, planes, perPlane, durationS) => {
          const s = baseScenario();
          s.seed = seed;
          s.time.durationS = durationS;
          s.time.stepS = Math.min(30, durationS);
          s.threats = [];
          s.constellations[1] = { ...s.constellations[1], altitudeKm, inclinationDeg, total: planes * perPlane, planes, phasing: planes - 1 };
          s.raids = [
            {
              id: 'r',
              count: 3,
              vehicles: ['mrbm', 'df-17'],
              launchArea: { box: { southDeg: 25, northDeg: 28, westDeg: 114, eastDeg: 117 } },
              aimArea: { circle: { latDeg: 33.16, lonDeg: 129.72, radiusKm: 30 } },
              window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:00:01Z' },
            },
          ];
          const a = checkScenarioText(stringify(s), { format: 'yaml' });
          const b = checkScenarioText(JSON.stringify(s), { format: 'json' });
          expect(a.issues).toEqual([]);
          expect(b.scenario).toEqual(a.scenario);
        },
      ),
      { numRuns: 25, seed: 6 },
    );
  });

  it('JSON is recognised by a .json name or a leading brace; YAML otherwise', () => {
    const s = baseScenario();
    expect(checkScenarioText(JSON.stringify(s), {}).format).toBe('json');
    expect(checkScenarioText(stringify(s), { source: 'x.yml' }).format).toBe('yaml');
    expect(checkScenarioText(stringify(s), {}).format).toBe('yaml');
  });
});

describe('the typed scenario is SI', () => {
  it('converts units at the edge once: km to m, deg to rad, ISO text to Instants', () => {
    const s = baseScenario();
    s.sensors[0] = { id: 'wfov', type: 'steerable-ir', fieldOfRegard: { shape: 'cone', halfAngleDeg: 50 }, maxRangeKm: 4000, ifovUrad: 12, angularNoiseUrad: 7 };
    s.threats[0] = { id: 'b', vehicle: 'mrbm', launch: { latDeg: 26.5, lonDeg: 116 }, aim: { latDeg: 33.16, lonDeg: 129.72 }, launchTime: '2026-01-01T00:02:00Z', profile: 'lofted', apogeeKm: 700 };
    s.threats.push({ id: 'g', vehicle: 'df-17', launch: { latDeg: 25.8, lonDeg: 117.5 }, aim: { latDeg: 26.35, lonDeg: 127.77 }, launchTime: '2026-01-01T00:01:00Z', manoeuvres: [{ type: 's-turns', startS: 100, endS: 300, amplitudeDeg: 8, periodS: 60 }] });
    s.groundStations = [{ id: 'g', owner: 'USA', latDeg: 13.6, lonDeg: 144.86, altitudeKm: 0.2 }];
    const { scenario } = load(s);
    const start = parseIsoUtc('2026-01-01T00:00:00Z');
    expect(scenario.time.start).toBe(start);
    expect(scenario.time.end).toBe(start + 1800);
    expect(scenario.time.grid).toEqual({ start, stepS: 30, count: 61 });
    const design = scenario.constellations[0].design;
    expect(design.type === 'walker' && design.spec).toEqual({ pattern: 'star', inclination: 90 * DEG, total: 8, planes: 2, phasing: 1, altitude: 1200 * KM });
    expect(scenario.constellations[0].satellites[0].elements.inclination).toBe(90 * DEG);
    expect(scenario.constellations[0].satellites[0].elements.epoch).toBe(start);
    const sensor = scenario.sensors[0];
    expect(sensor.sensor.fieldOfRegard).toEqual({ shape: 'cone', halfAngle: 50 * DEG });
    expect(sensor.sensor.maxRange).toBe(4000 * KM);
    expect(sensor.sensor.ifov).toBeCloseTo(12e-6, 18);
    expect(sensor.angularNoise).toBeCloseTo(7e-6, 18);
    const [b, g] = scenario.threats;
    expect(b.request).toEqual({ id: 'b', launch: { lat: 26.5 * DEG, lon: 116 * DEG }, aim: { lat: 33.16 * DEG, lon: 129.72 * DEG }, launchTime: start + 120, profile: 'lofted', apogee: 700 * KM });
    expect(g.request.manoeuvres).toEqual([{ kind: 's-turns', start: 100, end: 300, amplitude: 8 * DEG, period: 60 }]);
    expect(g.request.profile).toBeUndefined();
    expect(scenario.groundStations[0]).toEqual({ id: 'g', owner: 'USA', location: { lat: 13.6 * DEG, lon: 144.86 * DEG, height: 200 }, minElevation: 5 * DEG });
    expect(scenario.regions[0]).toEqual({ id: 'theatre', area: { kind: 'box', southDeg: 20, northDeg: 40, westDeg: 112, eastDeg: 135 }, altitudes: [40 * KM], gridDeg: 2, minElevation: null });
  });

  it('fills the defaults: sensor noise from the pixel, figures from the tracking layer, the tracker', () => {
    const { scenario } = load(baseScenario());
    expect(scenario.sensors[0].angularNoise).toBeCloseTo(scenario.sensors[0].sensor.ifov / Math.sqrt(12), 18);
    expect(scenario.sensors[0].detectionThreshold).toBe(6);
    expect(scenario.figures.tracking).toEqual(DEFAULT_SCORE);
    expect(scenario.figures.coverage).toEqual({ folds: [1, 2], stereoAngle: 20 * DEG, regions: ['theatre'], step: 30, payload: null, targetIntensity: null });
    expect(scenario.figures.isrRevisit).toBeNull();
    expect(scenario.figures.additivity).toBe(true);
    expect(scenario.tracker).toEqual(DEFAULT_TRACKER_CONFIG);
    expect(scenario.propagator).toBe('sgp4');
    // Designed constellations take consecutive catalogue numbers from the analyst range.
    expect(scenario.satellites.map((x) => x.elements.catalogNumber)).toEqual(Array.from({ length: 14 }, (_, i) => String(80001 + i)));
  });

  it('a seed given to the loader (the CLI --seed) replaces the file\'s', () => {
    const { scenario } = load(baseScenario(), { seed: 99 });
    expect(scenario.seed).toBe(99);
  });

  it('builds custom vehicles from their preset with the changed figures in SI', () => {
    const s = baseScenario();
    s.vehicles = [{ id: 'long-glider', basedOn: 'htv-2', liftToDrag: 3.2, gliderMassKg: 1200, diveAngleDeg: 20, stages: [{ propellantKg: 30000, dryKg: 3000, ispS: 285, burnTimeS: 70 }] }];
    s.threats[0].vehicle = 'long-glider';
    const { scenario } = load(s);
    const v = scenario.threats[0].vehicle;
    expect(v.kind).toBe('glide');
    if (v.kind !== 'glide' || v.aero.model !== 'beta-ld') throw new Error('expected a beta-L/D glider');
    expect(v.name).toBe('long-glider');
    expect(v.aero.liftToDrag).toBe(3.2);
    expect(v.aero.ballisticCoefficient).toBe(13000);
    expect(v.gliderMass).toBe(1200);
    expect(v.diveAngle).toBe(20 * DEG);
    expect(v.booster.stages).toEqual([{ propellant: 30000, dry: 3000, isp: 285, burnTime: 70 }]);
    expect(scenario.vehicles.map((x) => x.id)).toEqual(['long-glider']);
  });

  it('reads element-set constellations relative to the scenario, as the format readers do', async () => {
    const { parseTleCatalogue } = await import('../../src/formats/tle-catalogue.ts');
    const s = baseScenario();
    s.constellations.push({ id: 'catalogue', type: 'element-sets', owner: 'GBR', file: 'three.tle', payloads: ['wfov'] });
    s.constellations.push({ id: 'omm', type: 'element-sets', owner: 'AUS', file: './vanguard-omm.json', payloads: ['wfov'], idPrefix: 'V' });
    const { scenario, warnings } = load(s, { baseDir: fixtures, files: diskFiles });
    const direct = parseTleCatalogue(readFileSync(join(fixtures, 'three.tle'), 'utf8'));
    const cat = scenario.constellations[2];
    expect(cat.satellites.map((x) => x.elements)).toEqual(direct.sets);
    expect(cat.satellites.map((x) => x.id)).toEqual(['catalogue-00005', 'catalogue-04632', 'catalogue-06251']);
    expect(cat.satellites.every((x) => x.owner === 'GBR' && x.payload === 'wfov')).toBe(true);
    expect(cat.design).toEqual({ type: 'element-sets', file: 'three.tle', path: join(fixtures, 'three.tle'), format: 'tle' });
    expect(scenario.constellations[3].satellites.map((x) => x.id)).toEqual(['V00005']);
    expect(scenario.nations).toEqual(['USA', 'JPN', 'GBR', 'AUS']);
    // The broken entry is kept out and said; stale epochs (1958-2025 sets for a 2026 scenario) too.
    expect(warnings.some((w) => /constellations\[2\]\.file \(three\.tle\): line 13 \(BROKEN\)/.test(w))).toBe(true);
    expect(warnings.some((w) => /constellations\[2\]\.file: 3 of 3 element sets have epochs more than 14 days/.test(w))).toBe(true);
  });
});
