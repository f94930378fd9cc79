import { type Document, LineCounter, isMap, isNode, isPair, isScalar, parseDocument } from 'yaml';
import { type DocumentPath, type ScenarioIssue, issue } from './issues.ts';

export type ScenarioTextFormat = 'yaml' | 'json';

/** A scenario file read into plain values, with a way back from a path to the file line. */
export interface ParsedText {
  readonly document: unknown;
  readonly format: ScenarioTextFormat;
  /** The 1-based line of the node at a path (its nearest existing ancestor's when the key is missing). */
  lineOf(path: DocumentPath): number | undefined;
  /** The character offset of the same place, to order problems within a line. */
  offsetOf(path: DocumentPath): number | undefined;
  /** Syntax problems; when any, `document` is undefined. */
  readonly issues: ScenarioIssue[];
}

/** JSON when the file name ends in .json or the text starts with `{`; YAML otherwise. */
export function detectFormat(text: string, fileName?: string): ScenarioTextFormat {
  if (fileName && /\.json$/i.test(fileName)) return 'json';
  if (fileName && /\.ya?ml$/i.test(fileName)) return 'yaml';
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'json' : 'yaml';
}

/**
 * Reads YAML (1.2, core schema: times such as 2026-01-01T00:00:00Z stay text) or JSON. JSON is
 * read by JSON.parse, so JSON files are held to JSON's own grammar; both are also read as a YAML
 * document (JSON is YAML 1.2) to find the line of every value. Duplicate keys are errors.
 */
export function parseScenarioText(text: string, format: ScenarioTextFormat): ParsedText {
  if (typeof text !== 'string') {
    return { document: undefined, format, lineOf: () => undefined, offsetOf: () => undefined, issues: [issue([], 'must be YAML or JSON text', text)] };
  }
  const clean = text.replace(/^\uFEFF/, '');
  const counter = new LineCounter();
  const doc = parseDocument(clean, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const offsetOf = (path: DocumentPath) => offsetInDocument(doc, path);
  const lineOf = (path: DocumentPath) => {
    const offset = offsetOf(path);
    return offset === undefined ? undefined : counter.linePos(offset).line;
  };
  const none = () => undefined;
  if (format === 'json') {
    try {
      const document = JSON.parse(clean) as unknown;
      const located = doc.errors.length === 0;
      return { document, format, lineOf: located ? lineOf : none, offsetOf: located ? offsetOf : none, issues: rootIssues(document) };
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message);
      const line = position ? counter.linePos(Number(position[1])).line : undefined;
      const found = issue([], `is not valid JSON (${message.replace(/^JSON\.parse: /, '')})`);
      if (line !== undefined) found.line = line;
      return { document: undefined, format, lineOf: none, offsetOf: none, issues: [found] };
    }
  }
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const found = issue([], `is not valid YAML: ${e.message.split(/:\n/)[0].replace(/ at line \d+, column \d+$/, '')}`);
      if (e.linePos) found.line = e.linePos[0].line;
      return found;
    });
    return { document: undefined, format, lineOf: none, offsetOf: none, issues };
  }
  const document = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  return { document, format, lineOf, offsetOf, issues: rootIssues(document) };
}

function rootIssues(document: unknown): ScenarioIssue[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return [issue([], 'must be a mapping of keys to values (name, time, sensors, constellations, ...)', document)];
  }
  return [];
}

function offsetInDocument(doc: Document, path: DocumentPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n);
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) {
      // For a key that is present, point at the key's line (a value may start on the next line).
      if (n === path.length && n > 0) {
        const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[n - 1]);
          if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
        }
      }
      return node.range[0];
    }
  }
  return undefined;
}
