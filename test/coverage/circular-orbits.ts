import { EARTH_ROTATION_RATE, WGS84 } from '../../src/bodies/earth.ts';
import { gmst } from '../../src/frames/gmst.ts';
import { DEG } from '../../src/math/units.ts';
import { type StateTable, allocateStateTable } from '../../src/orbits/state-table.ts';
import { type TimeGrid, gridInstant } from '../../src/time/grid.ts';
import type { Instant } from '../../src/time/instant.ts';

/**
 * Closed-form circular Keplerian orbits for tests (independent of the project's propagators):
 * an inertial circle of radius a, rotated into ITRF by GMST with the Earth's rotation rate.
 */
export interface CircularOrbit {
  altitude: number;
  inclination: number;
  raan: number;
  /** Argument of latitude at `epoch`, rad. */
  argumentOfLatitude: number;
}

export function circularState(orbit: CircularOrbit, epoch: Instant, t: Instant, out: Float64Array = new Float64Array(6)): Float64Array {
  const a = WGS84.a + orbit.altitude;
  const n = Math.sqrt(WGS84.mu / (a * a * a));
  const u = orbit.argumentOfLatitude + n * (t - epoch);
  const cu = Math.cos(u);
  const su = Math.sin(u);
  const cO = Math.cos(orbit.raan);
  const sO = Math.sin(orbit.raan);
  const ci = Math.cos(orbit.inclination);
  const si = Math.sin(orbit.inclination);
  const x = a * (cO * cu - sO * su * ci);
  const y = a * (sO * cu + cO * su * ci);
  const z = a * su * si;
  const vx = n * a * (-cO * su - sO * cu * ci);
  const vy = n * a * (-sO * su + cO * cu * ci);
  const vz = n * a * cu * si;
  const g = gmst(t);
  const cg = Math.cos(g);
  const sg = Math.sin(g);
  out[0] = cg * x + sg * y;
  out[1] = -sg * x + cg * y;
  out[2] = z;
  out[3] = cg * vx + sg * vy + EARTH_ROTATION_RATE * out[1];
  out[4] = -sg * vx + cg * vy - EARTH_ROTATION_RATE * out[0];
  out[5] = vz;
  return out;
}

export function circularStateTable(orbits: readonly CircularOrbit[], grid: TimeGrid, epoch: Instant = grid.start): StateTable<'ITRF'> {
  const table = allocateStateTable('ITRF', grid, orbits.map((_, i) => `sat-${i}`));
  const s = new Float64Array(6);
  for (let k = 0; k < grid.count; k++) {
    const t = gridInstant(grid, k);
    orbits.forEach((o, i) => {
      circularState(o, epoch, t, s);
      const r = k * orbits.length + i;
      table.x[r] = s[0];
      table.y[r] = s[1];
      table.z[r] = s[2];
      table.vx[r] = s[3];
      table.vy[r] = s[4];
      table.vz[r] = s[5];
    });
  }
  return table;
}

/** Walker delta (nodes over 360 deg) or star (over 180 deg) pattern T/P/F. */
export function walkerOrbits(total: number, planes: number, phasing: number, inclination: number, altitude: number, kind: 'delta' | 'star' = 'delta', raan0 = 0): CircularOrbit[] {
  const perPlane = total / planes;
  const spread = kind === 'delta' ? 2 * Math.PI : Math.PI;
  const out: CircularOrbit[] = [];
  for (let p = 0; p < planes; p++) {
    for (let s = 0; s < perPlane; s++) {
      out.push({
        altitude,
        inclination,
        raan: raan0 + (p * spread) / planes,
        argumentOfLatitude: (2 * Math.PI * s) / perPlane + (2 * Math.PI * phasing * p) / total,
      });
    }
  }
  return out;
}

export const deg = (x: number) => x * DEG;
