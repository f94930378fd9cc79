export * from './earth.ts';
