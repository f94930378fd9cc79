import { InputError } from '../math/errors.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import { type LocatedRecord, type OmmCatalogue, ommCatalogue } from './omm-catalogue.ts';
import { type OmmFields, ommRecordFromFields } from './omm-record.ts';
import { CELESTRAK_OMM_KEYS, type OmmWriteOptions, ommValues } from './omm-values.ts';
import { type RejectedEntry, asInputError } from './rejected.ts';

/** Splits CSV text into rows of cells (RFC 4180 quoting), each row with its first line number. */
export function splitCsv(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let cellStarted = false;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === '' && !cellStarted)) rows.push({ cells, line: rowLine });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
      cellStarted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw new InputError(`CSV line ${rowLine}`, cell.slice(0, 40), 'has a quote that is never closed');
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/** Reads CelesTrak's OMM CSV: a header row of OMM keywords, one object per row. */
export function parseOmmCsv(text: string): OmmCatalogue {
  if (typeof text !== 'string') throw new InputError('OMM CSV', text, 'must be text');
  const rows = splitCsv(text);
  if (rows.length === 0) throw new InputError('OMM CSV', text, 'is empty: expected a header row of OMM keywords');
  const header = rows[0].cells.map((h) => h.trim().toUpperCase());
  if (!header.includes('EPOCH')) throw new InputError('OMM CSV line 1 (header)', rows[0].cells.join(','), 'must name the columns, including EPOCH and MEAN_MOTION');
  const parsed: LocatedRecord[] = [];
  const rejected: RejectedEntry[] = [];
  for (const row of rows.slice(1)) {
    const where = `line ${row.line}`;
    try {
      if (row.cells.length !== header.length) throw new InputError(where, row.cells.join(','), `has ${row.cells.length} cells, the header has ${header.length}`);
      const fields: OmmFields = new Map();
      header.forEach((key, i) => fields.set(key, { value: row.cells[i], field: `${where}, ${key}` }));
      parsed.push({ record: ommRecordFromFields(fields, where), line: row.line });
    } catch (e) {
      const nameAt = header.indexOf('OBJECT_NAME');
      const r: RejectedEntry = { line: row.line, error: asInputError(e, where, row.cells.join(',')) };
      if (nameAt >= 0 && row.cells[nameAt]) r.object = row.cells[nameAt];
      rejected.push(r);
    }
  }
  return ommCatalogue(parsed, rejected);
}

/** Writes CelesTrak-style OMM CSV (header and one row per set, CRLF-free). */
export function formatOmmCsv(sets: readonly ElementSet[], options: OmmWriteOptions = {}): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [CELESTRAK_OMM_KEYS.join(',')];
  for (const set of sets) {
    const values = ommValues(set, options);
    lines.push(CELESTRAK_OMM_KEYS.map((k) => quote(values.get(k)!)).join(','));
  }
  return `${lines.join('\n')}\n`;
}
