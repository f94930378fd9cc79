import type { CompileOptions } from './compile.ts';
import type { DocumentPath, ScenarioIssue } from './issues.ts';
import type { ScenarioTime } from './types.ts';

/** What every section builder of compile.ts shares: where problems go, the options, the time span and seed when known. */
export interface CompileContext {
  readonly issues: ScenarioIssue[];
  readonly warnings: string[];
  readonly options: CompileOptions;
  /** null when the file's time section is wrong (its problems are already reported). */
  readonly time: ScenarioTime | null;
  readonly seed: number | null;
  /** Adds a problem when a time text of the file lies outside the scenario's span (when the span is known). */
  checkWithinSpan(text: unknown, path: DocumentPath): void;
}
