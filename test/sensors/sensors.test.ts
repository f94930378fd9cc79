import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_ROTATION_RATE, WGS84 } from '../../src/bodies/earth.ts';
import { InputError } from '../../src/math/errors.ts';
import { Random } from '../../src/math/random.ts';
import { DEG, KM } from '../../src/math/units.ts';
import {
  angularNoiseSigma,
  cumulativeDetection,
  detectionChance,
  drawDetection,
  drawFalseAlarmCount,
  falseAlarmProbability,
  falseAlarmRate,
  irradiance,
  probabilityOfDetection,
  slewTime,
  thresholdForFalseAlarmProbability,
} from '../../src/sensors/detection.ts';
import { coneMargin, elevationMargin, occlusionMargin, spaceBackgroundMargin, sunExclusionMargin } from '../../src/sensors/margins.ts';
import { erfc, normalCdf, normalQuantile } from '../../src/math/normal.ts';
import { sensorFromConfig } from '../../src/sensors/sensor-config.ts';
import { SensorModel } from '../../src/sensors/sensor-model.ts';
import { expectWithin } from '../helpers/miss.ts';

const R = WGS84.a;

/** Bisection for the Earth-central angle where f changes sign, f(lo) >= 0 > f(hi). */
function edge(f: (lambda: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A point in the equatorial plane at Earth-central angle lambda from the x axis, radius r. */
const eq = (r: number, lambda: number) => [r * Math.cos(lambda), r * Math.sin(lambda), 0] as const;

describe('margins against closed forms (references.md, spherical Earth in the equatorial plane where the ellipsoid is a circle of radius a)', () => {
  it('target above the surface seen past the limb at a grazing altitude: lambda = acos((R+hg)/(R+hs)) + acos((R+hg)/(R+ht))', () => {
    for (const [hs, ht, hg] of [
      [1000e3, 40e3, 20e3],
      [1200e3, 200e3, 0],
      [35786e3, 60e3, 30e3],
      [500e3, 500e3, 100e3],
    ]) {
      const expected = Math.acos((R + hg) / (R + hs)) + Math.acos((R + hg) / (R + ht));
      const got = edge((l) => occlusionMargin(R + hs, 0, 0, ...eq(R + ht, l), hg), 0, Math.PI);
      expectWithin(got / DEG, expected / DEG, 1e-9, 'deg', `limb angle hs=${hs / KM} ht=${ht / KM} hg=${hg / KM}`);
    }
  });

  it('Earth-central half-angle at a minimum elevation: lambda = 90 deg - e - eta, sin(eta) = R cos(e) / (R + h)', () => {
    for (const [h, eDeg] of [
      [500e3, 0],
      [1000e3, 10],
      [20200e3, 5],
      [35786e3, 30],
    ]) {
      const e = eDeg * DEG;
      const expected = Math.PI / 2 - e - Math.asin((R * Math.cos(e)) / (R + h));
      // Satellite on the x axis, ground point on the equator (up = geocentric radial there).
      const got = edge((l) => {
        const [x, y] = eq(R, l);
        return elevationMargin(Math.cos(l), Math.sin(l), 0, R + h - x, -y, 0, e);
      }, 0, Math.PI / 2);
      expectWithin(got / DEG, expected / DEG, 1e-9, 'deg', `half-angle h=${h / KM} e=${eDeg}`);
    }
  });

  it('a ground target is hidden exactly past its horizon (within the 1 m look-down clearance)', () => {
    const hs = 800e3;
    const horizon = Math.acos(R / (R + hs));
    const got = edge((l) => occlusionMargin(R + hs, 0, 0, ...eq(R, l), 0), 0, Math.PI);
    // 1 m of clearance moves the edge by about sqrt(2 m / R) = 0.032 deg.
    expectWithin(got / DEG, horizon / DEG, 0.04, 'deg', 'ground horizon');
    expect(got).toBeGreaterThan(horizon);
  });

  it('background: a target below the limb as seen is against the Earth, above it against space', () => {
    const hs = 1000e3;
    const ht = 100e3;
    // Target straight below: Earth behind.
    expect(spaceBackgroundMargin(R + hs, 0, 0, R + ht, 0, 0, 0)).toBeLessThan(0);
    // The switch happens where the extended line of sight grazes the surface: the target at the tangent point's far side.
    const tangent = Math.acos(R / (R + hs));
    const sw = edge((l) => -spaceBackgroundMargin(R + hs, 0, 0, ...eq(R + ht, l), 0), 0, tangent + Math.acos(R / (R + ht)));
    // Closed form: the target lies on the tangent line from the satellite; the near intersection of that line with radius R+ht.
    const expected = tangent - Math.acos(R / (R + ht));
    expectWithin(sw / DEG, expected / DEG, 1e-9, 'deg', 'Earth/space background switch');
  });

  it('cone and Sun exclusion margins are angles', () => {
    expectWithin(coneMargin(0, 0, 1, Math.sin(0.1), 0, Math.cos(0.1), 0.3), 0.2, 1e-15, 'rad');
    expectWithin(sunExclusionMargin(1, 0, 0, Math.cos(0.5), Math.sin(0.5), 0, 0.2), 0.3, 1e-15, 'rad');
  });
});

describe('normal distribution', () => {
  it('matches published values (Abramowitz & Stegun table 26.1; erfc tables)', () => {
    const table: Array<[number, number]> = [
      [0, 0.5],
      [1, 0.8413447460685429],
      [2, 0.9772498680518208],
      [-3, 0.0013498980316301],
      [3.5, 0.9997673709209645],
      [-6, 9.865876450376946e-10],
    ];
    for (const [x, p] of table) expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-12);
    expect(Math.abs(erfc(0.5) - 0.4795001221869535)).toBeLessThan(1e-15);
    expect(Math.abs(erfc(3) / 2.209049699858544e-5 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(erfc(5) / 1.537459794428035e-12 - 1)).toBeLessThan(1e-12);
  });

  it('the quantile inverts the distribution (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-14, max: 1 - 1e-12, noNaN: true }), (p) => {
        const x = normalQuantile(p);
        expect(Math.abs(normalCdf(x) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('detection', () => {
  const sensor = sensorFromConfig({ type: 'staring-ir', noiseEquivalentIrradianceWPerM2: 1e-12, pixelsPerFrame: 1000000, frameTimeS: 0.1 });

  it('follows the inverse square law and the Gaussian threshold test', () => {
    expectWithin(irradiance(1e4, 2000e3), 1e4 / 4e12, 1e-24, 'W/m^2');
    const k = thresholdForFalseAlarmProbability(1e-6);
    expectWithin(falseAlarmProbability(k), 1e-6, 1e-15, '', 'Pfa round trip');
    expectWithin(probabilityOfDetection(k, k), 0.5, 1e-15, '', 'Pd at SNR = threshold');
    expectWithin(probabilityOfDetection(k + 1, k), 0.8413447460685429, 1e-12, '', 'Pd one sigma above');
    // 1e6 pixels at 10 frames per second, 1e-6 per pixel: 10 false alarms per second.
    expectWithin(falseAlarmRate(sensor, k), 10, 1e-9, '/s');
    const chance = detectionChance(sensor, 1e4, 2000e3, k);
    expectWithin(chance.snr, 1e4 / 4e12 / 1e-12, 1e-9, '', 'SNR');
    expectWithin(cumulativeDetection(0.5, 3), 0.875, 1e-15, '');
    expectWithin(angularNoiseSigma(sensor), 50e-6 / Math.sqrt(12), 1e-18, 'rad');
  });

  it('draws are deterministic under a seed and have the right frequencies', () => {
    const a = new Random(7);
    const b = new Random(7);
    const drawsA = Array.from({ length: 50 }, () => drawDetection(0.3, a));
    const drawsB = Array.from({ length: 50 }, () => drawDetection(0.3, b));
    expect(drawsA).toEqual(drawsB);
    const r = new Random(11);
    const n = 20000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (drawDetection(0.3, r)) hits++;
    // Binomial: 5 sigma = 5 sqrt(n p (1-p)) = 324.
    expect(Math.abs(hits - 0.3 * n)).toBeLessThan(324);
    let total = 0;
    for (let i = 0; i < 2000; i++) total += drawFalseAlarmCount(10, 0.5, r);
    // Poisson mean 5 per draw: 2000 draws, 5 sigma = 5 sqrt(10000) = 500.
    expect(Math.abs(total - 10000)).toBeLessThan(500);
  });

  it('slew time of a cued sensor is angle / rate + settle; staring sensors never slew', () => {
    const cued = sensorFromConfig({ type: 'steerable-ir', slewRateDegPerS: 2, settleTimeS: 0.5 });
    expectWithin(slewTime(cued, 10 * DEG), 5.5, 1e-12, 's');
    expect(slewTime(sensor, 10 * DEG)).toBe(0);
  });

  it('rejects detection without a noise figure, naming it', () => {
    const eo = sensorFromConfig({ type: 'eo-imager' });
    expect(() => detectionChance(eo, 1, 1, 3)).toThrow(/noiseEquivalentIrradianceWPerM2/);
    expect(() => thresholdForFalseAlarmProbability(0)).toThrow(/falseAlarmProbability.*got 0/);
  });
});

describe('sensor configuration: bad input names the field and the value', () => {
  const rejects = (config: unknown, field: string, value: string) => {
    try {
      sensorFromConfig(config);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
      expect((error as Error).message).toContain(value);
      return;
    }
    expect.fail(`accepted ${JSON.stringify(config)}`);
  };
  it('unknown sensor types', () => rejects({ type: 'laser-radar' }, 'sensor.type', '"laser-radar"'));
  it('fields of view outside (0, 180) degrees', () => {
    rejects({ type: 'staring-ir', fieldOfRegard: { shape: 'cone', halfAngleDeg: 0 } }, 'sensor.fieldOfRegard.halfAngleDeg', '0');
    rejects({ type: 'staring-ir', fieldOfRegard: { shape: 'cone', halfAngleDeg: 180 } }, 'sensor.fieldOfRegard.halfAngleDeg', '180');
    rejects({ type: 'steerable-ir', fieldOfView: { shape: 'rectangle', widthDeg: 200, heightDeg: 10 } }, 'sensor.fieldOfView.widthDeg', '200');
    rejects({ type: 'eo-imager', maxOffNadirDeg: -5 }, 'sensor.maxOffNadirDeg', '-5');
  });
  it('other values and keys', () => {
    rejects({ type: 'staring-ir', maxRangeKm: -1 }, 'sensor.maxRangeKm', '-1');
    rejects({ type: 'staring-ir', frameTimeS: 'fast' }, 'sensor.frameTimeS', '"fast"');
    rejects({ type: 'staring-ir', apertureMm: 3 }, 'sensor', 'apertureMm');
    rejects({ type: 'staring-ir', pointing: 'lvlh' }, 'sensor.lvlhDirection', 'undefined');
  });
  it('converts edge units once', () => {
    const s = sensorFromConfig({ type: 'steerable-ir', maxOffNadirDeg: 50, maxRangeKm: 4000, minGrazingAltitudeKm: 20, bandUm: [2.7, 2.95] });
    expect(s.fieldOfRegard).toEqual({ shape: 'cone', halfAngle: 50 * DEG });
    expect(s.maxRange).toBe(4000 * KM);
    expect(s.minGrazingAltitude).toBe(20 * KM);
    expectWithin(s.band!.min, 2.7e-6, 1e-20, 'm');
  });
});

describe('sensor model', () => {
  it('a rectangular field about nadir is bounded by its half-width along track and half-height across', () => {
    const s = sensorFromConfig({ type: 'staring-ir', fieldOfRegard: { shape: 'rectangle', widthDeg: 20, heightDeg: 10 } });
    const m = new SensorModel(s);
    const r = R + 1000e3;
    // Satellite over the equator moving north (+z) at x = r in inertial terms (the ITRF velocity
    // lacks omega x r): LVLH x (along track) is +z, z nadir is -x.
    m.prepare(r, 0, 0, 0, -EARTH_ROTATION_RATE * r, 7000);
    const look = (along: number, across: number) => {
      // Direction from nadir tilted by angles in the (x, z) and (y, z) planes of LVLH; a far point on that line.
      const d = [-1, 0, 0];
      const ta = Math.tan(along);
      const tc = Math.tan(across);
      const ex = [0, 0, 1]; // along track
      const ey = [0, 1, 0]; // y_LVLH = -h/|h|, h = r x v = (r,0,0) x (0,~,7000)
      const hy = -(r * 7000) / Math.abs(r * 7000);
      const v = [d[0] + ta * ex[0] + tc * ey[0] * hy, d[1] + ta * ex[1] + tc * ey[1] * hy, d[2] + ta * ex[2] + tc * ey[2] * hy];
      const n = Math.hypot(...v);
      return m.marginsByCondition(r + (500e3 * v[0]) / n, (500e3 * v[1]) / n, (500e3 * v[2]) / n, 0, 0, 0).fieldOfRegard;
    };
    expectWithin(look(9 * DEG, 0), 1 * DEG, 1e-9, 'rad', 'along track inside by 1 deg');
    expectWithin(look(0, 6 * DEG), -1 * DEG, 1e-9, 'rad', 'across track outside by 1 deg');
  });
});
