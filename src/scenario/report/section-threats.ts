import { formatDistance, formatDuration, formatInteger, formatNumber } from './format.ts';
import { htmlTable } from './html-table.ts';
import type { ReportInput, ReportThreatRow } from './input.ts';
import { type ReportSection, emptyNote } from './section.ts';
import { lineChartSvg } from './svg-chart.ts';
import type { ThreatSeries } from './threat-series.ts';
import { timeAxisLabel, timeUnitFor } from './time-axis.ts';

/** More lines than this on one plot stop being readable: the threats are split over several. */
export const THREATS_PER_PLOT = 8;

export function threatsSection(input: ReportInput): ReportSection {
  const rows = input.summary.threats;
  if (rows.length === 0) return { id: 'threats', title: 'Threats', html: emptyNote('The scenario has no threats.') };
  // Launch and impact usually fall on the scenario's first day: show the time of day and say the date once.
  const day = input.summary.scenario.startUtc.slice(0, 10);
  const sameDay = rows.every((t) => t.launchUtc.startsWith(`${day}T`) && t.impactUtc.startsWith(`${day}T`));
  const when = (utc: string) => (sameDay ? utc.slice(11).replace(/\.0+Z$/, 'Z') : utc);
  const table = htmlTable<ReportThreatRow>(
    [
      { header: 'Threat', cell: (t) => t.id },
      { header: 'Vehicle', cell: (t) => t.vehicle },
      { header: 'Kind', cell: (t) => t.kind },
      { header: 'Launch', cell: (t) => when(t.launchUtc) },
      { header: 'Impact', cell: (t) => when(t.impactUtc) },
      { header: 'Range, km', cell: (t) => formatNumber(t.rangeKm, 0), numeric: true },
      { header: 'Flight time', cell: (t) => formatDuration(t.flightTimeS), numeric: true },
      { header: 'Apogee, km', cell: (t) => formatNumber(t.apogeeKm, 0), numeric: true },
      { header: 'Max speed, m/s', cell: (t) => formatNumber(t.maxSpeedMps, 0), numeric: true },
      { header: 'Impact error', cell: (t) => formatDistance(t.impactErrorM), numeric: true, help: 'Distance from the aim point to where it landed' },
      { header: 'Most in view', cell: (t) => formatInteger(t.maxSatellitesInView), numeric: true, help: 'The most satellites seeing it at once' },
      { header: 'In view of 2+', cell: (t) => formatDuration(t.secondsSeenBy2Plus), numeric: true, help: 'Time of flight in the view of two or more satellites at once (geometry: field of regard, Earth, limb)' },
      { header: 'Detectable by 2+', cell: (t) => (t.secondsDetectableBy2Plus === undefined ? '-' : formatDuration(t.secondsDetectableBy2Plus)), numeric: true, help: 'Time of flight two or more satellites could detect it at once (signal at least the detection threshold): when it can be tracked, and what custody is measured over' },
    ],
    rows,
    { className: 'threats', caption: sameDay ? `Times are UTC on ${day}.` : 'Times are UTC.' },
  );
  return { id: 'threats', title: 'Threats', html: table };
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function sensingSection(input: ReportInput, series: readonly ThreatSeries[]): ReportSection {
  // What decides whether a track can start is how many satellites can detect a threat, not how
  // many merely have it in view; runs that count detection plot that, older inputs the geometry.
  const detection = series.some((s) => s.detecting !== null && s.detecting.some((v) => v !== null));
  const counts = (s: ThreatSeries) => (detection ? s.detecting : s.inView);
  const title = detection ? 'Satellites able to detect each threat' : 'Satellites seeing each threat';
  const withData = series.filter((s) => counts(s)?.some((v) => v !== null));
  if (input.series.timesS.length === 0 || withData.length === 0) {
    const why = series.length === 0 ? 'The scenario has no threats.' : 'The run recorded no sightings of any threat.';
    return { id: 'sensing', title, html: emptyNote(why) };
  }
  const times = input.series.timesS;
  const unit = timeUnitFor(times[times.length - 1] - times[0]);
  const x = times.map((t) => t / unit.seconds);
  const groups = chunks(withData, THREATS_PER_PLOT);
  const plots = groups.map((group, g) =>
    lineChartSvg({
      title: groups.length > 1 ? `${title} (${g + 1} of ${groups.length})` : title,
      xLabel: timeAxisLabel(unit, input.summary.scenario.startUtc),
      yLabel: detection ? 'satellites that can detect it' : 'satellites in view',
      x,
      series: group.map((s) => ({ label: s.id, values: counts(s) ?? [], step: true })),
      integerTicks: true,
      references: [{ value: 2, label: 'two satellites: stereo, a track can start' }],
      spread: 0.24,
    }),
  );
  const intro = detection
    ? 'How many satellites can detect each threat while it flies (the line starts at launch and ends at impact): those with the threat in their field of regard whose expected signal reaches their detection threshold, so that they detect it more often than not. Satellites merely in view are counted in the threats table (max sats, in view of 2+); a dim glider or a cold re-entry vehicle is in view of many and detectable by few. At or above the dashed line, lines of sight from two satellites can be crossed to start a track. Lines are nudged apart by a fraction of a satellite so that equal counts stay visible.'
    : 'How many satellites see each threat while it flies (the line starts at launch and ends at impact). At or above the dashed line, two satellites see it at once and lines of sight can be crossed to start a track. Lines are nudged apart by a fraction of a satellite so that equal counts stay visible.';
  return {
    id: 'sensing',
    title,
    html: `<p>${intro}</p>${plots.map((p) => `<figure class="plot">${p}</figure>`).join('')}`,
  };
}
