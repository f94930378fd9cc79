/**
 * The tracker on the real digital twin: flights from src/threats (a DF-17-class glide and an
 * SRBM) seen by a Walker layer propagated with SGP4 in ITRF, through the src/sensors model
 * (Earth limb, Sun exclusion, signal-to-noise detection). References computed here by second
 * methods: truth straight from the trajectory, occlusion against a sphere, the Sun angle, and
 * the expected detection count from Pd = Phi(SNR - k) summed over every visible frame.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WGS84, WGS84_B } from '../../src/bodies/earth.ts';
import { sunPositionItrf } from '../../src/bodies/sun.ts';
import { parseWalkerSpec, walkerConstellation } from '../../src/constellations/walker.ts';
import { Random } from '../../src/math/random.ts';
import { normalCdf } from '../../src/math/normal.ts';
import { DEG } from '../../src/math/units.ts';
import { propagateSgp4 } from '../../src/orbits/sgp4/bulk.ts';
import { sensorFromConfig } from '../../src/sensors/sensor-config.ts';
import type { Sensor } from '../../src/sensors/sensor.ts';
import { type Trajectory, flyThreat, radiantIntensityToward, stateAt, threatPreset } from '../../src/threats/index.ts';
import type { Instant } from '../../src/time/instant.ts';
import { timeGrid } from '../../src/time/grid.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { scoreTracks } from '../../src/tracking/metrics/score.ts';
import { SPEED_OF_LIGHT } from '../../src/tracking/measurement.ts';
import { satelliteLayer, satelliteSensor } from '../../src/tracking/simulation/satellite-sensor.ts';
import type { SimSensor } from '../../src/tracking/simulation/sensors.ts';
import { simulateAll } from '../../src/tracking/simulation/simulate.ts';
import { trajectoryTarget } from '../../src/tracking/simulation/threat-target.ts';
import { trackAll } from '../../src/tracking/tracker.ts';
import type { Report } from '../../src/tracking/types.ts';
import { expectWithin } from '../helpers/miss.ts';

const LAUNCH = parseIsoUtc('2026-03-01T03:00:00Z');
const sun = (t: Instant, out: Float64Array) => sunPositionItrf(t, undefined, out);

/** A 24-satellite Walker layer at 1,000 km over the window, ITRF from SGP4 every 30 s. */
function layerTable(start: Instant, durationS: number) {
  const sats = walkerConstellation(parseWalkerSpec('53:24/3/1@1000km'), { epoch: start, owner: 'USA', constellation: 'W', raanOffsetDeg: 60 });
  return propagateSgp4(sats.map((s) => s.elements), timeGrid((start - 60) as Instant, durationS + 120, 30), { frame: 'ITRF', ids: sats.map((s) => s.id) });
}

function staringSensor(neiWPerM2: number): Sensor {
  return sensorFromConfig({ type: 'staring-ir', id: 'sir', noiseEquivalentIrradianceWPerM2: neiWPerM2, frameTimeS: 1, minGrazingAltitudeKm: 20, sunExclusionDeg: 10 });
}

/** Angle (rad) between a report's line of sight and the light-time-corrected direction to the truth. */
function angularMiss(traj: Trajectory, r: Report): number {
  const s = r.sensorPosition;
  const now = stateAt(traj, r.t);
  const tau = Math.hypot(now[0] - s[0], now[1] - s[1], now[2] - s[2]) / SPEED_OF_LIGHT;
  const then = stateAt(traj, (r.t - tau) as Instant);
  const d = [then[0] - s[0], then[1] - s[1], then[2] - s[2]];
  const n = Math.hypot(d[0], d[1], d[2]);
  const u = r.lineOfSight;
  const c = (d[0] * u[0] + d[1] * u[1] + d[2] * u[2]) / n;
  const cx = (d[1] * u[2] - d[2] * u[1]) / n;
  const cy = (d[2] * u[0] - d[0] * u[2]) / n;
  const cz = (d[0] * u[1] - d[1] * u[0]) / n;
  return Math.atan2(Math.hypot(cx, cy, cz), c);
}

/** Least distance (m) from the Earth's centre of the segment sensor -> target. */
function segmentClearance(s: ArrayLike<number>, p: ArrayLike<number>): number {
  const d = [p[0] - s[0], p[1] - s[1], p[2] - s[2]];
  const dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  const u = Math.min(1, Math.max(0, -(s[0] * d[0] + s[1] * d[1] + s[2] * d[2]) / dd));
  return Math.hypot(s[0] + u * d[0], s[1] + u * d[1], s[2] + u * d[2]);
}

