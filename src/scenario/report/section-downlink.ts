import { formatDuration, formatInteger, formatNumber } from './format.ts';
import { htmlTable } from './html-table.ts';
import type { ReportDownlinkRow } from './input.ts';
import type { ReportSection } from './section.ts';
import { viewLabel } from './section-coverage.ts';

const POLICY: Record<ReportDownlinkRow['stations'], string> = { own: "owner's stations", allied: 'any allied station' };

/** Report delivery without crosslinks, when the run has ground stations: how long reports wait on board. */
export function downlinkSection(rows: readonly ReportDownlinkRow[] | undefined): ReportSection | null {
  if (!rows || rows.length === 0) return null;
  const delay = (s: number | null) => (s === null ? '–' : formatDuration(s));
  const table = htmlTable<ReportDownlinkRow>(
    [
      { header: 'View', cell: (r) => viewLabel(r.view) },
      { header: 'Stations used', cell: (r) => POLICY[r.stations] },
      { header: 'Reports', cell: (r) => formatInteger(r.reports), numeric: true },
      { header: 'Sent at once %', cell: (r) => formatNumber(r.inContactPercent, 1), numeric: true, help: 'Reports made while their satellite was in contact with a station it may use' },
      { header: 'Median wait', cell: (r) => delay(r.medianDelayS), numeric: true },
      { header: '95th percentile wait', cell: (r) => delay(r.p95DelayS), numeric: true },
      { header: 'Longest wait', cell: (r) => delay(r.maxDelayS), numeric: true },
      { header: 'Still on board %', cell: (r) => formatNumber(r.undeliveredPercent, 1), numeric: true, help: 'Reports whose satellite met no station it may use before the scenario ended' },
    ],
    rows,
    { className: 'downlink' },
  );
  return {
    id: 'downlink',
    title: 'Real-time delivery',
    html:
      '<p>How long each report would wait on board for its satellite to pass over a ground station (above the station\u2019s elevation mask) if there were no crosslinks: the figures the tracking above does not include, since it assumes every report reaches the ground at once, as through a relay (transport) layer. "Owner\u2019s stations": a satellite downlinks only to its own nation\u2019s stations; "any allied station": the allies share their stations.</p>' +
      table,
  };
}
