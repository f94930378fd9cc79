export * from './additivity.ts';
