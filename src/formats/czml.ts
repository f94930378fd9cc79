import { InputError } from '../math/errors.ts';
import type { StateTable } from '../orbits/state-table.ts';
import { gridInstant } from '../time/grid.ts';
import type { Instant } from '../time/instant.ts';
import { formatIsoUtc, parseIsoUtc } from '../time/iso.ts';

/**
 * CZML for Cesium's globe. Positions are Earth-fixed (`referenceFrame: "FIXED"`): Cesium's
 * "INERTIAL" is ICRF, not SGP4's TEME, so inertial states would be drawn off by the
 * precession and nutation since J2000 (tens of km). Times are an ISO-8601 UTC epoch plus
 * offsets in SI seconds, which is how Cesium counts them (it keeps time in TAI).
 */

export type Rgba = [number, number, number, number];

export interface CzmlTrajectory {
  id: string;
  name?: string;
  description?: string;
  /** Instants (TT s since J2000), increasing. */
  times: ArrayLike<number>;
  /** Metres, x,y,z interleaved, 3 * times.length; NaN marks a missing sample. */
  positionsItrf: ArrayLike<number>;
  /** RGBA 0-255. */
  color?: Rgba;
  parent?: string;
  kind?: 'satellite' | 'threat' | 'track';
  interpolationDegree?: number;
}

const KIND_COLORS: Record<NonNullable<CzmlTrajectory['kind']>, Rgba> = {
  satellite: [0, 170, 255, 255],
  threat: [255, 64, 64, 255],
  track: [255, 220, 0, 255],
};

/** Seconds of path drawn behind the object, by kind: about half a LEO orbit for satellites, the whole flight for threats. */
const TRAIL_S: Record<NonNullable<CzmlTrajectory['kind']>, number> = { satellite: 2700, threat: 1e7, track: 600 };

const iso = (t: number) => formatIsoUtc(t as Instant, 6);
const interval = (a: number, b: number) => `${iso(a)}/${iso(b)}`;

function checkColor(color: Rgba, field: string): Rgba {
  if (!Array.isArray(color) || color.length !== 4 || color.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) {
    throw new InputError(field, color, 'must be [r, g, b, a] with whole numbers 0-255');
  }
  return color;
}

/**
 * One CZML packet for a moving object: sampled Earth-fixed positions (rounded to 1 mm),
 * Lagrange interpolation, availability, a point, a label and a path. Samples with a NaN
 * coordinate are left out and split the position into intervals, so Cesium neither draws
 * nor interpolates across a gap.
 */
