import { escapeText } from './escape.ts';
import { formatDuration } from './format.ts';
import type { ReportInput } from './input.ts';
import { additivitySection } from './section-additivity.ts';
import { coverageSection } from './section-coverage.ts';
import { revisitSection } from './section-revisit.ts';
import { downlinkSection } from './section-downlink.ts';
import { glanceHtml, scenarioSection, scenarioSpanS, timingSection } from './section-scenario.ts';
import { sensingSection, threatsSection } from './section-threats.ts';
import { trackingSection } from './section-tracking.ts';
import type { ReportSection } from './section.ts';
import { REPORT_CSS } from './style.ts';
import { threatSeries } from './threat-series.ts';

/**
 * The content security policy the page declares for itself: nothing may be fetched or run,
 * only the inline style sheet and inline SVG. A report that tried to load anything would
 * be blocked and say so in the browser's console, which the browser test watches.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) from
 * what the run hands over. The same input always gives the same bytes: no dates, no random
 * ids, numbers formatted by hand. Throws InputError when the time series do not line up
 * with their sample times.
 */
export function renderReport(input: ReportInput): string {
  const { summary } = input;
  const series = threatSeries(input);
  const sections = [
    scenarioSection(input),
    threatsSection(input),
    coverageSection(input),
    sensingSection(input, series),
    trackingSection(input, series),
    additivitySection(input),
    revisitSection(summary.isrRevisit),
    downlinkSection(summary.downlink),
    timingSection(summary),
  ].filter((x): x is ReportSection => x !== null);
  const s = summary.scenario;
  const title = `${s.name}: tracklayer report`;
  const subtitle = `${s.startUtc} to ${s.endUtc} (${formatDuration(scenarioSpanS(summary))}) · seed ${s.seed} · ${s.nations.join(', ') || 'no nations'}`;
  const toc = sections.map((x) => `<a href="#${x.id}">${escapeText(x.title)}</a>`).join('');
  const body = sections.map((x) => `<section id="${x.id}"><h2>${escapeText(x.title)}</h2>${x.html}</section>`).join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeText(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="tracklayer">',
    `<title>${escapeText(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<header class="top"><h1>${escapeText(s.name)}</h1><p class="subtitle">${escapeText(subtitle)}</p>${s.description ? `<p class="description">${escapeText(s.description)}</p>` : ''}</header>`,
    `<nav class="toc">${toc}</nav>`,
    '<main>',
    glanceHtml(summary),
    body,
    '</main>',
    `<footer>Written by tracklayer from the scenario “${escapeText(s.name)}” with seed ${escapeText(String(s.seed))}. Every figure in this report is also in summary.json, with its unit in its key.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
