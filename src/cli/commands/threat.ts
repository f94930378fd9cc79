import type { Command } from 'commander';
import { czmlDocument, czmlTrajectoryPacket } from '../../formats/czml.ts';
import { InputError } from '../../math/errors.ts';
import { DEG, KM } from '../../math/units.ts';
import { czmlSamples, threatCsv, threatTruthNdjson } from '../../threats/export.ts';
import { flyThreat } from '../../threats/fly-threat.ts';
import { threatPreset, threatPresets } from '../../threats/presets.ts';
import { sampleTrajectory } from '../../threats/series.ts';
import { BAND_2_7_UM } from '../../threats/signature.ts';
import { type Profile, type Trajectory, endInstant } from '../../threats/trajectory.ts';
import { liftOffMass, totalBurnTime } from '../../threats/vehicle.ts';
import type { Instant } from '../../time/instant.ts';
import { formatIsoUtc, parseIsoUtc } from '../../time/iso.ts';
import { writeOutput } from '../io.ts';

export interface ThreatCommandOptions {
  list?: boolean;
  preset?: string;
  launch?: string;
  aim?: string;
  profile?: string;
  apogeeKm?: number;
  launchTime?: string;
  format?: string;
  out?: string;
  json?: boolean;
  stepS?: number;
}

/** Launch time when none is given: fixed, so a command line always gives the same flight. */
export const DEFAULT_LAUNCH_TIME = '2026-01-01T00:00:00Z';
const FORMATS = ['csv', 'czml', 'ndjson'] as const;
const PROFILES: Profile[] = ['min-energy', 'depressed', 'lofted'];

const number = (option: string) => (value: string) => {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new InputError(option, value, 'must be a number');
  return x;
};

/** Parses LAT,LON in degrees. */
export function parseLatLon(text: string | undefined, option: string): { lat: number; lon: number } {
  if (text === undefined) throw new InputError(option, text, 'is required (LAT,LON in degrees)');
  const v = text.split(',').map((s) => Number(s.trim()));
  if (v.length !== 2 || !v.every(Number.isFinite) || !(v[0] >= -90 && v[0] <= 90) || !(v[1] >= -180 && v[1] <= 360)) {
    throw new InputError(option, text, 'must be LAT,LON in degrees with latitude in [-90, 90] and longitude in [-180, 360]');
  }
  return { lat: v[0] * DEG, lon: v[1] * DEG };
}

export interface ThreatSummaryJson {
  id: string;
  preset: string;
  kind: string;
  profile: string;
  launchTimeUtc: string;
  impactTimeUtc: string;
  rangeKm: number;
  flightTimeS: number;
  apogeeKm: number;
  maxSpeedMps: number;
  impactErrorM: number;
  burnoutTimeS: number;
  burnoutSpeedMps: number;
  burnoutAltitudeKm: number;
  burnoutFlightPathAngleDeg: number;
  phases: { phase: string; startS: number; endS: number }[];
  peakRadiantIntensityWsr: { boost: number; afterBoost: number; band: [number, number] };
}

const r = (x: number, digits: number) => Number(x.toFixed(digits));

export function summaryJson(traj: Trajectory, peak: { boost: number; afterBoost: number }): ThreatSummaryJson {
  const s = traj.summary;
  return {
    id: traj.id,
    preset: traj.vehicle.name,
    kind: traj.vehicle.kind,
    profile: traj.vehicle.kind === 'glide' ? 'glide' : traj.profile,
    launchTimeUtc: formatIsoUtc(traj.launchTime, 3),
    impactTimeUtc: formatIsoUtc(endInstant(traj), 3),
    rangeKm: r(s.range / KM, 1),
    flightTimeS: r(s.flightTime, 1),
    apogeeKm: r(s.apogee / KM, 1),
    maxSpeedMps: r(s.maxSpeed, 1),
    impactErrorM: r(s.impactError, 1),
    burnoutTimeS: r(s.burnoutTime, 1),
    burnoutSpeedMps: r(s.burnoutSpeed, 1),
    burnoutAltitudeKm: r(s.burnoutHeight / KM, 1),
    burnoutFlightPathAngleDeg: r(s.burnoutFlightPathAngle / DEG, 2),
    phases: traj.phases.reduce<{ phase: string; startS: number; endS: number }[]>((acc, p) => {
      const last = acc[acc.length - 1];
      if (last && last.phase === p.phase) last.endS = r(p.end, 1);
      else acc.push({ phase: p.phase, startS: r(p.start, 1), endS: r(p.end, 1) });
      return acc;
    }, []),
    peakRadiantIntensityWsr: { boost: Number(peak.boost.toPrecision(3)), afterBoost: Number(peak.afterBoost.toPrecision(3)), band: [2.69, 2.95] },
  };
}

