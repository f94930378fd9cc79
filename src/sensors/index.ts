export * from './sensor.ts';
export * from './sensor-config.ts';
export * from './margins.ts';
export * from './sensor-model.ts';
export * from './detection.ts';
