/**
 * Escaping for text placed in HTML or SVG, in element content and in double-quoted attributes
 * alike. Every piece of text that came from the scenario or the run passes through here.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
