import { InputError } from '../../math/errors.ts';
import { escapeText } from './escape.ts';
import { formatSignificant } from './format.ts';
import { type Scale, linearScale, logScale, paletteColour, px, textWidth } from './svg-axes.ts';

/**
 * Small charts drawn as inline SVG text: a line chart with axes, ticks, labels and a legend,
 * and a grouped bar chart. No script and no external resource, so a report opens offline;
 * the same input always gives the same bytes.
 */

const FONT = 12;
const TITLE_FONT = 14;
const LEGEND_ROW = 18;
const AXIS = '#333';
const GRID = '#e3e3e3';

export interface LineSeries {
  label: string;
  /** One value per x; null (or, on a log scale, a value <= 0) leaves a gap. */
  values: readonly (number | null)[];
  colour?: string;
  dashed?: boolean;
  /** Draw as steps: each value holds until the next sample (counts). */
  step?: boolean;
}

export interface ReferenceLine {
  value: number;
  label: string;
  colour?: string;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  x: readonly number[];
  series: readonly LineSeries[];
  yScale?: 'linear' | 'log';
  /** Axis limits; default the data's range (including 0 on a linear axis) widened to whole ticks. */
  yMin?: number;
  yMax?: number;
  integerTicks?: boolean;
  /** Horizontal dashed lines, each in the legend. */
  references?: readonly ReferenceLine[];
  /** Linear axis only: series are moved apart by up to this many data units in total so that equal values stay visible. */
  spread?: number;
  formatX?: (value: number) => string;
  formatY?: (value: number) => string;
  width?: number;
  height?: number;
}

export interface BarSeries {
  label: string;
  colour?: string;
}

export interface BarGroup {
  label: string;
  /** One value per series; null leaves the bar out and the remaining bars close up. */
  values: readonly (number | null)[];
}

export interface BarChartOptions {
  title: string;
  yLabel: string;
  series: readonly BarSeries[];
  groups: readonly BarGroup[];
  /** Print each bar's value above (or below, when negative) it. */
  valueLabels?: boolean;
  /** Formats the axis ticks and the bars' values; default: ticks with the decimals their step needs, values to three significant figures. */
  formatY?: (value: number) => string;
  width?: number;
  height?: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface LegendEntry {
  label: string;
  colour: string;
  shape: 'line' | 'dashed' | 'block';
}

function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeText(title)}" font-family="sans-serif" font-size="${FONT}">` +
    `<title>${escapeText(title)}</title><rect width="${width}" height="${height}" fill="#fff"/>` +
    `<text x="${px(width / 2)}" y="20" font-size="${TITLE_FONT}" font-weight="bold" text-anchor="middle">${escapeText(title)}</text>`
  );
}