/** Checks every target report against the truth and the viewing conditions, by methods independent of the simulator. */
function checkReports(traj: Trajectory, reports: Report[], objectOf: Map<string, string | null>, sensor: Sensor) {
  const mine = reports.filter((r) => objectOf.get(r.id) === traj.id);
  let sumSq = 0;
  let worst = 0;
  const sunDir = new Float64Array(3);
  for (const r of mine) {
    const miss = angularMiss(traj, r) / r.sigma;
    sumSq += miss * miss;
    worst = Math.max(worst, miss);
    const truth = stateAt(traj, r.t);
    // Occlusion is decided where the ellipsoid is a sphere of radius a; in real space that clears b + g b / a.
    const clearance = segmentClearance(r.sensorPosition, truth) - (WGS84_B + (sensor.minGrazingAltitude * WGS84_B) / WGS84.a);
    expect(clearance, `report ${r.id}: line of sight below the grazing altitude by ${-clearance} m`).toBeGreaterThan(-1);
    sunPositionItrf(r.t, undefined, sunDir);
    const l = [truth[0] - r.sensorPosition[0], truth[1] - r.sensorPosition[1], truth[2] - r.sensorPosition[2]];
    const q = [sunDir[0] - r.sensorPosition[0], sunDir[1] - r.sensorPosition[1], sunDir[2] - r.sensorPosition[2]];
    const cos = (l[0] * q[0] + l[1] * q[1] + l[2] * q[2]) / (Math.hypot(l[0], l[1], l[2]) * Math.hypot(q[0], q[1], q[2]));
    expect(Math.acos(Math.min(1, cos)), `report ${r.id} looks within the Sun exclusion`).toBeGreaterThan(sensor.sunExclusionAngle);
  }
  // Two independent normal angles per report: the squared miss in sigmas is chi-square with 2 dof.
  return { count: mine.length, meanSq: sumSq / mine.length, worst };
}

/** Expected detections of a target: Phi(SNR - k) summed over every frame of every sensor that can see it. */
function expectedDetections(traj: Trajectory, sensors: SimSensor[], sensor: Sensor, threshold: number, start: number, durationS: number) {
  const s = new Float64Array(3);
  let sum = 0;
  let variance = 0;
  for (const sim of sensors) {
    for (let t = start + sim.phase; t < start + durationS; t += sim.frameTime) {
      if (!sim.positionAt(t as Instant, s)) continue;
      const p = stateAt(traj, t as Instant);
      if (!sim.canSee(s, p.subarray(0, 3), t as Instant)) continue;
      const range = Math.hypot(p[0] - s[0], p[1] - s[1], p[2] - s[2]);
      const snr = radiantIntensityToward(traj, t as Instant, s, sensor.band!) / (range * range) / sensor.noiseEquivalentIrradiance!;
      const pd = normalCdf(snr - threshold);
      sum += pd;
      variance += pd * (1 - pd);
    }
  }
  return { sum, sigma: Math.sqrt(variance) };
}

