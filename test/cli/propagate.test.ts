import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parseOemKvn } from '../../src/formats/oem-kvn.ts';
import { parseTle } from '../../src/formats/tle.ts';
import { sgp4State } from '../../src/orbits/sgp4/single.ts';
import { initSgp4 } from '../../src/orbits/sgp4/init.ts';
import { expectVectorWithin } from '../helpers/miss.ts';
import type { Instant } from '../../src/time/instant.ts';

const dir = mkdtempSync(join(tmpdir(), 'tracklayer-cli-'));
let stderr = '';

beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

// ISS (ZARYA) as published in CelesTrak's documentation, used only as input.
const ISS = [
  'ISS (ZARYA)',
  '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927',
  '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537',
];

describe('tracklayer propagate', () => {
  it('writes a CSV of Walker shell states at the shell altitude', async () => {
    const out = join(dir, 'walker.csv');
    const code = await main(['propagate', '--walker', 'star:90:28/4/1@1200km', '--start', '2026-01-01T00:00:00Z', '--duration', '10m', '--step', '1m', '--format', 'csv', '--out', out, '--quiet']);
    expect(code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('id,timeUtc,frame,xM,yM,zM,vxMps,vyMps,vzMps,status');
    expect(rows.length).toBe(1 + 28 * 11);
    for (const row of rows.slice(1)) {
      const f = row.split(',');
      const radiusKm = Math.hypot(Number(f[3]), Number(f[4]), Number(f[5])) / 1000;
      // A circular 1,200 km shell: SGP4's short-period terms move the radius by tens of km at most.
      expect(Math.abs(radiusKm - (6378.137 + 1200))).toBeLessThan(40);
    }
  });

  it('writes an OEM whose states match single-object SGP4 of the same element set', async () => {
    const tle = join(dir, 'iss.tle');
    writeFileSync(tle, `${ISS.join('\n')}\n`);
    const out = join(dir, 'iss.oem');
    expect(await main(['propagate', '--tle', tle, '--duration', '30m', '--step', '5m', '--format', 'oem', '--out', out, '--quiet'])).toBe(0);
    const oem = parseOemKvn(readFileSync(out, 'utf8'));
    const segment = oem.segments[0];
    expect(segment.metadata.refFrame).toBe('TEME');
    const sat = initSgp4(parseTle(ISS[1], ISS[2], ISS[0]));
    if (!sat.ok) throw new Error(sat.message);
    expect(segment.epochs.length).toBe(7);
    segment.epochs.forEach((epoch, row) => {
      const reference = sgp4State(sat.satellite, epoch as Instant);
      if (!reference.ok) throw new Error('reference failed');
      // The OEM prints positions to 1e-6 km.
      expectVectorWithin(segment.states.subarray(6 * row, 6 * row + 3), reference.state.r, 1e-3, 'm', 'OEM position vs single-object SGP4');
    });
  });

  it('keeps the good element sets of a catalogue and reports the bad ones', async () => {
    const tle = join(dir, 'mixed.tle');
    const broken = ISS[2].slice(0, 20) + 'X' + ISS[2].slice(21);
    writeFileSync(tle, `${ISS.join('\n')}\nBROKEN\n${ISS[1]}\n${broken}\n`);
    const out = join(dir, 'mixed.csv');
    expect(await main(['propagate', '--tle', tle, '--duration', '1m', '--step', '1m', '--format', 'csv', '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n').length).toBe(3);
    expect(stderr).toMatch(/skipped .*mixed\.tle: line 5/);
  });

  it('refuses bad options naming the option and the value', async () => {
    expect(await main(['propagate', '--walker', 'star:90:28/4/1@1200km', '--format', 'kml'])).toBe(2);
    expect(stderr).toContain('--format: must be one of oem, oem-xml, csv, czml, json, got "kml"');
    expect(await main(['propagate', '--walker', 'star:90:28/4/1@1200km', '--duration', '10m', '--step', '2h'])).toBe(2);
    expect(stderr).toContain('--step: must not exceed the duration (600 s), got 7200');
    expect(await main(['propagate', '--walker', 'star:90:28/5/1@1200km'])).toBe(2);
    expect(stderr).toMatch(/walker.*28.*5|5.*28/);
    expect(await main(['propagate', '--tle', join(dir, 'missing.tle')])).toBe(2);
    expect(stderr).toContain('--tle: no such file');
    expect(await main(['propagate', '--walker', 'star:90:28/4/1@1200km', '--start', '2026-02-30'])).toBe(2);
    expect(stderr).toContain('--start: day must be 01-28');
  });
});

describe('tracklayer start (the default job)', () => {
  it('writes OEM per owner and CZML for the combined US-Japan layer', async () => {
    const out = join(dir, 'start');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['start', '--out', out, '--quiet'])).toBe(0);
    write.mockRestore();
    const usa = parseOemKvn(readFileSync(join(out, 'constellation-USA.oem'), 'utf8'));
    const jpn = parseOemKvn(readFileSync(join(out, 'constellation-JPN.oem'), 'utf8'));
    expect(usa.segments.length).toBe(82);
    expect(jpn.segments.length).toBe(24);
    expect(usa.segments[0].metadata.refFrame).toBe('ITRF');
    const czml = JSON.parse(readFileSync(join(out, 'constellation.czml'), 'utf8')) as { id: string }[];
    expect(czml[0].id).toBe('document');
    expect(czml.filter((p) => /^US(1|2|2F)-|^JP-/.test(p.id)).length).toBe(82 + 24);
  });
});
