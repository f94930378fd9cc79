import { describe, expect, it } from 'vitest';
import { folderOf, resolvePath } from '../../src/scenario/paths.ts';

describe('paths of element-set files (no node:path in this layer)', () => {
  it.each([
    ['/data/scenarios', 'sets/a.tle', '/data/scenarios/sets/a.tle'],
    ['/data/scenarios', '../sets/a.tle', '/data/sets/a.tle'],
    ['/data/scenarios', './a.tle', '/data/scenarios/a.tle'],
    ['/data/scenarios', '/abs/a.tle', '/abs/a.tle'],
    ['.', 'a.tle', 'a.tle'],
    ['scenarios', '../../a.tle', '../a.tle'],
    ['C:\\work\\scenarios', 'sets\\a.tle', 'C:\\work\\scenarios\\sets\\a.tle'],
    ['C:\\work\\scenarios', 'D:\\a.tle', 'D:\\a.tle'],
  ])('%s + %s = %s', (folder, file, expected) => {
    expect(resolvePath(folder, file)).toBe(expected);
  });

  it('the folder of a scenario path', () => {
    expect(folderOf('scenarios/default.yaml')).toBe('scenarios');
    expect(folderOf('default.yaml')).toBe('.');
    expect(folderOf('/default.yaml')).toBe('/');
    expect(folderOf('C:\\s\\d.yaml')).toBe('C:\\s');
  });
});
