import { Command, CommanderError } from 'commander';
import { InputError } from '../math/errors.ts';
import { register as registerAccess } from './commands/access.ts';
import { register as registerCoverage } from './commands/coverage.ts';
import { register as registerPropagate } from './commands/propagate.ts';
import { register as registerRun } from './commands/run.ts';
import { register as registerScore } from './commands/score.ts';
import { register as registerStart } from './commands/start.ts';
import { register as registerThreat } from './commands/threat.ts';
import { register as registerTrack } from './commands/track.ts';
import { register as registerValidate } from './commands/validate.ts';

/** Runs the CLI with the given arguments; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('tracklayer')
    .description('Design, simulate and operate an allied LEO missile detection and tracking constellation.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of [registerRun, registerStart, registerPropagate, registerThreat, registerCoverage, registerAccess, registerTrack, registerScore, registerValidate]) register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof InputError) {
      process.stderr.write(`tracklayer: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
