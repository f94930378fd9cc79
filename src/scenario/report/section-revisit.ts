import { formatDuration, formatInteger, formatNumber } from './format.ts';
import { htmlTable } from './html-table.ts';
import type { ReportRevisitRow } from './input.ts';
import type { ReportSection } from './section.ts';
import { viewLabel } from './section-coverage.ts';
import { groupedBarChartSvg } from './svg-chart.ts';

/** ISR revisit, when the run has it: the mean and longest wait for a look at each site, per view. */
export function revisitSection(rows: readonly ReportRevisitRow[] | undefined): ReportSection | null {
  if (!rows || rows.length === 0) return null;
  const views = [...new Set(rows.map((r) => r.view))];
  const sites = [...new Set(rows.map((r) => r.site))];
  const find = (site: string, view: string) => rows.find((r) => r.site === site && r.view === view);
  const minutes = (s: number | null | undefined) => (s === null || s === undefined || !Number.isFinite(s) ? null : s / 60);
  const chart = (title: string, pick: (r: ReportRevisitRow) => number | null) =>
    groupedBarChartSvg({
      title,
      yLabel: 'minutes',
      series: views.map((v) => ({ label: viewLabel(v) })),
      groups: sites.map((site) => ({
        label: site,
        values: views.map((v) => {
          const row = find(site, v);
          return row ? minutes(pick(row)) : null;
        }),
      })),
      valueLabels: sites.length * views.length <= 24,
      width: 620,
      height: 300,
    });
  const table = htmlTable<ReportRevisitRow>(
    [
      { header: 'Site', cell: (r) => r.site },
      { header: 'View', cell: (r) => viewLabel(r.view) },
      { header: 'Looks', cell: (r) => formatInteger(r.looks), numeric: true },
      { header: 'Looks per day', cell: (r) => formatNumber(r.looksPerDay, 1), numeric: true },
      { header: 'Mean revisit', cell: (r) => formatDuration(r.meanRevisitS), numeric: true, help: 'Mean time between the starts of successive looks' },
      { header: 'Longest revisit', cell: (r) => formatDuration(r.maxRevisitS), numeric: true, help: 'Longest wait for a look, the ends of the time span counting as looks' },
    ],
    rows,
    { className: 'revisit' },
  );
  return {
    id: 'revisit',
    title: 'ISR revisit',
    html: `<p>How often the imaging satellites look at each site: the mean time between looks and the longest wait.</p><div class="small-multiples">${[
      chart('Mean revisit', (r) => r.meanRevisitS),
      chart('Longest revisit', (r) => r.maxRevisitS),
    ]
      .map((c) => `<figure class="plot">${c}</figure>`)
      .join('')}</div>${table}`,
  };
}
