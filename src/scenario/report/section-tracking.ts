import { viewLabel } from './section-coverage.ts';
import { formatDistance, formatDuration, formatInteger, formatNumber } from './format.ts';
import { htmlTable } from './html-table.ts';
import type { ReportInput, ReportTrackingRow } from './input.ts';
import { type ReportSection, emptyNote } from './section.ts';
import { lineChartSvg } from './svg-chart.ts';
import { type TimelineRow, type TimelineRun, timelineSvg } from './svg-timeline.ts';
import { THREATS_PER_PLOT, chunks } from './section-threats.ts';
import type { ThreatSeries } from './threat-series.ts';
import { timeAxisLabel, timeUnitFor } from './time-axis.ts';

function trackingTable(rows: readonly ReportTrackingRow[]): string {
  if (rows.length === 0) return emptyNote('No tracking figures: the scenario asks for none, or nothing was tracked.');
  return htmlTable<ReportTrackingRow>(
    [
      { header: 'View', cell: (r) => viewLabel(r.view) },
      { header: 'Custody %', cell: (r) => formatNumber(r.custodyPercent, 1), numeric: true, help: 'Of the time two or more satellites can detect a threat, the per cent during which a confirmed track holds it' },
      { header: 'To confirmed track', cell: (r) => formatDuration(r.meanTimeToConfirmedS), numeric: true, help: 'Mean time from two or more satellites first being able to detect a threat to its first confirmed track' },
      { header: 'Fire-control %', cell: (r) => formatNumber(r.fireControlPercent, 1), numeric: true, help: 'As custody, but counting only tracks whose position one-sigma (largest axis) is under the fire-control threshold' },
      { header: 'Position RMSE', cell: (r) => formatDistance(r.positionRmseM), numeric: true, help: 'Over every confirmed track matched to a threat, coasting and single-satellite stretches included' },
      { header: 'RMSE, custody time', cell: (r) => formatDistance(r.positionRmseCustodyTimeM ?? null), numeric: true, help: 'Position RMSE over the time custody counts (two or more satellites can detect the threat, so lines of sight cross)' },
      { header: 'Velocity RMSE, m/s', cell: (r) => formatNumber(r.velocityRmseMps, 1), numeric: true },
      { header: 'Mean NEES', cell: (r) => formatNumber(r.meanNees, 2), numeric: true, help: 'Normalised estimation error squared of position (3 degrees of freedom): about 3 when the filter\u2019s covariance is honest' },
      { header: 'False tracks', cell: (r) => formatInteger(r.falseConfirmedTracks), numeric: true, help: 'Confirmed tracks that never matched a threat' },
      { header: 'ID switches', cell: (r) => formatInteger(r.idSwitches), numeric: true, help: 'Times a threat passed from one track to another' },
      { header: 'Confirmed tracks', cell: (r) => formatInteger(r.confirmedTracks), numeric: true },
    ],
    rows,
    { className: 'tracking' },
  );
}

type State = 'held' | 'stereo' | 'flying';

/** Each sample stands for the time from halfway after the one before to halfway before the one after. */
function custodyRow(s: ThreatSeries, times: readonly number[], scale: number): TimelineRow {
  const runs: TimelineRun[] = [];
  let flying = 0;
  let held = 0;
  for (let k = 0; k < times.length; k++) {
    // Detectable by two or more is when a track can be held; without that series, in view of two or more.
    const seeing = s.detecting ? (s.detecting[k] ?? null) : (s.inView?.[k] ?? null);
    const error = s.errorM?.[k] ?? null;
    let state: State | null = null;
    if (error !== null) state = 'held';
    else if (seeing !== null) state = seeing >= 2 ? 'stereo' : 'flying';
    if (state === null) continue;
    flying++;
    if (state === 'held') held++;
    const start = (k === 0 ? times[0] : (times[k - 1] + times[k]) / 2) / scale;
    const end = (k === times.length - 1 ? times[k] : (times[k] + times[k + 1]) / 2) / scale;
    const last = runs[runs.length - 1];
    if (last && last.state === state && Math.abs(last.end - start) < 1e-9) last.end = end;
    else runs.push({ start, end, state });
  }
  const note = flying > 0 ? `${formatNumber((100 * held) / flying, 0)} % held` : 'not seen';
  return { label: s.id, runs, note };
}

