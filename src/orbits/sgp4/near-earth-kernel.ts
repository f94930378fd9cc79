import { type SatRec, constants } from 'satellite.js';
import { cosNear, remTwoPi, sinNear } from './angles.ts';
import {
  KEPLER_STRIDE,
  type KernelOutput,
  M_AM,
  M_ARGPP,
  M_AYCOF,
  M_CON41,
  M_COSIP,
  M_COS_ARGPP,
  M_COS_NODEP,
  M_EP,
  M_INCLP,
  M_MP,
  M_NM,
  M_NODEP,
  M_NODE_TURN,
  M_SINIP,
  M_SIN_ARGPP,
  M_SIN_NODEP,
  M_X1MTH2,
  M_X7THM1,
  M_XLCOF,
  forgetKepler,
  markRowFailed,
  writeState,
} from './periodics.ts';

/**
 * Our bulk kernel of near-Earth SGP4 (Spacetrack Report #3 as revised by Vallado et al.,
 * AIAA 2006-6753): the per-time part of the propagation, over many objects at once.
 * satellite.js initialises each object (sgp4init); its coefficients are packed here once,
 * one record of STRIDE doubles per object so one object's numbers sit together in memory,
 * and the kernel runs over all objects for one instant with no allocation and no property
 * lookups. It follows satellite.js's sgp4() step by step up to the mean elements, then hands
 * over to writeState (periodics.ts). Deep-space objects go to deep-space-kernel.ts.
 *
 * On a uniform time grid the mean anomaly, argument of perigee and node grow by the same
 * angle every step (their secular parts are linear in time), so their cosines and sines are
 * carried from step to step by the angle-addition formulas with the per-step turn computed
 * once per run, not recomputed with Math.sin and Math.cos. What is not linear (the drag
 * terms of the mean anomaly and perigee, the quadratic drag term of the node) is a small
 * turn on top, by a short series. Each turn adds at most a few ulp of rounding, so the
 * caller re-seeds the carried values from the library every RESEED_INTERVAL steps
 * (bulk.ts), which bounds the drift to about 1e-14 rad (sgp4-kernel.test.ts checks it).
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

// Carried per object through one run over a uniform grid: the per-step turn (cosine, sine)
// of the mean anomaly, perigee and node, and their cosines and sines at the current step.
const R_COS_DM = 0;
const R_SIN_DM = 1;
const R_COS_DW = 2;
const R_SIN_DW = 3;
const R_COS_DN = 4;
const R_SIN_DN = 5;
const R_COS_M = 6;
const R_SIN_M = 7;
const R_COS_W = 8;
const R_SIN_W = 9;
const R_COS_N = 10;
const R_SIN_N = 11;
const NEAR_EARTH_RUN_STRIDE = 12;

/** The carried state of a run over a grid of `stepS` seconds; the first step must re-seed. */
export function nearEarthRun(coef: Float64Array, count: number, stepS: number): Float64Array {
  const run = new Float64Array(count * NEAR_EARTH_RUN_STRIDE);
  const stepMin = stepS / 60;
  for (let i = 0; i < count; i++) {
    const b = i * NEAR_EARTH_STRIDE;
    const r = i * NEAR_EARTH_RUN_STRIDE;
    run[r + R_COS_DM] = Math.cos(coef[b + MDOT] * stepMin);
    run[r + R_SIN_DM] = Math.sin(coef[b + MDOT] * stepMin);
    run[r + R_COS_DW] = Math.cos(coef[b + ARGPDOT] * stepMin);
    run[r + R_SIN_DW] = Math.sin(coef[b + ARGPDOT] * stepMin);
    run[r + R_COS_DN] = Math.cos(coef[b + NODEDOT] * stepMin);
    run[r + R_SIN_DN] = Math.sin(coef[b + NODEDOT] * stepMin);
  }
  return run;
}

/**
 * Propagates packed objects from .. to - 1 to instant `t` (TT s since J2000), the next step
 * of their run (or any instant when `reseed` is set), and writes TEME states in metres and
 * m/s to `out` at `rowBase + objectIndex[i]`; a failed object gets SGP4's code
 * (1 eccentricity, 2 mean motion, 4 semi-latus rectum, 6 decayed) and NaN. `kepler` carries
 * the Kepler solutions between steps, `m` is scratch.
 */
