import { expect } from 'vitest';

/** Asserts |actual - expected| <= limit and, on failure, says by how much in the given unit. */
export function expectWithin(actual: number, expected: number, limit: number, unit: string, what = 'value'): void {
  const miss = Math.abs(actual - expected);
  if (!(miss <= limit)) {
    expect.fail(`${what}: off by ${formatMiss(miss)} ${unit}, limit ${limit} ${unit} (got ${actual}, expected ${expected})`);
  }
}

/** Asserts the distance between two 3-vectors is within a limit, with the miss in the message. */
export function expectVectorWithin(actual: ArrayLike<number>, expected: ArrayLike<number>, limit: number, unit: string, what = 'vector'): void {
  const d = Math.hypot(actual[0] - expected[0], actual[1] - expected[1], actual[2] - expected[2]);
  if (!(d <= limit)) {
    expect.fail(
      `${what}: off by ${formatMiss(d)} ${unit}, limit ${limit} ${unit} (got [${Array.from(actual).slice(0, 3).join(', ')}], expected [${Array.from(expected).slice(0, 3).join(', ')}])`,
    );
  }
}

function formatMiss(x: number): string {
  return x === 0 ? '0' : Math.abs(x) >= 0.01 && Math.abs(x) < 1e6 ? x.toPrecision(3) : x.toExponential(2);
}
