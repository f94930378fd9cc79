import type { SatRec } from 'satellite.js';
import { type EarthOrientation, NO_EARTH_ORIENTATION } from '../../frames/earth-orientation.ts';
import { type EarthRotation, earthRotationAt, temeToItrfInPlace } from '../../frames/teme-itrf.ts';
import { InputError } from '../../math/errors.ts';
import { type TimeGrid, gridInstant } from '../../time/grid.ts';
import type { ElementSet } from '../element-set.ts';
import { StateStatus, type StateTable, allocateStateTable } from '../state-table.ts';
import { initSgp4 } from './init.ts';
import { deepSpaceRun, deepSpaceState, packDeepSpace, propagateDeepSpace } from './deep-space-kernel.ts';
import { nearEarthRun, packNearEarth, propagateNearEarth } from './near-earth-kernel.ts';
import { type KernelOutput, keplerState, markRowFailed, meanElementsScratch } from './periodics.ts';

/**
 * Steps between re-seedings of the sines and cosines the kernels carry from step to step
 * (and cold starts of Kepler's equation): each carried step adds at most a few ulp, so 64
 * keep the drift near 1e-14 rad while the library calls of a re-seeding cost little.
 */
export const RESEED_INTERVAL = 64;

/** Objects run through the whole grid together (their working set fits a core's L2 cache). */
const OBJECTS_PER_BLOCK = 256;

export type Sgp4OutputFrame = 'TEME' | 'ITRF';

export interface Sgp4BulkOptions<F extends Sgp4OutputFrame = Sgp4OutputFrame> {
  /** Output frame; TEME (SGP4's own) by default. */
  frame?: F;
  /** Earth orientation for ITRF output; none (UT1 = UTC, no polar motion) by default. */
  eop?: EarthOrientation;
  /** Row ids; the catalogue numbers by default. */
  ids?: readonly string[];
  /**
   * A table to fill instead of allocating one (same frame, object count and step count), for
   * runs repeated over the same catalogue: large fresh buffers cost page faults on first write.
   */
  out?: StateTable<F>;
}

/** An object none of whose rows could be computed, and why. */
export interface Sgp4Problem {
  readonly index: number;
  readonly id: string;
  /** The status code written to all its rows (1-6 SGP4 initialisation, 10 invalid elements). */
  readonly code: number;
  readonly message: string;
}

/** A state table from SGP4, with the objects that failed as a whole listed. */
export interface Sgp4Table<F extends Sgp4OutputFrame> extends StateTable<F> {
  readonly problems: readonly Sgp4Problem[];
}

/**
 * Propagates many element sets over a time grid with SGP4 into a time-major state table
 * (metres, m/s, TEME or ITRF). satellite.js initialises each object; our near-Earth and
 * deep-space kernels then run blocks of objects a time step at a time (they agree with
 * satellite.js's sgp4() to micrometres, see test/orbits/sgp4-kernel.test.ts). Nothing throws
 * once the batch starts: a bad element set fills its rows with status 10 and NaN, an SGP4
 * initialisation error with its code, and a time-dependent error (e.g. decay) marks that row.
 */
export function propagateSgp4(sets: readonly ElementSet[], grid: TimeGrid, options?: Sgp4BulkOptions<'TEME'>): Sgp4Table<'TEME'>;
export function propagateSgp4(sets: readonly ElementSet[], grid: TimeGrid, options: Sgp4BulkOptions<'ITRF'> & { frame: 'ITRF' }): Sgp4Table<'ITRF'>;
export function propagateSgp4<F extends Sgp4OutputFrame>(sets: readonly ElementSet[], grid: TimeGrid, options?: Sgp4BulkOptions<F>): Sgp4Table<F>;
export function propagateSgp4(sets: readonly ElementSet[], grid: TimeGrid, options: Sgp4BulkOptions = {}): Sgp4Table<Sgp4OutputFrame> {
  const plan = planSgp4Run(sets, grid, options);
  const out = options.out;
  if (out !== undefined) {
    if (out.frame !== plan.frame || out.nObjects !== sets.length || out.x.length !== sets.length * grid.count) {
      throw new InputError('out', `${out.frame} table of ${out.nObjects} objects x ${out.x.length / Math.max(1, out.nObjects)} steps`, `must be a ${plan.frame} table of ${sets.length} objects x ${grid.count} steps`);
    }
  }
  const table = out ? { ...out, grid, ids: plan.ids } : allocateStateTable(plan.frame, grid, plan.ids);
  const problems = propagateSgp4Into(table, 0, sets, plan.rotations);
  return { ...table, problems };
}

