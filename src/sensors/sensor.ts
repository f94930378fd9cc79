/**
 * Sensor descriptions in SI units (metres, seconds, radians, W/m^2, W/sr). Edge formats with units
 * in the key names are parsed by sensor-config.ts; everything inside tracklayer uses these.
 */

/** The kinds of sensor tracklayer models. */
export const SENSOR_KINDS = ['staring-ir', 'steerable-ir', 'eo-imager', 'radar-imager'] as const;
export type SensorKind = (typeof SENSOR_KINDS)[number];

/** A field of view or regard: a circular cone or a rectangle (half-angles about the boresight, rad). */
export type FieldShape =
  | { readonly shape: 'cone'; readonly halfAngle: number }
  | { readonly shape: 'rectangle'; readonly halfWidth: number; readonly halfHeight: number };

/**
 * Where the boresight of the field of regard points. `nadir` is geocentric; `limb` tilts the
 * boresight from nadir onto the Earth's limb (at the grazing altitude) toward an azimuth measured
 * in the LVLH x-y plane from +x (along the velocity); `lvlh` is a fixed unit vector in LVLH (CCSDS:
 * z to nadir, y against the orbit normal); `cued` slews anywhere inside a field of regard about nadir.
 */
export type Pointing =
  | { readonly mode: 'nadir' }
  | { readonly mode: 'limb'; readonly azimuth: number }
  | { readonly mode: 'lvlh'; readonly direction: readonly [number, number, number] }
  | { readonly mode: 'cued' };

/** What the target may be seen against: anything, only deep space above the limb, or only the Earth. */
export type Background = 'any' | 'space' | 'earth';

export interface Sensor {
  readonly id: string;
  readonly kind: SensorKind;
  /** Spectral band, m (informational: the noise-equivalent irradiance is quoted for it). */
  readonly band: { readonly min: number; readonly max: number } | null;
  /** Where the sensor can look; null: anywhere not hidden by the Earth (a staring sensor that sees the whole disk and the limb). */
  readonly fieldOfRegard: FieldShape | null;
  /** Instantaneous field of view of a steerable sensor (what one frame sees); null when it equals the field of regard. */
  readonly fieldOfView: FieldShape | null;
  readonly pointing: Pointing;
  /** Aperture diameter, m (informational). */
  readonly apertureDiameter: number | null;
  /** Noise-equivalent irradiance per frame, W/m^2: the irradiance that gives a signal-to-noise ratio of one. */
  readonly noiseEquivalentIrradiance: number | null;
  /** Instantaneous field of view of one pixel, rad: the one-sigma angular noise of a report is about ifov / sqrt(12). */
  readonly ifov: number;
  /** Frame (revisit of the field of view) time, s. */
  readonly frameTime: number;
  /** Pixels in one frame, for false-alarm rates. */
  readonly pixelsPerFrame: number;
  /** Largest slant range, m (Infinity: none). */
  readonly maxRange: number;
  /** The line of sight must pass at least this high above the Earth's ellipsoid where it grazes the limb, m. */
  readonly minGrazingAltitude: number;
  /** Height of the bright limb used to decide Earth or space background, m. */
  readonly backgroundLimbAltitude: number;
  readonly background: Background;
  /** Smallest angle between the line of sight and the Sun, rad (0: no exclusion). */
  readonly sunExclusionAngle: number;
  /** Slew rate of a steerable sensor, rad/s, and settling time after a slew, s. */
  readonly slewRate: number;
  readonly settleTime: number;
  /** Imagers that need daylight: the Sun must stand this high above the target's horizon, rad; null: no lighting needed. */
  readonly minSunElevation: number | null;
}

/** Conditions that belong to the target rather than the sensor (a ground site's horizon mask). */
export interface TargetConstraints {
  /** The satellite must stand this high above the target's horizon (ellipsoid normal), rad; null: not applied. */
  readonly minElevation: number | null;
}

export const NO_TARGET_CONSTRAINTS: TargetConstraints = { minElevation: null };

/** Whether evaluating this sensor needs the Sun's position. */
export function sensorNeedsSun(sensor: Sensor): boolean {
  return sensor.sunExclusionAngle > 0 || sensor.minSunElevation !== null;
}
