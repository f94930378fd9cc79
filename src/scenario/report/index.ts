// report.html: what the run hands over (input.ts) drawn as one self-contained page.
export type * from './input.ts';
export { REPORT_CSP, renderReport } from './render-report.ts';
export { type BarChartOptions, type BarGroup, type BarSeries, type LineChartOptions, type LineSeries, type ReferenceLine, groupedBarChartSvg, lineChartSvg } from './svg-chart.ts';
export { type TimelineOptions, type TimelineRow, type TimelineRun, type TimelineState, timelineSvg } from './svg-timeline.ts';
export { escapeText } from './escape.ts';
