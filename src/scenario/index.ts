// The scenario file: schema (zod, units at the edge), loading into the typed SI scenario, summary.
export * from './types.ts';
export * from './issues.ts';
export { scenarioFileSchema, type ScenarioFile, type ScenarioFileInput } from './schema.ts';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.ts';
export { type ScenarioTextFormat, detectFormat, parseScenarioText } from './parse-text.ts';
export { type CompileOptions, type CompileResult, type ScenarioFiles, DEFAULT_DETECTION_THRESHOLD_SIGMA, compileScenario } from './compile.ts';
export { type LoadScenarioOptions, type ScenarioCheck, checkScenarioText, loadScenarioDocument, loadScenarioText } from './load.ts';
export { drawRaid, areaFromFile } from './raids.ts';
export { regionGrids } from './regions.ts';
export { deriveSeed, drawPointIn, greatCircleKm } from './geometry.ts';
export { describeScenario } from './summary.ts';
export { folderOf, resolvePath } from './paths.ts';
export { type NationSets, nationSets, primarySensors, satellitePayloads, sensorById } from './lookup.ts';
