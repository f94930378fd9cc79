import { formatNumber, formatSignificant } from './format.ts';

/**
 * Scales and ticks shared by the charts: a data interval mapped onto a pixel interval,
 * linearly or by decades, with tick values a person would choose (1, 2, 5 times a power of ten).
 */
export interface Scale {
  /** Pixel position of a data value; NaN when the value cannot be drawn (log scale, value <= 0). */
  at(value: number): number;
  ticks: readonly number[];
  /** A tick value as text with as many decimals as the step needs (so 1000.5 and 1001 stay apart). */
  format(value: number): string;
  /** The data interval after widening to whole ticks. */
  min: number;
  max: number;
  kind: 'linear' | 'log';
}

/** 1, 2 or 5 times a power of ten, the smallest such at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * power >= rough * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/** Rounds away the float noise of multiplying a step (0.1 * 3 -> 0.3). */
function clean(value: number, step: number): number {
  const decimals = Math.max(0, Math.min(15, -Math.floor(Math.log10(step)) + 1));
  return Number(value.toFixed(decimals));
}

/** A linear scale over [min, max] widened to whole ticks, about `targetTicks` of them. */
export function linearScale(min: number, max: number, pixelFrom: number, pixelTo: number, targetTicks = 6, integerTicks = false): Scale {
  let lo = Number.isFinite(min) ? min : 0;
  let hi = Number.isFinite(max) ? max : 1;
  if (hi < lo) [lo, hi] = [hi, lo];
  // A span lost in rounding (or a single value) gets a span of its own, so steps stay representable.
  if (hi - lo <= 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    const tiny = Math.abs(lo) < 1e-6;
    if (!tiny) lo -= Math.abs(lo) * 0.1;
    hi += tiny ? 1 : Math.abs(hi) * 0.1;
  }
  let step = niceStep((hi - lo) / Math.max(1, targetTicks));
  if (integerTicks) step = Math.max(1, Math.round(step));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(clean(i * step, step));
  const dMin = ticks[0];
  const dMax = ticks[ticks.length - 1];
  const k = (pixelTo - pixelFrom) / (dMax - dMin);
  const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
  return { at: (v) => pixelFrom + (v - dMin) * k, format: (v) => formatNumber(v, decimals), ticks, min: dMin, max: dMax, kind: 'linear' };
}

/** A base-10 logarithmic scale over whole decades; 2 and 5 are ticked too when the range spans few decades. */
export function logScale(min: number, max: number, pixelFrom: number, pixelTo: number): Scale {
  let lo = min > 0 && Number.isFinite(min) ? min : 1;
  let hi = max > 0 && Number.isFinite(max) ? max : lo * 10;
  if (hi < lo) [lo, hi] = [hi, lo];
  let d0 = Math.floor(Math.log10(lo) + 1e-9);
  let d1 = Math.ceil(Math.log10(hi) - 1e-9);
  if (d1 <= d0) d1 = d0 + 1;
  if (d1 - d0 > 12) d0 = d1 - 12;
  const ticks: number[] = [];
  const minor = d1 - d0 <= 3;
  for (let d = d0; d <= d1; d++) {
    const p = 10 ** d;
    ticks.push(Number(p.toPrecision(12)));
    if (minor && d < d1) ticks.push(Number((2 * p).toPrecision(12)), Number((5 * p).toPrecision(12)));
  }
  const k = (pixelTo - pixelFrom) / (d1 - d0);
  return {
    at: (v) => (v > 0 ? pixelFrom + (Math.log10(v) - d0) * k : Number.NaN),
    ticks,
    format: formatSignificant,
    min: 10 ** d0,
    max: 10 ** d1,
    kind: 'log',
  };
}

/** Rough width in pixels of a line of sans-serif text: enough to leave room for labels, not to typeset. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const c of text) units += /[il.,:;'|!\u2009 ]/.test(c) ? 0.3 : /[mwMW%]/.test(c) ? 0.9 : /[A-Z]/.test(c) ? 0.68 : 0.56;
  return units * fontSize;
}

/** Pixel coordinates as short text (one decimal, no "-0"). */
export function px(value: number): string {
  const text = value.toFixed(1).replace(/\.0$/, '');
  return text === '-0' ? '0' : text;
}

/** Colours that stay apart on white and for most colour-blind readers, cycled when there are more series. */
export const PALETTE: readonly string[] = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

export function paletteColour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}
