import { DEG } from '../../../src/math/units.ts';
import { Random } from '../../../src/math/random.ts';
import { parseIsoUtc } from '../../../src/time/iso.ts';
import type { Instant } from '../../../src/time/instant.ts';
import { circularLayer } from '../../../src/tracking/simulation/sensors.ts';
import { ballisticTarget, glideTarget, type SimTarget } from '../../../src/tracking/simulation/targets.ts';

export const EPOCH: Instant = parseIsoUtc('2026-03-01T00:00:00Z');

/** A dense stand-in layer: 82 satellites at 1,000 km, 1 Hz, random phases. */
export function layer(seed = 1, options: { falseAlarms?: number; sigma?: number; pd?: number; planes?: number; perPlane?: number } = {}) {
  return circularLayer({
    planes: options.planes ?? 6, perPlane: options.perPlane ?? 14, phasing: 1, altitude: 1000e3, inclination: 85 * DEG, epoch: EPOCH,
    frameTime: 1, sigma: options.sigma ?? 50e-6, pd: options.pd ?? 0.95, falseAlarmRatePerFrame: options.falseAlarms ?? 0,
    grazingHeight: 20e3, maxRange: 5000e3, random: new Random(seed),
  });
}

/** A glide vehicle near (lat, lon) degrees. */
export function glide(id: string, latDeg: number, lonDeg: number, headingDeg: number, startOffsetS = 0, durationS = 300, bankPeriod = 120, height = 45e3): SimTarget {
  return glideTarget({
    id, start: (EPOCH + startOffsetS) as Instant, lat: latDeg * DEG, lon: lonDeg * DEG, height, speed: 5500,
    heading: headingDeg * DEG, liftToDrag: 2.6, bankAmplitude: bankPeriod > 0 ? 40 * DEG : 0, bankPeriod, durationS,
  });
}

/** A ballistic missile in coast from a burnout state near (lat, lon) degrees. */
export function ballistic(id: string, latDeg: number, lonDeg: number, azimuthDeg: number, startOffsetS = 0, beta = 5000): SimTarget {
  return ballisticTarget({
    id, start: (EPOCH + startOffsetS) as Instant, lat: latDeg * DEG, lon: lonDeg * DEG, height: 200e3, speed: 6000,
    flightPathAngle: 25 * DEG, azimuth: azimuthDeg * DEG, beta, endHeight: 0,
  });
}
