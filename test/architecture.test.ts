import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layer order of ../shared/DESIGN.md section 1: a folder imports only folders above it.
const LAYERS: string[][] = [
  ['math'],
  ['time'],
  ['frames'],
  ['bodies'],
  ['orbits'],
  ['constellations'],
  ['threats'],
  ['sensors'],
  ['access'],
  ['coverage'],
  ['tracking'],
  ['studies'],
  ['formats'],
  ['scenario'],
  ['parallel'],
  ['cli', 'server', '(index)'],
];
const NODE_ALLOWED = new Set(['parallel', 'cli', 'server', '(index)']);
const DOM_GLOBALS = /(?<![.\w$])(window|document|navigator|localStorage|HTMLElement|requestAnimationFrame)\s*[.(]/;

const srcRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function layerOf(folder: string): number {
  const i = LAYERS.findIndex((names) => names.includes(folder));
  return i;
}

function folderOf(file: string): string {
  const rel = relative(srcRoot, file);
  return rel.includes(sep) ? rel.split(sep)[0] : '(index)';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(pattern)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

const files = sourceFiles(srcRoot);

describe('architecture (DESIGN.md section 1)', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('every folder under src/ is a known layer', () => {
    const unknown = [...new Set(files.map(folderOf))].filter((f) => layerOf(f) < 0);
    expect(unknown, `folders not in the layer table: ${unknown.join(', ')}`).toEqual([]);
  });

  it('imports go only upward in the layer order', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(srcRoot)) {
          if (from !== '(index)' && !NODE_ALLOWED.has(from)) violations.push(`${relative(srcRoot, file)} imports ${spec} outside src/`);
          continue;
        }
        const to = folderOf(target);
        if (to === from) continue;
        if (layerOf(to) >= layerOf(from) && !(from === '(index)')) {
          violations.push(`${relative(srcRoot, file)} (${from}) imports ${spec} (${to}), which is not above it`);
        }
      }
    }
    expect(violations, violations.join('\n')).toEqual([]);
  });

  it('the isomorphic core uses no node:* modules and no DOM', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      if (NODE_ALLOWED.has(from)) continue;
      const text = readFileSync(file, 'utf8');
      for (const spec of importsOf(text)) {
        if (spec.startsWith('node:') || ['fs', 'path', 'os', 'worker_threads', 'child_process', 'url', 'zlib'].includes(spec)) {
          violations.push(`${relative(srcRoot, file)} imports ${spec}`);
        }
      }
      // Strip comments and string literals; a local variable that shadows a DOM name is not a use of the DOM.
      const code = text
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
      const domUse = code.match(DOM_GLOBALS);
      if (domUse && !new RegExp(`\\b(?:const|let|var)\\s+${domUse[1]}\\b`).test(code)) {
        violations.push(`${relative(srcRoot, file)} uses a DOM global (${domUse[1]})`);
      }
      if (/\bprocess\.(env|argv|stdout|stderr|exit)/.test(code)) violations.push(`${relative(srcRoot, file)} uses process`);
    }
    expect(violations, violations.join('\n')).toEqual([]);
  });
});