export function propagateNearEarth(
  coef: Float64Array,
  run: Float64Array,
  kepler: Float64Array,
  from: number,
  to: number,
  t: number,
  reseed: boolean,
  out: KernelOutput,
  rowBase: number,
  objectIndex: Int32Array,
  m: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    const b = i * NEAR_EARTH_STRIDE;
    const r = i * NEAR_EARTH_RUN_STRIDE;
    const kb = i * KEPLER_STRIDE;
    const row = rowBase + objectIndex[i];
    const ts = (t - coef[b + EPOCH]) / 60;

    // Secular gravity: the angles, and their cosines and sines carried or re-seeded.
    const xmdf = coef[b + MO] + coef[b + MDOT] * ts;
    const argpdf = coef[b + ARGPO] + coef[b + ARGPDOT] * ts;
    const nodedf = coef[b + NODEO] + coef[b + NODEDOT] * ts;
    let cosM: number;
    let sinM: number;
    let cosW: number;
    let sinW: number;
    let cosN: number;
    let sinN: number;
    if (reseed) {
      cosM = Math.cos(xmdf);
      sinM = Math.sin(xmdf);
      cosW = Math.cos(argpdf);
      sinW = Math.sin(argpdf);
      cosN = Math.cos(nodedf);
      sinN = Math.sin(nodedf);
    } else {
      let c = run[r + R_COS_M];
      let s = run[r + R_SIN_M];
      let dc = run[r + R_COS_DM];
      let ds = run[r + R_SIN_DM];
      cosM = c * dc - s * ds;
      sinM = s * dc + c * ds;
      c = run[r + R_COS_W];
      s = run[r + R_SIN_W];
      dc = run[r + R_COS_DW];
      ds = run[r + R_SIN_DW];
      cosW = c * dc - s * ds;
      sinW = s * dc + c * ds;
      c = run[r + R_COS_N];
      s = run[r + R_SIN_N];
      dc = run[r + R_COS_DN];
      ds = run[r + R_SIN_DN];
      cosN = c * dc - s * ds;
      sinN = s * dc + c * ds;
    }
    run[r + R_COS_M] = cosM;
    run[r + R_SIN_M] = sinM;
    run[r + R_COS_W] = cosW;
    run[r + R_SIN_W] = sinW;
    run[r + R_COS_N] = cosN;
    run[r + R_SIN_N] = sinN;

    // Atmospheric drag.
    let argpm = argpdf;
    let mm = xmdf;
    const t2 = ts * ts;
    const dnode = coef[b + NODECF] * t2;
    let nodem = nodedf + dnode;
    let tempa = 1.0 - coef[b + CC1] * ts;
    let tempe = coef[b + BSTAR_CC4] * ts;
    let templ = coef[b + T2COF] * t2;
    let cosArgp = cosW;
    let sinArgp = sinW;
    if (coef[b + FULL_DRAG] === 1) {
      const delomg = coef[b + OMGCOF] * ts;
      const delmtemp = 1.0 + coef[b + ETA] * cosM;
      const delm = coef[b + XMCOF] * (delmtemp * delmtemp * delmtemp - coef[b + DELMO]);
      const temp = delomg + delm;
      mm = xmdf + temp;
      argpm = argpdf - temp;
      const ct = cosNear(temp);
      const st = sinNear(temp);
      const sinMm = sinM * ct + cosM * st;
      cosArgp = cosW * ct + sinW * st;
      sinArgp = sinW * ct - cosW * st;
      const t3 = t2 * ts;
      const t4 = t3 * ts;
      tempa = tempa - coef[b + D2] * t2 - coef[b + D3] * t3 - coef[b + D4] * t4;
      tempe += coef[b + BSTAR_CC5] * (sinMm - coef[b + SINMAO]);
      templ = templ + coef[b + T3COF] * t3 + t4 * (coef[b + T4COF] + ts * coef[b + T5COF]);
    }
    const no = coef[b + NO];
    if (no <= 0.0) {
      markRowFailed(out, row, 2);
      forgetKepler(kepler, kb);
      continue;
    }
    const am = coef[b + AM_OF_NO] * tempa * tempa;
    const nm = xke / (am * Math.sqrt(am));
    let em = coef[b + ECCO] - tempe;
    if (em >= 1.0 || em < -0.001) {
      markRowFailed(out, row, 1);
      forgetKepler(kepler, kb);
      continue;
    }
    if (em < 1.0e-6) em = 1.0e-6;
    mm += no * templ;
    let xlm = mm + argpm + nodem;
    nodem = remTwoPi(nodem);
    argpm = remTwoPi(argpm);
    xlm = remTwoPi(xlm);
    mm = remTwoPi(xlm - argpm - nodem);

    m[M_AM] = am;
    m[M_NM] = nm;
    m[M_EP] = em;
    m[M_INCLP] = coef[b + INCLO];
    m[M_SINIP] = coef[b + SINIO];
    m[M_COSIP] = coef[b + COSIO];
    m[M_ARGPP] = argpm;
    m[M_COS_ARGPP] = cosArgp;
    m[M_SIN_ARGPP] = sinArgp;
    m[M_NODEP] = nodem;
    m[M_COS_NODEP] = cosN;
    m[M_SIN_NODEP] = sinN;
    m[M_NODE_TURN] = dnode;
    m[M_MP] = mm;
    m[M_AYCOF] = coef[b + AYCOF];
    m[M_XLCOF] = coef[b + XLCOF];
    m[M_CON41] = coef[b + CON41];
    m[M_X1MTH2] = coef[b + X1MTH2];
    m[M_X7THM1] = coef[b + X7THM1];
    writeState(out, row, m, kepler, kb, !reseed);
  }
}
