/**
 * Data association within one sensor frame (Stone Soup's Associator role). Inputs are the
 * gated track-report pairs with their normalised innovation squared (NIS); outputs say which
 * report updates which track (GNN) or with what probability (JPDA).
 */
import { AssignmentSolver } from '../../math/assignment.ts';

export interface GatedPair {
  readonly track: number;
  readonly report: number;
  /** Normalised innovation squared. */
  readonly nis: number;
  /** log det(2 pi S) of the pair's innovation covariance. */
  readonly logNorm: number;
}

/**
 * Global nearest neighbour: the minimum-total-NIS assignment of reports to tracks, each track
 * free to take no report at the price of the gate threshold (so a far report is not forced onto
 * a track to make the count up). The problem is split into clusters of tracks linked through
 * shared reports and each solved optimally, which gives the same answer as one big assignment
 * (clusters share nothing) at a fraction of the cost. Returns the report index per track (-1: none).
 */
export function globalNearestNeighbour(
  nTracks: number, _nReports: number, pairs: readonly GatedPair[], gate: number, solver: AssignmentSolver, scratch?: GnnScratch,
): Int32Array {
  const result = new Int32Array(nTracks).fill(-1);
  if (pairs.length === 0) return result;
  for (const cluster of clusterPairs(nTracks, pairs)) {
    if (cluster.length === 1) {
      const p = pairs[cluster[0]];
      if (p.nis < gate) result[p.track] = p.report;
      continue;
    }
    const tracks = [...new Set(cluster.map((k) => pairs[k].track))];
    const reports = [...new Set(cluster.map((k) => pairs[k].report))];
    const rowOf = new Map(tracks.map((t, i) => [t, i]));
    const colOf = new Map(reports.map((r, j) => [r, j]));
    const nr = tracks.length;
    const cols = reports.length + nr;
    let cost: Float64Array;
    if (scratch) {
      if (scratch.cost.length < nr * cols) scratch.cost = new Float64Array(2 * nr * cols);
      cost = scratch.cost;
      cost.fill(Number.POSITIVE_INFINITY, 0, nr * cols);
    } else cost = new Float64Array(nr * cols).fill(Number.POSITIVE_INFINITY);
    for (const k of cluster) cost[rowOf.get(pairs[k].track)! * cols + colOf.get(pairs[k].report)!] = pairs[k].nis;
    for (let i = 0; i < nr; i++) cost[i * cols + reports.length + i] = gate;
    solver.solve(cost, nr, cols);
    for (let i = 0; i < nr; i++) {
      const j = solver.rowToCol[i];
      if (j >= 0 && j < reports.length) result[tracks[i]] = reports[j];
    }
  }
  return result;
}

/**
 * A cost matrix kept between calls of `globalNearestNeighbour` (a caller that associates every
 * frame): a cluster of 120 tracks and their reports is a 130 kB matrix, garbage every frame.
 */
export interface GnnScratch {
  cost: Float64Array;
}

