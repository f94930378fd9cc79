import { InputError } from '../math/errors.ts';
import { type MapBox, type Ring, coastlinePolylines } from './coastlines.ts';
import { colourAt, colourHex } from './colour.ts';
import type { CoverageGrid } from './grid.ts';

/**
 * Coverage maps: one value per grid point drawn as its cell on an equirectangular
 * (plate carree) map with coastlines, a latitude/longitude graticule and a colour bar. SVG is built here
 * (text, runs anywhere); the raster is an RGBA array the CLI writes as PNG.
 */
export interface MapOptions {
  title: string;
  /** Unit shown after the legend's numbers, e.g. "%" or "min". */
  unit: string;
  /** Colour scale limits; default the values' range. */
  min?: number;
  max?: number;
  /** Map extent in degrees; default the whole Earth for a global grid, the points' extent otherwise. */
  bounds?: MapBox;
  /** Width of the map area in pixels (default 1080); the height follows the extent. */
  width?: number;
  /** Land outlines to draw over the cells (`loadLandOutlines()`); none when absent. */
  coastlines?: readonly Ring[];
}

interface Layout {
  south: number;
  north: number;
  west: number;
  east: number;
  /** The extent as given or found (south..east above are its numbers). */
  box: MapBox;
  width: number;
  height: number;
  min: number;
  max: number;
}

function layout(grid: CoverageGrid, values: ArrayLike<number>, options: MapOptions): Layout {
  if (values.length !== grid.count) throw new InputError('values', values.length, `must hold one value per grid point (${grid.count})`);
  let min = options.min ?? Number.POSITIVE_INFINITY;
  let max = options.max ?? Number.NEGATIVE_INFINITY;
  if (options.min === undefined || options.max === undefined) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isNaN(v)) continue;
      if (options.min === undefined && v < min) min = v;
      if (options.max === undefined && v > max) max = v;
    }
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    min = 0;
    max = 1;
  }
  if (max <= min) max = min + 1;
  let b = options.bounds;
  if (!b) {
    let s = 90;
    let n = -90;
    let w = 180;
    let e = -180;
    for (let i = 0; i < grid.count; i++) {
      s = Math.min(s, grid.latDeg[i] - grid.cellHeightDeg / 2);
      n = Math.max(n, grid.latDeg[i] + grid.cellHeightDeg / 2);
      w = Math.min(w, grid.lonDeg[i] - grid.cellWidthDeg[i] / 2);
      e = Math.max(e, grid.lonDeg[i] + grid.cellWidthDeg[i] / 2);
    }
    const global = n - s > 170 && e - w > 350;
    b = global ? { southDeg: -90, northDeg: 90, westDeg: -180, eastDeg: 180 } : { southDeg: Math.max(-90, s), northDeg: Math.min(90, n), westDeg: w, eastDeg: e };
  }
  const width = Math.round(options.width ?? 1080);
  if (!(width >= 100 && width <= 20000)) throw new InputError('mapWidth', width, 'must be 100-20000 pixels');
  const height = Math.max(50, Math.round((width * (b.northDeg - b.southDeg)) / (b.eastDeg - b.westDeg)));
  return { south: b.southDeg, north: b.northDeg, west: b.westDeg, east: b.eastDeg, box: b, width, height, min, max };
}

const MARGIN = 40;
/** The four pixels beside one (dx, dy pairs): a coastline's halo. */
const NEIGHBOURS = [1, 0, -1, 0, 0, 1, 0, -1] as const;
const LEGEND = 70;

function graticuleStep(spanDeg: number): number {
  for (const s of [1, 2, 5, 10, 15, 30]) if (spanDeg / s <= 12) return s;
  return 30;
}

