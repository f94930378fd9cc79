import { InputError } from '../math/errors.ts';
import { KM } from '../math/units.ts';
import type { Instant } from '../time/instant.ts';
import { type CcsdsTimeSystem, formatCcsdsUtc, parseCcsdsEpoch } from './ccsds-time.ts';
import { parseDecimal } from './numbers.ts';
import type { OemCovariance, OemHeader, OemMessage, OemSegment } from './oem.ts';
import { OEM_VERSIONS, type OemPrintOptions, readMetadata } from './oem-kvn.ts';
import { COVARIANCE_KEYS } from './omm-record.ts';
import { type XmlElement, escapeXml, parseXml, xmlChild, xmlChildren } from './xml.ts';

const STATE_KEYS = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'] as const;
const ACCELERATION_KEYS = ['X_DDOT', 'Y_DDOT', 'Z_DDOT'] as const;

/** Reads a CCSDS OEM in XML (NDM/XML, a bare <oem> or the first <oem> inside an <ndm>). */
export function parseOemXml(text: string): OemMessage {
  const root = parseXml(text, 'OEM XML');
  const oem = root.name === 'oem' ? root : root.name === 'ndm' ? xmlChild(root, 'oem') : undefined;
  if (!oem) throw new InputError(`OEM XML line ${root.line}`, `<${root.name}>`, 'root element must be <oem> (or an <ndm> holding one)');
  const version = oem.attributes.version ?? '';
  if (!OEM_VERSIONS.has(version)) throw new InputError(`line ${oem.line}, version`, version, 'must be 1.0, 2.0 or 3.0');
  const header: OemHeader = { comments: [] };
  for (const h of xmlChild(oem, 'header')?.children ?? []) {
    const value = h.text.trim();
    if (h.name === 'COMMENT') header.comments.push(value);
    else if (h.name === 'CLASSIFICATION') header.classification = value;
    else if (h.name === 'CREATION_DATE') header.creationDate = value;
    else if (h.name === 'ORIGINATOR') header.originator = value;
    else if (h.name === 'MESSAGE_ID') header.messageId = value;
  }
  const body = xmlChild(oem, 'body');
  if (!body) throw new InputError(`line ${oem.line}`, '<oem>', 'has no <body>');
  const segments = xmlChildren(body, 'segment').map(readSegment);
  if (segments.length === 0) throw new InputError(`line ${body.line}`, '<body>', 'has no <segment>');
  return { version, header, segments };
}

function leafValues(e: XmlElement): Map<string, { value: string; line: number; field: string }> {
  const out = new Map<string, { value: string; line: number; field: string }>();
  for (const c of e.children) {
    if (c.name === 'COMMENT') continue;
    if (out.has(c.name)) throw new InputError(`line ${c.line}, ${c.name}`, c.text, 'appears twice');
    out.set(c.name, { value: c.text.trim(), line: c.line, field: `line ${c.line}, ${c.name}` });
  }
  return out;
}

function readSegment(segment: XmlElement): OemSegment {
  const metaElement = xmlChild(segment, 'metadata');
  const data = xmlChild(segment, 'data');
  if (!metaElement || !data) throw new InputError(`line ${segment.line}`, '<segment>', 'needs <metadata> and <data>');
  const metadata = readMetadata(leafValues(metaElement), xmlChildren(metaElement, 'COMMENT').map((c) => c.text.trim()), metaElement.line);
  const timeSystem = metadata.timeSystem as CcsdsTimeSystem;
  const vectors = xmlChildren(data, 'stateVector');
  const n = vectors.length;
  const epochs = new Float64Array(n);
  const states = new Float64Array(n * 6);
  const withAccelerations = n > 0 && xmlChild(vectors[0], 'X_DDOT') !== undefined;
  const accelerations = withAccelerations ? new Float64Array(n * 3) : undefined;
  vectors.forEach((v, r) => {
    const values = leafValues(v);
    const need = (key: string) => {
      const m = values.get(key);
      if (!m) throw new InputError(`line ${v.line}, stateVector`, key, 'is missing');
      return m;
    };
    const epoch = need('EPOCH');
    epochs[r] = parseCcsdsEpoch(epoch.value, timeSystem, epoch.field);
    if (r > 0 && !(epochs[r] > epochs[r - 1])) throw new InputError(epoch.field, epoch.value, 'must be later than the state vector before it');
    if (epochs[r] < metadata.startTime - 1e-6 || epochs[r] > metadata.stopTime + 1e-6) throw new InputError(epoch.field, epoch.value, 'lies outside START_TIME..STOP_TIME of its segment');
    STATE_KEYS.forEach((k, c) => {
      states[r * 6 + c] = parseDecimal(need(k).value, need(k).field) * KM;
    });
    if (accelerations) ACCELERATION_KEYS.forEach((k, c) => {
      accelerations[r * 3 + c] = parseDecimal(need(k).value, need(k).field) * KM;
    });
  });
  const covariances: OemCovariance[] = xmlChildren(data, 'covarianceMatrix').map((m) => {
    const values = leafValues(m);
    const epoch = values.get('EPOCH');
    if (!epoch) throw new InputError(`line ${m.line}, covarianceMatrix`, 'EPOCH', 'is missing');
    const lowerTriangle = new Float64Array(21);
    COVARIANCE_KEYS.forEach((k, i) => {
      const cell = values.get(k);
      if (!cell) throw new InputError(`line ${m.line}, covarianceMatrix`, k, 'is missing');
      lowerTriangle[i] = parseDecimal(cell.value, cell.field) * KM * KM;
    });
    const cov: OemCovariance = { epoch: parseCcsdsEpoch(epoch.value, timeSystem, epoch.field), lowerTriangle };
    const frame = values.get('COV_REF_FRAME');
    if (frame) cov.refFrame = frame.value;
    return cov;
  });
  const segmentOut: OemSegment = { metadata, comments: xmlChildren(data, 'COMMENT').map((c) => c.text.trim()), epochs, states, covariances };
  if (accelerations) segmentOut.accelerations = accelerations;
  return segmentOut;
}

