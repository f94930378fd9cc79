import { escapeText } from './escape.ts';

/** A plain HTML table from rows of data; every cell is text and is escaped here. */
export interface Column<T> {
  header: string;
  cell: (row: T) => string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Hover text on the header, e.g. what the figure means. */
  help?: string;
}

/** Headers spanning several columns, drawn as a row above the column headers. */
export interface HeaderGroup {
  label: string;
  span: number;
}

export function htmlTable<T>(columns: readonly Column<T>[], rows: readonly T[], options: { caption?: string; groups?: readonly HeaderGroup[]; className?: string } = {}): string {
  const parts: string[] = [`<div class="table-wrap"><table${options.className ? ` class="${escapeText(options.className)}"` : ''}>`];
  if (options.caption) parts.push(`<caption>${escapeText(options.caption)}</caption>`);
  parts.push('<thead>');
  if (options.groups) {
    parts.push(`<tr class="groups">${options.groups.map((g) => `<th colspan="${g.span}"${g.label ? ' class="group"' : ''}>${escapeText(g.label)}</th>`).join('')}</tr>`);
  }
  parts.push(
    `<tr>${columns
      .map((c) => {
        const attrs = [c.numeric ? ' class="num"' : '', c.help ? ` title="${escapeText(c.help)}"` : ''].join('');
        return `<th scope="col"${attrs}>${escapeText(c.header)}</th>`;
      })
      .join('')}</tr>`,
  );
  parts.push('</thead><tbody>');
  for (const row of rows) {
    parts.push(`<tr>${columns.map((c) => `<td${c.numeric ? ' class="num"' : ''}>${escapeText(c.cell(row))}</td>`).join('')}</tr>`);
  }
  parts.push('</tbody></table></div>');
  return parts.join('');
}

/** A list of label/value pairs as a two-column table. */
export function factTable(facts: readonly [string, string][]): string {
  return `<table class="facts"><tbody>${facts.map(([k, v]) => `<tr><th scope="row">${escapeText(k)}</th><td>${escapeText(v)}</td></tr>`).join('')}</tbody></table>`;
}
