import { InputError } from '../math/errors.ts';

/**
 * A small, non-validating XML reader for the element-only documents of CCSDS NDM/XML
 * (OMM, OEM). The isomorphic core cannot use the browser's DOMParser (absent in Node),
 * and the project has no XML dependency; these messages need only elements, attributes,
 * text, comments, CDATA and the five predefined entities. Document type declarations are
 * skipped, never expanded, so entity-expansion attacks have nothing to work with.
 */
export interface XmlElement {
  /** Local name: a namespace prefix such as `ndm:` is dropped. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element, entities decoded, not trimmed. */
  text: string;
  /** 1-based line of the start tag, for error messages. */
  line: number;
}

export function parseXml(source: string, what = 'XML'): XmlElement {
  if (typeof source !== 'string') throw new InputError(what, source, 'must be XML text');
  let pos = 0;
  // Sticky, so it matches exactly at `pos`; one per call, as its lastIndex is state.
  const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
  const newlines: number[] = [];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) newlines.push(i);
  const lineAt = (p: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const fail = (p: number, problem: string): never => {
    throw new InputError(`${what} line ${lineAt(p)}`, source.slice(p, p + 40), problem);
  };
  const skipSpace = () => {
    for (;;) {
      const c = source.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else return;
    }
  };
  const skipUntil = (terminator: string, start: number, problem: string) => {
    const end = source.indexOf(terminator, pos);
    if (end < 0) fail(start, problem);
    pos = end + terminator.length;
  };
  // Skips the prolog's declarations, comments and processing instructions before and after the root.
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<?', pos)) skipUntil('?>', pos, 'unterminated processing instruction');
      else if (source.startsWith('<!--', pos)) skipUntil('-->', pos, 'unterminated comment');
      else if (source.startsWith('<!DOCTYPE', pos)) skipDoctype();
      else return;
    }
  };
  const skipDoctype = () => {
    const start = pos;
    let depth = 0;
    for (; pos < source.length; pos++) {
      const c = source[pos];
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth === 0) {
        pos++;
        return;
      }
    }
    fail(start, 'unterminated DOCTYPE');
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(source);
    if (!m) fail(pos, 'expected a name');
    pos += m![0].length;
    return m![0];
  };
  const localName = (qualified: string) => qualified.slice(qualified.lastIndexOf(':') + 1);

  const readElement = (): XmlElement => {
    const start = pos;
    if (source[pos] !== '<') fail(pos, 'expected an element');
    pos++;
    const qname = readName();
    const element: XmlElement = { name: localName(qname), attributes: {}, children: [], text: '', line: lineAt(start) };
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return element;
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      if (pos >= source.length) fail(start, `unterminated start tag <${qname}>`);
      const attr = readName();
      skipSpace();
      if (source[pos] !== '=') fail(pos, `attribute ${attr} needs a value`);
      pos++;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail(pos, `attribute ${attr} value must be quoted`);
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail(pos, `unterminated value of attribute ${attr}`);
      element.attributes[localName(attr)] = decodeEntities(source.slice(pos + 1, end), () => fail(pos, 'bad entity'));
      pos = end + 1;
    }
    let text = '';
    for (;;) {
      if (pos >= source.length) fail(start, `element <${qname}> is not closed`);
      if (source.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== qname) fail(pos - closing.length - 2, `closing tag </${closing}> does not match <${qname}>`);
        skipSpace();
        if (source[pos] !== '>') fail(pos, `closing tag </${closing}> needs >`);
        pos++;
        element.text = text;
        return element;
      }
      if (source.startsWith('<!--', pos)) skipUntil('-->', pos, 'unterminated comment');
      else if (source.startsWith('<![CDATA[', pos)) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail(pos, 'unterminated CDATA');
        text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (source.startsWith('<?', pos)) skipUntil('?>', pos, 'unterminated processing instruction');
      else if (source[pos] === '<') element.children.push(readElement());
      else {
        const next = source.indexOf('<', pos);
        const end = next < 0 ? source.length : next;
        const at = pos;
        text += decodeEntities(source.slice(pos, end), () => fail(at, 'bad entity reference'));
        pos = end;
      }
    }
  };

  if (source.charCodeAt(0) === 0xfeff) pos = 1;
  skipMisc();
  if (pos >= source.length) fail(0, 'no root element');
  const root = readElement();
  skipMisc();
  if (pos < source.length) fail(pos, 'text after the root element');
  return root;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string, onBad: () => never): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;\s&]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) onBad();
    if (body in NAMED) return NAMED[body];
    const code = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : body.startsWith('#') ? Number.parseInt(body.slice(1), 10) : Number.NaN;
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) onBad();
    return String.fromCodePoint(code);
  });
}

/** Escapes text for element content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'));
}

/** The first child with this local name, if any. */
export function xmlChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function xmlChildren(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