export function czmlTrajectoryPacket(t: CzmlTrajectory): Record<string, unknown> {
  if (typeof t.id !== 'string' || t.id === '') throw new InputError('trajectory.id', t.id, 'must be a non-empty string');
  const n = t.times.length;
  if (t.positionsItrf.length !== 3 * n) throw new InputError(`trajectory ${t.id}: positionsItrf.length`, t.positionsItrf.length, `must be 3 * times.length = ${3 * n}`);
  const degree = t.interpolationDegree ?? 5;
  if (!Number.isInteger(degree) || degree < 1 || degree > 20) throw new InputError(`trajectory ${t.id}: interpolationDegree`, degree, 'must be a whole number from 1 to 20');
  const kind = t.kind ?? 'satellite';
  if (!(kind in KIND_COLORS)) throw new InputError(`trajectory ${t.id}: kind`, kind, 'must be satellite, threat or track');
  const color = checkColor(t.color ?? KIND_COLORS[kind], `trajectory ${t.id}: color`);

  // Runs of consecutive finite samples.
  const runs: { from: number; to: number }[] = [];
  let previousTime = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const time = t.times[k];
    if (!Number.isFinite(time)) throw new InputError(`trajectory ${t.id}: times[${k}]`, time, 'must be a finite instant');
    if (!(time > previousTime)) throw new InputError(`trajectory ${t.id}: times[${k}]`, time, 'must be later than the time before it');
    previousTime = time;
    const ok = Number.isFinite(t.positionsItrf[3 * k]) && Number.isFinite(t.positionsItrf[3 * k + 1]) && Number.isFinite(t.positionsItrf[3 * k + 2]);
    if (!ok) continue;
    const last = runs[runs.length - 1];
    if (last && last.to === k - 1) last.to = k;
    else runs.push({ from: k, to: k });
  }

  const packet: Record<string, unknown> = { id: t.id };
  if (t.name !== undefined) packet.name = t.name;
  if (t.description !== undefined) packet.description = t.description;
  if (t.parent !== undefined) packet.parent = t.parent;
  if (runs.length === 0) return packet;

  const samples = (from: number, to: number) => {
    // Offsets count from the epoch as printed, so rounding the text does not shift the samples.
    const epochText = formatIsoUtc(t.times[from] as Instant, 6);
    const epoch = parseIsoUtc(epochText);
    const cartesian: number[] = new Array((to - from + 1) * 4);
    let j = 0;
    for (let k = from; k <= to; k++) {
      cartesian[j++] = Math.round((t.times[k] - epoch) * 1e6) / 1e6;
      cartesian[j++] = Math.round(t.positionsItrf[3 * k] * 1000) / 1000;
      cartesian[j++] = Math.round(t.positionsItrf[3 * k + 1] * 1000) / 1000;
      cartesian[j++] = Math.round(t.positionsItrf[3 * k + 2] * 1000) / 1000;
    }
    return {
      epoch: epochText,
      referenceFrame: 'FIXED',
      interpolationAlgorithm: 'LAGRANGE',
      interpolationDegree: degree,
      cartesian,
    };
  };
  const intervals = runs.map((r) => interval(t.times[r.from], t.times[r.to]));
  packet.availability = intervals.length === 1 ? intervals[0] : intervals;
  packet.position = runs.length === 1 ? samples(runs[0].from, runs[0].to) : runs.map((r, i) => ({ interval: intervals[i], ...samples(r.from, r.to) }));

  const translucent: Rgba = [color[0], color[1], color[2], Math.round(color[3] * 0.5)];
  packet.point = { pixelSize: kind === 'satellite' ? 6 : 8, color: { rgba: color }, outlineColor: { rgba: [255, 255, 255, 160] }, outlineWidth: 1 };
  packet.label = {
    text: t.name ?? t.id,
    font: '11px sans-serif',
    fillColor: { rgba: color },
    horizontalOrigin: 'LEFT',
    pixelOffset: { cartesian2: [8, 0] },
    scale: 1,
    show: kind !== 'satellite',
  };
  packet.path = { material: { solidColor: { color: { rgba: translucent } } }, width: kind === 'satellite' ? 1 : 2, leadTime: 0, trailTime: TRAIL_S[kind], resolution: 60 };
  return packet;
}

/** A CZML document: the clock packet over start..stop, then the given packets. */
export function czmlDocument(name: string, start: Instant, stop: Instant, packets: Record<string, unknown>[]): Record<string, unknown>[] {
  if (!Number.isFinite(start)) throw new InputError('start', start, 'must be a finite instant');
  if (!Number.isFinite(stop) || stop < start) throw new InputError('stop', stop, 'must be a finite instant not before start');
  return [
    {
      id: 'document',
      name,
      version: '1.0',
      clock: { interval: interval(start, stop), currentTime: iso(start), multiplier: 60, range: 'LOOP_STOP', step: 'SYSTEM_CLOCK_MULTIPLIER' },
    },
    ...packets,
  ];
}

export interface CzmlSatellite {
  id: string;
  name?: string;
  /** Owner nation, ISO 3166 alpha-3. */
  owner: string;
  constellation?: string;
}

export interface CzmlStateTableOptions {
  /** Document name. Default "tracklayer". */
  name?: string;
  interpolationDegree?: number;
  /** Colour per owner; owners not listed get colours from a fixed palette in alphabetical order. */
  ownerColors?: Readonly<Record<string, Rgba>>;
}

/** Distinct colours that read on a dark globe. */
const PALETTE: readonly Rgba[] = [
  [30, 144, 255, 255], [255, 99, 71, 255], [50, 205, 50, 255], [255, 215, 0, 255], [186, 85, 211, 255],
  [0, 206, 209, 255], [255, 140, 0, 255], [255, 105, 180, 255], [173, 255, 47, 255], [135, 206, 250, 255],
];

