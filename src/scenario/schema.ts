/**
 * The scenario file's schema (zod): what a YAML or JSON scenario may say, with units in the key
 * names (altitudeKm, inclinationDeg, durationS), times as ISO-8601 UTC text and every object
 * strict (an unknown key is an error). The schema checks each value and what one object can
 * check about itself (T divisible by P, step not above the duration); what needs several parts
 * of the file or other files (references, element-set files, region grids) is checked by
 * compile.ts. docs/scenario.schema.json is generated from this schema.
 */
import { z } from 'zod';
import { ISO_3166_ALPHA3 } from '../constellations/nations.ts';
import { MIN_DESIGN_ALTITUDE } from '../constellations/circular.ts';
import { sunSynchronousInclination } from '../constellations/sun-synchronous.ts';
import { DEG, KM } from '../math/units.ts';
import { SENSOR_KINDS, type SensorConfig } from '../sensors/index.ts';
import { threatPresets } from '../threats/presets.ts';
import { parseIsoUtc } from '../time/iso.ts';
import { trackerConfigFileSchema } from '../tracking/config.ts';
import { DEFAULT_SCORE } from '../tracking/metrics/score.ts';
import { INPUT_SEPARATION_KM, flightGroundDistance } from './geometry.ts';

// ---------------------------------------------------------------------------------------------
// Building blocks

const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be an identifier: up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");

const nation = z
  .enum([...ISO_3166_ALPHA3] as [string, ...string[]], { error: 'must be an ISO 3166-1 alpha-3 country code in capitals, such as USA or JPN' })
  .meta({ description: 'Owner nation: ISO 3166-1 alpha-3 code, e.g. USA, JPN.' });

/** ISO-8601 UTC time, read by src/time/iso.ts (a `Z` is recommended; an offset is converted). */
export const isoTime = z
  .string()
  .superRefine((text, ctx) => {
    try {
      parseIsoUtc(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as { problem?: string }).problem ?? 'is not an ISO-8601 UTC time' });
    }
  })
  .meta({ description: 'ISO-8601 UTC time, e.g. 2026-01-01T00:00:00Z.', examples: ['2026-01-01T00:00:00Z'] });

/** The instant of a time text, or null when it is not one (its own issue says so). */
function instantOrNull(text: string): number | null {
  try {
    return parseIsoUtc(text);
  } catch {
    return null;
  }
}

const positive = () => z.number().gt(0);
const nonNegative = () => z.number().min(0);
const latitudeDeg = () => z.number().min(-90).max(90).meta({ description: 'Geodetic latitude, deg (WGS-84).' });
const longitudeDeg = () => z.number().min(-180).max(360).meta({ description: 'Longitude, deg east (-180 to 360).' });
const wholeNumber = (min: number, max = 1e9) => z.number().int().min(min).max(max);

const point = z.strictObject({ latDeg: latitudeDeg(), lonDeg: longitudeDeg() });
export type PointFile = z.infer<typeof point>;

// ---------------------------------------------------------------------------------------------
// time

/** Longest scenario: a year. Beyond it the leap-second table and SGP4's element sets both go stale. */
const MAX_DURATION_S = 366 * 86400;

export const timeSchema = z
  .strictObject({
    start: isoTime,
    durationS: positive().max(MAX_DURATION_S).meta({ description: 'Length of the scenario, s.' }),
    stepS: positive().meta({ description: 'Time step of the sampled figures (coverage, truth), s.' }),
  })
  .superRefine((t, ctx) => {
    if (t.durationS > 0 && t.stepS > t.durationS) ctx.addIssue({ code: 'custom', path: ['stepS'], message: `must not exceed time.durationS (${t.durationS} s)` });
  })
  .meta({ description: 'The time span and step.' });

// ---------------------------------------------------------------------------------------------
// sensors: src/sensors' configuration keys (docs/sensors.md) plus what a run needs of a report

const fieldShape = z.discriminatedUnion('shape', [
  z.strictObject({ shape: z.literal('cone'), halfAngleDeg: z.number().gt(0).lt(180) }),
  z.strictObject({ shape: z.literal('rectangle'), widthDeg: z.number().gt(0).lt(180), heightDeg: z.number().gt(0).lt(180) }),
]);

