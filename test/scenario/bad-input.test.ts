import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/math/errors.ts';
import { ScenarioError } from '../../src/scenario/issues.ts';
import { checkScenarioText, loadScenarioText } from '../../src/scenario/load.ts';
import { baseScenario, problems } from './helpers.ts';

/** Exactly one problem, at `path`, naming the value. */
function expectOne(found: string[], path: string, value: string, problem?: RegExp): void {
  expect(found, found.join('\n')).toHaveLength(1);
  expect(found[0].startsWith(`${path}: `), found[0]).toBe(true);
  expect(found[0]).toContain(`got ${value}`);
  if (problem) expect(found[0]).toMatch(problem);
}

describe('the base scenario of these tests', () => {
  it('is valid, so each case below breaks exactly what it says', () => {
    expect(problems(baseScenario())).toEqual([]);
  });
});

describe('impossible values: each problem names its path and value', () => {
  it('altitude below 150 km', () => {
    const s = baseScenario();
    s.constellations[1].altitudeKm = 90;
    expectOne(problems(s), 'constellations[1].altitudeKm', '90', /must be >= 150/);
  });

  it('inclination over 180 deg', () => {
    const s = baseScenario();
    s.constellations[0].inclinationDeg = 200;
    expectOne(problems(s), 'constellations[0].inclinationDeg', '200', /must be <= 180/);
  });

  it('T not divisible by P', () => {
    const s = baseScenario();
    s.constellations[0].total = 9;
    expectOne(problems(s), 'constellations[0].total', '9', /divisible by planes \(P = 2\)/);
  });

  it('phasing F beyond P - 1', () => {
    const s = baseScenario();
    s.constellations[1].phasing = 3;
    expectOne(problems(s), 'constellations[1].phasing', '3', /0 to planes - 1 = 2/);
  });

  it('negative seed, and a seed that is not whole', () => {
    const s = baseScenario();
    s.seed = -1;
    expectOne(problems(s), 'seed', '-1', /must be >= 0/);
    s.seed = 1.5;
    expectOne(problems(s), 'seed', '1.5', /whole number/);
  });

  it('step larger than the duration', () => {
    const s = baseScenario();
    s.time.stepS = 3600;
    expectOne(problems(s), 'time.stepS', '3600', /must not exceed time.durationS \(1800 s\)/);
  });

  it('zero duration', () => {
    const s = baseScenario();
    s.time.durationS = 0;
    // The step then exceeds nothing that exists: only the duration is reported.
    expectOne(problems(s), 'time.durationS', '0', /must be > 0/);
  });

  it('an empty region box (south = north)', () => {
    const s = baseScenario();
    s.regions[0].box.northDeg = 20;
    expectOne(problems(s), 'regions[0].box.northDeg', '20', /empty box/);
  });

  it('a region polygon that encloses no area', () => {
    const s = baseScenario();
    s.regions[0] = { id: 'line', polygon: [{ latDeg: 0, lonDeg: 0 }, { latDeg: 1, lonDeg: 1 }, { latDeg: 2, lonDeg: 2 }], altitudesKm: [0] };
    expectOne(problems(s), 'regions[0].polygon', '[{"latDeg":0,"lonDeg":0}', /encloses no area/);
  });

  it('a region polygon with no grid point inside at its spacing', () => {
    const s = baseScenario();
    s.regions[0] = {
      id: 'sliver',
      polygon: [{ latDeg: 10, lonDeg: 10 }, { latDeg: 10.01, lonDeg: 10 }, { latDeg: 10.01, lonDeg: 10.3 }],
      gridDeg: 5,
    };
    expectOne(problems(s), 'regions[0].gridDeg', '5', /leaves the region empty/);
  });

  it('a region with neither box, polygon nor global', () => {
    const s = baseScenario();
    delete s.regions[0].box;
    const found = problems(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^regions\[0\]: must give one of box, polygon, global/);
  });

  it('launch point equal to the aim point', () => {
    const s = baseScenario();
    s.threats[0].aim = { ...s.threats[0].launch };
    expectOne(problems(s), 'threats[0].aim', '{"latDeg":25.8,"lonDeg":117.5}', /at least 10 km from the launch point/);
  });

  it('a launch time outside the scenario', () => {
    const s = baseScenario();
    s.threats[0].launchTime = '2026-01-01T02:00:00Z';
    expectOne(problems(s), 'threats[0].launchTime', '"2026-01-01T02:00:00Z"', /within the scenario \(2026-01-01T00:00:00Z to 2026-01-01T00:30:00Z\)/);
  });

  it('a time that is not ISO-8601', () => {
    const s = baseScenario();
    s.time.start = '1 January 2026';
    expectOne(problems(s), 'time.start', '"1 January 2026"', /ISO-8601/);
  });

  it('an owner that is not an ISO 3166 alpha-3 code', () => {
    const s = baseScenario();
    s.constellations[1].owner = 'Japan';
    expectOne(problems(s), 'constellations[1].owner', '"Japan"', /alpha-3/);
  });

  it('a sensor angle outside (0, 180) deg', () => {
    const s = baseScenario();
    s.sensors[0].fieldOfRegard = { shape: 'cone', halfAngleDeg: 190 };
    expectOne(problems(s), 'sensors[0].fieldOfRegard.halfAngleDeg', '190', /must be < 180/);
  });

  it('a cued sensor with no looks, or part of one, per frame', () => {
    const s = baseScenario();
    s.sensors[0].looksPerFrame = 0;
    expectOne(problems(s), 'sensors[0].looksPerFrame', '0', /must be >= 1|too small/);
    s.sensors[0].looksPerFrame = 1.5;
    expectOne(problems(s), 'sensors[0].looksPerFrame', '1.5', /whole number|integer/);
  });

  it('a dwell on a staring sensor, or of no frames', () => {
    const s = baseScenario();
    s.sensors[0].dwellFrames = 3;
    expectOne(problems(s), 'sensors[0].dwellFrames', '3', /only to a cued sensor/);
    s.sensors[0].looksPerFrame = 1;
    s.sensors[0].dwellFrames = 0;
    expectOne(problems(s), 'sensors[0].dwellFrames', '0', /must be >= 1|too small/);
  });

  it('a raid window that ends before it starts', () => {
    const s = baseScenario();
    s.raids = [
      {
        id: 'r',
        count: 2,
        vehicles: ['mrbm'],
        launchArea: { box: { southDeg: 25, northDeg: 28, westDeg: 114, eastDeg: 117 } },
        aimArea: { circle: { latDeg: 33.16, lonDeg: 129.72, radiusKm: 30 } },
        window: { start: '2026-01-01T00:10:00Z', end: '2026-01-01T00:05:00Z' },
      },
    ];
    expectOne(problems(s), 'raids[0].window.end', '"2026-01-01T00:05:00Z"', /after window.start/);
  });

  it('a raid whose areas are the same point', () => {
    const s = baseScenario();
    const spot = { circle: { latDeg: 30, lonDeg: 120, radiusKm: 1 } };
    s.raids = [{ id: 'r', count: 1, vehicles: ['srbm'], launchArea: spot, aimArea: spot, window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' } }];
    const found = problems(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^raids\[0\]\.aimArea: gives launch and aim points closer than 10 km/);
  });
});

describe('wrong types', () => {
  it('text where a number belongs, a number where text belongs, a scalar where a list belongs', () => {
    const s = baseScenario();
    s.constellations[0].altitudeKm = '1200';
    s.name = 5;
    s.sensors = 'wfov';
    const found = problems(s);
    expect(found).toContainEqual(expect.stringMatching(/^name: must be text, got 5/));
    expect(found).toContainEqual(expect.stringMatching(/^sensors: must be a list, got "wfov"/));
    expect(found).toContainEqual(expect.stringMatching(/^constellations\[0\]\.altitudeKm: must be a number, got "1200"/));
  });

  it('a missing required key', () => {
    const s = baseScenario();
    delete s.time.start;
    expect(problems(s)).toEqual([expect.stringMatching(/^time\.start: is required/)]);
  });

  it('an unknown constellation type', () => {
    const s = baseScenario();
    s.constellations[0].type = 'flower';
    expectOne(problems(s), 'constellations[0].type', '"flower"', /one of walker, sun-synchronous, element-sets/);
  });
});

describe('unknown keys are errors, with their path', () => {
  it('at the root, in a constellation and in the tracker, with a hint for a near miss', () => {
    const s = baseScenario();
    s.colour = 'blue';
    s.constellations[1].altitudekm = 900;
    s.tracker = { filtr: 'ekf' };
    const found = problems(s);
    expect(found).toHaveLength(3);
    expect(found).toContainEqual(expect.stringMatching(/^colour: is not a known key, got "blue"/));
    expect(found).toContainEqual(expect.stringMatching(/^constellations\[1\]\.altitudekm: is not a known key \(did you mean altitudeKm\?\), got 900/));
    expect(found).toContainEqual(expect.stringMatching(/^tracker\.filtr: is not a known key \(did you mean filter\?\), got "ekf"/));
  });
});

describe('references between sections', () => {
  it('a payload that is not a sensor', () => {
    const s = baseScenario();
    s.constellations[0].payloads = ['wfov', 'mfov'];
    expectOne(problems(s), 'constellations[0].payloads[1]', '"mfov"', /is not a sensor id \(sensors: wfov\)/);
  });

  it('a vehicle that is neither a preset nor a custom vehicle', () => {
    const s = baseScenario();
    s.threats[0].vehicle = 'df-21';
    expectOne(problems(s), 'threats[0].vehicle', '"df-21"', /known: srbm, mrbm, irbm, icbm, htv-2, df-17, cav-h/);
  });

  it('repeated ids', () => {
    const s = baseScenario();
    s.constellations[1].id = 'us';
    expectOne(problems(s), 'constellations[1].id', '"us"', /repeats the id of constellations\[0\]/);
  });

  it('two constellations giving the same satellite ids', () => {
    const s = baseScenario();
    s.constellations[0].idPrefix = 'X-';
    s.constellations[1].idPrefix = 'X-';
    expectOne(problems(s), 'constellations[1].idPrefix', '"X-"', /satellite id X-01-01, which constellations\[0\] also has/);
  });

  it('a ballistic profile on a glider and manoeuvres on a ballistic missile', () => {
    const s = baseScenario();
    s.threats[0].profile = 'lofted';
    s.threats.push({ id: 'b1', vehicle: 'mrbm', launch: { latDeg: 26.5, lonDeg: 116 }, aim: { latDeg: 33.16, lonDeg: 129.72 }, launchTime: '2026-01-01T00:02:00Z', manoeuvres: [{ type: 'heading-change', atS: 100, deltaDeg: 5, durationS: 10 }] });
    const found = problems(s);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^threats\[0\]\.profile: applies only to ballistic vehicles \(df-17 is a glide vehicle\), got "lofted"/);
    expect(found[1]).toMatch(/^threats\[1\]\.manoeuvres: applies only to glide vehicles \(mrbm is ballistic\)/);
  });

  it('an apogee on the minimum-energy profile', () => {
    const s = baseScenario();
    s.threats[0] = { id: 'b', vehicle: 'mrbm', launch: { latDeg: 26.5, lonDeg: 116 }, aim: { latDeg: 33.16, lonDeg: 129.72 }, launchTime: '2026-01-01T00:02:00Z', apogeeKm: 200 };
    expectOne(problems(s), 'threats[0].apogeeKm', '200', /depressed and lofted/);
  });

  it('a custom vehicle with a key of the other kind, and one named like a preset', () => {
    const s = baseScenario();
    s.vehicles = [
      { id: 'heavy-rv', basedOn: 'mrbm', liftToDrag: 2 },
      { id: 'df-17', basedOn: 'df-17' },
    ];
    const found = problems(s);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^vehicles\[0\]\.liftToDrag: applies only to glide vehicles \(mrbm is ballistic\), got 2/);
    expect(found[1]).toMatch(/^vehicles\[1\]\.id: is the name of a preset/);
  });

  it('coverage of a region that does not exist', () => {
    const s = baseScenario();
    s.figures = { coverage: { regions: ['nowhere'] } };
    expectOne(problems(s), 'figures.coverage.regions[0]', '"nowhere"', /is not a region id \(regions: theatre\)/);
  });

  it('an ISR revisit with no imaging constellation', () => {
    const s = baseScenario();
    s.figures = { isrRevisit: { sites: [{ id: 'a', latDeg: 30, lonDeg: 125 }] } };
    const found = problems(s);
    expect(found).toEqual([expect.stringMatching(/^figures\.isrRevisit: needs a constellation carrying an eo-imager or radar-imager payload/)]);
  });

  it('tracker settings that disagree (a sojourn time per model)', () => {
    const s = baseScenario();
    s.tracker = { models: ['ballistic', 'glide'], sojournS: [60] };
    // The wording is src/tracking's; the path and the value are the loader's.
    expectOne(problems(s), 'tracker.sojournS', '[60]');
  });
});

