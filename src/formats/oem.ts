import type { Frame } from '../frames/types.ts';
import { InputError } from '../math/errors.ts';
import { type StateTable, describeStatus } from '../orbits/state-table.ts';
import { gridInstant } from '../time/grid.ts';
import type { Instant } from '../time/instant.ts';
import { formatCcsdsUtc } from './ccsds-time.ts';

/**
 * An Orbit Ephemeris Message (CCSDS 502.0-B-3, chapter 5) in SI: the file's km and km/s
 * become m and m/s, epochs become Instants. Text fields stay as written.
 */
export interface OemMessage {
  version: string;
  header: OemHeader;
  segments: OemSegment[];
}

export interface OemHeader {
  classification?: string;
  creationDate?: string;
  originator?: string;
  messageId?: string;
  comments: string[];
}

export interface OemMetadata {
  objectName: string;
  objectId: string;
  centerName: string;
  refFrame: string;
  refFrameEpoch?: string;
  timeSystem: string;
  startTime: Instant;
  stopTime: Instant;
  useableStartTime?: Instant;
  useableStopTime?: Instant;
  interpolation?: string;
  interpolationDegree?: number;
  comments: string[];
}

export interface OemCovariance {
  epoch: Instant;
  refFrame?: string;
  /** 21 lower-triangle values row by row, SI (m^2, m^2/s, m^2/s^2). */
  lowerTriangle: Float64Array;
}

export interface OemSegment {
  metadata: OemMetadata;
  /** Comments at the start of the data section. */
  comments: string[];
  /** Instants of the rows, increasing. */
  epochs: Float64Array;
  /** Six values per row: x, y, z (m), vx, vy, vz (m/s). */
  states: Float64Array;
  /** Three values per row (m/s^2) when the file gives accelerations. */
  accelerations?: Float64Array;
  covariances: OemCovariance[];
}

export interface OemObject {
  /** OBJECT_NAME; defaults to the table id. */
  name?: string;
  /** OBJECT_ID, the COSPAR designator when known; defaults to the table id. */
  objectId?: string;
}

export interface OemFromTableOptions {
  /** CREATION_DATE; an argument rather than the clock so output is reproducible. */
  creationDate: Instant;
  originator?: string;
  messageId?: string;
  /** Names and ids per table id. */
  objects?: Readonly<Record<string, OemObject>>;
  /** REF_FRAME written for an ITRF table. Default "ITRF" (see docs/formats.md); a realisation such as "ITRF2014" may be named instead. */
  itrfName?: string;
  /** INTERPOLATION_DEGREE recommended to readers, capped at rows - 1. Default 7. */
  interpolationDegree?: number;
  comments?: string[];
}

/** The REF_FRAME name written for each of our frames. */
export function oemFrameName(frame: Frame, itrfName = 'ITRF'): string {
  if (frame === 'TEME') return 'TEME';
  if (frame === 'ITRF') return itrfName;
  throw new InputError('frame', frame, 'must be TEME or ITRF');
}

/**
 * One segment per object and per unbroken run of good rows: rows whose status is not ok
 * are left out, the ephemeris is split there (no reader may interpolate across the gap),
 * and a COMMENT in the next segment says which rows were left out and why.
 */
export function oemFromStateTable(table: StateTable<'TEME' | 'ITRF'>, options: OemFromTableOptions): OemMessage {
  const refFrame = oemFrameName(table.frame, options.itrfName);
  if (!/^[A-Z0-9_-]+$/i.test(refFrame)) throw new InputError('itrfName', options.itrfName, 'must be a frame name such as ITRF or ITRF2014');
  const degree = options.interpolationDegree ?? 7;
  if (!Number.isInteger(degree) || degree < 1) throw new InputError('interpolationDegree', degree, 'must be a whole number >= 1');
  const n = table.nObjects;
  const header: OemHeader = { comments: [...(options.comments ?? [])], originator: options.originator ?? 'tracklayer', creationDate: formatCcsdsUtc(options.creationDate, 3) };
  if (options.messageId !== undefined) header.messageId = options.messageId;
  header.comments.push(
    table.frame === 'TEME'
      ? 'TEME: true equator, mean equinox of date, as SGP4 produces it.'
      : `${refFrame}: Earth-fixed, from TEME by GMST (IAU-82) rotation and polar motion when Earth-orientation data were given.`,
  );
  const segments: OemSegment[] = [];
  for (let i = 0; i < n; i++) {
    const id = table.ids[i];
    const object = options.objects?.[id] ?? {};
    let k = 0;
    let gapNote: string | undefined;
    let wroteAny = false;
    while (k < table.grid.count) {
      const gapStart = k;
      const reasons = new Set<string>();
      while (k < table.grid.count && table.status[k * n + i] !== 0) reasons.add(describeStatus(table.status[k++ * n + i]));
      if (k > gapStart) {
        const from = formatCcsdsUtc(gridInstant(table.grid, gapStart), 3);
        const span = k - gapStart === 1 ? `1 state at ${from}` : `${k - gapStart} states from ${from} to ${formatCcsdsUtc(gridInstant(table.grid, k - 1), 3)}`;
        gapNote = `${span} not written: ${[...reasons].join('; ')}`;
      }
      if (k >= table.grid.count) break;
      const runStart = k;
      while (k < table.grid.count && table.status[k * n + i] === 0) k++;
      const rows = k - runStart;
      const epochs = new Float64Array(rows);
      const states = new Float64Array(rows * 6);
      for (let r = 0; r < rows; r++) {
        const at = (runStart + r) * n + i;
        epochs[r] = gridInstant(table.grid, runStart + r);
        states[r * 6] = table.x[at];
        states[r * 6 + 1] = table.y[at];
        states[r * 6 + 2] = table.z[at];
        states[r * 6 + 3] = table.vx[at];
        states[r * 6 + 4] = table.vy[at];
        states[r * 6 + 5] = table.vz[at];
      }
      const metadata: OemMetadata = {
        objectName: object.name ?? id,
        objectId: object.objectId ?? id,
        centerName: 'EARTH',
        refFrame,
        timeSystem: 'UTC',
        startTime: epochs[0] as Instant,
        stopTime: epochs[rows - 1] as Instant,
        comments: [],
      };
      if (rows > 1) {
        metadata.interpolation = 'LAGRANGE';
        metadata.interpolationDegree = Math.min(degree, rows - 1);
      }
      if (gapNote) metadata.comments.push(gapNote);
      gapNote = undefined;
      segments.push({ metadata, comments: [], epochs, states, covariances: [] });
      wroteAny = true;
    }
    if (gapNote) {
      if (wroteAny) segments[segments.length - 1].metadata.comments.push(gapNote);
      else header.comments.push(`${object.name ?? id}: no state written; ${gapNote}`);
    }
  }
  if (segments.length === 0) throw new InputError('state table', table.ids.join(', '), 'holds no valid state to write to an OEM');
  return { version: '3.0', header, segments };
}
