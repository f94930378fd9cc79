import { describe, it } from 'vitest';
import { constantEarthOrientation } from '../../src/frames/earth-orientation.ts';
import { itrfToTeme, temeToItrf } from '../../src/frames/teme-itrf.ts';
import { stateVector } from '../../src/frames/types.ts';
import { parseIsoUtc } from '../../src/time/iso.ts';
import { expectVectorWithin, expectWithin } from '../helpers/miss.ts';

// Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753, TEME -> ITRF example.
const t = parseIsoUtc('2004-04-06T07:51:28.386009Z');
const rTeme = [5094.1801621, 6127.6446595, 6380.3445327].map((k) => k * 1000);
const vTeme = [-4.746131487, 0.785818041, 5.531931288].map((k) => k * 1000);
const rItrfPublished = [-1033.479383, 7901.2952754, 6380.3565958].map((k) => k * 1000);
const vItrfPublished = [-3.22563652, -2.87245145, 5.531924446].map((k) => k * 1000);
const eop = constantEarthOrientation({ ut1MinusUtcS: -0.4399619, xpArcsec: -0.140682, ypArcsec: 0.333309 });

describe('TEME -> ITRF (Vallado 2006 example)', () => {
  it('matches the published ITRF position within 1 m with Earth-orientation values', () => {
    const itrf = temeToItrf(stateVector('TEME', t, rTeme, vTeme), eop);
    expectVectorWithin(itrf.r, rItrfPublished, 1, 'm', 'ITRF position');
    expectVectorWithin(itrf.v, vItrfPublished, 1e-3, 'm/s', 'ITRF velocity');
  });

  it('is off by the documented 262 m without Earth-orientation data (docs/accuracy.md)', () => {
    const itrf = temeToItrf(stateVector('TEME', t, rTeme, vTeme));
    const miss = Math.hypot(itrf.r[0] - rItrfPublished[0], itrf.r[1] - rItrfPublished[1], itrf.r[2] - rItrfPublished[2]);
    expectWithin(miss, 262, 5, 'm', 'miss without EOP');
  });

  it('round trips TEME -> ITRF -> TEME to a micrometre', () => {
    const back = itrfToTeme(temeToItrf(stateVector('TEME', t, rTeme, vTeme), eop), eop);
    expectVectorWithin(back.r, rTeme, 1e-6, 'm', 'position');
    expectVectorWithin(back.v, vTeme, 1e-9, 'm/s', 'velocity');
  });
});