/** What a run needs besides the element sets: checked once, before any work. */
export interface Sgp4RunPlan {
  readonly frame: Sgp4OutputFrame;
  readonly ids: readonly string[];
  /** Per time step: cos and sin of GMST, xp, yp (rad); null for TEME output. */
  readonly rotations: Float64Array | null;
}

export function planSgp4Run(sets: readonly ElementSet[], grid: TimeGrid, options: Sgp4BulkOptions = {}): Sgp4RunPlan {
  if (!Array.isArray(sets)) throw new InputError('sets', sets, 'must be an array of element sets');
  const frame = options.frame ?? 'TEME';
  if (frame !== 'TEME' && frame !== 'ITRF') throw new InputError('frame', frame, 'must be "TEME" or "ITRF"');
  if (!grid || !Number.isFinite(grid.start) || !(grid.stepS > 0) || !Number.isInteger(grid.count) || grid.count < 1) {
    throw new InputError('grid', grid, 'must be a time grid with a finite start, a positive step and at least one instant');
  }
  const ids = options.ids ?? sets.map((s, i) => (s && typeof s.catalogNumber === 'string' ? s.catalogNumber : `#${i}`));
  if (ids.length !== sets.length) throw new InputError('ids', ids.length, `must give one id per element set (${sets.length})`);
  return { frame, ids, rotations: frame === 'ITRF' ? earthRotations(grid, options.eop ?? NO_EARTH_ORIENTATION) : null };
}

/** The TEME -> ITRF rotation of every grid step, packed four numbers a step (cos g, sin g, xp, yp). */
export function earthRotations(grid: TimeGrid, eop: EarthOrientation): Float64Array {
  const out = new Float64Array(grid.count * 4);
  const rot: EarthRotation = { cosG: 0, sinG: 0, xp: 0, yp: 0, hasPolarMotion: false };
  for (let k = 0; k < grid.count; k++) {
    earthRotationAt(gridInstant(grid, k), eop, rot);
    out[4 * k] = rot.cosG;
    out[4 * k + 1] = rot.sinG;
    out[4 * k + 2] = rot.xp;
    out[4 * k + 3] = rot.yp;
  }
  return out;
}

/**
 * The engine under propagateSgp4 and its worker-pool twin: fills columns firstObject ..
 * firstObject + sets.length - 1 of `table` (which may hold more objects, e.g. shared memory
 * split among workers) for every step. Every object is computed independently of the
 * others, so any split of the objects gives the same bytes. `reseedInterval` (steps between
 * re-seedings of the carried sines and cosines) is for tests of their drift.
 */
