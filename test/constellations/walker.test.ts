import fc from 'fast-check';
import * as satellite from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { type WalkerSpec, formatWalkerSpec, parseWalkerSpec, walkerConstellation } from '../../src/constellations/walker.ts';
import { DEG } from '../../src/math/units.ts';
import { REV_PER_DAY } from '../../src/orbits/element-set.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectWithin } from '../helpers/miss.ts';

const epoch = parseIsoUtc('2026-01-01T00:00:00Z');
const R_EQ = 6378137;
const fold = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

describe('parseWalkerSpec', () => {
  it('reads delta (default) and star patterns, the altitude with or without km, or from the default', () => {
    expect(parseWalkerSpec('star:90:28/4/1@1200km')).toEqual({ pattern: 'star', inclination: 90 * DEG, total: 28, planes: 4, phasing: 1, altitude: 1.2e6 });
    const d = parseWalkerSpec('53:24/3/1@550');
    expect(d.pattern).toBe('delta');
    expect(d.altitude).toBe(550e3);
    expect(parseWalkerSpec(' DELTA: 86.4 : 66 / 6 / 2 ', { altitude: 780e3 })).toEqual({ pattern: 'delta', inclination: 86.4 * DEG, total: 66, planes: 6, phasing: 2, altitude: 780e3 });
    // An explicit @ALT wins over the default.
    expect(parseWalkerSpec('53:24/3/1@600km', { altitude: 780e3 }).altitude).toBe(600e3);
  });

  it('round trips through formatWalkerSpec', () => {
    for (const text of ['star:90:28/4/1@1200km', 'delta:53.2:1584/72/17@550km', 'delta:0:1/1/0@35786km']) {
      expect(formatWalkerSpec(parseWalkerSpec(text))).toBe(text);
    }
  });

  it('names the part and the value of a bad spec', () => {
    expect(() => parseWalkerSpec('53:25/4/1@550km')).toThrow(/walker\.T: .*divisible by .*P = 4.*got 25/);
    expect(() => parseWalkerSpec('53:24/4/4@550km')).toThrow(/walker\.F: .*0 to P - 1 = 3.*got 4/);
    expect(() => parseWalkerSpec('53:24/0/0@550km')).toThrow(/walker\.P: .*got 0/);
    expect(() => parseWalkerSpec('53:0/1/0@550km')).toThrow(/walker\.T: .*got 0/);
    expect(() => parseWalkerSpec('53:24/4/1@100km')).toThrow(/walker\.altitude: .*150 km.*"100 km"/);
    expect(() => parseWalkerSpec('53:24/4/1')).toThrow(/walker\.altitude: .*missing.*"53:24\/4\/1"/);
    expect(() => parseWalkerSpec('190:24/4/1@550km')).toThrow(/walker\.inclination: .*0-180 deg.*got 190/);
    expect(() => parseWalkerSpec('polar:90:24/4/1@550km')).toThrow(/walker: .*"polar:90:24\/4\/1@550km"/);
    expect(() => parseWalkerSpec('53:24/4/1@550mi')).toThrow(/walker: .*not a Walker spec/);
    expect(() => parseWalkerSpec('53:24/4/1@550km', {}, '--walker[2]')).not.toThrow();
    expect(() => parseWalkerSpec('53:24/4/9@550km', {}, '--walker[2]')).toThrow(/--walker\[2\]\.F/);
  });
});

