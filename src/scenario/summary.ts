import { DEG, KM } from '../math/units.ts';
import { formatIsoUtc } from '../time/iso.ts';
import type { ConstellationDesign, Scenario } from './types.ts';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (count: number, word: string, many = `${word}s`) => `${n(count)} ${count === 1 ? word : many}`;
const trim = (x: number, digits = 2) => String(Number(x.toFixed(digits)));

function duration(s: number): string {
  if (s % 86400 === 0) return plural(s / 86400, 'day');
  if (s % 3600 === 0) return plural(s / 3600, 'hour');
  if (s % 60 === 0) return plural(s / 60, 'minute');
  return `${trim(s, 3)} s`;
}

function design(d: ConstellationDesign): string {
  if (d.type === 'walker') {
    const s = d.spec;
    return `Walker ${s.pattern} ${trim(s.inclination / DEG)}:${s.total}/${s.planes}/${s.phasing} at ${n(s.altitude / KM)} km`;
  }
  if (d.type === 'sun-synchronous') return `sun-synchronous at ${n(d.altitude / KM)} km (${trim(d.inclination / DEG)} deg), ${d.localTimesOfAscendingNode.length} x ${d.satellitesPerPlane}`;
  return `element sets from ${d.file}`;
}

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One paragraph saying what a scenario declares (`tracklayer validate`, the top of the report). */
export function describeScenario(s: Scenario): string {
  const parts: string[] = [];
  parts.push(`"${s.name}": ${formatIsoUtc(s.time.start, 0)} for ${duration(s.time.duration)}, a step of ${trim(s.time.step, 3)} s (${n(s.time.grid.count)} steps), seed ${s.seed}, ${s.propagator.toUpperCase()}.`);

  const byNation = s.nations.map((nation) => {
    const own = s.constellations.filter((c) => c.owner === nation);
    const count = own.reduce((sum, c) => sum + c.satellites.length, 0);
    return `${nation} ${n(count)} (${own.map((c) => `${c.id}: ${design(c.design)}`).join('; ')})`;
  });
  parts.push(`${plural(s.satellites.length, 'satellite')} in ${plural(s.constellations.length, 'constellation')}: ${byNation.join('; ')}.`);
  parts.push(`Sensors: ${s.sensors.map((x) => `${x.id} (${x.sensor.kind})`).join(', ')}.`);

  if (s.threats.length > 0) {
    const glide = s.threats.filter((t) => t.vehicle.kind === 'glide').length;
    const declared = s.threats.filter((t) => t.raid === null).length;
    const launches = s.threats.map((t) => t.request.launchTime).sort((a, b) => a - b);
    const sources = [declared > 0 ? `${n(declared)} declared` : '', ...s.raids.map((r) => `${n(r.count)} from raid ${r.id}`)].filter(Boolean);
    parts.push(
      `${plural(s.threats.length, 'threat')} (${n(glide)} glide, ${n(s.threats.length - glide)} ballistic; ${andList(sources)}), launched from ${formatIsoUtc(launches[0], 0)} to ${formatIsoUtc(launches[launches.length - 1], 0)}.`,
    );
  } else {
    parts.push('No threats.');
  }
  if (s.regions.length > 0) {
    parts.push(
      `Regions: ${s.regions.map((r) => `${r.id} at ${r.altitudes.map((h) => trim(h / KM, 1)).join(', ')} km (${r.area.kind}, ${trim(r.gridDeg, 3)} deg grid)`).join('; ')}.`,
    );
  }
  if (s.groundStations.length > 0) parts.push(`${plural(s.groundStations.length, 'ground station')}.`);
  const f = s.figures;
  const figures: string[] = [];
  if (f.coverage) {
    figures.push(`coverage ${f.coverage.folds.join('-, ')}-fold${f.coverage.stereoAngle !== null ? ` and stereo (${trim(f.coverage.stereoAngle / DEG)} deg)` : ''} over ${f.coverage.regions.join(', ')}`);
  }
  if (f.tracking) figures.push(`tracking (custody, time to confirmed track, fire-control quality under ${trim(f.tracking.fireControlSigma / KM)} km)`);
  if (f.isrRevisit) figures.push(`ISR revisit of ${plural(f.isrRevisit.sites.length, 'site')} by ${f.isrRevisit.constellations.join(', ')}`);
  if (figures.length > 0) {
    const additivity = f.additivity && s.nations.length > 1 ? `, each for the combined architecture, for ${andList(s.nations)} alone and as each nation's marginal contribution` : '';
    parts.push(`Figures: ${andList(figures)}${additivity}.`);
  }
  if (s.threats.length > 0) parts.push(`Tracker: ${s.tracker.filter.toUpperCase()}, ${s.tracker.association.toUpperCase()}, ${s.tracker.models.join(' + ')} models, a picture every ${trim(s.tracker.scanPeriod, 3)} s.`);
  return parts.join(' ');
}
