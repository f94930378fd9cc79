import { InputError } from '../math/errors.ts';
import type { OmmCatalogue } from './omm-catalogue.ts';
import { parseOmmCsv } from './omm-csv.ts';
import { parseOmmJson } from './omm-json.ts';
import { parseOmmKvn } from './omm-kvn.ts';
import { parseOmmXml } from './omm-xml.ts';

export type OmmEncoding = 'json' | 'csv' | 'kvn' | 'xml';

/** Guesses the encoding of an OMM file from its first characters. */
export function detectOmmEncoding(text: string): OmmEncoding {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'json';
  if (start.startsWith('<')) return 'xml';
  if (/^(COMMENT\b.*\n\s*)*CCSDS_OMM_VERS\s*=/.test(start)) return 'kvn';
  const firstLine = start.split(/\r?\n/, 1)[0];
  if (/(^|,)\s*"?EPOCH"?\s*(,|$)/i.test(firstLine)) return 'csv';
  throw new InputError('OMM file', start.slice(0, 60), 'is not OMM JSON, CSV, KVN or XML (expected "[", "<", "CCSDS_OMM_VERS =" or a CSV header with EPOCH)');
}

/** Reads an OMM file in any of the four encodings, keeping the good messages and reporting the bad. */
export function parseOmmCatalogue(text: string, encoding?: OmmEncoding): OmmCatalogue {
  if (typeof text !== 'string') throw new InputError('OMM file', text, 'must be text');
  switch (encoding ?? detectOmmEncoding(text)) {
    case 'json': return parseOmmJson(text);
    case 'csv': return parseOmmCsv(text);
    case 'kvn': return parseOmmKvn(text);
    case 'xml': return parseOmmXml(text);
    default: throw new InputError('encoding', encoding, 'must be json, csv, kvn or xml');
  }
}
