import { WGS84 } from '../bodies/earth.ts';
import { InputError } from '../math/errors.ts';
import { DEG, KM } from '../math/units.ts';
import { type ElementSet, REV_PER_DAY } from '../orbits/element-set.ts';
import { catalogNumberString } from './catalog-number.ts';
import { type CcsdsTimeSystem, checkTimeSystem, parseCcsdsEpoch } from './ccsds-time.ts';
import { parseDecimal, parseWhole } from './numbers.ts';
import { REV_PER_DAY2, REV_PER_DAY3 } from './tle.ts';

/** Header of a CCSDS OMM (absent from CelesTrak's JSON and CSV). */
export interface OmmHeader {
  version?: string;
  classification?: string;
  creationDate?: string;
  originator?: string;
  messageId?: string;
  comments: string[];
}

/** A 6x6 position-velocity covariance as its 21 lower-triangle values, row by row, SI (m^2, m^2/s, m^2/s^2). */
export interface OmmCovariance {
  refFrame?: string;
  lowerTriangle: Float64Array;
}

/**
 * One Orbit Mean-Elements Message (one object) as read from any encoding: the element set
 * in SI plus the metadata that says whether SGP4 may be run on it.
 */
export interface OmmRecord {
  elements: ElementSet;
  /** MEAN_ELEMENT_THEORY as written; "SGP4" where the encoding has no such field (CelesTrak JSON/CSV). */
  meanElementTheory: string;
  centerName: string;
  refFrame: string;
  timeSystem: CcsdsTimeSystem;
  /** Why SGP4 must not be run on these elements (another theory, frame or centre); undefined when it may. */
  notForSgp4?: string;
  header?: OmmHeader;
  /** GM the elements were fitted with, m^3/s^2, when given. */
  gm?: number;
  covariance?: OmmCovariance;
  /** USER_DEFINED_* parameters, keyed without the prefix. */
  userDefined: Record<string, string>;
  /** Keywords read but not interpreted (spacecraft parameters, BTERM, AGOM, ...), as written. */
  otherFields: Record<string, string>;
  comments: string[];
}

/** A value found in a file, with the name an error should give it and its unit if the file stated one. */
export interface OmmValue {
  value: unknown;
  field: string;
  unit?: string;
}
export type OmmFields = Map<string, OmmValue>;

/** Units CCSDS 502.0-B-3 prescribes; a unit written in a file must be one of these (case and blanks ignored). */
const UNITS: Record<string, string> = {
  MEAN_MOTION: 'rev/day',
  SEMI_MAJOR_AXIS: 'km',
  INCLINATION: 'deg',
  RA_OF_ASC_NODE: 'deg',
  ARG_OF_PERICENTER: 'deg',
  MEAN_ANOMALY: 'deg',
  GM: 'km**3/s**2',
  BSTAR: '1/er',
  MEAN_MOTION_DOT: 'rev/day**2',
  MEAN_MOTION_DDOT: 'rev/day**3',
};

export const COVARIANCE_KEYS = [
  'CX_X', 'CY_X', 'CY_Y', 'CZ_X', 'CZ_Y', 'CZ_Z',
  'CX_DOT_X', 'CX_DOT_Y', 'CX_DOT_Z', 'CX_DOT_X_DOT',
  'CY_DOT_X', 'CY_DOT_Y', 'CY_DOT_Z', 'CY_DOT_X_DOT', 'CY_DOT_Y_DOT',
  'CZ_DOT_X', 'CZ_DOT_Y', 'CZ_DOT_Z', 'CZ_DOT_X_DOT', 'CZ_DOT_Y_DOT', 'CZ_DOT_Z_DOT',
] as const;

const KNOWN = new Set([
  'CCSDS_OMM_VERS', 'COMMENT', 'CLASSIFICATION', 'CREATION_DATE', 'ORIGINATOR', 'MESSAGE_ID',
  'OBJECT_NAME', 'OBJECT_ID', 'CENTER_NAME', 'REF_FRAME', 'REF_FRAME_EPOCH', 'TIME_SYSTEM', 'MEAN_ELEMENT_THEORY',
  'EPOCH', 'MEAN_MOTION', 'SEMI_MAJOR_AXIS', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'GM',
  'EPHEMERIS_TYPE', 'CLASSIFICATION_TYPE', 'NORAD_CAT_ID', 'ELEMENT_SET_NO', 'REV_AT_EPOCH', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT',
  'COV_REF_FRAME', ...COVARIANCE_KEYS,
]);

/** Theories whose elements SGP4 accepts. SGP4-XP (ephemeris type 4) and DSST are others. */
const SGP4_THEORIES = new Set(['SGP4', 'SGP/SGP4']);

