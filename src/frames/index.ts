export * from './types.ts';
export * from './earth-orientation.ts';
export * from './gmst.ts';
export * from './teme-itrf.ts';
export * from './geodetic.ts';
export * from './topocentric.ts';
export * from './lvlh.ts';
export * from './ellipsoid.ts';
