import { type SunPosition, sensorMargin } from '../access/conditions.ts';
import { type AccessInterval, findIntervals } from '../access/intervals.ts';
import { type StateSource, groundSite } from '../access/trajectory.ts';
import { InputError } from '../math/errors.ts';
import { DEG } from '../math/units.ts';
import type { Sensor } from '../sensors/sensor.ts';
import { SensorModel } from '../sensors/sensor-model.ts';
import type { Instant } from '../time/instant.ts';

/**
 * Revisit of imaging satellites over points of interest: each satellite's imager (off-nadir limit
 * as its field of regard, daylight for electro-optical, a minimum elevation seen from the site)
 * gives access intervals found by sampling and root refinement; a look is one access interval.
 */
export interface ImagingSatellite {
  readonly id: string;
  readonly source: StateSource;
  readonly sensor: Sensor;
}

export interface PointOfInterest {
  readonly name: string;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly heightM?: number;
}

export interface IsrOptions {
  readonly start: Instant;
  readonly end: Instant;
  /** Sampling step, s: below the shortest look that must be found (default 10 s). */
  readonly step?: number;
  /** Minimum elevation of the satellite above the site's horizon, rad (default 0). */
  readonly minElevation?: number;
  readonly sunPosition?: SunPosition;
}

export interface Look extends AccessInterval {
  readonly satellite: string;
}

export interface IsrSiteRevisit {
  readonly name: string;
  readonly looks: readonly Look[];
  readonly looksPerDay: number;
  /** Mean and longest time between the starts of successive looks (the window's ends count as look starts for the longest), s; null with fewer than two looks. */
  readonly meanRevisitS: number | null;
  readonly maxRevisitS: number;
}

export function isrRevisit(satellites: readonly ImagingSatellite[], sites: readonly PointOfInterest[], options: IsrOptions): IsrSiteRevisit[] {
  if (satellites.length === 0) throw new InputError('satellites', satellites, 'must hold at least one imaging satellite');
  if (sites.length === 0) throw new InputError('points', sites, 'must hold at least one point of interest');
  const step = options.step ?? 10;
  const minElevation = options.minElevation ?? 0;
  if (!(minElevation > -Math.PI / 2 && minElevation < Math.PI / 2)) throw new InputError('minElevationDeg', minElevation / DEG, 'must be in (-90, 90) degrees');
  const days = (options.end - options.start) / 86400;
  const models = new Map<Sensor, SensorModel>();
  return sites.map((poi, i) => {
    if (!(poi.latDeg >= -90 && poi.latDeg <= 90)) throw new InputError(`points[${i}].latDeg`, poi.latDeg, 'must be in [-90, 90]');
    if (!(poi.lonDeg >= -180 && poi.lonDeg <= 360)) throw new InputError(`points[${i}].lonDeg`, poi.lonDeg, 'must be in [-180, 360]');
    const site = groundSite({ lat: poi.latDeg * DEG, lon: poi.lonDeg * DEG, height: poi.heightM ?? 0 });
    const looks: Look[] = [];
    for (const sat of satellites) {
      let model = models.get(sat.sensor);
      if (!model) {
        model = new SensorModel(sat.sensor, { minElevation });
        models.set(sat.sensor, model);
      }
      const margin = sensorMargin(model, sat.source, site, options.sunPosition);
      for (const iv of findIntervals(margin, options.start, options.end, { step })) looks.push({ ...iv, satellite: sat.id });
    }
    looks.sort((a, b) => a.start - b.start || a.end - b.end);
    let meanRevisitS: number | null = null;
    let maxRevisitS = options.end - options.start;
    if (looks.length >= 2) meanRevisitS = (looks[looks.length - 1].start - looks[0].start) / (looks.length - 1);
    if (looks.length >= 1) {
      maxRevisitS = Math.max(looks[0].start - options.start, options.end - looks[looks.length - 1].start);
      for (let k = 1; k < looks.length; k++) maxRevisitS = Math.max(maxRevisitS, looks[k].start - looks[k - 1].start);
    }
    return { name: poi.name, looks, looksPerDay: days > 0 ? looks.length / days : 0, meanRevisitS, maxRevisitS };
  });
}
