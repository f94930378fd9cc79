/**
 * The typed scenario: what loadScenario returns and what a run consumes. SI inside (metres,
 * radians, seconds, kelvin, kilograms; times as Instants), every reference resolved, every
 * value checked. A field whose name carries a unit (`gridDeg`, `latDeg`) holds that unit: those
 * are handed unchanged to the coverage layer, whose grid and site interfaces take degrees
 * (src/coverage/grid.ts, src/coverage/isr.ts).
 *
 * The types of the layers below are used as they are, so a run passes them straight on:
 *   - satellites are src/constellations `Satellite`s (mean element sets at the scenario start);
 *   - sensors are src/sensors `Sensor`s (built by `sensorFromConfig`);
 *   - threats are a src/threats `ThreatVehicle` and a `ThreatRequest`: `flyThreat(t.vehicle, t.request)`;
 *   - the tracker is src/tracking `TrackerConfig` (built by `trackerConfigFromFile`);
 *   - track scoring options are src/tracking `ScoreOptions`;
 *   - regions are src/coverage `Region`s (or the whole globe), ISR sites `PointOfInterest`s.
 */
import type { Satellite } from '../constellations/satellite.ts';
import type { WalkerSpec } from '../constellations/walker.ts';
import type { Region } from '../coverage/grid.ts';
import type { PointOfInterest } from '../coverage/isr.ts';
import type { Geodetic } from '../frames/types.ts';
import type { Sensor } from '../sensors/sensor.ts';
import type { ThreatRequest } from '../threats/fly-threat.ts';
import type { Profile } from '../threats/trajectory.ts';
import type { ThreatVehicle } from '../threats/vehicle.ts';
import type { TimeGrid } from '../time/grid.ts';
import type { Instant } from '../time/instant.ts';
import type { ScoreOptions } from '../tracking/metrics/score.ts';
import type { TrackerConfig } from '../tracking/config.ts';

/** Latitude and longitude, rad (WGS-84 geodetic), as flyThreat takes launch and aim points. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** An area on the ground: a box (west > east crosses the antimeridian), a polygon, or a spherical cap. Radians and metres. */
export type Area =
  | { readonly kind: 'box'; readonly south: number; readonly north: number; readonly west: number; readonly east: number }
  | { readonly kind: 'polygon'; readonly vertices: readonly LatLon[] }
  | { readonly kind: 'circle'; readonly centre: LatLon; readonly radius: number };

export interface ScenarioTime {
  readonly start: Instant;
  /** start + duration. */
  readonly end: Instant;
  /** s. */
  readonly duration: number;
  /** Step of the sampled figures (coverage, truth), s. */
  readonly step: number;
  /** The uniform grid start, start + step, ..., up to end (src/time/grid.ts). */
  readonly grid: TimeGrid;
}

/** A sensor payload and what a run needs to simulate its reports. */
export interface ScenarioSensor {
  readonly id: string;
  readonly sensor: Sensor;
  /** One-sigma angular noise of a report per axis, rad (file: angularNoiseUrad; default ifov / sqrt(12)). */
  readonly angularNoise: number;
  /** Detection threshold in noise sigmas: Pd = Phi(SNR - k), false alarms per pixel and frame Phi(-k) (src/sensors/detection.ts). */
  readonly detectionThreshold: number;
  /** A cued sensor's looks per frame (chosen by its nation's tasking); null: every target in view (file: looksPerFrame). */
  readonly looksPerFrame: number | null;
  /** A cued sensor's dwell on the targets it was given, frames (file: dwellFrames; default 1). */
  readonly dwellFrames: number;
}

/** How a constellation was declared, in SI, for the report and for writing the scenario back out. */
export type ConstellationDesign =
  | { readonly type: 'walker'; readonly spec: WalkerSpec; readonly raanOffset: number }
  | {
      readonly type: 'sun-synchronous';
      /** m. */
      readonly altitude: number;
      /** The sun-synchronous inclination at that altitude, rad. */
      readonly inclination: number;
      /** Local mean solar time of each plane's ascending node, hours. */
      readonly localTimesOfAscendingNode: readonly number[];
      readonly satellitesPerPlane: number;
      readonly phasing: number;
    }
  | {
      readonly type: 'element-sets';
      /** As written in the file, and resolved against the scenario file's folder. */
      readonly file: string;
      readonly path: string;
      readonly format: 'tle' | 'omm';
    };

