import { InputError } from '../math/errors.ts';

/**
 * One meaningful line of a CCSDS Keyword = Value Notation file (CCSDS 502.0-B-3, section 7).
 * Blank lines are dropped; everything else keeps its 1-based line number for error messages.
 */
export type KvnLine =
  | { kind: 'keyword'; key: string; value: string; unit?: string; line: number }
  | { kind: 'comment'; text: string; line: number }
  /** A block delimiter such as META_START or COVARIANCE_STOP. */
  | { kind: 'marker'; name: string; line: number }
  /** A line of data without a keyword, as an OEM's ephemeris rows. */
  | { kind: 'data'; text: string; line: number };

const KEYWORD_LINE = /^([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/;
const UNIT_SUFFIX = /^(.*?)\s*\[([^\]]*)\]$/;
const MARKER = /^[A-Z][A-Z0-9_]*_(START|STOP)$/;

export function tokenizeKvn(text: string, what = 'KVN'): KvnLine[] {
  if (typeof text !== 'string') throw new InputError(what, text, 'must be text');
  const out: KvnLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    const line = i + 1;
    if (raw === '') continue;
    if (raw === 'COMMENT' || raw.startsWith('COMMENT ')) {
      out.push({ kind: 'comment', text: raw.slice(7).trim(), line });
      continue;
    }
    if (MARKER.test(raw)) {
      out.push({ kind: 'marker', name: raw, line });
      continue;
    }
    const kv = KEYWORD_LINE.exec(raw);
    if (kv) {
      const unitMatch = UNIT_SUFFIX.exec(kv[2]);
      if (unitMatch) out.push({ kind: 'keyword', key: kv[1], value: unitMatch[1], unit: unitMatch[2].trim(), line });
      else out.push({ kind: 'keyword', key: kv[1], value: kv[2], line });
      continue;
    }
    out.push({ kind: 'data', text: raw, line });
  }
  return out;
}

/** Pads keywords so the `=` signs line up, as the CCSDS examples do. */
export function kvnLine(key: string, value: string | number, unit?: string): string {
  return `${key.padEnd(20)} = ${value}${unit ? ` [${unit}]` : ''}`;
}
