import { InputError, requireFinite } from '../math/errors.ts';
import { DEG, KM } from '../math/units.ts';
import type { Instant } from '../time/instant.ts';
import { MIN_DESIGN_ALTITUDE, circularElementSet } from './circular.ts';
import { validateOwner } from './nations.ts';
import { type Satellite, satellite } from './satellite.ts';

/**
 * A Walker constellation in i:T/P/F notation (Walker 1970, 1984): T satellites in P equally
 * spaced circular planes of inclination i, T/P per plane, phased so that a satellite in plane
 * p + 1 trails the corresponding one in plane p by F x 360/T deg of argument of latitude.
 * Delta patterns spread the ascending nodes over 360 deg, star (polar) patterns over 180 deg.
 */
export interface WalkerSpec {
  pattern: 'delta' | 'star';
  /** rad. */
  inclination: number;
  total: number;
  planes: number;
  phasing: number;
  /** Altitude of the mean semi-major axis above the WGS-84 equatorial radius, m. */
  altitude: number;
}

const SPEC_PATTERN = /^\s*(?:(delta|star)\s*:)?\s*([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*:\s*(\d+)\s*\/\s*(\d+)\s*\/\s*(\d+)\s*(?:@\s*([+-]?\d+(?:\.\d*)?)\s*(km)?)?\s*$/i;

/**
 * Parses `[delta:|star:]i:T/P/F[@ALTkm]`, e.g. `53:1584/72/17@550km` or `star:90:28/4/1@1200km`
 * (delta when no pattern is named; i in degrees; ALT in kilometres, the unit optional). Without
 * an `@ALT` part the altitude comes from `defaults.altitude` (metres).
 */
export function parseWalkerSpec(text: string, defaults: { altitude?: number } = {}, field = 'walker'): WalkerSpec {
  if (typeof text !== 'string') throw new InputError(field, text, 'must be a Walker spec such as 53:24/3/1@550km');
  const m = SPEC_PATTERN.exec(text);
  if (!m) throw new InputError(field, text, 'is not a Walker spec [delta:|star:]i:T/P/F[@ALTkm], e.g. star:90:28/4/1@1200km');
  const pattern = (m[1]?.toLowerCase() ?? 'delta') as 'delta' | 'star';
  const inclinationDeg = Number(m[2]);
  const total = Number(m[3]);
  const planes = Number(m[4]);
  const phasing = Number(m[5]);
  let altitude: number;
  if (m[6] !== undefined) altitude = Number(m[6]) * KM;
  else if (defaults.altitude !== undefined) altitude = defaults.altitude;
  else throw new InputError(`${field}.altitude`, text, 'is missing: write @ALTkm in the spec (e.g. 53:24/3/1@550km) or give a default altitude');
  return validateWalkerSpec({ pattern, inclination: inclinationDeg * DEG, total, planes, phasing, altitude }, field);
}

/** Checks a WalkerSpec, naming the offending part: the returned spec is the one given. */
export function validateWalkerSpec(spec: WalkerSpec, field = 'walker'): WalkerSpec {
  const { pattern, inclination, total, planes, phasing, altitude } = spec;
  if (pattern !== 'delta' && pattern !== 'star') throw new InputError(`${field}.pattern`, pattern, 'must be delta or star');
  requireFinite(`${field}.inclination`, inclination);
  if (inclination < 0 || inclination > Math.PI) throw new InputError(`${field}.inclination`, inclination / DEG, 'must lie in 0-180 deg');
  if (!Number.isInteger(total) || total < 1) throw new InputError(`${field}.T`, total, 'must be a whole number of satellites, at least 1');
  if (!Number.isInteger(planes) || planes < 1) throw new InputError(`${field}.P`, planes, 'must be a whole number of planes, at least 1');
  if (total % planes !== 0) throw new InputError(`${field}.T`, total, `must be divisible by the number of planes P = ${planes}`);
  if (!Number.isInteger(phasing) || phasing < 0 || phasing > planes - 1) {
    throw new InputError(`${field}.F`, phasing, `must be a whole number from 0 to P - 1 = ${planes - 1}`);
  }
  requireFinite(`${field}.altitude`, altitude);
  if (altitude < MIN_DESIGN_ALTITUDE) throw new InputError(`${field}.altitude`, `${altitude / KM} km`, `must be at least ${MIN_DESIGN_ALTITUDE / KM} km`);
  return spec;
}

/** The i:T/P/F text of a spec (the inverse of parseWalkerSpec). */
export function formatWalkerSpec(spec: WalkerSpec): string {
  const inc = Number((spec.inclination / DEG).toFixed(6));
  const alt = Number((spec.altitude / KM).toFixed(3));
  return `${spec.pattern}:${inc}:${spec.total}/${spec.planes}/${spec.phasing}@${alt}km`;
}

export interface ConstellationOptions {
  epoch: Instant;
  /** ISO 3166-1 alpha-3 code of the owner nation. */
  owner: string;
  constellation: string;
  payload?: string;
  /** Prefix of the satellite ids; `${constellation}-` by default. Ids are prefix + plane-slot, e.g. W01-03. */
  idPrefix?: string;
  /** Catalogue number of the first satellite, counting up (default 80001: the 80000-89999 block is the catalogue's analyst range). */
  firstCatalogNumber?: number;
}

export interface WalkerOptions extends ConstellationOptions {
  /** Right ascension of the first plane's ascending node, deg (0 by default). */
  raanOffsetDeg?: number;
}

/** Right ascension of plane p's node and argument of latitude of its slot s at the epoch, rad. */
export function walkerSlot(spec: WalkerSpec, plane: number, slot: number, raanOffset = 0): { raan: number; argumentOfLatitude: number } {
  const perPlane = spec.total / spec.planes;
  const spread = spec.pattern === 'star' ? Math.PI : 2 * Math.PI;
  return {
    raan: raanOffset + (plane * spread) / spec.planes,
    argumentOfLatitude: (2 * Math.PI * slot) / perPlane + (2 * Math.PI * spec.phasing * plane) / spec.total,
  };
}

/** The satellites of a Walker constellation, plane by plane, with circular SGP4 mean elements (see circularElementSet). */
export function walkerConstellation(spec: WalkerSpec, options: WalkerOptions): Satellite[] {
  validateWalkerSpec(spec);
  const owner = validateOwner(options.owner);
  const raanOffset = requireFinite('raanOffsetDeg', options.raanOffsetDeg ?? 0) * DEG;
  const perPlane = spec.total / spec.planes;
  const numbering = catalogNumbering(options, spec.total);
  const prefix = options.idPrefix ?? `${options.constellation}-`;
  const width = Math.max(2, String(Math.max(spec.planes, perPlane)).length);
  const out: Satellite[] = [];
  for (let p = 0; p < spec.planes; p++) {
    for (let s = 0; s < perPlane; s++) {
      const { raan, argumentOfLatitude } = walkerSlot(spec, p, s, raanOffset);
      const tag = `${String(p + 1).padStart(width, '0')}-${String(s + 1).padStart(width, '0')}`;
      const name = `${options.constellation} ${tag}`;
      out.push(
        satellite({
          id: `${prefix}${tag}`,
          name,
          owner,
          constellation: options.constellation,
          payload: options.payload,
          elements: circularElementSet({ altitude: spec.altitude, inclination: spec.inclination, raan, argumentOfLatitude, epoch: options.epoch, catalogNumber: numbering(out.length), name }),
        }),
      );
    }
  }
  return out;
}

/** Catalogue numbers firstCatalogNumber, +1, ... as strings; checked once for the whole constellation. */
export function catalogNumbering(options: ConstellationOptions, count: number): (index: number) => string {
  const first = options.firstCatalogNumber ?? 80001;
  if (!Number.isInteger(first) || first < 1 || first + count - 1 > 999999999) {
    throw new InputError('firstCatalogNumber', first, 'must be a whole number from 1 with room for every satellite (up to nine digits)');
  }
  return (index) => String(first + index);
}
