import type { Scenario } from '../types.ts';

/** Column indices (in scenario.satellites order) of the satellites owned by any of the given nations. */
export function satelliteIndicesOf(scenario: Scenario, nations: readonly string[]): number[] {
  const wanted = new Set(nations);
  const out: number[] = [];
  scenario.satellites.forEach((s, i) => {
    if (wanted.has(s.owner)) out.push(i);
  });
  return out;
}
