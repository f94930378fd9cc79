import { formatNumber, formatSignificant } from './format.ts';
import { htmlTable } from './html-table.ts';
import type { ReportAdditivityRow, ReportInput } from './input.ts';
import { type ReportSection, emptyNote } from './section.ts';
import { groupedBarChartSvg } from './svg-chart.ts';

const COMBINED = '#444444';
const ALONE = '#1f77b4';
const MARGINAL = '#ff7f0e';

/** The figures in the order the run listed them, each with its rows (one per nation). */
export function figuresOf(rows: readonly ReportAdditivityRow[]): { figure: string; rows: ReportAdditivityRow[] }[] {
  const byFigure = new Map<string, ReportAdditivityRow[]>();
  for (const row of rows) {
    const list = byFigure.get(row.figure);
    if (list) list.push(row);
    else byFigure.set(row.figure, [row]);
  }
  return [...byFigure].map(([figure, list]) => ({ figure, rows: list }));
}

export function additivitySection(input: ReportInput): ReportSection {
  const rows = input.summary.additivity;
  if (rows.length === 0) {
    const why =
      input.summary.scenario.nations.length < 2
        ? 'Additivity compares nations, and this scenario has only one.'
        : 'The scenario asks for no additivity figures.';
    return { id: 'additivity', title: 'What each nation adds', html: emptyNote(why) };
  }
  const charts = figuresOf(rows).map(({ figure, rows: list }) =>
    groupedBarChartSvg({
      title: figure,
      yLabel: '',
      series: [
        { label: 'combined', colour: COMBINED },
        { label: 'alone', colour: ALONE },
        { label: 'marginal (combined − others)', colour: MARGINAL },
      ],
      groups: [{ label: 'all nations', values: [list[0].combined, null, null] }, ...list.map((r) => ({ label: r.nation, values: [null, r.alone, r.marginal] }))],
      valueLabels: true,
      formatY: formatSignificant,
      width: 440,
      height: 290,
    }),
  );
  const table = htmlTable<ReportAdditivityRow>(
    [
      { header: 'Figure', cell: (r) => r.figure },
      { header: 'Nation', cell: (r) => r.nation },
      { header: 'Combined', cell: (r) => formatNumber(r.combined, 2), numeric: true },
      { header: 'Alone', cell: (r) => formatNumber(r.alone, 2), numeric: true, help: 'The figure for this nation\u2019s satellites only' },
      { header: 'Everyone else', cell: (r) => formatNumber(r.others, 2), numeric: true, help: 'The figure for every nation but this one' },
      { header: 'Marginal', cell: (r) => formatNumber(r.marginal, 2), numeric: true, help: 'Combined minus everyone else: what this nation adds' },
    ],
    rows,
    { className: 'additivity' },
  );
  return {
    id: 'additivity',
    title: 'What each nation adds',
    html:
      '<p>For each figure: the combined architecture, each nation\u2019s satellites alone, and each nation\u2019s marginal contribution (the combined figure minus the figure without that nation). A marginal contribution larger than the nation alone means its satellites work better together with the partner\u2019s, as in stereo viewing.</p>' +
      `<div class="small-multiples">${charts.map((c) => `<figure class="plot">${c}</figure>`).join('')}</div>${table}`,
  };
}
