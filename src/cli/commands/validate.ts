import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../math/errors.ts';
import { ScenarioError } from '../../scenario/issues.ts';
import { type LoadScenarioOptions, checkScenarioText } from '../../scenario/load.ts';
import { describeScenario } from '../../scenario/summary.ts';
import type { Scenario } from '../../scenario/types.ts';

/** Element-set files are read from disk, relative to the scenario file. */
const diskFiles = { read: (path: string) => readFileSync(path, 'utf8') };

function readScenarioText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError('SCENARIO', path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a scenario file' : `cannot be read (${code ?? (error as Error).message})`);
  }
}

/**
 * Reads and checks a scenario file (YAML or JSON by its name or content), reading the element-set
 * files it names relative to it. Throws a ScenarioError listing every problem, or an InputError
 * when the file itself cannot be read. The `run` command loads scenarios through this too.
 */
export function loadScenarioFile(path: string, options: Pick<LoadScenarioOptions, 'seed'> = {}): { scenario: Scenario; warnings: string[] } {
  const text = readScenarioText(path);
  const check = checkScenarioText(text, { ...options, source: path, baseDir: dirname(path), files: diskFiles });
  if (!check.scenario) throw new ScenarioError(path, check.issues);
  return { scenario: check.scenario, warnings: check.warnings };
}

/** What `tracklayer validate` prints for a valid file: one paragraph, then the warnings. Throws for an invalid one. */
export function runValidate(path: string): string {
  const { scenario, warnings } = loadScenarioFile(path);
  const lines = [`${path} is a valid scenario. ${describeScenario(scenario)}`];
  if (warnings.length > 0) lines.push('', `${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}:`, ...warnings.map((w) => `  ${w}`));
  return `${wrap(lines[0], 100)}${lines.length > 1 ? `\n${lines.slice(1).join('\n')}` : ''}\n`;
}

/** Folds a paragraph at spaces to lines of at most `width` characters. */
function wrap(text: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('Check a scenario file (YAML or JSON) without running it: a summary when it is valid, every problem at once when not (exit 2).')
    .argument('<scenario>', 'scenario file, e.g. scenarios/default.yaml')
    .action((path: string) => {
      process.stdout.write(runValidate(path));
    });
}
