/**
 * File paths for element-set files named in a scenario, without node:path (this layer also runs
 * in the browser): relative paths are resolved against the scenario file's folder.
 */

/** The folder part of a path ('.' for a bare file name). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return '.';
  if (cut === 0) return path[0];
  return path.slice(0, cut);
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

/** `file` if absolute, else `folder/file` with `.` and `..` segments folded. */
export function resolvePath(folder: string, file: string): string {
  const joined = isAbsolutePath(file) ? file : `${folder}/${file}`;
  const separator = /^[A-Za-z]:\\/.test(joined) || (joined.includes('\\') && !joined.includes('/')) ? '\\' : '/';
  const parts = joined.split(/[\\/]+/);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(part);
  }
  const text = out.join(separator);
  return text === '' ? '.' : text;
}
