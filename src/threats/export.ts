import type { Instant } from '../time/instant.ts';
import { formatIsoUtc } from '../time/iso.ts';
import { PHASES } from './flight.ts';
import type { ThreatSeries } from './series.ts';

/**
 * Writers for a sampled flight. Units are in the column and key names; times are ISO-8601 UTC.
 * CZML is written by src/formats/czml.ts (a layer below this one); `czmlSamples` hands it the
 * arrays it wants.
 */

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export const THREAT_CSV_COLUMNS = [
  'time_utc',
  't_since_launch_s',
  'phase',
  'x_itrf_m',
  'y_itrf_m',
  'z_itrf_m',
  'vx_itrf_mps',
  'vy_itrf_mps',
  'vz_itrf_mps',
  'x_teme_m',
  'y_teme_m',
  'z_teme_m',
  'vx_teme_mps',
  'vy_teme_mps',
  'vz_teme_mps',
  'altitude_m',
  'speed_mps',
  'mach',
  'dynamic_pressure_pa',
  'stagnation_heat_flux_w_m2',
  'nose_temperature_k',
  'skin_temperature_k',
  'radiant_intensity_w_sr',
] as const;

/** CSV with a header row; positions to the millimetre, velocities to the micrometre per second. */
export function threatCsv(series: ThreatSeries): string {
  const lines: string[] = [THREAT_CSV_COLUMNS.join(',')];
  const { itrf, teme } = series;
  for (let k = 0; k < series.count; k++) {
    lines.push(
      [
        formatIsoUtc(series.time[k] as Instant, 3),
        round(series.secondsSinceLaunch[k], 3),
        PHASES[series.phase[k]],
        itrf.x[k].toFixed(3),
        itrf.y[k].toFixed(3),
        itrf.z[k].toFixed(3),
        itrf.vx[k].toFixed(6),
        itrf.vy[k].toFixed(6),
        itrf.vz[k].toFixed(6),
        teme.x[k].toFixed(3),
        teme.y[k].toFixed(3),
        teme.z[k].toFixed(3),
        teme.vx[k].toFixed(6),
        teme.vy[k].toFixed(6),
        teme.vz[k].toFixed(6),
        series.altitude[k].toFixed(3),
        series.speed[k].toFixed(3),
        series.mach[k].toFixed(3),
        series.dynamicPressure[k].toPrecision(6),
        series.stagnationHeatFlux[k].toPrecision(6),
        series.noseTemperature[k].toFixed(1),
        series.skinTemperature[k].toFixed(1),
        series.radiantIntensity[k].toPrecision(6),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One truth message per sample, the tracking layer's format: one JSON object a line. */
export function threatTruthNdjson(series: ThreatSeries, objectId: string = series.id): string {
  const { itrf } = series;
  let out = '';
  for (let k = 0; k < series.count; k++) {
    out += `${JSON.stringify({
      type: 'truth',
      objectId,
      timeUtc: formatIsoUtc(series.time[k] as Instant, 3),
      positionItrfM: [round(itrf.x[k], 3), round(itrf.y[k], 3), round(itrf.z[k], 3)],
      velocityItrfMps: [round(itrf.vx[k], 6), round(itrf.vy[k], 6), round(itrf.vz[k], 6)],
    })}\n`;
  }
  return out;
}

/** Times (Instants) and interleaved ITRF positions (m), as czmlTrajectoryPacket takes them. */
export function czmlSamples(series: ThreatSeries): { times: Float64Array; positionsItrf: Float64Array } {
  const positionsItrf = new Float64Array(3 * series.count);
  for (let k = 0; k < series.count; k++) {
    positionsItrf[3 * k] = series.itrf.x[k];
    positionsItrf[3 * k + 1] = series.itrf.y[k];
    positionsItrf[3 * k + 2] = series.itrf.z[k];
  }
  return { times: series.time.slice(), positionsItrf };
}