export function listText(): string {
  const lines = ['preset        kind        lift-off kg  burn s  description'];
  for (const v of threatPresets()) {
    lines.push(`${v.name.padEnd(13)} ${v.kind.padEnd(11)} ${liftOffMass(v).toFixed(0).padStart(11)}  ${totalBurnTime(v).toFixed(0).padStart(6)}  ${v.label}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The core of `tracklayer threat`: returns what to print and what to write, without touching files. */
export function runThreat(options: ThreatCommandOptions): { stdout: string; data?: string; summary?: ThreatSummaryJson } {
  if (options.list) return { stdout: options.json ? `${JSON.stringify(threatPresets().map((v) => ({ name: v.name, kind: v.kind, label: v.label, liftOffMassKg: liftOffMass(v), burnTimeS: totalBurnTime(v) })), null, 2)}\n` : listText() };
  if (!options.preset) throw new InputError('--preset', options.preset, `is required (one of ${threatPresets().map((v) => v.name).join(', ')}; --list shows them)`);
  const vehicle = threatPreset(options.preset, '--preset');
  const launch = parseLatLon(options.launch, '--launch');
  const aim = parseLatLon(options.aim, '--aim');
  const profile = (options.profile ?? 'min-energy') as Profile;
  if (!PROFILES.includes(profile)) throw new InputError('--profile', options.profile, `must be one of ${PROFILES.join(', ')}`);
  if (options.apogeeKm !== undefined && !(options.apogeeKm > 0)) throw new InputError('--apogee-km', options.apogeeKm, 'must be a positive height in km');
  if (options.apogeeKm !== undefined && profile === 'min-energy') throw new InputError('--apogee-km', options.apogeeKm, 'needs --profile depressed or lofted');
  if (options.format !== undefined && !(FORMATS as readonly string[]).includes(options.format)) throw new InputError('--format', options.format, `must be one of ${FORMATS.join(', ')}`);
  const step = options.stepS ?? 1;
  if (!(step > 0)) throw new InputError('--step-s', step, 'must be a positive number of seconds');
  const launchTime = parseIsoUtc(options.launchTime ?? DEFAULT_LAUNCH_TIME, '--launch-time');
  const traj = flyThreat(vehicle, { launch, aim, launchTime, profile, apogee: options.apogeeKm === undefined ? undefined : options.apogeeKm * KM, id: vehicle.name });
  const series = sampleTrajectory(traj, { step, band: BAND_2_7_UM });
  let boost = 0;
  let afterBoost = 0;
  for (let k = 0; k < series.count; k++) {
    if (series.phase[k] === 0) boost = Math.max(boost, series.radiantIntensity[k]);
    else afterBoost = Math.max(afterBoost, series.radiantIntensity[k]);
  }
  const summary = summaryJson(traj, { boost, afterBoost });
  let data: string | undefined;
  if (options.format === 'csv') data = threatCsv(series);
  else if (options.format === 'ndjson') data = threatTruthNdjson(series);
  else if (options.format === 'czml') {
    const { times, positionsItrf } = czmlSamples(series);
    const packet = czmlTrajectoryPacket({ id: `threat/${traj.id}`, name: traj.id, description: vehicle.label, times, positionsItrf, kind: 'threat' });
    data = `${JSON.stringify(czmlDocument(`tracklayer threat ${traj.id}`, traj.launchTime, endInstant(traj) as Instant, [packet]))}\n`;
  }
  const stdout = options.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary);
  return { stdout, data, summary };
}

function summaryText(s: ThreatSummaryJson): string {
  return [
    `${s.preset} (${s.kind === 'ballistic' ? `ballistic, ${s.profile}` : 'glide'}) launched ${s.launchTimeUtc}, impact ${s.impactTimeUtc}`,
    `  range ${s.rangeKm} km in ${s.flightTimeS} s (${(s.flightTimeS / 60).toFixed(1)} min), apogee ${s.apogeeKm} km, max speed ${s.maxSpeedMps} m/s`,
    `  burnout at ${s.burnoutTimeS} s: ${s.burnoutSpeedMps} m/s, ${s.burnoutAltitudeKm} km, flight-path angle ${s.burnoutFlightPathAngleDeg} deg`,
    `  impact ${s.impactErrorM} m from the aim point`,
    `  phases: ${s.phases.map((p) => `${p.phase} ${p.startS}-${p.endS} s`).join(', ')}`,
    `  peak radiant intensity 2.69-2.95 um, seen from overhead: boost ${s.peakRadiantIntensityWsr.boost} W/sr, after boost ${s.peakRadiantIntensityWsr.afterBoost} W/sr`,
    '',
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('threat')
    .description('Fly a ballistic missile or hypersonic glide vehicle from a launch point to an aim point; print a summary, write its time series.')
    .option('--list', 'list the presets')
    .option('--preset <name>', 'vehicle preset (see --list)')
    .option('--launch <lat,lon>', 'launch point, degrees')
    .option('--aim <lat,lon>', 'aim point, degrees')
    .option('--profile <profile>', 'ballistic profile: min-energy, depressed or lofted', 'min-energy')
    .option('--apogee-km <km>', 'apogee of a depressed or lofted trajectory', number('--apogee-km'))
    .option('--launch-time <utc>', `launch time, ISO-8601 UTC (default ${DEFAULT_LAUNCH_TIME})`)
    .option('--format <format>', 'time series format: csv, czml or ndjson (truth messages)')
    .option('--out <file>', 'write the time series here (default: stdout, and the summary goes to stderr)')
    .option('--step-s <s>', 'time series step, s (default 1)', number('--step-s'))
    .option('--json', 'print the summary as one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  tracklayer threat --list
  tracklayer threat --preset icbm --launch 40,60 --aim 40,-100 --json
  tracklayer threat --preset htv-2 --launch 35,125 --aim 20,180 --format czml --out htv2.czml`,
    )
    .action((options: ThreatCommandOptions) => {
      const result = runThreat(options);
      if (result.data !== undefined && (!options.out || options.out === '-')) {
        process.stderr.write(result.stdout);
        writeOutput(undefined, result.data);
        return;
      }
      if (result.data !== undefined) writeOutput(options.out, result.data);
      process.stdout.write(result.stdout);
    });
}
