import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { atmosphericDensity, speedOfSound, standardAtmosphere } from '../../src/bodies/atmosphere.ts';
import { InputError } from '../../src/math/errors.ts';
import { expectWithin } from '../helpers/miss.ts';

const here = dirname(fileURLToPath(import.meta.url));
const csvPath = resolve(here, '../reference-data/atmosphere/us-standard-1976-2km.csv');
const rows = readFileSync(csvPath, 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('altitude'))
  .map((l) => l.split(',').map(Number));

describe('U.S. Standard Atmosphere 1976 against the PDAS table (-2 to 86 km)', () => {
  it('reads the whole reference table', () => {
    expect(rows.length).toBe(45);
  });

  it('matches density within 0.2 % and temperature within 0.1 K at every row', () => {
    for (const [altKm, densityRatio, , , temperatureK, pressurePa, , soundMps] of rows) {
      const s = standardAtmosphere(altKm * 1000);
      // The ratio column carries five digits, the absolute density only four.
      const rho = densityRatio * 1.225;
      expectWithin(s.density / rho - 1, 0, 0.002, '(relative)', `density at ${altKm} km`);
      expectWithin(s.temperature, temperatureK, 0.1, 'K', `temperature at ${altKm} km`);
      expectWithin(s.pressure / pressurePa - 1, 0, 0.002, '(relative)', `pressure at ${altKm} km`);
      expectWithin(s.speedOfSound, soundMps, 0.1, 'm/s', `speed of sound at ${altKm} km`);
    }
  });

  it('gives the same numbers on the fast paths', () => {
    for (let h = -4000; h <= 1_200_000; h += 7_321) {
      const s = standardAtmosphere(h);
      expect(atmosphericDensity(h)).toBeCloseTo(s.density, 15);
      expect(speedOfSound(h)).toBeCloseTo(s.speedOfSound, 9);
    }
  });
});

describe('the atmosphere above 86 km', () => {
  it('is continuous at 86 km', () => {
    const below = standardAtmosphere(86000 - 1e-3);
    const above = standardAtmosphere(86000 + 1e-3);
    expectWithin(above.density / below.density - 1, 0, 1e-6, '(relative)', 'density jump');
    expectWithin(above.temperature, below.temperature, 0.01, 'K', 'temperature jump');
  });

  it('follows the 1976 kinetic temperature to its 1,000 K exosphere', () => {
    // Closed-form points of the standard: 110 km = 240 K, 120 km = 360 K, T -> 1000 K high up.
    expectWithin(standardAtmosphere(110_000).temperature, 240, 0.01, 'K', 'T(110 km)');
    expectWithin(standardAtmosphere(120_000).temperature, 360, 0.01, 'K', 'T(120 km)');
    expectWithin(standardAtmosphere(1_000_000).temperature, 1000, 0.5, 'K', 'T(1000 km)');
  });

  it('falls monotonically to 1,000 km and beyond, within 50 % of an independent model (CIRA-72 via Vallado) between the standard\'s nodes', () => {
    let last = Number.POSITIVE_INFINITY;
    for (let h = 86_000; h <= 1_500_000; h += 1000) {
      const rho = atmosphericDensity(h);
      expect(rho).toBeLessThan(last);
      last = rho;
    }
    // Vallado, Fundamentals of Astrodynamics and Applications, Table 8-4 (exponential model nominal densities).
    const other: [number, number][] = [
      [140, 3.845e-9],
      [350, 9.518e-12],
      [450, 1.585e-12],
      [1000, 3.019e-15],
    ];
    for (const [km, rho] of other) {
      const ratio = atmosphericDensity(km * 1000) / rho;
      expect(ratio, `density ratio at ${km} km`).toBeGreaterThan(1 / 1.5);
      expect(ratio, `density ratio at ${km} km`).toBeLessThan(1.5);
    }
  });
});

describe('atmosphere input', () => {
  it('rejects non-finite and deep-underground altitudes, naming the field and value', () => {
    expect(() => standardAtmosphere(Number.NaN)).toThrow(InputError);
    expect(() => standardAtmosphere(Number.NaN)).toThrow(/altitude: .*NaN/);
    expect(() => standardAtmosphere(-6000)).toThrow(/altitude: .*-6000/);
  });
});
