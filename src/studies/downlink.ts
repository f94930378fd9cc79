/**
 * Real-time operations without a relay: a report made on board reaches the ground only while its
 * satellite is in contact with a ground station it may use; otherwise it waits, stored, for the
 * next contact. These are the contact intervals and the resulting delivery delays. (With
 * crosslinks to a transport layer, delivery is near-immediate everywhere; the delays here are
 * what the constellation would have without one.)
 */
import { siteElevationMargin } from '../access/conditions.ts';
import { type AccessInterval, any, findIntervals } from '../access/intervals.ts';
import type { FixedPoint, PositionSource } from '../access/trajectory.ts';
import { InputError } from '../math/errors.ts';
import type { Instant } from '../time/instant.ts';

export interface DownlinkStation {
  readonly site: FixedPoint;
  /** Least elevation of the satellite above the station's horizon, rad. */
  readonly minElevation: number;
}

export interface ContactOptions {
  start: Instant;
  end: Instant;
  /** Sampling step, s: shorter than the shortest pass that must not be missed (default 30). */
  step?: number;
  /** Edge accuracy, s (default 0.5). */
  tolerance?: number;
}

/**
 * When a satellite is in contact with at least one of the stations (each above its own
 * elevation mask): sorted, disjoint intervals. No station: no contact.
 */
export function contactIntervals(satellite: PositionSource, stations: readonly DownlinkStation[], options: ContactOptions): AccessInterval[] {
  if (stations.length === 0) return [];
  const margin = any(...stations.map((s) => siteElevationMargin(s.site, satellite, s.minElevation)));
  return findIntervals(margin, options.start, options.end, { step: options.step ?? 30, tolerance: options.tolerance ?? 0.5 });
}

/**
 * How long a report made at `t` waits before it can be sent down: 0 inside a contact, the time to
 * the start of the next contact otherwise, null when no contact comes before the intervals end.
 */
export function deliveryDelay(contacts: readonly AccessInterval[], t: Instant): number | null {
  // The first interval that ends at or after t (binary search: contacts are sorted and disjoint).
  let lo = 0;
  let hi = contacts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (contacts[mid].end < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === contacts.length) return null;
  return Math.max(0, contacts[lo].start - t);
}

export interface LatencyFigures {
  reports: number;
  /** Per cent of reports made while their satellite was in contact (sent at once). */
  inContactPercent: number;
  /** Delays of the reports delivered before the end, s (null: none delivered). */
  medianS: number | null;
  p95S: number | null;
  maxS: number | null;
  /** Per cent of reports still on board when the scenario ends. */
  undeliveredPercent: number;
}

/** Summary figures of a list of delivery delays (null: never delivered). */
export function latencyFigures(delays: readonly (number | null)[]): LatencyFigures {
  const delivered = delays.filter((d): d is number => d !== null).sort((a, b) => a - b);
  for (const d of delivered) if (!(d >= 0)) throw new InputError('delay', d, 'must be zero or a positive number of seconds');
  const n = delays.length;
  const quantile = (p: number) => (delivered.length === 0 ? null : delivered[Math.min(delivered.length - 1, Math.ceil(p * delivered.length) - 1)]);
  return {
    reports: n,
    inContactPercent: n === 0 ? 0 : (100 * delivered.filter((d) => d === 0).length) / n,
    medianS: quantile(0.5),
    p95S: quantile(0.95),
    maxS: delivered.length === 0 ? null : delivered[delivered.length - 1],
    undeliveredPercent: n === 0 ? 0 : (100 * (n - delivered.length)) / n,
  };
}
