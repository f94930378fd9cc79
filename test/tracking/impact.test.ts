import { describe, it } from 'vitest';
import { itrfToGeodetic } from '../../src/frames/geodetic.ts';
import { fallToGround } from '../../src/tracking/impact.ts';
import { earthFixedAccelerationOf } from '../../src/tracking/models/gravity.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

/**
 * A second method for the fall: RK4 with 10 ms steps until the height changes sign, the crossing
 * placed by linear interpolation inside the last step (over 10 ms at 3 km/s, centimetres).
 */
function fineFall(state: number[]): { flightS: number; position: number[] } {
  const deriv = (s: number[]) => {
    const out = new Float64Array(6);
    out[0] = s[3];
    out[1] = s[4];
    out[2] = s[5];
    earthFixedAccelerationOf(Float64Array.from(s), out, 3);
    return Array.from(out);
  };
  const h = 0.01;
  let s = state.slice();
  let t = 0;
  let height = itrfToGeodetic(s[0], s[1], s[2]).height;
  for (;;) {
    const k1 = deriv(s);
    const k2 = deriv(s.map((x, i) => x + 0.5 * h * k1[i]));
    const k3 = deriv(s.map((x, i) => x + 0.5 * h * k2[i]));
    const k4 = deriv(s.map((x, i) => x + h * k3[i]));
    const next = s.map((x, i) => x + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
    const nextHeight = itrfToGeodetic(next[0], next[1], next[2]).height;
    if (nextHeight <= 0) {
      const f = height / (height - nextHeight);
      return { flightS: t + f * h, position: [0, 1, 2].map((i) => s[i] + f * (next[i] - s[i])) };
    }
    s = next;
    height = nextHeight;
    t += h;
  }
}

describe('impact point', () => {
  for (const [name, state] of [
    ['shallow re-entry over the equator', [6378137 + 300e3, 0, 0, -5000 * Math.sin(0.17), 5000 * Math.cos(0.17), 0]],
    ['steep fall at 60 deg north', [3500e3, 200e3, 5700e3, -2000, 1500, -2500]],
  ] as const) {
    it(`the 20 s steps and the root finder agree with a 10 ms integration: ${name}`, () => {
      const fine = fineFall([...state]);
      const fast = fallToGround(state)!;
      expectWithin(fast.flightS, fine.flightS, 1e-3, 's', 'flight time');
      expectVectorWithin(fast.state, fine.position, 0.5, 'm', 'impact point');
      expectWithin(itrfToGeodetic(fast.state[0], fast.state[1], fast.state[2]).height, 0, 0.01, 'm', 'height at impact');
    });
  }
});
