import { type SatRec, json2satrec, twoline2satrec } from 'satellite.js';
import { InputError } from '../../math/errors.ts';
import { DAYS_1970_TO_2000, daysFromCivil } from '../../time/calendar.ts';
import { type Instant, instantFromUtcSeconds } from '../../time/instant.ts';
import { utcParts } from '../../time/iso.ts';
import { type ElementSet, REV_PER_DAY } from '../element-set.ts';
import { describeStatus } from '../state-table.ts';

/**
 * One object ready for SGP4: satellite.js's initialised record plus our own epoch.
 * The record is satellite.js's working state (it writes `t`, `error` and the deep-space
 * integrator into it on every call), so a satellite belongs to one thread at a time; the
 * results never depend on the order of calls.
 */
export interface Sgp4Satellite {
  readonly id: string;
  /** Element epoch; propagation time is always (t - epoch) / 60 minutes from it. */
  readonly epoch: Instant;
  readonly satrec: SatRec;
  /** True for SDP4 (period of 225 min or more): lunar-solar and resonance terms. */
  readonly deepSpace: boolean;
}

/** SGP4's error codes (Vallado et al. 2006); 5 (sub-orbital) is no longer raised by the 2006 code. */
export type Sgp4ErrorCode = 1 | 2 | 3 | 4 | 5 | 6;

export type Sgp4InitResult =
  | { readonly ok: true; readonly satellite: Sgp4Satellite }
  | { readonly ok: false; readonly id: string; readonly code: Sgp4ErrorCode; readonly message: string };

/**
 * Initialises SGP4 for an element set: WGS-72 constants and the 'i' (improved) operation
 * mode, the combination that reproduces Vallado's tcppver.out (see docs/accuracy.md).
 * When the set carries the TLE lines it came from and they agree with its fields, satellite.js
 * parses those lines itself (Vallado's own path, bit for bit); otherwise the fields go in at
 * full double precision. Throws InputError for fields SGP4 cannot take; returns SGP4's own
 * initialisation error (e.g. 3 for a perturbed eccentricity out of range) as a result.
 */
export function initSgp4(set: ElementSet): Sgp4InitResult {
  const id = set.catalogNumber;
  validateElementSet(set);
  const fromLines = set.tleLines ? satrecFromLinesIfConsistent(set) : undefined;
  const satrec = fromLines ?? satrecFromFields(set);
  return resultOf(id, set.epoch, satrec);
}

/**
 * Initialises SGP4 straight from two TLE lines (as satellite.js reads them). Only what SGP4
 * needs is checked here; full TLE validation (checksums, Alpha-5) belongs to src/formats.
 */
export function initSgp4FromTle(line1: string, line2: string): Sgp4InitResult {
  if (typeof line1 !== 'string' || line1.length < 64 || line1[0] !== '1') throw new InputError('line 1', line1, 'is not a TLE line 1 (starts with "1", at least 64 columns)');
  if (typeof line2 !== 'string' || line2.length < 63 || line2[0] !== '2') throw new InputError('line 2', line2, 'is not a TLE line 2 (starts with "2", at least 63 columns)');
  const epoch = tleEpoch(line1);
  const satrec = twoline2satrec(line1, line2);
  const checks: Array<[string, string, number]> = [
    ['line 2, columns 9-16 (inclination)', line2.slice(8, 16), satrec.inclo],
    ['line 2, columns 18-25 (right ascension of the node)', line2.slice(17, 25), satrec.nodeo],
    ['line 2, columns 27-33 (eccentricity)', line2.slice(26, 33), satrec.ecco],
    ['line 2, columns 35-42 (argument of perigee)', line2.slice(34, 42), satrec.argpo],
    ['line 2, columns 44-51 (mean anomaly)', line2.slice(43, 51), satrec.mo],
    ['line 2, columns 53-63 (mean motion)', line2.slice(52, 63), satrec.no],
    ['line 1, columns 54-61 (BSTAR)', line1.slice(53, 61), satrec.bstar],
  ];
  for (const [field, text, value] of checks) {
    if (!Number.isFinite(value)) throw new InputError(field, text, 'is not a number');
  }
  if (!(Number.parseFloat(line2.slice(52, 63)) > 0)) throw new InputError('line 2, columns 53-63 (mean motion)', line2.slice(52, 63), 'must be above zero');
  return resultOf(line1.slice(2, 7).trim(), epoch, satrec);
}

