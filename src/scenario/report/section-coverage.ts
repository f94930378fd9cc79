import { escapeText } from './escape.ts';
import { formatNumber } from './format.ts';
import { type Column, htmlTable } from './html-table.ts';
import { inlineSvg } from './inline-svg.ts';
import type { ReportCoverageRow, ReportInput } from './input.ts';
import { type ReportSection, emptyNote } from './section.ts';

/** How a coverage view reads in a table: 'without:JPN' is "all but JPN". */
export function viewLabel(view: string): string {
  return view.startsWith('without:') ? `all but ${view.slice('without:'.length)}` : view;
}

function mapsHtml(input: ReportInput): string {
  if (input.maps.length === 0) return emptyNote('No coverage maps: the scenario asks for no coverage figures over a region.');
  const figures = input.maps.map((m, i) => {
    const svg = inlineSvg(m.svg, `map${i}`);
    const body = svg ?? emptyNote(`This map could not be shown: it is not an SVG element.`);
    return `<figure class="map">${body}<figcaption>${escapeText(m.title)}</figcaption></figure>`;
  });
  return `<div class="maps">${figures.join('')}</div>`;
}

function tableHtml(rows: readonly ReportCoverageRow[]): string {
  if (rows.length === 0) return emptyNote('No coverage figures were computed.');
  const folds = [...new Set(rows.flatMap((r) => r.folds.map((f) => f.fold)))].sort((a, b) => a - b);
  const hasStereo = rows.some((r) => r.meanPercentStereo !== null);
  const columns: Column<ReportCoverageRow>[] = [
    { header: 'Region', cell: (r) => r.region },
    { header: 'Altitude, km', cell: (r) => formatNumber(r.altitudeKm, 1), numeric: true },
    { header: 'View', cell: (r) => viewLabel(r.view) },
  ];
  for (const fold of folds) {
    const get = (r: ReportCoverageRow) => r.folds.find((f) => f.fold === fold);
    columns.push(
      { header: 'mean %', cell: (r) => formatNumber(get(r)?.meanPercentCovered ?? null, 1), numeric: true, help: `Per cent of the grid seen by ${fold} or more sensors, averaged over time` },
      { header: 'min %', cell: (r) => formatNumber(get(r)?.minPercentCovered ?? null, 1), numeric: true, help: `The lowest ${fold}-fold per cent at any time` },
      { header: 'always %', cell: (r) => formatNumber(get(r)?.percentPointsAlwaysCovered ?? null, 1), numeric: true, help: `Per cent of grid points seen by ${fold} or more sensors at every time` },
    );
  }
  if (hasStereo) columns.push({ header: 'stereo %', cell: (r) => formatNumber(r.meanPercentStereo, 1), numeric: true, help: 'Per cent of time and grid with two or more sensors crossing at the stereo angle' });
  columns.push({ header: 'mean sensors in view', cell: (r) => formatNumber(r.meanSensorsInView, 2), numeric: true });
  const groups = [{ label: '', span: 3 }, ...folds.map((f) => ({ label: `${f}-fold coverage`, span: 3 })), { label: '', span: hasStereo ? 2 : 1 }];
  return htmlTable(columns, rows, { groups, className: 'coverage' });
}

export function coverageSection(input: ReportInput): ReportSection {
  if (input.maps.length === 0 && input.summary.coverage.length === 0) {
    return { id: 'coverage', title: 'Coverage', html: emptyNote('No coverage figures: the scenario asks for none over a region.') };
  }
  const first = input.summary.coverage[0];
  const who = first?.payload === undefined ? 'each satellite counts with its first payload' : `only satellites carrying ${first.payload} count, with that sensor`;
  const what = first?.targetIntensityWSr === undefined
    ? 'wherever its field of regard and the Earth let it look (geometry alone)'
    : `out to the range at which it detects a target of ${formatNumber(first.targetIntensityWSr, 0)} W/sr in its band at its detection threshold`;
  const intro =
    `<p>Each map says in its title which figure it shows and for whom; its colour bar gives the scale. The table gives the figures over each region and altitude layer for the combined architecture, each nation alone, and everyone but each nation. Here ${escapeText(who)}, ${escapeText(what)}.</p>`;
  return { id: 'coverage', title: 'Coverage', html: `${intro}${mapsHtml(input)}${tableHtml(input.summary.coverage)}` };
}
