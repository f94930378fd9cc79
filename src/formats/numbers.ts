import { InputError } from '../math/errors.ts';

// A plain decimal: digits with an optional point and exponent. Number() alone would also take
// "", " ", "0x1F" and "Infinity", which in a data file are mistakes, not numbers.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?$/;

/** Parses decimal text (or passes a finite number through), naming `field` when it is not one. */
export function parseDecimal(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(field, value, 'must be a finite number');
    return value;
  }
  if (typeof value !== 'string') throw new InputError(field, value, 'must be a number');
  const text = value.trim();
  if (!DECIMAL.test(text)) throw new InputError(field, value, 'is not a decimal number');
  // Fortran-style D exponents appear in some CCSDS files.
  const x = Number(text.replace(/[dD]/, 'e'));
  if (!Number.isFinite(x)) throw new InputError(field, value, 'is out of the floating-point range');
  return x;
}

/** Parses a whole number (leading zeros allowed, as in ELEMENT_SET_NO = 0925). */
export function parseWhole(value: unknown, field: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) n = Number(value.trim());
  else throw new InputError(field, value, 'must be a whole number');
  if (!Number.isSafeInteger(n)) throw new InputError(field, value, 'must be a whole number');
  if (n < min || n > max) throw new InputError(field, value, `must be between ${min} and ${max}`);
  return n;
}

/**
 * Prints a number with at most `significant` significant digits and no trailing zeros,
 * never in exponent form for the magnitudes of orbital elements: 34.2443 stays "34.2443"
 * even when the radians-to-degrees round trip made it 34.244299999999996.
 */
export function formatCompact(x: number, significant = 15): string {
  if (x === 0) return '0';
  const text = x.toPrecision(significant);
  if (/e/.test(text)) {
    const [mantissa, exponent] = text.split('e');
    return `${trimZeros(mantissa)}e${exponent}`;
  }
  return trimZeros(text);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