/** Epoch of a TLE from its two-digit year and day of year, exact to the TLE's digits (no Julian-date rounding). */
export function tleEpoch(line1: string): Instant {
  const yearText = line1.slice(18, 20);
  const dayText = line1.slice(20, 32);
  const yy = Number(yearText);
  const dayOfYear = Number(dayText);
  if (!/^\d\d$/.test(yearText)) throw new InputError('line 1, columns 19-20 (epoch year)', yearText, 'must be two digits');
  if (!Number.isFinite(dayOfYear) || dayText.trim() === '' || dayOfYear < 1 || dayOfYear >= 367) {
    throw new InputError('line 1, columns 21-32 (epoch day of year)', dayText, 'must be a day of the year from 1 to 366.99999999');
  }
  // The 1957-2056 window of Spacetrack Report #3.
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  const jan1 = daysFromCivil(year, 1, 1) - DAYS_1970_TO_2000;
  return instantFromUtcSeconds(jan1 * 86400 - 43200 + (dayOfYear - 1) * 86400);
}

function validateElementSet(set: ElementSet): void {
  const at = (name: string) => `elementSet[${set.catalogNumber}].${name}`;
  const finite: Array<keyof ElementSet> = ['epoch', 'meanMotion', 'eccentricity', 'inclination', 'raan', 'argOfPerigee', 'meanAnomaly', 'bstar'];
  for (const key of finite) {
    const v = set[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(at(key), v, 'must be a finite number');
  }
  if (!(set.meanMotion > 0)) throw new InputError(at('meanMotion'), set.meanMotion, 'must be above zero (rad/s)');
  if (!(set.eccentricity >= 0 && set.eccentricity < 1)) throw new InputError(at('eccentricity'), set.eccentricity, 'must be in [0, 1) for SGP4');
  if (!(set.inclination >= 0 && set.inclination <= Math.PI)) throw new InputError(at('inclination'), set.inclination, 'must be in [0, pi] rad');
}

/** satellite.js reads the lines itself, unless they no longer describe the fields (then the fields win). */
function satrecFromLinesIfConsistent(set: ElementSet): SatRec | undefined {
  const [l1, l2] = set.tleLines!;
  let satrec: SatRec;
  try {
    satrec = twoline2satrec(l1, l2);
  } catch {
    return undefined;
  }
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  const agree =
    close(satrec.nokozai, set.meanMotion * 60) &&
    close(satrec.ecco, set.eccentricity) &&
    close(satrec.inclo, set.inclination) &&
    close(satrec.nodeo, set.raan) &&
    close(satrec.argpo, set.argOfPerigee) &&
    close(satrec.mo, set.meanAnomaly) &&
    close(satrec.bstar, set.bstar);
  return agree ? satrec : undefined;
}

function satrecFromFields(set: ElementSet): SatRec {
  // json2satrec reads the epoch through Date (milliseconds). SGP4 uses the epoch itself only
  // for the sidereal angle and the lunar-solar arguments of deep-space objects, where 1 ms is
  // far below a millimetre; propagation time comes from our Instant, never from this epoch.
  const p = utcParts(set.epoch);
  const second = Math.min(p.second, 59.999);
  const iso = `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${second.toFixed(3).padStart(6, '0')}Z`;
  return json2satrec(
    {
      OBJECT_NAME: set.name ?? set.catalogNumber,
      OBJECT_ID: set.internationalDesignator ?? '',
      EPOCH: iso,
      MEAN_MOTION: set.meanMotion / REV_PER_DAY,
      ECCENTRICITY: set.eccentricity,
      INCLINATION: (set.inclination * 180) / Math.PI,
      RA_OF_ASC_NODE: (set.raan * 180) / Math.PI,
      ARG_OF_PERICENTER: (set.argOfPerigee * 180) / Math.PI,
      MEAN_ANOMALY: (set.meanAnomaly * 180) / Math.PI,
      NORAD_CAT_ID: set.catalogNumber,
      ELEMENT_SET_NO: set.elementSetNumber ?? 999,
      BSTAR: set.bstar,
      MEAN_MOTION_DOT: set.meanMotionDot / (REV_PER_DAY / 86400),
      MEAN_MOTION_DDOT: set.meanMotionDdot / (REV_PER_DAY / 86400 / 86400),
    },
    'i',
  );
}

function resultOf(id: string, epoch: Instant, satrec: SatRec): Sgp4InitResult {
  const code = satrec.error as number;
  if (code !== 0) return { ok: false, id, code: code as Sgp4ErrorCode, message: `object ${id}: ${describeStatus(code)} at initialisation` };
  return { ok: true, satellite: { id, epoch, satrec, deepSpace: satrec.method === 'd' } };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
