import { InputError } from '../math/errors.ts';
import { ARCSEC } from '../math/units.ts';
import type { UtcSeconds } from '../time/instant.ts';

/**
 * Earth-orientation parameters at a UTC moment: UT1 - UTC (s) and the pole's position
 * xp, yp (rad). Always passed as an argument: there is no global table.
 */
export interface EarthOrientationValues {
  ut1MinusUtcS: number;
  xpRad: number;
  ypRad: number;
}

export interface EarthOrientation {
  at(utc: UtcSeconds): EarthOrientationValues;
}

/** Zero EOP: UT1 = UTC and no polar motion. Costs up to ~0.9 s of rotation (~400 m at the equator) and ~15 m of pole. */
export const NO_EARTH_ORIENTATION: EarthOrientation = {
  at: () => ({ ut1MinusUtcS: 0, xpRad: 0, ypRad: 0 }),
};

/** Fixed values, e.g. from one IERS Bulletin A line; xp, yp given in arcseconds at the edge. */
export function constantEarthOrientation(values: { ut1MinusUtcS: number; xpArcsec: number; ypArcsec: number }): EarthOrientation {
  for (const [k, v] of Object.entries(values)) {
    if (!Number.isFinite(v)) throw new InputError(`earthOrientation.${k}`, v, 'must be a finite number');
  }
  const out = { ut1MinusUtcS: values.ut1MinusUtcS, xpRad: values.xpArcsec * ARCSEC, ypRad: values.ypArcsec * ARCSEC };
  return { at: () => out };
}

/**
 * A table of daily (or any spacing) values, linearly interpolated; held constant outside.
 * UT1-UTC jumps at leap seconds, so rows across one interpolate wrongly for that day only.
 */
export function tabulatedEarthOrientation(rows: ReadonlyArray<{ utc: number; ut1MinusUtcS: number; xpArcsec: number; ypArcsec: number }>): EarthOrientation {
  if (rows.length === 0) throw new InputError('earthOrientation.rows', rows, 'must hold at least one row');
  const sorted = [...rows].sort((a, b) => a.utc - b.utc);
  return {
    at(utc) {
      if (utc <= sorted[0].utc) return toValues(sorted[0]);
      const last = sorted[sorted.length - 1];
      if (utc >= last.utc) return toValues(last);
      let lo = 0;
      let hi = sorted.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid].utc <= utc) lo = mid;
        else hi = mid;
      }
      const a = sorted[lo];
      const b = sorted[hi];
      const w = (utc - a.utc) / (b.utc - a.utc);
      return {
        ut1MinusUtcS: a.ut1MinusUtcS + w * (b.ut1MinusUtcS - a.ut1MinusUtcS),
        xpRad: (a.xpArcsec + w * (b.xpArcsec - a.xpArcsec)) * ARCSEC,
        ypRad: (a.ypArcsec + w * (b.ypArcsec - a.ypArcsec)) * ARCSEC,
      };
    },
  };
}

function toValues(row: { ut1MinusUtcS: number; xpArcsec: number; ypArcsec: number }): EarthOrientationValues {
  return { ut1MinusUtcS: row.ut1MinusUtcS, xpRad: row.xpArcsec * ARCSEC, ypRad: row.ypArcsec * ARCSEC };
}
