import { parseIsoUtc } from '../../time/iso.ts';
import { escapeText } from './escape.ts';
import { formatDuration, formatInteger, formatNumber } from './format.ts';
import { factTable, htmlTable } from './html-table.ts';
import type { ReportInput, ReportSummary } from './input.ts';
import { type ReportSection, emptyNote } from './section.ts';

/** Seconds from the scenario start to its end, read from the ISO text. */
export function scenarioSpanS(summary: ReportSummary): number {
  const start = parseIsoUtc(summary.scenario.startUtc, 'summary.scenario.startUtc');
  const end = parseIsoUtc(summary.scenario.endUtc, 'summary.scenario.endUtc');
  return end - start;
}

export function scenarioSection(input: ReportInput): ReportSection {
  const s = input.summary.scenario;
  const facts: [string, string][] = [
    ['Start (UTC)', s.startUtc],
    ['End (UTC)', s.endUtc],
    ['Time span', formatDuration(scenarioSpanS(input.summary))],
    ['Time step', formatDuration(s.stepS)],
    ['Random seed', String(s.seed)],
    ['Nations', s.nations.length > 0 ? s.nations.join(', ') : 'none'],
    ['Satellites', formatInteger(s.satellites)],
    ['Threats', formatInteger(s.threats)],
  ];
  const constellations =
    s.constellations.length > 0
      ? htmlTable(
          [
            { header: 'Constellation', cell: (c) => c.id },
            { header: 'Owner', cell: (c) => c.owner },
            { header: 'Satellites', cell: (c) => formatInteger(c.satellites), numeric: true },
            { header: 'Design', cell: (c) => c.design },
          ],
          s.constellations,
          { caption: 'Constellations' },
        )
      : emptyNote('The scenario declares no constellations.');
  const lines = input.scenarioText.length === 0 ? 0 : input.scenarioText.replace(/\n$/, '').split('\n').length;
  const file =
    input.scenarioText.trim().length > 0
      ? `<details><summary>The scenario file (${formatInteger(lines)} ${lines === 1 ? 'line' : 'lines'})</summary><pre class="scenario-file">${escapeText(input.scenarioText)}</pre></details>`
      : emptyNote('The scenario file text was not provided.');
  return { id: 'scenario', title: 'Scenario', html: `<div class="two-col">${factTable(facts)}${constellations}</div>${file}` };
}

export function timingSection(summary: ReportSummary): ReportSection {
  const stages = Object.entries(summary.timingS);
  if (stages.length === 0) return { id: 'timing', title: 'Run time', html: emptyNote('The run recorded no stage timings.') };
  const hasTotal = stages.some(([name]) => name.toLowerCase() === 'total');
  const sum = stages.filter(([name]) => name.toLowerCase() !== 'total').reduce((a, [, s]) => a + (Number.isFinite(s) ? s : 0), 0);
  const rows = stages.map(([name, seconds]) => {
    const share = sum > 0 && Number.isFinite(seconds) && name.toLowerCase() !== 'total' ? Math.max(0, Math.min(100, (100 * seconds) / sum)) : null;
    return { name, seconds, share };
  });
  const body = rows
    .map(
      (r) =>
        `<tr${r.name.toLowerCase() === 'total' ? ' class="total"' : ''}><td>${escapeText(r.name)}</td><td class="num">${escapeText(formatNumber(r.seconds, r.seconds >= 10 ? 1 : 2))}</td>` +
        `<td class="share">${r.share === null ? '' : `<span class="share-bar" style="width:${formatNumber(r.share, 1)}%"></span><span class="share-text">${escapeText(formatNumber(r.share, 0))} %</span>`}</td></tr>`,
    )
    .join('');
  const total = hasTotal ? '' : `<tr class="total"><td>all stages</td><td class="num">${escapeText(formatNumber(sum, sum >= 10 ? 1 : 2))}</td><td></td></tr>`;
  return {
    id: 'timing',
    title: 'Run time',
    html: `<p>Wall-clock time of each stage of the run.</p><div class="table-wrap"><table class="timing"><thead><tr><th scope="col">Stage</th><th scope="col" class="num">Time, s</th><th scope="col">Share</th></tr></thead><tbody>${body}${total}</tbody></table></div>`,
  };
}

/** A few headline figures for the combined architecture, when the run has them. */
export function glanceHtml(summary: ReportSummary): string {
  const cards: [string, string][] = [
    ['satellites', formatInteger(summary.scenario.satellites)],
    [summary.scenario.nations.length === 1 ? 'nation' : 'nations', formatInteger(summary.scenario.nations.length)],
    ['threats', formatInteger(summary.scenario.threats)],
  ];
  const combined = summary.tracking.find((t) => t.view === 'combined');
  if (combined) {
    cards.push(['custody (combined)', `${formatNumber(combined.custodyPercent, 1)} %`]);
    cards.push(['fire-control quality (combined)', `${formatNumber(combined.fireControlPercent, 1)} %`]);
    cards.push(['mean time to confirmed track', formatDuration(combined.meanTimeToConfirmedS)]);
  }
  return `<div class="glance">${cards.map(([label, value]) => `<div class="card"><div class="value">${escapeText(value)}</div><div class="label">${escapeText(label)}</div></div>`).join('')}</div>`;
}