/** Pair indices grouped into clusters of tracks connected through shared reports, in a deterministic order. */
export function clusterPairs(nTracks: number, pairs: readonly GatedPair[]): number[][] {
  const parent = new Int32Array(nTracks);
  for (let i = 0; i < nTracks; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const firstTrackOfReport = new Map<number, number>();
  for (const p of pairs) {
    const other = firstTrackOfReport.get(p.report);
    if (other === undefined) firstTrackOfReport.set(p.report, p.track);
    else parent[find(p.track)] = find(other);
  }
  const clusters = new Map<number, number[]>();
  pairs.forEach((p, k) => {
    const root = find(p.track);
    const list = clusters.get(root);
    if (list) list.push(k);
    else clusters.set(root, [k]);
  });
  return [...clusters.values()];
}

export interface JpdaOptions {
  /** Probability of detection. */
  pd: number;
  /** Gate probability. */
  pg: number;
  /** False-alarm density in the tangent plane, per rad^2 (= per steradian). */
  clutterDensity: number;
  /** Largest number of joint events enumerated exactly per cluster; beyond it, the cheap JPDA approximation. */
  maxEvents: number;
}

export interface JpdaResult {
  /** Association probability per gated pair, in the order given. */
  readonly beta: Float64Array;
  /** Probability that no report is the track's, per track. */
  readonly beta0: Float64Array;
}

/**
 * Joint probabilistic data association (Fortmann, Bar-Shalom & Scheffe 1983): the probability
 * of each pair marginalised over every feasible joint event (each report to at most one track,
 * each track at most one report), computed exactly per cluster of tracks that share reports.
 * Clusters with too many events fall back to Fitzgerald's cheap JPDA.
 */
export function jointProbabilisticAssociation(nTracks: number, pairs: readonly GatedPair[], options: JpdaOptions): JpdaResult {
  const beta = new Float64Array(pairs.length);
  const beta0 = new Float64Array(nTracks).fill(1);
  if (pairs.length === 0) return { beta, beta0 };
  const miss = 1 - options.pd * options.pg;
  // Likelihood ratio of "report j is track i's" against "report j is clutter".
  const ratio = pairs.map((p) => (options.pd * Math.exp(-0.5 * (p.nis + p.logNorm))) / options.clutterDensity);
  for (const pairIndices of clusterPairs(nTracks, pairs)) {
    const tracks = [...new Set(pairIndices.map((k) => pairs[k].track))].sort((a, b) => a - b);
    const options2 = tracks.map((t) => pairIndices.filter((k) => pairs[k].track === t));
    let events = 1;
    for (const o of options2) events *= o.length + 1;
    if (events <= options.maxEvents) {
      // Exact enumeration, depth first over the cluster's tracks.
      const weightOfPair = new Float64Array(pairIndices.length);
      const weightOfMiss = new Float64Array(tracks.length);
      const localIndex = new Map(pairIndices.map((k, i) => [k, i]));
      const usedReports = new Set<number>();
      const chosen: number[] = [];
      let total = 0;
      const recurse = (ti: number, w: number) => {
        if (ti === tracks.length) {
          total += w;
          for (let a = 0; a < tracks.length; a++) {
            const k = chosen[a];
            if (k < 0) weightOfMiss[a] += w;
            else weightOfPair[localIndex.get(k)!] += w;
          }
          return;
        }
        chosen[ti] = -1;
        recurse(ti + 1, w * miss);
        for (const k of options2[ti]) {
          const r = pairs[k].report;
          if (usedReports.has(r)) continue;
          usedReports.add(r);
          chosen[ti] = k;
          recurse(ti + 1, w * ratio[k]);
          usedReports.delete(r);
        }
        chosen[ti] = -1;
      };
      recurse(0, 1);
      if (!(total > 0)) continue;
      pairIndices.forEach((k, i) => (beta[k] = weightOfPair[i] / total));
      tracks.forEach((t, a) => (beta0[t] = weightOfMiss[a] / total));
    } else {
      // Cheap JPDA: beta_ij = G_ij / (T_i + R_j - G_ij + B).
      const trackSum = new Map<number, number>();
      const reportSum = new Map<number, number>();
      for (const k of pairIndices) {
        const p = pairs[k];
        trackSum.set(p.track, (trackSum.get(p.track) ?? 0) + ratio[k]);
        reportSum.set(p.report, (reportSum.get(p.report) ?? 0) + ratio[k]);
      }
      for (const k of pairIndices) {
        const p = pairs[k];
        beta[k] = ratio[k] / (trackSum.get(p.track)! + reportSum.get(p.report)! - ratio[k] + miss);
      }
      for (const t of tracks) {
        let s = 0;
        for (const k of pairIndices) if (pairs[k].track === t) s += beta[k];
        beta0[t] = Math.max(0, 1 - s);
      }
    }
  }
  return { beta, beta0 };
}