export const sensorSchema = z
  .strictObject({
    id: identifier.meta({ description: 'Name the constellations use in their payloads.' }),
    type: z.enum(SENSOR_KINDS).meta({ description: 'staring-ir (wide-field staring infrared), steerable-ir (medium-field steerable infrared), eo-imager, radar-imager.' }),
    fieldOfRegard: fieldShape.nullable().optional().meta({ description: 'Where the sensor can look (full angles; null: anywhere not hidden by the Earth). Default: per type.' }),
    fieldOfView: fieldShape.nullable().optional().meta({ description: 'What one frame of a steerable sensor sees. Default: per type.' }),
    maxOffNadirDeg: z.number().gt(0).lt(180).optional().meta({ description: 'Shorthand for a cone field of regard about nadir of this half-angle, deg.' }),
    pointing: z.enum(['nadir', 'limb', 'lvlh', 'cued']).optional(),
    limbAzimuthDeg: z.number().optional().meta({ description: 'pointing limb: azimuth from the velocity in the LVLH x-y plane, deg.' }),
    lvlhDirection: z.tuple([z.number(), z.number(), z.number()]).optional().meta({ description: 'pointing lvlh: boresight in CCSDS LVLH (x along track, y against the orbit normal, z nadir).' }),
    bandUm: z.tuple([z.number().gt(0), z.number().gt(0)]).nullable().optional().meta({ description: 'Spectral band [shortest, longest], micrometres.' }),
    apertureM: positive().nullable().optional(),
    noiseEquivalentIrradianceWPerM2: positive().nullable().optional().meta({ description: 'Irradiance giving a signal-to-noise ratio of 1 in one frame, W/m^2.' }),
    ifovUrad: positive().optional().meta({ description: 'Pixel field of view, microradians.' }),
    frameTimeS: positive().optional(),
    pixelsPerFrame: wholeNumber(1, 1e12).optional(),
    maxRangeKm: positive().nullable().optional(),
    minGrazingAltitudeKm: nonNegative().optional().meta({ description: 'Least height of a line of sight over the limb, km.' }),
    backgroundLimbAltitudeKm: nonNegative().optional(),
    background: z.enum(['any', 'space', 'earth']).optional(),
    sunExclusionDeg: z.number().min(0).lt(180).optional(),
    slewRateDegPerS: nonNegative().optional(),
    settleTimeS: nonNegative().optional(),
    minSunElevationDeg: z.number().min(-90).max(90).nullable().optional(),
    angularNoiseUrad: positive().optional().meta({ description: 'One-sigma angular noise of a report per axis, microradians. Default: ifovUrad / sqrt(12).' }),
    detectionThresholdSigma: positive().max(20).optional().meta({ description: 'Detection threshold in noise sigmas (Pd = Phi(SNR - k)). Default 6.' }),
    looksPerFrame: wholeNumber(1, 1000).optional().meta({
      description: 'A cued sensor\'s time budget: targets it looks at per frame, chosen by its nation\'s tasking (stereo looks first, the most overdue target first). Default: every target in view every frame.',
    }),
    dwellFrames: wholeNumber(1, 1000).optional().meta({
      description: 'A cued sensor\'s dwell: frames it stays on the targets it was given before the tasking moves it on. Default 1. Needs looksPerFrame.',
    }),
  })
  .superRefine((s, ctx) => {
    if (s.maxOffNadirDeg !== undefined && s.fieldOfRegard !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['maxOffNadirDeg'], message: 'give either maxOffNadirDeg or fieldOfRegard, not both' });
    }
    if (s.bandUm && !(s.bandUm[1] > s.bandUm[0])) ctx.addIssue({ code: 'custom', path: ['bandUm'], message: 'must be [shortest, longest] wavelength with shortest < longest' });
    if (s.dwellFrames !== undefined && s.looksPerFrame === undefined) ctx.addIssue({ code: 'custom', path: ['dwellFrames'], message: 'applies only to a cued sensor: give looksPerFrame too' });
    if (s.limbAzimuthDeg !== undefined && s.pointing !== 'limb') ctx.addIssue({ code: 'custom', path: ['limbAzimuthDeg'], message: 'applies only with pointing: limb' });
    if (s.pointing === 'lvlh' && !s.lvlhDirection) ctx.addIssue({ code: 'custom', path: ['lvlhDirection'], message: 'is required with pointing: lvlh' });
    if (s.lvlhDirection && Math.hypot(...s.lvlhDirection) === 0) ctx.addIssue({ code: 'custom', path: ['lvlhDirection'], message: 'must be a non-zero vector' });
  })
  .meta({ description: 'A sensor payload: the keys of src/sensors (docs/sensors.md) with units in their names; unset keys take the defaults of the type.' });

