import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register, runValidate } from '../../src/cli/commands/validate.ts';
import { InputError } from '../../src/math/errors.ts';
import { ScenarioError } from '../../src/scenario/issues.ts';
import { repo } from './helpers.ts';

describe('tracklayer validate', () => {
  let written = '';
  beforeEach(() => {
    written = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints one paragraph of what a valid file declares', async () => {
    const program = new Command().exitOverride();
    register(program);
    await program.parseAsync(['validate', join(repo, 'scenarios', 'quick.yaml')], { from: 'user' });
    const paragraph = written.trim();
    expect(paragraph.split('\n\n')).toHaveLength(1);
    expect(paragraph).toMatch(/is a valid scenario\. "Quick look/);
    expect(paragraph.replace(/\s+/g, ' ')).toContain('40 satellites in 2 constellations: USA 28');
    expect(paragraph.replace(/\s+/g, ' ')).toContain('2 threats (1 glide, 1 ballistic; 2 declared)');
    expect(paragraph.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  it('lists every problem of an invalid file at once as an InputError (exit 2 in main)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracklayer-validate-'));
    const path = join(dir, 'bad.yaml');
    writeFileSync(
      path,
      [
        'name: bad',
        'seed: -3',
        'time: { start: 2026-01-01T00:00:00Z, durationS: 600, stepS: 900 }',
        'sensors: [{ id: s, type: staring-ir }]',
        'constellations:',
        '  - { id: a, type: walker, owner: USA, inclinationDeg: 90, total: 28, planes: 5, altitudeKm: 90, payloads: [s] }',
        '  - { id: b, type: element-sets, owner: JPN, file: sets/missing.tle, payloads: [s] }',
        '',
      ].join('\n'),
    );
    let error: unknown;
    try {
      runValidate(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toBeInstanceOf(ScenarioError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe(`${path}: 5 problems`);
    expect(lines.slice(1)).toEqual([
      '  seed: must be >= 0, got -3 (line 2)',
      '  time.stepS: must not exceed time.durationS (600 s), got 900 (line 3)',
      '  constellations[0].total: must be divisible by planes (P = 5), got 28 (line 6)',
      '  constellations[0].altitudeKm: must be >= 150, got 90 (line 6)',
      `  constellations[1].file: no such file: ${join(dir, 'sets', 'missing.tle')} (element-set files are found relative to the scenario file), got "sets/missing.tle" (line 7)`,
    ]);
  });

  it('a scenario file that does not exist is an InputError naming the path', () => {
    expect(() => runValidate('/no/such/scenario.yaml')).toThrowError(/SCENARIO: no such file, got "\/no\/such\/scenario.yaml"/);
  });
});
