import { describe, expect, it } from 'vitest';
import { DenseSolution, integrate } from '../../src/math/ode/index.ts';
import { InputError } from '../../src/math/errors.ts';
import { expectWithin } from '../helpers/miss.ts';

const decay = (_t: number, y: Float64Array, d: Float64Array) => {
  d[0] = -y[0];
};
const oscillator = (_t: number, y: Float64Array, d: Float64Array) => {
  d[0] = y[1];
  d[1] = -y[0];
};
// Two-body problem in the plane, mu = 1.
const kepler = (_t: number, y: Float64Array, d: Float64Array) => {
  const r3 = Math.hypot(y[0], y[1]) ** 3;
  d[0] = y[2];
  d[1] = y[3];
  d[2] = -y[0] / r3;
  d[3] = -y[1] / r3;
};

describe('Dormand-Prince 5(4)', () => {
  it('solves exponential decay to its tolerance', () => {
    const r = integrate(decay, 0, [1], 10, { rtol: 1e-10, atol: 1e-14 });
    expectWithin(r.y[0], Math.exp(-10), 1e-13, '', 'y(10)');
    expect(r.eventIndex).toBe(-1);
  });

  it('returns to the start after one Kepler period (e = 0.6)', () => {
    const e = 0.6;
    // Periapsis at r = 1 - e on the x axis, a = 1, period 2 pi.
    const y0 = [1 - e, 0, 0, Math.sqrt((1 + e) / (1 - e))];
    const r = integrate(kepler, 0, y0, 2 * Math.PI, { rtol: 1e-11, atol: 1e-13 });
    expectWithin(r.y[0], y0[0], 1e-8, '', 'x after one period');
    expectWithin(r.y[1], 0, 1e-8, '', 'y after one period');
    expectWithin(r.y[3], y0[3], 1e-8, '', 'vy after one period');
  });

  it('locates apoapsis (radial velocity zero) at half the period', () => {
    const e = 0.6;
    const y0 = [1 - e, 0, 0, Math.sqrt((1 + e) / (1 - e))];
    const radialVelocity = (_t: number, y: Float64Array) => y[0] * y[2] + y[1] * y[3];
    const r = integrate(kepler, 0, y0, 10, { rtol: 1e-11, atol: 1e-13, events: [{ g: radialVelocity, direction: -1 }] });
    expect(r.eventIndex).toBe(0);
    expectWithin(r.t, Math.PI, 1e-8, '', 'time of apoapsis');
    expectWithin(Math.hypot(r.y[0], r.y[1]), 1 + e, 1e-8, '', 'apoapsis radius');
  });

  it('reports non-terminal events as marks and keeps going', () => {
    const r = integrate(oscillator, 0, [1, 0], 10, { rtol: 1e-10, atol: 1e-12, events: [{ g: (_t, y) => y[0], terminal: false }] });
    expect(r.marks.map((m) => m.index)).toEqual([0, 0, 0]);
    r.marks.forEach((m, i) => expectWithin(m.t, Math.PI / 2 + i * Math.PI, 1e-8, 's', `zero ${i}`));
    expectWithin(r.t, 10, 0, 's', 'end');
  });

  it('has a dense output of fourth order between steps', () => {
    const dense = new DenseSolution(2);
    integrate(oscillator, 0, [1, 0], 20, { rtol: 1e-6, atol: 1e-8, dense });
    expect(dense.count).toBeGreaterThan(5);
    let worst = 0;
    const out = new Float64Array(2);
    for (let t = 0; t <= 20; t += 0.01) {
      dense.evaluate(t, out);
      worst = Math.max(worst, Math.abs(out[0] - Math.cos(t)), Math.abs(out[1] + Math.sin(t)));
    }
    expect(worst).toBeLessThan(2e-5);
    expect(() => dense.evaluate(21, out)).toThrow(/outside the solution/);
  });

  it('gets more accurate as the tolerance tightens, and takes more steps', () => {
    const misses: number[] = [];
    const steps: number[] = [];
    for (const rtol of [1e-5, 1e-7, 1e-9]) {
      const r = integrate(kepler, 0, [0.4, 0, 0, 2], 2 * Math.PI, { rtol, atol: rtol * 1e-2 });
      misses.push(Math.hypot(r.y[0] - 0.4, r.y[1]));
      steps.push(r.steps);
    }
    expect(misses[1]).toBeLessThan(misses[0] / 10);
    expect(misses[2]).toBeLessThan(misses[1] / 10);
    expect(steps[2]).toBeGreaterThan(steps[0]);
  });

  it('integrates backwards in time', () => {
    const r = integrate(decay, 2, [Math.exp(-2)], 0, { rtol: 1e-12, atol: 1e-15 });
    expectWithin(r.y[0], 1, 1e-11, '', 'y(0)');
  });

  it('ends the record exactly at a terminal event', () => {
    const dense = new DenseSolution(2);
    const r = integrate(oscillator, 0, [1, 0], 10, { rtol: 1e-10, atol: 1e-12, dense, events: [{ g: (_t, y) => y[0], direction: -1 }] });
    expectWithin(dense.tEnd, Math.PI / 2, 1e-9, 's', 'end of record');
    const out = new Float64Array(2);
    dense.evaluate(r.t, out);
    expectWithin(out[0], 0, 1e-9, '', 'x at the event');
    dense.evaluate(1.2, out);
    expectWithin(out[0], Math.cos(1.2), 1e-8, '', 'x inside the cut piece');
  });
});

describe('fixed-step RK4', () => {
  it('converges at fourth order', () => {
    const miss = (h: number) => {
      const r = integrate(kepler, 0, [0.5, 0, 0, Math.sqrt(3)], 2 * Math.PI, { method: 'rk4', step: h });
      return Math.hypot(r.y[0] - 0.5, r.y[1]);
    };
    const ratio = miss((2 * Math.PI) / 400) / miss((2 * Math.PI) / 800);
    // 2^4 = 16 for a fourth-order method.
    expect(ratio).toBeGreaterThan(13);
    expect(ratio).toBeLessThan(19);
  });

  it('locates events on its Hermite interpolant', () => {
    const r = integrate(oscillator, 0, [1, 0], 10, { method: 'rk4', step: 0.01, events: [{ g: (_t, y) => y[0] }] });
    expectWithin(r.t, Math.PI / 2, 1e-8, 's', 'first zero');
  });
});

describe('integrator input', () => {
  it('rejects a missing RK4 step, naming it', () => {
    expect(() => integrate(decay, 0, [1], 1, { method: 'rk4' })).toThrow(InputError);
    expect(() => integrate(decay, 0, [1], 1, { method: 'rk4', step: -1 })).toThrow(/step: .*got -1/);
  });
  it('rejects a non-finite initial state, naming the component', () => {
    expect(() => integrate(oscillator, 0, [1, Number.NaN], 1)).toThrow(/y0\[1\].*NaN/);
  });
  it('rejects a dense record of the wrong size', () => {
    expect(() => integrate(oscillator, 0, [1, 0], 1, { dense: new DenseSolution(3) })).toThrow(/dense.dimension.*got 3/);
  });
});
