import { z } from 'zod';
import { InputError } from '../math/errors.ts';
import { DEG, KM } from '../math/units.ts';
import { type Background, type FieldShape, type Pointing, SENSOR_KINDS, type Sensor, type SensorKind } from './sensor.ts';

/**
 * A sensor as written in files, JSON and CLI options: units in the key names, converted once
 * here. Unset keys take the defaults of the sensor's type (docs/sensors.md lists them).
 */
export interface SensorConfig {
  type: string;
  id?: string;
  fieldOfRegard?: FieldConfig | null;
  fieldOfView?: FieldConfig | null;
  /** Shorthand for a cone field of regard about nadir of this half-angle. */
  maxOffNadirDeg?: number;
  pointing?: 'nadir' | 'limb' | 'lvlh' | 'cued';
  limbAzimuthDeg?: number;
  lvlhDirection?: [number, number, number];
  bandUm?: [number, number] | null;
  apertureM?: number | null;
  noiseEquivalentIrradianceWPerM2?: number | null;
  ifovUrad?: number;
  frameTimeS?: number;
  pixelsPerFrame?: number;
  maxRangeKm?: number | null;
  minGrazingAltitudeKm?: number;
  backgroundLimbAltitudeKm?: number;
  background?: Background;
  sunExclusionDeg?: number;
  slewRateDegPerS?: number;
  settleTimeS?: number;
  minSunElevationDeg?: number | null;
}

export type FieldConfig = { shape: 'cone'; halfAngleDeg: number } | { shape: 'rectangle'; widthDeg: number; heightDeg: number };

const fieldSchema = z.union([
  z.strictObject({ shape: z.literal('cone'), halfAngleDeg: z.number() }),
  z.strictObject({ shape: z.literal('rectangle'), widthDeg: z.number(), heightDeg: z.number() }),
]);

const configSchema = z.strictObject({
  type: z.string(),
  id: z.string().min(1).optional(),
  fieldOfRegard: fieldSchema.nullable().optional(),
  fieldOfView: fieldSchema.nullable().optional(),
  maxOffNadirDeg: z.number().optional(),
  pointing: z.enum(['nadir', 'limb', 'lvlh', 'cued']).optional(),
  limbAzimuthDeg: z.number().optional(),
  lvlhDirection: z.tuple([z.number(), z.number(), z.number()]).optional(),
  bandUm: z.tuple([z.number(), z.number()]).nullable().optional(),
  apertureM: z.number().nullable().optional(),
  noiseEquivalentIrradianceWPerM2: z.number().nullable().optional(),
  ifovUrad: z.number().optional(),
  frameTimeS: z.number().optional(),
  pixelsPerFrame: z.number().optional(),
  maxRangeKm: z.number().nullable().optional(),
  minGrazingAltitudeKm: z.number().optional(),
  backgroundLimbAltitudeKm: z.number().optional(),
  background: z.enum(['any', 'space', 'earth']).optional(),
  sunExclusionDeg: z.number().optional(),
  slewRateDegPerS: z.number().optional(),
  settleTimeS: z.number().optional(),
  minSunElevationDeg: z.number().nullable().optional(),
});

interface KindDefaults {
  fieldOfRegard: FieldConfig | null;
  fieldOfView: FieldConfig | null;
  pointing: 'nadir' | 'limb' | 'lvlh' | 'cued';
  bandUm: [number, number] | null;
  apertureM: number | null;
  noiseEquivalentIrradianceWPerM2: number | null;
  ifovUrad: number;
  frameTimeS: number;
  pixelsPerFrame: number;
  sunExclusionDeg: number;
  slewRateDegPerS: number;
  settleTimeS: number;
  minSunElevationDeg: number | null;
}

/**
 * Illustrative defaults per type (public-domain orders of magnitude, not any real system's figures):
 * a wide-field staring infrared sensor sees the whole Earth disk and the limb; a medium-field
 * steerable one slews a 1-degree field within 60 degrees of nadir; imagers look within an off-nadir
 * limit, the electro-optical one only with the Sun 10 degrees above the target's horizon.
 */