/** The keys of a sensor entry that belong to the scenario rather than to src/sensors' SensorConfig. */
export const SENSOR_RUN_KEYS = ['angularNoiseUrad', 'detectionThresholdSigma', 'looksPerFrame', 'dwellFrames'] as const;

// Compile-time check: a sensor entry without the run keys is a SensorConfig ...
type SensorEntry = z.infer<typeof sensorSchema>;
export type SensorConfigPart = Omit<SensorEntry, (typeof SENSOR_RUN_KEYS)[number] | 'id'> & { id: string };
const _sensorKeysMatch = (s: SensorConfigPart): SensorConfig => s;
void _sensorKeysMatch;
// ... and every key of SensorConfig has its place here: a key added to src/sensors fails to compile until it is.
type SensorKeysMissing = Exclude<keyof SensorConfig, keyof SensorConfigPart>;
const _noSensorKeyMissing: [SensorKeysMissing] extends [never] ? true : SensorKeysMissing = true;
void _noSensorKeyMissing;

// ---------------------------------------------------------------------------------------------
// constellations

const constellationCommon = {
  id: identifier.meta({ description: 'Constellation name (also the satellites\' constellation).' }),
  owner: nation,
  payloads: z.array(identifier).min(1).meta({ description: 'Ids of the sensors every satellite of the constellation carries.' }),
  idPrefix: z.string().min(1).max(32).optional().meta({ description: 'Prefix of the satellite ids. Default: the constellation id and "-".' }),
};

const designCommon = {
  ...constellationCommon,
  firstCatalogNumber: wholeNumber(1, 999_999_999).optional().meta({ description: 'Catalogue number of the first satellite, counting up. Default: after the previous designed constellation, from 80001.' }),
};

const MIN_ALTITUDE_KM = MIN_DESIGN_ALTITUDE / KM;
/** Highest designed orbit: beyond the Moon's distance the Earth-orbit models stop meaning anything; GEO is 35,786 km. */
const MAX_ALTITUDE_KM = 100_000;
const altitudeKm = () => z.number().min(MIN_ALTITUDE_KM).max(MAX_ALTITUDE_KM).meta({ description: 'Altitude of the mean semi-major axis above the WGS-84 equatorial radius, km.' });

export const walkerSchema = z
  .strictObject({
    type: z.literal('walker'),
    ...designCommon,
    pattern: z.enum(['delta', 'star']).default('delta').meta({ description: 'delta: nodes over 360 deg; star: over 180 deg (polar).' }),
    inclinationDeg: z.number().min(0).max(180),
    total: wholeNumber(1, 100_000).meta({ description: 'T: number of satellites.' }),
    planes: wholeNumber(1, 10_000).meta({ description: 'P: number of equally spaced planes.' }),
    phasing: wholeNumber(0, 10_000).default(0).meta({ description: 'F: relative phasing, 0 to P - 1.' }),
    altitudeKm: altitudeKm(),
    raanOffsetDeg: z.number().default(0).meta({ description: 'Right ascension of the first plane\'s node, deg.' }),
  })
  .superRefine((c, ctx) => {
    if (c.total % c.planes !== 0) ctx.addIssue({ code: 'custom', path: ['total'], message: `must be divisible by planes (P = ${c.planes})` });
    if (c.phasing > c.planes - 1) ctx.addIssue({ code: 'custom', path: ['phasing'], message: `must be from 0 to planes - 1 = ${c.planes - 1}` });
  })
  .meta({ description: 'A Walker constellation i:T/P/F at an altitude (circular orbits).' });

