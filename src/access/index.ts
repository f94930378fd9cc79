export * from './trajectory.ts';
export * from './intervals.ts';
export * from './conditions.ts';
