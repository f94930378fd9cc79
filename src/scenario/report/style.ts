/** The report's style sheet, inline: system fonts only, nothing fetched. Light, print-friendly. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --band: #f5f6f8; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; line-height: 1.45; font-size: 15px; }
header.top { background: #14213d; color: #fff; padding: 22px 32px 16px; }
header.top h1 { margin: 0 0 4px; font-size: 26px; }
header.top .subtitle { margin: 0; color: #c9d3e6; }
header.top p.description { margin: 8px 0 0; max-width: 70em; color: #eef2f8; }
nav.toc { background: #eef1f6; padding: 8px 32px; border-bottom: 1px solid var(--rule); font-size: 14px; }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: 18px; }
main { padding: 8px 32px 32px; max-width: 1400px; }
section { margin-top: 28px; }
h2 { font-size: 21px; border-bottom: 2px solid var(--rule); padding-bottom: 4px; margin: 0 0 12px; }
h3 { font-size: 17px; margin: 22px 0 6px; }
p { max-width: 75em; }
p.empty { color: var(--muted); font-style: italic; background: var(--band); padding: 10px 14px; border-radius: 4px; }
.glance { display: flex; flex-wrap: wrap; gap: 12px; margin: 18px 0 4px; }
.card { background: var(--band); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 16px; min-width: 150px; }
.card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 13px; }
.two-col { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.table-wrap { overflow-x: auto; margin: 8px 0 14px; }
table { border-collapse: collapse; font-size: 13.5px; }
caption { text-align: left; font-weight: 600; padding: 0 0 4px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { background: var(--band); font-weight: 600; vertical-align: bottom; }
thead th.num { white-space: normal; }
table.threats td { white-space: nowrap; }
table.threats caption { caption-side: bottom; font-weight: normal; color: var(--muted); font-size: 13px; padding: 4px 0 0; }
thead tr.groups th.group { text-align: center; border-bottom: 1px solid #b9bcc4; }
th[title] { cursor: help; text-decoration: underline dotted #999; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
table.facts th { background: none; font-weight: 600; white-space: nowrap; }
table.timing td.share { min-width: 220px; }
.share-bar { display: inline-block; height: 10px; background: #7fa7d6; margin-right: 6px; vertical-align: middle; }
.share-text { color: var(--muted); font-size: 12px; }
tr.total td { font-weight: 600; }
details { margin: 12px 0; }
summary { cursor: pointer; color: var(--accent); }
pre.scenario-file { background: #f7f7f9; border: 1px solid var(--rule); padding: 12px; overflow-x: auto; font-size: 12.5px; max-height: 40em; }
figure { margin: 10px 0 18px; }
figure.plot svg, figure.map svg { max-width: 100%; height: auto; display: block; }
figure.map { margin: 0; }
figure.map figcaption { color: var(--muted); font-size: 13px; padding: 2px 0 0 4px; }
.maps { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px 20px; margin: 12px 0 18px; }
.small-multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 8px 16px; }
.small-multiples figure { margin: 0; }
footer { color: var(--muted); font-size: 13px; border-top: 1px solid var(--rule); padding: 12px 32px 24px; }
@media print { nav.toc { display: none; } header.top { background: none; color: var(--ink); } header.top .subtitle, header.top p.description { color: var(--ink); } figure, .card { break-inside: avoid; } }
`;
