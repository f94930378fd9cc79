import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { regionGrid } from '../../src/coverage/grid.ts';
import { coverageMapSvg } from '../../src/coverage/map.ts';
import { parseXml } from '../../src/formats/xml.ts';
import { InputError } from '../../src/math/errors.ts';
import type { ReportInput } from '../../src/scenario/report/input.ts';
import { REPORT_CSP, renderReport } from '../../src/scenario/report/render-report.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// --- A realistic run, written by hand -------------------------------------------------------

const HOSTILE = '<script>alert("x")</script> & \'quoted\'';
const START = '2030-03-01T00:00:00.000Z';
const STEP_S = 20;
const TIMES_S = Array.from({ length: 181 }, (_, k) => k * STEP_S); // one hour

interface ThreatPlan {
  id: string;
  launchS: number;
  impactS: number;
  inView: (t: number) => number;
  /** Error of the confirmed track at t, or null when none holds the threat. */
  error: (t: number) => number | null;
}

const PLANS: ThreatPlan[] = [
  {
    id: 'HGV-1',
    launchS: 300,
    impactS: 1500,
    inView: (t) => Math.max(0, Math.round(2.5 + 2.5 * Math.sin((2 * Math.PI * (t - 300)) / 900))),
    error: (t) => (t >= 420 && (t < 1100 || t >= 1180) ? 150 + 3000 * Math.exp(-(t - 420) / 120) : null),
  },
  { id: 'BM-1', launchS: 600, impactS: 1800, inView: (t) => (t < 1400 ? 3 : 2), error: (t) => (t >= 700 ? 60 + 1500 * Math.exp(-(t - 700) / 90) : null) },
  { id: 'BM-2', launchS: 1200, impactS: 2400, inView: () => 1, error: () => null },
];

const flying = (p: ThreatPlan, t: number) => t >= p.launchS && t <= p.impactS;

function utcAt(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `2030-03-01T00:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.000Z`;
}

function tinyMap(title: string, bias: number): string {
  const grid = regionGrid({ kind: 'box', southDeg: 10, northDeg: 40, westDeg: 120, eastDeg: 160 }, 5);
  const values = Array.from({ length: grid.count }, (_, i) => Math.min(100, Math.max(0, bias + 40 * Math.cos(((grid.latDeg[i] - 25) * Math.PI) / 60))));
  return coverageMapSvg(grid, values, { title, unit: '%', min: 0, max: 100, width: 400 });
}

