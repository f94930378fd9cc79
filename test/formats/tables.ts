import type { Frame } from '../../src/frames/types.ts';
import { type StateTable, allocateStateTable } from '../../src/orbits/state-table.ts';
import { timeGrid } from '../../src/time/grid.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';

/** Circular orbits (closed form) sampled on a grid: object i at radius 7000 km + 100 km * i. */
export function circularTable<F extends Frame>(frame: F, ids: string[], steps: number, stepS = 60): StateTable<F> {
  const table = allocateStateTable(frame, timeGrid(parseIsoUtc('2026-03-01T00:00:00Z'), (steps - 1) * stepS, stepS), ids);
  const mu = 3.986004418e14;
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < ids.length; i++) {
      const r = 7.0e6 + 1e5 * i;
      const w = Math.sqrt(mu / r ** 3);
      const u = w * k * stepS + i;
      const at = k * ids.length + i;
      table.x[at] = r * Math.cos(u);
      table.y[at] = r * Math.sin(u) * 0.6;
      table.z[at] = r * Math.sin(u) * 0.8;
      table.vx[at] = -r * w * Math.sin(u);
      table.vy[at] = r * w * Math.cos(u) * 0.6;
      table.vz[at] = r * w * Math.cos(u) * 0.8;
    }
  }
  return table;
}
