/**
 * `tracklayer track --reports FILE [--out FILE] [--config FILE]`: runs the streaming tracker over
 * NDJSON sensor reports and writes NDJSON track messages. `-` or no file means stdin/stdout, so
 * it sits in a pipe. Bad lines are reported on stderr with their line numbers and skipped.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { formatMessage, messageFromTrack, readMessageStream, reportFromMessage } from '../../formats/messages.ts';
import { InputError } from '../../math/errors.ts';
import { trackerConfigFromFile } from '../../tracking/config.ts';
import { type ScanOutput, Tracker } from '../../tracking/tracker.ts';

export interface TrackCommandOptions {
  reports?: string;
  out?: string;
  config?: string;
}

export interface TrackCommandIo {
  stdin?: AsyncIterable<string | Uint8Array>;
  stdout?: Writable;
  stderr?: (text: string) => void;
}

export function loadTrackerConfig(path: string | undefined) {
  if (!path) return trackerConfigFromFile({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError('--config', path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let value: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new InputError('--config', path, `is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'} (${e instanceof Error ? e.message : String(e)})`);
  }
  return trackerConfigFromFile(value);
}

/** The command's work, callable from tests. Returns counts for a summary. */
export async function runTrack(options: TrackCommandOptions, io: TrackCommandIo = {}): Promise<{ reports: number; rejected: number; scans: number }> {
  const config = loadTrackerConfig(options.config);
  const input: AsyncIterable<string | Uint8Array> =
    !options.reports || options.reports === '-' ? (io.stdin ?? process.stdin) : openInput(options.reports);
  const output: Writable = !options.out || options.out === '-' ? (io.stdout ?? process.stdout) : createWriteStream(options.out);
  const warn = io.stderr ?? ((s: string) => process.stderr.write(s));
  const tracker = new Tracker(config);
  let reports = 0;
  let rejected = 0;
  let scans = 0;
  const write = async (outs: ScanOutput[]) => {
    for (const scan of outs) {
      scans++;
      let text = '';
      for (const s of scan.tracks) text += `${formatMessage(messageFromTrack(s))}\n`;
      if (text && !output.write(text)) await new Promise((resolve) => output.once('drain', resolve));
    }
  };
  for await (const item of readMessageStream(input)) {
    if ('rejected' in item) {
      rejected++;
      warn(`tracklayer track: skipped ${item.rejected.error.message}\n`);
      continue;
    }
    if (item.message.type !== 'report') continue;
    reports++;
    await write(tracker.push(reportFromMessage(item.message)));
  }
  await write(tracker.finish());
  if (tracker.stats.lateReportsDropped > 0) warn(`tracklayer track: ${tracker.stats.lateReportsDropped} reports arrived out of time order and were dropped (see reorderWindowS)\n`);
  if (output !== (io.stdout ?? process.stdout)) await new Promise<void>((resolve, reject) => output.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { reports, rejected, scans };
}

function openInput(path: string): AsyncIterable<string | Uint8Array> {
  const stream = createReadStream(path);
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (e) {
        throw new InputError('--reports', path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    },
  };
}

export function register(program: Command): void {
  program
    .command('track')
    .description('Fuse NDJSON sensor reports (lines of sight) into NDJSON tracks, streaming')
    .option('--reports <file>', 'report messages, NDJSON (default or "-": stdin)')
    .option('--out <file>', 'track messages, NDJSON (default or "-": stdout)')
    .option('--config <file>', 'tracker settings, YAML or JSON (keys: see docs/tracking.md)')
    .action(async (options: TrackCommandOptions) => {
      await runTrack(options);
    });
}
