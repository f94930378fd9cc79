import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEG } from '../../src/math/units.ts';
import { eccentricFromMean, meanFromEccentric, meanFromTrue, trueFromMean } from '../../src/orbits/anomaly.ts';
import { type ClassicalElements, elementsFromState, stateFromElements } from '../../src/orbits/elements.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

const MU = 398600.4418e9;

/** Difference of two angles folded into [-pi, pi). */
const angleMiss = (a: number, b: number) => Math.abs((((a - b + Math.PI) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI) - Math.PI);

describe('classical elements from a state', () => {
  // Vallado, Fundamentals of Astrodynamics and Applications, example 2-5 (RV2COE).
  it("reproduces Vallado's example 2-5 to the digits published", () => {
    const el = elementsFromState([6524834, 6862875, 6448296], [4901.327, 5533.756, -1976.341], MU);
    // The velocity is printed to 1 mm/s; on this e = 0.83 orbit that alone moves a by up to 30 m.
    expectWithin(el.semiMajorAxis / 1000, 36127.343, 0.03, 'km', 'a');
    expectWithin(el.eccentricity, 0.832853, 1e-6, '', 'e');
    expectWithin(el.inclination / DEG, 87.87, 0.001, 'deg', 'i');
    expectWithin(el.raan / DEG, 227.89, 0.01, 'deg', 'raan');
    expectWithin(el.argOfPerigee / DEG, 53.38, 0.01, 'deg', 'argument of perigee');
    expectWithin(el.trueAnomaly / DEG, 92.335, 0.001, 'deg', 'true anomaly');
  });

  it('writes the argument of latitude into the true anomaly of a circular inclined orbit', () => {
    const a = 7e6;
    const vc = Math.sqrt(MU / a);
    const i = 50 * DEG;
    const u = 30 * DEG;
    // Node on the x axis, so the position is at argument of latitude u.
    const r = [a * Math.cos(u), a * Math.sin(u) * Math.cos(i), a * Math.sin(u) * Math.sin(i)];
    const v = [-vc * Math.sin(u), vc * Math.cos(u) * Math.cos(i), vc * Math.cos(u) * Math.sin(i)];
    const el = elementsFromState(r, v, MU);
    expect(el.argOfPerigee).toBe(0);
    expectWithin(el.trueAnomaly / DEG, 30, 1e-9, 'deg', 'argument of latitude');
    expectWithin(el.raan, 0, 1e-12, 'rad', 'raan');
  });

  it('writes the longitude of perigee into the argument of perigee of an equatorial orbit, prograde and retrograde', () => {
    // Perigee at 120 deg from the x axis; the satellite at 200 deg.
    const rp = 7e6;
    const e = 0.1;
    const vp = Math.sqrt((MU * (1 + e)) / rp);
    const pro = elementsFromState([rp * Math.cos(120 * DEG), rp * Math.sin(120 * DEG), 0], [-vp * Math.sin(120 * DEG), vp * Math.cos(120 * DEG), 0], MU);
    expect(pro.raan).toBe(0);
    expectWithin(pro.argOfPerigee / DEG, 120, 1e-9, 'deg', 'longitude of perigee (prograde)');
    expectWithin(pro.trueAnomaly, 0, 1e-9, 'rad', 'true anomaly at perigee');
    const retro = elementsFromState([rp * Math.cos(120 * DEG), rp * Math.sin(120 * DEG), 0], [vp * Math.sin(120 * DEG), -vp * Math.cos(120 * DEG), 0], MU);
    expectWithin(retro.inclination / DEG, 180, 1e-12, 'deg', 'retrograde inclination');
    // Measured in the direction of motion, 120 deg counter-clockwise is 240 deg clockwise.
    expectWithin(retro.argOfPerigee / DEG, 240, 1e-9, 'deg', 'longitude of perigee (retrograde)');
  });

  it('writes the true longitude into the true anomaly of a circular equatorial orbit', () => {
    const a = 4.2164e7;
    const vc = Math.sqrt(MU / a);
    const lon = 250 * DEG;
    const el = elementsFromState([a * Math.cos(lon), a * Math.sin(lon), 0], [-vc * Math.sin(lon), vc * Math.cos(lon), 0], MU);
    expect(el.raan).toBe(0);
    expect(el.argOfPerigee).toBe(0);
    expectWithin(el.trueAnomaly / DEG, 250, 1e-9, 'deg', 'true longitude');
  });

  it('names the field and value of bad input', () => {
    expect(() => elementsFromState([7e6, 0, 0], [7e3, 0, 0], MU)).toThrow(/v: .*rectilinear.*\[7000,0,0\]/);
    expect(() => elementsFromState([7e6, 0, Number.NaN], [0, 7e3, 0], MU)).toThrow(/r\[2\]: .*NaN/);
    expect(() => elementsFromState([7e6, 0, 0], [0, 7e3, 0], 0)).toThrow(/mu: .*got 0/);
    const ok: ClassicalElements = { semiMajorAxis: 7e6, eccentricity: 0.1, inclination: 1, raan: 0, argOfPerigee: 0, trueAnomaly: 0 };
    expect(() => stateFromElements({ ...ok, eccentricity: -0.1 }, MU)).toThrow(/eccentricity: .*-0.1/);
    expect(() => stateFromElements({ ...ok, eccentricity: 1 }, MU)).toThrow(/eccentricity: .*parabolic.*got 1/);
    expect(() => stateFromElements({ ...ok, semiMajorAxis: -7e6 }, MU)).toThrow(/semiMajorAxis: .*-7000000/);
    expect(() => stateFromElements({ ...ok, eccentricity: 2 }, MU)).toThrow(/semiMajorAxis: .*hyperbola.*7000000/);
    expect(() => stateFromElements({ ...ok, inclination: 4 }, MU)).toThrow(/inclination: .*got 4/);
    expect(() => stateFromElements({ ...ok, raan: Number.POSITIVE_INFINITY }, MU)).toThrow(/raan: .*Infinity/);
    expect(() => stateFromElements({ ...ok, semiMajorAxis: -7e6, eccentricity: 2, trueAnomaly: 3 }, MU)).toThrow(/trueAnomaly: .*asymptotes.*got 3/);
  });
});

describe('round trips (property)', () => {
  // Eccentricity from exactly 0 (and tiny values) to 0.95; inclination over the whole [0, 180] deg, ends included.
  const eccentricity = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1e-6, noNaN: true }), fc.double({ min: 0, max: 0.95, maxExcluded: true, noNaN: true }));
  const inclination = fc.oneof(fc.constant(0), fc.constant(Math.PI), fc.double({ min: 0, max: Math.PI, noNaN: true }));
  const angle = fc.double({ min: 0, max: 2 * Math.PI, maxExcluded: true, noNaN: true });
  const elements = fc.record({
    semiMajorAxis: fc.double({ min: 6.5e6, max: 1e8, noNaN: true }),
    eccentricity,
    inclination,
    raan: angle,
    argOfPerigee: angle,
    trueAnomaly: angle,
  });

  it('state -> elements -> state returns the state to 1e-12 of its size', () => {
    fc.assert(
      fc.property(elements, (el) => {
        const s = stateFromElements(el, MU);
        const back = stateFromElements(elementsFromState(s.r, s.v, MU), MU);
        const rMag = Math.hypot(s.r[0], s.r[1], s.r[2]);
        const vMag = Math.hypot(s.v[0], s.v[1], s.v[2]);
        expectVectorWithin(back.r, s.r, 1e-12 * rMag * 10, 'm', 'position');
        expectVectorWithin(back.v, s.v, 1e-12 * vMag * 10, 'm/s', 'velocity');
      }),
      { numRuns: 1000 },
    );
  });

  it('elements -> state -> elements returns each element that is defined, and the combinations that stay defined', () => {
    fc.assert(
      fc.property(elements, (el) => {
        const s = stateFromElements(el, MU);
        const back = elementsFromState(s.r, s.v, MU);
        expectWithin(back.semiMajorAxis, el.semiMajorAxis, 1e-11 * el.semiMajorAxis / (1 - el.eccentricity), 'm', 'a');
        expectWithin(back.eccentricity, el.eccentricity, 1e-12, '', 'e');
        expectWithin(back.inclination, el.inclination, 1e-12, 'rad', 'i');
        const sinI = Math.sin(el.inclination);
        const prograde = el.inclination < Math.PI / 2;
        // Longitudes add the node to the perigee (prograde) or subtract it (retrograde): those stay defined.
        const sgn = prograde ? 1 : -1;
        if (sinI > 1e-6) expect(angleMiss(back.raan, el.raan)).toBeLessThan(1e-9);
        if (el.eccentricity > 1e-6) {
          expect(angleMiss(sgn * back.raan + back.argOfPerigee, sgn * el.raan + el.argOfPerigee)).toBeLessThan(1e-9 / el.eccentricity);
          expect(angleMiss(back.trueAnomaly, el.trueAnomaly)).toBeLessThan(1e-9 / el.eccentricity);
        }
        if (sinI > 1e-6) expect(angleMiss(back.argOfPerigee + back.trueAnomaly, el.argOfPerigee + el.trueAnomaly)).toBeLessThan(1e-9 / sinI);
        expect(angleMiss(sgn * back.raan + back.argOfPerigee + back.trueAnomaly, sgn * el.raan + el.argOfPerigee + el.trueAnomaly)).toBeLessThan(1e-9);
      }),
      { numRuns: 1000 },
    );
  });

  it("mean <-> true anomaly round trips and solves Kepler's equation", () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (m, e) => {
        const E = eccentricFromMean(m, e);
        expectWithin(meanFromEccentric(E, e), m, 1e-12 * (1 + Math.abs(m)), 'rad', "Kepler's equation residual");
        expectWithin(meanFromTrue(trueFromMean(m, e), e), m, 1e-9 * (1 + Math.abs(m)), 'rad', 'mean anomaly round trip');
      }),
      { numRuns: 500 },
    );
  });
});