export const ownerPacketId = (owner: string) => `owner/${owner}`;
export const constellationPacketId = (owner: string, constellation: string) => `owner/${owner}/${constellation}`;

/**
 * A CZML document of an Earth-fixed state table: a parent packet per owner nation (and per
 * constellation inside it), each satellite coloured by its owner. Rows whose status is not
 * ok are left out of the samples. Objects of the table missing from `satellites` are drawn
 * under the owner "UNKNOWN".
 */
export function czmlFromStateTable(
  table: StateTable<'ITRF'>,
  satellites: readonly CzmlSatellite[],
  options: CzmlStateTableOptions = {},
): Record<string, unknown>[] {
  if (table.frame !== 'ITRF') throw new InputError('table.frame', table.frame, 'must be ITRF: CZML positions are Earth-fixed');
  const byId = new Map<string, CzmlSatellite>();
  satellites.forEach((s, i) => {
    if (typeof s.owner !== 'string' || s.owner.trim() === '') throw new InputError(`satellites[${i}].owner`, s.owner, 'must name the owner nation');
    if (byId.has(s.id)) throw new InputError(`satellites[${i}].id`, s.id, 'appears twice');
    byId.set(s.id, s);
  });
  const tableIds = new Set(table.ids);
  satellites.forEach((s, i) => {
    if (!tableIds.has(s.id)) throw new InputError(`satellites[${i}].id`, s.id, 'is not an object of the state table');
  });
  const info = table.ids.map((id) => byId.get(id) ?? { id, owner: 'UNKNOWN' });
  const owners = [...new Set(info.map((s) => s.owner))].sort();
  const colors = new Map<string, Rgba>();
  let next = 0;
  for (const owner of owners) {
    const given = options.ownerColors?.[owner];
    colors.set(owner, given ? checkColor(given, `ownerColors.${owner}`) : PALETTE[next++ % PALETTE.length]);
  }

  const packets: Record<string, unknown>[] = [];
  for (const owner of owners) {
    const count = info.filter((s) => s.owner === owner).length;
    packets.push({ id: ownerPacketId(owner), name: owner, description: `${count} satellite${count === 1 ? '' : 's'} owned by ${owner}` });
    const constellations = [...new Set(info.filter((s) => s.owner === owner && s.constellation).map((s) => s.constellation!))].sort();
    for (const c of constellations) packets.push({ id: constellationPacketId(owner, c), name: c, parent: ownerPacketId(owner) });
  }

  const n = table.nObjects;
  const steps = table.grid.count;
  const times = new Float64Array(steps);
  for (let k = 0; k < steps; k++) times[k] = gridInstant(table.grid, k);
  const positions = new Float64Array(3 * steps);
  for (let i = 0; i < n; i++) {
    const s = info[i];
    for (let k = 0; k < steps; k++) {
      const at = k * n + i;
      const ok = table.status[at] === 0;
      positions[3 * k] = ok ? table.x[at] : Number.NaN;
      positions[3 * k + 1] = ok ? table.y[at] : Number.NaN;
      positions[3 * k + 2] = ok ? table.z[at] : Number.NaN;
    }
    const trajectory: CzmlTrajectory = {
      id: s.id,
      name: s.name ?? s.id,
      description: `${s.name ?? s.id}: owner ${s.owner}${s.constellation ? `, constellation ${s.constellation}` : ''}`,
      times,
      positionsItrf: positions,
      color: colors.get(s.owner)!,
      parent: s.constellation ? constellationPacketId(s.owner, s.constellation) : ownerPacketId(s.owner),
      kind: 'satellite',
    };
    if (options.interpolationDegree !== undefined) trajectory.interpolationDegree = options.interpolationDegree;
    packets.push(czmlTrajectoryPacket(trajectory));
  }
  const stop = gridInstant(table.grid, Math.max(0, steps - 1));
  return czmlDocument(options.name ?? 'tracklayer', table.grid.start, stop, packets);
}