describe('walkerConstellation geometry', () => {
  const options = { epoch, owner: 'USA', constellation: 'tracking', payload: 'wfov-ir' };

  it('spaces delta planes by 360/P, slots by 360/(T/P), and phases neighbouring planes by F 360/T', () => {
    const spec = parseWalkerSpec('53:24/3/1@550km');
    const sats = walkerConstellation(spec, options);
    expect(sats).toHaveLength(24);
    const u = (k: number) => sats[k].elements.argOfPerigee + sats[k].elements.meanAnomaly;
    for (let p = 0; p < 3; p++) {
      for (let s = 0; s < 8; s++) {
        const k = p * 8 + s;
        expectWithin(sats[k].elements.raan / DEG, p * 120, 1e-9, 'deg', `node of plane ${p + 1}`);
        expectWithin(sats[k].elements.inclination / DEG, 53, 1e-12, 'deg', 'inclination');
        expect(sats[k].elements.eccentricity).toBe(0);
        if (s > 0) expectWithin(fold(u(k) - u(k - 1)) / DEG, 45, 1e-9, 'deg', 'in-plane spacing');
      }
      // Relative phase: the first slot of plane p leads by p F 360/T = 15 p deg.
      expectWithin(fold(u(p * 8) - u(0)) / DEG, fold(p * 15 * DEG) / DEG, 1e-9, 'deg', `phase of plane ${p + 1}`);
    }
  });

  it('spreads star planes over 180 deg and applies the node offset', () => {
    const sats = walkerConstellation(parseWalkerSpec('star:90:28/4/1@1200km'), { ...options, raanOffsetDeg: 10 });
    const nodes = [...new Set(sats.map((s) => Math.round((s.elements.raan / DEG) * 1e6) / 1e6))];
    expect(nodes).toEqual([10, 55, 100, 145]);
  });

  it('is symmetric: advancing every satellite by 360/P of node and F 360/T of latitude maps the pattern onto itself (property)', () => {
    const specArb = fc
      .record({ planes: fc.integer({ min: 1, max: 12 }), perPlane: fc.integer({ min: 1, max: 12 }), f: fc.nat(), inc: fc.double({ min: 0, max: 180, noNaN: true }) })
      .map(({ planes, perPlane, f, inc }): WalkerSpec => ({ pattern: 'delta', inclination: inc * DEG, total: planes * perPlane, planes, phasing: f % planes, altitude: 800e3 }));
    fc.assert(
      fc.property(specArb, (spec) => {
        const sats = walkerConstellation(spec, options);
        const key = (raan: number, u: number) => `${Math.round(((raan / DEG) % 360 + 360) % 360 * 1e6) % 360000000}|${Math.round(((u / DEG) % 360 + 360) % 360 * 1e6) % 360000000}`;
        const all = new Set(sats.map((s) => key(s.elements.raan, s.elements.meanAnomaly)));
        for (const s of sats) {
          const moved = key(s.elements.raan + (2 * Math.PI) / spec.planes, s.elements.meanAnomaly + (2 * Math.PI * spec.phasing) / spec.total);
          expect(all.has(moved)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives unique ids, names, owner, constellation, payload and catalogue numbers', () => {
    const sats = walkerConstellation(parseWalkerSpec('53:12/3/1@550km'), { ...options, owner: 'jpn', idPrefix: 'T1-', firstCatalogNumber: 81000 });
    expect(new Set(sats.map((s) => s.id)).size).toBe(12);
    expect(sats[0].id).toBe('T1-01-01');
    expect(sats[11].id).toBe('T1-03-04');
    expect(sats[5].name).toBe('tracking 02-02');
    expect(sats.every((s) => s.owner === 'JPN' && s.constellation === 'tracking' && s.payload === 'wfov-ir')).toBe(true);
    expect(sats.map((s) => s.elements.catalogNumber).slice(0, 3)).toEqual(['81000', '81001', '81002']);
    expect(walkerConstellation(parseWalkerSpec('53:2/1/0@550km'), options)[1].id).toBe('tracking-01-02');
  });

  it('rejects a bad owner or numbering, naming field and value', () => {
    const spec = parseWalkerSpec('53:12/3/1@550km');
    expect(() => walkerConstellation(spec, { ...options, owner: 'XYZ' })).toThrow(/owner: .*"XYZ"/);
    expect(() => walkerConstellation(spec, { ...options, owner: 'US' })).toThrow(/owner: .*"US"/);
    expect(() => walkerConstellation(spec, { ...options, firstCatalogNumber: 0 })).toThrow(/firstCatalogNumber: .*got 0/);
    expect(() => walkerConstellation(spec, { ...options, raanOffsetDeg: Number.NaN })).toThrow(/raanOffsetDeg: .*NaN/);
    expect(() => walkerConstellation({ ...spec, total: 13 }, options)).toThrow(/walker\.T: .*13/);
  });
});

describe('Walker element sets in SGP4 (satellite.js)', () => {
  function satrec(s: ReturnType<typeof walkerConstellation>[number]) {
    const e = s.elements;
    return satellite.json2satrec({
      OBJECT_NAME: s.name, OBJECT_ID: s.id, EPOCH: '2026-01-01T00:00:00.000', MEAN_MOTION: e.meanMotion / REV_PER_DAY, ECCENTRICITY: e.eccentricity,
      INCLINATION: e.inclination / DEG, RA_OF_ASC_NODE: e.raan / DEG, ARG_OF_PERICENTER: e.argOfPerigee / DEG, MEAN_ANOMALY: e.meanAnomaly / DEG,
      EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: Number(e.catalogNumber), ELEMENT_SET_NO: 999, REV_AT_EPOCH: 0, BSTAR: 0, MEAN_MOTION_DOT: 0, MEAN_MOTION_DDOT: 0,
    } as unknown as Parameters<typeof satellite.json2satrec>[0]);
  }

  it('initialise with SGP4 mean semi-major axis R + h, and an orbit-averaged radius offset by 0.75 J2 (R/a)^2 (1 - 3 cos^2 i) a', () => {
    for (const [inc, altKm] of [[53, 550], [97.6, 700], [90, 1200], [0, 700]]) {
      const sat = walkerConstellation(parseWalkerSpec(`${inc}:1/1/0@${altKm}km`), { epoch, owner: 'USA', constellation: 'c' })[0];
      const rec = satrec(sat);
      const a = R_EQ + altKm * 1000;
      expectWithin(rec.a * 6378135, a, 1e-3, 'm', `SGP4 Brouwer semi-major axis at ${inc} deg`);
      const periodMin = (2 * Math.PI) / rec.no;
      let sum = 0;
      const samples = 360;
      for (let k = 0; k < samples; k++) {
        const p = satellite.sgp4(rec, (k * periodMin) / samples) as { position: { x: number; y: number; z: number } };
        sum += Math.hypot(p.position.x, p.position.y, p.position.z) * 1000;
      }
      const cos2 = Math.cos(inc * DEG) ** 2;
      const expected = a * (1 - 0.75 * 0.001082616 * (6378135 / a) ** 2 * (3 * cos2 - 1));
      expectWithin(sum / samples / 1000, expected / 1000, 0.3, 'km', `orbit-averaged SGP4 radius at ${inc} deg, ${altKm} km`);
    }
  });
});
