import { inflateSync } from 'node:zlib';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { stateTableSource } from '../../src/access/trajectory.ts';
import { sunPositionItrf } from '../../src/bodies/sun.ts';
import { register as registerAccess, runAccess } from '../../src/cli/commands/access.ts';
import { register as registerCoverage, runCoverage, runCoverageAsync } from '../../src/cli/commands/coverage.ts';
import { encodePng } from '../../src/cli/png.ts';
import { isrRevisit } from '../../src/coverage/isr.ts';
import { globalEqualAreaGrid } from '../../src/coverage/grid.ts';
import { coverageMapRaster, coverageMapSvg } from '../../src/coverage/map.ts';
import { elevationMargin } from '../../src/sensors/margins.ts';
import { InputError } from '../../src/math/errors.ts';
import { DEG } from '../../src/math/units.ts';
import { sensorFromConfig } from '../../src/sensors/sensor-config.ts';
import { upVector, geodeticToItrf } from '../../src/frames/geodetic.ts';
import { timeGrid } from '../../src/time/grid.ts';
import type { Instant } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { type CircularOrbit, circularStateTable, walkerOrbits } from './circular-orbits.ts';

const t0 = parseIsoUtc('2026-03-01T00:00:00Z');
const sun = (t: Instant, out: Float64Array) => sunPositionItrf(t, undefined, out);

describe('ISR revisit', () => {
  it("an IGS-like constellation (four optical, four radar, ~490 km sun-synchronous) looks at Tokyo a few times a day (press: about twice a day)", () => {
    // Right ascension of the Sun on 1 March 2026 is about 22 h 45 min (341 deg): optical planes
    // cross the equator southbound at 10:30 local time, radar planes at dawn and dusk.
    const sunRa = 341 * DEG;
    const inc = 97.3 * DEG;
    const h = 490e3;
    const optical: CircularOrbit[] = [0, 1, 2, 3].map((k) => ({ altitude: h, inclination: inc, raan: sunRa + (22.5 - 12) * 15 * DEG + (k % 2) * 30 * DEG, argumentOfLatitude: k * 1.7 }));
    const radar: CircularOrbit[] = [0, 1, 2, 3].map((k) => ({ altitude: h, inclination: inc, raan: sunRa + (18 - 12) * 15 * DEG + (k % 2) * 30 * DEG, argumentOfLatitude: k * 2.3 }));
    const days = 2;
    const grid = timeGrid(t0, days * 86400, 60);
    const table = circularStateTable([...optical, ...radar], grid);
    const eo = sensorFromConfig({ type: 'eo-imager', maxOffNadirDeg: 30 });
    const sar = sensorFromConfig({ type: 'radar-imager', maxOffNadirDeg: 45 });
    const sats = [...optical, ...radar].map((_, i) => ({ id: i < 4 ? `IGS-O${i}` : `IGS-R${i - 4}`, source: stateTableSource(table, i), sensor: i < 4 ? eo : sar }));
    const [tokyo] = isrRevisit(sats, [{ name: 'Tokyo', latDeg: 35.68, lonDeg: 139.77 }], { start: t0, end: (t0 + days * 86400) as Instant, step: 10, minElevation: 0, sunPosition: sun });
    // A sanity envelope, not a tight oracle.
    expect(tokyo.looksPerDay).toBeGreaterThanOrEqual(1);
    expect(tokyo.looksPerDay).toBeLessThanOrEqual(10);
    expect(tokyo.maxRevisitS).toBeLessThan(86400);
    // Every optical look is in daylight: the Sun at least 10 deg up at Tokyo when it starts.
    const site = geodeticToItrf({ lat: 35.68 * DEG, lon: 139.77 * DEG, height: 0 });
    const up = upVector(35.68 * DEG, 139.77 * DEG);
    const s = new Float64Array(3);
    const opticalLooks = tokyo.looks.filter((l) => l.satellite.startsWith('IGS-O'));
    expect(opticalLooks.length).toBeGreaterThan(0);
    for (const look of opticalLooks) {
      sun(look.start, s);
      expect(elevationMargin(up[0], up[1], up[2], s[0] - site[0], s[1] - site[1], s[2] - site[2], 10 * DEG)).toBeGreaterThanOrEqual(-1e-6);
    }
    // Radar looks need no light: some happen with the Sun down.
    const dark = tokyo.looks.filter((l) => {
      sun(((l.start + l.end) / 2) as Instant, s);
      return l.satellite.startsWith('IGS-R') && elevationMargin(up[0], up[1], up[2], s[0] - site[0], s[1] - site[1], s[2] - site[2], 0) < 0;
    });
    expect(dark.length).toBeGreaterThan(0);
  });
});

