import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { formatIssue } from '../../src/scenario/issues.ts';
import { type LoadScenarioOptions, checkScenarioText } from '../../src/scenario/load.ts';

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
export const fixtures = join(here, 'fixtures');
export const diskFiles = { read: (path: string) => readFileSync(path, 'utf8') };

/** A small valid scenario as a plain object; each test breaks one part of a fresh copy. */
export function baseScenario(): Record<string, any> {
  return {
    name: 'test scenario',
    seed: 42,
    time: { start: '2026-01-01T00:00:00Z', durationS: 1800, stepS: 30 },
    sensors: [{ id: 'wfov', type: 'staring-ir' }],
    constellations: [
      { id: 'us', type: 'walker', owner: 'USA', pattern: 'star', inclinationDeg: 90, total: 8, planes: 2, phasing: 1, altitudeKm: 1200, payloads: ['wfov'] },
      { id: 'jp', type: 'walker', owner: 'JPN', inclinationDeg: 45, total: 6, planes: 3, phasing: 1, altitudeKm: 1000, payloads: ['wfov'] },
    ],
    threats: [
      { id: 'g1', vehicle: 'df-17', launch: { latDeg: 25.8, lonDeg: 117.5 }, aim: { latDeg: 26.35, lonDeg: 127.77 }, launchTime: '2026-01-01T00:01:00Z' },
    ],
    regions: [{ id: 'theatre', box: { southDeg: 20, northDeg: 40, westDeg: 112, eastDeg: 135 }, altitudesKm: [40], gridDeg: 2 }],
  };
}

/** The formatted problems of a scenario given as an object (written as JSON, or YAML with `yaml: true`). */
export function problems(document: unknown, options: LoadScenarioOptions & { yaml?: boolean } = {}): string[] {
  const text = options.yaml ? stringify(document) : JSON.stringify(document, null, 2);
  const check = checkScenarioText(text, { format: options.yaml ? 'yaml' : 'json', files: diskFiles, baseDir: fixtures, ...options });
  return check.issues.map(formatIssue);
}

/** Loads a scenario object that must be valid. */
export function load(document: unknown, options: LoadScenarioOptions = {}) {
  const check = checkScenarioText(JSON.stringify(document), { format: 'json', files: diskFiles, baseDir: fixtures, ...options });
  if (!check.scenario) throw new Error(`expected a valid scenario:\n${check.issues.map(formatIssue).join('\n')}`);
  return { scenario: check.scenario, warnings: check.warnings };
}
