import { readFileSync } from 'node:fs';
import * as satellite from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { AU, SUN_RADIUS, isInEarthShadow, isSunlit, sunElevation, sunPositionItrf, sunPositionTeme, sunlitFraction } from '../../src/bodies/sun.ts';
import { constantEarthOrientation } from '../../src/frames/earth-orientation.ts';
import { temeToItrf } from '../../src/frames/teme-itrf.ts';
import { DEG } from '../../src/math/units.ts';
import { type Instant, asInstant } from '../../src/time/instant.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectWithin } from '../helpers/miss.ts';

interface Reference {
  provenance: Record<string, unknown>;
  rows: Array<{ ttSecondsSinceJ2000: number; directionTeme: number[]; directionMeanOfDate: number[]; distanceAu: number }>;
}
// Made by scripts/build-reference/sun-skyfield.py (ERFA epv00 + Skyfield's TEME), see the file's provenance.
const reference = JSON.parse(readFileSync(new URL('./sun-reference.json', import.meta.url), 'utf8')) as Reference;

function angleDeg(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.hypot(cx, cy, cz), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / DEG;
}

describe('Sun position, Astronomical Almanac low-precision formulae', () => {
  it('is within 0.011 deg (stated: 0.01 deg) of an ERFA/Skyfield reduction in its own frame (mean of date), 1950-2050', () => {
    expect(reference.rows.length).toBe(300);
    let worstAngle = 0;
    let worstDistance = 0;
    for (const row of reference.rows) {
      const sun = sunPositionTeme(asInstant(row.ttSecondsSinceJ2000));
      worstAngle = Math.max(worstAngle, angleDeg(sun, row.directionMeanOfDate));
      worstDistance = Math.max(worstDistance, Math.abs(Math.hypot(sun[0], sun[1], sun[2]) / AU - row.distanceAu));
    }
    expectWithin(worstAngle, 0, 0.011, 'deg', 'largest direction error, mean equator and equinox of date');
    expectWithin(worstDistance, 0, 1e-4, 'AU', 'largest distance error');
  });

  it('is within 0.012 deg of the reference in TEME, the frame it is returned in (0.003 deg of frame difference added)', () => {
    let worstAngle = 0;
    for (const row of reference.rows) worstAngle = Math.max(worstAngle, angleDeg(sunPositionTeme(asInstant(row.ttSecondsSinceJ2000)), row.directionTeme));
    expectWithin(worstAngle, 0, 0.012, 'deg', 'largest direction error, TEME');
  });

  // Meeus, Astronomical Algorithms (2nd ed.), example 25.a: 1992 October 13.0 TD (JD 2448908.5),
  // apparent right ascension 13h13m31.4s and declination -7 deg 47' 06" (true equator and equinox of date).
  it("matches Meeus's example 25.a within 0.01 deg", () => {
    const t = asInstant((2448908.5 - 2451545.0) * 86400);
    const s = sunPositionTeme(t);
    const ra = Math.atan2(s[1], s[0]) / DEG + 360;
    const dec = Math.atan2(s[2], Math.hypot(s[0], s[1])) / DEG;
    expectWithin(ra, (13 + 13 / 60 + 31.4 / 3600) * 15, 0.01, 'deg', 'right ascension');
    expectWithin(dec, -(7 + 47 / 60 + 6 / 3600), 0.01, 'deg', 'declination');
    // Meeus's radius vector for the same date: 0.99766 AU.
    expectWithin(Math.hypot(s[0], s[1], s[2]) / AU, 0.99766, 2e-4, 'AU', 'distance');
  });

  // Equinox and solstice instants as published by the US Naval Observatory (Earth's seasons, 2024).
  it('puts the Sun on the equator at the March 2024 equinox and at +23.44 deg at the June solstice', () => {
    const equinox = sunPositionItrf(parseIsoUtc('2024-03-20T03:06Z'));
    expectWithin(Math.atan2(equinox[2], Math.hypot(equinox[0], equinox[1])) / DEG, 0, 0.01, 'deg', 'declination at the equinox');
    const solstice = sunPositionItrf(parseIsoUtc('2024-06-20T20:51Z'));
    // Obliquity of the ecliptic in 2024 (IAU 2006: 23.4393 deg) less the ~0.002 deg of nutation-free mean.
    expectWithin(Math.atan2(solstice[2], Math.hypot(solstice[0], solstice[1])) / DEG, 23.4362, 0.01, 'deg', 'declination at the solstice');
  });

  it('gives ITRF as TEME rotated by src/frames, with Earth orientation', () => {
    const eop = constantEarthOrientation({ ut1MinusUtcS: 0.3, xpArcsec: 0.2, ypArcsec: 0.4 });
    const t = parseIsoUtc('2025-01-15T06:00:00Z');
    const teme = sunPositionTeme(t);
    const expected = temeToItrf({ frame: 'TEME', t, r: teme, v: new Float64Array(3) }, eop).r;
    const got = sunPositionItrf(t, eop);
    expectWithin(Math.hypot(got[0] - expected[0], got[1] - expected[1], got[2] - expected[2]), 0, 1e-3, 'm', 'ITRF Sun against the frame transform');
    const out = new Float64Array(3);
    expect(sunPositionItrf(t, eop, out)).toBe(out);
  });

  it('names the field and value of a bad time', () => {
    expect(() => sunPositionTeme(Number.NaN as Instant)).toThrow(/t: .*NaN/);
  });
});

