/** Small questions a run asks of a typed scenario: which sensor a satellite carries, whose satellites are whose. */
import { satellitesOwnedBy } from '../coverage/owners.ts';
import type { Sensor } from '../sensors/sensor.ts';
import type { Scenario, ScenarioSensor } from './types.ts';

export function sensorById(scenario: Scenario, id: string): ScenarioSensor {
  const found = scenario.sensors.find((s) => s.id === id);
  // The loader checked every payload reference, so a miss is a programming error.
  if (!found) throw new Error(`no sensor ${id} in the scenario`);
  return found;
}

/** The payloads of each satellite (Scenario.satellites order), from its constellation. */
export function satellitePayloads(scenario: Scenario): ScenarioSensor[][] {
  return scenario.constellations.flatMap((c) => c.satellites.map(() => c.payloads.map((id) => sensorById(scenario, id))));
}

/** One sensor per satellite (its first payload), in Scenario.satellites order: what the coverage engine takes. */
export function primarySensors(scenario: Scenario): Sensor[] {
  return satellitePayloads(scenario).map((payloads) => payloads[0].sensor);
}

/**
 * The satellite sets of the additivity question, as indices into Scenario.satellites: all of them,
 * each nation alone, and all but each nation (combined minus that set gives the nation's marginal
 * contribution). With one nation, `allBut` of it is empty.
 */
export interface NationSets {
  readonly combined: readonly number[];
  readonly alone: ReadonlyMap<string, readonly number[]>;
  readonly allBut: ReadonlyMap<string, readonly number[]>;
}

export function nationSets(scenario: Scenario): NationSets {
  const owners = scenario.satellites.map((s) => s.owner);
  const combined = owners.map((_, i) => i);
  const alone = new Map<string, number[]>();
  const allBut = new Map<string, number[]>();
  for (const nation of scenario.nations) {
    alone.set(nation, satellitesOwnedBy([nation], owners));
    const others = scenario.nations.filter((n) => n !== nation);
    allBut.set(nation, others.length > 0 ? satellitesOwnedBy(others, owners) : []);
  }
  return { combined, alone, allBut };
}
