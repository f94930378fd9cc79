import { describe, expect, it } from 'vitest';
import { AssignmentSolver } from '../../src/math/assignment.ts';
import { globalNearestNeighbour, jointProbabilisticAssociation, type GatedPair } from '../../src/tracking/association/associators.ts';
import { expectWithin } from '../helpers/miss.ts';

const pair = (track: number, report: number, nis: number): GatedPair => ({ track, report, nis, logNorm: 0 });

describe('association', () => {
  it('GNN finds the optimal assignment where greedy nearest neighbour would not', () => {
    // Greedy takes track 0 -> report 0 (1), leaving track 1 only report 0 -> miss. Optimal: 0->1, 1->0 (2 + 3 = 5 < 1 + gate 9).
    const pairs = [pair(0, 0, 1), pair(0, 1, 2), pair(1, 0, 3)];
    const out = globalNearestNeighbour(2, 2, pairs, 9, new AssignmentSolver());
    expect(Array.from(out)).toEqual([1, 0]);
  });

  it('GNN leaves a track unassigned when a pair costs more than the miss', () => {
    const out = globalNearestNeighbour(2, 1, [pair(0, 0, 1), pair(1, 0, 2)], 9, new AssignmentSolver());
    expect(Array.from(out)).toEqual([0, -1]);
  });

  it('JPDA probabilities equal the hand-enumerated joint events for two tracks sharing two reports', () => {
    const pd = 0.9;
    const pg = 0.99;
    const lambda = 0.5;
    const pairs = [pair(0, 0, 1), pair(0, 1, 4), pair(1, 1, 0.5)];
    const { beta, beta0 } = jointProbabilisticAssociation(2, pairs, { pd, pg, clutterDensity: lambda, maxEvents: 1000 });
    const g = (nis: number) => (pd * Math.exp(-0.5 * nis)) / lambda;
    const miss = 1 - pd * pg;
    // Events: (none, none), (0->0, none), (0->1, none), (none, 1->1), (0->0, 1->1).
    const e = {
      nn: miss * miss,
      an: g(1) * miss,
      bn: g(4) * miss,
      nb: miss * g(0.5),
      ab: g(1) * g(0.5),
    };
    const total = e.nn + e.an + e.bn + e.nb + e.ab;
    expectWithin(beta[0], (e.an + e.ab) / total, 1e-12, '', 'beta track 0 report 0');
    expectWithin(beta[1], e.bn / total, 1e-12, '', 'beta track 0 report 1');
    expectWithin(beta[2], (e.nb + e.ab) / total, 1e-12, '', 'beta track 1 report 1');
    expectWithin(beta0[0], (e.nn + e.nb) / total, 1e-12, '', 'beta0 track 0');
    expectWithin(beta0[1], (e.nn + e.an + e.bn) / total, 1e-12, '', 'beta0 track 1');
  });

  it('cheap JPDA (large clusters) keeps every track probability between 0 and 1', () => {
    const pairs: GatedPair[] = [];
    for (let t = 0; t < 6; t++) for (let r = 0; r < 6; r++) pairs.push(pair(t, r, ((t - r) ** 2) / 2));
    const { beta, beta0 } = jointProbabilisticAssociation(6, pairs, { pd: 0.9, pg: 0.99, clutterDensity: 1, maxEvents: 10 });
    for (let t = 0; t < 6; t++) {
      const s = pairs.reduce((acc, p, k) => acc + (p.track === t ? beta[k] : 0), 0);
      expect(s + beta0[t]).toBeCloseTo(1, 9);
      expect(beta0[t]).toBeGreaterThanOrEqual(0);
    }
  });
});
