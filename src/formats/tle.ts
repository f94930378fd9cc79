import { InputError } from '../math/errors.ts';
import { DEG } from '../math/units.ts';
import { type ElementSet, REV_PER_DAY } from '../orbits/element-set.ts';
import { DAYS_1970_TO_2000, daysFromCivil, isLeapYear } from '../time/calendar.ts';
import { type Instant, instantFromUtcSeconds } from '../time/instant.ts';
import { alpha5ToNumber, catalogNumberString, tleToCospar } from './catalog-number.ts';
import { LINE1, LINE1_BLANKS, LINE2, LINE2_BLANKS, TLE_LINE_LENGTH, type TleColumn, columnText, tleChecksum } from './tle-layout.ts';

/** rev/day^2 and rev/day^3 -> rad/s^2 and rad/s^3. */
export const REV_PER_DAY2 = REV_PER_DAY / 86400;
export const REV_PER_DAY3 = REV_PER_DAY2 / 86400;

export interface TleParseOptions {
  /** The file's line numbers of the two element lines, so errors point into the file. */
  fileLines?: readonly [number, number];
  /**
   * 'verify' (default) rejects a line whose column 69 does not match; 'ignore' reads it anyway,
   * for files such as SGP4-VER.TLE whose error-code cases (33333-33335) were edited without
   * updating their checksums.
   */
  checksum?: 'verify' | 'ignore';
}

/** A parsed set plus what followed column 69 (e.g. SGP4-VER.TLE's start/stop/step minutes). */
export interface ParsedTle {
  elements: ElementSet;
  /** Text after column 69 of each line, trimmed; empty when there was none. */
  trailing: readonly [string, string];
}

/**
 * Parses a two- or three-line element set into SI elements. `name` is the optional title
 * line (a leading "0 " is dropped). Every check names the line, the columns and the value:
 * `line 2, columns 27-33 (eccentricity): ...`. Text after column 69 is returned, not parsed.
 */
export function parseTle(line1: string, line2: string, name?: string, options: TleParseOptions = {}): ElementSet {
  return parseTleDetailed(line1, line2, name, options).elements;
}

