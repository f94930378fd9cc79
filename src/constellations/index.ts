export * from './nations.ts';
export * from './satellite.ts';
export * from './circular.ts';
export * from './walker.ts';
export * from './sun-synchronous.ts';
export * from './catalogue.ts';
export * from './reference-architectures.ts';
