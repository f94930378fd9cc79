/** Building a constellation entry: Walker and sun-synchronous designs, element-set files. */
import { catalogueConstellation } from '../constellations/catalogue.ts';
import type { Satellite } from '../constellations/satellite.ts';
import { sunSynchronousConstellation, sunSynchronousInclination } from '../constellations/sun-synchronous.ts';
import { type WalkerSpec, walkerConstellation } from '../constellations/walker.ts';
import { parseOmmCatalogue } from '../formats/omm.ts';
import { describeRejected } from '../formats/rejected.ts';
import { parseTleCatalogue } from '../formats/tle-catalogue.ts';
import { InputError } from '../math/errors.ts';
import { DAY, DEG, KM } from '../math/units.ts';
import type { ElementSet } from '../orbits/element-set.ts';
import type { CompileContext } from './context.ts';
import { type Raw, checkUnique, list, part } from './document.ts';
import { type DocumentPath, type ScenarioIssue, formatPath, issue, issueFromError } from './issues.ts';
import { resolvePath } from './paths.ts';
import { type ConstellationFile, constellationSchema } from './schema.ts';
import type { ConstellationDesign, ScenarioConstellation, ScenarioTime } from './types.ts';

/** Reads the element-set files a scenario names. */
export interface ScenarioFiles {
  /** The text of a file at a path already resolved against the scenario's folder; throws when it cannot be read. */
  read(path: string): string;
}

/** First catalogue number of designed satellites: the catalogue's analyst range starts at 80000. */
const FIRST_ANALYST_CATALOG_NUMBER = 80001;

/** Element sets older or newer than this, days from the start, get a warning: SGP4's error grows by kilometres a day. */
const STALE_EPOCH_DAYS = 14;

export function buildConstellation(
  c: ConstellationFile,
  path: DocumentPath,
  time: ScenarioTime | null,
  nextCatalogNumber: number,
  options: { baseDir?: string; files?: ScenarioFiles },
  issues: ScenarioIssue[],
  warnings: string[],
): ScenarioConstellation | null {
  const common = { owner: c.owner, constellation: c.id, payload: c.payloads[0], idPrefix: c.idPrefix ?? `${c.id}-` };
  try {
    if (c.type === 'element-sets') {
      const resolved = resolvePath(options.baseDir ?? '.', c.file);
      const read = readElementSets(c.file, resolved, c.format, [...path, 'file'], options, issues, warnings);
      if (!read) return null;
      const { sets, format } = read;
      if (time) {
        const stale = sets.filter((s) => Math.abs(s.epoch - time.start) > STALE_EPOCH_DAYS * DAY);
        if (stale.length > 0) {
          warnings.push(`${formatPath([...path, 'file'])}: ${stale.length} of ${sets.length} element sets have epochs more than ${STALE_EPOCH_DAYS} days from time.start (SGP4 errors grow by kilometres a day)`);
        }
      }
      const satellites = catalogueConstellation(sets, common);
      return { id: c.id, owner: c.owner, payloads: c.payloads, design: { type: 'element-sets', file: c.file, path: resolved, format }, satellites };
    }
    if (!time) return null;
    const firstCatalogNumber = c.firstCatalogNumber ?? nextCatalogNumber;
    let satellites: Satellite[];
    let design: ConstellationDesign;
    if (c.type === 'walker') {
      const spec: WalkerSpec = { pattern: c.pattern, inclination: c.inclinationDeg * DEG, total: c.total, planes: c.planes, phasing: c.phasing, altitude: c.altitudeKm * KM };
      satellites = walkerConstellation(spec, { ...common, epoch: time.start, firstCatalogNumber, raanOffsetDeg: c.raanOffsetDeg });
      design = { type: 'walker', spec, raanOffset: c.raanOffsetDeg * DEG };
    } else {
      const altitude = c.altitudeKm * KM;
      satellites = sunSynchronousConstellation({
        ...common,
        epoch: time.start,
        firstCatalogNumber,
        altitude,
        localTimesOfAscendingNode: c.localTimesOfAscendingNodeH,
        satellitesPerPlane: c.satellitesPerPlane,
        phasing: c.phasing,
      });
      design = {
        type: 'sun-synchronous',
        altitude,
        inclination: sunSynchronousInclination(altitude),
        localTimesOfAscendingNode: c.localTimesOfAscendingNodeH,
        satellitesPerPlane: c.satellitesPerPlane,
        phasing: c.phasing,
      };
    }
    return { id: c.id, owner: c.owner, payloads: c.payloads, design, satellites };
  } catch (error) {
    issues.push(issueFromError(path, error));
    return null;
  }
}

