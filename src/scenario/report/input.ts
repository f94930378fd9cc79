/**
 * What report.html is drawn from: the run's summary (the same object written as summary.json)
 * plus the time series and maps a person would rather look at than read. Everything here is
 * plain data, units in the key names, times as ISO-8601 UTC text or seconds from the start.
 */

export interface ReportCoverageFold {
  fold: number;
  meanPercentCovered: number;
  minPercentCovered: number;
  percentPointsAlwaysCovered: number;
}

export interface ReportCoverageRow {
  region: string;
  altitudeKm: number;
  /** 'combined', a nation (ISO alpha-3) alone, or 'without:XXX' (everyone but that nation). */
  view: string;
  folds: ReportCoverageFold[];
  /** Per cent of time and grid with two or more sensors crossing at the stereo angle, or null when not asked. */
  meanPercentStereo: number | null;
  meanSensorsInView: number;
  /** The payload that counted, when the scenario names one (otherwise each satellite's first). */
  payload?: string;
  /** The radiant intensity of the target coverage was computed against, W/sr, when given (otherwise geometry alone). */
  targetIntensityWSr?: number;
}

export interface ReportTrackingRow {
  view: string;
  custodyPercent: number;
  meanTimeToConfirmedS: number | null;
  fireControlPercent: number;
  positionRmseM: number | null;
  /** Position RMSE over the time custody counts (the threat detectable by at least `figures.tracking.minSensorsInView` satellites, 2 by default), m. */
  positionRmseCustodyTimeM?: number | null;
  velocityRmseMps: number | null;
  meanNees: number | null;
  falseConfirmedTracks: number;
  idSwitches: number;
  confirmedTracks: number;
}

export interface ReportAdditivityRow {
  nation: string;
  /** Name of the figure, with its unit, e.g. "coverage 2-fold % (theatre, 40 km)". */
  figure: string;
  combined: number;
  alone: number;
  /** The figure for every nation but this one. */
  others: number;
  /** combined - others: what this nation adds. */
  marginal: number;
}

export interface ReportThreatRow {
  id: string;
  vehicle: string;
  kind: 'ballistic' | 'glide';
  launchUtc: string;
  impactUtc: string;
  rangeKm: number;
  flightTimeS: number;
  apogeeKm: number;
  maxSpeedMps: number;
  impactErrorM: number;
  maxSatellitesInView: number;
  /** Seconds of flight in the view of two or more satellites (geometry, first payload). */
  secondsSeenBy2Plus: number;
  /** Seconds of flight two or more satellites could detect (any payload's signal at least its threshold); present when tracking ran. */
  secondsDetectableBy2Plus?: number;
}

/**
 * Optional: how long reports wait on board for a ground contact without crosslinks, per view and
 * station policy ('own': each satellite uses its owner's stations; 'allied': any station).
 */
export interface ReportDownlinkRow {
  view: string;
  stations: 'own' | 'allied';
  reports: number;
  /** Per cent of reports made while their satellite was in contact (sent at once). */
  inContactPercent: number;
  /** Delays of the delivered reports, s (null: none delivered). */
  medianDelayS: number | null;
  p95DelayS: number | null;
  maxDelayS: number | null;
  /** Per cent of reports still on board at the end of the scenario. */
  undeliveredPercent: number;
}

/** Optional: revisit of ISR sites by imaging satellites (figures.isrRevisit), one row per site and view. */
export interface ReportRevisitRow {
  site: string;
  /** 'combined' or a nation, as for coverage. */
  view: string;
  looks: number;
  looksPerDay: number;
  /** Mean time between the starts of successive looks, s; null with fewer than two looks. */
  meanRevisitS: number | null;
  /** Longest time between looks (the window's ends count), s. */
  maxRevisitS: number;
}

export interface ReportSummary {
  scenario: {
    name: string;
    description: string | null;
    seed: number;
    startUtc: string;
    endUtc: string;
    stepS: number;
    nations: string[];
    satellites: number;
    constellations: { id: string; owner: string; satellites: number; design: string }[];
    threats: number;
  };
  /** Wall time of each stage, s. */
  timingS: Record<string, number>;
  threats: ReportThreatRow[];
  coverage: ReportCoverageRow[];
  tracking: ReportTrackingRow[];
  additivity: ReportAdditivityRow[];
  /** Optional: present when the scenario asks for ISR revisit figures; the report then gains a section for them. */
  isrRevisit?: ReportRevisitRow[];
  /** Optional: present when the scenario has ground stations and reports; the report then gains a section. */
  downlink?: ReportDownlinkRow[];
}

export interface ReportSeries {
  /** Seconds from the scenario start of the samples below. */
  timesS: number[];
  /** Per threat id: how many satellites see it at each time (null before launch or after impact). */
  satellitesInView: Record<string, (number | null)[]>;
  /** Per threat id: distance from the truth of the confirmed track holding it, m (null: no confirmed track). */
  trackErrorM: Record<string, (number | null)[]>;
  /**
   * Optional, per threat id: how many satellites could detect it at each time (in view, and its
   * expected signal at least the detection threshold). When given, the custody lanes use it: a
   * threat can be tracked only while two or more detect it.
   */
  satellitesDetecting?: Record<string, (number | null)[]>;
  /** Optional: the fire-control threshold (position one-sigma), m, drawn as a dashed line on the track error plot. */
  fireControlSigmaM?: number;
}

export interface ReportMap {
  title: string;
  /** A complete <svg> element (src/coverage/map.ts coverageMapSvg). */
  svg: string;
}

export interface ReportInput {
  summary: ReportSummary;
  series: ReportSeries;
  maps: ReportMap[];
  /** The scenario file as written, shown in the report. */
  scenarioText: string;
}