export const sunSynchronousSchema = z
  .strictObject({
    type: z.literal('sun-synchronous'),
    ...designCommon,
    altitudeKm: altitudeKm(),
    localTimesOfAscendingNodeH: z.array(z.number().min(0).max(24)).min(1).meta({ description: 'Local mean solar time of each plane\'s ascending node, hours.' }),
    satellitesPerPlane: wholeNumber(1, 10_000),
    phasing: wholeNumber(0, 10_000).default(0),
  })
  .superRefine((c, ctx) => {
    try {
      sunSynchronousInclination(c.altitudeKm * KM);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['altitudeKm'], message: 'is too high for a sun-synchronous orbit (J2 cannot turn the node fast enough above about 5,900 km)' });
    }
    if (c.phasing > c.localTimesOfAscendingNodeH.length - 1) {
      ctx.addIssue({ code: 'custom', path: ['phasing'], message: `must be from 0 to planes - 1 = ${c.localTimesOfAscendingNodeH.length - 1}` });
    }
  })
  .meta({ description: 'Circular sun-synchronous planes at given local times of the ascending node.' });

export const elementSetsSchema = z
  .strictObject({
    type: z.literal('element-sets'),
    ...constellationCommon,
    file: z.string().min(1).meta({ description: 'TLE or OMM (JSON, CSV, KVN, XML) file, relative to the scenario file.' }),
    format: z.enum(['tle', 'omm']).optional().meta({ description: 'Default: from the file name (.tle, .txt, .3le: TLE), else from the content.' }),
  })
  .meta({ description: 'Satellites from a file of element sets.' });

export const constellationSchema = z.discriminatedUnion('type', [walkerSchema, sunSynchronousSchema, elementSetsSchema]);

// ---------------------------------------------------------------------------------------------
// threats

const PRESET_NAMES = threatPresets().map((p) => p.name) as [string, ...string[]];
const profile = z.enum(['min-energy', 'depressed', 'lofted']);

export const vehicleSchema = z
  .strictObject({
    id: identifier,
    basedOn: z.enum(PRESET_NAMES).meta({ description: 'The preset whose figures the keys below change.' }),
    label: z.string().optional(),
    stages: z
      .array(z.strictObject({ propellantKg: positive(), dryKg: nonNegative(), ispS: positive(), burnTimeS: positive() }))
      .min(1)
      .optional()
      .meta({ description: 'Booster stages, replacing the preset\'s.' }),
    boosterDragAreaM2: nonNegative().optional(),
    verticalRiseS: nonNegative().optional(),
    kickAngleDeg: z.number().min(0).max(90).optional(),
    kickDurationS: positive().optional(),
    plumeRadiativeEfficiency: z.number().min(0).max(1).optional(),
    plumeTemperatureK: positive().optional(),
    noseRadiusM: positive().optional(),
    emissivity: z.number().gt(0).max(1).optional(),
    bodyLengthM: positive().optional(),
    bodyAreaM2: positive().optional(),
    payloadMassKg: positive().optional().meta({ description: 'Ballistic: re-entry vehicle mass, kg.' }),
    coneHalfAngleDeg: z.number().min(0).max(90).optional().meta({ description: 'Ballistic: re-entry vehicle cone half-angle, deg.' }),
    ballisticCoefficientKgPerM2: positive().optional().meta({ description: 'Ballistic: the re-entry vehicle\'s; glide (beta-L/D model): the glider\'s, kg/m^2.' }),
    gliderMassKg: positive().optional(),
    liftToDrag: positive().optional(),
    angleOfAttackDeg: z.number().min(0).max(90).optional(),
    releaseFlightPathAngleDeg: z.number().min(-45).max(90).optional(),
    diveAngleDeg: z.number().gt(0).max(90).optional(),
    minimumSpeedMps: positive().optional(),
    terminalSpeedMps: positive().optional(),
  })
  .meta({ description: 'A custom vehicle: a preset with some figures changed.' });

