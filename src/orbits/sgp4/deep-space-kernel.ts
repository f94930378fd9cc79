import { type SatRec, constants } from 'satellite.js';
import { cosNear, nearestTurn, remTwoPi, sinNear } from './angles.ts';
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
  HIGH_ECCENTRICITY,
  forgetKepler,
  markRowFailed,
  writeState,
} from './periodics.ts';

/**
 * Our bulk kernel of deep-space SGP4 (SDP4: periods of 225 min or more), the per-time part of
 * Vallado's sgp4(), dspace() and dpper() (AIAA 2006-6753) as satellite.js has them, over many
 * objects at once: lunar-solar secular rates, the 12 h and 24 h resonance integrator, and
 * the lunar-solar periodics, then writeState (periodics.ts). satellite.js initialises each
 * object (sgp4init with dscom/dsinit) and its coefficients are packed here once.
 *
 * The resonance integrator takes fixed 720-minute steps from the epoch. satellite.js starts
 * it from the epoch on every call; here each object keeps the last step it reached, so a run
 * forward in time takes at most one new step per object per output time. The steps are the
 * same ones in the same order, so the numbers are the same as starting over.
 */

const { xke, x2o3, twoPi, pi, j3oj2 } = constants;

// Secular and drag terms (drag is always the simplified form for deep-space objects).
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
const NO = 10;
const AM_OF_NO = 11;
const ECCO = 12;
const INCLO = 13;
const EPOCH = 14;
// dspace: lunar-solar secular rates and resonance.
const IREZ = 15;
const D2201 = 16;
const D2211 = 17;
const D3210 = 18;
const D3222 = 19;
const D4410 = 20;
const D4422 = 21;
const D5220 = 22;
const D5232 = 23;
const D5421 = 24;
const D5433 = 25;
const DEDT = 26;
const DEL1 = 27;
const DEL2 = 28;
const DEL3 = 29;
const DIDT = 30;
const DMDT = 31;
const DNODT = 32;
const DOMDT = 33;
const GSTO = 34;
const XFACT = 35;
const XLAMO = 36;
// dpper: lunar-solar periodics.
const E3 = 37;
const EE2 = 38;
const PEO = 39;
const PGHO = 40;
const PHO = 41;
const PINCO = 42;
const PLO = 43;
const SE2 = 44;
const SE3 = 45;
const SGH2 = 46;
const SGH3 = 47;
const SGH4 = 48;
const SH2 = 49;
const SH3 = 50;
const SI2 = 51;
const SI3 = 52;
const SL2 = 53;
const SL3 = 54;
const SL4 = 55;
const XGH2 = 56;
const XGH3 = 57;
const XGH4 = 58;
const XH2 = 59;
const XH3 = 60;
const XI2 = 61;
const XI3 = 62;
const XL2 = 63;
const XL3 = 64;
const XL4 = 65;
const ZMOL = 66;
const ZMOS = 67;
const SIN_INCLO = 68;
const COS_INCLO = 69;
export const DEEP_SPACE_STRIDE = 70;

// Integrator state per object: time reached (min), mean longitude and mean motion there, and
// the rates there (xndt, xnddt, xldot) when RATES_HELD is 1. The rates depend on nothing else,
// so they are worked out once per integrator step instead of at every output time.
const ATIME = 0;
const XLI = 1;
const XNI = 2;
const XNDT = 3;
const XNDDT = 4;
const XLDOT = 5;
const RATES_HELD = 6;
export const DEEP_SPACE_STATE_STRIDE = 7;

