import { type SatRec, constants } from 'satellite.js';
import { type KernelOutput, markRowFailed, remTwoPi, writeState } from './periodics.ts';

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
export const DEEP_SPACE_STRIDE = 68;

// Integrator state per object: time reached (min), mean longitude and mean motion there.
const ATIME = 0;
const XLI = 1;
const XNI = 2;
export const DEEP_SPACE_STATE_STRIDE = 3;

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
 * Propagates every packed deep-space object to instant `t` (TT s since J2000), writing TEME
 * metres and m/s at `rowBase + objectIndex[i]`, or SGP4's code (1, 2, 3, 4, 6) and NaN.
 * `state` carries each object's resonance integrator between calls.
 */
export function propagateDeepSpace(c: Float64Array, state: Float64Array, count: number, t: number, out: KernelOutput, rowBase: number, objectIndex: Int32Array): void {
  for (let i = 0; i < count; i++) {
    const b = i * DEEP_SPACE_STRIDE;
    const row = rowBase + objectIndex[i];
    const ts = (t - c[b + EPOCH]) / 60;

    // Secular gravity and simplified drag.
    const xmdf = c[b + MO] + c[b + MDOT] * ts;
    const argpdf = c[b + ARGPO] + c[b + ARGPDOT] * ts;
    const nodedf = c[b + NODEO] + c[b + NODEDOT] * ts;
    let argpm = argpdf;
    let mm = xmdf;
    const t2 = ts * ts;
    let nodem = nodedf + c[b + NODECF] * t2;
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
    const irez = c[b + IREZ];
    if (irez !== 0) {
      const theta = remTwoPi(c[b + GSTO] + ts * RPTIM);
      const sb = i * DEEP_SPACE_STATE_STRIDE;
      let atime = state[sb + ATIME];
      let xli = state[sb + XLI];
      let xni = state[sb + XNI];
      if (atime === 0.0 || ts * atime <= 0.0 || Math.abs(ts) < Math.abs(atime)) {
        atime = 0.0;
        xni = no;
        xli = c[b + XLAMO];
      }
      const delt = ts > 0.0 ? STEPP : STEPN;
      let xndt = 0;
      let xnddt = 0;
      let xldot = 0;
      let ft = 0.0;
      for (;;) {
        if (irez !== 2) {
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
      }
      state[sb + ATIME] = atime;
      state[sb + XLI] = xli;
      state[sb + XNI] = xni;
      nm = xni + xndt * ft + xnddt * ft * ft * 0.5;
      const xl = xli + xldot * ft + xndt * ft * ft * 0.5;
      mm = irez !== 1 ? xl - 2.0 * nodem + 2.0 * theta : xl - nodem - argpm + theta;
      const dndt = nm - no;
      nm = no + dndt;
    }

    if (nm <= 0.0) {
      markRowFailed(out, row, 2);
      continue;
    }
    const am = (nm === no ? c[b + AM_OF_NO] : (xke / nm) ** x2o3) * tempa * tempa;
    nm = xke / (am * Math.sqrt(am));
    em -= tempe;
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

    // Lunar-solar periodics (dpper, operation mode 'i').
    let ep = em;
    let xincp = inclm;
    let argpp = argpm;
    let nodep = nodem;
    let mp = mm;
    {
      let zm = c[b + ZMOS] + ZNS * ts;
      let zf = zm + 2.0 * ZES * Math.sin(zm);
      let sinzf = Math.sin(zf);
      let f2 = 0.5 * sinzf * sinzf - 0.25;
      let f3 = -0.5 * sinzf * Math.cos(zf);
      const ses = c[b + SE2] * f2 + c[b + SE3] * f3;
      const sis = c[b + SI2] * f2 + c[b + SI3] * f3;
      const sls = c[b + SL2] * f2 + c[b + SL3] * f3 + c[b + SL4] * sinzf;
      const sghs = c[b + SGH2] * f2 + c[b + SGH3] * f3 + c[b + SGH4] * sinzf;
      const shs = c[b + SH2] * f2 + c[b + SH3] * f3;
      zm = c[b + ZMOL] + ZNL * ts;
      zf = zm + 2.0 * ZEL * Math.sin(zm);
      sinzf = Math.sin(zf);
      f2 = 0.5 * sinzf * sinzf - 0.25;
      f3 = -0.5 * sinzf * Math.cos(zf);
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
      const sinip = Math.sin(xincp);
      const cosip = Math.cos(xincp);
      if (xincp >= 0.2) {
        ph /= sinip;
        pgh -= cosip * ph;
        argpp += pgh;
        nodep += ph;
        mp += pl;
      } else {
        // Lyddane's form near zero inclination.
        const sinop = Math.sin(nodep);
        const cosop = Math.cos(nodep);
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
      }
    }
    if (xincp < 0.0) {
      xincp = -xincp;
      nodep += pi;
      argpp -= pi;
    }
    if (ep < 0.0 || ep > 1.0) {
      markRowFailed(out, row, 3);
      continue;
    }

    // Long-period coefficients of the perturbed inclination.
    const sinip = Math.sin(xincp);
    const cosip = Math.cos(xincp);
    const aycof = -0.5 * j3oj2 * sinip;
    const xlcof = Math.abs(cosip + 1.0) > 1.5e-12 ? (-0.25 * j3oj2 * sinip * (3.0 + 5.0 * cosip)) / (1.0 + cosip) : (-0.25 * j3oj2 * sinip * (3.0 + 5.0 * cosip)) / 1.5e-12;
    const cosisq = cosip * cosip;
    writeState(out, row, am, nm, ep, xincp, sinip, cosip, argpp, nodep, mp, aycof, xlcof, 3.0 * cosisq - 1.0, 1.0 - cosisq, 7.0 * cosisq - 1.0);
  }
}
