import { type CompileOptions, compileScenario } from './compile.ts';
import { ScenarioError, type ScenarioIssue } from './issues.ts';
import { type ScenarioTextFormat, detectFormat, parseScenarioText } from './parse-text.ts';
import type { Scenario } from './types.ts';

export interface LoadScenarioOptions extends CompileOptions {
  /** What the messages call the file (its path). Default '(scenario)'. */
  source?: string;
  /** Default: JSON for a .json source or text starting with "{", else YAML. */
  format?: ScenarioTextFormat;
}

export interface ScenarioCheck {
  /** null when there are issues. */
  scenario: Scenario | null;
  /** Every problem, in file order (each with its line when known). */
  issues: ScenarioIssue[];
  warnings: string[];
  format: ScenarioTextFormat;
}

/** Reads and checks a scenario without throwing: the typed scenario, or every problem found. */
export function checkScenarioText(text: string, options: LoadScenarioOptions = {}): ScenarioCheck {
  const format = options.format ?? detectFormat(typeof text === 'string' ? text : '', options.source);
  const parsed = parseScenarioText(text, format);
  if (parsed.issues.length > 0) return { scenario: null, issues: parsed.issues, warnings: [], format };
  const result = compileScenario(parsed.document, options);
  const issues = result.issues.map((i, order) => ({ i, order, line: i.line ?? parsed.lineOf(i.path), offset: parsed.offsetOf(i.path) ?? Number.MAX_SAFE_INTEGER }));
  // File order: by place in the text, then as found (several problems at one key keep their order).
  issues.sort((a, b) => a.offset - b.offset || a.order - b.order);
  return {
    scenario: result.scenario,
    issues: issues.map(({ i, line }) => (line === undefined ? i : { ...i, line })),
    warnings: result.warnings,
    format,
  };
}

/**
 * Reads a scenario from YAML or JSON text into the typed, SI scenario a run consumes. Throws a
 * ScenarioError (an InputError) listing every problem at once, each at its path in the file.
 * Element-set files are read through `options.files`, resolved against `options.baseDir`.
 */
export function loadScenarioText(text: string, options: LoadScenarioOptions = {}): { scenario: Scenario; warnings: string[] } {
  const check = checkScenarioText(text, options);
  if (!check.scenario) throw new ScenarioError(options.source ?? '(scenario)', check.issues);
  return { scenario: check.scenario, warnings: check.warnings };
}

/** The same from an already parsed document (a plain object, as JSON.parse or a web form gives). */
export function loadScenarioDocument(document: unknown, options: LoadScenarioOptions = {}): { scenario: Scenario; warnings: string[] } {
  const result = compileScenario(document, options);
  if (!result.scenario) throw new ScenarioError(options.source ?? '(scenario)', result.issues);
  return { scenario: result.scenario, warnings: result.warnings };
}