export function parseTleDetailed(line1: string, line2: string, name?: string, options: TleParseOptions = {}): ParsedTle {
  const l1 = checkLine(line1, 1, LINE1_BLANKS, options);
  const l2 = checkLine(line2, 2, LINE2_BLANKS, options);
  const field = (which: 1 | 2, column: TleColumn) => fieldName(which, column, options);
  const text = (which: 1 | 2, column: TleColumn) => columnText(which === 1 ? l1.body : l2.body, column);

  const catalog1 = text(1, LINE1.catalogNumber);
  const catalog2 = text(2, LINE2.catalogNumber);
  const catalogNumber = catalogNumberString(alpha5ToNumber(catalog1.trim(), field(1, LINE1.catalogNumber)));
  if (catalog2 !== catalog1) {
    throw new InputError(field(2, LINE2.catalogNumber), catalog2, `does not match line 1's catalogue number ${JSON.stringify(catalog1)}`);
  }

  const classification = text(1, LINE1.classification);
  if (!/^[UCS ]$/.test(classification)) throw new InputError(field(1, LINE1.classification), classification, 'must be U, C, S or blank');

  const designatorText = text(1, LINE1.internationalDesignator).trim();
  const internationalDesignator = designatorText === '' ? undefined : tleToCospar(designatorText, field(1, LINE1.internationalDesignator));

  const epoch = parseEpoch(text(1, LINE1.epochYear), text(1, LINE1.epochDay), field(1, LINE1.epochYear), field(1, LINE1.epochDay));

  const ndotText = text(1, LINE1.meanMotionDot);
  if (!/^ *[-+ ]?\d*\.\d+$/.test(ndotText)) throw new InputError(field(1, LINE1.meanMotionDot), ndotText, 'must be a decimal such as " .00000023" or "-.00000016"');
  const meanMotionDot = Number(ndotText.replace(/ /g, '')) * REV_PER_DAY2;

  const meanMotionDdot = parseAssumedPointExponent(text(1, LINE1.meanMotionDdot), field(1, LINE1.meanMotionDdot)) * REV_PER_DAY3;
  const bstar = parseAssumedPointExponent(text(1, LINE1.bstar), field(1, LINE1.bstar));

  const ephemerisText = text(1, LINE1.ephemerisType);
  if (!/^[\d ]$/.test(ephemerisText)) throw new InputError(field(1, LINE1.ephemerisType), ephemerisText, 'must be a digit or blank');
  const ephemerisType = ephemerisText === ' ' ? undefined : Number(ephemerisText);

  const elementSetNumber = optionalWhole(text(1, LINE1.elementSetNumber), field(1, LINE1.elementSetNumber));

  const inclination = angle(text(2, LINE2.inclination), field(2, LINE2.inclination), 180);
  const raan = angle(text(2, LINE2.raan), field(2, LINE2.raan), 360);
  const eccText = text(2, LINE2.eccentricity);
  if (!/^ *\d+$/.test(eccText)) throw new InputError(field(2, LINE2.eccentricity), eccText, 'must be digits with the decimal point assumed in front, e.g. 0001234');
  const eccentricity = Number(eccText.trim()) / 1e7;
  const argOfPerigee = angle(text(2, LINE2.argOfPerigee), field(2, LINE2.argOfPerigee), 360);
  const meanAnomaly = angle(text(2, LINE2.meanAnomaly), field(2, LINE2.meanAnomaly), 360);

  const mmText = text(2, LINE2.meanMotion);
  if (!/^ *\d+\.\d*$/.test(mmText)) throw new InputError(field(2, LINE2.meanMotion), mmText, 'must be a decimal number of revolutions per day');
  const meanMotionRevPerDay = Number(mmText);
  if (!(meanMotionRevPerDay > 0)) throw new InputError(field(2, LINE2.meanMotion), mmText, 'must be above zero revolutions per day');

  const revolutionNumberAtEpoch = optionalWhole(text(2, LINE2.revolutionNumber), field(2, LINE2.revolutionNumber));

  const elements: ElementSet = {
    catalogNumber,
    epoch,
    meanMotion: meanMotionRevPerDay * REV_PER_DAY,
    eccentricity,
    inclination: inclination * DEG,
    raan: raan * DEG,
    argOfPerigee: argOfPerigee * DEG,
    meanAnomaly: meanAnomaly * DEG,
    bstar,
    meanMotionDot,
    meanMotionDdot,
    tleLines: [l1.body, l2.body],
  };
  const cleanName = name === undefined ? undefined : tleNameFromLine(name);
  if (cleanName) elements.name = cleanName;
  if (internationalDesignator) elements.internationalDesignator = internationalDesignator;
  if (classification !== ' ') elements.classification = classification;
  if (elementSetNumber !== undefined) elements.elementSetNumber = elementSetNumber;
  if (revolutionNumberAtEpoch !== undefined) elements.revolutionNumberAtEpoch = revolutionNumberAtEpoch;
  if (ephemerisType !== undefined) elements.ephemerisType = ephemerisType;
  return { elements, trailing: [l1.trailing, l2.trailing] };
}

/** The title of a three-line set: CelesTrak's "0 " prefix and trailing blanks dropped. */
export function tleNameFromLine(line: string): string {
  return line.replace(/^0 /, '').trim();
}

function fieldName(which: 1 | 2, column: TleColumn, options: TleParseOptions): string {
  const where = options.fileLines ? `line ${options.fileLines[which - 1]} (TLE line ${which})` : `line ${which}`;
  const cols = column.first === column.last ? `column ${column.first}` : `columns ${column.first}-${column.last}`;
  return `${where}, ${cols} (${column.name})`;
}