export interface ScenarioConstellation {
  readonly id: string;
  /** ISO 3166-1 alpha-3. */
  readonly owner: string;
  /** Ids of the sensors (ScenarioSensor.id) every satellite carries; each satellite's `payload` is the first. */
  readonly payloads: readonly string[];
  readonly design: ConstellationDesign;
  /** Its satellites, with ids unique in the scenario. Designed ones have their epoch at time.start. */
  readonly satellites: readonly Satellite[];
}

/** A custom vehicle: a preset with figures changed (file `vehicles`). */
export interface ScenarioVehicle {
  readonly id: string;
  readonly basedOn: string;
  readonly vehicle: ThreatVehicle;
}

export interface ScenarioThreat {
  readonly id: string;
  /** The preset name or custom vehicle id as written. */
  readonly vehicleId: string;
  readonly vehicle: ThreatVehicle;
  /** flyThreat's request: launch and aim in rad, launchTime an Instant, apogee m, angles rad, manoeuvre times s after launch; `id` set. */
  readonly request: ThreatRequest;
  /** The raid that drew it, or null for a threat declared one by one. */
  readonly raid: string | null;
}

/** A raid generator as declared; its launches are already drawn into Scenario.threats. */
export interface RaidSpec {
  readonly id: string;
  readonly count: number;
  /** Vehicle ids used in turn: launch k flies vehicles[k mod n]. */
  readonly vehicles: readonly string[];
  readonly launchArea: Area;
  readonly aimArea: Area;
  readonly window: { readonly start: Instant; readonly end: Instant };
  readonly profile: Profile;
}

export interface ScenarioRegion {
  readonly id: string;
  /** src/coverage's Region (degrees, as regionGrid takes it) or the whole globe (globalEqualAreaGrid). */
  readonly area: Region | { readonly kind: 'global' };
  /** Heights of the grid layers above the ellipsoid, m. */
  readonly altitudes: readonly number[];
  /** Grid spacing, degrees (as the coverage grids take it). */
  readonly gridDeg: number;
  /** Ground layers: least elevation of a satellite above the horizon, rad; null: none. */
  readonly minElevation: number | null;
}

export interface GroundStation {
  readonly id: string;
  readonly owner: string;
  /** rad, rad, m. */
  readonly location: Geodetic;
  /** rad. */
  readonly minElevation: number;
}

export interface CoverageFigures {
  /** N of N-fold coverage. */
  readonly folds: readonly number[];
  /** Least crossing angle of two lines of sight for stereo, rad; null: no stereo figure. */
  readonly stereoAngle: number | null;
  /** Region ids. */
  readonly regions: readonly string[];
  /** s. */
  readonly step: number;
  /** The sensor id that counts (only satellites carrying it); null: each satellite's first payload. */
  readonly payload: string | null;
  /** Radiant intensity (W/sr, in the counting payload's band) of the target coverage is computed against; null: geometry alone. */
  readonly targetIntensity: number | null;
}

export interface IsrRevisitFigures {
  /** src/coverage PointOfInterest (name, latDeg, lonDeg, heightM). */
  readonly sites: readonly PointOfInterest[];
  /** Constellation ids whose imagers count. */
  readonly constellations: readonly string[];
  /** rad. */
  readonly minElevation: number;
  /** Sampling step before root refinement, s. */
  readonly sampleStep: number;
}

export interface FiguresOfMerit {
  /** null: not computed (no regions, and none asked for). */
  readonly coverage: CoverageFigures | null;
  /** null: not computed (no threats). */
  readonly tracking: ScoreOptions | null;
  readonly isrRevisit: IsrRevisitFigures | null;
  /** Each figure for every nation alone and each nation's marginal contribution (combined minus the others). */
  readonly additivity: boolean;
}

/** A scenario ready to run. */
export interface Scenario {
  readonly name: string;
  readonly description: string | null;
  /** Unsigned 32-bit seed of every random draw; derive one stream per purpose with deriveSeed(seed, label). */
  readonly seed: number;
  readonly time: ScenarioTime;
  readonly propagator: 'sgp4' | 'j2';
  readonly sensors: readonly ScenarioSensor[];
  readonly constellations: readonly ScenarioConstellation[];
  /** Every satellite, constellation by constellation in file order: the column order of state tables. */
  readonly satellites: readonly Satellite[];
  /** The owners of the constellations, in order of first appearance. */
  readonly nations: readonly string[];
  readonly vehicles: readonly ScenarioVehicle[];
  /** Declared threats in file order, then each raid's draws in raid order. */
  readonly threats: readonly ScenarioThreat[];
  readonly raids: readonly RaidSpec[];
  readonly regions: readonly ScenarioRegion[];
  readonly groundStations: readonly GroundStation[];
  readonly figures: FiguresOfMerit;
  readonly tracker: TrackerConfig;
}
