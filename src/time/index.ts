export * from './instant.ts';
export * from './iso.ts';
export * from './grid.ts';
export * from './calendar.ts';
export { LEAP_SECONDS, LEAP_SECONDS_SOURCE, LEAP_SECONDS_VALID_UNTIL_UTC } from './data/leap-seconds.ts';
export * from './duration.ts';
