import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../../src/formats/xml.ts';
import { InputError } from '../../src/math/errors.ts';
import { formatDistance, formatDuration, formatNumber, formatSignificant } from '../../src/scenario/report/format.ts';
import { groupedBarChartSvg, lineChartSvg } from '../../src/scenario/report/svg-chart.ts';
import { linearScale, logScale, niceStep } from '../../src/scenario/report/svg-axes.ts';
import { timelineSvg } from '../../src/scenario/report/svg-timeline.ts';
import { expectWithin } from '../helpers/miss.ts';

// A chart is right when a reader who reads a mark off the printed axis gets the data back.
// These helpers do what that reader does: take the tick labels and their positions, and
// interpolate between them.

function walk(e: XmlElement, out: XmlElement[] = []): XmlElement[] {
  out.push(e);
  for (const c of e.children) walk(c, out);
  return out;
}

const number = (text: string) => Number(text.replace(/\u2009/g, ''));

interface Axis {
  /** [pixel, value] for each tick label. */
  ticks: [number, number][];
}

function yAxis(svg: XmlElement): Axis {
  const ticks = walk(svg)
    .filter((e) => e.name === 'text' && e.attributes['text-anchor'] === 'end' && Number.isFinite(number(e.text)))
    .map((e): [number, number] => [Number(e.attributes.y) - 4, number(e.text)]);
  return { ticks };
}

function xAxis(svg: XmlElement): Axis {
  const ticks = walk(svg)
    .filter((e) => e.name === 'text' && e.attributes['text-anchor'] === 'middle' && e.text.trim() !== '' && Number.isFinite(number(e.text)))
    .map((e): [number, number] => [Number(e.attributes.x), number(e.text)]);
  return { ticks };
}

/** The value at a pixel, by linear interpolation between the first and last tick (or their logarithms). */
function read(axis: Axis, pixel: number, log = false): number {
  const [p0, v0] = axis.ticks[0];
  const [p1, v1] = axis.ticks[axis.ticks.length - 1];
  const f = (pixel - p0) / (p1 - p0);
  return log ? 10 ** (Math.log10(v0) + f * (Math.log10(v1) - Math.log10(v0))) : v0 + f * (v1 - v0);
}

/** Per-unit size of one pixel on an axis, for tolerances. */
function unitsPerPixel(axis: Axis): number {
  const [p0, v0] = axis.ticks[0];
  const [p1, v1] = axis.ticks[axis.ticks.length - 1];
  return Math.abs((v1 - v0) / (p1 - p0));
}

function pathRuns(d: string): [number, number][][] {
  const runs: [number, number][][] = [];
  // A lone sample is drawn as a 3-pixel tick centred on it: "M x-1.5 y h3".
  for (const m of d.matchAll(/([ML])(-?[\d.]+) (-?[\d.]+)(h3)?/g)) {
    if (m[1] === 'M') runs.push([]);
    runs[runs.length - 1].push([Number(m[2]) + (m[4] ? 1.5 : 0), Number(m[3])]);
  }
  return runs;
}

function seriesPaths(svg: XmlElement): XmlElement[] {
  return walk(svg).filter((e) => e.name === 'path' && e.attributes.class === 'series');
}

