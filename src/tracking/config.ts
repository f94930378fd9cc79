/**
 * Tracker settings: the internal form (SI) with defaults, and the file form (JSON or YAML keys
 * with units in their names) validated with zod and converted once.
 */
import { z } from 'zod';
import { InputError } from '../math/errors.ts';
import { type ClassifierOptions, DEFAULT_CLASSIFIER } from './classification.ts';
import { DEFAULT_INITIATOR, type InitiatorOptions } from './initiator.ts';

export type ModelName = 'ballistic' | 'glide' | 'nca';

export interface TrackerConfig {
  /** Time between emitted pictures, s; scans fall on whole multiples of it in UTC. */
  scanPeriod: number;
  filter: 'ekf' | 'ukf';
  association: 'gnn' | 'jpda';
  /** Modes of the interacting multiple model (one name: a plain filter). */
  models: ModelName[];
  /** Mean time in each mode, s, in the order of `models`. */
  sojourn: number[];
  /** Interval (s) at which the IMM mixes its modes (0: at every prediction). */
  mixInterval: number;
  ballisticVelocityNoise: number;
  glideTau: number;
  glideSigma: number;
  /** What the glide mode's acceleration reverts to: zero, or the lift of level flight. */
  glideMean: 'zero' | 'level';
  ncaJerkDensity: number;
  glideVelocityNoise: number;
  /** Probability that the true report falls inside the gate. */
  gateProbability: number;
  /** Width of the cheap angular pre-gate, in standard deviations. */
  coarseGateSigmas: number;
  /** For JPDA: probability of detection and false-alarm density per steradian. */
  pd: number;
  clutterDensity: number;
  /** M-of-N confirmation: M reports after birth within N seconds of birth. */
  confirmReports: number;
  confirmWindow: number;
  /** Deletion: a tentative track without update for this long (s); a confirmed one. */
  tentativeMaxCoast: number;
  maxCoast: number;
  /** Deletion when the position one-sigma (root of the trace) exceeds this, m. */
  maxPositionSigma: number;
  /** Deletion when the track is this far below the ellipsoid (it has hit the ground), m. */
  groundClearance: number;
  /** A new track inherits the id of a coasting confirmed track within this chi-square probability (position + velocity). */
  relinkProbability: number;
  /** Two tracks this close (chi-square probability, position + velocity) are one: the younger is dropped. */
  mergeProbability: number;
  /** Time (s) between impact predictions of a ballistic track. */
  impactInterval: number;
  /** How long (s) to hold reports to put late ones back in order. */
  reorderWindow: number;
  emitTentative: boolean;
  /** Nations a track may be shared with: by default, and per sensor id (the intersection over contributing sensors applies). */
  releasableTo: string[];
  releasabilityBySensor: Record<string, string[]>;
  initiator: InitiatorOptions;
  classifier: ClassifierOptions;
}

export const DEFAULT_TRACKER_CONFIG: TrackerConfig = {
  scanPeriod: 1,
  filter: 'ekf',
  association: 'gnn',
  models: ['ballistic', 'glide'],
  sojourn: [60, 60],
  mixInterval: 1,
  ballisticVelocityNoise: 0.01,
  glideTau: 60,
  glideSigma: 3,
  glideMean: 'level',
  ncaJerkDensity: 10,
  glideVelocityNoise: 0.01,
  gateProbability: 0.9999,
  coarseGateSigmas: 8,
  pd: 0.9,
  clutterDensity: 1,
  confirmReports: 2,
  confirmWindow: 3,
  tentativeMaxCoast: 2,
  maxCoast: 60,
  maxPositionSigma: 50e3,
  groundClearance: 2e3,
  relinkProbability: 0.999,
  mergeProbability: 0.99,
  impactInterval: 10,
  reorderWindow: 0,
  emitTentative: true,
  releasableTo: [],
  releasabilityBySensor: {},
  initiator: DEFAULT_INITIATOR,
  classifier: DEFAULT_CLASSIFIER,
};

const positive = z.number().positive();
const probability = z.number().gt(0).lt(1);