function fixture(): ReportInput {
  const coverage = (view: string, one: number, two: number, stereo: number) => ({
    region: 'western-pacific',
    altitudeKm: 40,
    view,
    folds: [
      { fold: 1, meanPercentCovered: one, minPercentCovered: one - 8, percentPointsAlwaysCovered: one - 15 },
      { fold: 2, meanPercentCovered: two, minPercentCovered: Math.max(0, two - 20), percentPointsAlwaysCovered: Math.max(0, two - 30) },
    ],
    meanPercentStereo: stereo,
    meanSensorsInView: one / 30,
  });
  const tracking = (view: string, custody: number, fc: number, confirmed: number) => ({
    view,
    custodyPercent: custody,
    meanTimeToConfirmedS: custody > 0 ? 95 : null,
    fireControlPercent: fc,
    positionRmseM: custody > 0 ? 412.5 : null,
    velocityRmseMps: custody > 0 ? 38.2 : null,
    meanNees: custody > 0 ? 3.4 : null,
    falseConfirmedTracks: 0,
    idSwitches: 1,
    confirmedTracks: confirmed,
  });
  const additivity = (figure: string, combined: number, usa: number, jpn: number) => [
    { nation: 'USA', figure, combined, alone: usa, others: jpn, marginal: combined - jpn },
    { nation: 'JPN', figure, combined, alone: jpn, others: usa, marginal: combined - usa },
  ];
  return {
    summary: {
      scenario: {
        name: 'US-Japan, Western Pacific raid',
        description: `A test scenario ${HOSTILE}`,
        seed: 20300301,
        startUtc: START,
        endUtc: '2030-03-01T01:00:00.000Z',
        stepS: STEP_S,
        nations: ['USA', 'JPN'],
        satellites: 40,
        constellations: [
          { id: 'us-tracking', owner: 'USA', satellites: 28, design: 'Walker delta 81:28/4/1 at 1000 km' },
          { id: 'jp-hgv-watch', owner: 'JPN', satellites: 12, design: 'Walker delta 45:12/3/1 at 800 km' },
        ],
        threats: 3,
      },
      timingS: { propagate: 1.234, threats: 0.42, coverage: 12.5, sensing: 3.1, tracking: 7.25, outputs: 0.9, total: 25.644 },
      threats: PLANS.map((p, i) => ({
        id: p.id,
        vehicle: i === 0 ? 'hgv-medium' : `mrbm <${i}>`,
        kind: i === 0 ? ('glide' as const) : ('ballistic' as const),
        launchUtc: utcAt(p.launchS),
        impactUtc: utcAt(p.impactS),
        rangeKm: 1800 + 300 * i,
        flightTimeS: p.impactS - p.launchS,
        apogeeKm: i === 0 ? 95 : 420 + 30 * i,
        maxSpeedMps: 3200 + 200 * i,
        impactErrorM: 12.5,
        maxSatellitesInView: Math.max(...TIMES_S.filter((t) => flying(p, t)).map(p.inView)),
        secondsSeenBy2Plus: TIMES_S.filter((t) => flying(p, t) && p.inView(t) >= 2).length * STEP_S,
      })),
      coverage: [
        coverage('combined', 96.5, 78.2, 64.1),
        coverage('USA', 90.1, 61, 48.3),
        coverage('JPN', 55.2, 22.5, 9.8),
        coverage('without:USA', 55.2, 22.5, 9.8),
        coverage('without:JPN', 90.1, 61, 48.3),
      ],
      tracking: [tracking('combined', 71.3, 44.9, 3), tracking('USA', 58.8, 30.2, 3), tracking('JPN', 0, 0, 0)],
      additivity: [
        ...additivity('coverage 2-fold % (western-pacific, 40 km)', 78.2, 61, 22.5),
        ...additivity('stereo % (western-pacific, 40 km)', 64.1, 48.3, 9.8),
        ...additivity('custody %', 71.3, 58.8, 0),
      ],
    },
    series: {
      timesS: TIMES_S,
      satellitesInView: Object.fromEntries(PLANS.map((p) => [p.id, TIMES_S.map((t) => (flying(p, t) ? p.inView(t) : null))])),
      trackErrorM: Object.fromEntries(PLANS.map((p) => [p.id, TIMES_S.map((t) => (flying(p, t) ? p.error(t) : null))])),
      fireControlSigmaM: 1000,
    },
    maps: [
      { title: 'western-pacific at 40 km: 2-fold coverage, combined', svg: tinyMap('combined: % of time with 2+ sensors', 60) },
      { title: 'western-pacific at 40 km: 2-fold coverage, USA', svg: tinyMap('USA: % of time with 2+ sensors', 40) },
      { title: 'western-pacific at 40 km: 2-fold coverage, JPN', svg: tinyMap('JPN: % of time with 2+ sensors', 5) },
    ],
    scenarioText: `name: US-Japan, Western Pacific raid\ndescription: "${HOSTILE}"\nseed: 20300301\ntime:\n  start: ${START}\n  durationMin: 60\n  stepS: ${STEP_S}\n`,
  };
}

function emptyFixture(): ReportInput {
  const input = fixture();
  return {
    summary: {
      ...input.summary,
      scenario: { ...input.summary.scenario, nations: ['USA'], constellations: [input.summary.scenario.constellations[0]], threats: 0, description: null },
      timingS: {},
      threats: [],
      coverage: [],
      tracking: [],
      additivity: [],
    },
    series: { timesS: [], satellitesInView: {}, trackErrorM: {} },
    maps: [],
    scenarioText: '',
  };
}

// --- Reading the page back -------------------------------------------------------------------

