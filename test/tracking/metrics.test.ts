import { describe, expect, it } from 'vitest';
import { gospa, ospa } from '../../src/tracking/metrics/gospa.ts';
import { scoreTracks } from '../../src/tracking/metrics/score.ts';
import type { TrackSnapshot, TruthSample } from '../../src/tracking/types.ts';
import type { Instant } from '../../src/time/instant.ts';
import { expectWithin } from '../helpers/miss.ts';

describe('metrics', () => {
  it('GOSPA splits into localisation, missed and false parts (closed form)', () => {
    const c = 1000;
    const truths = [[0, 0, 0], [5000, 0, 0]];
    const estimates = [[30, 40, 0], [9000, 0, 0], [0, 9000, 0]];
    const g = gospa(estimates, truths, c);
    // Pair (0, 0) at 50 m; truth 1 missed; estimates 1 and 2 false.
    expectWithin(g.distance, Math.sqrt(50 ** 2 + (c ** 2 / 2) * 3), 1e-9, 'm', 'GOSPA');
    expect(g.missed).toBe(1);
    expect(g.false).toBe(2);
  });

  it('OSPA against its definition', () => {
    const c = 100;
    const d = ospa([[3, 4, 0]], [[0, 0, 0], [1000, 0, 0]], c);
    expectWithin(d, Math.sqrt((25 + c * c) / 2), 1e-9, 'm', 'OSPA');
    expect(ospa([], [], c)).toBe(0);
    expect(ospa([[0, 0, 0]], [], c)).toBe(c);
  });

  function track(id: string, t: number, x: number, sigma = 100): TrackSnapshot {
    const P = new Float64Array(9);
    P[0] = P[4] = P[8] = sigma * sigma;
    return {
      trackId: id, t: t as Instant, status: 'confirmed', position: new Float64Array([x, 0, 0]), velocity: new Float64Array([10, 0, 0]),
      positionCovariance: P, velocityCovariance: P, classification: 'unknown', releasableTo: [], reportIds: [], lastUpdate: t as Instant,
    };
  }
  const truth = (t: number, x: number, inView = 3): TruthSample => ({ objectId: 'A', t: t as Instant, position: new Float64Array([x, 0, 0]), velocity: new Float64Array([10, 0, 0]), sensorsInView: inView });

  it('counts id switches, fragmentation, custody, time to confirmed, false tracks and NEES', () => {
    const truths = [0, 1, 2, 3, 4, 5, 6].map((t) => truth(t, 10 * t, t === 0 ? 1 : 3));
    const tracks = [
      track('T1', 2, 20 + 100), // 100 m error with 100 m sigma: NEES 1
      track('T1', 3, 30),
      // t = 4: no track (fragmentation)
      track('T2', 5, 50), // id switch T1 -> T2
      track('T2', 6, 60, 2000),
      track('T9', 6, 50e3), // false
    ];
    const s = scoreTracks(tracks, truths, { cutoff: 10e3, fireControlSigma: 1000 });
    expect(s.idSwitches).toBe(1);
    expect(s.fragmentations).toBe(1);
    // Eligible from t = 1 (two or more sensors): 6 samples, held at 2, 3, 5, 6.
    expectWithin(s.custody, 4 / 6, 1e-12, '', 'custody');
    expectWithin(s.fireControlFraction, 3 / 6, 1e-12, '', 'fire-control fraction');
    expectWithin(s.meanTimeToConfirmed, 1, 1e-9, 's', 'time to confirmed');
    expect(s.falseTracks).toBe(1);
    expectWithin(s.meanNees, (1 + 0 + 0 + 0) / 4, 1e-9, '', 'NEES');
    expectWithin(s.positionRmse, Math.sqrt(100 ** 2 / 4), 1e-9, 'm', 'RMSE');
  });

  it('keeps a second RMSE over the samples custody counts only', () => {
    // Seen by one sensor at t = 0 and 1 (a track 400 m off), by three at t = 2 and 3 (30 m off).
    const truths = [0, 1, 2, 3].map((t) => truth(t, 10 * t, t < 2 ? 1 : 3));
    const tracks = [track('T1', 0, 400), track('T1', 1, 410), track('T1', 2, 50), track('T1', 3, 60)];
    const s = scoreTracks(tracks, truths, { cutoff: 10e3, fireControlSigma: 1000, minSensorsInView: 2 });
    expectWithin(s.positionRmse, Math.sqrt((2 * 400 ** 2 + 2 * 30 ** 2) / 4), 1e-9, 'm', 'RMSE, all matches');
    expectWithin(s.eligiblePositionRmse, 30, 1e-9, 'm', 'RMSE where custody counts');
    const none = scoreTracks(tracks.slice(0, 2), truths.slice(0, 2), { minSensorsInView: 2 });
    expect(none.eligiblePositionRmse).toBeNaN();
  });
});
