import { InputError } from '../math/errors.ts';
import { KM } from '../math/units.ts';
import type { Instant } from '../time/instant.ts';
import { type CcsdsTimeSystem, checkTimeSystem, formatCcsdsUtc, parseCcsdsEpoch } from './ccsds-time.ts';
import { type KvnLine, kvnLine, tokenizeKvn } from './kvn.ts';
import { parseDecimal, parseWhole } from './numbers.ts';
import type { OemCovariance, OemHeader, OemMessage, OemMetadata, OemSegment } from './oem.ts';
import { checkText } from './omm-kvn.ts';

export const OEM_VERSIONS: ReadonlySet<string> = new Set(['1.0', '2.0', '3.0']);

/** Printed precision of the writers: 1e-6 km = 1 mm, 1e-9 km/s = 1 um/s, 1 us of time. */
export interface OemPrintOptions {
  positionDecimals?: number;
  velocityDecimals?: number;
  timeDigits?: number;
}

/**
 * Reads a CCSDS OEM in KVN (versions 1-3): header, then per segment META_START ... META_STOP,
 * ephemeris rows (epoch, x, y, z, vx, vy, vz in km and km/s, optionally three accelerations
 * in km/s^2) and optional COVARIANCE_START ... COVARIANCE_STOP blocks. Rows must increase in
 * time and lie within START_TIME..STOP_TIME; rows need not be evenly spaced (the standard's
 * examples elide lines).
 */
export function parseOemKvn(text: string): OemMessage {
  const lines = tokenizeKvn(text, 'OEM KVN');
  if (lines.length === 0) throw new InputError('OEM KVN', text, 'is empty');
  const first = lines[0];
  if (first.kind !== 'keyword' || first.key !== 'CCSDS_OEM_VERS') throw new InputError(`line ${first.line}`, describe(first), 'an OEM must start with CCSDS_OEM_VERS');
  if (!OEM_VERSIONS.has(first.value)) throw new InputError(`line ${first.line}, CCSDS_OEM_VERS`, first.value, 'must be 1.0, 2.0 or 3.0');
  const header: OemHeader = { comments: [] };
  let i = 1;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.kind === 'marker' && l.name === 'META_START') break;
    if (l.kind === 'comment') header.comments.push(l.text);
    else if (l.kind === 'keyword' && l.key === 'CLASSIFICATION') header.classification = l.value;
    else if (l.kind === 'keyword' && l.key === 'CREATION_DATE') header.creationDate = l.value;
    else if (l.kind === 'keyword' && l.key === 'ORIGINATOR') header.originator = l.value;
    else if (l.kind === 'keyword' && l.key === 'MESSAGE_ID') header.messageId = l.value;
    else throw new InputError(`line ${l.line}`, describe(l), 'is not allowed in the OEM header');
  }
  const segments: OemSegment[] = [];
  while (i < lines.length) {
    const start = lines[i];
    if (!(start.kind === 'marker' && start.name === 'META_START')) throw new InputError(`line ${start.line}`, describe(start), 'expected META_START');
    i++;
    const meta = new Map<string, { value: string; line: number }>();
    const metaComments: string[] = [];
    for (;; i++) {
      if (i >= lines.length) throw new InputError(`line ${start.line}`, 'META_START', 'has no META_STOP');
      const l = lines[i];
      if (l.kind === 'marker' && l.name === 'META_STOP') break;
      if (l.kind === 'comment') metaComments.push(l.text);
      else if (l.kind === 'keyword') {
        if (meta.has(l.key)) throw new InputError(`line ${l.line}, ${l.key}`, l.value, `appears twice in one metadata block (first on line ${meta.get(l.key)!.line})`);
        meta.set(l.key, { value: l.value, line: l.line });
      } else throw new InputError(`line ${l.line}`, describe(l), 'is not allowed in a metadata block');
    }
    i++;
    const metadata = readMetadata(meta, metaComments, start.line);
    const timeSystem = metadata.timeSystem as CcsdsTimeSystem;
    const comments: string[] = [];
    const epochs: number[] = [];
    const states: number[] = [];
    const accelerations: number[] = [];
    const covariances: OemCovariance[] = [];
    let withAccelerations: boolean | undefined;
    for (; i < lines.length; i++) {
      const l = lines[i];
      if (l.kind === 'marker' && l.name === 'META_START') break;
      if (l.kind === 'comment') {
        if (epochs.length === 0) comments.push(l.text);
        continue;
      }
      if (l.kind === 'marker' && l.name === 'COVARIANCE_START') {
        i = readCovariances(lines, i + 1, timeSystem, covariances);
        continue;
      }
      if (l.kind !== 'data') throw new InputError(`line ${l.line}`, describe(l), 'expected an ephemeris row, a COMMENT, COVARIANCE_START or META_START');
      const tokens = l.text.split(/\s+/);
      if (tokens.length !== 7 && tokens.length !== 10) throw new InputError(`line ${l.line}`, l.text, `has ${tokens.length} values; a row is an epoch and 6 (or 9 with accelerations) numbers`);
      const hasAcc = tokens.length === 10;
      if (withAccelerations !== undefined && hasAcc !== withAccelerations) throw new InputError(`line ${l.line}`, l.text, 'mixes rows with and without accelerations in one segment');
      withAccelerations = hasAcc;
      const t = parseCcsdsEpoch(tokens[0], timeSystem, `line ${l.line}, epoch`);
      if (epochs.length > 0 && !(t > epochs[epochs.length - 1])) throw new InputError(`line ${l.line}, epoch`, tokens[0], 'must be later than the row before it');
      if (t < metadata.startTime - 1e-6 || t > metadata.stopTime + 1e-6) throw new InputError(`line ${l.line}, epoch`, tokens[0], 'lies outside START_TIME..STOP_TIME of its segment');
      epochs.push(t);
      const names = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT', 'X_DDOT', 'Y_DDOT', 'Z_DDOT'];
      for (let c = 1; c < tokens.length; c++) {
        const value = parseDecimal(tokens[c], `line ${l.line}, ${names[c - 1]}`) * KM;
        if (c <= 6) states.push(value);
        else accelerations.push(value);
      }
    }
    const segment: OemSegment = { metadata, comments, epochs: Float64Array.from(epochs), states: Float64Array.from(states), covariances };
    if (withAccelerations) segment.accelerations = Float64Array.from(accelerations);
    segments.push(segment);
  }
  if (segments.length === 0) throw new InputError('OEM KVN', text.slice(0, 60), 'has no META_START segment');
  return { version: first.value, header, segments };
}