function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start, `section #${id} is missing`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

function svgElements(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

function count(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

describe('renderReport: structure', () => {
  const input = fixture();
  const html = renderReport(input);

  it('is one HTML document with every section, in reading order', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const ids = ['scenario', 'threats', 'coverage', 'sensing', 'tracking', 'additivity', 'timing'];
    const positions = ids.map((id) => html.indexOf(`<section id="${id}">`));
    expect(positions.every((p) => p > 0), `sections at ${positions.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const id of ids) expect(html).toContain(`<a href="#${id}">`);
  });

  it('shows the scenario: name, seed, time span, constellations and the file in a collapsible block', () => {
    const s = sectionHtml(html, 'scenario');
    expect(html).toContain('<h1>US-Japan, Western Pacific raid</h1>');
    expect(s).toContain('<td>20300301</td>');
    expect(s).toContain('<td>2030-03-01T00:00:00.000Z</td>');
    expect(s).toContain('<td>2030-03-01T01:00:00.000Z</td>');
    expect(s).toContain('<td>1 h 00 min</td>');
    expect(s).toContain('<td>jp-hgv-watch</td><td>JPN</td><td class="num">12</td><td>Walker delta 45:12/3/1 at 800 km</td>');
    expect(s).toMatch(/<details><summary>The scenario file \(7 lines\)<\/summary><pre class="scenario-file">name: US-Japan/);
  });

  it('tabulates threats, coverage per region/altitude/view, tracking per view, additivity and stage timings', () => {
    const threats = sectionHtml(html, 'threats');
    expect(count(threats, /<tr><td>(HGV-1|BM-1|BM-2)<\/td>/g)).toBe(3);
    expect(threats).toContain('<td class="num">20 min</td>'); // 1200 s of flight
    const coverage = sectionHtml(html, 'coverage');
    expect(count(coverage, /<tr><td>western-pacific<\/td><td class="num">40<\/td>/g)).toBe(5);
    expect(coverage).toContain('<td>all but JPN</td>');
    expect(coverage).toContain('<th colspan="3" class="group">2-fold coverage</th>');
    const tracking = sectionHtml(html, 'tracking');
    expect(tracking).toContain('<td>combined</td><td class="num">71.3</td><td class="num">1 min 35 s</td><td class="num">44.9</td><td class="num">413 m</td>');
    expect(tracking).toContain('<td>JPN</td><td class="num">0</td><td class="num">–</td>');
    const additivity = sectionHtml(html, 'additivity');
    // USA's marginal custody: combined 71.3 minus JPN alone 0.
    expect(additivity).toContain('<td>custody %</td><td>USA</td><td class="num">71.3</td><td class="num">58.8</td><td class="num">0</td><td class="num">71.3</td>');
    const timing = sectionHtml(html, 'timing');
    expect(count(timing, /<tr(?: class="total")?><td>/g)).toBe(7);
    // coverage 12.5 s of 25.394 s of stages (total excluded): 49 %.
    expect(timing).toContain('<td>coverage</td><td class="num">12.5</td><td class="share"><span class="share-bar" style="width:49.2%"></span>');
  });

  it('draws every plot: maps, satellites in view, track error, custody and one additivity chart per figure', () => {
    const svgs = svgElements(html);
    const inSection = (id: string) => svgElements(sectionHtml(html, id)).length;
    expect(inSection('coverage')).toBe(3);
    expect(inSection('sensing')).toBe(1);
    expect(inSection('tracking')).toBe(2);
    expect(inSection('additivity')).toBe(3);
    expect(svgs.length).toBe(9);
    // Lines: one per threat seen (3), per threat tracked (2); the stereo line at 2 and the fire-control threshold.
    expect(count(sectionHtml(html, 'sensing'), /<path class="series"/g)).toBe(3);
    expect(count(sectionHtml(html, 'tracking'), /<path class="series"/g)).toBe(2);
    expect(count(html, /<line class="reference"/g)).toBe(2);
    expect(sectionHtml(html, 'sensing')).toContain('<title>two satellites: stereo, a track can start</title>');
    // Custody: a lane per flying threat with held runs for the two tracked ones.
    expect(count(sectionHtml(html, 'tracking'), /<rect class="run held"/g)).toBe(3); // HGV-1 twice (a gap), BM-1 once
    expect(sectionHtml(html, 'tracking')).toMatch(/>BM-2<\/text>[^]*?>0 % held</);
    // Additivity bars: combined once, then alone and marginal for each of two nations.
    expect(count(sectionHtml(html, 'additivity'), /<rect class="bar"/g)).toBe(3 * 5);
  });

  it('writes every SVG as well-formed XML with unique ids across the page', () => {
    for (const svg of svgElements(html)) expect(() => parseXml(svg, 'svg')).not.toThrow();
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
    // Each map's colour bar gradient is renamed with the map and still referenced.
    for (let i = 0; i < 3; i++) {
      expect(html).toContain(`id="map${i}-scale"`);
      expect(html).toContain(`url(#map${i}-scale)`);
    }
    expect(html).not.toContain('url(#scale)');
  });

  it('fetches nothing: no external URL, no script, no link, and a policy that forbids both', () => {
    const urls = [...html.matchAll(/\b(?:https?|ftp|wss?):\/\/[^\s"'<>)]*/gi)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|\ssrc=|url\((?!#)/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, '&#39;')}">`);
    expect(REPORT_CSP).toContain("default-src 'none'");
  });

  it('escapes every piece of text it was given', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('A test scenario &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    expect(sectionHtml(html, 'scenario')).toContain('description: &quot;&lt;script&gt;alert(&quot;x&quot;)');
    expect(sectionHtml(html, 'threats')).toContain('<td>mrbm &lt;1&gt;</td>');
    expect(html).not.toContain('mrbm <');
  });

  it('drops anything runnable or fetching from a map, keeping the drawing', () => {
    const poisoned = fixture();
    poisoned.maps = [
      {
        title: 'poisoned <map>',
        svg: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="10" height="10"><script>alert(2)</script><a href="https://example.com/x"><rect id="r" width="5" height="5" fill="url(#g)"/></a><foreignObject><div>x</div></foreignObject></svg>',
      },
      { title: 'not a map', svg: '<div>no svg here</div>' },
    ];
    const out = renderReport(poisoned);
    const coverage = sectionHtml(out, 'coverage');
    expect(coverage).not.toMatch(/onload|<script|example\.com|foreignObject|<\?xml/);
    expect(coverage).toContain('<rect id="map0-r" width="5" height="5" fill="url(#map0-g)"/>');
    expect(coverage).toContain('<figcaption>poisoned &lt;map&gt;</figcaption>');
    expect(coverage).toContain('This map could not be shown: it is not an SVG element.');
    expect(coverage).not.toContain('<div>no svg here</div>');
  });

  it('gives the same bytes for the same input, however it was built', () => {
    const again = renderReport(structuredClone(fixture()));
    expect(again).toBe(html);
    expect(JSON.parse(JSON.stringify(input))).toEqual(fixture()); // rendering did not touch its input
    expect(html).not.toMatch(/\b20(2[4-9]|3[1-9])-\d\d-\d\d/); // no wall-clock date, only the scenario's own
  });

  it('replaces each missing plot and table with a sentence when there is nothing to show', () => {
    const out = renderReport(emptyFixture());
    expect(svgElements(out)).toEqual([]);
    expect(sectionHtml(out, 'threats')).toContain('<p class="empty">The scenario has no threats.</p>');
    expect(sectionHtml(out, 'coverage')).toContain('<p class="empty">No coverage figures: the scenario asks for none over a region.</p>');
    expect(sectionHtml(out, 'sensing')).toContain('The scenario has no threats.');
    expect(sectionHtml(out, 'tracking')).toContain('<p class="empty">The scenario has no threats, so there is nothing to track.</p>');
    expect(sectionHtml(out, 'additivity')).toContain('this scenario has only one');
    expect(sectionHtml(out, 'timing')).toContain('no stage timings');
    expect(sectionHtml(out, 'scenario')).toContain('The scenario file text was not provided.');
  });

  it('says so when threats fly but no tracking figures or maps came back', () => {
    const input = fixture();
    input.summary.tracking = [];
    input.maps = [];
    const out = renderReport(input);
    expect(sectionHtml(out, 'tracking')).toContain('No tracking figures: the scenario asks for none, or nothing was tracked.');
    expect(svgElements(sectionHtml(out, 'tracking'))).toHaveLength(2); // the plots still come from the series
    expect(sectionHtml(out, 'coverage')).toContain('No coverage maps');
    expect(sectionHtml(out, 'coverage')).toContain('<td>all but USA</td>');
  });

  it('adds an ISR revisit section only when the run has revisit figures', () => {
    expect(html).not.toContain('id="revisit"');
    const input = fixture();
    input.summary.isrRevisit = [
      { site: 'Yokosuka', view: 'combined', looks: 31, looksPerDay: 31, meanRevisitS: 2790, maxRevisitS: 9000 },
      { site: 'Yokosuka', view: 'USA', looks: 22, looksPerDay: 22, meanRevisitS: 3900, maxRevisitS: 12600 },
      { site: 'Naha', view: 'combined', looks: 1, looksPerDay: 1, meanRevisitS: null, maxRevisitS: 80000 },
    ];
    const out = renderReport(input);
    const revisit = sectionHtml(out, 'revisit');
    expect(out.indexOf('<section id="revisit">')).toBeGreaterThan(out.indexOf('<section id="additivity">'));
    expect(out).toContain('<a href="#revisit">ISR revisit</a>');
    expect(svgElements(revisit)).toHaveLength(2);
    expect(revisit).toContain('<td>Yokosuka</td><td>combined</td><td class="num">31</td><td class="num">31</td><td class="num">46 min 30 s</td><td class="num">2 h 30 min</td>');
    expect(revisit).toContain('<td>Naha</td><td>combined</td><td class="num">1</td><td class="num">1</td><td class="num">–</td>');
    // Bars in minutes: 2790 s is 46.5 min; Naha has no USA row and no mean, so 3 mean bars and 3 longest bars.
    expect(revisit).toContain('<title>Yokosuka, combined: 46.5</title>');
    expect(count(revisit, /<rect class="bar"/g)).toBe(2 + 3);
  });

  it('colours custody lanes by the satellites able to detect a threat when the run says, not those merely in view', () => {
    const input = fixture();
    input.series.trackErrorM = Object.fromEntries(PLANS.map((p) => [p.id, TIMES_S.map(() => null)]));
    const stereoRuns = (html: string) => count(sectionHtml(html, 'tracking'), /<rect class="run stereo"/g);
    expect(stereoRuns(renderReport(input))).toBeGreaterThan(0);
    // In view of two or more at times, but never detectable by two: nothing a tracker could have held.
    input.series.satellitesDetecting = Object.fromEntries(PLANS.map((p) => [p.id, TIMES_S.map((t) => (flying(p, t) ? 1 : null))]));
    expect(stereoRuns(renderReport(input))).toBe(0);
    input.series.satellitesDetecting = Object.fromEntries(PLANS.map((p) => [p.id, TIMES_S.map((t) => (flying(p, t) ? 2 : null))]));
    expect(stereoRuns(renderReport(input))).toBe(PLANS.length);
  });

  it('plots the satellites able to detect each threat when the run counts them, else those in view', () => {
    const input = fixture();
    expect(sectionHtml(renderReport(input), 'sensing')).toContain('satellites in view');
    input.series.satellitesDetecting = Object.fromEntries(PLANS.map((p) => [p.id, TIMES_S.map((t) => (flying(p, t) ? 1 : null))]));
    const sensing = sectionHtml(renderReport(input), 'sensing');
    expect(sensing).toContain('Satellites able to detect each threat');
    expect(sensing).toContain('satellites that can detect it');
    expect(sensing).not.toContain('satellites in view');
  });

  it('says so when threats fly but no track ever holds one', () => {
    const input = fixture();
    input.series.trackErrorM = Object.fromEntries(PLANS.map((p) => [p.id, TIMES_S.map(() => null)]));
    const tracking = sectionHtml(renderReport(input), 'tracking');
    expect(tracking).toContain('No confirmed track held any threat');
    expect(svgElements(tracking)).toHaveLength(1); // custody only
    expect(count(tracking, /<rect class="run held"/g)).toBe(0);
  });

  it('rejects a time series that does not line up with its sample times, naming it', () => {
    const input = fixture();
    input.series.satellitesInView['BM-1'] = input.series.satellitesInView['BM-1'].slice(1);
    expect(() => renderReport(input)).toThrow(InputError);
    expect(() => renderReport(input)).toThrow('series.satellitesInView.BM-1: must hold one value per time in series.timesS (181), got 180');
    const backwards = fixture();
    backwards.series.timesS = [...TIMES_S];
    backwards.series.timesS[5] = 10;
    expect(() => renderReport(backwards)).toThrow('series.timesS[5]: must not be before the time before it (80), got 10');
    const badStart = fixture();
    badStart.summary.scenario.startUtc = 'yesterday';
    expect(() => renderReport(badStart)).toThrow(/summary\.scenario\.startUtc.*"yesterday"/);
  });
});

// --- In the browser ----------------------------------------------------------------------------

const CHROMIUM = '/usr/bin/chromium';

/** Chromium is installed by the project's own script; the browser test is skipped only if that fails. */
function ensureChromium(): { ok: true } | { ok: false; reason: string } {
  if (existsSync(CHROMIUM)) return { ok: true };
  const script = join(repoRoot, 'scripts', 'install-chromium.sh');
  const r = spawnSync('sh', [script], { encoding: 'utf8', timeout: 15 * 60_000 });
  if (r.status === 0 && existsSync(CHROMIUM)) return { ok: true };
  const why = (r.stderr || r.error?.message || `exit status ${r.status}`).trim().split('\n').slice(-3).join(' / ');
  return { ok: false, reason: `${CHROMIUM} is missing and scripts/install-chromium.sh could not install it (${why})` };
}

interface BrowserRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One headless page load: screenshot and the DOM as parsed, with the console logged to stderr. */
function openInChromium(page: string, screenshot: string | null, profile: string, windowSize = '1280,2400'): Promise<BrowserRun> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--enable-logging=stderr',
    '--v=0',
    '--hide-scrollbars',
    '--dump-dom',
    ...(screenshot ? [`--screenshot=${screenshot}`] : []),
    `--window-size=${windowSize}`,
    pathToFileURL(page).href,
  ];
  return new Promise((done, fail) => {
    const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // Headless Chromium can hang on a broken machine; end the process group we started.
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, 45_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** The page's console messages, which Chromium logs as "...:INFO:CONSOLE(line)] "text", source: ...". */
function consoleLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /:CONSOLE[:(]/.test(line));
}

interface Image {
  width: number;
  height: number;
  /** RGBA, row-major. */
  pixels: Uint8Array;
}

/** Decodes an 8-bit RGB or RGBA PNG (what Chromium writes), enough to look at its pixels. */
function decodePng(bytes: Buffer): Image {
  const signature = '89504e470d0a1a0a';
  expect(bytes.subarray(0, 8).toString('hex'), 'PNG signature').toBe(signature);
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (pos < bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.subarray(pos + 4, pos + 8).toString('latin1');
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      const colourType = body[9];
      expect(depth, 'PNG bit depth').toBe(8);
      expect([2, 6], 'PNG colour type').toContain(colourType);
      expect(body[12], 'PNG interlace').toBe(0);
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (src[i] + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = line[x * channels];
      out[o + 1] = line[x * channels + 1];
      out[o + 2] = line[x * channels + 2];
      out[o + 3] = channels === 4 ? line[x * channels + 3] : 255;
    }
    prev.set(line);
  }
  return { width, height, pixels: out };
}

/** Pixels within a small distance of a colour (anti-aliasing and colour management shift edges a little). */
function pixelsNear(image: Image, hex: string, tolerance = 6, rows: [number, number] = [0, image.height]): number {
  const r = Number.parseInt(hex.slice(1, 3), 16);
  const g = Number.parseInt(hex.slice(3, 5), 16);
  const b = Number.parseInt(hex.slice(5, 7), 16);
  let n = 0;
  for (let y = rows[0]; y < rows[1]; y++) {
    for (let x = 0; x < image.width; x++) {
      const o = (y * image.width + x) * 4;
      if (Math.abs(image.pixels[o] - r) <= tolerance && Math.abs(image.pixels[o + 1] - g) <= tolerance && Math.abs(image.pixels[o + 2] - b) <= tolerance) n++;
    }
  }
  return n;
}

const browser = ensureChromium();
if (!browser.ok) console.warn(`test/scenario/report.test.ts: browser test skipped: ${browser.reason}`);

describe.skipIf(!browser.ok)(`report.html in headless Chromium${browser.ok ? '' : ` (SKIPPED: ${browser.reason})`}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracklayer-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens offline without console errors, parses into every section and plot, and draws a readable page', async () => {
    const html = renderReport(fixture());
    const page = join(dir, 'report.html');
    writeFileSync(page, html);
    // A control: the same page with one external image. The page's policy must block it and the
    // console must say so, or the clean run's silence would prove nothing.
    const control = join(dir, 'control.html');
    writeFileSync(control, html.replace('<body>', '<body><img src="http://192.0.2.1/x.png" alt="">'));
    const shot = join(dir, 'report.png');
    const [run, controlRun] = await Promise.all([
      openInChromium(page, shot, join(dir, 'profile-report')),
      openInChromium(control, null, join(dir, 'profile-control')),
    ]);
    const keep = process.env.TRACKLAYER_REPORT_KEEP;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      cpSync(page, join(keep, 'report.html'));
      if (existsSync(shot)) cpSync(shot, join(keep, 'report.png'));
    }

    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(consoleLines(run.stderr)).toEqual([]);
    expect(controlRun.code).toBe(0);
    expect(consoleLines(controlRun.stderr).join('\n')).toMatch(/192\.0\.2\.1.*Content Security Policy/);

    // The DOM as Chromium parsed it: every section, every plot, no script.
    const dom = run.stdout;
    for (const id of ['scenario', 'threats', 'coverage', 'sensing', 'tracking', 'additivity', 'timing']) expect(dom).toContain(`<section id="${id}">`);
    expect(count(dom, /<svg[\s>]/g)).toBe(count(html, /<svg[\s>]/g));
    expect(count(dom, /<path class="series"/g)).toBe(5);
    expect(count(dom, /<rect class="bar"/g)).toBe(15);
    expect(dom).not.toMatch(/<script/i);
    expect(dom).toContain('A test scenario &lt;script&gt;alert("x")&lt;/script&gt; &amp; \'quoted\'');

    // The screenshot: the size asked for, mostly drawn on, styled, with the maps and plots in it.
    expect(existsSync(shot)).toBe(true);
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    const image = decodePng(readFileSync(shot));
    expect([image.width, image.height]).toEqual([1280, 2400]);
    let drawn = 0;
    for (let i = 0; i < image.pixels.length; i += 4) if (image.pixels[i] + image.pixels[i + 1] + image.pixels[i + 2] < 3 * 235) drawn++;
    expect(drawn / (image.width * image.height)).toBeGreaterThan(0.05);
    expect(pixelsNear(image, '#14213d', 6, [0, 60])).toBeGreaterThan(1280 * 40); // the header band
    // Strongly coloured pixels come from the maps' colour scale and the plots' lines, not from text and tables.
    let colourful = 0;
    for (let i = 0; i < image.pixels.length; i += 4) {
      const [r, g, b] = [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) colourful++;
    }
    expect(colourful / (image.width * image.height), 'share of strongly coloured pixels (maps, plots)').toBeGreaterThan(0.05);
  }, 60_000);
});
