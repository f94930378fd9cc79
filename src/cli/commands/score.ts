/**
 * `tracklayer score --tracks FILE --truth FILE [--json]`: scores track messages against truth
 * messages (GOSPA, OSPA, RMSE, NEES, continuity, time to confirmed, custody, fire-control
 * fraction) and prints a table or JSON.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readMessages, trackFromMessage, truthFromMessage } from '../../formats/messages.ts';
import { describeRejected } from '../../formats/rejected.ts';
import { InputError } from '../../math/errors.ts';
import { type Score, formatScore, scoreTracks } from '../../tracking/metrics/score.ts';
import type { TrackSnapshot, TruthSample } from '../../tracking/types.ts';

export interface ScoreCommandOptions {
  tracks: string;
  truth: string;
  json?: boolean;
  cutoffKm?: string;
  fireControlKm?: string;
}

function readFile(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(option, path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

function positiveNumber(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new InputError(option, text, 'must be a positive number');
  return v;
}

export function runScore(options: ScoreCommandOptions, warn: (s: string) => void = (s) => process.stderr.write(s)): { score: Score; text: string } {
  if (!options.tracks) throw new InputError('--tracks', options.tracks, 'is required');
  if (!options.truth) throw new InputError('--truth', options.truth, 'is required');
  const tracksRead = readMessages(readFile(options.tracks, '--tracks'));
  const truthRead = readMessages(readFile(options.truth, '--truth'));
  for (const line of describeRejected(tracksRead.rejected)) warn(`tracklayer score: ${options.tracks}: skipped ${line}\n`);
  for (const line of describeRejected(truthRead.rejected)) warn(`tracklayer score: ${options.truth}: skipped ${line}\n`);
  const tracks: TrackSnapshot[] = [];
  for (const m of tracksRead.messages) if (m.type === 'track') tracks.push(trackFromMessage(m));
  const truth: TruthSample[] = [];
  for (const m of truthRead.messages) if (m.type === 'truth') truth.push(truthFromMessage(m));
  if (truth.length === 0) throw new InputError('--truth', options.truth, 'holds no truth messages');
  const score = scoreTracks(tracks, truth, {
    cutoff: positiveNumber(options.cutoffKm, '--cutoff-km', 10) * 1000,
    fireControlSigma: positiveNumber(options.fireControlKm, '--fire-control-km', 1) * 1000,
  });
  const text = options.json ? `${JSON.stringify(score, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n` : `${formatScore(score)}\n`;
  return { score, text };
}

export function register(program: Command): void {
  program
    .command('score')
    .description('Score NDJSON tracks against NDJSON truth: GOSPA, RMSE, NEES, continuity, custody')
    .requiredOption('--tracks <file>', 'track messages, NDJSON')
    .requiredOption('--truth <file>', 'truth messages, NDJSON')
    .option('--json', 'print the metrics as JSON')
    .option('--cutoff-km <km>', 'GOSPA cut-off and matching distance, km (default 10)')
    .option('--fire-control-km <km>', 'fire-control position one-sigma, km (default 1)')
    .action((options: ScoreCommandOptions) => {
      process.stdout.write(runScore(options).text);
    });
}
