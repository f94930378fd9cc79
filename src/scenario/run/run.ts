/**
 * The run: one deterministic generator that propagates the constellations, flies the threats,
 * works out who sees what, computes coverage for every additivity view, simulates the sensor
 * reports, tracks and scores, and returns every output as text. It yields typed progress
 * messages; it writes nothing (the CLI writes the folder only when the run has finished).
 */
import type { Ring } from '../../coverage/coastlines.ts';
import { sunPositionItrf } from '../../bodies/sun.ts';
import { computeCoverage } from '../../coverage/compute.ts';
import { coverageMapSvg } from '../../coverage/map.ts';
import { satellitesOwnedBy } from '../../coverage/owners.ts';
import { type ImagingSatellite, isrRevisit } from '../../coverage/isr.ts';
import { groundSite, stateTableSource } from '../../access/trajectory.ts';
import { positionsOf } from '../../access/conditions.ts';
import { czmlDocument, czmlFromStateTable, czmlTrajectoryPacket } from '../../formats/czml.ts';
import { formatMessage, messageFromReport, messageFromTrack, messageFromTruth } from '../../formats/messages.ts';
import { formatOemKvn } from '../../formats/oem-kvn.ts';
import { oemFromStateTable } from '../../formats/oem.ts';
import { Random } from '../../math/random.ts';
import { DEG, KM } from '../../math/units.ts';
import { propagateJ2Secular } from '../../orbits/j2-secular.ts';
import { propagateSgp4 } from '../../orbits/sgp4/bulk.ts';
import { type StateTable, selectObjects } from '../../orbits/state-table.ts';
import { NO_TARGET_CONSTRAINTS, type Sensor } from '../../sensors/sensor.ts';
import { SensorModel } from '../../sensors/sensor-model.ts';
import { additivity, additivityViews, viewName } from '../../studies/additivity.ts';
import { contactIntervals, deliveryDelay, latencyFigures } from '../../studies/downlink.ts';
import { threatTruthNdjson, czmlSamples } from '../../threats/export.ts';
import { flyThreat } from '../../threats/fly-threat.ts';
import { sampleTrajectory } from '../../threats/series.ts';
import { type Trajectory, endInstant, stateAt } from '../../threats/trajectory.ts';
import { type TimeGrid, gridInstant, timeGrid } from '../../time/grid.ts';
import { DEFAULT_SCORE, type Score, scoreTracks } from '../../tracking/metrics/score.ts';
import { satelliteSensor } from '../../tracking/simulation/satellite-sensor.ts';
import { platformOf } from '../../tracking/simulation/sensors.ts';
import { simulateAll } from '../../tracking/simulation/simulate.ts';
import { trajectoryTarget } from '../../tracking/simulation/threat-target.ts';
import { type ScanOutput, trackAll } from '../../tracking/tracker.ts';
import type { Report, TrackSnapshot, TruthSample } from '../../tracking/types.ts';
import { deriveSeed } from '../geometry.ts';
import type { Instant } from '../../time/instant.ts';
import { formatIsoUtc } from '../../time/iso.ts';
import { regionGrids } from '../regions.ts';
import type { ReportAdditivityRow, ReportCoverageRow, ReportDownlinkRow, ReportInput, ReportMap, ReportRevisitRow, ReportSummary, ReportThreatRow, ReportTrackingRow } from '../report/input.ts';
import { renderReport } from '../report/render-report.ts';
import type { Scenario, ScenarioSensor } from '../types.ts';
import type { RunMessage, StageName } from './messages.ts';
import { satellitePayloads } from '../lookup.ts';

export interface RunOptions {
  /** The scenario file as written, for the report. */
  scenarioText?: string;
  /** Coarser coverage grids and steps (twice the spacing and step) for a fast look. */
  quick?: boolean;
  /** Land outlines for the coverage maps (`loadLandOutlines()`); maps without coastlines when absent. */
  coastlines?: readonly Ring[];
}