function describe(l: KvnLine): string {
  return l.kind === 'keyword' ? `${l.key} = ${l.value}` : l.kind === 'marker' ? l.name : l.text;
}

export function readMetadata(meta: Map<string, { value: string; line: number; field?: string }>, comments: string[], line: number): OemMetadata {
  const fieldOf = (key: string) => {
    const m = meta.get(key);
    return m ? (m.field ?? `line ${m.line}, ${key}`) : key;
  };
  const required = (key: string) => {
    const m = meta.get(key);
    if (!m || m.value.trim() === '') throw new InputError(`metadata at line ${line}, ${key}`, m?.value, 'is required');
    return m.value.trim();
  };
  const timeSystem = checkTimeSystem(required('TIME_SYSTEM'), fieldOf('TIME_SYSTEM'));
  const time = (key: string) => parseCcsdsEpoch(required(key), timeSystem, fieldOf(key));
  const metadata: OemMetadata = {
    objectName: required('OBJECT_NAME'),
    objectId: required('OBJECT_ID'),
    centerName: required('CENTER_NAME'),
    refFrame: required('REF_FRAME'),
    timeSystem,
    startTime: time('START_TIME'),
    stopTime: time('STOP_TIME'),
    comments,
  };
  if (metadata.stopTime < metadata.startTime) throw new InputError(fieldOf('STOP_TIME'), meta.get('STOP_TIME')!.value, 'is before START_TIME');
  if (meta.has('REF_FRAME_EPOCH')) metadata.refFrameEpoch = meta.get('REF_FRAME_EPOCH')!.value;
  if (meta.has('USEABLE_START_TIME')) metadata.useableStartTime = time('USEABLE_START_TIME');
  if (meta.has('USEABLE_STOP_TIME')) metadata.useableStopTime = time('USEABLE_STOP_TIME');
  if (meta.has('INTERPOLATION')) metadata.interpolation = meta.get('INTERPOLATION')!.value;
  if (meta.has('INTERPOLATION_DEGREE')) metadata.interpolationDegree = parseWhole(meta.get('INTERPOLATION_DEGREE')!.value, fieldOf('INTERPOLATION_DEGREE'), 0, 100);
  return metadata;
}

/** Reads EPOCH / COV_REF_FRAME / six lower-triangle rows blocks until COVARIANCE_STOP; returns the index of that marker. */
function readCovariances(lines: KvnLine[], i: number, timeSystem: CcsdsTimeSystem, out: OemCovariance[]): number {
  let current: { epoch: Instant; refFrame?: string; values: number[]; line: number } | undefined;
  const finish = () => {
    if (!current) return;
    if (current.values.length !== 21) throw new InputError(`covariance at line ${current.line}`, current.values.length, 'must have 21 lower-triangle values in six rows');
    const c: OemCovariance = { epoch: current.epoch, lowerTriangle: Float64Array.from(current.values, (v) => v * KM * KM) };
    if (current.refFrame !== undefined) c.refFrame = current.refFrame;
    out.push(c);
  };
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.kind === 'marker' && l.name === 'COVARIANCE_STOP') {
      finish();
      return i;
    }
    if (l.kind === 'comment') continue;
    if (l.kind === 'keyword' && l.key === 'EPOCH') {
      finish();
      current = { epoch: parseCcsdsEpoch(l.value, timeSystem, `line ${l.line}, EPOCH`), values: [], line: l.line };
    } else if (l.kind === 'keyword' && l.key === 'COV_REF_FRAME' && current) current.refFrame = l.value;
    else if (l.kind === 'data' && current) {
      const row = l.text.split(/\s+/);
      const expected = current.values.length === 0 ? 1 : [1, 3, 6, 10, 15].indexOf(current.values.length) + 2;
      if (row.length !== expected) throw new InputError(`line ${l.line}`, l.text, `covariance row must have ${expected} values`);
      row.forEach((v, c) => current!.values.push(parseDecimal(v, `line ${l.line}, covariance value ${c + 1}`)));
    } else throw new InputError(`line ${l.line}`, describe(l), 'is not allowed in a covariance block');
  }
  throw new InputError('COVARIANCE_START', undefined, 'has no COVARIANCE_STOP');
}

