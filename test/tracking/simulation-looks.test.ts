import { describe, expect, it } from 'vitest';
import type { Instant } from '../../src/time/instant.ts';
import { simulateAll } from '../../src/tracking/simulation/simulate.ts';
import type { SimSensor } from '../../src/tracking/simulation/sensors.ts';
import type { SimTarget } from '../../src/tracking/simulation/targets.ts';

const R = 6_371_000;
function cued(looksPerFrame: number | undefined, sees: (targetId: string) => boolean = () => true, sensorId = 'S', owner = 'USA', dwellFrames?: number): SimSensor {
  return {
    sensorId,
    owner,
    frameTime: 1,
    phase: 0,
    sigma: 1e-6,
    pd: 1,
    falseAlarmRatePerFrame: 0,
    ...(looksPerFrame !== undefined ? { looksPerFrame } : {}),
    ...(dwellFrames !== undefined ? { dwellFrames } : {}),
    positionAt(_t: Instant, out: Float64Array) {
      out.set([R + 1e6, 0, 0]);
      return true;
    },
    canSee: (_s: Float64Array, r: Float64Array) => sees(`T${Math.round(r[1] / 1e4)}`),
  };
}
const targets: SimTarget[] = [0, 1, 2, 3].map((k) => ({
  id: `T${k}`,
  stateAt: () => ({ r: new Float64Array([R + 40e3, k * 1e4, 0]), v: new Float64Array(3) }),
}));
function looks(sensor: SimSensor, frames: number): string[][] {
  const sim = simulateAll({ sensors: [sensor], targets, start: 0 as Instant, durationS: frames, seed: 3 });
  const byFrame: string[][] = Array.from({ length: frames }, () => []);
  for (const r of sim.reports) byFrame[Math.round(r.t)].push(sim.objectOf.get(r.id) as string);
  return byFrame;
}

/** Per sensor, the targets it reported in each frame. */
function looksOfEach(sensors: SimSensor[], frames: number): Record<string, string[][]> {
  const sim = simulateAll({ sensors, targets, start: 0 as Instant, durationS: frames, seed: 3 });
  const out: Record<string, string[][]> = {};
  for (const s of sensors) out[s.sensorId] = Array.from({ length: frames }, () => []);
  for (const r of sim.reports) out[r.sensorId][Math.round(r.t)].push(sim.objectOf.get(r.id) as string);
  return out;
}

describe('a cued sensor shares its frames between the targets in view', () => {
  it('looks at every target in view each frame when it has no budget', () => {
    expect(looks(cued(undefined), 2)).toEqual([['T0', 'T1', 'T2', 'T3'], ['T0', 'T1', 'T2', 'T3']]);
  });

  it('with one look a frame, takes the targets in turn', () => {
    expect(looks(cued(1), 6)).toEqual([['T0'], ['T1'], ['T2'], ['T3'], ['T0'], ['T1']]);
  });

  it('with three looks a frame over four targets, continues round the list', () => {
    expect(looks(cued(3), 2)).toEqual([['T0', 'T1', 'T2'], ['T3', 'T0', 'T1']]);
  });

  it('spends no look on a target out of view', () => {
    const frames = looks(cued(1, (id) => id !== 'T1'), 3);
    expect(frames).toEqual([['T0'], ['T2'], ['T3']]);
  });

  it('stays on its targets for dwellFrames frames', () => {
    expect(looks(cued(1, undefined, 'S', 'USA', 2), 6)).toEqual([['T0'], ['T0'], ['T1'], ['T1'], ['T2'], ['T2']]);
  });
});

describe("a nation's cued sensors are tasked together", () => {
  it('two satellites seeing the same targets look at the same one at once (stereo), in turn', () => {
    const f = looksOfEach([cued(1, undefined, 'A'), cued(1, undefined, 'B')], 5);
    expect(f.A).toEqual([['T0'], ['T1'], ['T2'], ['T3'], ['T0']]);
    expect(f.B).toEqual(f.A);
  });

  it('a target only one satellite sees still gets its turn between stereo looks', () => {
    // A sees T0 and T1, B only T1: T1 is the only stereo target, and T0 must not starve.
    const a = cued(1, (id) => id === 'T0' || id === 'T1', 'A');
    const b = cued(1, (id) => id === 'T1', 'B');
    const f = looksOfEach([a, b], 4);
    expect(f.A).toEqual([['T1'], ['T0'], ['T1'], ['T0']]);
    expect(f.B).toEqual([['T1'], ['T1'], ['T1'], ['T1']]);
  });

  it('nations task their own sensors: without a partner, each takes its targets in turn', () => {
    const a = cued(1, (id) => id === 'T0' || id === 'T1', 'A', 'USA');
    const b = cued(1, (id) => id === 'T1', 'B', 'JPN');
    const f = looksOfEach([a, b], 4);
    expect(f.A).toEqual([['T0'], ['T1'], ['T0'], ['T1']]);
    expect(f.B).toEqual([['T1'], ['T1'], ['T1'], ['T1']]);
  });

  it('two payloads of one satellite are no stereo pair', () => {
    const f = looksOfEach([cued(1, (id) => id === 'T0' || id === 'T1', 'P/a'), cued(1, (id) => id === 'T0' || id === 'T1', 'P/b')], 3);
    for (let k = 0; k < 3; k++) expect(f['P/a'][k]).not.toEqual(f['P/b'][k]);
  });
});
