/**
 * The fixed-column layout of a two-line element set (Hoots & Roehrich, Spacetrack Report #3,
 * and CelesTrak's "FAQs: Two-Line Element Set Format"). Columns are 1-based and inclusive,
 * as every published description of the format counts them.
 */
export interface TleColumn {
  readonly name: string;
  readonly first: number;
  readonly last: number;
}

const col = (name: string, first: number, last = first): TleColumn => ({ name, first, last });

export const LINE1 = {
  lineNumber: col('line number', 1),
  catalogNumber: col('catalogue number', 3, 7),
  classification: col('classification', 8),
  internationalDesignator: col('international designator', 10, 17),
  epochYear: col('epoch year', 19, 20),
  epochDay: col('epoch day of year', 21, 32),
  meanMotionDot: col('first derivative of mean motion / 2', 34, 43),
  meanMotionDdot: col('second derivative of mean motion / 6', 45, 52),
  bstar: col('B* drag term', 54, 61),
  ephemerisType: col('ephemeris type', 63),
  elementSetNumber: col('element set number', 65, 68),
  checksum: col('checksum', 69),
} as const;

export const LINE2 = {
  lineNumber: col('line number', 1),
  catalogNumber: col('catalogue number', 3, 7),
  inclination: col('inclination', 9, 16),
  raan: col('right ascension of the ascending node', 18, 25),
  eccentricity: col('eccentricity', 27, 33),
  argOfPerigee: col('argument of perigee', 35, 42),
  meanAnomaly: col('mean anomaly', 44, 51),
  meanMotion: col('mean motion', 53, 63),
  revolutionNumber: col('revolution number at epoch', 64, 68),
  checksum: col('checksum', 69),
} as const;

/** Columns that must hold a blank between the fields. */
export const LINE1_BLANKS = [2, 9, 18, 33, 44, 53, 62, 64] as const;
export const LINE2_BLANKS = [2, 8, 17, 26, 34, 43, 52] as const;

export const TLE_LINE_LENGTH = 69;

/** The modulo-10 checksum of columns 1-68: digits count their value, each minus sign counts 1. */
export function tleChecksum(line: string): number {
  let sum = 0;
  const end = Math.min(line.length, 68);
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

export function columnText(line: string, column: TleColumn): string {
  return line.slice(column.first - 1, column.last);
}