export const SENSOR_DEFAULTS: Readonly<Record<SensorKind, KindDefaults>> = {
  'staring-ir': {
    fieldOfRegard: null,
    fieldOfView: null,
    pointing: 'nadir',
    bandUm: [2.7, 2.95],
    apertureM: 0.1,
    noiseEquivalentIrradianceWPerM2: 5e-11,
    ifovUrad: 50,
    frameTimeS: 0.1,
    pixelsPerFrame: 4096 * 4096,
    sunExclusionDeg: 0,
    slewRateDegPerS: 0,
    settleTimeS: 0,
    minSunElevationDeg: null,
  },
  'steerable-ir': {
    fieldOfRegard: { shape: 'cone', halfAngleDeg: 60 },
    fieldOfView: { shape: 'cone', halfAngleDeg: 0.5 },
    pointing: 'cued',
    bandUm: [3.0, 5.0],
    apertureM: 0.3,
    noiseEquivalentIrradianceWPerM2: 5e-12,
    ifovUrad: 10,
    frameTimeS: 0.05,
    pixelsPerFrame: 1024 * 1024,
    sunExclusionDeg: 15,
    slewRateDegPerS: 3,
    settleTimeS: 0.5,
    minSunElevationDeg: null,
  },
  'eo-imager': {
    fieldOfRegard: { shape: 'cone', halfAngleDeg: 30 },
    fieldOfView: { shape: 'cone', halfAngleDeg: 0.5 },
    pointing: 'cued',
    bandUm: [0.45, 0.9],
    apertureM: 0.6,
    noiseEquivalentIrradianceWPerM2: null,
    ifovUrad: 1,
    frameTimeS: 1,
    pixelsPerFrame: 12000 * 12000,
    sunExclusionDeg: 0,
    slewRateDegPerS: 1,
    settleTimeS: 5,
    minSunElevationDeg: 10,
  },
  'radar-imager': {
    fieldOfRegard: { shape: 'cone', halfAngleDeg: 45 },
    fieldOfView: null,
    pointing: 'cued',
    bandUm: null,
    apertureM: null,
    noiseEquivalentIrradianceWPerM2: null,
    ifovUrad: 1,
    frameTimeS: 1,
    pixelsPerFrame: 1,
    sunExclusionDeg: 0,
    slewRateDegPerS: 1,
    settleTimeS: 5,
    minSunElevationDeg: null,
  },
};

