/** Regions of interest: checked when loaded (a grid must hold points), and their coverage grids for a run. */
import { type CoverageGrid, type Region, globalEqualAreaGrid, regionGrid } from '../coverage/grid.ts';
import { InputError } from '../math/errors.ts';
import { DEG, KM } from '../math/units.ts';
import { type DocumentPath, type ScenarioIssue, issue } from './issues.ts';
import type { CompileContext } from './context.ts';
import { checkUnique, part } from './document.ts';
import { type RegionFile, regionSchema } from './schema.ts';
import type { ScenarioRegion } from './types.ts';

export function buildRegion(r: RegionFile, path: DocumentPath, issues: ScenarioIssue[]): ScenarioRegion | null {
  let area: Region | { kind: 'global' };
  if (r.global) area = { kind: 'global' };
  else if (r.box) area = { kind: 'box', southDeg: r.box.southDeg, northDeg: r.box.northDeg, westDeg: r.box.westDeg, eastDeg: r.box.eastDeg };
  else {
    const vertices = (r.polygon ?? []).map((p) => [p.latDeg, p.lonDeg] as [number, number]);
    const lons = vertices.map((v) => v[1]);
    if (Math.max(...lons) - Math.min(...lons) > 180) {
      issues.push(issue([...path, 'polygon'], 'spans more than 180 deg of longitude: a polygon may not cross the antimeridian (write its longitudes in 0-360 instead)'));
      return null;
    }
    area = { kind: 'polygon', vertices };
  }
  if (area.kind !== 'global') {
    try {
      regionGrid(area, r.gridDeg, 0);
    } catch (error) {
      const problem = error instanceof InputError ? error.problem : String(error);
      issues.push(issue([...path, 'gridDeg'], `leaves the region empty: it ${problem}; use a finer grid`, r.gridDeg));
      return null;
    }
  }
  return { id: r.id, area, altitudes: r.altitudesKm.map((h) => h * KM), gridDeg: r.gridDeg, minElevation: r.minElevationDeg !== undefined ? r.minElevationDeg * DEG : null };
}

export function compileRegions(ctx: CompileContext, regionValues: unknown[]): ScenarioRegion[] {
  checkUnique('regions', regionValues, ctx.issues);
  const regions: ScenarioRegion[] = [];
  regionValues.forEach((value, i) => {
    const r = part(regionSchema, value);
    if (!r) return;
    const region = buildRegion(r, ['regions', i], ctx.issues);
    if (region) regions.push(region);
  });
  return regions;
}

/** One coverage grid per altitude layer of a region, in the order of `altitudes` (src/coverage/grid.ts). */
export function regionGrids(region: ScenarioRegion): CoverageGrid[] {
  return region.altitudes.map((height) => (region.area.kind === 'global' ? globalEqualAreaGrid(region.gridDeg, height) : regionGrid(region.area, region.gridDeg, height)));
}
