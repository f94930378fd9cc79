export * from './earth.ts';
export * from './atmosphere.ts';
export * from './gravity.ts';
export * from './sun.ts';