describe('maps', () => {
  const grid = globalEqualAreaGrid(5);
  const values = Float64Array.from({ length: grid.count }, (_, i) => (grid.latDeg[i] + 90) / 1.8);
  it('SVG has the cells, a graticule and a legend with the unit', () => {
    const svg = coverageMapSvg(grid, values, { title: 'test & map', unit: '%', min: 0, max: 100 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('test &amp; map');
    expect(svg).toContain('100%');
    expect(svg).toContain('<line');
    expect((svg.match(/<rect/g) ?? []).length).toBeGreaterThan(36);
  });
  it('the raster encodes to a PNG that inflates back to the pixels', () => {
    const r = coverageMapRaster(grid, values, { title: 't', unit: '%', min: 0, max: 100, width: 360 });
    const png = encodePng(r.width, r.height, r.rgba);
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer);
    expect(view.getUint32(16)).toBe(r.width);
    expect(view.getUint32(20)).toBe(r.height);
    const idatLength = view.getUint32(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(r.height * (1 + 4 * r.width));
    expect(Array.from(raw.subarray(1 + 4 * 100, 1 + 4 * 101))).toEqual(Array.from(r.rgba.subarray(4 * 100, 4 * 101)));
    // Cold south, warm north: the scale runs dark to bright.
    const px = (x: number, y: number) => r.rgba[(y * r.width + x) * 4 + 1];
    expect(px(200, 45)).toBeGreaterThan(px(200, 40 + 170));
  });
});

describe('tracklayer coverage and access (command cores)', () => {
  const grid = timeGrid(t0, 3 * 3600, 300);
  const orbits = [...walkerOrbits(12, 3, 1, 60 * DEG, 1000e3), ...walkerOrbits(8, 2, 1, 90 * DEG, 1200e3, 'star')];
  const table = circularStateTable(orbits, grid);
  const owners = orbits.map((_, i) => (i < 12 ? 'USA' : 'JPN'));

  it('prints the folds asked with their documented keys', () => {
    const run = runCoverage(table, owners, { gridAltitudeKm: 40, gridDeg: 5, fold: '1,2', maxOffNadirDeg: 50, stereoDeg: 20 }, { sunPosition: sun });
    const folds = run.json.folds as Array<Record<string, number>>;
    expect(folds.map((f) => f.fold)).toEqual([1, 2]);
    for (const key of ['meanPercentCovered', 'minPercentCovered', 'percentPointsAlwaysCovered', 'maxGapS', 'meanGapS', 'meanResponseS', 'meanRevisitS']) expect(key in folds[0]).toBe(true);
    expect(folds[0].meanPercentCovered).toBeGreaterThanOrEqual(folds[1].meanPercentCovered);
    expect(folds[0].minPercentCovered).toBeLessThanOrEqual(folds[0].meanPercentCovered);
    expect(run.text).toContain('fold');
    const japan = runCoverage(table, owners, { gridAltitudeKm: 40, gridDeg: 5, fold: '1', maxOffNadirDeg: 50, owners: 'JPN' });
    expect((japan.json.folds as Array<Record<string, number>>)[0].meanPercentCovered).toBeLessThan(folds[0].meanPercentCovered);
    const svg = runCoverage(table, owners, { gridDeg: 10, map: 'x.svg' });
    expect(svg.map?.svg).toContain('<svg');
  });

  it('rejects bad options naming the option and the value', () => {
    const bad = (options: Record<string, unknown>, pattern: RegExp) => expect(() => runCoverage(table, owners, options)).toThrow(pattern);
    bad({ fold: '0' }, /^--fold: .*"0"/);
    bad({ sensor: 'sonar' }, /^sensor\.type: .*"sonar"/);
    bad({ maxOffNadirDeg: 190 }, /^sensor\.maxOffNadirDeg: .*190/);
    bad({ region: 'box:5,5,0,1' }, /^--region: /);
    bad({ gridAltitudeKm: 40, minElevationDeg: 10 }, /^--min-elevation-deg: .*10/);
    bad({ map: 'map.gif' }, /^--map: .*"map.gif"/);
    bad({ owners: 'FRA' }, /^owners: .*FRA/);
    expect(() => runAccess(table, {})).toThrow(InputError);
    expect(() => runAccess(table, { site: '95,0' })).toThrow(/^--site: .*"95,0"/);
    expect(() => runAccess(table, { crosslinks: true, sampleS: 1e6 })).toThrow(/^--sample-s: /);
  });

  it('--workers splits the run over threads and prints the same figures; bad counts are rejected naming the option', async () => {
    const options = { gridAltitudeKm: 40, gridDeg: 6, fold: '1,2', maxOffNadirDeg: 50, stereoDeg: 25 };
    const one = runCoverage(table, owners, options);
    const two = await runCoverageAsync(table, owners, { ...options, workers: 2 });
    expect(two.json).toEqual(one.json);
    expect(two.text).toBe(one.text);
    for (const workers of [0, 1.5, 1000]) await expect(runCoverageAsync(table, owners, { ...options, workers })).rejects.toThrow(new RegExp(`^--workers: .*${workers}`));
  });

  it('access lists intervals for a site and for crosslinks', () => {
    const site = runAccess(table, { site: '35.68,139.77', minElevationDeg: 10 });
    expect(site.rows.length).toBeGreaterThan(0);
    for (const r of site.rows) expect(r.end >= r.start).toBe(true);
    const links = runAccess(table.nObjects > 3 ? circularStateTable(orbits.slice(0, 3), grid) : table, { crosslinks: true });
    expect(links.rows.every((r) => r.from !== r.to)).toBe(true);
  });

  it('registers both commands with the options the issue names', () => {
    const program = new Command();
    registerCoverage(program);
    registerAccess(program);
    const coverage = program.commands.find((c) => c.name() === 'coverage')!;
    const flags = coverage.options.map((o) => o.long);
    for (const f of ['--grid-altitude-km', '--grid-deg', '--region', '--step', '--duration', '--min-elevation-deg', '--grazing-altitude-km', '--max-off-nadir-deg', '--sensor', '--fold', '--owners', '--map', '--json', '--workers']) expect(flags).toContain(f);
    expect(program.commands.find((c) => c.name() === 'access')).toBeDefined();
  });
});