export function trackingSection(input: ReportInput, series: readonly ThreatSeries[]): ReportSection {
  if (series.length === 0 && input.summary.tracking.length === 0) {
    return { id: 'tracking', title: 'Tracking', html: emptyNote('The scenario has no threats, so there is nothing to track.') };
  }
  const parts: string[] = [trackingTable(input.summary.tracking)];
  const times = input.series.timesS;
  const flying = series.filter((s) => (s.inView ?? []).some((v) => v !== null) || (s.errorM ?? []).some((v) => v !== null));
  const tracked = series.filter((s) => s.errorM !== null && s.errorM.some((v) => v !== null && v > 0));

  if (times.length === 0 || series.length === 0) {
    parts.push(emptyNote(series.length === 0 ? 'The scenario has no threats, so there is nothing to track.' : 'The run recorded no time series of the tracks.'));
    return { id: 'tracking', title: 'Tracking', html: parts.join('') };
  }
  const unit = timeUnitFor(times[times.length - 1] - times[0]);
  const xLabel = timeAxisLabel(unit, input.summary.scenario.startUtc);

  parts.push('<h3>Track error</h3>');
  if (tracked.length === 0) {
    parts.push(emptyNote('No confirmed track held any threat, so there is no track error to plot.'));
  } else {
    parts.push(
      '<p>Distance between each threat and the confirmed track holding it, on a logarithmic scale; gaps are times when no confirmed track holds it.</p>',
    );
    const x = times.map((t) => t / unit.seconds);
    const sigma = input.series.fireControlSigmaM;
    const groups = chunks(tracked, THREATS_PER_PLOT);
    groups.forEach((group, g) => {
      const svg = lineChartSvg({
        title: groups.length > 1 ? `Track error (${g + 1} of ${groups.length})` : 'Track error',
        xLabel,
        yLabel: 'distance from the truth',
        x,
        series: group.map((s) => ({ label: s.id, values: s.errorM ?? [] })),
        yScale: 'log',
        references: sigma !== undefined && sigma > 0 ? [{ value: sigma, label: `fire-control threshold (${formatDistance(sigma)}, 1σ)` }] : [],
          formatY: formatDistance,
      });
      parts.push(`<figure class="plot">${svg}</figure>`);
    });
  }

  parts.push('<h3>Custody</h3>');
  if (flying.length === 0) {
    parts.push(emptyNote('No threat flew within the scenario\u2019s time span, so there is no custody to show.'));
  } else {
    // With the run's detection counts the lanes say "can detect"; without them, "in view".
    const verb = series.some((s) => s.detecting !== null) ? 'can detect' : 'see';
    parts.push(
      `<p>Each threat\u2019s flight, from launch to impact: green where a confirmed track holds it, orange where two or more satellites ${verb} it but no confirmed track holds it yet, grey where fewer than two ${verb} it. The figure at the right is the share of its flight held.</p>`,
    );
    const svg = timelineSvg({
      title: 'Custody of each threat',
      xLabel,
      xMin: times[0] / unit.seconds,
      xMax: times[times.length - 1] / unit.seconds,
      states: [
        { key: 'held', label: 'held by a confirmed track', colour: '#2ca02c' },
        { key: 'stereo', label: verb === 'see' ? 'seen by 2+ satellites, not held' : 'detectable by 2+ satellites, not held', colour: '#ff7f0e' },
        { key: 'flying', label: verb === 'see' ? 'flying, seen by fewer than 2' : 'flying, detectable by fewer than 2', colour: '#c7c7c7' },
      ],
      rows: flying.map((s) => custodyRow(s, times, unit.seconds)),
    });
    parts.push(`<figure class="plot">${svg}</figure>`);
  }
  return { id: 'tracking', title: 'Tracking', html: parts.join('') };
}
