import * as satellite from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { SUN_SYNCHRONOUS_NODE_RATE, raanForLocalTime, sunSynchronousConstellation, sunSynchronousInclination } from '../../src/constellations/sun-synchronous.ts';
import { DEG } from '../../src/math/units.ts';
import { REV_PER_DAY } from '../../src/orbits/element-set.ts';
import { j2MeanAnglesAt, j2MeanOrbit } from '../../src/orbits/j2-secular.ts';
import { type Instant, asInstant } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectWithin } from '../helpers/miss.ts';

const epoch = parseIsoUtc('2026-01-01T00:00:00Z');
const fold = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

/** Right ascension of the mean Sun: the Astronomical Almanac's mean longitude L = 280.460 + 0.9856474 d deg (d: days from J2000). */
function meanSunRightAscension(t: Instant): number {
  return (280.46 + (0.9856474 * t) / 86400) * DEG;
}

describe('sun-synchronous inclination', () => {
  it('equals the J2 closed form, computed here with WGS-72, for several altitudes and eccentricities', () => {
    const mu = 398600.8e9;
    const re = 6378135;
    const j2 = 0.001082616;
    const rate = (2 * Math.PI) / (365.2422 * 86400);
    for (const [h, e] of [[400e3, 0], [550e3, 0], [800e3, 0.001], [1500e3, 0.05]]) {
      const a = 6378137 + h;
      const p = a * (1 - e * e);
      const n = Math.sqrt(mu / a ** 3);
      const expected = Math.acos(-rate / (1.5 * n * j2 * (re / p) ** 2));
      expectWithin(sunSynchronousInclination(h, e) / DEG, expected / DEG, 1e-10, 'deg', `inclination at ${h / 1000} km, e = ${e}`);
    }
  });

  it('matches the published values: 97.4 deg at 500 km, 98.2 deg at 700 km, 98.6 deg at 800 km (Wertz, SMAD)', () => {
    expectWithin(sunSynchronousInclination(500e3) / DEG, 97.4, 0.05, 'deg', '500 km');
    expectWithin(sunSynchronousInclination(700e3) / DEG, 98.19, 0.05, 'deg', '700 km');
    expectWithin(sunSynchronousInclination(800e3) / DEG, 98.6, 0.05, 'deg', '800 km');
  });

  it('rejects altitudes where no sun-synchronous orbit exists, and bad arguments, naming them', () => {
    expect(() => sunSynchronousInclination(7000e3)).toThrow(/altitude: .*too high.*7000000/);
    expect(() => sunSynchronousInclination(100e3)).toThrow(/altitude: .*150 km.*100000/);
    expect(() => sunSynchronousInclination(700e3, 1)).toThrow(/eccentricity: .*got 1/);
    expect(() => sunSynchronousInclination(Number.NaN)).toThrow(/altitude: .*NaN/);
  });

  it('keeps the J2 node at the same local time for half a year', () => {
    const sat = sunSynchronousConstellation({ epoch, owner: 'USA', constellation: 'sso', altitude: 700e3, localTimesOfAscendingNode: 22.5, satellitesPerPlane: 1 })[0];
    const orbit = j2MeanOrbit(sat.elements);
    for (const days of [0, 30, 91, 182]) {
      const t = asInstant(epoch + days * 86400);
      const offset = fold(j2MeanAnglesAt(orbit, t).raan - meanSunRightAscension(t)) / DEG;
      expectWithin(offset, (22.5 - 12) * 15, 0.02, 'deg', `node minus mean Sun after ${days} days`);
    }
  });

  it('drifts from sun-synchronism under SGP4 by its extra node terms only: under 1.5 deg per year', () => {
    const sat = sunSynchronousConstellation({ epoch, owner: 'USA', constellation: 'sso', altitude: 700e3, localTimesOfAscendingNode: 10.5, satellitesPerPlane: 1 })[0];
    const e = sat.elements;
    const rec = satellite.json2satrec({
      OBJECT_NAME: 'SSO', OBJECT_ID: 'X', EPOCH: '2026-01-01T00:00:00.000', MEAN_MOTION: e.meanMotion / REV_PER_DAY, ECCENTRICITY: 0,
      INCLINATION: e.inclination / DEG, RA_OF_ASC_NODE: e.raan / DEG, ARG_OF_PERICENTER: 0, MEAN_ANOMALY: 0,
      EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: 80001, ELEMENT_SET_NO: 999, REV_AT_EPOCH: 0, BSTAR: 0, MEAN_MOTION_DOT: 0, MEAN_MOTION_DDOT: 0,
    } as unknown as Parameters<typeof satellite.json2satrec>[0]);
    const driftDegPerYear = ((rec.nodedot / 60 - SUN_SYNCHRONOUS_NODE_RATE) * 365.2422 * 86400) / DEG;
    expect(Math.abs(driftDegPerYear)).toBeLessThan(1.5);
    expect(Math.abs(driftDegPerYear)).toBeGreaterThan(0.1);
  });
});

