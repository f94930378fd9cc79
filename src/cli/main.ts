import { Command, CommanderError } from 'commander';
import { InputError } from '../math/errors.ts';

/** Runs the CLI with the given arguments; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('tracklayer')
    .description('Design, simulate and operate an allied LEO missile detection and tracking constellation.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
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