function formatTick(v: number): string {
  const a = Math.abs(v);
  return a >= 100 || Number.isInteger(v) ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** The map as an SVG document. Cells of equal colour next to each other in a row are merged to keep the file small. */
export function coverageMapSvg(grid: CoverageGrid, values: ArrayLike<number>, options: MapOptions): string {
  const L = layout(grid, values, options);
  const sx = L.width / (L.east - L.west);
  const sy = L.height / (L.north - L.south);
  const X = (lon: number) => MARGIN + (lon - L.west) * sx;
  const Y = (lat: number) => MARGIN + (L.north - lat) * sy;
  const levels = 64;
  const level = (v: number) => (Number.isNaN(v) ? -1 : Math.round(((v - L.min) / (L.max - L.min)) * (levels - 1)));
  const parts: string[] = [];
  const W = L.width + 2 * MARGIN;
  const H = L.height + 2 * MARGIN + LEGEND;
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${MARGIN}" y="${MARGIN - 14}" font-size="15">${escapeXml(options.title)}</text>`);
  parts.push(`<g shape-rendering="crispEdges">`);
  // Runs of consecutive points in one latitude row with the same colour level.
  let i = 0;
  while (i < grid.count) {
    const lat = grid.latDeg[i];
    const lv = level(values[i]);
    let j = i + 1;
    while (j < grid.count && grid.latDeg[j] === lat && level(values[j]) === lv && Math.abs(grid.lonDeg[j] - grid.cellWidthDeg[j] / 2 - (grid.lonDeg[j - 1] + grid.cellWidthDeg[j - 1] / 2)) < 1e-9) j++;
    const west = grid.lonDeg[i] - grid.cellWidthDeg[i] / 2;
    const east = grid.lonDeg[j - 1] + grid.cellWidthDeg[j - 1] / 2;
    const north = lat + grid.cellHeightDeg / 2;
    const south = lat - grid.cellHeightDeg / 2;
    const fill = lv < 0 ? '#a0a0a0' : colourHex(lv / (levels - 1));
    parts.push(`<rect x="${X(west).toFixed(2)}" y="${Y(north).toFixed(2)}" width="${((east - west) * sx).toFixed(2)}" height="${((north - south) * sy).toFixed(2)}" fill="${fill}"/>`);
    i = j;
  }
  parts.push(`</g>`);
  const step = graticuleStep(Math.max(L.east - L.west, L.north - L.south));
  parts.push(`<g stroke="white" stroke-opacity="0.55" stroke-width="0.8" fill="none">`);
  for (let lon = Math.ceil(L.west / step) * step; lon <= L.east + 1e-9; lon += step) {
    parts.push(`<line x1="${X(lon).toFixed(1)}" y1="${Y(L.north).toFixed(1)}" x2="${X(lon).toFixed(1)}" y2="${Y(L.south).toFixed(1)}"/>`);
  }
  for (let lat = Math.ceil(L.south / step) * step; lat <= L.north + 1e-9; lat += step) {
    parts.push(`<line x1="${X(L.west).toFixed(1)}" y1="${Y(lat).toFixed(1)}" x2="${X(L.east).toFixed(1)}" y2="${Y(lat).toFixed(1)}"/>`);
  }
  parts.push(`</g>`);
  if (options.coastlines) {
    const d = coastlinePath(coastlinePolylines(options.coastlines, L.box, (lon) => (lon - L.west) * sx, (lat) => (L.north - lat) * sy, 3));
    if (d.length > 0) {
      // Drawn twice, a light halo under a dark line, so that it shows on every colour of the
      // scale; the second copy is a reference. Clipped to the map frame. The ids are fixed, as
      // the gradient's: a page holding several maps prefixes them (src/scenario/report/inline-svg.ts).
      parts.push(`<defs><clipPath id="frame"><rect x="${MARGIN}" y="${MARGIN}" width="${L.width}" height="${L.height}"/></clipPath><path id="coast" d="${d}"/></defs>`);
      parts.push(`<g clip-path="url(#frame)" transform="translate(${MARGIN} ${MARGIN})" fill="none" stroke-linejoin="round"><use href="#coast" stroke="white" stroke-opacity="0.5" stroke-width="2.4"/><use href="#coast" stroke="#111" stroke-opacity="0.85" stroke-width="0.9"/></g>`);
    }
  }
  parts.push(`<rect x="${MARGIN}" y="${MARGIN}" width="${L.width}" height="${L.height}" fill="none" stroke="black"/>`);
  parts.push(`<g fill="black">`);
  for (let lon = Math.ceil(L.west / step) * step; lon <= L.east + 1e-9; lon += step) {
    parts.push(`<text x="${X(lon).toFixed(1)}" y="${MARGIN + L.height + 14}" text-anchor="middle">${formatTick(lon)}°</text>`);
  }
  for (let lat = Math.ceil(L.south / step) * step; lat <= L.north + 1e-9; lat += step) {
    parts.push(`<text x="${MARGIN - 4}" y="${(Y(lat) + 4).toFixed(1)}" text-anchor="end">${formatTick(lat)}°</text>`);
  }
  parts.push(`</g>`);
  // Colour bar.
  const barY = MARGIN + L.height + 30;
  const barW = Math.min(L.width, 600);
  const stops = 10;
  parts.push(`<defs><linearGradient id="scale">`);
  for (let s = 0; s <= stops; s++) parts.push(`<stop offset="${s / stops}" stop-color="${colourHex(s / stops)}"/>`);
  parts.push(`</linearGradient></defs>`);
  parts.push(`<rect x="${MARGIN}" y="${barY}" width="${barW}" height="14" fill="url(#scale)" stroke="black" stroke-width="0.5"/>`);
  for (let s = 0; s <= 4; s++) {
    const v = L.min + ((L.max - L.min) * s) / 4;
    parts.push(`<text x="${MARGIN + (barW * s) / 4}" y="${barY + 28}" text-anchor="middle">${formatTick(v)}${escapeXml(options.unit)}</text>`);
  }
  parts.push(`<text x="${MARGIN + barW + 12}" y="${barY + 11}" fill="#555">grey: undefined</text>`);
  parts.push(`</svg>`);
  return parts.join('\n');
}

/** SVG path data for polylines in pixels: whole pixels, each point relative to the one before (a third of the text of absolute decimals). */
function coastlinePath(lines: readonly number[][]): string {
  const out: string[] = [];
  for (const line of lines) {
    let x = Math.round(line[0]);
    let y = Math.round(line[1]);
    const steps: string[] = [];
    for (let k = 2; k < line.length; k += 2) {
      const nx = Math.round(line[k]);
      const ny = Math.round(line[k + 1]);
      if (nx === x && ny === y) continue;
      steps.push(`${nx - x} ${ny - y}`);
      x = nx;
      y = ny;
    }
    if (steps.length > 0) out.push(`M${Math.round(line[0])} ${Math.round(line[1])}l${steps.join(' ')}`);
  }
  return out.join('');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An RGBA raster, row-major from the top-left. */
export interface Raster {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/** The same map as a raster (for PNG): cells, graticule, frame, colour bar with numeric ticks in a small pixel font. */
export function coverageMapRaster(grid: CoverageGrid, values: ArrayLike<number>, options: MapOptions): Raster {
  const L = layout(grid, values, options);
  const W = L.width + 2 * MARGIN;
  const H = L.height + 2 * MARGIN + LEGEND;
  const rgba = new Uint8ClampedArray(W * H * 4).fill(255);
  const put = (x: number, y: number, r: number, g: number, b: number, alpha = 1) => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const o = (y * W + x) * 4;
    rgba[o] = Math.round(rgba[o] * (1 - alpha) + r * alpha);
    rgba[o + 1] = Math.round(rgba[o + 1] * (1 - alpha) + g * alpha);
    rgba[o + 2] = Math.round(rgba[o + 2] * (1 - alpha) + b * alpha);
    rgba[o + 3] = 255;
  };
  const sx = L.width / (L.east - L.west);
  const sy = L.height / (L.north - L.south);
  const c = [0, 0, 0];
  for (let i = 0; i < grid.count; i++) {
    const v = values[i];
    colourAt(Number.isNaN(v) ? Number.NaN : (v - L.min) / (L.max - L.min), c);
    const x0 = Math.round(MARGIN + (grid.lonDeg[i] - grid.cellWidthDeg[i] / 2 - L.west) * sx);
    const x1 = Math.round(MARGIN + (grid.lonDeg[i] + grid.cellWidthDeg[i] / 2 - L.west) * sx);
    const y0 = Math.round(MARGIN + (L.north - grid.latDeg[i] - grid.cellHeightDeg / 2) * sy);
    const y1 = Math.round(MARGIN + (L.north - grid.latDeg[i] + grid.cellHeightDeg / 2) * sy);
    for (let y = Math.max(MARGIN, y0); y < Math.min(MARGIN + L.height, y1); y++) {
      for (let x = Math.max(MARGIN, x0); x < Math.min(MARGIN + L.width, x1); x++) put(x, y, c[0], c[1], c[2]);
    }
  }
  const step = graticuleStep(Math.max(L.east - L.west, L.north - L.south));
  for (let lon = Math.ceil(L.west / step) * step; lon <= L.east + 1e-9; lon += step) {
    const x = Math.round(MARGIN + (lon - L.west) * sx);
    for (let y = MARGIN; y < MARGIN + L.height; y++) put(x, y, 255, 255, 255, 0.55);
    drawText(put, formatTick(lon), x, MARGIN + L.height + 6, 'centre');
  }
  for (let lat = Math.ceil(L.south / step) * step; lat <= L.north + 1e-9; lat += step) {
    const y = Math.round(MARGIN + (L.north - lat) * sy);
    for (let x = MARGIN; x < MARGIN + L.width; x++) put(x, y, 255, 255, 255, 0.55);
    drawText(put, formatTick(lat), MARGIN - 4, y - 5, 'right');
  }
  if (options.coastlines) {
    const inMap = (x: number, y: number) => x >= MARGIN && x < MARGIN + L.width && y >= MARGIN && y < MARGIN + L.height;
    const pixels: number[] = [];
    for (const line of coastlinePolylines(options.coastlines, L.box, (lon) => MARGIN + (lon - L.west) * sx, (lat) => MARGIN + (L.north - lat) * sy)) {
      for (let k = 2; k < line.length; k += 2) {
        const x0 = line[k - 2];
        const y0 = line[k - 1];
        const steps = Math.max(1, Math.ceil(Math.max(Math.abs(line[k] - x0), Math.abs(line[k + 1] - y0))));
        for (let q = 0; q <= steps; q++) pixels.push(Math.round(x0 + ((line[k] - x0) * q) / steps), Math.round(y0 + ((line[k + 1] - y0) * q) / steps));
      }
    }
    // A light halo first, then the dark line: it shows on every colour of the scale.
    const halo = new Uint8Array(W * H);
    for (let p = 0; p < pixels.length; p += 2) {
      for (let n = 0; n < 4; n++) {
        const x = pixels[p] + NEIGHBOURS[2 * n];
        const y = pixels[p + 1] + NEIGHBOURS[2 * n + 1];
        if (inMap(x, y) && !halo[y * W + x]) {
          halo[y * W + x] = 1;
          put(x, y, 255, 255, 255, 0.45);
        }
      }
    }
    for (let p = 0; p < pixels.length; p += 2) if (inMap(pixels[p], pixels[p + 1])) put(pixels[p], pixels[p + 1], 17, 17, 17, 0.85);
  }
  for (let x = MARGIN - 1; x <= MARGIN + L.width; x++) {
    put(x, MARGIN - 1, 0, 0, 0);
    put(x, MARGIN + L.height, 0, 0, 0);
  }
  for (let y = MARGIN - 1; y <= MARGIN + L.height; y++) {
    put(MARGIN - 1, y, 0, 0, 0);
    put(MARGIN + L.width, y, 0, 0, 0);
  }
  const barY = MARGIN + L.height + 30;
  const barW = Math.min(L.width, 600);
  for (let x = 0; x < barW; x++) {
    colourAt(x / (barW - 1), c);
    for (let y = 0; y < 14; y++) put(MARGIN + x, barY + y, c[0], c[1], c[2]);
  }
  for (let s = 0; s <= 4; s++) {
    const v = L.min + ((L.max - L.min) * s) / 4;
    const x = Math.round(MARGIN + (barW * s) / 4);
    for (let y = barY + 14; y < barY + 18; y++) put(Math.min(x, MARGIN + barW - 1), y, 0, 0, 0);
    drawText(put, `${formatTick(v)}${options.unit}`, x, barY + 20, 'centre');
  }
  return { width: W, height: H, rgba };
}

/** A 3x5 pixel font (scaled x2) for the characters of tick labels. Rows top to bottom, 3 bits each. */
const FONT: Readonly<Record<string, readonly number[]>> = {
  '0': [7, 5, 5, 5, 7], '1': [2, 6, 2, 2, 7], '2': [7, 1, 7, 4, 7], '3': [7, 1, 7, 1, 7], '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7], '6': [7, 4, 7, 5, 7], '7': [7, 1, 1, 1, 1], '8': [7, 5, 7, 5, 7], '9': [7, 5, 7, 1, 7],
  '.': [0, 0, 0, 0, 2], '-': [0, 0, 7, 0, 0], '%': [5, 1, 2, 4, 5], ' ': [0, 0, 0, 0, 0],
  h: [4, 4, 7, 5, 5], m: [0, 0, 7, 7, 5], i: [2, 0, 2, 2, 2], n: [0, 0, 6, 5, 5], s: [0, 3, 6, 1, 6], d: [1, 1, 7, 5, 7],
  a: [0, 6, 1, 7, 7], y: [5, 5, 7, 1, 6], '/': [1, 1, 2, 4, 4], x: [0, 5, 2, 2, 5],
};

function drawText(put: (x: number, y: number, r: number, g: number, b: number) => void, text: string, x: number, y: number, align: 'centre' | 'right'): void {
  const scale = 2;
  const advance = 4 * scale;
  const width = text.length * advance - scale;
  let x0 = align === 'centre' ? Math.round(x - width / 2) : x - width;
  for (const ch of text) {
    const glyph = FONT[ch] ?? FONT[' '];
    for (let row = 0; row < 5; row++) {
      for (let col = 0; col < 3; col++) {
        if (glyph[row] & (4 >> col)) {
          for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) put(x0 + col * scale + dx, y + row * scale + dy, 0, 0, 0);
        }
      }
    }
    x0 += advance;
  }
}