describe('element-set files', () => {
  it('a missing file names the path as written and as resolved against the scenario folder', () => {
    const s = baseScenario();
    s.constellations.push({ id: 'cat', type: 'element-sets', owner: 'GBR', file: 'no/such.tle', payloads: ['wfov'] });
    const found = problems(s, { baseDir: '/data/scenarios' });
    expectOne(found, 'constellations[2].file', '"no/such.tle"', /no such file: \/data\/scenarios\/no\/such\.tle/);
  });

  it('a file with no usable element set', () => {
    const s = baseScenario();
    s.constellations.push({ id: 'cat', type: 'element-sets', owner: 'GBR', file: 'helpers-not-tle.tle', payloads: ['wfov'] });
    const found = problems(s, { files: { read: () => 'nothing here\n' } });
    expectOne(found, 'constellations[2].file', '"helpers-not-tle.tle"', /holds no element set SGP4 can use/);
  });

  it('without a file reader (in a browser) the file is a problem, not a crash', () => {
    const s = baseScenario();
    s.constellations.push({ id: 'cat', type: 'element-sets', owner: 'GBR', file: 'three.tle', payloads: ['wfov'] });
    const check = checkScenarioText(JSON.stringify(s), { format: 'json' });
    expect(check.issues.map((i) => i.problem)).toEqual([expect.stringMatching(/no file reader/)]);
  });
});

