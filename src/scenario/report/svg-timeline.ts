import { InputError } from '../../math/errors.ts';
import { escapeText } from './escape.ts';
import { formatSignificant } from './format.ts';
import { linearScale, px, textWidth } from './svg-axes.ts';

/**
 * A timeline: one horizontal lane per row, coloured by state over intervals of x (for the
 * report, a threat's flight coloured where a confirmed track holds it). Inline SVG text.
 */
export interface TimelineState {
  key: string;
  label: string;
  colour: string;
}

export interface TimelineRun {
  start: number;
  end: number;
  /** One of the states' keys. */
  state: string;
}

export interface TimelineRow {
  label: string;
  runs: readonly TimelineRun[];
  /** Short text at the lane's right end, e.g. "82 % held". */
  note?: string;
}

export interface TimelineOptions {
  title: string;
  xLabel: string;
  xMin: number;
  xMax: number;
  states: readonly TimelineState[];
  rows: readonly TimelineRow[];
  formatX?: (value: number) => string;
  width?: number;
}

const FONT = 12;
const LANE = 22;
const BAR = 14;

export function timelineSvg(o: TimelineOptions): string {
  const colours = new Map(o.states.map((s) => [s.key, s.colour]));
  o.rows.forEach((row, i) =>
    row.runs.forEach((run, j) => {
      if (!colours.has(run.state)) throw new InputError(`rows[${i}].runs[${j}].state`, run.state, `must be one of ${o.states.map((s) => s.key).join(', ')}`);
    }),
  );
  const width = o.width ?? 960;
  const labelWidth = Math.max(40, ...o.rows.map((r) => textWidth(r.label, FONT)));
  const noteWidth = Math.max(0, ...o.rows.map((r) => (r.note ? textWidth(r.note, FONT) : 0)));
  const left = 16 + labelWidth + 10;
  const right = width - 16 - (noteWidth > 0 ? noteWidth + 10 : 0);
  const top = 36;
  const bottom = top + o.rows.length * LANE + 6;
  const height = bottom + 44 + 20;
  const xs = linearScale(o.xMin, o.xMax, left, right, 10);
  const formatX = o.formatX ?? xs.format;
  const tooltipX = o.formatX ?? formatSignificant;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeText(o.title)}" font-family="sans-serif" font-size="${FONT}">`,
    `<title>${escapeText(o.title)}</title><rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${px(width / 2)}" y="20" font-size="14" font-weight="bold" text-anchor="middle">${escapeText(o.title)}</text>`,
  ];
  for (const t of xs.ticks) {
    const x = xs.at(t);
    parts.push(`<line x1="${px(x)}" y1="${top}" x2="${px(x)}" y2="${bottom}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${px(x)}" y="${bottom + 16}" text-anchor="middle">${escapeText(formatX(t))}</text>`);
  }
  parts.push(`<text x="${px((left + right) / 2)}" y="${bottom + 34}" text-anchor="middle">${escapeText(o.xLabel)}</text>`);
  o.rows.forEach((row, i) => {
    const y = top + i * LANE + (LANE - BAR) / 2 + 3;
    parts.push(`<text x="${px(left - 8)}" y="${px(y + BAR - 3)}" text-anchor="end">${escapeText(row.label)}</text>`);
    parts.push(`<rect x="${px(left)}" y="${px(y)}" width="${px(right - left)}" height="${BAR}" fill="#f7f7f7" stroke="#ddd"/>`);
    for (const run of row.runs) {
      const x0 = xs.at(Math.max(run.start, xs.min));
      const x1 = xs.at(Math.min(run.end, xs.max));
      if (!(x1 > x0)) continue;
      const state = o.states.find((s) => s.key === run.state);
      parts.push(
        `<rect class="run ${escapeText(run.state)}" x="${px(x0)}" y="${px(y)}" width="${px(Math.max(x1 - x0, 0.8))}" height="${BAR}" fill="${colours.get(run.state)}"><title>${escapeText(`${row.label}: ${state?.label ?? run.state}, ${tooltipX(run.start)} to ${tooltipX(run.end)}`)}</title></rect>`,
      );
    }
    if (row.note) parts.push(`<text x="${px(right + 8)}" y="${px(y + BAR - 3)}">${escapeText(row.note)}</text>`);
  });
  let lx = left;
  const ly = bottom + 56;
  for (const s of o.states) {
    parts.push(`<rect x="${px(lx)}" y="${px(ly - 9)}" width="18" height="10" fill="${s.colour}"/>`);
    parts.push(`<text x="${px(lx + 24)}" y="${px(ly)}">${escapeText(s.label)}</text>`);
    lx += 24 + textWidth(s.label, FONT) + 18;
  }
  parts.push('</svg>');
  return parts.join('');
}