// Carried through one run over a uniform grid (as near-earth-kernel.ts carries its angles):
// per-step turns and current cosines and sines of the argument of perigee and node (their
// secular and lunar-solar secular parts, linear in time) and of the Sun's and Moon's mean
// anomalies of dpper.
const R_COS_DW = 0;
const R_SIN_DW = 1;
const R_COS_DN = 2;
const R_SIN_DN = 3;
const R_COS_DZS = 4;
const R_SIN_DZS = 5;
const R_COS_DZL = 6;
const R_SIN_DZL = 7;
const R_COS_W = 8;
const R_SIN_W = 9;
const R_COS_N = 10;
const R_SIN_N = 11;
const R_COS_ZS = 12;
const R_SIN_ZS = 13;
const R_COS_ZL = 14;
const R_SIN_ZL = 15;
const DEEP_SPACE_RUN_STRIDE = 16;
// After the objects' records, the run holds the mean elements of the object in hand, from
// the secular half of the kernel to the periodic half.
const H_TS = 0;
const H_AM = 1;
const H_NM = 2;
const H_EM = 3;
const H_INCLM = 4;
const H_ARGPM = 5;
const H_NODEM = 6;
const H_MM = 7;
const H_DNODE_DRAG = 8;
const HANDOFF_LENGTH = 9;

// Constants of dspace and dpper (Vallado 2006).
const FASX2 = 0.13130908;
const FASX4 = 2.8843198;
const FASX6 = 0.37448087;
const G22 = 5.7686396;
const G32 = 0.95240898;
const G44 = 1.8014998;
const G52 = 1.050833;
const G54 = 4.4108898;
const RPTIM = 4.37526908801129966e-3;
const STEPP = 720.0;
const STEPN = -720.0;
const STEP2 = 259200.0;
const ZNS = 1.19459e-5;
const ZES = 0.01675;
const ZNL = 1.5835218e-4;
const ZEL = 0.0549;

/** The carried state of a run over a grid of `stepS` seconds; the first step must re-seed. */
export function deepSpaceRun(c: Float64Array, count: number, stepS: number): Float64Array {
  const run = new Float64Array(count * DEEP_SPACE_RUN_STRIDE + HANDOFF_LENGTH);
  const stepMin = stepS / 60;
  for (let i = 0; i < count; i++) {
    const b = i * DEEP_SPACE_STRIDE;
    const r = i * DEEP_SPACE_RUN_STRIDE;
    const dw = (c[b + ARGPDOT] + c[b + DOMDT]) * stepMin;
    const dn = (c[b + NODEDOT] + c[b + DNODT]) * stepMin;
    run[r + R_COS_DW] = Math.cos(dw);
    run[r + R_SIN_DW] = Math.sin(dw);
    run[r + R_COS_DN] = Math.cos(dn);
    run[r + R_SIN_DN] = Math.sin(dn);
    run[r + R_COS_DZS] = Math.cos(ZNS * stepMin);
    run[r + R_SIN_DZS] = Math.sin(ZNS * stepMin);
    run[r + R_COS_DZL] = Math.cos(ZNL * stepMin);
    run[r + R_SIN_DZL] = Math.sin(ZNL * stepMin);
  }
  return run;
}