describe('axes', () => {
  it('steps are 1, 2 or 5 times a power of ten, the smallest at least the rough step', () => {
    expect(niceStep(0.23)).toBe(0.5);
    expect(niceStep(16.2)).toBe(20);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.0031)).toBe(0.005);
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (rough) => {
        const s = niceStep(rough);
        const mantissa = s / 10 ** Math.floor(Math.log10(s) + 1e-12);
        expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(rough * (1 - 1e-12));
        expect(s).toBeLessThan(rough * 2.5 + 1e-12);
      }),
    );
  });

  it('a linear scale covers the data with whole ticks and maps them linearly', () => {
    const s = linearScale(0, 97, 100, 0);
    expect(s.ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expectWithin(s.at(50), 50, 1e-9, 'px', 'pixel of 50 on [0, 100] -> [100, 0]');
    const neg = linearScale(-0.37, 0.81, 0, 1000);
    expect(neg.ticks[0]).toBeLessThanOrEqual(-0.37);
    expect(neg.ticks[neg.ticks.length - 1]).toBeGreaterThanOrEqual(0.81);
    expect(neg.ticks).toContain(0);
    expect(neg.ticks.map(String).every((t) => t.length <= 5)).toBe(true); // no 0.30000000000000004
  });

  it('a log scale spans whole decades, with 2 and 5 between when there are few', () => {
    const s = logScale(30, 4000, 300, 0);
    expect(s.ticks).toEqual([10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]);
    expectWithin(s.at(100), 200, 1e-9, 'px', 'pixel of 100 on 10..10000 -> 300..0');
    expect(Number.isNaN(s.at(0))).toBe(true);
    expect(logScale(1e-2, 1e7, 0, 1).ticks.length).toBe(10);
  });
});