describe('Sun elevation and lighting', () => {
  const northPole = [0, 0, 6356752.3];
  const southPole = [0, 0, -6356752.3];
  it('sees the Sun on the horizon at the poles at the equinox and 23.44 deg up at the June solstice', () => {
    const equinox = parseIsoUtc('2024-03-20T03:06Z');
    expectWithin(sunElevation(northPole, equinox) / DEG, 0, 0.01, 'deg', 'north pole at the equinox');
    const solstice = parseIsoUtc('2024-06-20T20:51Z');
    expectWithin(sunElevation(northPole, solstice) / DEG, 23.436, 0.01, 'deg', 'north pole at the solstice');
    expectWithin(sunElevation(southPole, solstice) / DEG, -23.436, 0.01, 'deg', 'south pole at the solstice');
    expect(isSunlit(northPole, solstice)).toBe(true);
    expect(isSunlit(southPole, solstice)).toBe(false);
  });

  it('puts the Sun near the zenith at Greenwich-meridian noon on the equator at the equinox, less the equation of time', () => {
    // 2024-03-20 12:00 UTC: the equation of time is -7.5 min (the Sun transits Greenwich at 12:07.5), so the Sun
    // is 1.9 deg east of the zenith, and by declination ~0.18 deg north: elevation 90 - 1.9 deg.
    const point = [6378137, 0, 0];
    expectWithin(sunElevation(point, parseIsoUtc('2024-03-20T12:00:00Z')) / DEG, 90 - Math.hypot(7.5 * 0.25, 0.18), 0.1, 'deg', 'elevation');
  });

  it('honours a minimum elevation (e.g. the sunrise convention)', () => {
    const t = parseIsoUtc('2024-03-20T03:06Z');
    // At the equinox the north pole's Sun is on the geometric horizon: above -50', below +1 deg.
    expect(isSunlit(northPole, t, undefined, (-50 / 60) * DEG)).toBe(true);
    expect(isSunlit(northPole, t, undefined, 1 * DEG)).toBe(false);
  });
});

describe('Earth shadow (conical)', () => {
  const sun = [AU, 0, 0];
  it('is full sun on the day side, umbra straight behind, and penumbra fractions agree with satellite.js', () => {
    const r = 7e6;
    expect(sunlitFraction([r, 0, 0], sun)).toBe(1);
    expect(sunlitFraction([-r, 0, 0], sun)).toBe(0);
    expect(isInEarthShadow([-r, 0, 0], sun)).toBe(true);
    expect(isInEarthShadow([r, 0, 0], sun)).toBe(false);
    expect(isInEarthShadow([0, r, 0], sun)).toBe(false);
    // Walk through the penumbra on a circle of radius r behind the Earth.
    const edge = Math.PI / 2 + Math.asin(6378137 / r);
    for (let k = -20; k <= 20; k++) {
      const theta = edge + (k * 0.01) / 20;
      const p = [r * Math.cos(theta), r * Math.sin(theta), 0];
      const ours = sunlitFraction(p, sun);
      const theirs = 1 - satellite.shadowFraction({ x: 1, y: 0, z: 0 } as never, { x: p[0] / 1000, y: p[1] / 1000, z: p[2] / 1000 } as never);
      // satellite.js measures the Sun's direction from the Earth's centre, not the satellite: 1 % of the disc.
      expectWithin(ours, theirs, 0.02, '', `sunlit fraction at ${(theta / DEG).toFixed(3)} deg`);
      expect(ours).toBeGreaterThanOrEqual(0);
      expect(ours).toBeLessThanOrEqual(1);
    }
  });

  it('has a penumbra as wide as the Sun disc seen from the satellite (closed form), and the shadow flag switches at half light', () => {
    const r = 7e6;
    const a = Math.asin(SUN_RADIUS / AU);
    const b = Math.asin(6378137 / r);
    // At angle theta from the Sun line the separation between Sun and Earth centres is pi - theta (parallax ignored).
    const outer = Math.PI - (b + a) + 1e-6;
    const inner = Math.PI - (b - a) - 1e-6;
    const at = (theta: number) => [r * Math.cos(theta), r * Math.sin(theta), 0];
    // Parallax (r / AU, 5e-5 rad) is the slack in the closed form.
    expect(sunlitFraction(at(outer - 1e-4), sun)).toBe(1);
    expect(sunlitFraction(at(outer + 1e-4), sun)).toBeLessThan(1);
    expect(sunlitFraction(at(inner + 1e-4), sun)).toBe(0);
    expect(sunlitFraction(at(inner - 1e-4), sun)).toBeGreaterThan(0);
    const middle = Math.PI - b;
    expect(isInEarthShadow(at(middle + 1e-4), sun)).toBe(true);
    expect(isInEarthShadow(at(middle - 1e-4), sun)).toBe(false);
    expectWithin(sunlitFraction(at(middle), sun), 0.5, 0.01, '', 'sunlit fraction with the Sun centre on the limb');
  });

  it('counts a point inside the Earth as in shadow', () => {
    expect(sunlitFraction([1e6, 0, 0], sun)).toBe(0);
    expect(isInEarthShadow([1e6, 0, 0], sun)).toBe(true);
  });
});
