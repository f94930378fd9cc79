import { type SatRec, constants } from 'satellite.js';
import { type KernelOutput, markRowFailed, remTwoPi, writeState } from './periodics.ts';

/**
 * Our bulk kernel of near-Earth SGP4 (Spacetrack Report #3 as revised by Vallado et al.,
 * AIAA 2006-6753): the per-time part of the propagation, over many objects at once.
 * satellite.js initialises each object (sgp4init); its coefficients are packed here once,
 * one record of STRIDE doubles per object so one object's numbers sit together in memory,
 * and the kernel runs over all objects for one instant with no allocation and no property
 * lookups. It follows satellite.js's sgp4() step by step up to the mean elements, then hands
 * over to writeState (periodics.ts). Deep-space objects go to deep-space-kernel.ts.
 */

const { xke, x2o3 } = constants;

const MO = 0;
const MDOT = 1;
const ARGPO = 2;
const ARGPDOT = 3;
const NODEO = 4;
const NODEDOT = 5;
const NODECF = 6;
const CC1 = 7;
const BSTAR_CC4 = 8;
const T2COF = 9;
const FULL_DRAG = 10;
const OMGCOF = 11;
const ETA = 12;
const XMCOF = 13;
const DELMO = 14;
const D2 = 15;
const D3 = 16;
const D4 = 17;
const BSTAR_CC5 = 18;
const SINMAO = 19;
const T3COF = 20;
const T4COF = 21;
const T5COF = 22;
const NO = 23;
const AM_OF_NO = 24;
const ECCO = 25;
const INCLO = 26;
const SINIO = 27;
const COSIO = 28;
const AYCOF = 29;
const XLCOF = 30;
const CON41 = 31;
const X1MTH2 = 32;
const X7THM1 = 33;
const EPOCH = 34;
export const NEAR_EARTH_STRIDE = 35;

/**
 * Packs initialised near-Earth records (method 'n') with their epochs (Instant, s) into
 * coefficient records for the kernel.
 */
export function packNearEarth(satrecs: readonly SatRec[], epochs: ArrayLike<number>): Float64Array {
  const coef = new Float64Array(satrecs.length * NEAR_EARTH_STRIDE);
  for (let i = 0; i < satrecs.length; i++) {
    const s = satrecs[i];
    if (s.method !== 'n') throw new Error(`packNearEarth: record ${i} (${s.satnum}) is deep space`);
    const b = i * NEAR_EARTH_STRIDE;
    coef[b + MO] = s.mo;
    coef[b + MDOT] = s.mdot;
    coef[b + ARGPO] = s.argpo;
    coef[b + ARGPDOT] = s.argpdot;
    coef[b + NODEO] = s.nodeo;
    coef[b + NODEDOT] = s.nodedot;
    coef[b + NODECF] = s.nodecf;
    coef[b + CC1] = s.cc1;
    coef[b + BSTAR_CC4] = s.bstar * s.cc4;
    coef[b + T2COF] = s.t2cof;
    coef[b + FULL_DRAG] = s.isimp !== 1 ? 1 : 0;
    coef[b + OMGCOF] = s.omgcof;
    coef[b + ETA] = s.eta;
    coef[b + XMCOF] = s.xmcof;
    coef[b + DELMO] = s.delmo;
    coef[b + D2] = s.d2;
    coef[b + D3] = s.d3;
    coef[b + D4] = s.d4;
    coef[b + BSTAR_CC5] = s.bstar * s.cc5;
    coef[b + SINMAO] = s.sinmao;
    coef[b + T3COF] = s.t3cof;
    coef[b + T4COF] = s.t4cof;
    coef[b + T5COF] = s.t5cof;
    coef[b + NO] = s.no;
    // The mean motion at the top of the per-time semi-major axis does not change with time.
    coef[b + AM_OF_NO] = (xke / s.no) ** x2o3;
    coef[b + ECCO] = s.ecco;
    coef[b + INCLO] = s.inclo;
    coef[b + SINIO] = Math.sin(s.inclo);
    coef[b + COSIO] = Math.cos(s.inclo);
    coef[b + AYCOF] = s.aycof;
    coef[b + XLCOF] = s.xlcof;
    coef[b + CON41] = s.con41;
    coef[b + X1MTH2] = s.x1mth2;
    coef[b + X7THM1] = s.x7thm1;
    coef[b + EPOCH] = epochs[i];
  }
  return coef;
}

/**
 * Propagates every packed object to instant `t` (TT s since J2000) and writes TEME states in
 * metres and m/s to `out` at `rowBase + objectIndex[i]`; a failed object gets SGP4's code
 * (1 eccentricity, 2 mean motion, 4 semi-latus rectum, 6 decayed) and NaN.
 */
export function propagateNearEarth(coef: Float64Array, count: number, t: number, out: KernelOutput, rowBase: number, objectIndex: Int32Array): void {
  for (let i = 0; i < count; i++) {
    const b = i * NEAR_EARTH_STRIDE;
    const row = rowBase + objectIndex[i];
    const ts = (t - coef[b + EPOCH]) / 60;

    // Secular gravity and atmospheric drag.
    const xmdf = coef[b + MO] + coef[b + MDOT] * ts;
    const argpdf = coef[b + ARGPO] + coef[b + ARGPDOT] * ts;
    const nodedf = coef[b + NODEO] + coef[b + NODEDOT] * ts;
    let argpm = argpdf;
    let mm = xmdf;
    const t2 = ts * ts;
    let nodem = nodedf + coef[b + NODECF] * t2;
    let tempa = 1.0 - coef[b + CC1] * ts;
    let tempe = coef[b + BSTAR_CC4] * ts;
    let templ = coef[b + T2COF] * t2;
    if (coef[b + FULL_DRAG] === 1) {
      const delomg = coef[b + OMGCOF] * ts;
      const delmtemp = 1.0 + coef[b + ETA] * Math.cos(xmdf);
      const delm = coef[b + XMCOF] * (delmtemp * delmtemp * delmtemp - coef[b + DELMO]);
      const temp = delomg + delm;
      mm = xmdf + temp;
      argpm = argpdf - temp;
      const t3 = t2 * ts;
      const t4 = t3 * ts;
      tempa = tempa - coef[b + D2] * t2 - coef[b + D3] * t3 - coef[b + D4] * t4;
      tempe += coef[b + BSTAR_CC5] * (Math.sin(mm) - coef[b + SINMAO]);
      templ = templ + coef[b + T3COF] * t3 + t4 * (coef[b + T4COF] + ts * coef[b + T5COF]);
    }
    const no = coef[b + NO];
    if (no <= 0.0) {
      markRowFailed(out, row, 2);
      continue;
    }
    const am = coef[b + AM_OF_NO] * tempa * tempa;
    const nm = xke / (am * Math.sqrt(am));
    let em = coef[b + ECCO] - tempe;
    if (em >= 1.0 || em < -0.001) {
      markRowFailed(out, row, 1);
      continue;
    }
    if (em < 1.0e-6) em = 1.0e-6;
    mm += no * templ;
    let xlm = mm + argpm + nodem;
    nodem = remTwoPi(nodem);
    argpm = remTwoPi(argpm);
    xlm = remTwoPi(xlm);
    mm = remTwoPi(xlm - argpm - nodem);

    // prettier-ignore
    writeState(out, row, am, nm, em, coef[b + INCLO], coef[b + SINIO], coef[b + COSIO], argpm, nodem, mm,
      coef[b + AYCOF], coef[b + XLCOF], coef[b + CON41], coef[b + X1MTH2], coef[b + X7THM1]);
  }
}