describe('line chart', () => {
  it('draws each value where the axis says it is, breaking the line at gaps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.double({ min: 0.5, max: 5000, noNaN: true }),
        fc.array(fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { nil: null, freq: 5 }), { minLength: 2, maxLength: 60 }),
        (n0, dx, raw) => {
          const n = Math.min(n0, raw.length);
          const x = Array.from({ length: n }, (_, k) => 1000 + k * dx);
          const values = raw.slice(0, n);
          const svg = parseXml(lineChartSvg({ title: 't', xLabel: 'time', yLabel: 'value', x, series: [{ label: 'a', values }] }));
          const xa = xAxis(svg);
          const ya = yAxis(svg);
          const paths = seriesPaths(svg);
          const expectedRuns = values.reduce<number>((runs, v, k) => runs + (v !== null && (k === 0 || values[k - 1] === null) ? 1 : 0), 0);
          if (expectedRuns === 0) {
            expect(paths).toHaveLength(0);
            return;
          }
          const runs = pathRuns(paths[0].attributes.d);
          expect(runs.length).toBe(expectedRuns);
          for (const run of runs) {
            for (const [px, py] of run) {
              const k = Math.round((read(xa, px) - 1000) / dx);
              expect(Math.abs(read(xa, px) - x[k]), 'x read off the axis').toBeLessThanOrEqual(unitsPerPixel(xa) * 0.2);
              const v = values[k];
              if (v === null) throw new Error(`path point at a gap (sample ${k})`);
              expect(Math.abs(read(ya, py) - v), `value of sample ${k}`).toBeLessThanOrEqual(unitsPerPixel(ya) * 0.2);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads back on a log axis, and leaves values <= 0 out', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const values = [12, 340, 0, 5600, -3, 80000];
    const svg = parseXml(lineChartSvg({ title: 'err', xLabel: 't', yLabel: 'm', x, series: [{ label: 'e', values }], yScale: 'log' }));
    const ya = yAxis(svg);
    expect(ya.ticks.map((t) => t[1])).toEqual([10, 100, 1000, 10000, 100000]);
    const runs = pathRuns(seriesPaths(svg)[0].attributes.d);
    expect(runs.length).toBe(3); // [12, 340], [5600] as a tick, [80000] as a tick
    const [first] = runs;
    expectWithin(read(ya, first[0][1], true), 12, 12 * 0.01, 'm', 'first value');
    expectWithin(read(ya, first[1][1], true), 340, 340 * 0.01, 'm', 'second value');
  });

  it('keeps the shape of a long series with few points: each pixel column keeps its extremes', () => {
    const n = 20000;
    const x = Array.from({ length: n }, (_, k) => k);
    const values = x.map((k) => Math.sin(k / 300) * 100 + (k === 12345 ? 400 : 0));
    const text = lineChartSvg({ title: 'long', xLabel: 't', yLabel: 'v', x, series: [{ label: 's', values }] });
    const svg = parseXml(text);
    const ya = yAxis(svg);
    const points = pathRuns(seriesPaths(svg)[0].attributes.d)[0];
    expect(points.length).toBeLessThan(4 * 960);
    // The one-sample spike survives.
    const top = Math.min(...points.map((p) => p[1]));
    expectWithin(read(ya, top), 100 * Math.sin(12345 / 300) + 400, unitsPerPixel(ya) * 0.2, 'units', 'spike');
  });

  it('draws reference lines at their value, dashed and in the legend', () => {
    const svg = parseXml(lineChartSvg({ title: 'n', xLabel: 't', yLabel: 'n', x: [0, 1, 2], series: [{ label: 'a', values: [0, 3, 5] }], integerTicks: true, references: [{ value: 2, label: 'stereo' }] }));
    const ref = walk(svg).find((e) => e.name === 'line' && e.attributes.class === 'reference');
    expect(ref?.attributes['stroke-dasharray']).toBeDefined();
    expectWithin(read(yAxis(svg), Number(ref?.attributes.y1)), 2, 0.01, 'satellites', 'reference line');
    expect(walk(svg).some((e) => e.name === 'text' && e.text === 'stereo')).toBe(true);
  });

  it('rejects a series that does not match its x, naming it', () => {
    const bad = () => lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', x: [0, 1, 2], series: [{ label: 'BM-1', values: [1, 2] }] });
    expect(bad).toThrow(InputError);
    expect(bad).toThrow('series[0].values (BM-1): must hold one value per x (3 values), got 2');
    expect(() => lineChartSvg({ title: 't', xLabel: 'x', yLabel: 'y', x: [0, Number.NaN], series: [] })).toThrow('x[1]: must be a finite number, got NaN');
  });
});

describe('grouped bar chart', () => {
  it('bars reach the value the axis gives them, from a zero line, negative ones downward', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.option(fc.double({ min: -500, max: 500, noNaN: true }), { nil: null }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const groups = rows.map((values, i) => ({ label: `g${i}`, values }));
        const svg = parseXml(groupedBarChartSvg({ title: 'bars', yLabel: 'v', series: [{ label: 'a' }, { label: 'b' }, { label: 'c' }], groups }));
        const ya = yAxis(svg);
        const bars = walk(svg).filter((e) => e.name === 'rect' && e.attributes.class === 'bar');
        const expected = rows.flat().filter((v): v is number => v !== null);
        expect(bars.length).toBe(expected.length);
        const tol = unitsPerPixel(ya) * 0.2;
        bars.forEach((bar, i) => {
          const y = Number(bar.attributes.y);
          const h = Number(bar.attributes.height);
          const v = expected[i];
          // The zero end at the zero of the axis, the other end at the value (bars under half a pixel are drawn half a pixel tall).
          const [zeroEnd, valueEnd] = v >= 0 ? [y + h, y] : [y, y + h];
          expect(Math.abs(read(ya, zeroEnd)), `bar ${i} base`).toBeLessThanOrEqual(tol + (h <= 0.5 ? unitsPerPixel(ya) * 0.5 : 0));
          if (h > 0.5) expect(Math.abs(read(ya, valueEnd) - v), `bar ${i} top`).toBeLessThanOrEqual(tol);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('names each bar in its tooltip and rejects a group with the wrong number of values', () => {
    const text = groupedBarChartSvg({ title: 'custody %', yLabel: '', series: [{ label: 'alone' }, { label: 'marginal' }], groups: [{ label: 'JPN', values: [12.5, 3.25] }], valueLabels: true });
    expect(text).toContain('<title>JPN, alone: 12.5</title>');
    expect(text).toContain('>3.25</text>');
    expect(() => groupedBarChartSvg({ title: 't', yLabel: '', series: [{ label: 'a' }], groups: [{ label: 'USA', values: [1, 2] }] })).toThrow(
      'groups[0].values (USA): must hold one value per series (1), got 2',
    );
  });
});

describe('timeline', () => {
  it('places each run between its start and end on the axis', () => {
    const runs = [
      { start: 5, end: 7.5, state: 'held' },
      { start: 7.5, end: 18, state: 'seen' },
      { start: 40, end: 55, state: 'held' },
    ];
    const svg = parseXml(
      timelineSvg({
        title: 'custody',
        xLabel: 'minutes',
        xMin: 0,
        xMax: 60,
        states: [
          { key: 'held', label: 'held', colour: '#2ca02c' },
          { key: 'seen', label: 'seen', colour: '#ff7f0e' },
        ],
        rows: [{ label: 'HGV-1', runs, note: '50 % held' }],
      }),
    );
    const xa = xAxis(svg);
    const rects = walk(svg).filter((e) => e.name === 'rect' && (e.attributes.class ?? '').startsWith('run '));
    expect(rects.map((r) => r.attributes.class)).toEqual(['run held', 'run seen', 'run held']);
    rects.forEach((r, i) => {
      const x0 = Number(r.attributes.x);
      const x1 = x0 + Number(r.attributes.width);
      expectWithin(read(xa, x0), runs[i].start, unitsPerPixel(xa) * 0.2, 'min', `run ${i} start`);
      expectWithin(read(xa, x1), runs[i].end, unitsPerPixel(xa) * 0.2, 'min', `run ${i} end`);
    });
    expect(() => timelineSvg({ title: 't', xLabel: 'x', xMin: 0, xMax: 1, states: [], rows: [{ label: 'r', runs: [{ start: 0, end: 1, state: 'lost' }] }] })).toThrow(
      'rows[0].runs[0].state: must be one of , got "lost"',
    );
  });
});

describe('text in charts', () => {
  it('any title or label comes back unchanged from the SVG as XML', () => {
    const text = fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', 'Z', ' ', ';', '#', 'é', '—', '1') });
    fc.assert(
      fc.property(text, text, text, (title, label, group) => {
        const line = parseXml(lineChartSvg({ title, xLabel: label, yLabel: label, x: [0, 1], series: [{ label, values: [1, 2] }] }));
        expect(line.children.find((c) => c.name === 'title')?.text).toBe(title);
        expect(line.attributes['aria-label']).toBe(title);
        const bars = parseXml(groupedBarChartSvg({ title, yLabel: label, series: [{ label }], groups: [{ label: group, values: [1] }] }));
        expect(walk(bars).some((e) => e.name === 'text' && e.text === group)).toBe(true);
        const tl = parseXml(timelineSvg({ title, xLabel: label, xMin: 0, xMax: 1, states: [{ key: 'k', label, colour: '#000' }], rows: [{ label: group, runs: [{ start: 0, end: 1, state: 'k' }] }] }));
        expect(walk(tl).some((e) => e.name === 'text' && e.text === group)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('formats numbers the same everywhere: fixed digits, trimmed, grouped, a dash for missing', () => {
    expect(formatNumber(12.5, 2)).toBe('12.5');
    expect(formatNumber(-0.0001, 2)).toBe('0');
    expect(formatNumber(1234567.891, 1)).toBe('1\u2009234\u2009567.9');
    expect(formatNumber(1234, 0)).toBe('1234');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatSignificant(0.012345)).toBe('0.0123');
    expect(formatSignificant(98765)).toBe('98\u2009765');
    expect(formatDistance(850)).toBe('850 m');
    expect(formatDistance(12345)).toBe('12.3 km');
    expect(formatDuration(95)).toBe('1 min 35 s');
    expect(formatDuration(3600)).toBe('1 h 00 min');
    expect(formatDuration(7.256)).toBe('7.26 s');
  });
});
