import { InputError } from '../math/errors.ts';
import { type Instant, TT_MINUS_TAI_S, utcSecondsFromInstant } from '../time/instant.ts';
import { formatIsoUtc, parseIsoUtc } from '../time/iso.ts';

/** Time systems whose epochs tracklayer can read exactly (CCSDS TIME_SYSTEM values). */
export type CcsdsTimeSystem = 'UTC' | 'TAI' | 'TT' | 'GPS';

const GPS_MINUS_TAI_S = -19;

export function checkTimeSystem(value: string, field = 'TIME_SYSTEM'): CcsdsTimeSystem {
  const name = value.trim().toUpperCase();
  if (name === 'UTC' || name === 'TAI' || name === 'TT' || name === 'GPS') return name;
  throw new InputError(field, value, 'is not a time system tracklayer reads (UTC, TAI, TT or GPS)');
}

/**
 * A CCSDS epoch (`YYYY-MM-DDThh:mm:ss.d` or `YYYY-DDDThh:mm:ss.d`, no zone) in the given
 * time system, as an Instant.
 */
export function parseCcsdsEpoch(text: unknown, timeSystem: CcsdsTimeSystem, field: string): Instant {
  if (typeof text !== 'string') throw new InputError(field, text, 'must be an ISO-8601 epoch');
  const trimmed = text.trim();
  // A zone would contradict TIME_SYSTEM; only a redundant Z on UTC is tolerated.
  if (/([+-]\d{2}:?\d{2}|[a-y])$/i.test(trimmed.slice(10)) && !/Z$/i.test(trimmed)) {
    throw new InputError(field, text, 'must carry no time zone: the time system is given by TIME_SYSTEM');
  }
  if (timeSystem !== 'UTC' && /Z$/i.test(trimmed)) throw new InputError(field, text, `must not end in Z: the time system is ${timeSystem}`);
  const asUtc = parseIsoUtc(trimmed, field);
  if (timeSystem === 'UTC') return asUtc;
  if (/:60(\.|$)/.test(trimmed)) throw new InputError(field, text, `second 60 exists only in UTC, not ${timeSystem}`);
  // The calendar reading in a uniform scale: undo the leap seconds parseIsoUtc applied.
  const calendar = utcSecondsFromInstant(asUtc);
  const offsetToTt = timeSystem === 'TT' ? 0 : timeSystem === 'TAI' ? TT_MINUS_TAI_S : TT_MINUS_TAI_S - GPS_MINUS_TAI_S;
  return (calendar + offsetToTt) as Instant;
}

/** A CCSDS UTC epoch: ISO-8601 without the zone letter. */
export function formatCcsdsUtc(t: Instant, fractionDigits = 6): string {
  return formatIsoUtc(t, fractionDigits).replace(/Z$/, '');
}
