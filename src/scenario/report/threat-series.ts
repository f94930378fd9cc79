import { InputError } from '../../math/errors.ts';
import type { ReportInput } from './input.ts';

/**
 * The per-threat time series, checked against the sample times and put in the threats' order
 * (the summary's table first, then any other threat the series name, sorted).
 */
export interface ThreatSeries {
  id: string;
  /** Satellites seeing the threat at each time; null when it is not flying (or unknown). */
  inView: readonly (number | null)[] | null;
  /** Error of the confirmed track holding it, m; null when none holds it. */
  errorM: readonly (number | null)[] | null;
  /** Satellites that could detect it at each time, when the input says; null otherwise. */
  detecting: readonly (number | null)[] | null;
}

export function threatSeries(input: ReportInput): ThreatSeries[] {
  const { timesS, satellitesInView, trackErrorM } = input.series;
  const satellitesDetecting = input.series.satellitesDetecting ?? {};
  const n = timesS.length;
  timesS.forEach((t, i) => {
    if (!Number.isFinite(t)) throw new InputError(`series.timesS[${i}]`, t, 'must be a finite number of seconds');
    if (i > 0 && t < timesS[i - 1]) throw new InputError(`series.timesS[${i}]`, t, `must not be before the time before it (${timesS[i - 1]})`);
  });
  for (const [name, table] of [
    ['satellitesInView', satellitesInView],
    ['trackErrorM', trackErrorM],
    ['satellitesDetecting', satellitesDetecting],
  ] as const) {
    for (const [id, values] of Object.entries(table)) {
      if (values.length !== n) throw new InputError(`series.${name}.${id}`, values.length, `must hold one value per time in series.timesS (${n})`);
    }
  }
  const listed = input.summary.threats.map((t) => t.id);
  const known = new Set(listed);
  const extra = [...new Set([...Object.keys(satellitesInView), ...Object.keys(trackErrorM)])].filter((id) => !known.has(id)).sort();
  return [...listed, ...extra].map((id) => ({
    id,
    inView: Object.hasOwn(satellitesInView, id) ? satellitesInView[id] : null,
    errorM: Object.hasOwn(trackErrorM, id) ? trackErrorM[id] : null,
    detecting: Object.hasOwn(satellitesDetecting, id) ? satellitesDetecting[id] : null,
  }));
}
