/**
 * The NDJSON messages at tracklayer's edge (DESIGN.md section 6): sensor reports in, tracks out,
 * truth for scoring. Earth-fixed coordinates (ITRF, metres, m/s) and UTC text; one JSON object
 * per line with a `type`. Readers validate every line with zod and keep going past a bad one,
 * returning it as a rejected entry with its line number and the field at fault.
 */
import { z } from 'zod';
import { InputError } from '../math/errors.ts';
import { formatIsoUtc, parseIsoUtc } from '../time/iso.ts';
import type { Report, TrackSnapshot, TruthSample, ImpactPrediction } from '../tracking/types.ts';
import type { Instant } from '../time/instant.ts';
import type { RejectedEntry } from './rejected.ts';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const vector3 = z.tuple([finite, finite, finite]);
const unitVector3 = vector3.refine((v) => Math.abs(Math.hypot(v[0], v[1], v[2]) - 1) < 1e-6, 'must be a unit vector (length 1 within 1e-6)');
const matrix3 = z.tuple([vector3, vector3, vector3]);
const utcText = z.string().refine((s) => {
  try {
    parseIsoUtc(s);
    return true;
  } catch {
    return false;
  }
}, 'must be ISO-8601 UTC text such as 2026-03-01T00:00:00.000Z');

export const reportMessageSchema = z
  .object({
    type: z.literal('report'),
    id: z.string().min(1),
    timeUtc: utcText,
    sensorId: z.string().min(1),
    sensorPositionItrfM: vector3,
    lineOfSightItrf: unitVector3,
    sigmaRad: z.number().positive().max(0.1),
    sensorVelocityItrfMps: vector3.optional(),
    intensityWSr: z.number().nonnegative().optional(),
    snr: z.number().optional(),
  })
  .strict();

const impactSchema = z
  .object({
    timeUtc: utcText,
    positionItrfM: vector3,
    positionCovarianceM2: matrix3,
    latitudeDeg: z.number().min(-90).max(90),
    longitudeDeg: z.number().min(-180).max(180),
    timeSigmaS: z.number().nonnegative(),
  })
  .strict();

export const trackMessageSchema = z
  .object({
    type: z.literal('track'),
    trackId: z.string().min(1),
    timeUtc: utcText,
    status: z.enum(['tentative', 'confirmed', 'deleted']),
    positionItrfM: vector3,
    velocityItrfMps: vector3,
    positionCovarianceM2: matrix3,
    classification: z.enum(['ballistic', 'glide', 'unknown']),
    releasableTo: z.array(z.string()),
    reportIds: z.array(z.string()),
    velocityCovarianceM2S2: matrix3.optional(),
    lastUpdateUtc: utcText.optional(),
    modeProbabilities: z.record(z.string(), z.number().min(0).max(1)).optional(),
    impact: impactSchema.optional(),
  })
  .strict();

export const truthMessageSchema = z
  .object({
    type: z.literal('truth'),
    objectId: z.string().min(1),
    timeUtc: utcText,
    positionItrfM: vector3,
    velocityItrfMps: vector3,
    sensorsInView: z.number().int().nonnegative().optional(),
  })
  .strict();

export type ReportMessage = z.infer<typeof reportMessageSchema>;
export type TrackMessage = z.infer<typeof trackMessageSchema>;
export type TruthMessage = z.infer<typeof truthMessageSchema>;
export type Message = ReportMessage | TrackMessage | TruthMessage;

const schemas = { report: reportMessageSchema, track: trackMessageSchema, truth: truthMessageSchema } as const;