const sTurns = z
  .strictObject({
    type: z.literal('s-turns'),
    startS: nonNegative().meta({ description: 'Seconds after launch.' }),
    endS: positive(),
    amplitudeDeg: z.number().min(-90).max(90),
    periodS: positive(),
  })
  .superRefine((m, ctx) => {
    if (!(m.endS > m.startS)) ctx.addIssue({ code: 'custom', path: ['endS'], message: `must be after startS (${m.startS} s)` });
  });

const headingChange = z.strictObject({
  type: z.literal('heading-change'),
  atS: nonNegative().meta({ description: 'Seconds after launch.' }),
  deltaDeg: z.number().min(-90).max(90).meta({ description: 'Heading offset, deg, positive to the left.' }),
  durationS: positive(),
});

export const manoeuvreSchema = z.discriminatedUnion('type', [sTurns, headingChange]);

export const threatSchema = z
  .strictObject({
    id: identifier,
    vehicle: identifier.meta({ description: 'A preset (srbm, mrbm, irbm, icbm, htv-2, df-17, cav-h) or the id of a custom vehicle.' }),
    launch: point,
    aim: point,
    launchTime: isoTime,
    profile: profile.optional().meta({ description: 'Ballistic only: min-energy (default), depressed or lofted.' }),
    apogeeKm: positive().optional().meta({ description: 'Depressed or lofted: apogee height, km.' }),
    burnoutFlightPathAngleDeg: z.number().gt(0).lt(90).optional().meta({ description: 'Depressed or lofted: burnout flight-path angle, deg (instead of apogeeKm).' }),
    manoeuvres: z.array(manoeuvreSchema).optional().meta({ description: 'Glide only: planned heading offsets.' }),
  })
  .superRefine((t, ctx) => {
    const km = flightGroundDistance({ lat: t.launch.latDeg * DEG, lon: t.launch.lonDeg * DEG }, { lat: t.aim.latDeg * DEG, lon: t.aim.lonDeg * DEG }) / KM;
    if (km < INPUT_SEPARATION_KM) {
      ctx.addIssue({ code: 'custom', path: ['aim'], message: `must be at least ${INPUT_SEPARATION_KM} km from the launch point (it is ${km.toFixed(1)} km away)` });
    }
    if ((t.apogeeKm !== undefined || t.burnoutFlightPathAngleDeg !== undefined) && (t.profile ?? 'min-energy') === 'min-energy') {
      const key = t.apogeeKm !== undefined ? 'apogeeKm' : 'burnoutFlightPathAngleDeg';
      ctx.addIssue({ code: 'custom', path: [key], message: 'applies only to the depressed and lofted profiles (min-energy fixes its own trajectory)' });
    }
    if (t.apogeeKm !== undefined && t.burnoutFlightPathAngleDeg !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['burnoutFlightPathAngleDeg'], message: 'give apogeeKm or burnoutFlightPathAngleDeg, not both' });
    }
  })
  .meta({ description: 'One threat: a vehicle flown from a launch point to an aim point.' });

// ---------------------------------------------------------------------------------------------
// areas: raids draw points in them, regions are grids over them

const box = z
  .strictObject({ southDeg: latitudeDeg(), northDeg: latitudeDeg(), westDeg: longitudeDeg(), eastDeg: longitudeDeg() })
  .superRefine((b, ctx) => {
    if (!(b.southDeg < b.northDeg)) ctx.addIssue({ code: 'custom', path: ['northDeg'], message: `must be north of southDeg (${b.southDeg}): an empty box covers nothing` });
    if (b.westDeg === b.eastDeg) ctx.addIssue({ code: 'custom', path: ['eastDeg'], message: 'must differ from westDeg: an empty box covers nothing' });
  })
  .meta({ description: 'A latitude/longitude box, deg; westDeg > eastDeg crosses the antimeridian.' });

const polygon = z
  .array(point)
  .min(3)
  .superRefine((v, ctx) => {
    let twiceArea = 0;
    for (let i = 0; i < v.length; i++) {
      const a = v[i];
      const b = v[(i + 1) % v.length];
      twiceArea += a.lonDeg * b.latDeg - b.lonDeg * a.latDeg;
    }
    if (Math.abs(twiceArea) < 1e-9) ctx.addIssue({ code: 'custom', message: 'encloses no area' });
  })
  .meta({ description: 'Polygon vertices (closed implicitly), not crossing the antimeridian.' });

