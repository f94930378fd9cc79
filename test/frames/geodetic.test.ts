import fc from 'fast-check';
import * as satellite from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { WGS84, WGS84_B, WGS84_E2 } from '../../src/bodies/earth.ts';
import { geodeticToItrf, itrfToGeodetic } from '../../src/frames/geodetic.ts';
import { lookAngles, topocentricSite } from '../../src/frames/topocentric.ts';
import { lvlhBasis, rswBasis, toBasis, fromBasis } from '../../src/frames/lvlh.ts';
import { DEG } from '../../src/math/units.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

/** A second method: Bowring's iteration, run to convergence, independent of the closed form under test. */
function bowringLatitude(x: number, y: number, z: number): { lat: number; height: number } {
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - WGS84_E2));
  for (let i = 0; i < 20; i++) {
    const n = WGS84.a / Math.sqrt(1 - WGS84_E2 * Math.sin(lat) ** 2);
    lat = Math.atan2(z + WGS84_E2 * n * Math.sin(lat), p);
  }
  const n = WGS84.a / Math.sqrt(1 - WGS84_E2 * Math.sin(lat) ** 2);
  const height = Math.abs(lat) < Math.PI / 4 ? p / Math.cos(lat) - n : z / Math.sin(lat) - n * (1 - WGS84_E2);
  return { lat, height };
}

describe('WGS-84 geodetic <-> ITRF', () => {
  it('puts the equator-meridian point at a and the pole at b', () => {
    expectVectorWithin(geodeticToItrf({ lat: 0, lon: 0, height: 0 }), [WGS84.a, 0, 0], 1e-9, 'm');
    expectVectorWithin(geodeticToItrf({ lat: Math.PI / 2, lon: 0, height: 0 }), [0, 0, WGS84_B], 1e-6, 'm');
    const pole = itrfToGeodetic(0, 0, WGS84_B + 1000);
    expectWithin(pole.height, 1000, 1e-6, 'm', 'height over the pole');
  });

  it('round trips from -10 km to GEO under a micrometre (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89.999, max: 89.999, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -10_000, max: 36_000_000, noNaN: true }),
        (latDeg, lonDeg, h) => {
          const r = geodeticToItrf({ lat: latDeg * DEG, lon: lonDeg * DEG, height: h });
          const g = itrfToGeodetic(r[0], r[1], r[2]);
          const back = geodeticToItrf(g);
          expectVectorWithin(back, r, 1e-6, 'm', 'round trip');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with Bowring iteration on latitude and height (second method)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: 0, max: 2_000_000, noNaN: true }),
        (latDeg, h) => {
          const r = geodeticToItrf({ lat: latDeg * DEG, lon: 0.3, height: h });
          const g = itrfToGeodetic(r[0], r[1], r[2]);
          const b = bowringLatitude(r[0], r[1], r[2]);
          expectWithin(g.lat, b.lat, 1e-12, 'rad', 'latitude');
          expectWithin(g.height, b.height, 1e-6, 'm', 'height');
        },
      ),
    );
  });
});

describe('topocentric look angles', () => {
  it('see a point straight up at 90 deg elevation and the range', () => {
    const site = topocentricSite({ lat: 35 * DEG, lon: 139 * DEG, height: 40 });
    const above = geodeticToItrf({ lat: 35 * DEG, lon: 139 * DEG, height: 500_040 });
    const look = lookAngles(site, above);
    expectWithin(look.elevation, Math.PI / 2, 1e-9, 'rad', 'elevation');
    expectWithin(look.range, 500_000, 1e-6, 'm', 'range');
  });

  it('agree with satellite.js ecfToLookAngles (second method)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -3e6, max: 3e6, noNaN: true }),
        fc.double({ min: -3e6, max: 3e6, noNaN: true }),
        fc.double({ min: 3e5, max: 2e6, noNaN: true }),
        (latDeg, lonDeg, de, dn, du) => {
          // Straight overhead the azimuth is undefined.
          fc.pre(Math.hypot(de, dn) > 1000);
          const site = topocentricSite({ lat: latDeg * DEG, lon: lonDeg * DEG, height: 0 });
          const target = [0, 1, 2].map((k) => site.position[k] + de * site.east[k] + dn * site.north[k] + du * site.up[k]);
          const ours = lookAngles(site, target);
          const theirs = satellite.ecfToLookAngles(
            { latitude: latDeg * DEG, longitude: lonDeg * DEG, height: 0 },
            { x: target[0] / 1000, y: target[1] / 1000, z: target[2] / 1000 },
          );
          expectWithin(ours.elevation, theirs.elevation, 1e-8, 'rad', 'elevation');
          expectWithin(ours.range, theirs.rangeSat * 1000, 1e-4, 'm', 'range');
          const dAz = Math.abs(Math.atan2(Math.sin(ours.azimuth - theirs.azimuth), Math.cos(ours.azimuth - theirs.azimuth)));
          expectWithin(dAz, 0, 1e-8, 'rad', 'azimuth');
        },
      ),
    );
  });
});

describe('local orbital frames', () => {
  it('LVLH: z to nadir, y against the orbit normal, x along the velocity of a circular orbit', () => {
    const r = [7000e3, 0, 0];
    const v = [0, 7546, 0];
    const b = lvlhBasis(r, v);
    expectVectorWithin(b.z, [-1, 0, 0], 1e-15, '');
    expectVectorWithin(b.y, [0, 0, -1], 1e-15, '');
    expectVectorWithin(b.x, [0, 1, 0], 1e-15, '');
    const rsw = rswBasis(r, v);
    expectVectorWithin(rsw.y, [0, 1, 0], 1e-15, '');
  });

  it('rotates into and out of a basis without change (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 9, maxLength: 9 }), (a) => {
        const r = a.slice(0, 3);
        const v = a.slice(3, 6);
        const crossNorm = Math.hypot(r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2], r[0] * v[1] - r[1] * v[0]);
        fc.pre(Math.hypot(...r) > 1 && crossNorm > 1e-3 * Math.hypot(...r) * Math.hypot(...v) && crossNorm > 1);
        const basis = lvlhBasis(r, v);
        const w = a.slice(6, 9);
        const back = fromBasis(basis, toBasis(basis, w));
        expectVectorWithin(back, w, 1e-8 * (1 + Math.hypot(...w)), 'm');
        expect(Math.abs(basis.x[0] * basis.y[0] + basis.x[1] * basis.y[1] + basis.x[2] * basis.y[2])).toBeLessThan(1e-12);
      }),
    );
  });
});
