/**
 * The data the tracker consumes and produces, in SI and the Earth-fixed frame (ITRF). The
 * NDJSON messages of src/formats/messages.ts are the same things at the edge (UTC text, km
 * or m named in the keys); this is what the library works on.
 */
import type { Instant } from '../time/instant.ts';

/** One detection: a unit line of sight from a sensor at an instant. No range. */
export interface Report {
  readonly id: string;
  readonly t: Instant;
  readonly sensorId: string;
  /** Sensor position, ITRF, m. */
  readonly sensorPosition: Float64Array;
  /**
   * Unit line of sight, ITRF: the direction from the sensor at `t` to where the target was when
   * the light left it (light time included, aberration removed).
   */
  readonly lineOfSight: Float64Array;
  /** One-sigma angular noise per axis, rad. */
  readonly sigma: number;
  readonly sensorVelocity?: Float64Array;
  /** Measured radiant intensity, W/sr. */
  readonly intensity?: number;
  readonly snr?: number;
}

export type TrackStatus = 'tentative' | 'confirmed' | 'deleted';
export type Classification = 'ballistic' | 'glide' | 'unknown';

/** Predicted ground impact of a ballistic track. */
export interface ImpactPrediction {
  readonly t: Instant;
  /** ITRF, m, on the WGS-84 ellipsoid. */
  readonly position: Float64Array;
  /** 3 x 3 row-major, m^2. */
  readonly positionCovariance: Float64Array;
  /** Geodetic latitude and longitude, rad. */
  readonly lat: number;
  readonly lon: number;
  /** One-sigma of the impact time, s. */
  readonly timeSigma: number;
}

/** What the tracker emits for one track at one scan time. */
export interface TrackSnapshot {
  readonly trackId: string;
  readonly t: Instant;
  readonly status: TrackStatus;
  /** ITRF, m and m/s. */
  readonly position: Float64Array;
  readonly velocity: Float64Array;
  /** 3 x 3 row-major, m^2. */
  readonly positionCovariance: Float64Array;
  /** 3 x 3 row-major, (m/s)^2. */
  readonly velocityCovariance: Float64Array;
  readonly classification: Classification;
  readonly releasableTo: readonly string[];
  /** Reports assimilated since the previous snapshot of this track (at birth: the initiating ones). */
  readonly reportIds: readonly string[];
  /** Time of the last report that updated the track: a snapshot later than this is coasted. */
  readonly lastUpdate: Instant;
  /** Mode probabilities of the interacting multiple model, by model name. */
  readonly modeProbabilities?: Readonly<Record<string, number>>;
  readonly impact?: ImpactPrediction;
}

/** The true state of one object at one instant, for scoring. */
export interface TruthSample {
  readonly objectId: string;
  readonly t: Instant;
  readonly position: Float64Array;
  readonly velocity: Float64Array;
  /** How many sensors could see the object at `t` (a simulator knows; real truth may not). */
  readonly sensorsInView?: number;
}
