/** The sensors section: src/sensors' configuration plus the keys a run needs for reports. */
import { angularNoiseSigma } from '../sensors/detection.ts';
import { sensorFromConfig } from '../sensors/sensor-config.ts';
import type { CompileContext } from './context.ts';
import { type Raw, checkUnique, errorIssue, part } from './document.ts';
import { SENSOR_RUN_KEYS, sensorSchema } from './schema.ts';
import type { ScenarioSensor } from './types.ts';

/** Default detection threshold, noise sigmas: a 4096 x 4096 staring frame at 10 Hz then sees about 0.17 false alarms a second (docs/scenario.md). */
export const DEFAULT_DETECTION_THRESHOLD_SIGMA = 6;

export function compileSensors(ctx: CompileContext, sensorValues: unknown[]): ScenarioSensor[] {
  checkUnique('sensors', sensorValues, ctx.issues);
  const sensors: ScenarioSensor[] = [];
  sensorValues.forEach((value, i) => {
    const s = part(sensorSchema, value);
    if (!s) return;
    const config: Raw = { ...s };
    for (const key of SENSOR_RUN_KEYS) delete config[key];
    try {
      const sensor = sensorFromConfig(config, `sensors[${i}]`);
      sensors.push({
        id: s.id,
        sensor,
        angularNoise: s.angularNoiseUrad !== undefined ? s.angularNoiseUrad * 1e-6 : angularNoiseSigma(sensor),
        detectionThreshold: s.detectionThresholdSigma ?? DEFAULT_DETECTION_THRESHOLD_SIGMA,
        looksPerFrame: s.looksPerFrame ?? null,
        dwellFrames: s.dwellFrames ?? 1,
      });
    } catch (error) {
      ctx.issues.push(errorIssue(['sensors', i], `sensors[${i}]`, error));
    }
  });
  return sensors;
}
