/**
 * Is a nation's constellation truly additive? For one figure of merit, computed over any subset
 * of nations, the additivity of nation n is: the figure for everyone (combined), for n alone,
 * for everyone but n (others), and the marginal contribution combined - others.
 */
export interface AdditivityRow {
  nation: string;
  figure: string;
  combined: number;
  alone: number;
  others: number;
  marginal: number;
}

/**
 * Evaluates `figureFor(nations)` once per distinct subset (combined, each alone, each "others")
 * and returns one row per nation. With a single nation "others" is the empty set, whose value
 * the caller gives as `emptyValue` (0 for coverage and custody).
 */
export function additivity(
  figure: string,
  nations: readonly string[],
  figureFor: (nations: readonly string[]) => number,
  emptyValue = 0,
): AdditivityRow[] {
  const cache = new Map<string, number>();
  const value = (subset: readonly string[]) => {
    if (subset.length === 0) return emptyValue;
    const key = [...subset].sort().join(',');
    let v = cache.get(key);
    if (v === undefined) {
      v = figureFor(subset);
      cache.set(key, v);
    }
    return v;
  };
  const combined = value(nations);
  return nations.map((nation) => {
    const others = value(nations.filter((n) => n !== nation));
    return { nation, figure, combined, alone: value([nation]), others, marginal: combined - others };
  });
}

/** The views a run computes for additivity: the combined set, each nation alone, everyone but each nation. */
export function additivityViews(nations: readonly string[]): { view: string; nations: readonly string[] }[] {
  const views: { view: string; nations: readonly string[] }[] = [{ view: 'combined', nations }];
  if (nations.length > 1) {
    for (const n of nations) views.push({ view: n, nations: [n] });
    if (nations.length > 2) for (const n of nations) views.push({ view: `without:${n}`, nations: nations.filter((m) => m !== n) });
  }
  return views;
}

/** The view name of a subset of nations, as additivityViews names it. */
export function viewName(subset: readonly string[], nations: readonly string[]): string {
  if (subset.length === nations.length) return 'combined';
  if (subset.length === 1) return subset[0];
  const missing = nations.filter((n) => !subset.includes(n));
  return missing.length === 1 ? `without:${missing[0]}` : subset.join('+');
}