function checkLine(line: string, which: 1 | 2, blanks: readonly number[], options: TleParseOptions): { body: string; trailing: string } {
  const where = options.fileLines ? `line ${options.fileLines[which - 1]} (TLE line ${which})` : `line ${which}`;
  if (typeof line !== 'string') throw new InputError(where, line, 'must be a line of text');
  const raw = line.replace(/[\r\n]+$/, '');
  if (raw.length < TLE_LINE_LENGTH) {
    throw new InputError(where, raw, `has ${raw.length} characters, a TLE line has ${TLE_LINE_LENGTH} (column 69 is the checksum)`);
  }
  const body = raw.slice(0, TLE_LINE_LENGTH);
  const rest = raw.slice(TLE_LINE_LENGTH);
  if (rest !== '' && !/^\s/.test(rest)) throw new InputError(`${where}, column 70`, raw.slice(60), 'must be blank: a TLE line ends at column 69');
  const bad = /[^0-9A-Z .+-]/.exec(body);
  if (bad) {
    throw new InputError(`${where}, column ${bad.index + 1}`, bad[0], 'is not allowed in a TLE (digits, capital letters, space, ".", "+" and "-")');
  }
  const lineNumberColumn = which === 1 ? LINE1.lineNumber : LINE2.lineNumber;
  if (body[0] !== String(which)) throw new InputError(fieldName(which, lineNumberColumn, options), body[0], `must be ${which}`);
  for (const c of blanks) {
    if (body[c - 1] !== ' ') throw new InputError(`${where}, column ${c}`, body[c - 1], 'must be blank (it separates two fields)');
  }
  const checksumColumn = which === 1 ? LINE1.checksum : LINE2.checksum;
  const written = body[68];
  if (options.checksum === 'ignore') return { body, trailing: rest.trim() };
  if (!/\d/.test(written)) throw new InputError(fieldName(which, checksumColumn, options), written, 'must be a digit');
  const expected = tleChecksum(body);
  if (Number(written) !== expected) {
    throw new InputError(fieldName(which, checksumColumn, options), written, `does not match the line, whose checksum is ${expected}`);
  }
  return { body, trailing: rest.trim() };
}

function parseEpoch(yearText: string, dayText: string, yearField: string, dayField: string): Instant {
  if (!/^\d\d$/.test(yearText)) throw new InputError(yearField, yearText, 'must be two digits');
  const m = /^ *(\d{1,3})\.(\d+)$/.exec(dayText);
  if (!m) throw new InputError(dayField, dayText, 'must be a day of the year with a fraction, e.g. 179.78495062');
  const yy = Number(yearText);
  const year = yy >= 57 ? 1900 + yy : 2000 + yy;
  const dayOfYear = Number(m[1]);
  const yearDays = isLeapYear(year) ? 366 : 365;
  if (dayOfYear < 1 || dayOfYear > yearDays) throw new InputError(dayField, dayText, `day of year must be 1-${yearDays} in ${year}`);
  // The fraction's digits as an integer times 86400 is exact; one division keeps the epoch to ~1e-8 s.
  const digits = m[2];
  const secondsOfDay = (Number(digits) * 86400) / 10 ** digits.length;
  const days = daysFromCivil(year, 1, 1) + dayOfYear - 1 - DAYS_1970_TO_2000;
  return instantFromUtcSeconds(days * 86400 - 43200 + secondsOfDay);
}

/** TLE's "assumed decimal point" form: " 12345-4" is 0.12345e-4. */
function parseAssumedPointExponent(text: string, field: string): number {
  const m = /^([ +-])(\d{5})([ +-])(\d)$/.exec(text);
  if (!m) throw new InputError(field, text, 'must be a sign, five digits and a signed exponent, e.g. " 28098-4" for 0.28098e-4');
  // One decimal-to-binary conversion, so the value is the double nearest the printed one.
  return Number(`${m[1] === '-' ? '-' : ''}0.${m[2]}e${m[3] === '-' ? '-' : ''}${m[4]}`);
}

function angle(text: string, field: string, max: number): number {
  if (!/^ *\d+\.\d*$/.test(text)) throw new InputError(field, text, 'must be a decimal number of degrees');
  const value = Number(text);
  if (value > max) throw new InputError(field, text, `must be between 0 and ${max} degrees`);
  return value;
}

function optionalWhole(text: string, field: string): number | undefined {
  if (text.trim() === '') return undefined;
  if (!/^ *\d+$/.test(text)) throw new InputError(field, text, 'must be a whole number or blank');
  return Number(text);
}