/** Parses one NDJSON line; throws an InputError naming the line, the field and the value. */
export function parseMessage(line: string, lineNumber = 1): Message {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new InputError(`line ${lineNumber}`, line, `is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`line ${lineNumber}`, line, 'must be a JSON object');
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in schemas)) {
    throw new InputError(`line ${lineNumber}: type`, type, 'must be "report", "track" or "truth"');
  }
  const parsed = schemas[type as keyof typeof schemas].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    let bad: unknown = value;
    for (const key of issue.path) bad = bad && typeof bad === 'object' ? (bad as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
    const path = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
    throw new InputError(`line ${lineNumber}: ${path || type}`, bad, bad === undefined && issue.path.length > 0 ? 'is required' : issue.message);
  }
  return parsed.data as Message;
}

export interface ReadResult {
  messages: Message[];
  rejected: RejectedEntry[];
}

/** Reads NDJSON text: blank lines are skipped, bad lines rejected with their numbers, the rest kept. */
export function readMessages(text: string): ReadResult {
  const out: ReadResult = { messages: [], rejected: [] };
  for (const item of parseLines(text.split(/\r?\n/))) {
    if ('message' in item) out.messages.push(item.message);
    else out.rejected.push(item.rejected);
  }
  return out;
}

/** Parses lines one by one (line numbers from `firstLine`), yielding each message or rejection. */
export function* parseLines(lines: Iterable<string>, firstLine = 1): Generator<{ message: Message; line: number } | { rejected: RejectedEntry }> {
  let n = firstLine - 1;
  for (const raw of lines) {
    n++;
    const line = raw.trim();
    if (line === '') continue;
    try {
      yield { message: parseMessage(line, n), line: n };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      yield { rejected: { line: n, error: e } };
    }
  }
}

/**
 * Splits a stream of text or bytes into lines and parses them as they arrive, so an unbounded
 * input (a pipe, a socket) is read in bounded memory.
 */
export async function* readMessageStream(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<{ message: Message; line: number } | { rejected: RejectedEntry }> {
  const decoder = new TextDecoder();
  let rest = '';
  let line = 1;
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    yield* parseLines(parts, line);
    line += parts.length;
  }
  rest += decoder.decode();
  if (rest.length > 0) yield* parseLines([rest], line);
}

// Conversions between messages and the library's SI types.

export function reportFromMessage(m: ReportMessage): Report {
  return {
    id: m.id,
    t: parseIsoUtc(m.timeUtc, 'timeUtc'),
    sensorId: m.sensorId,
    sensorPosition: Float64Array.from(m.sensorPositionItrfM),
    lineOfSight: Float64Array.from(m.lineOfSightItrf),
    sigma: m.sigmaRad,
    ...(m.sensorVelocityItrfMps ? { sensorVelocity: Float64Array.from(m.sensorVelocityItrfMps) } : {}),
    ...(m.intensityWSr !== undefined ? { intensity: m.intensityWSr } : {}),
    ...(m.snr !== undefined ? { snr: m.snr } : {}),
  };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));
const vec = (v: ArrayLike<number>, digits: number): [number, number, number] => [round(v[0], digits), round(v[1], digits), round(v[2], digits)];
const mat = (m: ArrayLike<number>): [[number, number, number], [number, number, number], [number, number, number]] => {
  const p = (x: number) => Number(x.toPrecision(7));
  return [[p(m[0]), p(m[1]), p(m[2])], [p(m[3]), p(m[4]), p(m[5])], [p(m[6]), p(m[7]), p(m[8])]];
};

export function messageFromReport(r: Report): ReportMessage {
  return {
    type: 'report',
    id: r.id,
    timeUtc: formatIsoUtc(r.t, 6),
    sensorId: r.sensorId,
    sensorPositionItrfM: vec(r.sensorPosition, 3),
    lineOfSightItrf: [r.lineOfSight[0], r.lineOfSight[1], r.lineOfSight[2]],
    sigmaRad: r.sigma,
    ...(r.sensorVelocity ? { sensorVelocityItrfMps: vec(r.sensorVelocity, 4) } : {}),
    ...(r.intensity !== undefined ? { intensityWSr: r.intensity } : {}),
    ...(r.snr !== undefined ? { snr: r.snr } : {}),
  };
}

export function messageFromTrack(s: TrackSnapshot): TrackMessage {
  const impact = s.impact;
  return {
    type: 'track',
    trackId: s.trackId,
    timeUtc: formatIsoUtc(s.t, 3),
    status: s.status,
    positionItrfM: vec(s.position, 2),
    velocityItrfMps: vec(s.velocity, 3),
    positionCovarianceM2: mat(s.positionCovariance),
    classification: s.classification,
    releasableTo: [...s.releasableTo],
    reportIds: [...s.reportIds],
    velocityCovarianceM2S2: mat(s.velocityCovariance),
    lastUpdateUtc: formatIsoUtc(s.lastUpdate, 6),
    ...(s.modeProbabilities ? { modeProbabilities: Object.fromEntries(Object.entries(s.modeProbabilities).map(([k, v]) => [k, round(v, 4)])) } : {}),
    ...(impact
      ? {
          impact: {
            timeUtc: formatIsoUtc(impact.t, 1),
            positionItrfM: vec(impact.position, 0),
            positionCovarianceM2: mat(impact.positionCovariance),
            latitudeDeg: round((impact.lat * 180) / Math.PI, 5),
            longitudeDeg: round((impact.lon * 180) / Math.PI, 5),
            timeSigmaS: round(impact.timeSigma, 2),
          },
        }
      : {}),
  };
}

const flat = (m: readonly (readonly number[])[]) => Float64Array.from(m.flat());

export function trackFromMessage(m: TrackMessage): TrackSnapshot {
  const t = parseIsoUtc(m.timeUtc, 'timeUtc');
  const impact: ImpactPrediction | undefined = m.impact
    ? {
        t: parseIsoUtc(m.impact.timeUtc, 'impact.timeUtc'),
        position: Float64Array.from(m.impact.positionItrfM),
        positionCovariance: flat(m.impact.positionCovarianceM2),
        lat: (m.impact.latitudeDeg * Math.PI) / 180,
        lon: (m.impact.longitudeDeg * Math.PI) / 180,
        timeSigma: m.impact.timeSigmaS,
      }
    : undefined;
  return {
    trackId: m.trackId,
    t,
    status: m.status,
    position: Float64Array.from(m.positionItrfM),
    velocity: Float64Array.from(m.velocityItrfMps),
    positionCovariance: flat(m.positionCovarianceM2),
    velocityCovariance: m.velocityCovarianceM2S2 ? flat(m.velocityCovarianceM2S2) : new Float64Array(9).fill(Number.NaN),
    classification: m.classification,
    releasableTo: m.releasableTo,
    reportIds: m.reportIds,
    lastUpdate: m.lastUpdateUtc ? parseIsoUtc(m.lastUpdateUtc, 'lastUpdateUtc') : (t as Instant),
    ...(m.modeProbabilities ? { modeProbabilities: m.modeProbabilities } : {}),
    ...(impact ? { impact } : {}),
  };
}

export function messageFromTruth(s: TruthSample): TruthMessage {
  return {
    type: 'truth',
    objectId: s.objectId,
    timeUtc: formatIsoUtc(s.t, 3),
    positionItrfM: vec(s.position, 3),
    velocityItrfMps: vec(s.velocity, 4),
    ...(s.sensorsInView !== undefined ? { sensorsInView: s.sensorsInView } : {}),
  };
}

export function truthFromMessage(m: TruthMessage): TruthSample {
  return {
    objectId: m.objectId,
    t: parseIsoUtc(m.timeUtc, 'timeUtc'),
    position: Float64Array.from(m.positionItrfM),
    velocity: Float64Array.from(m.velocityItrfMps),
    ...(m.sensorsInView !== undefined ? { sensorsInView: m.sensorsInView } : {}),
  };
}

/**
 * NDJSON lines of a simulation (src/tracking/simulation), split into the report stream the
 * tracker reads and the truth stream the scorer reads; false alarms carry no truth.
 */
export function* simulationLines(events: Iterable<{ kind: 'report'; report: Report } | { kind: 'truth'; sample: TruthSample }>): Generator<{ stream: 'reports' | 'truth'; line: string }> {
  for (const e of events) {
    if (e.kind === 'report') yield { stream: 'reports', line: formatMessage(messageFromReport(e.report)) };
    else yield { stream: 'truth', line: formatMessage(messageFromTruth(e.sample)) };
  }
}

/** One NDJSON line (no newline) for a message. */
export function formatMessage(m: Message): string {
  return JSON.stringify(m);
}

const SCHEMA_NOTES = {
  report: {
    title: 'tracklayer sensor report',
    description:
      'One detection: a unit line of sight from a sensor, no range. Earth-fixed frame (ITRF), metres, UTC. lineOfSightItrf must have length 1 within 1e-6 and points from the sensor at timeUtc to where the target was when the light left it (light time included, aberration removed). sigmaRad is the one-sigma angular noise per axis.',
  },
  track: {
    title: 'tracklayer track',
    description:
      'The state of one track at one scan time, ITRF metres and m/s, UTC. Covariances are 3 x 3 row-major (m^2, (m/s)^2). A snapshot later than lastUpdateUtc is coasted (predicted). reportIds are the reports assimilated since the previous message of this track. impact is present for confirmed ballistic tracks.',
  },
  truth: {
    title: 'tracklayer truth sample',
    description: 'The true state of one object at one instant, for scoring: ITRF metres and m/s, UTC; sensorsInView is how many satellites could see it (with a signal model: see and detect it more often than not).',
  },
} as const;

/** JSON Schemas (draft 2020-12) of the three messages, derived from the zod schemas that validate them. */
export function messageJsonSchemas(): Record<'report' | 'track' | 'truth', Record<string, unknown>> {
  const one = (name: keyof typeof SCHEMA_NOTES, schema: z.ZodType) => ({
    ...(z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>),
    $id: `https://tracklayer.invalid/schemas/${name}.schema.json`,
    ...SCHEMA_NOTES[name],
  });
  return { report: one('report', reportMessageSchema), track: one('track', trackMessageSchema), truth: one('truth', truthMessageSchema) };
}
