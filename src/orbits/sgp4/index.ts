export { type Sgp4ErrorCode, type Sgp4InitResult, type Sgp4Satellite, initSgp4, initSgp4FromTle, tleEpoch } from './init.ts';
export { type Sgp4Result, sgp4State, sgp4StateAtMinutes } from './single.ts';
export {
  type Sgp4BulkOptions,
  type Sgp4OutputFrame,
  type Sgp4Problem,
  type Sgp4RunPlan,
  type Sgp4Table,
  earthRotations,
  planSgp4Run,
  propagateSgp4,
  propagateSgp4Into,
} from './bulk.ts';