export function propagateSgp4Into(
  table: KernelOutput & { readonly nObjects: number; readonly grid: TimeGrid },
  firstObject: number,
  sets: readonly ElementSet[],
  rotations: Float64Array | null,
  reseedInterval: number = RESEED_INTERVAL,
): Sgp4Problem[] {
  const { grid, nObjects } = table;
  const problems: Sgp4Problem[] = [];
  const nearRecs: SatRec[] = [];
  const nearEpochs: number[] = [];
  const nearIndex: number[] = [];
  const deepRecs: SatRec[] = [];
  const deepEpochs: number[] = [];
  const deepIndex: number[] = [];

  for (let j = 0; j < sets.length; j++) {
    const index = firstObject + j;
    const set = sets[j];
    let failure: { code: number; message: string } | undefined;
    try {
      const init = initSgp4(set);
      if (init.ok) {
        const sat = init.satellite;
        if (sat.deepSpace) {
          deepRecs.push(sat.satrec);
          deepEpochs.push(sat.epoch);
          deepIndex.push(index);
        } else {
          nearRecs.push(sat.satrec);
          nearEpochs.push(sat.epoch);
          nearIndex.push(index);
        }
      } else {
        failure = { code: init.code, message: init.message };
      }
    } catch (e) {
      failure = { code: StateStatus.INVALID_ELEMENTS, message: e instanceof Error ? e.message : String(e) };
    }
    if (failure) {
      const id = set && typeof set.catalogNumber === 'string' ? set.catalogNumber : `#${index}`;
      problems.push({ index, id, ...failure });
      for (let k = 0; k < grid.count; k++) markRowFailed(table, k * nObjects + index, failure.code);
    }
  }

  const nearCoef = packNearEarth(nearRecs, nearEpochs);
  const nearRun = nearEarthRun(nearCoef, nearRecs.length, grid.stepS);
  const nearKepler = keplerState(nearRecs.length);
  const nearIdx = Int32Array.from(nearIndex);
  const deepCoef = packDeepSpace(deepRecs, deepEpochs);
  const deepState = deepSpaceState(deepRecs.length);
  const deepRun = deepSpaceRun(deepCoef, deepRecs.length, grid.stepS);
  const deepKepler = keplerState(deepRecs.length);
  const deepIdx = Int32Array.from(deepIndex);
  const m = meanElementsScratch();
  const rot: EarthRotation = { cosG: 1, sinG: 0, xp: 0, yp: 0, hasPolarMotion: false };

  // Blocks of objects through the whole grid, so a block's coefficients and carried state stay
  // in cache from one step to the next.
  for (let from = 0; from < nearRecs.length; from += OBJECTS_PER_BLOCK) {
    const to = Math.min(from + OBJECTS_PER_BLOCK, nearRecs.length);
    for (let k = 0; k < grid.count; k++) {
      const base = k * nObjects;
      propagateNearEarth(nearCoef, nearRun, nearKepler, from, to, gridInstant(grid, k), k % reseedInterval === 0, table, base, nearIdx, m);
      if (rotations) rotateRows(table, rotations, k, rot, base, nearIdx, from, to);
    }
  }
  for (let from = 0; from < deepRecs.length; from += OBJECTS_PER_BLOCK) {
    const to = Math.min(from + OBJECTS_PER_BLOCK, deepRecs.length);
    for (let k = 0; k < grid.count; k++) {
      const base = k * nObjects;
      propagateDeepSpace(deepCoef, deepState, deepRun, deepKepler, from, to, gridInstant(grid, k), k % reseedInterval === 0, table, base, deepIdx, m);
      if (rotations) rotateRows(table, rotations, k, rot, base, deepIdx, from, to);
    }
  }
  return problems;
}

/** TEME -> ITRF in place for the computed rows of objects from .. to - 1 at step k. */
function rotateRows(table: KernelOutput, rotations: Float64Array, k: number, rot: EarthRotation, base: number, objectIndex: Int32Array, from: number, to: number): void {
  rot.cosG = rotations[4 * k];
  rot.sinG = rotations[4 * k + 1];
  rot.xp = rotations[4 * k + 2];
  rot.yp = rotations[4 * k + 3];
  rot.hasPolarMotion = rot.xp !== 0 || rot.yp !== 0;
  const { x, y, z, vx, vy, vz, status } = table;
  for (let i = from; i < to; i++) {
    const row = base + objectIndex[i];
    if (status[row] === 0) temeToItrfInPlace(rot, x, y, z, vx, vy, vz, row);
  }
}
