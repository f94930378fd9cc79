/**
 * Runs every benchmark (or those named on the command line) and writes bench/RESULTS.md.
 * Each bench/<name>.bench.ts exports `run(): Promise<BenchSection>`; figures are ratios against
 * a baseline timed in the same run, so the machine's speed cancels out.
 */
import { readdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSection } from './section.ts';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`;
const sections: Record<string, string> = {};
const resultsPath = join(here, 'RESULTS.md');
if (existsSync(resultsPath)) {
  // Keep the sections of benchmarks not run this time.
  const old = readFileSync(resultsPath, 'utf8');
  for (const block of old.split(/^<!-- bench:/m).slice(1)) {
    const name = block.slice(0, block.indexOf(' -->'));
    const body = block.slice(block.indexOf('-->') + 3).split(/^<!-- end -->/m)[0];
    sections[name] = body.trim();
  }
}

for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench ${name} ...\n`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<BenchSection> };
  const section = await mod.run();
  const text = `## ${section.title}\n\n_Run ${new Date().toISOString().slice(0, 10)} on ${machine}._\n\n${section.markdown.trim()}\n`;
  sections[name] = text.trim();
  process.stdout.write(`\n${text}\n`);
}

const body = Object.keys(sections)
  .sort()
  .map((name) => `<!-- bench:${name} -->\n${sections[name]}\n<!-- end -->`)
  .join('\n\n');
writeFileSync(
  resultsPath,
  `# Benchmark results\n\nWritten by \`npm run bench\` (\`npm run bench -- NAME\` reruns one). Every figure is a ratio against a baseline timed in the same run, so the machine's speed cancels out; the machine is noted per section.\n\n${body}\n`,
);