/** tle or omm: as declared, else by the file name, else by the content (two lines starting "1 " and "2 "). */
function formatOf(file: string, declared: 'tle' | 'omm' | undefined, text: string): 'tle' | 'omm' {
  if (declared) return declared;
  if (/\.(tle|3le|2le|txt)$/i.test(file)) return 'tle';
  if (/\.(json|csv|xml|kvn|omm)$/i.test(file)) return 'omm';
  return /^1 [ \d]{5}/m.test(text) && /^2 [ \d]{5}/m.test(text) ? 'tle' : 'omm';
}

function readElementSets(
  file: string,
  resolved: string,
  declared: 'tle' | 'omm' | undefined,
  path: DocumentPath,
  options: { baseDir?: string; files?: ScenarioFiles },
  issues: ScenarioIssue[],
  warnings: string[],
): { sets: ElementSet[]; format: 'tle' | 'omm' } | null {
  if (!options.files) {
    issues.push(issue(path, 'cannot be read here: no file reader was given to the loader', file));
    return null;
  }
  let text: string;
  try {
    text = options.files.read(resolved);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? (error as Error).message})`;
    issues.push(issue(path, `${why}: ${resolved} (element-set files are found relative to the scenario file)`, file));
    return null;
  }
  const format = formatOf(file, declared, text);
  try {
    const catalogue = format === 'tle' ? parseTleCatalogue(text) : parseOmmCatalogue(text);
    for (const message of describeRejected(catalogue.rejected)) warnings.push(`${formatPath(path)} (${file}): ${message}`);
    if (catalogue.sets.length === 0) {
      issues.push(issue(path, `holds no element set SGP4 can use (read as ${format.toUpperCase()}${catalogue.rejected.length ? `; ${catalogue.rejected.length} rejected: ${describeRejected(catalogue.rejected.slice(0, 1))[0]}` : ''})`, file));
      return null;
    }
    return { sets: catalogue.sets, format };
  } catch (error) {
    issues.push(issue(path, `is not a readable ${format.toUpperCase()} file (${error instanceof InputError ? `${error.field}: ${error.problem}` : (error as Error).message})`, file));
    return null;
  }
}

/**
 * The constellations section: payload references, the satellites of each, satellite ids unique
 * across constellations, designed constellations numbered one after another from 80001.
 */
export function compileConstellations(ctx: CompileContext, constellationValues: unknown[], sensorIds: readonly string[]): ScenarioConstellation[] {
  checkUnique('constellations', constellationValues, ctx.issues);
  const constellations: ScenarioConstellation[] = [];
  let nextCatalogNumber = FIRST_ANALYST_CATALOG_NUMBER;
  const satelliteOwner = new Map<string, number>();
  constellationValues.forEach((value, i) => {
    const path = ['constellations', i];
    const before = ctx.issues.length;
    const seen = new Set<string>();
    list((value as Raw | null)?.payloads).forEach((p, j) => {
      if (typeof p !== 'string') return;
      if (!sensorIds.includes(p)) ctx.issues.push(issue([...path, 'payloads', j], `is not a sensor id (sensors: ${sensorIds.join(', ') || 'none'})`, p));
      if (seen.has(p)) ctx.issues.push(issue([...path, 'payloads', j], 'is listed twice', p));
      seen.add(p);
    });
    const c = part(constellationSchema, value);
    if (!c) return;
    // Built even when its payloads are wrong, so that a missing element-set file is reported too.
    const built = buildConstellation(c, path, ctx.time, nextCatalogNumber, ctx.options, ctx.issues, ctx.warnings);
    if (!built) return;
    if (c.type !== 'element-sets') nextCatalogNumber = Math.max(nextCatalogNumber, (c.firstCatalogNumber ?? nextCatalogNumber) + built.satellites.length);
    // A repeated constellation id already says why its default satellite ids collide.
    const repeatedId = constellationValues.findIndex((v) => (v as Raw | null)?.id === c.id) !== i;
    for (const sat of repeatedId ? [] : built.satellites) {
      const other = satelliteOwner.get(sat.id);
      if (other !== undefined && other !== i) {
        ctx.issues.push(issue([...path, 'idPrefix'], `gives satellite id ${sat.id}, which constellations[${other}] also has: set a different idPrefix`, c.idPrefix ?? `${c.id}-`));
        break;
      }
      satelliteOwner.set(sat.id, i);
    }
    if (ctx.issues.length === before) constellations.push(built);
  });
  return constellations;
}
