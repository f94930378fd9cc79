import { describe, expect, it } from 'vitest';
import { additivity, additivityViews } from '../src/studies/additivity.ts';

describe('additivity', () => {
  it('gives combined, alone, others and marginal from a set function', () => {
    // Coverage of a union of disjoint slices: the figure is additive by construction.
    const share: Record<string, number> = { USA: 60, JPN: 15, AUS: 5 };
    const rows = additivity('percent', ['USA', 'JPN', 'AUS'], (s) => s.reduce((sum, n) => sum + share[n], 0));
    const jpn = rows.find((r) => r.nation === 'JPN');
    expect(jpn).toEqual({ nation: 'JPN', figure: 'percent', combined: 80, alone: 15, others: 65, marginal: 15 });
  });

  it('shows a nation that adds nothing when its coverage duplicates another', () => {
    const covered: Record<string, Set<number>> = { USA: new Set([1, 2, 3, 4]), JPN: new Set([2, 3]) };
    const rows = additivity('cells', ['USA', 'JPN'], (s) => new Set(s.flatMap((n) => [...covered[n]])).size);
    expect(rows.find((r) => r.nation === 'JPN')?.marginal).toBe(0);
    expect(rows.find((r) => r.nation === 'USA')?.marginal).toBe(2);
  });

  it('names the views: combined, each alone, and everyone-but for three or more', () => {
    expect(additivityViews(['USA']).map((v) => v.view)).toEqual(['combined']);
    expect(additivityViews(['USA', 'JPN']).map((v) => v.view)).toEqual(['combined', 'USA', 'JPN']);
    expect(additivityViews(['USA', 'JPN', 'AUS']).map((v) => v.view)).toContain('without:JPN');
  });
});
