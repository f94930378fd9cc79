import { describe, expect, it } from 'vitest';
import type { PositionSource } from '../../src/access/trajectory.ts';
import { groundSite } from '../../src/access/trajectory.ts';
import { EARTH_RADIUS_EQUATORIAL } from '../../src/bodies/earth.ts';
import { DEG } from '../../src/math/units.ts';
import { contactIntervals, deliveryDelay, latencyFigures } from '../../src/studies/downlink.ts';
import type { Instant } from '../../src/time/instant.ts';
import { expectWithin } from '../helpers/miss.ts';

const at = (s: number) => s as Instant;

describe('delivery delay: a report waits for the next contact', () => {
  const contacts = [
    { start: at(100), end: at(200) },
    { start: at(500), end: at(650) },
  ];
  it('is zero inside a contact, the wait to the next start outside, null after the last', () => {
    expect(deliveryDelay(contacts, at(150))).toBe(0);
    expect(deliveryDelay(contacts, at(100))).toBe(0);
    expect(deliveryDelay(contacts, at(200))).toBe(0);
    expect(deliveryDelay(contacts, at(0))).toBe(100);
    expect(deliveryDelay(contacts, at(201))).toBe(299);
    expect(deliveryDelay(contacts, at(651))).toBeNull();
    expect(deliveryDelay([], at(0))).toBeNull();
  });

  it('summarises delays: sent at once, nearest-rank median and 95th percentile, never delivered', () => {
    const delays = [0, 0, 0, 10, 20, 30, 40, 50, 60, 1000, null, null];
    const f = latencyFigures(delays);
    expect(f.reports).toBe(12);
    expect(f.inContactPercent).toBeCloseTo(25, 12);
    // Ten delivered, sorted: the 5th is the median and the 10th (ceil(9.5)) the 95th percentile.
    expect(f.medianS).toBe(20);
    expect(f.p95S).toBe(1000);
    expect(f.maxS).toBe(1000);
    expect(f.undeliveredPercent).toBeCloseTo((100 * 2) / 12, 12);
    expect(latencyFigures([null]).medianS).toBeNull();
  });
});

describe('contact intervals of a satellite over ground stations', () => {
  // An equatorial circular orbit at 1,000 km, prograde, over an equatorial station: in the Earth-
  // fixed frame the satellite's longitude advances at n - w. Above a mask e the station sees it
  // within the Earth central angle lambda = acos(R cos(e) / (R + h)) - e of the station, so each
  // pass lasts 2 lambda / (n - w) (closed form; the station is on the equator, where the
  // ellipsoid's radius is R and its normal is radial).
  const R = EARTH_RADIUS_EQUATORIAL;
  const h = 1_000_000;
  const mu = 3.986004418e14;
  const n = Math.sqrt(mu / (R + h) ** 3);
  const w = 7.292115146706979e-5;
  const rate = n - w;
  const satellite: PositionSource = {
    positionAt(t, out) {
      out[0] = (R + h) * Math.cos(rate * t);
      out[1] = (R + h) * Math.sin(rate * t);
      out[2] = 0;
      return out;
    },
  };
  const station = (lonDeg: number, maskDeg: number) => ({ site: groundSite({ lat: 0, lon: lonDeg * DEG, height: 0 }), minElevation: maskDeg * DEG });

  it('gives each pass its closed-form length, centred on the station', () => {
    const mask = 5 * DEG;
    const lambda = Math.acos((R * Math.cos(mask)) / (R + h)) - mask;
    const period = (2 * Math.PI) / rate;
    const passes = contactIntervals(satellite, [station(90, 5)], { start: at(0), end: at(3 * period), step: 20, tolerance: 0.01 });
    expect(passes.length).toBe(3);
    for (const [k, p] of passes.entries()) {
      expectWithin(p.end - p.start, (2 * lambda) / rate, 0.05, 's', `pass ${k} length`);
      expectWithin((p.start + p.end) / 2, (Math.PI / 2 + 2 * Math.PI * k) / rate, 0.05, 's', `pass ${k} centre`);
    }
  });

  it('unites the passes of several stations, and has none without a station', () => {
    const period = (2 * Math.PI) / rate;
    const window = { start: at(0), end: at(period), step: 20, tolerance: 0.01 };
    const a = contactIntervals(satellite, [station(90, 5)], window);
    const b = contactIntervals(satellite, [station(180, 5)], window);
    const both = contactIntervals(satellite, [station(90, 5), station(180, 5)], window);
    expect(both.length).toBe(2);
    expectWithin(both[0].start, a[0].start, 0.02, 's', 'first station pass');
    expectWithin(both[1].end, b[0].end, 0.02, 's', 'second station pass');
    // Stations 10 deg apart: their passes overlap into one contact.
    const near = contactIntervals(satellite, [station(90, 5), station(100, 5)], window);
    expect(near.length).toBe(1);
    expect(contactIntervals(satellite, [], window)).toEqual([]);
  });
});
