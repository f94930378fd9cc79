import { describe, expect, it } from 'vitest';
import { catalogueConstellation } from '../../src/constellations/catalogue.ts';
import { ISO_3166_ALPHA3, validateOwner } from '../../src/constellations/nations.ts';
import { satellite } from '../../src/constellations/satellite.ts';
import type { ElementSet } from '../../src/orbits/element-set.ts';
import { asInstant } from '../../src/time/instant.ts';

function set(catalogNumber: string, name?: string): ElementSet {
  return {
    catalogNumber, name, epoch: asInstant(0), meanMotion: 0.0011, eccentricity: 0.001, inclination: 1, raan: 0, argOfPerigee: 0,
    meanAnomaly: 0, bstar: 0, meanMotionDot: 0, meanMotionDdot: 0,
  };
}

describe('owner nations', () => {
  it('holds the 249 ISO 3166-1 alpha-3 codes, allies among them', () => {
    expect(ISO_3166_ALPHA3.size).toBe(249);
    for (const code of ['USA', 'JPN', 'GBR', 'AUS', 'CAN', 'FRA', 'DEU', 'ITA', 'KOR', 'NZL', 'NOR']) expect(ISO_3166_ALPHA3.has(code)).toBe(true);
    expect(validateOwner(' jpn ')).toBe('JPN');
  });

  it('rejects anything else, naming field and value', () => {
    expect(() => validateOwner('JAP')).toThrow(/owner: .*not an ISO 3166-1 alpha-3.*"JAP"/);
    expect(() => validateOwner('JP')).toThrow(/owner: .*three-letter.*"JP"/);
    expect(() => validateOwner(392, 'sats[3].owner')).toThrow(/sats\[3\]\.owner: .*392/);
  });
});

describe('satellite', () => {
  it('checks its fields', () => {
    const ok = { id: 'A', name: 'A', owner: 'usa', constellation: 'c', elements: set('1') };
    expect(satellite(ok).owner).toBe('USA');
    expect(() => satellite({ ...ok, id: '' })).toThrow(/satellite\.id: .*""/);
    expect(() => satellite({ ...ok, constellation: '  ' })).toThrow(/satellite\.constellation: /);
    expect(() => satellite({ ...ok, payload: '' })).toThrow(/satellite\.payload: /);
    expect(() => satellite({ ...ok, owner: 'EUR' })).toThrow(/satellite\.owner: .*"EUR"/);
  });
});

describe('catalogueConstellation', () => {
  it('keeps the sets, takes ids from catalogue numbers (unique), names from the sets, and the owner', () => {
    const sats = catalogueConstellation([set('25544', 'ISS (ZARYA)'), set('A0001'), set('25544', 'ISS again')], { owner: 'USA', constellation: 'leo', idPrefix: 'cat-' });
    expect(sats.map((s) => s.id)).toEqual(['cat-25544', 'cat-A0001', 'cat-25544#2']);
    expect(sats.map((s) => s.name)).toEqual(['ISS (ZARYA)', 'A0001', 'ISS again']);
    expect(sats[1].elements.catalogNumber).toBe('A0001');
    expect(sats.every((s) => s.owner === 'USA' && s.constellation === 'leo' && s.payload === undefined)).toBe(true);
  });

  it('takes per-set owners and payloads from functions', () => {
    const sats = catalogueConstellation([set('1'), set('2')], {
      owner: (s) => (s.catalogNumber === '1' ? 'JPN' : 'USA'),
      payload: (s) => (s.catalogNumber === '1' ? 'ir' : undefined),
      constellation: 'mixed',
    });
    expect(sats.map((s) => [s.owner, s.payload])).toEqual([['JPN', 'ir'], ['USA', undefined]]);
  });

  it('names the set whose owner is bad', () => {
    expect(() => catalogueConstellation([set('1'), set('2')], { owner: (s) => (s.catalogNumber === '2' ? 'XX' : 'USA'), constellation: 'c' })).toThrow(/owner of sets\[1\] \(2\): .*"XX"/);
    expect(() => catalogueConstellation([set('1')], { owner: 'U.S.', constellation: 'c' })).toThrow(/owner: .*"U\.S\."/);
  });
});
