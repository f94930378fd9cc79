import { itrfToGeodetic, upVector } from '../frames/geodetic.ts';
import { InputError } from '../math/errors.ts';
import { elevationMargin, occlusionMargin, rangeMargin } from '../sensors/margins.ts';
import type { SensorModel } from '../sensors/sensor-model.ts';
import type { Instant } from '../time/instant.ts';
import type { MarginFunction } from './intervals.ts';
import type { FixedPoint, PositionSource, StateSource } from './trajectory.ts';

/** The Sun's ITRF position (m) at an instant, written to `out` (the signature of bodies/sun.ts `sunPositionItrf` with the Earth orientation bound). */
export type SunPosition = (t: Instant, out: Float64Array) => Float64Array;

function isFixedPoint(x: PositionSource | FixedPoint): x is FixedPoint {
  return (x as FixedPoint).up instanceof Float64Array;
}

/**
 * The combined margin of a sensor on a moving observer looking at a target: the same
 * `SensorModel.prepare` / `marginTo` calls the coverage engine makes. Ground sites give their
 * ellipsoid normal; for a moving target the normal under its position is used.
 */
export function sensorMargin(model: SensorModel, observer: StateSource, target: PositionSource | FixedPoint, sunPosition?: SunPosition): MarginFunction {
  if (model.needsSun && !sunPosition) {
    throw new InputError('sunPosition', undefined, `is needed by sensor "${model.sensor.id}" (daylight or Sun exclusion)`);
  }
  const s = new Float64Array(6);
  const p = new Float64Array(3);
  const sun = new Float64Array(3);
  const fixedUp = isFixedPoint(target) ? target.up : null;
  const up = new Float64Array(3);
  const needsUp = model.constraints.minElevation !== null || model.sensor.minSunElevation !== null;
  const geodetic = { lat: 0, lon: 0, height: 0 };
  return (t) => {
    observer.stateAt(t, s);
    target.positionAt(t, p);
    if (sunPosition) sunPosition(t, sun);
    let u: Float64Array = up;
    if (fixedUp) u = fixedUp;
    else if (needsUp) {
      itrfToGeodetic(p[0], p[1], p[2], geodetic);
      upVector(geodetic.lat, geodetic.lon, up);
    }
    model.prepare(s[0], s[1], s[2], s[3], s[4], s[5], sun[0], sun[1], sun[2]);
    return model.marginTo(p[0], p[1], p[2], u[0], u[1], u[2]);
  };
}

/** Elevation (rad) of an object above a ground site's horizon (ellipsoid normal), minus a minimum. */
export function siteElevationMargin(site: FixedPoint, target: PositionSource, minElevation: number): MarginFunction {
  const p = new Float64Array(3);
  const { position: o, up } = site;
  return (t) => {
    target.positionAt(t, p);
    return elevationMargin(up[0], up[1], up[2], p[0] - o[0], p[1] - o[1], p[2] - o[2], minElevation);
  };
}

/** Daylight at a ground site: the Sun's elevation (rad) above its horizon, minus a minimum. */
export function daylightMargin(site: FixedPoint, sunPosition: SunPosition, minSunElevation: number): MarginFunction {
  const sun = new Float64Array(3);
  const { position: o, up } = site;
  return (t) => {
    sunPosition(t, sun);
    return elevationMargin(up[0], up[1], up[2], sun[0] - o[0], sun[1] - o[1], sun[2] - o[2], minSunElevation);
  };
}

/**
 * A line of sight between two objects (a crosslink): clear of the Earth by a grazing altitude
 * (m) and, when given, within a range (m). Margin in metres.
 */
export function lineOfSightMargin(a: PositionSource, b: PositionSource, grazingAltitude: number, maxRange = Number.POSITIVE_INFINITY): MarginFunction {
  if (!(grazingAltitude >= 0)) throw new InputError('grazingAltitudeKm', grazingAltitude / 1000, 'must be zero or positive');
  const pa = new Float64Array(3);
  const pb = new Float64Array(3);
  return (t) => {
    a.positionAt(t, pa);
    b.positionAt(t, pb);
    let m = occlusionMargin(pa[0], pa[1], pa[2], pb[0], pb[1], pb[2], grazingAltitude);
    if (maxRange !== Number.POSITIVE_INFINITY) m = Math.min(m, rangeMargin(pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2], maxRange));
    return m;
  };
}

/** A state source seen as a position source. */
export function positionsOf(source: StateSource): PositionSource {
  const s = new Float64Array(6);
  return {
    positionAt(t, out) {
      source.stateAt(t, s);
      out[0] = s[0];
      out[1] = s[1];
      out[2] = s[2];
      return out;
    },
  };
}