/** Writes an OEM as KVN (version 3.0). Epochs must be UTC (the only time system tracklayer writes). */
export function formatOemKvn(message: OemMessage, print: OemPrintOptions = {}): string {
  const pd = print.positionDecimals ?? 6;
  const vd = print.velocityDecimals ?? 9;
  const td = print.timeDigits ?? 6;
  const out: string[] = [kvnLine('CCSDS_OEM_VERS', '3.0')];
  for (const c of message.header.comments) out.push(`COMMENT ${checkText('header comment', c)}`);
  if (message.header.classification) out.push(kvnLine('CLASSIFICATION', checkText('classification', message.header.classification)));
  out.push(kvnLine('CREATION_DATE', message.header.creationDate ?? ''));
  out.push(kvnLine('ORIGINATOR', checkText('originator', message.header.originator ?? 'tracklayer')));
  if (message.header.messageId) out.push(kvnLine('MESSAGE_ID', checkText('messageId', message.header.messageId)));
  for (const s of message.segments) {
    const m = s.metadata;
    if (m.timeSystem !== 'UTC') throw new InputError('TIME_SYSTEM', m.timeSystem, 'tracklayer writes OEMs in UTC only');
    out.push('', 'META_START');
    for (const c of m.comments) out.push(`COMMENT ${checkText('metadata comment', c)}`);
    out.push(
      kvnLine('OBJECT_NAME', checkText('objectName', m.objectName)),
      kvnLine('OBJECT_ID', checkText('objectId', m.objectId)),
      kvnLine('CENTER_NAME', m.centerName),
      kvnLine('REF_FRAME', m.refFrame),
      kvnLine('TIME_SYSTEM', m.timeSystem),
      kvnLine('START_TIME', formatCcsdsUtc(m.startTime, td)),
    );
    if (m.useableStartTime !== undefined) out.push(kvnLine('USEABLE_START_TIME', formatCcsdsUtc(m.useableStartTime, td)));
    if (m.useableStopTime !== undefined) out.push(kvnLine('USEABLE_STOP_TIME', formatCcsdsUtc(m.useableStopTime, td)));
    out.push(kvnLine('STOP_TIME', formatCcsdsUtc(m.stopTime, td)));
    if (m.interpolation) out.push(kvnLine('INTERPOLATION', m.interpolation));
    if (m.interpolationDegree !== undefined) out.push(kvnLine('INTERPOLATION_DEGREE', m.interpolationDegree));
    out.push('META_STOP', '');
    for (const c of s.comments) out.push(`COMMENT ${checkText('data comment', c)}`);
    const rows = s.epochs.length;
    for (let r = 0; r < rows; r++) {
      const fields = [formatCcsdsUtc(s.epochs[r] as Instant, td)];
      for (let c = 0; c < 6; c++) fields.push(kmText(s.states[r * 6 + c], c < 3 ? pd : vd));
      if (s.accelerations) for (let c = 0; c < 3; c++) fields.push(kmText(s.accelerations[r * 3 + c], vd));
      out.push(fields.join(' '));
    }
    if (s.covariances.length > 0) {
      out.push('', 'COVARIANCE_START');
      for (const cov of s.covariances) {
        out.push(kvnLine('EPOCH', formatCcsdsUtc(cov.epoch, td)));
        if (cov.refFrame) out.push(kvnLine('COV_REF_FRAME', cov.refFrame));
        let at = 0;
        for (let row = 1; row <= 6; row++) {
          const values: string[] = [];
          for (let c = 0; c < row; c++) values.push((cov.lowerTriangle[at++] / (KM * KM)).toExponential(10));
          out.push(values.join(' '));
        }
      }
      out.push('COVARIANCE_STOP');
    }
  }
  return `${out.join('\n')}\n`;
}

function kmText(valueSi: number, decimals: number): string {
  if (!Number.isFinite(valueSi)) throw new InputError('state', valueSi, 'must be finite to be written');
  const text = (valueSi / KM).toFixed(decimals);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text;
}