describe('all problems at once', () => {
  it('reports every problem of a file with many, in file order, each with its line', () => {
    const s = baseScenario();
    s.seed = -1;
    s.time.stepS = 3600;
    s.constellations[0].total = 9;
    s.constellations[1].altitudeKm = 90;
    s.constellations[1].inclinationDeg = 200;
    s.constellations.push({ id: 'cat', type: 'element-sets', owner: 'GBR', file: 'missing.tle', payloads: ['nope'] });
    s.threats[0].aim = { ...s.threats[0].launch };
    s.regions[0].box.northDeg = 10;
    s.unknown = true;
    const text = JSON.stringify(s, null, 2);
    let error: unknown;
    try {
      loadScenarioText(text, { source: 'many.json', files: { read: () => { throw Object.assign(new Error('gone'), { code: 'ENOENT' }); } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error).toBeInstanceOf(InputError);
    const e = error as ScenarioError;
    const paths = e.issues.map((i) => i.path.map(String).join('.'));
    expect(paths).toEqual([
      'seed',
      'time.stepS',
      'constellations.0.total',
      'constellations.1.inclinationDeg',
      'constellations.1.altitudeKm',
      'constellations.2.file',
      'constellations.2.payloads.0',
      'threats.0.aim',
      'regions.0.box.northDeg',
      'unknown',
    ]);
    const lines = e.issues.map((i) => i.line ?? 0);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    // The line is where the key is in the text.
    const textLines = text.split('\n');
    expect(textLines[(e.issues[0].line as number) - 1]).toContain('"seed": -1');
    expect(e.message.split('\n')[0]).toBe('many.json: 10 problems');
    expect(e.message).toContain('constellations[1].altitudeKm: must be >= 150, got 90 (line');
  });

  it('YAML syntax errors are reported with their lines; duplicate keys too', () => {
    const found = checkScenarioText('name: a\nseed: 1\nname: b\ntime: [1, 2\n', { format: 'yaml' }).issues;
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found[0].problem).toMatch(/not valid YAML: Map keys must be unique/);
    expect(found[0].line).toBe(3);
  });

  it('a JSON syntax error names its line', () => {
    const found = checkScenarioText('{\n  "name": "a",\n  "seed": 1,,\n}', { format: 'json' }).issues;
    expect(found).toHaveLength(1);
    expect(found[0].problem).toMatch(/not valid JSON/);
    expect(found[0].line).toBe(3);
  });

  it('a document that is not a mapping', () => {
    expect(checkScenarioText('- a\n- b\n').issues[0].problem).toMatch(/must be a mapping/);
  });
});
