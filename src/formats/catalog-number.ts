import { InputError } from '../math/errors.ts';

/**
 * Satellite catalogue numbers. Alpha-5 (US Space Force, 2020) writes 100000-339999 in the
 * five TLE columns as a letter for the ten-thousands (A = 10 ... Z = 33, skipping I and O,
 * which look like 1 and 0) and four digits: A0001 = 100001, Z9999 = 339999.
 *
 * tracklayer keeps catalogue numbers as strings in the TLE form: five digits below 100000
 * ("00005", "25544"), Alpha-5 up to 339999 ("A0001"), and plain digits beyond
 * ("270001234"), so the same object read from a TLE and from an OMM gets the same id.
 */
const ALPHA5_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const ALPHA5_MAX = 339999;

export function alpha5ToNumber(text: string, field = 'catalogNumber'): number {
  const s = typeof text === 'string' ? text.trim() : '';
  if (/^\d{1,5}$/.test(s)) return Number(s);
  const m = /^([A-HJ-NP-Z])(\d{4})$/.exec(s);
  if (!m) {
    const why = /^[IO]\d{4}$/.test(s) ? 'uses I or O, which Alpha-5 leaves out' : 'is not a catalogue number (five digits, or a letter A-Z without I and O and four digits)';
    throw new InputError(field, text, why);
  }
  return (ALPHA5_LETTERS.indexOf(m[1]) + 10) * 10000 + Number(m[2]);
}

export function numberToAlpha5(n: number, field = 'catalogNumber'): string {
  if (!Number.isInteger(n) || n < 0 || n > ALPHA5_MAX) throw new InputError(field, n, `must be a whole number from 0 to ${ALPHA5_MAX} to fit Alpha-5`);
  if (n < 100000) return String(n).padStart(5, '0');
  return ALPHA5_LETTERS[Math.floor(n / 10000) - 10] + String(n % 10000).padStart(4, '0');
}

/** The canonical string id of a catalogue number (see above). */
export function catalogNumberString(n: number, field = 'NORAD_CAT_ID'): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new InputError(field, n, 'must be a whole number >= 0');
  return n <= ALPHA5_MAX ? numberToAlpha5(n, field) : String(n);
}

/** The numeric value of a catalogue number string in any of the forms above. */
export function catalogNumberValue(id: string, field = 'catalogNumber'): number {
  const s = typeof id === 'string' ? id.trim() : '';
  if (/^\d+$/.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
  return alpha5ToNumber(s, field);
}

/** COSPAR id "1958-002B" -> TLE columns 10-17 "58002B  " form ("58002B"). */
export function cosparToTle(id: string, field = 'internationalDesignator'): string {
  const m = /^(\d{4})-(\d{3})([A-Z]{1,3})$/.exec(id.trim());
  if (m) return `${m[1].slice(2)}${m[2]}${m[3]}`;
  if (/^\d{5}[A-Z]{1,3}$/.test(id.trim())) return id.trim();
  throw new InputError(field, id, 'is not a COSPAR id such as 1998-067A');
}

/** TLE form "98067A" -> COSPAR "1998-067A"; launch years 57-99 are 19xx, as for epochs. */
export function tleToCospar(text: string, field = 'internationalDesignator'): string {
  const m = /^(\d{2})(\d{3})([A-Z]{1,3})$/.exec(text.trim());
  if (!m) throw new InputError(field, text, 'is not a TLE international designator (two-digit year, three-digit launch number, piece letters)');
  const yy = Number(m[1]);
  return `${yy >= 57 ? 1900 + yy : 2000 + yy}-${m[2]}${m[3]}`;
}
