/**
 * Prepares an SVG document (a coverage map) for inlining into the report: drops an XML
 * prolog, anything that could run or fetch (script, foreignObject, event attributes, links
 * that leave the document), and prefixes its ids so that several maps on one page, each with
 * its own gradient called "scale", do not collide. The maps come from our own code; this is
 * a guard against a slip, not a sanitiser for hostile markup.
 */
/** The cleaned element, or null when the text is not one <svg> element. */
export function inlineSvg(svg: string, idPrefix: string): string | null {
  let text = svg
    .trim()
    .replace(/^<\?xml[\s\S]*?\?>\s*/, '')
    .replace(/^<!DOCTYPE[^>]*>\s*/i, '');
  if (!/^<svg[\s>]/.test(text) || !/<\/svg>$/.test(text)) return null;
  text = text
    .replace(/<script[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script[^>]*\/>/gi, '')
    .replace(/<foreignObject[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/\s+(?:xlink:)?href\s*=\s*("(?!#)[^"]*"|'(?!#)[^']*')/gi, '')
    .replace(/\bid="([^"]*)"/g, (_, id: string) => `id="${idPrefix}-${id}"`)
    .replace(/url\(#([^)]*)\)/g, (_, id: string) => `url(#${idPrefix}-${id})`)
    .replace(/\b((?:xlink:)?href)="#([^"]*)"/g, (_, attr: string, id: string) => `${attr}="#${idPrefix}-${id}"`);
  return text;
}