/** Entries laid out left to right, wrapping within `width`; returns the rows used. */
function legendRows(entries: readonly LegendEntry[], width: number): LegendEntry[][] {
  const rows: LegendEntry[][] = [];
  let row: LegendEntry[] = [];
  let used = 0;
  for (const e of entries) {
    const w = legendEntryWidth(e);
    if (row.length > 0 && used + w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(e);
    used += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

function legendEntryWidth(e: LegendEntry): number {
  return 26 + textWidth(e.label, FONT) + 18;
}

function drawLegend(rows: readonly LegendEntry[][], left: number, top: number): string {
  const parts: string[] = ['<g class="legend">'];
  rows.forEach((row, r) => {
    let x = left;
    const y = top + r * LEGEND_ROW;
    for (const e of row) {
      if (e.shape === 'block') parts.push(`<rect x="${px(x)}" y="${px(y - 9)}" width="18" height="10" fill="${e.colour}"/>`);
      else parts.push(`<line x1="${px(x)}" y1="${px(y - 4)}" x2="${px(x + 18)}" y2="${px(y - 4)}" stroke="${e.colour}" stroke-width="2.5"${e.shape === 'dashed' ? ' stroke-dasharray="6 4"' : ''}/>`);
      parts.push(`<text x="${px(x + 24)}" y="${px(y)}">${escapeText(e.label)}</text>`);
      x += legendEntryWidth(e);
    }
  });
  parts.push('</g>');
  return parts.join('');
}

function drawYAxis(scale: Scale, box: Box, format: (v: number) => string, label: string): string {
  const parts: string[] = [];
  for (const t of scale.ticks) {
    const y = scale.at(t);
    parts.push(`<line x1="${px(box.left)}" y1="${px(y)}" x2="${px(box.right)}" y2="${px(y)}" stroke="${GRID}"/>`);
    parts.push(`<text x="${px(box.left - 6)}" y="${px(y + 4)}" text-anchor="end">${escapeText(format(t))}</text>`);
  }
  const mid = (box.top + box.bottom) / 2;
  if (label !== '') parts.push(`<text x="14" y="${px(mid)}" text-anchor="middle" transform="rotate(-90 14 ${px(mid)})">${escapeText(label)}</text>`);
  return parts.join('');
}

function yTickWidth(scale: Scale, format: (v: number) => string): number {
  return Math.max(...scale.ticks.map((t) => textWidth(format(t), FONT)));
}

function finiteRange(values: Iterable<number>, positiveOnly: boolean): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

function* seriesValues(series: readonly LineSeries[]): Generator<number> {
  for (const s of series) for (const v of s.values) if (v !== null) yield v;
}

/**
 * Points of one unbroken run, in pixels. Long runs keep, per pixel column, the first, lowest,
 * highest and last point (so the drawn line looks the same with far fewer points), and
 * horizontal stretches keep only their ends.
 */
function thin(points: readonly [number, number][]): [number, number][] {
  let kept: [number, number][] = [];
  if (points.length > 600) {
    let i = 0;
    while (i < points.length) {
      const column = Math.floor(points[i][0]);
      let j = i;
      let lo = i;
      let hi = i;
      while (j + 1 < points.length && Math.floor(points[j + 1][0]) === column) {
        j++;
        if (points[j][1] < points[lo][1]) lo = j;
        if (points[j][1] > points[hi][1]) hi = j;
      }
      for (const k of [...new Set([i, lo, hi, j])].sort((a, b) => a - b)) kept.push(points[k]);
      i = j + 1;
    }
  } else {
    kept = points.slice();
  }
  const out: [number, number][] = [];
  for (let k = 0; k < kept.length; k++) {
    const flat = k > 0 && k < kept.length - 1 && px(kept[k - 1][1]) === px(kept[k][1]) && px(kept[k + 1][1]) === px(kept[k][1]);
    if (!flat) out.push(kept[k]);
  }
  return out;
}

function checkLength(field: string, length: number, expected: number): void {
  if (length !== expected) throw new InputError(field, length, `must hold one value per x (${expected} values)`);
}

/** A line chart: one line per series over a shared x, gaps where values are missing, optional dashed reference lines. */
export function lineChartSvg(o: LineChartOptions): string {
  const n = o.x.length;
  o.x.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InputError(`x[${i}]`, v, 'must be a finite number');
  });
  o.series.forEach((s, i) => checkLength(`series[${i}].values (${s.label})`, s.values.length, n));
  const width = o.width ?? 960;
  const height = o.height ?? 380;
  const log = o.yScale === 'log';
  const refs = o.references ?? [];

  const legend: LegendEntry[] = o.series.map((s, i) => ({ label: s.label, colour: s.colour ?? paletteColour(i), shape: s.dashed ? 'dashed' : 'line' }));
  for (const r of refs) legend.push({ label: r.label, colour: r.colour ?? '#555', shape: 'dashed' });

  const dataRange = finiteRange([...seriesValues(o.series), ...refs.map((r) => r.value)], log);
  const yLo = o.yMin ?? (dataRange ? (log ? dataRange[0] : Math.min(0, dataRange[0])) : log ? 1 : 0);
  const yHi = o.yMax ?? (dataRange ? dataRange[1] : log ? 10 : 1);
  const xRange = finiteRange(o.x, false) ?? [0, 1];

  // The left margin depends on the tick labels, which depend on the scale: measure with a provisional one.
  const provisional = log ? logScale(yLo, yHi, 0, 1) : linearScale(yLo, yHi, 0, 1, 6, o.integerTicks);
  const left = 34 + yTickWidth(provisional, o.formatY ?? provisional.format);
  const right = width - 20;
  const rows = legendRows(legend, right - left);
  const box: Box = { left, top: 34, right, bottom: height - 48 - rows.length * LEGEND_ROW };
  const spread = !log && o.spread && o.series.length > 1 ? o.spread : 0;
  // Lines nudged apart must stay inside the frame: keep a few pixels between the outer ticks and the frame.
  const inset = spread > 0 ? 8 : 0;
  const ys = log ? logScale(yLo, yHi, box.bottom, box.top) : linearScale(yLo, yHi, box.bottom - inset, box.top + inset, 6, o.integerTicks);
  const xs = linearScale(xRange[0], xRange[1], box.left, box.right, 10);
  const formatX = o.formatX ?? xs.format;
  const formatY = o.formatY ?? ys.format;

  const parts: string[] = [svgOpen(width, height, o.title)];
  parts.push(drawYAxis(ys, box, formatY, o.yLabel));
  for (const t of xs.ticks) {
    const x = xs.at(t);
    parts.push(`<line x1="${px(x)}" y1="${px(box.top)}" x2="${px(x)}" y2="${px(box.bottom)}" stroke="${GRID}"/>`);
    parts.push(`<text x="${px(x)}" y="${px(box.bottom + 16)}" text-anchor="middle">${escapeText(formatX(t))}</text>`);
  }
  parts.push(`<text x="${px((box.left + box.right) / 2)}" y="${px(box.bottom + 34)}" text-anchor="middle">${escapeText(o.xLabel)}</text>`);

  refs.forEach((r, i) => {
    const y = ys.at(r.value);
    if (!Number.isFinite(y)) return;
    parts.push(
      `<line class="reference" x1="${px(box.left)}" y1="${px(y)}" x2="${px(box.right)}" y2="${px(y)}" stroke="${legend[o.series.length + i].colour}" stroke-width="1.5" stroke-dasharray="6 4"><title>${escapeText(r.label)}</title></line>`,
    );
  });

  o.series.forEach((s, i) => {
    const offset = spread ? (i / (o.series.length - 1) - 0.5) * spread : 0;
    const runs: [number, number][][] = [];
    let run: [number, number][] = [];
    for (let k = 0; k < n; k++) {
      const v = s.values[k];
      const y = v === null || !Number.isFinite(v) ? Number.NaN : ys.at(v + offset);
      if (!Number.isFinite(y)) {
        if (run.length > 0) runs.push(run);
        run = [];
        continue;
      }
      const x = xs.at(o.x[k]);
      if (s.step && run.length > 0) run.push([x, run[run.length - 1][1]]);
      run.push([x, y]);
    }
    if (run.length > 0) runs.push(run);
    const d = runs
      .map((r) => {
        const pts = thin(r);
        // A lone sample would draw nothing; give it a short tick so it shows.
        if (pts.length === 1) return `M${px(pts[0][0] - 1.5)} ${px(pts[0][1])}h3`;
        return pts.map((p, j) => `${j === 0 ? 'M' : 'L'}${px(p[0])} ${px(p[1])}`).join('');
      })
      .join('');
    if (d === '') return;
    const colour = legend[i].colour;
    parts.push(
      `<path class="series" d="${d}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="6 4"' : ''}><title>${escapeText(s.label)}</title></path>`,
    );
  });

  parts.push(`<rect x="${px(box.left)}" y="${px(box.top)}" width="${px(box.right - box.left)}" height="${px(box.bottom - box.top)}" fill="none" stroke="${AXIS}"/>`);
  parts.push(drawLegend(rows, box.left, box.bottom + 56));
  parts.push('</svg>');
  return parts.join('');
}

/** Grouped bars: one group per label, one bar per series in each group, a zero line, values optional above the bars. */
export function groupedBarChartSvg(o: BarChartOptions): string {
  o.groups.forEach((g, i) => {
    if (g.values.length !== o.series.length) throw new InputError(`groups[${i}].values (${g.label})`, g.values.length, `must hold one value per series (${o.series.length})`);
  });
  const width = o.width ?? 480;
  const height = o.height ?? 300;
  const formatValue = o.formatY ?? formatSignificant;
  const colours = o.series.map((s, i) => s.colour ?? paletteColour(i));
  const legend: LegendEntry[] = o.series.map((s, i) => ({ label: s.label, colour: colours[i], shape: 'block' }));

  const range = finiteRange(
    o.groups.flatMap((g) => g.values.filter((v): v is number => v !== null)),
    false,
  );
  const lo = Math.min(0, range ? range[0] : 0);
  const hi = Math.max(0, range ? range[1] : 1);
  const provisional = linearScale(lo, hi === lo ? lo + 1 : hi, 0, 1, 5);
  const left = 34 + yTickWidth(provisional, o.formatY ?? provisional.format);
  const right = width - 12;
  const rows = legendRows(legend, right - left);
  const box: Box = { left, top: o.valueLabels ? 44 : 34, right, bottom: height - 30 - rows.length * LEGEND_ROW };
  const ys = linearScale(lo, hi === lo ? lo + 1 : hi, box.bottom, box.top, 5);
  const formatY = o.formatY ?? ys.format;

  const parts: string[] = [svgOpen(width, height, o.title)];
  parts.push(drawYAxis(ys, box, formatY, o.yLabel));
  const groupWidth = (box.right - box.left) / Math.max(1, o.groups.length);
  const mostBars = Math.max(1, ...o.groups.map((g) => g.values.filter((v) => v !== null).length));
  const barWidth = Math.min(48, (groupWidth * 0.8) / mostBars);
  const zero = ys.at(0);
  o.groups.forEach((g, gi) => {
    const centre = box.left + groupWidth * (gi + 0.5);
    const present = g.values.map((v, si) => ({ v, si })).filter((b): b is { v: number; si: number } => b.v !== null && Number.isFinite(b.v));
    present.forEach((b, k) => {
      const x = centre + (k - present.length / 2) * barWidth;
      const y = ys.at(b.v);
      const top = Math.min(y, zero);
      const h = Math.max(Math.abs(zero - y), 0.5);
      parts.push(
        `<rect class="bar" x="${px(x + 1)}" y="${px(top)}" width="${px(barWidth - 2)}" height="${px(h)}" fill="${colours[b.si]}"><title>${escapeText(`${g.label}, ${o.series[b.si].label}: ${formatValue(b.v)}`)}</title></rect>`,
      );
      if (o.valueLabels) {
        const ly = b.v >= 0 ? top - 4 : top + h + 12;
        parts.push(`<text x="${px(x + barWidth / 2)}" y="${px(ly)}" text-anchor="middle" font-size="10">${escapeText(formatValue(b.v))}</text>`);
      }
    });
    parts.push(`<text x="${px(centre)}" y="${px(box.bottom + 16)}" text-anchor="middle">${escapeText(g.label)}</text>`);
  });
  parts.push(`<line x1="${px(box.left)}" y1="${px(zero)}" x2="${px(box.right)}" y2="${px(zero)}" stroke="${AXIS}"/>`);
  parts.push(`<rect x="${px(box.left)}" y="${px(box.top)}" width="${px(box.right - box.left)}" height="${px(box.bottom - box.top)}" fill="none" stroke="${AXIS}"/>`);
  parts.push(drawLegend(rows, box.left, box.bottom + 36));
  parts.push('</svg>');
  return parts.join('');
}
