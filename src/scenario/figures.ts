/** The figures of merit a scenario asks for, with their defaults and references checked. */
import { DEG, KM } from '../math/units.ts';
import type { ScoreOptions } from '../tracking/metrics/score.ts';
import { type Raw, ids, list, part } from './document.ts';
import { type ScenarioIssue, issue } from './issues.ts';
import { figuresSchema } from './schema.ts';
import { SENSOR_DEFAULTS } from '../sensors/sensor-config.ts';
import type { CoverageFigures, FiguresOfMerit, IsrRevisitFigures, ScenarioTime } from './types.ts';
import type { z } from 'zod';

const IMAGER_KINDS = new Set(['eo-imager', 'radar-imager']);

export function buildFigures(
  raw: Raw,
  time: ScenarioTime | null,
  regionIds: string[],
  constellationValues: unknown[],
  sensorValues: unknown[],
  hasThreats: boolean,
  issues: ScenarioIssue[],
  warnings: string[],
): FiguresOfMerit | null {
  const f = part(figuresSchema, raw.figures ?? {});
  if (!f) return null;
  const defaults = part(figuresSchema, { coverage: {}, tracking: {} }) as NonNullable<z.output<typeof figuresSchema>>;

  let coverage: CoverageFigures | null = null;
  if (f.coverage || regionIds.length > 0) {
    const c = f.coverage ?? defaults.coverage!;
    const regions = c.regions ?? regionIds;
    if (regions.length === 0) issues.push(issue(['figures', 'coverage'], 'needs at least one region: the scenario declares none'));
    (c.regions ?? []).forEach((id, j) => {
      if (!regionIds.includes(id)) issues.push(issue(['figures', 'coverage', 'regions', j], `is not a region id (regions: ${regionIds.join(', ') || 'none'})`, id));
    });
    const step = c.stepS ?? time?.step ?? 0;
    if (time && step > time.duration) issues.push(issue(['figures', 'coverage', 'stepS'], `must not exceed time.durationS (${time.duration} s)`, c.stepS));
    const sensorIds = ids(sensorValues);
    const counting = c.payload === undefined ? firstPayloads(constellationValues) : [c.payload];
    if (c.payload !== undefined) {
      if (!sensorIds.includes(c.payload)) issues.push(issue(['figures', 'coverage', 'payload'], `is not a sensor id (sensors: ${sensorIds.join(', ') || 'none'})`, c.payload));
      else if (!constellationValues.some((k) => list((k as Raw | null)?.payloads).includes(c.payload))) {
        issues.push(issue(['figures', 'coverage', 'payload'], 'is carried by no constellation', c.payload));
      }
    }
    if (c.targetIntensityWSr !== undefined) {
      for (const id of counting) {
        const sensor = sensorValues.find((v) => (v as Raw | null)?.id === id) as Raw | undefined;
        if (!sensor) continue;
        // The scenario's own value, or the type's default (src/sensors), decides whether the sensor has a signal model.
        const nei = 'noiseEquivalentIrradianceWPerM2' in sensor ? sensor.noiseEquivalentIrradianceWPerM2 : (SENSOR_DEFAULTS as Record<string, { noiseEquivalentIrradianceWPerM2: number | null }>)[sensor.type as string]?.noiseEquivalentIrradianceWPerM2;
        if (nei === null || nei === undefined) {
          issues.push(issue(['figures', 'coverage', 'targetIntensityWSr'], `needs a noise-equivalent irradiance on sensor ${id} to turn an intensity into a detection range`, c.targetIntensityWSr));
        }
      }
    }
    coverage = {
      folds: c.folds,
      stereoAngle: c.stereoAngleDeg === null ? null : c.stereoAngleDeg * DEG,
      regions,
      step,
      payload: c.payload ?? null,
      targetIntensity: c.targetIntensityWSr ?? null,
    };
  }

  let tracking: ScoreOptions | null = null;
  if (f.tracking || hasThreats) {
    const t = f.tracking ?? defaults.tracking!;
    tracking = { cutoff: t.cutoffKm * KM, fireControlSigma: t.fireControlSigmaKm * KM, minSensorsInView: t.minSensorsInView };
    if (!hasThreats) warnings.push('figures.tracking: the scenario has no threats to track');
  }

  let isrRevisit: IsrRevisitFigures | null = null;
  if (f.isrRevisit) {
    const imagers = new Set(
      sensorValues.filter((s) => s && typeof s === 'object' && IMAGER_KINDS.has((s as Raw).type as string)).map((s) => (s as Raw).id as string),
    );
    const carriesImager = (c: unknown) => list((c as Raw | null)?.payloads).some((p) => imagers.has(p as string));
    const constellationIds = ids(constellationValues);
    let chosen: string[];
    if (f.isrRevisit.constellations) {
      chosen = f.isrRevisit.constellations;
      chosen.forEach((id, j) => {
        const at = constellationIds.indexOf(id);
        const p = ['figures', 'isrRevisit', 'constellations', j];
        if (at < 0) issues.push(issue(p, `is not a constellation id (constellations: ${constellationIds.join(', ')})`, id));
        else if (!carriesImager(constellationValues[at])) issues.push(issue(p, 'carries no eo-imager or radar-imager payload', id));
      });
    } else {
      chosen = constellationValues.filter(carriesImager).map((c) => (c as Raw).id as string);
      if (chosen.length === 0) issues.push(issue(['figures', 'isrRevisit'], 'needs a constellation carrying an eo-imager or radar-imager payload: none does'));
    }
    isrRevisit = {
      sites: f.isrRevisit.sites.map((s) => ({ name: s.id, latDeg: s.latDeg, lonDeg: s.lonDeg, heightM: s.altitudeKm * KM })),
      constellations: chosen,
      minElevation: f.isrRevisit.minElevationDeg * DEG,
      sampleStep: f.isrRevisit.sampleStepS,
    };
    const siteIds = f.isrRevisit.sites.map((s) => s.id);
    siteIds.forEach((id, j) => {
      if (siteIds.indexOf(id) !== j) issues.push(issue(['figures', 'isrRevisit', 'sites', j, 'id'], `repeats the id of sites[${siteIds.indexOf(id)}]`, id));
    });
  }
  return { coverage, tracking, isrRevisit, additivity: f.additivity };
}

/** The first payload of every constellation: what counts for coverage when no payload is named. */
function firstPayloads(constellationValues: unknown[]): string[] {
  return [...new Set(constellationValues.map((c) => list((c as Raw | null)?.payloads)[0]).filter((p): p is string => typeof p === 'string'))];
}
