import { sgp4 } from 'satellite.js';
import { type StateVector, stateVector } from '../../frames/types.ts';
import { InputError } from '../../math/errors.ts';
import { KM } from '../../math/units.ts';
import type { Instant } from '../../time/instant.ts';
import { describeStatus } from '../state-table.ts';
import type { Sgp4ErrorCode, Sgp4Satellite } from './init.ts';

export type Sgp4Result =
  | { readonly ok: true; readonly state: StateVector<'TEME'> }
  | { readonly ok: false; readonly code: Sgp4ErrorCode; readonly message: string };

/** SGP4 state of one object at an instant, TEME, metres and m/s; or SGP4's error for that time. */
export function sgp4State(sat: Sgp4Satellite, t: Instant): Sgp4Result {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new InputError('t', t, 'must be a finite Instant (TT seconds since J2000)');
  return stateAt(sat, (t - sat.epoch) / 60, t);
}

/**
 * SGP4 state at a time given as minutes since the element epoch, the form SGP4 and its
 * verification tables use. The state's instant is epoch + minutes.
 */
export function sgp4StateAtMinutes(sat: Sgp4Satellite, minutesSinceEpoch: number): Sgp4Result {
  if (typeof minutesSinceEpoch !== 'number' || !Number.isFinite(minutesSinceEpoch)) {
    throw new InputError('minutesSinceEpoch', minutesSinceEpoch, 'must be a finite number of minutes');
  }
  return stateAt(sat, minutesSinceEpoch, (sat.epoch + minutesSinceEpoch * 60) as Instant);
}

function stateAt(sat: Sgp4Satellite, tsince: number, t: Instant): Sgp4Result {
  const pv = sgp4(sat.satrec, tsince);
  if (!pv) {
    const code = sat.satrec.error as number as Sgp4ErrorCode;
    return { ok: false, code, message: `object ${sat.id} at ${tsince} min from epoch: ${describeStatus(code)}` };
  }
  const p = pv.position;
  const v = pv.velocity;
  return { ok: true, state: stateVector('TEME', t, [p.x * KM, p.y * KM, p.z * KM], [v.x * KM, v.y * KM, v.z * KM]) };
}
