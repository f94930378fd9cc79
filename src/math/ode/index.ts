export * from './types.ts';
export * from './dense.ts';
export * from './integrate.ts';
