import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_MEAN } from '../../src/bodies/earth.ts';
import { Random } from '../../src/math/random.ts';
import { DEG, KM } from '../../src/math/units.ts';
import { deriveSeed, drawPointIn, greatCircleAngle, insidePolygon } from '../../src/scenario/geometry.ts';
import type { Area } from '../../src/scenario/types.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectWithin } from '../helpers/miss.ts';
import { baseScenario, load } from './helpers.ts';

function raidScenario(count = 12, seed = 3) {
  const s = baseScenario();
  s.seed = seed;
  s.raids = [
    {
      id: 'west',
      count,
      vehicles: ['mrbm', 'df-17', 'srbm'],
      launchArea: { box: { southDeg: 25, northDeg: 28, westDeg: 114, eastDeg: 117 } },
      aimArea: { circle: { latDeg: 33.16, lonDeg: 129.72, radiusKm: 30 } },
      window: { start: '2026-01-01T00:02:00Z', end: '2026-01-01T00:12:00Z' },
      profile: 'depressed',
    },
  ];
  return s;
}

describe('raid generator', () => {
  it('draws N launches inside the areas and the window, vehicles in turn, ids numbered', () => {
    const { scenario } = load(raidScenario());
    const raid = scenario.threats.filter((t) => t.raid === 'west');
    expect(raid.map((t) => t.id)).toEqual(Array.from({ length: 12 }, (_, k) => `west-${String(k + 1).padStart(2, '0')}`));
    expect(raid.map((t) => t.vehicleId)).toEqual(Array.from({ length: 12 }, (_, k) => ['mrbm', 'df-17', 'srbm'][k % 3]));
    const start = parseIsoUtc('2026-01-01T00:02:00Z');
    for (const t of raid) {
      const { launch, aim, launchTime } = t.request;
      expect(launch.lat).toBeGreaterThanOrEqual(25 * DEG);
      expect(launch.lat).toBeLessThanOrEqual(28 * DEG);
      expect(launch.lon).toBeGreaterThanOrEqual(114 * DEG);
      expect(launch.lon).toBeLessThanOrEqual(117 * DEG);
      expect(greatCircleAngle(aim.lat, aim.lon, 33.16 * DEG, 129.72 * DEG) * EARTH_RADIUS_MEAN).toBeLessThanOrEqual(30 * KM + 1e-6);
      expect(launchTime - start).toBeGreaterThanOrEqual(0);
      expect(launchTime - start).toBeLessThanOrEqual(600);
      expect(Number.isInteger(launchTime - start)).toBe(true);
      expect(t.request.profile).toBe(t.vehicle.kind === 'ballistic' ? 'depressed' : undefined);
    }
    expect(scenario.raids[0].window.start).toBe(start);
  });

  it('is deterministic: the same seed gives the same raid, another seed another', () => {
    const a = load(raidScenario(6, 3)).scenario.threats;
    const b = load(raidScenario(6, 3)).scenario.threats;
    const c = load(raidScenario(6, 4)).scenario.threats;
    expect(b).toEqual(a);
    expect(c.map((t) => t.request.launch)).not.toEqual(a.map((t) => t.request.launch));
    // A stream of its own: adding a threat elsewhere in the file does not move the raid.
    const s = raidScenario(6, 3);
    s.threats.push({ ...s.threats[0], id: 'g2' });
    expect(load(s).scenario.threats.filter((t) => t.raid)).toEqual(a.filter((t) => t.raid));
  });

  it('streams of different labels and seeds differ', () => {
    expect(deriveSeed(1, 'raid:a')).not.toBe(deriveSeed(1, 'raid:b'));
    expect(deriveSeed(1, 'raid:a')).not.toBe(deriveSeed(2, 'raid:a'));
    expect(deriveSeed(1, 'raid:a')).toBe(deriveSeed(1, 'raid:a'));
  });
});

describe('points drawn uniformly by area', () => {
  const random = new Random(11);
  const draws = 4000;

  it('in a spherical cap: the mean of (1 - cos d) is half its largest value', () => {
    // Uniform by area on a cap of angular radius a: 1 - cos d is uniform on [0, 1 - cos a].
    const radius = 500 * KM;
    const area: Area = { kind: 'circle', centre: { lat: 40 * DEG, lon: 179.5 * DEG }, radius };
    const a = radius / EARTH_RADIUS_MEAN;
    let sum = 0;
    for (let k = 0; k < draws; k++) {
      const p = drawPointIn(area, random);
      if (!p) throw new Error('no point');
      const d = greatCircleAngle(p.lat, p.lon, 40 * DEG, 179.5 * DEG);
      expect(d).toBeLessThanOrEqual(a * (1 + 1e-12));
      expect(p.lon).toBeGreaterThanOrEqual(-Math.PI);
      expect(p.lon).toBeLessThan(Math.PI);
      sum += (1 - Math.cos(d)) / (1 - Math.cos(a));
    }
    // Standard error of the mean of a uniform variable: 1 / sqrt(12 n) = 0.0046; four of them.
    expectWithin(sum / draws, 0.5, 4 / Math.sqrt(12 * draws), '', 'mean of (1 - cos d) / (1 - cos a)');
  });

  it('in a box across the antimeridian: as many points north as south of the equal-area latitude', () => {
    const area: Area = { kind: 'box', south: 0, north: 60 * DEG, west: 170 * DEG, east: -170 * DEG };
    // Equal areas either side of sin(lat) = sin(60 deg) / 2.
    const split = Math.asin(Math.sin(60 * DEG) / 2);
    let north = 0;
    for (let k = 0; k < draws; k++) {
      const p = drawPointIn(area, random)!;
      expect(p.lon >= 170 * DEG || p.lon <= -170 * DEG).toBe(true);
      if (p.lat > split) north++;
    }
    // Binomial(n, 1/2): standard deviation sqrt(n) / 2 = 32; four of them.
    expectWithin(north, draws / 2, 4 * (Math.sqrt(draws) / 2), 'points', 'points north of the equal-area latitude');
  });

  it('in a polygon: every point inside', () => {
    const vertices = [
      { lat: 24 * DEG, lon: 122.5 * DEG },
      { lat: 34 * DEG, lon: 129 * DEG },
      { lat: 45 * DEG, lon: 146 * DEG },
      { lat: 30 * DEG, lon: 131.5 * DEG },
    ];
    for (let k = 0; k < 500; k++) {
      const p = drawPointIn({ kind: 'polygon', vertices }, random)!;
      expect(insidePolygon(vertices, p.lat, p.lon)).toBe(true);
    }
  });
});
