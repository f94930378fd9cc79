import type { ElementSet } from '../orbits/element-set.ts';
import { InputError } from '../math/errors.ts';
import { type RejectedEntry, asInputError } from './rejected.ts';
import { type TleParseOptions, parseTleDetailed, tleNameFromLine } from './tle.ts';

export interface TleCatalogueEntry {
  elements: ElementSet;
  /** File line of the element set's line 1 (1-based). */
  line: number;
  /** Text after column 69 of lines 1 and 2, trimmed (SGP4-VER.TLE keeps start/stop/step minutes there). */
  trailing: readonly [string, string];
}

export interface TleCatalogue {
  sets: ElementSet[];
  entries: TleCatalogueEntry[];
  rejected: RejectedEntry[];
}

/**
 * Reads a file of two- and three-line element sets (titles plain or as "0 NAME"; blank
 * lines and lines starting with "#" are skipped). Never throws for a bad entry: good sets
 * are kept and each bad one is returned with its file line and an error naming the columns.
 */
export function parseTleCatalogue(text: string, options: Pick<TleParseOptions, 'checksum'> = {}): TleCatalogue {
  if (typeof text !== 'string') throw new InputError('TLE file', text, 'must be text');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const entries: TleCatalogueEntry[] = [];
  const rejected: RejectedEntry[] = [];
  let pendingName: { text: string; line: number } | undefined;

  const reject = (line: number, error: InputError, object?: string) => rejected.push(object ? { line, object, error } : { line, error });

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lineNumber = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    if (raw.startsWith('1 ') && i + 1 < lines.length && lines[i + 1].startsWith('2 ')) {
      const name = pendingName?.text;
      pendingName = undefined;
      try {
        const parsed = parseTleDetailed(raw, lines[i + 1], name, { ...options, fileLines: [lineNumber, lineNumber + 1] });
        entries.push({ elements: parsed.elements, line: lineNumber, trailing: parsed.trailing });
      } catch (e) {
        reject(lineNumber, asInputError(e, `line ${lineNumber}`, raw), name ?? raw.slice(2, 7).trim());
      }
      i++;
      continue;
    }
    if (raw.startsWith('1 ')) {
      reject(lineNumber, new InputError(`line ${lineNumber}`, raw, 'is a TLE line 1 not followed by its line 2'), pendingName?.text);
      pendingName = undefined;
      continue;
    }
    if (raw.startsWith('2 ')) {
      reject(lineNumber, new InputError(`line ${lineNumber}`, raw, 'is a TLE line 2 without a line 1 before it'), pendingName?.text);
      pendingName = undefined;
      continue;
    }
    if (pendingName) {
      reject(pendingName.line, new InputError(`line ${pendingName.line}`, pendingName.text, 'is a title line not followed by TLE lines 1 and 2'));
    }
    pendingName = { text: tleNameFromLine(raw), line: lineNumber };
  }
  if (pendingName) reject(pendingName.line, new InputError(`line ${pendingName.line}`, pendingName.text, 'is a title line not followed by TLE lines 1 and 2'));
  return { sets: entries.map((e) => e.elements), entries, rejected };
}
