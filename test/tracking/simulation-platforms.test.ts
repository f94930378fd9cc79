import { describe, expect, it } from 'vitest';
import type { Instant } from '../../src/time/instant.ts';
import { simulateAll } from '../../src/tracking/simulation/simulate.ts';
import { type SimSensor, platformOf } from '../../src/tracking/simulation/sensors.ts';
import type { SimTarget } from '../../src/tracking/simulation/targets.ts';

// Two satellites 1,000 km up over the equator, 1,000 km apart, and a target at 40 km between them.
const R = 6_371_000;
function satellite(id: string, lonRad: number, detectable?: boolean): SimSensor {
  const sensor: SimSensor = {
    sensorId: id,
    owner: 'USA',
    frameTime: 1,
    phase: 0,
    sigma: 1e-5,
    pd: 1,
    falseAlarmRatePerFrame: 0,
    positionAt(_t: Instant, out: Float64Array) {
      out[0] = (R + 1e6) * Math.cos(lonRad);
      out[1] = (R + 1e6) * Math.sin(lonRad);
      out[2] = 0;
      return true;
    },
    canSee: () => true,
  };
  if (detectable !== undefined) sensor.detectable = () => detectable;
  return sensor;
}
const target: SimTarget = {
  id: 'T',
  stateAt: () => ({ r: new Float64Array([R + 40e3, 0, 0]), v: new Float64Array([0, 1000, 0]) }),
};
/** The one count every truth sample of a short run gives (the target does not move relative to the sensors). */
function inView(sensors: SimSensor[]): number {
  const counts = simulateAll({ sensors, targets: [target], start: 0 as Instant, durationS: 3, seed: 1 }).truth.map((s) => s.sensorsInView);
  expect(counts.length).toBeGreaterThanOrEqual(2);
  expect(new Set(counts).size).toBe(1);
  return counts[0] as number;
}

describe('truth counts satellites that can detect a target, not payloads', () => {
  it('names a platform by the part of PLATFORM/PAYLOAD before the slash', () => {
    expect(platformOf('US2F-01-01/fire-control-mwir')).toBe('US2F-01-01');
    expect(platformOf('US1-01-01')).toBe('US1-01-01');
  });

  it('two payloads of one satellite count once; a second satellite makes two', () => {
    const a = 0.08;
    expect(inView([satellite('A/wide', -a), satellite('A/mwir', -a)])).toBe(1);
    expect(inView([satellite('A/wide', -a), satellite('A/mwir', -a), satellite('B', a)])).toBe(2);
  });

  it('a satellite that sees a target too dim to detect does not count', () => {
    const a = 0.08;
    expect(inView([satellite('A', -a, false), satellite('B', a, true)])).toBe(1);
    expect(inView([satellite('A/wide', -a, false), satellite('A/mwir', -a, true), satellite('B', a, false)])).toBe(1);
  });

  it('a seeded run is unchanged by the count (reports are drawn the same way)', () => {
    const sensors = [satellite('A/wide', -0.08), satellite('B', 0.08)];
    const one = simulateAll({ sensors, targets: [target], start: 0 as Instant, durationS: 5, seed: 9 });
    const two = simulateAll({ sensors, targets: [target], start: 0 as Instant, durationS: 5, seed: 9 });
    expect(one.reports.map((r) => r.lineOfSight[0])).toEqual(two.reports.map((r) => r.lineOfSight[0]));
    expect(one.reports.length).toBe(10);
  });
});
