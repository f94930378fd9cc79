import type { ElementSet } from '../orbits/element-set.ts';
import { InputError } from '../math/errors.ts';
import type { OmmRecord } from './omm-record.ts';
import type { RejectedEntry } from './rejected.ts';

/**
 * What a reader of OMM files returns. `records` holds every message that parsed, flagged
 * or not; `sets` only those SGP4 may be run on; `rejected` the messages that did not parse
 * and, with the reason, those parsed but not meant for SGP4 (another theory, frame or centre).
 */
export interface OmmCatalogue {
  records: OmmRecord[];
  sets: ElementSet[];
  rejected: RejectedEntry[];
}

export interface LocatedRecord {
  record: OmmRecord;
  line?: number;
  index?: number;
}

export function ommCatalogue(parsed: LocatedRecord[], rejected: RejectedEntry[]): OmmCatalogue {
  const sets: ElementSet[] = [];
  const flagged: RejectedEntry[] = [];
  for (const { record, line, index } of parsed) {
    if (record.notForSgp4 === undefined) {
      sets.push(record.elements);
      continue;
    }
    const error = new InputError(
      record.meanElementTheory.toUpperCase() === 'SGP4' || record.meanElementTheory.toUpperCase() === 'SGP/SGP4' ? 'OMM' : 'MEAN_ELEMENT_THEORY',
      record.meanElementTheory,
      `parsed but not for SGP4: ${record.notForSgp4}`,
    );
    const entry: RejectedEntry = { error, object: record.elements.name ?? record.elements.catalogNumber };
    if (line !== undefined) entry.line = line;
    if (index !== undefined) entry.index = index;
    flagged.push(entry);
  }
  const all = [...rejected, ...flagged].sort((a, b) => (a.line ?? a.index ?? 0) - (b.line ?? b.index ?? 0));
  return { records: parsed.map((p) => p.record), sets, rejected: all };
}