export interface RunResult {
  summary: ReportSummary;
  report: ReportInput;
  /** Output files by name, as text: summary.json, truth.ndjson, scenario.czml, OEM files, ... */
  files: Map<string, string>;
  /** The flown threats and the satellites' ITRF table, for callers that go on computing. */
  trajectories: Trajectory[];
  table: StateTable<'ITRF'>;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function* runScenario(scenario: Scenario, options: RunOptions = {}): Generator<RunMessage, RunResult> {
  const timing: Record<string, number> = {};
  const started = performance.now();
  let stageStart = 0;
  const begin = (stage: StageName, detail: string): RunMessage => {
    stageStart = performance.now();
    return { type: 'stage-start', stage, detail };
  };
  const end = (stage: StageName): RunMessage => {
    const seconds = (performance.now() - stageStart) / 1000;
    timing[stage] = round(seconds, 3);
    return { type: 'stage-end', stage, seconds };
  };

  const { satellites, time } = scenario;
  // Each satellite's primary payload: the sensor that counts for coverage and reports.
  const allPayloads = satellitePayloads(scenario);
  const primaryPayloads = allPayloads.map((payloads) => payloads[0]);
  const perSatelliteSensors = primaryPayloads.map((payload) => payload.sensor);
  const owners = satellites.map((s) => s.owner);
  const sunPosition = (t: Instant, out: Float64Array) => sunPositionItrf(t, undefined, out);

  // --- Propagate ---
  yield begin('propagate', `${satellites.length} satellites x ${time.grid.count} steps (${scenario.propagator.toUpperCase()})`);
  const table = propagate(scenario, time.grid);
  yield end('propagate');

  // --- Threats ---
  yield begin('threats', `${scenario.threats.length} flights`);
  const trajectories: Trajectory[] = [];
  for (const [i, threat] of scenario.threats.entries()) {
    trajectories.push(flyThreat(threat.vehicle, threat.request));
    yield { type: 'progress', stage: 'threats', done: i + 1, total: scenario.threats.length };
  }
  yield end('threats');

  // --- Who sees each threat ---
  yield begin('visibility', 'satellites in view of each threat');
  const inView = satellitesInView(table, perSatelliteSensors, trajectories, time.grid, sunPosition);
  yield end('visibility');

  // --- Coverage, for every additivity view ---
  const coverageRows: ReportCoverageRow[] = [];
  const maps: ReportMap[] = [];
  const additivityRows: ReportAdditivityRow[] = [];
  const cov = scenario.figures.coverage;
  if (cov) {
    const stepS = cov.step * (options.quick ? 2 : 1);
    const covGrid = timeGrid(time.start, time.duration, Math.min(stepS, time.duration));
    const covTable = covGrid.stepS === time.grid.stepS ? table : propagate(scenario, covGrid);
    const views = scenario.figures.additivity ? additivityViews(scenario.nations) : [{ view: 'combined', nations: scenario.nations }];
    const regions = scenario.regions.filter((r) => cov.regions.includes(r.id));
    const counting = coveragePayloads(allPayloads, cov.payload, cov.targetIntensity);
    const basis = coverageBasis(cov.payload, cov.targetIntensity);
    const jobs = regions.flatMap((region) => regionGrids(region).map((grid, a) => ({ region, grid, altitude: region.altitudes[a] })));
    yield begin('coverage', `${jobs.length} region layers x ${views.length} views`);
    let done = 0;
    for (const job of jobs) {
      const grid = options.quick ? regionGrids({ ...job.region, gridDeg: job.region.gridDeg * 2, altitudes: [job.altitude] })[0] : job.grid;
      const byView = new Map<string, ReturnType<typeof computeCoverage>>();
      const run = (nations: readonly string[]) => {
        const key = [...nations].sort().join(',');
        let report = byView.get(key);
        if (!report) {
          report = computeCoverage({
            table: covTable,
            sensors: counting.sensors,
            grid,
            folds: cov.folds,
            satellites: satellitesOwnedBy(nations, owners).filter((i) => counting.carries[i]),
            stereoAngle: cov.stereoAngle,
            sunPosition,
            constraints: job.region.minElevation === null ? NO_TARGET_CONSTRAINTS : { minElevation: job.region.minElevation },
          });
          byView.set(key, report);
        }
        return report;
      };
      const altitudeKm = round(job.altitude / KM, 3);
      for (const view of views) {
        const report = run(view.nations);
        coverageRows.push({
          region: job.region.id,
          altitudeKm,
          view: view.view,
          folds: report.folds.map((f) => ({
            fold: f.fold,
            meanPercentCovered: round(f.meanPercentCovered, 3),
            minPercentCovered: round(f.minPercentCovered, 3),
            percentPointsAlwaysCovered: round(f.percentPointsAlwaysCovered, 3),
          })),
          meanPercentStereo: report.stereo ? round(report.stereo.meanPercent, 3) : null,
          meanSensorsInView: round(report.meanSensorsInView, 4),
          ...(cov.payload !== null ? { payload: cov.payload } : {}),
          ...(cov.targetIntensity !== null ? { targetIntensityWSr: cov.targetIntensity } : {}),
        });
        if (view.nations.length === scenario.nations.length || view.nations.length === 1) {
          const foldIndex = Math.max(0, cov.folds.findIndex((f) => f >= 2));
          maps.push({
            title: `${job.region.id} at ${altitudeKm} km: ${cov.folds[foldIndex]}-fold coverage${basis}, ${view.view}`,
            svg: coverageMapSvg(grid, report.perPoint[foldIndex].percentCovered, {
              title: `${job.region.id}, ${altitudeKm} km: % of time with ${cov.folds[foldIndex]}+ sensors${basis} (${view.view})`,
              unit: '%',
              min: 0,
              max: 100,
              width: 720,
              ...(options.coastlines ? { coastlines: options.coastlines } : {}),
            }),
          });
        }
        done++;
        yield { type: 'progress', stage: 'coverage', done, total: jobs.length * views.length };
      }
      if (scenario.figures.additivity && scenario.nations.length > 1) {
        const where = `${job.region.id}, ${altitudeKm} km`;
        cov.folds.forEach((fold, f) => {
          additivityRows.push(...additivity(`coverage ${fold}-fold % (${where})`, scenario.nations, (n) => round(run(n).folds[f].meanPercentCovered, 3)));
        });
        if (cov.stereoAngle !== null) {
          additivityRows.push(...additivity(`stereo % (${where})`, scenario.nations, (n) => round(run(n).stereo?.meanPercent ?? 0, 3)));
        }
      }
    }
    yield end('coverage');
  }

  // --- ISR revisit over points of interest, for every additivity view ---
  const revisitRows: ReportRevisitRow[] = [];
  const isr = scenario.figures.isrRevisit;
  if (isr) {
    const views = scenario.figures.additivity ? additivityViews(scenario.nations) : [{ view: 'combined', nations: scenario.nations }];
    yield begin('coverage', `ISR revisit of ${isr.sites.length} sites x ${views.length} views`);
    const imaging: (ImagingSatellite & { owner: string })[] = [];
    scenario.constellations.forEach((c) => {
      if (!isr.constellations.includes(c.id)) return;
      for (const sat of c.satellites) {
        const i = satellites.indexOf(sat);
        imaging.push({ id: sat.id, owner: sat.owner, source: stateTableSource(table, i), sensor: perSatelliteSensors[i] });
      }
    });
    for (const [v, view] of views.entries()) {
      const subset = imaging.filter((s) => view.nations.includes(s.owner));
      if (subset.length > 0) {
        const results = isrRevisit(subset, isr.sites, { start: time.start, end: time.end, step: isr.sampleStep, minElevation: isr.minElevation, sunPosition });
        for (const r of results) {
          revisitRows.push({ site: r.name, view: view.view, looks: r.looks.length, looksPerDay: round(r.looksPerDay, 3), meanRevisitS: r.meanRevisitS === null ? null : round(r.meanRevisitS, 1), maxRevisitS: round(r.maxRevisitS, 1) });
        }
      }
      yield { type: 'progress', stage: 'coverage', done: v + 1, total: views.length };
    }
    if (scenario.figures.additivity && scenario.nations.length > 1) {
      const meanLooks = (nations: readonly string[]) => {
        const rows = revisitRows.filter((r) => r.view === viewName(nations, scenario.nations));
        return rows.length === 0 ? 0 : round(rows.reduce((sum, r) => sum + r.looksPerDay, 0) / rows.length, 3);
      };
      additivityRows.push(...additivity('ISR looks per day (mean over sites)', scenario.nations, meanLooks));
    }
    yield end('coverage');
  }

  // --- Sensor reports of the threats, then tracks for every additivity view ---
  const trackingRows: ReportTrackingRow[] = [];
  const trackErrorM: Record<string, (number | null)[]> = {};
  let reports: Report[] = [];
  let truth: TruthSample[] = [];
  let combinedScans: ScanOutput[] = [];
  if (trajectories.length > 0 && scenario.figures.tracking) {
    const firstLaunch = Math.min(...trajectories.map((t) => t.launchTime));
    const lastImpact = Math.max(...trajectories.map((t) => endInstant(t)));
    const simStart = Math.max(time.start, firstLaunch - 2) as Instant;
    const simEnd = Math.min(time.end, lastImpact + 2);
    const payloadCount = allPayloads.reduce((n, p) => n + p.length, 0);
    yield begin('reports', `${payloadCount} sensors on ${satellites.length} satellites, ${trajectories.length} targets, ${(simEnd - simStart).toFixed(0)} s`);
    const phases = new Random(deriveSeed(scenario.seed, 'sensor-phases'));
    // Every payload reports on its own frames; one of several on a satellite is PLATFORM/PAYLOAD.
    const simSensors = allPayloads.flatMap((payloads, i) =>
      payloads.map((payload) =>
        satelliteSensor({
          table,
          index: i,
          sensor: payload.sensor,
          sensorId: payloads.length > 1 ? `${satellites[i].id}/${payload.id}` : satellites[i].id,
          owner: satellites[i].owner,
          sunPosition,
          threshold: payload.detectionThreshold,
          sigma: payload.angularNoise,
          ...(payload.looksPerFrame !== null ? { looksPerFrame: payload.looksPerFrame, dwellFrames: payload.dwellFrames } : {}),
          random: phases,
        }),
      ),
    );
    const simulation = simulateAll({
      sensors: simSensors,
      targets: trajectories.map((t) => trajectoryTarget(t)),
      start: simStart,
      durationS: Math.max(1, simEnd - simStart),
      seed: deriveSeed(scenario.seed, 'reports'),
      truthPeriod: 1,
    });
    reports = simulation.reports;
    truth = simulation.truth;
    yield end('reports');

    const ownerOfSensor = new Map(simSensors.map((s) => [s.sensorId, s.owner]));
    const views = scenario.figures.additivity ? additivityViews(scenario.nations) : [{ view: 'combined', nations: scenario.nations }];
    yield begin('tracking', `${reports.length} reports x ${views.length} views`);
    const config = {
      ...scenario.tracker,
      // Allies share the picture: a track is releasable to every nation whose sensors may be shared.
      releasabilityBySensor: releasabilityOfPayloads(simSensors.map((s) => s.sensorId), scenario.tracker.releasabilityBySensor, scenario.nations),
    };
    const scoreOptions = { ...DEFAULT_SCORE, ...scenario.figures.tracking };
    const scores = new Map<string, Score>();
    const scoreFor = (nations: readonly string[]) => {
      const key = [...nations].sort().join(',');
      let score = scores.get(key);
      if (!score) {
        const wanted = new Set(nations);
        const subset = reports.filter((r) => wanted.has(ownerOfSensor.get(r.sensorId) ?? ''));
        const scans = trackAll(subset, config);
        if (nations.length === scenario.nations.length) combinedScans = scans;
        score = scoreTracks(scans.flatMap((scan) => scan.tracks), truth, scoreOptions);
        scores.set(key, score);
      }
      return score;
    };
    for (const [v, view] of views.entries()) {
      trackingRows.push(trackingRow(view.view, scoreFor(view.nations)));
      yield { type: 'progress', stage: 'tracking', done: v + 1, total: views.length };
    }
    if (scenario.figures.additivity && scenario.nations.length > 1) {
      additivityRows.push(...additivity('custody %', scenario.nations, (n) => round(scoreFor(n).custody * 100, 3)));
      additivityRows.push(...additivity('fire-control quality %', scenario.nations, (n) => round(scoreFor(n).fireControlFraction * 100, 3)));
      additivityRows.push(
        ...additivity('mean time to confirmed track s (lower is better)', scenario.nations, (n) => {
          const t = scoreFor(n).meanTimeToConfirmed;
          return Number.isFinite(t) ? round(t, 3) : Number.NaN;
        }, Number.NaN),
      );
    }
    Object.assign(trackErrorM, trackErrors(combinedScans, truth, trajectories, time.grid, scoreOptions.cutoff));
    yield end('tracking');
  }

  // --- Report delivery through the ground stations, without crosslinks ---
  const downlinkRows: ReportDownlinkRow[] = [];
  if (reports.length > 0 && scenario.groundStations.length > 0) {
    yield begin('downlink', `${satellites.length} satellites x ${scenario.groundStations.length} ground stations`);
    downlinkRows.push(...downlinkFigures(scenario, table, reports, additivityViewsOrCombined(scenario)));
    yield end('downlink');
  }

  // --- Outputs ---
  yield begin('outputs', 'summary, reports, tracks, truth, CZML, OEM');
  const files = new Map<string, string>();
  // Truth comes once a second (truthPeriod 1): each sample with two or more detecting satellites is a second.
  const detectableSeconds = new Map<string, number>();
  for (const sample of truth) {
    if ((sample.sensorsInView ?? 0) >= 2) detectableSeconds.set(sample.objectId, (detectableSeconds.get(sample.objectId) ?? 0) + 1);
  }
  const threatRows: ReportThreatRow[] = trajectories.map((traj, i) => ({
    id: traj.id,
    vehicle: scenario.threats[i].vehicleId,
    kind: traj.vehicle.kind,
    launchUtc: formatIsoUtc(traj.launchTime, 3),
    impactUtc: formatIsoUtc(endInstant(traj), 3),
    rangeKm: round(traj.summary.range / KM, 3),
    flightTimeS: round(traj.summary.flightTime, 3),
    apogeeKm: round(traj.summary.apogee / KM, 3),
    maxSpeedMps: round(traj.summary.maxSpeed, 2),
    impactErrorM: round(traj.summary.impactError, 2),
    maxSatellitesInView: Math.max(0, ...inView.counts[i].filter((c): c is number => c !== null)),
    secondsSeenBy2Plus: round(inView.counts[i].filter((c) => c !== null && c >= 2).length * time.grid.stepS, 3),
    ...(truth.length > 0 ? { secondsDetectableBy2Plus: detectableSeconds.get(traj.id) ?? 0 } : {}),
  }));
  if (truth.length > 0) {
    files.set('truth.ndjson', truth.map((sample) => `${formatMessage(messageFromTruth(sample))}\n`).join(''));
  } else {
    const truthSeries = trajectories.map((traj) => sampleTrajectory(traj, { step: 1 }));
    files.set('truth.ndjson', truthSeries.map((series) => threatTruthNdjson(series)).join(''));
  }
  files.set('reports.ndjson', reports.map((r) => `${formatMessage(messageFromReport(r))}\n`).join(''));
  const snapshots: TrackSnapshot[] = combinedScans.flatMap((scan) => scan.tracks);
  files.set('tracks.ndjson', snapshots.map((t) => `${formatMessage(messageFromTrack(t))}\n`).join(''));
  files.set('scenario.czml', `${JSON.stringify(scenarioCzml(scenario, table, trajectories, snapshots))}\n`);
  for (const constellation of scenario.constellations) {
    const ids = constellation.satellites.map((s) => s.id);
    const subset = selectObjects(table, ids);
    const objects = Object.fromEntries(constellation.satellites.map((s) => [s.id, { name: s.name, objectId: s.id }]));
    files.set(`oem/${constellation.id}.oem`, formatOemKvn(oemFromStateTable(subset, { creationDate: time.start, originator: 'tracklayer', objects })));
  }
  yield end('outputs');
  timing.total = round((performance.now() - started) / 1000, 3);

  const summary: ReportSummary = {
    scenario: {
      name: scenario.name,
      description: scenario.description,
      seed: scenario.seed,
      startUtc: formatIsoUtc(time.start, 3),
      endUtc: formatIsoUtc(time.end, 3),
      stepS: time.step,
      nations: [...scenario.nations],
      satellites: satellites.length,
      constellations: scenario.constellations.map((c) => ({ id: c.id, owner: c.owner, satellites: c.satellites.length, design: describeDesign(c.design) })),
      threats: trajectories.length,
    },
    timingS: timing,
    threats: threatRows,
    coverage: coverageRows,
    tracking: trackingRows,
    additivity: additivityRows,
    ...(revisitRows.length > 0 ? { isrRevisit: revisitRows } : {}),
    ...(downlinkRows.length > 0 ? { downlink: downlinkRows } : {}),
  };
  files.set('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  const report: ReportInput = {
    summary,
    series: {
      timesS: inView.timesS,
      satellitesInView: Object.fromEntries(trajectories.map((t, i) => [t.id, inView.counts[i]])),
      trackErrorM,
      ...(truth.length > 0 ? { satellitesDetecting: detectingOnGrid(truth, trajectories, inView.timesS, time.start) } : {}),
      fireControlSigmaM: scenario.figures.tracking ? { ...DEFAULT_SCORE, ...scenario.figures.tracking }.fireControlSigma : undefined,
    },
    maps,
    scenarioText: options.scenarioText ?? '',
  };
  files.set('report.html', renderReport(report));
  return { summary, report, files, trajectories, table };
}

function propagate(scenario: Scenario, grid: TimeGrid): StateTable<'ITRF'> {
  const sets = scenario.satellites.map((s) => s.elements);
  const ids = scenario.satellites.map((s) => s.id);
  return scenario.propagator === 'j2' ? propagateJ2Secular(sets, grid, { frame: 'ITRF', ids }) : propagateSgp4(sets, grid, { frame: 'ITRF', ids });
}

/** At each step of the grid, how many satellites' sensors see each threat (null outside its flight). */
function satellitesInView(
  table: StateTable<'ITRF'>,
  sensors: readonly Sensor[],
  trajectories: readonly Trajectory[],
  grid: TimeGrid,
  sunPosition: (t: Instant, out: Float64Array) => Float64Array,
): { timesS: number[]; counts: (number | null)[][] } {
  const models = sensors.map((s) => new SensorModel(s));
  const n = table.nObjects;
  const counts = trajectories.map(() => new Array<number | null>(grid.count).fill(null));
  const timesS: number[] = [];
  const sun = new Float64Array(3);
  // One row of six per threat, reused every step; live[j] says whether row j holds a state now.
  const states = new Float64Array(6 * trajectories.length);
  const live = new Uint8Array(trajectories.length);
  for (let k = 0; k < grid.count; k++) {
    const t = gridInstant(grid, k);
    timesS.push(k * grid.stepS);
    let anyLive = false;
    for (let j = 0; j < trajectories.length; j++) {
      const traj = trajectories[j];
      live[j] = t >= traj.launchTime && t <= endInstant(traj) ? 1 : 0;
      if (live[j]) {
        stateAt(traj, t, states.subarray(6 * j, 6 * j + 6));
        counts[j][k] = 0;
        anyLive = true;
      }
    }
    if (!anyLive) continue;
    sunPosition(t, sun);
    for (let i = 0; i < n; i++) {
      const row = k * n + i;
      if (table.status[row] !== 0) continue;
      const model = models[i];
      model.prepare(table.x[row], table.y[row], table.z[row], table.vx[row], table.vy[row], table.vz[row], sun[0], sun[1], sun[2]);
      for (let j = 0; j < trajectories.length; j++) {
        if (!live[j]) continue;
        const px = states[6 * j];
        const py = states[6 * j + 1];
        const pz = states[6 * j + 2];
        const r = Math.sqrt(px * px + py * py + pz * pz);
        if (model.marginTo(px, py, pz, px / r, py / r, pz / r) > 0) counts[j][k] = (counts[j][k] as number) + 1;
      }
    }
  }
  return { timesS, counts };
}

function scenarioCzml(scenario: Scenario, table: StateTable<'ITRF'>, trajectories: readonly Trajectory[], tracks: readonly TrackSnapshot[]): Record<string, unknown>[] {
  const satellitePackets = czmlFromStateTable(
    table,
    scenario.satellites.map((s) => ({ id: s.id, name: s.name, owner: s.owner, constellation: s.constellation })),
    { name: scenario.name },
  );
  const threatPackets = trajectories.map((traj) => {
    const series = sampleTrajectory(traj, { step: 2 });
    const { times, positionsItrf } = czmlSamples(series);
    return czmlTrajectoryPacket({ id: `threat/${traj.id}`, name: traj.id, times, positionsItrf, kind: 'threat', color: traj.vehicle.kind === 'glide' ? [255, 69, 0, 255] : [255, 215, 0, 255] });
  });
  // One path per confirmed track, sampled every 2 s of its confirmed life.
  const byTrack = new Map<string, TrackSnapshot[]>();
  for (const snap of tracks) {
    if (snap.status !== 'confirmed') continue;
    const list = byTrack.get(snap.trackId) ?? [];
    if (list.length === 0 || snap.t - list[list.length - 1].t >= 2) list.push(snap);
    byTrack.set(snap.trackId, list);
  }
  const trackPackets = [...byTrack].filter(([, list]) => list.length >= 2).map(([id, list]) => {
    const positionsItrf = new Float64Array(3 * list.length);
    list.forEach((snap, k) => positionsItrf.set(snap.position, 3 * k));
    return czmlTrajectoryPacket({ id: `track/${id}`, name: `track ${id} (${list[list.length - 1].classification})`, times: list.map((snap) => snap.t), positionsItrf, kind: 'track', color: [0, 255, 255, 255] });
  });
  const [, ...rest] = satellitePackets;
  return czmlDocument(scenario.name, scenario.time.start, scenario.time.end, [...rest, ...threatPackets, ...trackPackets]);
}

function describeDesign(design: Scenario['constellations'][number]['design']): string {
  switch (design.type) {
    case 'walker':
      return `${design.spec.pattern}:${round(design.spec.inclination / DEG, 4)}:${design.spec.total}/${design.spec.planes}/${design.spec.phasing}@${round(design.spec.altitude / KM, 3)}km`;
    case 'sun-synchronous':
      return `sun-synchronous ${round(design.altitude / KM, 3)} km, ${design.localTimesOfAscendingNode.length} planes x ${design.satellitesPerPlane}`;
    case 'element-sets':
      return `${design.format.toUpperCase()} ${design.file}`;
  }
}

function trackingRow(view: string, score: Score): ReportTrackingRow {
  const finite = (x: number, digits: number) => (Number.isFinite(x) ? round(x, digits) : null);
  return {
    view,
    custodyPercent: round(score.custody * 100, 3),
    meanTimeToConfirmedS: finite(score.meanTimeToConfirmed, 3),
    fireControlPercent: round(score.fireControlFraction * 100, 3),
    positionRmseM: finite(score.positionRmse, 2),
    positionRmseCustodyTimeM: finite(score.eligiblePositionRmse, 2),
    velocityRmseMps: finite(score.velocityRmse, 3),
    meanNees: finite(score.meanNees, 3),
    falseConfirmedTracks: score.falseTracks,
    idSwitches: score.idSwitches,
    confirmedTracks: new Set(score.objects.flatMap((o) => o.trackIds)).size + score.falseTracks,
  };
}

/** At each grid time, the distance from each threat's truth to the nearest confirmed track within the cut-off (null: none). */
function trackErrors(scans: readonly ScanOutput[], truth: readonly TruthSample[], trajectories: readonly Trajectory[], grid: TimeGrid, cutoff: number): Record<string, (number | null)[]> {
  const scanAt = new Map(scans.map((scan) => [Math.round(scan.t * 1000), scan]));
  const truthAt = new Map(truth.map((sample) => [`${sample.objectId}@${Math.round(sample.t * 1000)}`, sample]));
  const out: Record<string, (number | null)[]> = {};
  for (const traj of trajectories) {
    out[traj.id] = Array.from({ length: grid.count }, (_, k) => {
      const key = Math.round(gridInstant(grid, k) * 1000);
      const scan = scanAt.get(key);
      const sample = truthAt.get(`${traj.id}@${key}`);
      if (!scan || !sample) return null;
      let best = Number.POSITIVE_INFINITY;
      for (const track of scan.tracks) {
        if (track.status !== 'confirmed') continue;
        const d = Math.hypot(track.position[0] - sample.position[0], track.position[1] - sample.position[1], track.position[2] - sample.position[2]);
        if (d < best) best = d;
      }
      return best <= cutoff ? round(best, 1) : null;
    });
  }
  return out;
}

/**
 * Releasability per report sensor. Without labels in the file, every sensor is shared with every
 * nation of the scenario (the allies pool their picture). With labels, a payload
 * (`PLATFORM/PAYLOAD`) takes its own or its satellite's; unlabelled ones get the tracker's default.
 */
function releasabilityOfPayloads(sensorIds: readonly string[], given: Readonly<Record<string, string[]>>, nations: readonly string[]): Record<string, string[]> {
  const labelled = Object.keys(given).length > 0;
  const out: Record<string, string[]> = {};
  for (const id of sensorIds) {
    const label = labelled ? (given[id] ?? given[platformOf(id)]) : nations;
    if (label) out[id] = [...label];
  }
  return out;
}

/**
 * The sensor each satellite counts with for coverage, and whether it counts at all: the named
 * payload (satellites without it do not count) or each satellite's first one. Against a target
 * of a given radiant intensity, a sensor counts only out to the range where the target's
 * irradiance reaches its detection threshold: k NEI = I / R^2, so R = sqrt(I / (k NEI)).
 */
function coveragePayloads(
  allPayloads: readonly (readonly ScenarioSensor[])[],
  payload: string | null,
  targetIntensity: number | null,
): { sensors: Sensor[]; carries: boolean[] } {
  const sensors: Sensor[] = [];
  const carries: boolean[] = [];
  for (const payloads of allPayloads) {
    const chosen = payload === null ? payloads[0] : payloads.find((p) => p.id === payload);
    carries.push(chosen !== undefined);
    const entry = chosen ?? payloads[0];
    const nei = entry.sensor.noiseEquivalentIrradiance;
    if (targetIntensity === null || nei === null) {
      sensors.push(entry.sensor);
      continue;
    }
    const detectionRange = Math.sqrt(targetIntensity / (entry.detectionThreshold * nei));
    sensors.push({ ...entry.sensor, maxRange: Math.min(entry.sensor.maxRange, detectionRange) });
  }
  return { sensors, carries };
}

/** How a coverage map's title says what counted: " (fire-control-mwir, 200 W/sr target)". */
function coverageBasis(payload: string | null, targetIntensity: number | null): string {
  const parts = [payload, targetIntensity === null ? null : `${targetIntensity} W/sr target`].filter((p) => p !== null);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/**
 * Per threat, how many satellites could detect it at each report time (seconds from `start`),
 * from the truth samples that fall on those times; null where the threat is not flying.
 */
function detectingOnGrid(truth: readonly TruthSample[], trajectories: readonly Trajectory[], timesS: readonly number[], start: Instant): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = Object.fromEntries(trajectories.map((t) => [t.id, timesS.map(() => null)]));
  const slot = new Map(timesS.map((t, k) => [Math.round(t * 1000), k]));
  for (const sample of truth) {
    const k = slot.get(Math.round((sample.t - start) * 1000));
    const row = out[sample.objectId];
    if (k !== undefined && row) row[k] = sample.sensorsInView ?? null;
  }
  return out;
}

function additivityViewsOrCombined(scenario: Scenario): { view: string; nations: readonly string[] }[] {
  return scenario.figures.additivity ? additivityViews(scenario.nations) : [{ view: 'combined', nations: scenario.nations }];
}

/**
 * For each view and each station policy (a satellite uses its owner's stations, or any allied
 * station of the scenario), how long the view's satellites' reports wait for a ground contact.
 */
function downlinkFigures(scenario: Scenario, table: StateTable<'ITRF'>, reports: readonly Report[], views: readonly { view: string; nations: readonly string[] }[]): ReportDownlinkRow[] {
  const { satellites, time } = scenario;
  const stations = scenario.groundStations.map((g) => ({ owner: g.owner, station: { site: groundSite(g.location), minElevation: g.minElevation } }));
  const window = { start: time.start, end: time.end };
  const contacts = {
    own: satellites.map((sat, i) => contactIntervals(positionsOf(stateTableSource(table, i)), stations.filter((s) => s.owner === sat.owner).map((s) => s.station), window)),
    allied: satellites.map((_, i) => contactIntervals(positionsOf(stateTableSource(table, i)), stations.map((s) => s.station), window)),
  };
  const indexOf = new Map(satellites.map((sat, i) => [sat.id, i]));
  const rows: ReportDownlinkRow[] = [];
  for (const view of views) {
    const wanted = new Set(view.nations);
    const mine = reports.filter((r) => {
      const i = indexOf.get(platformOf(r.sensorId));
      return i !== undefined && wanted.has(satellites[i].owner);
    });
    for (const policy of ['own', 'allied'] as const) {
      const delays = mine.map((r) => deliveryDelay(contacts[policy][indexOf.get(platformOf(r.sensorId))!], r.t));
      const f = latencyFigures(delays);
      rows.push({
        view: view.view,
        stations: policy,
        reports: f.reports,
        inContactPercent: round(f.inContactPercent, 3),
        medianDelayS: f.medianS === null ? null : round(f.medianS, 1),
        p95DelayS: f.p95S === null ? null : round(f.p95S, 1),
        maxDelayS: f.maxS === null ? null : round(f.maxS, 1),
        undeliveredPercent: round(f.undeliveredPercent, 3),
      });
    }
  }
  return rows;
}