/** The configuration file's schema: every key optional, units in the key names. */
export const trackerConfigFileSchema = z
  .object({
    scanPeriodS: positive,
    filter: z.enum(['ekf', 'ukf']),
    association: z.enum(['gnn', 'jpda']),
    models: z.array(z.enum(['ballistic', 'glide', 'nca'])).min(1),
    sojournS: z.array(positive),
    mixIntervalS: z.number().nonnegative(),
    ballisticVelocityNoiseM2S3: z.number().nonnegative(),
    glideTauS: positive,
    glideSigmaMps2: positive,
    glideMean: z.enum(['zero', 'level']),
    ncaJerkDensityM2S5: positive,
    gateProbability: probability,
    coarseGateSigmas: positive,
    pd: z.number().gt(0).lte(1),
    clutterDensityPerSr: positive,
    confirmReports: z.number().int().min(1),
    confirmWindowS: positive,
    tentativeMaxCoastS: positive,
    maxCoastS: positive,
    maxPositionSigmaKm: positive,
    relinkProbability: probability,
    mergeProbability: probability,
    impactIntervalS: positive,
    reorderWindowS: z.number().nonnegative(),
    emitTentative: z.boolean(),
    releasableTo: z.array(z.string()),
    releasabilityBySensor: z.record(z.string(), z.array(z.string())),
    initiator: z
      .object({
        windowS: positive,
        pairMaxDtS: positive,
        maxSpeedMps: positive,
        minReports: z.number().int().min(3),
        minSensors: z.number().int().min(2),
        minAltitudeKm: z.number(),
        maxAltitudeKm: positive,
        fitProbability: probability,
        maxVelocitySigmaMps: positive,
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

export type TrackerConfigFile = z.infer<typeof trackerConfigFileSchema>;

/** Validates a configuration object (as read from JSON or YAML) and converts it to SI over the defaults. */
export function trackerConfigFromFile(input: unknown, base: TrackerConfig = DEFAULT_TRACKER_CONFIG): TrackerConfig {
  const parsed = trackerConfigFileSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.') || '(config)';
    let value: unknown = input;
    for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
    throw new InputError(`config.${path}`, value, issue.message);
  }
  const f = parsed.data;
  const c: TrackerConfig = { ...base, initiator: { ...base.initiator }, classifier: { ...base.classifier } };
  if (f.scanPeriodS !== undefined) c.scanPeriod = f.scanPeriodS;
  if (f.filter) c.filter = f.filter;
  if (f.association) c.association = f.association;
  if (f.models) {
    c.models = f.models;
    c.sojourn = f.models.map(() => 60);
  }
  if (f.sojournS) c.sojourn = f.sojournS;
  if (f.mixIntervalS !== undefined) c.mixInterval = f.mixIntervalS;
  if (c.sojourn.length !== c.models.length) throw new InputError('config.sojournS', f.sojournS, `must give one time per model (${c.models.length})`);
  if (f.ballisticVelocityNoiseM2S3 !== undefined) c.ballisticVelocityNoise = f.ballisticVelocityNoiseM2S3;
  if (f.glideTauS !== undefined) c.glideTau = f.glideTauS;
  if (f.glideSigmaMps2 !== undefined) c.glideSigma = f.glideSigmaMps2;
  if (f.glideMean !== undefined) c.glideMean = f.glideMean;
  if (f.ncaJerkDensityM2S5 !== undefined) c.ncaJerkDensity = f.ncaJerkDensityM2S5;
  if (f.gateProbability !== undefined) c.gateProbability = f.gateProbability;
  if (f.coarseGateSigmas !== undefined) c.coarseGateSigmas = f.coarseGateSigmas;
  if (f.pd !== undefined) c.pd = f.pd;
  if (f.clutterDensityPerSr !== undefined) c.clutterDensity = f.clutterDensityPerSr;
  if (f.confirmReports !== undefined) c.confirmReports = f.confirmReports;
  if (f.confirmWindowS !== undefined) c.confirmWindow = f.confirmWindowS;
  if (f.tentativeMaxCoastS !== undefined) c.tentativeMaxCoast = f.tentativeMaxCoastS;
  if (f.maxCoastS !== undefined) c.maxCoast = f.maxCoastS;
  if (f.maxPositionSigmaKm !== undefined) c.maxPositionSigma = f.maxPositionSigmaKm * 1000;
  if (f.relinkProbability !== undefined) c.relinkProbability = f.relinkProbability;
  if (f.mergeProbability !== undefined) c.mergeProbability = f.mergeProbability;
  if (f.impactIntervalS !== undefined) c.impactInterval = f.impactIntervalS;
  if (f.reorderWindowS !== undefined) c.reorderWindow = f.reorderWindowS;
  if (f.emitTentative !== undefined) c.emitTentative = f.emitTentative;
  if (f.releasableTo) c.releasableTo = f.releasableTo;
  if (f.releasabilityBySensor) c.releasabilityBySensor = f.releasabilityBySensor;
  const i = f.initiator;
  if (i) {
    if (i.windowS !== undefined) c.initiator.windowS = i.windowS;
    if (i.pairMaxDtS !== undefined) c.initiator.pairMaxDtS = i.pairMaxDtS;
    if (i.maxSpeedMps !== undefined) c.initiator.maxSpeed = i.maxSpeedMps;
    if (i.minReports !== undefined) c.initiator.minReports = i.minReports;
    if (i.minSensors !== undefined) c.initiator.minSensors = i.minSensors;
    if (i.minAltitudeKm !== undefined) c.initiator.minAltitude = i.minAltitudeKm * 1000;
    if (i.maxAltitudeKm !== undefined) c.initiator.maxAltitude = i.maxAltitudeKm * 1000;
    if (i.fitProbability !== undefined) c.initiator.fitProbability = i.fitProbability;
    if (i.maxVelocitySigmaMps !== undefined) c.initiator.maxVelocitySigma = i.maxVelocitySigmaMps;
  }
  return c;
}
