import { InputError } from '../math/errors.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import type { Instant } from '../time/instant.ts';
import { formatCcsdsUtc } from './ccsds-time.ts';
import { type KvnLine, kvnLine, tokenizeKvn } from './kvn.ts';
import { type LocatedRecord, type OmmCatalogue, ommCatalogue } from './omm-catalogue.ts';
import { type OmmFields, type OmmHeader, ommRecordFromFields } from './omm-record.ts';
import { type OmmWriteOptions, ommValues } from './omm-values.ts';
import { type RejectedEntry, asInputError } from './rejected.ts';

const HEADER_KEYS = new Set(['CCSDS_OMM_VERS', 'CLASSIFICATION', 'CREATION_DATE', 'ORIGINATOR', 'MESSAGE_ID']);
export const OMM_VERSIONS: ReadonlySet<string> = new Set(['1.0', '2.0', '3.0']);

/**
 * Reads CCSDS OMM in KVN (502.0-B-2 and B-3, CCSDS_OMM_VERS 2.0 and 3.0). A file may hold
 * several messages one after another; each starts at its CCSDS_OMM_VERS line. Units in
 * brackets are checked against the standard's. Covariance and user-defined parameters are
 * kept; other keywords (spacecraft parameters, ...) are kept as text, not interpreted.
 */
export function parseOmmKvn(text: string): OmmCatalogue {
  const lines = tokenizeKvn(text, 'OMM KVN');
  const messages: KvnLine[][] = [];
  for (const l of lines) {
    if ((l.kind === 'keyword' && l.key === 'CCSDS_OMM_VERS') || messages.length === 0) messages.push([]);
    messages[messages.length - 1].push(l);
  }
  const parsed: LocatedRecord[] = [];
  const rejected: RejectedEntry[] = [];
  for (const message of messages) {
    const start = message[0].line;
    try {
      parsed.push({ record: recordFromKvn(message), line: start });
    } catch (e) {
      const name = message.find((l) => l.kind === 'keyword' && l.key === 'OBJECT_NAME');
      const r: RejectedEntry = { line: start, error: asInputError(e, `line ${start}`, undefined) };
      if (name && name.kind === 'keyword') r.object = name.value;
      rejected.push(r);
    }
  }
  return ommCatalogue(parsed, rejected);
}

function recordFromKvn(message: KvnLine[]) {
  const first = message[0];
  if (first.kind !== 'keyword' || first.key !== 'CCSDS_OMM_VERS') {
    throw new InputError(`line ${first.line}`, first.kind === 'keyword' ? first.key : first.kind === 'data' ? first.text : first.kind, 'an OMM must start with CCSDS_OMM_VERS');
  }
  if (!OMM_VERSIONS.has(first.value)) throw new InputError(`line ${first.line}, CCSDS_OMM_VERS`, first.value, 'must be 1.0, 2.0 or 3.0');
  const header: OmmHeader = { version: first.value, comments: [] };
  const comments: string[] = [];
  const fields: OmmFields = new Map();
  const seenAt = new Map<string, number>();
  let inHeader = true;
  for (const l of message.slice(1)) {
    if (l.kind === 'comment') {
      (inHeader ? header.comments : comments).push(l.text);
      continue;
    }
    if (l.kind === 'marker') continue;
    if (l.kind === 'data') throw new InputError(`line ${l.line}`, l.text, 'is not a KEYWORD = value line');
    if (seenAt.has(l.key)) throw new InputError(`line ${l.line}, ${l.key}`, l.value, `appears twice in one message (first on line ${seenAt.get(l.key)})`);
    seenAt.set(l.key, l.line);
    if (HEADER_KEYS.has(l.key) && inHeader) {
      if (l.key === 'CLASSIFICATION') header.classification = l.value;
      else if (l.key === 'CREATION_DATE') header.creationDate = l.value;
      else if (l.key === 'ORIGINATOR') header.originator = l.value;
      else if (l.key === 'MESSAGE_ID') header.messageId = l.value;
      continue;
    }
    inHeader = false;
    const v = { value: l.value, field: `line ${l.line}, ${l.key}` };
    fields.set(l.key, l.unit === undefined ? v : { ...v, unit: l.unit });
  }
  return ommRecordFromFields(fields, `OMM at line ${first.line}`, header, comments);
}

export interface OmmMessageOptions extends OmmWriteOptions {
  /** CREATION_DATE; an argument rather than the clock so output is reproducible. */
  creationDate: Instant;
  originator?: string;
}

/** Writes one CCSDS OMM 3.0 KVN message per element set (SGP4 theory, TEME, UTC, units in brackets), separated by a blank line. */
export function formatOmmKvn(sets: readonly ElementSet[], options: OmmMessageOptions): string {
  return sets.map((set) => formatOneKvn(set, options)).join('\n');
}

function formatOneKvn(set: ElementSet, options: OmmMessageOptions): string {
  const v = ommValues(set, options);
  const out = [
    kvnLine('CCSDS_OMM_VERS', '3.0'),
    kvnLine('CREATION_DATE', formatCcsdsUtc(options.creationDate, 3)),
    kvnLine('ORIGINATOR', checkText('originator', options.originator ?? 'tracklayer')),
    '',
    kvnLine('OBJECT_NAME', checkText('name', v.get('OBJECT_NAME') || 'UNKNOWN')),
    kvnLine('OBJECT_ID', checkText('internationalDesignator', v.get('OBJECT_ID') || 'UNKNOWN')),
    kvnLine('CENTER_NAME', 'EARTH'),
    kvnLine('REF_FRAME', 'TEME'),
    kvnLine('TIME_SYSTEM', 'UTC'),
    kvnLine('MEAN_ELEMENT_THEORY', 'SGP4'),
    '',
    kvnLine('EPOCH', v.get('EPOCH')!),
    kvnLine('MEAN_MOTION', v.get('MEAN_MOTION')!, 'rev/day'),
    kvnLine('ECCENTRICITY', v.get('ECCENTRICITY')!),
    kvnLine('INCLINATION', v.get('INCLINATION')!, 'deg'),
    kvnLine('RA_OF_ASC_NODE', v.get('RA_OF_ASC_NODE')!, 'deg'),
    kvnLine('ARG_OF_PERICENTER', v.get('ARG_OF_PERICENTER')!, 'deg'),
    kvnLine('MEAN_ANOMALY', v.get('MEAN_ANOMALY')!, 'deg'),
    '',
    kvnLine('EPHEMERIS_TYPE', v.get('EPHEMERIS_TYPE')!),
    kvnLine('CLASSIFICATION_TYPE', v.get('CLASSIFICATION_TYPE')!),
    kvnLine('NORAD_CAT_ID', v.get('NORAD_CAT_ID')!),
    kvnLine('ELEMENT_SET_NO', v.get('ELEMENT_SET_NO')!),
    kvnLine('REV_AT_EPOCH', v.get('REV_AT_EPOCH')!),
    kvnLine('BSTAR', v.get('BSTAR')!, '1/ER'),
    kvnLine('MEAN_MOTION_DOT', v.get('MEAN_MOTION_DOT')!, 'rev/day**2'),
    kvnLine('MEAN_MOTION_DDOT', v.get('MEAN_MOTION_DDOT')!, 'rev/day**3'),
  ];
  return `${out.join('\n')}\n`;
}

/** KVN values are single lines; a line break in a name would start a new keyword. */
export function checkText(field: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new InputError(field, value, 'must not contain a line break');
  return value;
}
