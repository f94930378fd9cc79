/** The unit a time axis is labelled in, chosen from the span so that ticks stay short numbers. */
export interface TimeUnit {
  name: 'seconds' | 'minutes' | 'hours';
  seconds: number;
}

export function timeUnitFor(spanS: number): TimeUnit {
  if (spanS > 3 * 86400) return { name: 'hours', seconds: 3600 };
  if (spanS > 600) return { name: 'minutes', seconds: 60 };
  return { name: 'seconds', seconds: 1 };
}

export function timeAxisLabel(unit: TimeUnit, startUtc: string): string {
  return `${unit.name} after ${startUtc}`;
}