/** Packs initialised deep-space records (method 'd', opsmode 'i') with their epochs (Instant, s). */
export function packDeepSpace(satrecs: readonly SatRec[], epochs: ArrayLike<number>): Float64Array {
  const c = new Float64Array(satrecs.length * DEEP_SPACE_STRIDE);
  for (let i = 0; i < satrecs.length; i++) {
    const s = satrecs[i];
    if (s.method !== 'd' || s.operationmode !== 'i') throw new Error(`packDeepSpace: record ${i} (${s.satnum}) is not deep space in mode 'i'`);
    const b = i * DEEP_SPACE_STRIDE;
    const put = (k: number, v: number) => {
      c[b + k] = v;
    };
    put(MO, s.mo);
    put(MDOT, s.mdot);
    put(ARGPO, s.argpo);
    put(ARGPDOT, s.argpdot);
    put(NODEO, s.nodeo);
    put(NODEDOT, s.nodedot);
    put(NODECF, s.nodecf);
    put(CC1, s.cc1);
    put(BSTAR_CC4, s.bstar * s.cc4);
    put(T2COF, s.t2cof);
    put(NO, s.no);
    put(AM_OF_NO, (xke / s.no) ** x2o3);
    put(ECCO, s.ecco);
    put(INCLO, s.inclo);
    put(SIN_INCLO, Math.sin(s.inclo));
    put(COS_INCLO, Math.cos(s.inclo));
    put(EPOCH, epochs[i]);
    put(IREZ, s.irez);
    put(D2201, s.d2201);
    put(D2211, s.d2211);
    put(D3210, s.d3210);
    put(D3222, s.d3222);
    put(D4410, s.d4410);
    put(D4422, s.d4422);
    put(D5220, s.d5220);
    put(D5232, s.d5232);
    put(D5421, s.d5421);
    put(D5433, s.d5433);
    put(DEDT, s.dedt);
    put(DEL1, s.del1);
    put(DEL2, s.del2);
    put(DEL3, s.del3);
    put(DIDT, s.didt);
    put(DMDT, s.dmdt);
    put(DNODT, s.dnodt);
    put(DOMDT, s.domdt);
    put(GSTO, s.gsto);
    put(XFACT, s.xfact);
    put(XLAMO, s.xlamo);
    put(E3, s.e3);
    put(EE2, s.ee2);
    put(PEO, s.peo);
    put(PGHO, s.pgho);
    put(PHO, s.pho);
    put(PINCO, s.pinco);
    put(PLO, s.plo);
    put(SE2, s.se2);
    put(SE3, s.se3);
    put(SGH2, s.sgh2);
    put(SGH3, s.sgh3);
    put(SGH4, s.sgh4);
    put(SH2, s.sh2);
    put(SH3, s.sh3);
    put(SI2, s.si2);
    put(SI3, s.si3);
    put(SL2, s.sl2);
    put(SL3, s.sl3);
    put(SL4, s.sl4);
    put(XGH2, s.xgh2);
    put(XGH3, s.xgh3);
    put(XGH4, s.xgh4);
    put(XH2, s.xh2);
    put(XH3, s.xh3);
    put(XI2, s.xi2);
    put(XI3, s.xi3);
    put(XL2, s.xl2);
    put(XL3, s.xl3);
    put(XL4, s.xl4);
    put(ZMOL, s.zmol);
    put(ZMOS, s.zmos);
  }
  return c;
}

/** A fresh integrator state for `count` objects (every object starts at its epoch). */
export function deepSpaceState(count: number): Float64Array {
  return new Float64Array(count * DEEP_SPACE_STATE_STRIDE);
}

/**
 * Propagates packed deep-space objects from .. to - 1 to instant `t` (TT s since J2000), the
 * next step of their run (or any instant when `reseed` is set), writing TEME metres and m/s
 * at `rowBase + objectIndex[i]`, or SGP4's code (1, 2, 3, 4, 6) and NaN. `state` carries each
 * object's resonance integrator between calls, `run` the carried sines and cosines, `kepler`
 * the Kepler solutions; `m` is scratch.
 */
