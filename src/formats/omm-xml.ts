import { InputError } from '../math/errors.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import { formatCcsdsUtc } from './ccsds-time.ts';
import { type LocatedRecord, type OmmCatalogue, ommCatalogue } from './omm-catalogue.ts';
import { type OmmMessageOptions, OMM_VERSIONS } from './omm-kvn.ts';
import { type OmmFields, type OmmHeader, ommRecordFromFields } from './omm-record.ts';
import { ommValues } from './omm-values.ts';
import { type RejectedEntry, asInputError } from './rejected.ts';
import { type XmlElement, escapeXml, parseXml, xmlChild, xmlChildren } from './xml.ts';

/**
 * Reads CCSDS OMM in XML (NDM/XML 2.0 and 3.0): a bare <omm> root, or an <ndm> holding
 * several <omm> as CelesTrak serves them. A `units` attribute is checked like a KVN unit.
 */
export function parseOmmXml(text: string): OmmCatalogue {
  const root = parseXml(text, 'OMM XML');
  let messages: XmlElement[];
  if (root.name === 'omm') messages = [root];
  else if (root.name === 'ndm') messages = xmlChildren(root, 'omm');
  else throw new InputError(`OMM XML line ${root.line}`, `<${root.name}>`, 'root element must be <omm> or <ndm>');
  const parsed: LocatedRecord[] = [];
  const rejected: RejectedEntry[] = [];
  for (const omm of messages) {
    try {
      parsed.push({ record: recordFromXml(omm), line: omm.line });
    } catch (e) {
      const name = findLeaf(omm, 'OBJECT_NAME');
      const r: RejectedEntry = { line: omm.line, error: asInputError(e, `line ${omm.line}`, '<omm>') };
      if (name) r.object = name.text.trim();
      rejected.push(r);
    }
  }
  return ommCatalogue(parsed, rejected);
}

function findLeaf(e: XmlElement, name: string): XmlElement | undefined {
  for (const c of e.children) {
    if (c.name === name && c.children.length === 0) return c;
    const found = findLeaf(c, name);
    if (found) return found;
  }
  return undefined;
}

function recordFromXml(omm: XmlElement) {
  const version = omm.attributes.version;
  if (version !== undefined && !OMM_VERSIONS.has(version)) throw new InputError(`line ${omm.line}, version`, version, 'must be 1.0, 2.0 or 3.0');
  const header: OmmHeader = { comments: [] };
  if (version !== undefined) header.version = version;
  const head = xmlChild(omm, 'header');
  for (const h of head?.children ?? []) {
    const value = h.text.trim();
    if (h.name === 'COMMENT') header.comments.push(value);
    else if (h.name === 'CLASSIFICATION') header.classification = value;
    else if (h.name === 'CREATION_DATE' && value) header.creationDate = value;
    else if (h.name === 'ORIGINATOR' && value) header.originator = value;
    else if (h.name === 'MESSAGE_ID') header.messageId = value;
  }
  const segment = xmlChild(xmlChild(omm, 'body') ?? omm, 'segment');
  if (!segment) throw new InputError(`line ${omm.line}`, '<omm>', 'has no <body><segment>');
  const fields: OmmFields = new Map();
  const comments: string[] = [];
  const collect = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === 'COMMENT') comments.push(c.text.trim());
      else if (c.name === 'USER_DEFINED') {
        const parameter = c.attributes.parameter;
        if (!parameter) throw new InputError(`line ${c.line}, USER_DEFINED`, c.text, 'needs a parameter attribute');
        fields.set(`USER_DEFINED_${parameter}`, { value: c.text, field: `line ${c.line}, USER_DEFINED ${parameter}` });
      } else if (c.children.length > 0) collect(c);
      else {
        if (fields.has(c.name)) throw new InputError(`line ${c.line}, ${c.name}`, c.text, 'appears twice in one message');
        const v = { value: c.text, field: `line ${c.line}, ${c.name}` };
        fields.set(c.name, c.attributes.units === undefined ? v : { ...v, unit: c.attributes.units });
      }
    }
  };
  const metadata = xmlChild(segment, 'metadata');
  const data = xmlChild(segment, 'data');
  if (!metadata || !data) throw new InputError(`line ${segment.line}`, '<segment>', 'needs <metadata> and <data>');
  collect(metadata);
  collect(data);
  return ommRecordFromFields(fields, `OMM at line ${omm.line}`, header, comments);
}

/** Writes element sets as NDM/XML: an <ndm> holding one CCSDS OMM 3.0 <omm> per set. */
export function formatOmmXml(sets: readonly ElementSet[], options: OmmMessageOptions): string {
  const leaf = (name: string, value: string, units?: string) => `<${name}${units ? ` units="${escapeXml(units)}"` : ''}>${escapeXml(value)}</${name}>`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<ndm>'];
  for (const set of sets) {
    const v = ommValues(set, options);
    out.push(
      '<omm id="CCSDS_OMM_VERS" version="3.0">',
      `<header>${leaf('CREATION_DATE', formatCcsdsUtc(options.creationDate, 3))}${leaf('ORIGINATOR', options.originator ?? 'tracklayer')}</header>`,
      '<body><segment>',
      `<metadata>${leaf('OBJECT_NAME', v.get('OBJECT_NAME') || 'UNKNOWN')}${leaf('OBJECT_ID', v.get('OBJECT_ID') || 'UNKNOWN')}${leaf('CENTER_NAME', 'EARTH')}${leaf('REF_FRAME', 'TEME')}${leaf('TIME_SYSTEM', 'UTC')}${leaf('MEAN_ELEMENT_THEORY', 'SGP4')}</metadata>`,
      '<data>',
      `<meanElements>${leaf('EPOCH', v.get('EPOCH')!)}${leaf('MEAN_MOTION', v.get('MEAN_MOTION')!, 'rev/day')}${leaf('ECCENTRICITY', v.get('ECCENTRICITY')!)}${leaf('INCLINATION', v.get('INCLINATION')!, 'deg')}${leaf('RA_OF_ASC_NODE', v.get('RA_OF_ASC_NODE')!, 'deg')}${leaf('ARG_OF_PERICENTER', v.get('ARG_OF_PERICENTER')!, 'deg')}${leaf('MEAN_ANOMALY', v.get('MEAN_ANOMALY')!, 'deg')}</meanElements>`,
      `<tleParameters>${leaf('EPHEMERIS_TYPE', v.get('EPHEMERIS_TYPE')!)}${leaf('CLASSIFICATION_TYPE', v.get('CLASSIFICATION_TYPE')!)}${leaf('NORAD_CAT_ID', v.get('NORAD_CAT_ID')!)}${leaf('ELEMENT_SET_NO', v.get('ELEMENT_SET_NO')!)}${leaf('REV_AT_EPOCH', v.get('REV_AT_EPOCH')!)}${leaf('BSTAR', v.get('BSTAR')!, '1/ER')}${leaf('MEAN_MOTION_DOT', v.get('MEAN_MOTION_DOT')!, 'rev/day**2')}${leaf('MEAN_MOTION_DDOT', v.get('MEAN_MOTION_DDOT')!, 'rev/day**3')}</tleParameters>`,
      '</data>',
      '</segment></body>',
      '</omm>',
    );
  }
  out.push('</ndm>');
  return `${out.join('\n')}\n`;
}
