import { escapeText } from './escape.ts';

/** One part of the report: its anchor, its heading and its body (HTML, already escaped). */
export interface ReportSection {
  id: string;
  title: string;
  html: string;
}

/** Where there is nothing to draw, the report says so in a sentence instead. */
export function emptyNote(sentence: string): string {
  return `<p class="empty">${escapeText(sentence)}</p>`;
}