export function propagateDeepSpace(
  c: Float64Array,
  state: Float64Array,
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
    const b = i * DEEP_SPACE_STRIDE;
    const r = i * DEEP_SPACE_RUN_STRIDE;
    const kb = i * KEPLER_STRIDE;
    const row = rowBase + objectIndex[i];
    const ts = (t - c[b + EPOCH]) / 60;

    // Secular gravity and simplified drag.
    const xmdf = c[b + MO] + c[b + MDOT] * ts;
    const argpdf = c[b + ARGPO] + c[b + ARGPDOT] * ts;
    const nodedf = c[b + NODEO] + c[b + NODEDOT] * ts;
    let argpm = argpdf;
    let mm = xmdf;
    const t2 = ts * ts;
    const dnodeDrag = c[b + NODECF] * t2;
    let nodem = nodedf + dnodeDrag;
    const tempa = 1.0 - c[b + CC1] * ts;
    const tempe = c[b + BSTAR_CC4] * ts;
    const templ = c[b + T2COF] * t2;
    const no = c[b + NO];
    let nm = no;
    let em = c[b + ECCO];
    let inclm = c[b + INCLO];

    // Lunar-solar secular rates, then the resonance integrator (dspace).
    em += c[b + DEDT] * ts;
    inclm += c[b + DIDT] * ts;
    argpm += c[b + DOMDT] * ts;
    nodem += c[b + DNODT] * ts;
    mm += c[b + DMDT] * ts;

    // The carried angles: perigee and node without the drag term, the Sun's and Moon's mean
    // anomalies.
    let cosW: number;
    let sinW: number;
    let cosN: number;
    let sinN: number;
    let cosZs: number;
    let sinZs: number;
    let cosZl: number;
    let sinZl: number;
    if (reseed) {
      const nodeLinear = nodedf + c[b + DNODT] * ts;
      const zs = c[b + ZMOS] + ZNS * ts;
      const zl = c[b + ZMOL] + ZNL * ts;
      cosW = Math.cos(argpm);
      sinW = Math.sin(argpm);
      cosN = Math.cos(nodeLinear);
      sinN = Math.sin(nodeLinear);
      cosZs = Math.cos(zs);
      sinZs = Math.sin(zs);
      cosZl = Math.cos(zl);
      sinZl = Math.sin(zl);
    } else {
      let cc = run[r + R_COS_W];
      let ss = run[r + R_SIN_W];
      let dc = run[r + R_COS_DW];
      let ds = run[r + R_SIN_DW];
      cosW = cc * dc - ss * ds;
      sinW = ss * dc + cc * ds;
      cc = run[r + R_COS_N];
      ss = run[r + R_SIN_N];
      dc = run[r + R_COS_DN];
      ds = run[r + R_SIN_DN];
      cosN = cc * dc - ss * ds;
      sinN = ss * dc + cc * ds;
      cc = run[r + R_COS_ZS];
      ss = run[r + R_SIN_ZS];
      dc = run[r + R_COS_DZS];
      ds = run[r + R_SIN_DZS];
      cosZs = cc * dc - ss * ds;
      sinZs = ss * dc + cc * ds;
      cc = run[r + R_COS_ZL];
      ss = run[r + R_SIN_ZL];
      dc = run[r + R_COS_DZL];
      ds = run[r + R_SIN_DZL];
      cosZl = cc * dc - ss * ds;
      sinZl = ss * dc + cc * ds;
    }
    run[r + R_COS_W] = cosW;
    run[r + R_SIN_W] = sinW;
    run[r + R_COS_N] = cosN;
    run[r + R_SIN_N] = sinN;
    run[r + R_COS_ZS] = cosZs;
    run[r + R_SIN_ZS] = sinZs;
    run[r + R_COS_ZL] = cosZl;
    run[r + R_SIN_ZL] = sinZl;

    const irez = c[b + IREZ];
    if (irez !== 0) {
      const theta = remTwoPi(c[b + GSTO] + ts * RPTIM);
      const sb = i * DEEP_SPACE_STATE_STRIDE;
      let atime = state[sb + ATIME];
      let xli = state[sb + XLI];
      let xni = state[sb + XNI];
      let ratesHeld = state[sb + RATES_HELD] === 1;
      if (atime === 0.0 || ts * atime <= 0.0 || Math.abs(ts) < Math.abs(atime)) {
        atime = 0.0;
        xni = no;
        xli = c[b + XLAMO];
        ratesHeld = false;
      }
      const delt = ts > 0.0 ? STEPP : STEPN;
      let xndt = state[sb + XNDT];
      let xnddt = state[sb + XNDDT];
      let xldot = state[sb + XLDOT];
      let ft = 0.0;
      for (;;) {
        if (ratesHeld) {
          // The rates at (atime, xli, xni), from an earlier call.
        } else if (irez !== 2) {
          const del1 = c[b + DEL1];
          const del2 = c[b + DEL2];
          const del3 = c[b + DEL3];
          xndt = del1 * Math.sin(xli - FASX2) + del2 * Math.sin(2.0 * (xli - FASX4)) + del3 * Math.sin(3.0 * (xli - FASX6));
          xldot = xni + c[b + XFACT];
          xnddt = del1 * Math.cos(xli - FASX2) + 2.0 * del2 * Math.cos(2.0 * (xli - FASX4)) + 3.0 * del3 * Math.cos(3.0 * (xli - FASX6));
          xnddt *= xldot;
        } else {
          const xomi = c[b + ARGPO] + c[b + ARGPDOT] * atime;
          const x2omi = xomi + xomi;
          const x2li = xli + xli;
          xndt =
            c[b + D2201] * Math.sin(x2omi + xli - G22) +
            c[b + D2211] * Math.sin(xli - G22) +
            c[b + D3210] * Math.sin(xomi + xli - G32) +
            c[b + D3222] * Math.sin(-xomi + xli - G32) +
            c[b + D4410] * Math.sin(x2omi + x2li - G44) +
            c[b + D4422] * Math.sin(x2li - G44) +
            c[b + D5220] * Math.sin(xomi + xli - G52) +
            c[b + D5232] * Math.sin(-xomi + xli - G52) +
            c[b + D5421] * Math.sin(xomi + x2li - G54) +
            c[b + D5433] * Math.sin(-xomi + x2li - G54);
          xldot = xni + c[b + XFACT];
          xnddt =
            c[b + D2201] * Math.cos(x2omi + xli - G22) +
            c[b + D2211] * Math.cos(xli - G22) +
            c[b + D3210] * Math.cos(xomi + xli - G32) +
            c[b + D3222] * Math.cos(-xomi + xli - G32) +
            c[b + D5220] * Math.cos(xomi + xli - G52) +
            c[b + D5232] * Math.cos(-xomi + xli - G52) +
            2.0 *
              (c[b + D4410] * Math.cos(x2omi + x2li - G44) +
                c[b + D4422] * Math.cos(x2li - G44) +
                c[b + D5421] * Math.cos(xomi + x2li - G54) +
                c[b + D5433] * Math.cos(-xomi + x2li - G54));
          xnddt *= xldot;
        }
        if (Math.abs(ts - atime) < STEPP) {
          ft = ts - atime;
          break;
        }
        xli += xldot * delt + xndt * STEP2;
        xni += xndt * delt + xnddt * STEP2;
        atime += delt;
        ratesHeld = false;
      }
      state[sb + ATIME] = atime;
      state[sb + XLI] = xli;
      state[sb + XNI] = xni;
      state[sb + XNDT] = xndt;
      state[sb + XNDDT] = xnddt;
      state[sb + XLDOT] = xldot;
      state[sb + RATES_HELD] = 1;
      nm = xni + xndt * ft + xnddt * ft * ft * 0.5;
      const xl = xli + xldot * ft + xndt * ft * ft * 0.5;
      mm = irez !== 1 ? xl - 2.0 * nodem + 2.0 * theta : xl - nodem - argpm + theta;
      const dndt = nm - no;
      nm = no + dndt;
    }

    if (nm <= 0.0) {
      markRowFailed(out, row, 2);
      forgetKepler(kepler, kb);
      continue;
    }
    // (xke / nm)^(2/3) as a cube root: Math.pow is several times slower, for the same value
    // to an ulp.
    const xkeOverN = xke / nm;
    const am = (nm === no ? c[b + AM_OF_NO] : Math.cbrt(xkeOverN * xkeOverN)) * tempa * tempa;
    nm = xke / (am * Math.sqrt(am));
    em -= tempe;
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

    const hb = run.length - HANDOFF_LENGTH;
    run[hb + H_TS] = ts;
    run[hb + H_AM] = am;
    run[hb + H_NM] = nm;
    run[hb + H_EM] = em;
    run[hb + H_INCLM] = inclm;
    run[hb + H_ARGPM] = argpm;
    run[hb + H_NODEM] = nodem;
    run[hb + H_MM] = mm;
    run[hb + H_DNODE_DRAG] = dnodeDrag;
    periodicsAndState(c, b, run, r, hb, out, row, m, kepler, kb, reseed);
  }
}