describe('local time of the ascending node', () => {
  it("puts the node 15 deg per hour of local time from the mean Sun (the Almanac's mean longitude)", () => {
    for (const [iso, ltan] of [['2026-01-01T00:00:00Z', 10.5], ['2026-06-21T13:45:00Z', 13.5], ['2030-09-09T05:00:00Z', 6], ['2026-03-01T23:00:00Z', 0]] as const) {
      const t = parseIsoUtc(iso);
      expectWithin(fold(raanForLocalTime(ltan, t) - meanSunRightAscension(t) - (ltan - 12) * 15 * DEG) / DEG, 0, 0.02, 'deg', `node at ${ltan} h on ${iso}`);
    }
    expect(() => raanForLocalTime(25, epoch)).toThrow(/localTimeHours: .*25/);
  });
});

describe('sunSynchronousConstellation', () => {
  it('builds one plane per local time with the sun-synchronous inclination and Walker-style phasing', () => {
    const sats = sunSynchronousConstellation({
      epoch, owner: 'JPN', constellation: 'igs-like', payload: 'eo', altitude: 500e3,
      localTimesOfAscendingNode: [10.5, 13.5], satellitesPerPlane: 3, phasing: 1, idPrefix: 'IGS-',
    });
    expect(sats).toHaveLength(6);
    expect(sats.map((s) => s.id)).toEqual(['IGS-01-01', 'IGS-01-02', 'IGS-01-03', 'IGS-02-01', 'IGS-02-02', 'IGS-02-03']);
    for (const s of sats) expectWithin(s.elements.inclination / DEG, sunSynchronousInclination(500e3) / DEG, 1e-12, 'deg', 'inclination');
    // Planes 3 h of local time apart are 45 deg apart in node.
    expectWithin(fold(sats[3].elements.raan - sats[0].elements.raan) / DEG, 45, 1e-9, 'deg', 'plane separation');
    // Slots 120 deg apart; plane 2 shifted by F 360/T = 60 deg.
    expectWithin(fold(sats[1].elements.meanAnomaly - sats[0].elements.meanAnomaly) / DEG, 120, 1e-9, 'deg', 'slot spacing');
    expectWithin(fold(sats[3].elements.meanAnomaly - sats[0].elements.meanAnomaly) / DEG, 60, 1e-9, 'deg', 'plane phasing');
    expect(sats.every((s) => s.owner === 'JPN' && s.payload === 'eo')).toBe(true);
  });

  it('names the field and value of bad options', () => {
    const base = { epoch, owner: 'USA', constellation: 'sso', altitude: 700e3, localTimesOfAscendingNode: [10], satellitesPerPlane: 2 };
    expect(() => sunSynchronousConstellation({ ...base, localTimesOfAscendingNode: [] })).toThrow(/localTimesOfAscendingNode: /);
    expect(() => sunSynchronousConstellation({ ...base, localTimesOfAscendingNode: [10, 30] })).toThrow(/localTimeHours: .*30/);
    expect(() => sunSynchronousConstellation({ ...base, satellitesPerPlane: 0 })).toThrow(/satellitesPerPlane: .*got 0/);
    expect(() => sunSynchronousConstellation({ ...base, phasing: 2 })).toThrow(/phasing: .*got 2/);
    expect(() => sunSynchronousConstellation({ ...base, owner: 'ZZZ' })).toThrow(/owner: .*"ZZZ"/);
    expect(() => sunSynchronousConstellation({ ...base, altitude: 9000e3 })).toThrow(/altitude: .*too high/);
  });
});