const circle = z
  .strictObject({ latDeg: latitudeDeg(), lonDeg: longitudeDeg(), radiusKm: positive().max(5000) })
  .meta({ description: 'All points within radiusKm (great-circle distance) of a centre.' });

function exactlyOne(keys: readonly string[]) {
  return (area: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const given = keys.filter((k) => area[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', message: given.length === 0 ? `must give one of ${keys.join(', ')}` : `must give only one of ${given.join(', ')}` });
    }
  };
}

export const areaSchema = z
  .strictObject({ box: box.optional(), polygon: polygon.optional(), circle: circle.optional() })
  .superRefine(exactlyOne(['box', 'polygon', 'circle']))
  .meta({ description: 'An area on the ground: exactly one of box, polygon, circle.' });

export const raidSchema = z
  .strictObject({
    id: identifier.meta({ description: 'The raid\'s threats are named id-01, id-02, ...' }),
    count: wholeNumber(1, 1000).meta({ description: 'Number of launches.' }),
    vehicles: z.array(identifier).min(1).meta({ description: 'Presets or custom vehicle ids, used in turn: launch k flies vehicles[k mod n].' }),
    launchArea: areaSchema,
    aimArea: areaSchema,
    window: z
      .strictObject({ start: isoTime, end: isoTime })
      .superRefine((w, ctx) => {
        const start = instantOrNull(w.start);
        const end = instantOrNull(w.end);
        if (start !== null && end !== null && !(end > start)) ctx.addIssue({ code: 'custom', path: ['end'], message: `must be after window.start (${w.start})` });
      })
      .meta({ description: 'Launch times are drawn uniformly in [start, end], whole seconds after start.' }),
    profile: profile.optional().meta({ description: 'Profile of the ballistic members (default min-energy).' }),
  })
  .meta({ description: 'A raid generator: count launches from points drawn in one area toward points drawn in another, within a time window (seeded).' });

// ---------------------------------------------------------------------------------------------
// regions and ground stations

export const regionSchema = z
  .strictObject({
    id: identifier,
    box: box.optional(),
    polygon: polygon.optional(),
    global: z.literal(true).optional().meta({ description: 'The whole Earth (a near-equal-area grid).' }),
    altitudesKm: z.array(z.number().min(-1).max(100_000)).min(1).default([0]).meta({ description: 'Altitude layers of the grids above the ellipsoid, km (0: the ground).' }),
    gridDeg: z.number().gt(0).max(90).default(1).meta({ description: 'Grid spacing, deg.' }),
    minElevationDeg: z.number().min(0).lt(90).optional().meta({ description: 'Ground layers: least elevation of a satellite above the horizon, deg.' }),
  })
  .superRefine(exactlyOne(['box', 'polygon', 'global']))
  .meta({ description: 'A region of interest: exactly one of box, polygon, global; one grid per altitude layer.' });

export const groundStationSchema = z
  .strictObject({
    id: identifier,
    owner: nation,
    latDeg: latitudeDeg(),
    lonDeg: longitudeDeg(),
    altitudeKm: z.number().min(-1).max(10).default(0),
    minElevationDeg: z.number().min(0).lt(90).default(5),
  })
  .meta({ description: 'A ground station (downlink), with its mask.' });

// ---------------------------------------------------------------------------------------------
// figures of merit

export const figuresSchema = z
  .strictObject({
    coverage: z
      .strictObject({
        folds: z.array(wholeNumber(1, 1000)).min(1).default([1, 2]).meta({ description: 'N of N-fold coverage (at least N sensors see a point).' }),
        stereoAngleDeg: z.number().gt(0).max(90).nullable().default(20).meta({ description: 'Stereo: two lines of sight crossing at least this angle (null: no stereo figure).' }),
        regions: z.array(identifier).min(1).optional().meta({ description: 'Region ids. Default: all.' }),
        stepS: positive().optional().meta({ description: 'Time step. Default: time.stepS.' }),
        payload: identifier.optional().meta({ description: 'The sensor (payload) id that counts: only satellites carrying it, with its field of regard. Default: each satellite\'s first payload.' }),
        targetIntensityWSr: positive().optional().meta({
          description: 'Coverage against a target of this radiant intensity in the payload\'s band, W/sr: a satellite counts only within the range where its payload detects such a target at its detection threshold, sqrt(I / (k NEI)). Default: geometry alone.',
        }),
      })
      .optional()
      .meta({ description: 'Coverage over the regions and their altitude layers. Default: computed with these defaults when there are regions.' }),
    tracking: z
      .strictObject({
        cutoffKm: positive().default(DEFAULT_SCORE.cutoff / KM).meta({ description: 'GOSPA cut-off and the farthest a track may be from an object to be on it, km.' }),
        fireControlSigmaKm: positive().default(DEFAULT_SCORE.fireControlSigma / KM).meta({ description: 'Fire-control quality: position one-sigma (largest axis) under this, km.' }),
        minSensorsInView: wholeNumber(1, 1000).default(DEFAULT_SCORE.minSensorsInView).meta({ description: 'Fewest sensors seeing an object for custody to be expected.' }),
      })
      .optional()
      .meta({ description: 'Track scoring (custody, time to confirmed track, fire-control fraction). Default: computed with these defaults when there are threats.' }),
    isrRevisit: z
      .strictObject({
        sites: z.array(z.strictObject({ id: identifier, latDeg: latitudeDeg(), lonDeg: longitudeDeg(), altitudeKm: z.number().min(-1).max(10).default(0) })).min(1),
        constellations: z.array(identifier).min(1).optional().meta({ description: 'Imaging constellations. Default: those carrying an eo-imager or radar-imager.' }),
        minElevationDeg: z.number().min(0).lt(90).default(0),
        sampleStepS: positive().max(600).default(10).meta({ description: 'Sampling step before root refinement, s: below the shortest look to find.' }),
      })
      .optional()
      .meta({ description: 'Revisit of imaging satellites over sites.' }),
    additivity: z.boolean().default(true).meta({ description: 'Every figure also for each nation alone and as each nation\'s marginal contribution.' }),
  })
  .meta({ description: 'The figures of merit to compute.' });

// ---------------------------------------------------------------------------------------------
// the file

export const scenarioFileSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema this file follows (for editors).' }),
    name: z.string().min(1),
    description: z.string().optional(),
    seed: wholeNumber(0, 4294967295).default(1).meta({ description: 'Seed of every random draw (raids, noise, detections): an unsigned 32-bit integer.' }),
    time: timeSchema,
    propagator: z.enum(['sgp4', 'j2']).default('sgp4').meta({ description: 'sgp4: element sets as published; j2: J2-secular mean elements.' }),
    sensors: z.array(sensorSchema).min(1),
    constellations: z.array(constellationSchema).min(1),
    vehicles: z.array(vehicleSchema).default([]),
    threats: z.array(threatSchema).default([]),
    raids: z.array(raidSchema).default([]),
    regions: z.array(regionSchema).default([]),
    groundStations: z.array(groundStationSchema).default([]),
    figures: figuresSchema.optional(),
    tracker: trackerConfigFileSchema.optional().meta({ description: 'Tracker settings (docs/tracking.md), units in the key names.' }),
  })
  .meta({
    title: 'tracklayer scenario',
    description: 'A tracklayer scenario: allied constellations and their sensors against threats, with the figures of merit to compute. docs/scenario.md explains every key.',
  });

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
export type ScenarioFileInput = z.input<typeof scenarioFileSchema>;
export type TimeFile = z.output<typeof timeSchema>;
export type SensorFile = z.output<typeof sensorSchema>;
export type ConstellationFile = z.output<typeof constellationSchema>;
export type VehicleFile = z.output<typeof vehicleSchema>;
export type ThreatFile = z.output<typeof threatSchema>;
export type AreaFile = z.output<typeof areaSchema>;
export type RaidFile = z.output<typeof raidSchema>;
export type RegionFile = z.output<typeof regionSchema>;
export type GroundStationFile = z.output<typeof groundStationSchema>;
export type FiguresFile = z.output<typeof figuresSchema>;
export type ManoeuvreFile = z.output<typeof manoeuvreSchema>;