/** Writes an OEM as NDM/XML 3.0 (a bare <oem> root, as the standard's examples). */
export function formatOemXml(message: OemMessage, print: OemPrintOptions = {}): string {
  const pd = print.positionDecimals ?? 6;
  const vd = print.velocityDecimals ?? 9;
  const td = print.timeDigits ?? 6;
  const leaf = (name: string, value: string | number) => `<${name}>${escapeXml(String(value))}</${name}>`;
  const km = (v: number, d: number) => {
    if (!Number.isFinite(v)) throw new InputError('state', v, 'must be finite to be written');
    const t = (v / KM).toFixed(d);
    return /^-0\.0*$/.test(t) ? t.slice(1) : t;
  };
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<oem id="CCSDS_OEM_VERS" version="3.0">', '<header>'];
  for (const c of message.header.comments) out.push(leaf('COMMENT', c));
  if (message.header.classification) out.push(leaf('CLASSIFICATION', message.header.classification));
  out.push(leaf('CREATION_DATE', message.header.creationDate ?? ''), leaf('ORIGINATOR', message.header.originator ?? 'tracklayer'));
  if (message.header.messageId) out.push(leaf('MESSAGE_ID', message.header.messageId));
  out.push('</header>', '<body>');
  for (const s of message.segments) {
    const m = s.metadata;
    if (m.timeSystem !== 'UTC') throw new InputError('TIME_SYSTEM', m.timeSystem, 'tracklayer writes OEMs in UTC only');
    out.push('<segment>', '<metadata>');
    for (const c of m.comments) out.push(leaf('COMMENT', c));
    out.push(leaf('OBJECT_NAME', m.objectName), leaf('OBJECT_ID', m.objectId), leaf('CENTER_NAME', m.centerName), leaf('REF_FRAME', m.refFrame), leaf('TIME_SYSTEM', m.timeSystem));
    out.push(leaf('START_TIME', formatCcsdsUtc(m.startTime, td)));
    if (m.useableStartTime !== undefined) out.push(leaf('USEABLE_START_TIME', formatCcsdsUtc(m.useableStartTime, td)));
    if (m.useableStopTime !== undefined) out.push(leaf('USEABLE_STOP_TIME', formatCcsdsUtc(m.useableStopTime, td)));
    out.push(leaf('STOP_TIME', formatCcsdsUtc(m.stopTime, td)));
    if (m.interpolation) out.push(leaf('INTERPOLATION', m.interpolation));
    if (m.interpolationDegree !== undefined) out.push(leaf('INTERPOLATION_DEGREE', m.interpolationDegree));
    out.push('</metadata>', '<data>');
    for (const c of s.comments) out.push(leaf('COMMENT', c));
    // One template per row: these files reach hundreds of thousands of rows, and numbers need no escaping.
    for (let r = 0; r < s.epochs.length; r++) {
      const at = r * 6;
      let row =
        `<stateVector><EPOCH>${formatCcsdsUtc(s.epochs[r] as Instant, td)}</EPOCH><X>${km(s.states[at], pd)}</X><Y>${km(s.states[at + 1], pd)}</Y><Z>${km(s.states[at + 2], pd)}</Z>` +
        `<X_DOT>${km(s.states[at + 3], vd)}</X_DOT><Y_DOT>${km(s.states[at + 4], vd)}</Y_DOT><Z_DOT>${km(s.states[at + 5], vd)}</Z_DOT>`;
      if (s.accelerations) {
        const a = r * 3;
        row += `<X_DDOT>${km(s.accelerations[a], vd)}</X_DDOT><Y_DDOT>${km(s.accelerations[a + 1], vd)}</Y_DDOT><Z_DDOT>${km(s.accelerations[a + 2], vd)}</Z_DDOT>`;
      }
      out.push(`${row}</stateVector>`);
    }
    for (const cov of s.covariances) {
      let block = `<covarianceMatrix>${leaf('EPOCH', formatCcsdsUtc(cov.epoch, td))}`;
      if (cov.refFrame) block += leaf('COV_REF_FRAME', cov.refFrame);
      COVARIANCE_KEYS.forEach((k, i) => {
        block += leaf(k, (cov.lowerTriangle[i] / (KM * KM)).toExponential(10));
      });
      out.push(`${block}</covarianceMatrix>`);
    }
    out.push('</data>', '</segment>');
  }
  out.push('</body>', '</oem>');
  return `${out.join('\n')}\n`;
}