/** Builds a record from the fields of one message, whatever the encoding. Throws an InputError naming the field on bad input. */
export function ommRecordFromFields(fields: OmmFields, where: string, header?: OmmHeader, comments: string[] = []): OmmRecord {
  const missing = (key: string) => new InputError(`${where}, ${key}`, fields.get(key)?.value, 'is required');
  const text = (key: string): string | undefined => {
    const v = fields.get(key);
    if (v === undefined || v.value === null || v.value === undefined) return undefined;
    if (typeof v.value === 'number') return String(v.value);
    if (typeof v.value !== 'string') throw new InputError(v.field, v.value, 'must be text');
    const t = v.value.trim();
    return t === '' ? undefined : t;
  };
  const fieldOf = (key: string) => fields.get(key)?.field ?? key;
  const number = (key: string, required: boolean): number | undefined => {
    const v = fields.get(key);
    if (v === undefined || v.value === null || v.value === undefined || (typeof v.value === 'string' && v.value.trim() === '')) {
      if (required) throw missing(key);
      return undefined;
    }
    checkUnit(key, v);
    return parseDecimal(v.value, v.field);
  };
  const angle = (key: string, max: number): number => {
    const deg = number(key, true)!;
    if (deg < (max === 180 ? 0 : -360) || deg > max) throw new InputError(fieldOf(key), fields.get(key)!.value, `must be between ${max === 180 ? 0 : -360} and ${max} degrees`);
    return deg * DEG;
  };

  const theory = text('MEAN_ELEMENT_THEORY') ?? 'SGP4';
  const centerName = text('CENTER_NAME') ?? 'EARTH';
  const refFrame = text('REF_FRAME') ?? 'TEME';
  const timeSystem = checkTimeSystem(text('TIME_SYSTEM') ?? 'UTC', fieldOf('TIME_SYSTEM'));
  const isSgp4Theory = SGP4_THEORIES.has(theory.toUpperCase());

  const epochText = text('EPOCH');
  if (epochText === undefined) throw missing('EPOCH');
  const epoch = parseCcsdsEpoch(epochText, timeSystem, fieldOf('EPOCH'));

  const gmKm = number('GM', false);
  if (gmKm !== undefined && !(gmKm > 0)) throw new InputError(fieldOf('GM'), fields.get('GM')!.value, 'must be positive');
  let meanMotionRevPerDay = number('MEAN_MOTION', isSgp4Theory || !fields.has('SEMI_MAJOR_AXIS'));
  if (meanMotionRevPerDay === undefined) {
    // Non-SGP4 theories may give the semi-major axis instead: Kepler's third law with the message's GM.
    const a = number('SEMI_MAJOR_AXIS', true)! * KM;
    if (!(a > 0)) throw new InputError(fieldOf('SEMI_MAJOR_AXIS'), fields.get('SEMI_MAJOR_AXIS')!.value, 'must be positive');
    const mu = gmKm !== undefined ? gmKm * KM ** 3 : WGS84.mu;
    meanMotionRevPerDay = Math.sqrt(mu / a ** 3) / REV_PER_DAY;
  }
  if (!(meanMotionRevPerDay > 0)) throw new InputError(fieldOf('MEAN_MOTION'), fields.get('MEAN_MOTION')!.value, 'must be above zero revolutions per day');
  const eccentricity = number('ECCENTRICITY', true)!;
  if (!(eccentricity >= 0 && eccentricity < 1)) throw new InputError(fieldOf('ECCENTRICITY'), fields.get('ECCENTRICITY')!.value, 'must be in [0, 1)');

  const noradText = text('NORAD_CAT_ID');
  // Writers put UNKNOWN where CCSDS requires a value that is not known; it is no designator.
  const known = (t: string | undefined) => (t === undefined || t.toUpperCase() === 'UNKNOWN' ? undefined : t);
  const objectId = known(text('OBJECT_ID'));
  const objectName = known(text('OBJECT_NAME'));
  let catalogNumber: string;
  if (noradText !== undefined) catalogNumber = catalogNumberString(parseWhole(fields.get('NORAD_CAT_ID')!.value, fieldOf('NORAD_CAT_ID')), fieldOf('NORAD_CAT_ID'));
  else if (objectId !== undefined) catalogNumber = objectId;
  else throw new InputError(`${where}, NORAD_CAT_ID`, undefined, 'is required when OBJECT_ID is absent: the set needs an id');

  const bstar = number('BSTAR', false);
  const elements: ElementSet = {
    catalogNumber,
    epoch,
    meanMotion: meanMotionRevPerDay * REV_PER_DAY,
    eccentricity,
    inclination: angle('INCLINATION', 180),
    raan: angle('RA_OF_ASC_NODE', 360),
    argOfPerigee: angle('ARG_OF_PERICENTER', 360),
    meanAnomaly: angle('MEAN_ANOMALY', 360),
    bstar: bstar ?? 0,
    meanMotionDot: (number('MEAN_MOTION_DOT', false) ?? 0) * REV_PER_DAY2,
    meanMotionDdot: (number('MEAN_MOTION_DDOT', false) ?? 0) * REV_PER_DAY3,
  };
  if (objectName !== undefined) elements.name = objectName;
  if (objectId !== undefined) elements.internationalDesignator = objectId;
  const classification = text('CLASSIFICATION_TYPE');
  if (classification !== undefined) elements.classification = classification;
  const elset = text('ELEMENT_SET_NO');
  if (elset !== undefined) elements.elementSetNumber = parseWhole(fields.get('ELEMENT_SET_NO')!.value, fieldOf('ELEMENT_SET_NO'));
  const rev = text('REV_AT_EPOCH');
  if (rev !== undefined) elements.revolutionNumberAtEpoch = parseWhole(fields.get('REV_AT_EPOCH')!.value, fieldOf('REV_AT_EPOCH'));
  const ephemerisType = text('EPHEMERIS_TYPE');
  if (ephemerisType !== undefined) elements.ephemerisType = parseWhole(fields.get('EPHEMERIS_TYPE')!.value, fieldOf('EPHEMERIS_TYPE'), 0, 9);

  const reasons: string[] = [];
  if (!isSgp4Theory) reasons.push(`MEAN_ELEMENT_THEORY is ${theory}, not SGP4`);
  if (elements.ephemerisType !== undefined && elements.ephemerisType !== 0 && elements.ephemerisType !== 2) {
    reasons.push(`EPHEMERIS_TYPE is ${elements.ephemerisType} (${elements.ephemerisType === 4 ? 'SGP4-XP' : 'not SGP4'})`);
  }
  if (refFrame.toUpperCase() !== 'TEME') reasons.push(`REF_FRAME is ${refFrame}; SGP4 elements are in TEME`);
  if (centerName.toUpperCase() !== 'EARTH') reasons.push(`CENTER_NAME is ${centerName}, not EARTH`);
  if (isSgp4Theory && bstar === undefined) reasons.push('BSTAR is missing');

  const record: OmmRecord = { elements, meanElementTheory: theory, centerName, refFrame, timeSystem, userDefined: {}, otherFields: {}, comments };
  if (reasons.length > 0) record.notForSgp4 = reasons.join('; ');
  if (header) record.header = header;
  if (gmKm !== undefined) record.gm = gmKm * KM ** 3;

  if (COVARIANCE_KEYS.some((k) => fields.has(k))) {
    const lowerTriangle = new Float64Array(21);
    COVARIANCE_KEYS.forEach((k, i) => {
      // km^2, km^2/s and km^2/s^2 all become SI by the same factor.
      lowerTriangle[i] = number(k, true)! * KM * KM;
    });
    const covRef = text('COV_REF_FRAME');
    record.covariance = covRef === undefined ? { lowerTriangle } : { refFrame: covRef, lowerTriangle };
  }
  for (const [key, v] of fields) {
    if (KNOWN.has(key)) continue;
    const value = v.value === null || v.value === undefined ? '' : String(v.value);
    if (key.startsWith('USER_DEFINED_')) record.userDefined[key.slice('USER_DEFINED_'.length)] = value;
    else record.otherFields[key] = value;
  }
  return record;
}

function checkUnit(key: string, v: OmmValue): void {
  if (v.unit === undefined || v.unit === '') return;
  const expected = UNITS[key];
  const norm = (u: string) => u.replace(/\s+/g, '').toLowerCase();
  if (expected !== undefined && norm(v.unit) !== norm(expected)) {
    throw new InputError(v.field, `${String(v.value)} [${v.unit}]`, `unit must be [${expected}]`);
  }
  if (expected === undefined && key.startsWith('C') && COVARIANCE_KEYS.includes(key as (typeof COVARIANCE_KEYS)[number])) {
    const dots = (key.match(/DOT/g) ?? []).length;
    const want = dots === 0 ? 'km**2' : dots === 1 ? 'km**2/s' : 'km**2/s**2';
    if (norm(v.unit) !== norm(want)) throw new InputError(v.field, `${String(v.value)} [${v.unit}]`, `unit must be [${want}]`);
  }
}