describe('tracking on the digital twin (src/threats flights, SGP4 Walker layer, src/sensors detection)', () => {
  describe('a DF-17-class glide, signal-to-noise detection', () => {
    const traj = flyThreat(threatPreset('df-17'), { launch: { lat: 30 * DEG, lon: 115 * DEG }, aim: { lat: 32 * DEG, lon: 133 * DEG }, launchTime: LAUNCH, id: 'DF17' });
    // Three minutes of the glide phase.
    const start = (LAUNCH + 270) as Instant;
    const durationS = 180;
    const sensor = staringSensor(1e-12);
    const threshold = 5;
    const table = layerTable(start, durationS);
    const sensors = satelliteLayer({ table, sensor, sunPosition: sun, threshold, random: new Random(7) });
    let sim: ReturnType<typeof simulateAll>;
    beforeAll(() => {
      sim = simulateAll({ sensors, targets: [trajectoryTarget(traj)], start, durationS, seed: 11 });
    });

    it('reports point at the truth within the angular noise, only where the sensor can see', () => {
      const c = checkReports(traj, sim.reports, sim.objectOf, sensor);
      expect(c.count).toBeGreaterThan(300);
      // Mean of chi-square(2) over n reports: 2 with a standard error of 2 / sqrt(n).
      expectWithin(c.meanSq, 2, 8 / Math.sqrt(c.count), 'sigma^2', 'mean squared angular miss');
      expect(c.worst).toBeLessThan(6);
    });

    it('detects as often as Pd = Phi(SNR - k) says, and reports the SNR and intensity', () => {
      const mine = sim.reports.filter((r) => sim.objectOf.get(r.id) === 'DF17');
      const expected = expectedDetections(traj, sensors, sensor, threshold, start, durationS);
      expectWithin(mine.length, expected.sum, 4 * expected.sigma + 2, 'detections', 'detection count');
      for (const r of mine) {
        expect(r.snr!).toBeGreaterThan(threshold);
        const range = Math.hypot(...[0, 1, 2].map((i) => stateAt(traj, r.t)[i] - r.sensorPosition[i]));
        expectWithin(r.intensity!, r.snr! * sensor.noiseEquivalentIrradiance! * range * range, 1e-6 * r.intensity!, 'W/sr', 'intensity from the measured SNR');
      }
      // False alarms at the threshold's rate: 4096^2 pixels x Phi(-5) per frame.
      const frames = sensors.reduce((n, s) => n + Math.ceil((durationS - s.phase) / s.frameTime), 0);
      const falseAlarms = sim.reports.length - mine.length;
      const rate = 4096 * 4096 * normalCdf(-threshold);
      expectWithin(falseAlarms, frames * rate, 5 * Math.sqrt(frames * rate), 'false alarms', 'false-alarm count');
    });

    it('the tracker confirms a track on it and holds custody', () => {
      const scans = trackAll(sim.reports);
      const score = scoreTracks(scans.flatMap((s) => s.tracks), sim.truth);
      expect(score.falseTracks).toBe(0);
      expect(score.custody).toBeGreaterThan(0.95);
      // Only two satellites of this sparse layer detect it each second (a third sees it at low
      // SNR): initiation needs four reports and confirmation two more, so about 5 s here.
      expect(score.maxTimeToConfirmed).toBeLessThanOrEqual(6);
      expect(score.positionRmse).toBeLessThan(300);
      expect(score.idSwitches).toBe(0);
    });
  });

  describe('an SRBM in midcourse, fixed Pd', () => {
    const traj = flyThreat(threatPreset('srbm'), { launch: { lat: 38 * DEG, lon: 125 * DEG }, aim: { lat: 37 * DEG, lon: 128 * DEG }, launchTime: LAUNCH, id: 'SRBM' });
    // After burnout (62 s) and before re-entry (about 227 s).
    const start = (LAUNCH + 80) as Instant;
    const durationS = 140;
    const sensor = staringSensor(5e-11);
    const table = layerTable(start, durationS);

    it('its cold body is below the signal-to-noise threshold: no detections from the SNR model', () => {
      const sensors = satelliteLayer({ table, sensor, sunPosition: sun, threshold: 5, falseAlarmRatePerFrame: 0, random: new Random(3) });
      const sim = simulateAll({ sensors, targets: [trajectoryTarget(traj)], start, durationS, seed: 5 });
      // In view of two or more satellites (geometry alone) ...
      const s = new Float64Array(3);
      const inView = (t: Instant) => sensors.filter((x) => x.positionAt(t, s) && x.canSee(s, stateAt(traj, t).subarray(0, 3), t)).length;
      expect(inView((start + durationS / 2) as Instant)).toBeGreaterThanOrEqual(2);
      // ... yet too dim for any: no reports, and truth counts no satellite as seeing it.
      expect(sim.reports.length).toBe(0);
      expect(sim.truth.every((x) => x.sensorsInView === 0)).toBe(true);
    });

    it('with a fixed Pd, reports point at the truth and the tracker confirms and holds it', () => {
      const sensors = satelliteLayer({ table, sensor, sunPosition: sun, pd: 0.9, falseAlarmRatePerFrame: 1, random: new Random(3) });
      const sim = simulateAll({ sensors, targets: [trajectoryTarget(traj)], start, durationS, seed: 5 });
      const c = checkReports(traj, sim.reports, sim.objectOf, sensor);
      expect(c.count).toBeGreaterThan(200);
      expectWithin(c.meanSq, 2, 8 / Math.sqrt(c.count), 'sigma^2', 'mean squared angular miss');
      expect(c.worst).toBeLessThan(6);
      const scans = trackAll(sim.reports);
      const score = scoreTracks(scans.flatMap((s) => s.tracks), sim.truth);
      expect(score.falseTracks).toBe(0);
      expect(score.custody).toBeGreaterThan(0.95);
      expect(score.maxTimeToConfirmed).toBeLessThanOrEqual(3);
      expect(score.positionRmse).toBeLessThan(300);
      // Nothing outside the flight: the adapter's truth is null before launch and after impact.
      const target = trajectoryTarget(traj);
      expect(target.stateAt((LAUNCH - 1) as Instant)).toBeNull();
      expect(target.stateAt((target.end + 1) as Instant)).toBeNull();
    });
  });

  it('refuses a sensor that needs the Sun without a Sun position, and a bad Pd, naming the field', () => {
    const table = layerTable(LAUNCH, 60);
    expect(() => satelliteSensor({ table, index: 0, sensor: staringSensor(1e-12) })).toThrow(/sunPosition/);
    expect(() => satelliteSensor({ table, index: 0, sensor: staringSensor(1e-12), sunPosition: sun, pd: 1.5 })).toThrow(/pd.*1\.5/);
    expect(() => satelliteSensor({ table, index: 99, sensor: staringSensor(1e-12), sunPosition: sun })).toThrow(/satellite.*99/);
  });
});
