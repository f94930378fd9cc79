import { geodeticToItrf, upVector } from '../frames/geodetic.ts';
import type { Geodetic } from '../frames/types.ts';
import { InputError } from '../math/errors.ts';
import type { Frame } from '../frames/types.ts';
import type { StateTable } from '../orbits/state-table.ts';
import type { Instant } from '../time/instant.ts';

/**
 * Anything with an Earth-fixed (ITRF) position at any instant: a ground site, a threat
 * trajectory, a satellite. Writes metres into `out` and returns it; NaN when unknown.
 */
export interface PositionSource {
  positionAt(t: Instant, out: Float64Array): Float64Array;
}

/** Position and velocity (ITRF, m and m/s) in `out[0..5]`; NaN when unknown. */
export interface StateSource {
  stateAt(t: Instant, out: Float64Array): Float64Array;
}

/** A fixed ITRF point, with its ellipsoid normal when it is a ground site. */
export interface FixedPoint extends PositionSource, StateSource {
  readonly position: Float64Array;
  readonly up: Float64Array;
}

/** A site on WGS-84 (geodetic latitude, longitude in rad, height in m). */
export function groundSite(site: Geodetic): FixedPoint {
  const position = geodeticToItrf(site);
  const up = upVector(site.lat, site.lon);
  return {
    position,
    up,
    positionAt: (_t, out) => {
      out[0] = position[0];
      out[1] = position[1];
      out[2] = position[2];
      return out;
    },
    stateAt: (_t, out) => {
      out[0] = position[0];
      out[1] = position[1];
      out[2] = position[2];
      out[3] = 0;
      out[4] = 0;
      out[5] = 0;
      return out;
    },
  };
}

/**
 * A state source over one object of a state table, interpolated between rows by cubic Hermite
 * polynomials on positions and velocities (a few metres at LEO for 60-s rows). NaN outside the
 * table's span or next to a failed row.
 */
export function stateTableSource(table: StateTable<Frame & 'ITRF'>, index: number): StateSource {
  if (!(Number.isInteger(index) && index >= 0 && index < table.nObjects)) {
    throw new InputError('satellite', index, `must be an index into the ${table.nObjects} objects of the table`);
  }
  const { grid, nObjects } = table;
  const last = grid.count - 1;
  return {
    stateAt(t, out) {
      const u = (t - grid.start) / grid.stepS;
      if (!(u >= 0 && u <= last)) return fillNaN(out);
      let k = Math.floor(u);
      if (k >= last) k = Math.max(0, last - 1);
      const i0 = k * nObjects + index;
      if (last === 0) {
        if (table.status[i0] !== 0) return fillNaN(out);
        out[0] = table.x[i0];
        out[1] = table.y[i0];
        out[2] = table.z[i0];
        out[3] = table.vx[i0];
        out[4] = table.vy[i0];
        out[5] = table.vz[i0];
        return out;
      }
      const i1 = i0 + nObjects;
      if (table.status[i0] !== 0 || table.status[i1] !== 0) return fillNaN(out);
      const h = grid.stepS;
      const s = u - k;
      const s2 = s * s;
      const s3 = s2 * s;
      const h00 = 2 * s3 - 3 * s2 + 1;
      const h10 = s3 - 2 * s2 + s;
      const h01 = -2 * s3 + 3 * s2;
      const h11 = s3 - s2;
      // Derivatives with respect to s, divided by h for time.
      const d00 = (6 * s2 - 6 * s) / h;
      const d10 = 3 * s2 - 4 * s + 1;
      const d01 = (-6 * s2 + 6 * s) / h;
      const d11 = 3 * s2 - 2 * s;
      const p0 = [table.x[i0], table.y[i0], table.z[i0]];
      const p1 = [table.x[i1], table.y[i1], table.z[i1]];
      const v0 = [table.vx[i0], table.vy[i0], table.vz[i0]];
      const v1 = [table.vx[i1], table.vy[i1], table.vz[i1]];
      for (let c = 0; c < 3; c++) {
        out[c] = h00 * p0[c] + h10 * h * v0[c] + h01 * p1[c] + h11 * h * v1[c];
        out[c + 3] = d00 * p0[c] + d10 * v0[c] + d01 * p1[c] + d11 * v1[c];
      }
      return out;
    },
  };
}

/** Wraps a position-only source (a threat trajectory) as a state source; velocity by a central difference over `dt` seconds. */
export function stateFromPositions(source: PositionSource, dt = 0.5): StateSource {
  const a = new Float64Array(3);
  const b = new Float64Array(3);
  return {
    stateAt(t, out) {
      source.positionAt(t, out);
      source.positionAt((t - dt) as Instant, a);
      source.positionAt((t + dt) as Instant, b);
      out[3] = (b[0] - a[0]) / (2 * dt);
      out[4] = (b[1] - a[1]) / (2 * dt);
      out[5] = (b[2] - a[2]) / (2 * dt);
      return out;
    },
  };
}

function fillNaN(out: Float64Array): Float64Array {
  out.fill(Number.NaN, 0, Math.min(out.length, 6));
  return out;
}