/** Parses and checks a sensor configuration; every rejection names the field (prefixed by `field`) and the value. */
export function sensorFromConfig(config: unknown, field = 'sensor'): Sensor {
  if (typeof config !== 'object' || config === null) throw new InputError(field, config, 'must be an object with at least a "type"');
  const type = (config as { type?: unknown }).type;
  if (typeof type !== 'string' || !(SENSOR_KINDS as readonly string[]).includes(type)) {
    throw new InputError(`${field}.type`, type, `must be one of ${SENSOR_KINDS.join(', ')}`);
  }
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    let value: unknown = config;
    for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    const where = path.length ? `${field}.${path.join('.')}` : field;
    throw new InputError(where, value, issue.code === 'unrecognized_keys' ? `unknown key(s) ${(issue as { keys?: string[] }).keys?.join(', ')}` : issue.message);
  }
  const c = parsed.data;
  const kind = type as SensorKind;
  const d = SENSOR_DEFAULTS[kind];

  if (c.maxOffNadirDeg !== undefined && c.fieldOfRegard !== undefined) {
    throw new InputError(`${field}.maxOffNadirDeg`, c.maxOffNadirDeg, 'give either maxOffNadirDeg or fieldOfRegard, not both');
  }
  let fieldOfRegard: FieldShape | null;
  if (c.maxOffNadirDeg !== undefined) {
    fieldOfRegard = fieldShape({ shape: 'cone', halfAngleDeg: c.maxOffNadirDeg }, `${field}.maxOffNadirDeg`);
  } else {
    const f = c.fieldOfRegard === undefined ? d.fieldOfRegard : c.fieldOfRegard;
    fieldOfRegard = f === null ? null : fieldShape(f, `${field}.fieldOfRegard`);
  }
  const fv = c.fieldOfView === undefined ? d.fieldOfView : c.fieldOfView;
  const fieldOfView = fv === null ? null : fieldShape(fv, `${field}.fieldOfView`);

  const mode = c.pointing ?? d.pointing;
  let pointing: Pointing;
  if (mode === 'limb') pointing = { mode, azimuth: finite(`${field}.limbAzimuthDeg`, c.limbAzimuthDeg ?? 0) * DEG };
  else if (mode === 'lvlh') {
    const v = c.lvlhDirection;
    if (!v) throw new InputError(`${field}.lvlhDirection`, v, 'is required when pointing is "lvlh" (a vector in LVLH: x along track, y against the orbit normal, z nadir)');
    if (!v.every(Number.isFinite) || Math.hypot(...v) === 0) throw new InputError(`${field}.lvlhDirection`, v, 'must be a finite non-zero vector');
    pointing = { mode, direction: [v[0], v[1], v[2]] };
  } else pointing = { mode };
  if (mode !== 'limb' && c.limbAzimuthDeg !== undefined) throw new InputError(`${field}.limbAzimuthDeg`, c.limbAzimuthDeg, 'applies only with pointing "limb"');

  const band = c.bandUm === undefined ? d.bandUm : c.bandUm;
  if (band !== null && !(band[0] > 0 && band[1] > band[0] && Number.isFinite(band[1]))) {
    throw new InputError(`${field}.bandUm`, band, 'must be [shortest, longest] wavelength in micrometres, 0 < shortest < longest');
  }
  const aperture = c.apertureM === undefined ? d.apertureM : c.apertureM;
  if (aperture !== null) positive(`${field}.apertureM`, aperture);
  const nei = c.noiseEquivalentIrradianceWPerM2 === undefined ? d.noiseEquivalentIrradianceWPerM2 : c.noiseEquivalentIrradianceWPerM2;
  if (nei !== null) positive(`${field}.noiseEquivalentIrradianceWPerM2`, nei);
  const maxRangeKm = c.maxRangeKm ?? null;
  if (maxRangeKm !== null) positive(`${field}.maxRangeKm`, maxRangeKm);
  const grazingKm = nonNegative(`${field}.minGrazingAltitudeKm`, c.minGrazingAltitudeKm ?? 0);
  const limbKm = nonNegative(`${field}.backgroundLimbAltitudeKm`, c.backgroundLimbAltitudeKm ?? 0);
  const sunExclusionDeg = c.sunExclusionDeg ?? d.sunExclusionDeg;
  if (!(sunExclusionDeg >= 0 && sunExclusionDeg < 180)) throw new InputError(`${field}.sunExclusionDeg`, sunExclusionDeg, 'must be in [0, 180) degrees');
  const minSunEl = c.minSunElevationDeg === undefined ? d.minSunElevationDeg : c.minSunElevationDeg;
  if (minSunEl !== null && !(minSunEl >= -90 && minSunEl <= 90)) throw new InputError(`${field}.minSunElevationDeg`, minSunEl, 'must be in [-90, 90] degrees');
  const pixels = c.pixelsPerFrame ?? d.pixelsPerFrame;
  if (!(Number.isInteger(pixels) && pixels >= 1)) throw new InputError(`${field}.pixelsPerFrame`, pixels, 'must be a whole number of at least 1');

  return {
    id: c.id ?? kind,
    kind,
    band: band === null ? null : { min: band[0] * 1e-6, max: band[1] * 1e-6 },
    fieldOfRegard,
    fieldOfView,
    pointing,
    apertureDiameter: aperture,
    noiseEquivalentIrradiance: nei,
    ifov: positive(`${field}.ifovUrad`, c.ifovUrad ?? d.ifovUrad) * 1e-6,
    frameTime: positive(`${field}.frameTimeS`, c.frameTimeS ?? d.frameTimeS),
    pixelsPerFrame: pixels,
    maxRange: maxRangeKm === null ? Number.POSITIVE_INFINITY : maxRangeKm * KM,
    minGrazingAltitude: grazingKm * KM,
    backgroundLimbAltitude: limbKm * KM,
    background: c.background ?? 'any',
    sunExclusionAngle: sunExclusionDeg * DEG,
    slewRate: nonNegative(`${field}.slewRateDegPerS`, c.slewRateDegPerS ?? d.slewRateDegPerS) * DEG,
    settleTime: nonNegative(`${field}.settleTimeS`, c.settleTimeS ?? d.settleTimeS),
    minSunElevation: minSunEl === null ? null : minSunEl * DEG,
  };
}

function fieldShape(f: FieldConfig, field: string): FieldShape {
  if (f.shape === 'cone') {
    const key = field.endsWith('maxOffNadirDeg') ? field : `${field}.halfAngleDeg`;
    openDegrees(key, f.halfAngleDeg);
    return { shape: 'cone', halfAngle: f.halfAngleDeg * DEG };
  }
  openDegrees(`${field}.widthDeg`, f.widthDeg);
  openDegrees(`${field}.heightDeg`, f.heightDeg);
  return { shape: 'rectangle', halfWidth: (f.widthDeg / 2) * DEG, halfHeight: (f.heightDeg / 2) * DEG };
}

function openDegrees(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0 && value < 180)) throw new InputError(field, value, 'must be an angle in (0, 180) degrees');
}

function finite(field: string, value: number): number {
  if (!Number.isFinite(value)) throw new InputError(field, value, 'must be a finite number');
  return value;
}

function positive(field: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new InputError(field, value, 'must be a positive number');
  return value;
}

function nonNegative(field: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new InputError(field, value, 'must be zero or a positive number');
  return value;
}