/**
 * The second half of propagateDeepSpace for one object: the lunar-solar periodics and the
 * state. A function of its own so that V8 inlines the small helpers of both halves (one
 * function would exceed its inlining budget and box numbers on every call); the mean
 * elements come through the handoff slots at the end of `run`.
 */
function periodicsAndState(c: Float64Array, b: number, run: Float64Array, r: number, hb: number, out: KernelOutput, row: number, m: Float64Array, kepler: Float64Array, kb: number, reseed: boolean): void {
  const ts = run[hb + H_TS];
  const am = run[hb + H_AM];
  const nm = run[hb + H_NM];
  const em = run[hb + H_EM];
  const inclm = run[hb + H_INCLM];
  const argpm = run[hb + H_ARGPM];
  const nodem = run[hb + H_NODEM];
  const mm = run[hb + H_MM];
  const dnodeDrag = run[hb + H_DNODE_DRAG];
  const cosW = run[r + R_COS_W];
  const sinW = run[r + R_SIN_W];
  const cosN = run[r + R_COS_N];
  const sinN = run[r + R_SIN_N];
  const cosZs = run[r + R_COS_ZS];
  const sinZs = run[r + R_SIN_ZS];
  const cosZl = run[r + R_COS_ZL];
  const sinZl = run[r + R_SIN_ZL];
  // Lunar-solar periodics (dpper, operation mode 'i'). zf = zm + 2 e sin zm is zm turned by
  // under 0.11 rad, so its sine and cosine come from the carried ones of zm.
  let ep = em;
  let xincp = inclm;
  let argpp = argpm;
  let nodep = nodem;
  let mp = mm;
  let sinip: number;
  let cosip: number;
  let cosArgp: number;
  let sinArgp: number;
  let cosNode: number;
  let sinNode: number;
  let nodeTurn: number;
  {
    let dz = 2.0 * ZES * sinZs;
    let sd = sinNear(dz);
    let cd = cosNear(dz);
    let sinzf = sinZs * cd + cosZs * sd;
    let coszf = cosZs * cd - sinZs * sd;
    let f2 = 0.5 * sinzf * sinzf - 0.25;
    let f3 = -0.5 * sinzf * coszf;
    const ses = c[b + SE2] * f2 + c[b + SE3] * f3;
    const sis = c[b + SI2] * f2 + c[b + SI3] * f3;
    const sls = c[b + SL2] * f2 + c[b + SL3] * f3 + c[b + SL4] * sinzf;
    const sghs = c[b + SGH2] * f2 + c[b + SGH3] * f3 + c[b + SGH4] * sinzf;
    const shs = c[b + SH2] * f2 + c[b + SH3] * f3;
    dz = 2.0 * ZEL * sinZl;
    sd = sinNear(dz);
    cd = cosNear(dz);
    sinzf = sinZl * cd + cosZl * sd;
    coszf = cosZl * cd - sinZl * sd;
    f2 = 0.5 * sinzf * sinzf - 0.25;
    f3 = -0.5 * sinzf * coszf;
    const sel = c[b + EE2] * f2 + c[b + E3] * f3;
    const sil = c[b + XI2] * f2 + c[b + XI3] * f3;
    const sll = c[b + XL2] * f2 + c[b + XL3] * f3 + c[b + XL4] * sinzf;
    const sghl = c[b + XGH2] * f2 + c[b + XGH3] * f3 + c[b + XGH4] * sinzf;
    const shll = c[b + XH2] * f2 + c[b + XH3] * f3;
    const pe = ses + sel - c[b + PEO];
    const pinc = sis + sil - c[b + PINCO];
    const pl = sls + sll - c[b + PLO];
    let pgh = sghs + sghl - c[b + PGHO];
    let ph = shs + shll - c[b + PHO];
    xincp += pinc;
    ep += pe;
    // The inclination moves from inclo by its slow secular rate and the periodics.
    const dinc = c[b + DIDT] * ts + pinc;
    sd = sinNear(dinc);
    cd = cosNear(dinc);
    sinip = c[b + SIN_INCLO] * cd + c[b + COS_INCLO] * sd;
    cosip = c[b + COS_INCLO] * cd - c[b + SIN_INCLO] * sd;
    if (ep >= HIGH_ECCENTRICITY || Math.abs(sinip) < 0.2) {
      // Near e = 1 the answer hangs on the last bit of these (see writeState), and near
      // i = 180 deg ph / sinip below magnifies the last bit of a small sinip: SGP4's way there.
      sinip = Math.sin(xincp);
      cosip = Math.cos(xincp);
    }
    if (xincp >= 0.2) {
      ph /= sinip;
      pgh -= cosip * ph;
      argpp += pgh;
      nodep += ph;
      mp += pl;
      sd = sinNear(pgh);
      cd = cosNear(pgh);
      cosArgp = cosW * cd - sinW * sd;
      sinArgp = sinW * cd + cosW * sd;
      cosNode = cosN;
      sinNode = sinN;
      nodeTurn = dnodeDrag + ph;
    } else {
      // Lyddane's form near zero inclination.
      sd = sinNear(dnodeDrag);
      cd = cosNear(dnodeDrag);
      const sinop = sinN * cd + cosN * sd;
      const cosop = cosN * cd - sinN * sd;
      let alfdp = sinip * sinop;
      let betdp = sinip * cosop;
      const dalf = ph * cosop + pinc * cosip * sinop;
      const dbet = -ph * sinop + pinc * cosip * cosop;
      alfdp += dalf;
      betdp += dbet;
      nodep = remTwoPi(nodep);
      let xls = mp + argpp + cosip * nodep;
      const dls = pl + pgh - pinc * nodep * sinip;
      xls += dls;
      const xnoh = nodep;
      nodep = Math.atan2(alfdp, betdp);
      if (Math.abs(xnoh - nodep) > pi) {
        if (nodep < xnoh) nodep += twoPi;
        else nodep -= twoPi;
      }
      mp += pl;
      argpp = xls - mp - cosip * nodep;
      // The new node's cosine and sine are those of its atan2; perigee moved by dw.
      const hyp = Math.sqrt(alfdp * alfdp + betdp * betdp);
      sinNode = hyp > 0.0 ? alfdp / hyp : 0.0;
      cosNode = hyp > 0.0 ? betdp / hyp : 1.0;
      nodeTurn = 0.0;
      const dw = nearestTurn(argpp - argpm);
      sd = sinNear(dw);
      cd = cosNear(dw);
      cosArgp = cosW * cd - sinW * sd;
      sinArgp = sinW * cd + cosW * sd;
    }
  }
  if (xincp < 0.0) {
    xincp = -xincp;
    nodep += pi;
    argpp -= pi;
    sinip = -sinip;
    cosNode = -cosNode;
    sinNode = -sinNode;
    cosArgp = -cosArgp;
    sinArgp = -sinArgp;
  }
  if (ep < 0.0 || ep > 1.0) {
    markRowFailed(out, row, 3);
    forgetKepler(kepler, kb);
    return;
  }

  // Long-period coefficients of the perturbed inclination.
  const aycof = -0.5 * j3oj2 * sinip;
  const xlcof = Math.abs(cosip + 1.0) > 1.5e-12 ? (-0.25 * j3oj2 * sinip * (3.0 + 5.0 * cosip)) / (1.0 + cosip) : (-0.25 * j3oj2 * sinip * (3.0 + 5.0 * cosip)) / 1.5e-12;
  const cosisq = cosip * cosip;
  m[M_AM] = am;
  m[M_NM] = nm;
  m[M_EP] = ep;
  m[M_INCLP] = xincp;
  m[M_SINIP] = sinip;
  m[M_COSIP] = cosip;
  m[M_ARGPP] = argpp;
  m[M_COS_ARGPP] = cosArgp;
  m[M_SIN_ARGPP] = sinArgp;
  m[M_NODEP] = nodep;
  m[M_COS_NODEP] = cosNode;
  m[M_SIN_NODEP] = sinNode;
  m[M_NODE_TURN] = nodeTurn;
  m[M_MP] = mp;
  m[M_AYCOF] = aycof;
  m[M_XLCOF] = xlcof;
  m[M_CON41] = 3.0 * cosisq - 1.0;
  m[M_X1MTH2] = 1.0 - cosisq;
  m[M_X7THM1] = 7.0 * cosisq - 1.0;
  writeState(out, row, m, kepler, kb, !reseed);
}
