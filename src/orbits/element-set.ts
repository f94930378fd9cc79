import type { Instant } from '../time/instant.ts';

/**
 * A mean element set in the SGP4 (Kozai/Brouwer "TLE") theory, from a TLE or an OMM.
 * SI inside: radians, seconds; `bstar` keeps SGP4's own unit (per Earth radius).
 * Catalogue numbers stay strings (Alpha-5 and nine-digit numbers exist).
 */
export interface ElementSet {
  /** Catalogue number as written, e.g. "25544", "A0001" (Alpha-5), "270001234". */
  catalogNumber: string;
  name?: string;
  /** COSPAR international designator, e.g. "1998-067A" (or the TLE form "98067A"). */
  internationalDesignator?: string;
  classification?: string;
  /** Epoch of the elements. */
  epoch: Instant;
  /** Kozai mean motion, rad/s (TLE/OMM give rev/day). */
  meanMotion: number;
  eccentricity: number;
  inclination: number;
  raan: number;
  argOfPerigee: number;
  meanAnomaly: number;
  /** SGP4 drag term, 1/Earth radii. */
  bstar: number;
  /** First derivative of mean motion divided by two, rad/s^2 (TLE: rev/day^2). Not used by SGP4. */
  meanMotionDot: number;
  /** Second derivative of mean motion divided by six, rad/s^3 (TLE: rev/day^3). Not used by SGP4. */
  meanMotionDdot: number;
  elementSetNumber?: number;
  revolutionNumberAtEpoch?: number;
  ephemerisType?: number;
  /** The raw TLE lines when the set came from one: keeps an exact round trip possible. */
  tleLines?: readonly [string, string];
}

/** rev/day -> rad/s, the edge conversion for mean motion. */
export const REV_PER_DAY = (2 * Math.PI) / 86400;
