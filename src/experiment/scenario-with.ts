/**
 * A scenario's text with values set at paths (a sweep point's `--set`, a
 * lesson variant's `set`), parsed and checked again; `api.type` applied the
 * way `compare` does. Pure (text in, scenario out): the sweep, the lessons
 * and the browser playground share it.
 */
import { ENTRY_POINTS, FRONT_DOOR_TYPES } from '../catalog/entry-points.js';
import { adaptToFrontDoor } from '../scenario/adapt-front-door.js';
import { parseScenarioText } from '../scenario/scenario-text.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import type { Scenario } from '../scenario/schema.js';

const API_TYPE = 'api.type';

/** A value to give a scenario path: `integration.memory` = `512MB`, and how the user wrote it (for errors). */
export interface Assignment {
  name: string;
  path: readonly string[];
  value: unknown;
  given: string;
}

/**
 * The scenario with values set, checked by the scenario schema (an error
 * names the assignment it comes from); `api.type` is applied as `compare`
 * does. `skipped` when the front door cannot take the workload at all.
 */
export function scenarioWith(text: string, file: string, assignments: readonly Assignment[]): { scenario: Scenario; raw: unknown; notes: string[] } | { skipped: string } {
  const type = assignments.find((a) => a.name === API_TYPE);
  // to or from the event bus there is nothing to adapt: the type is set like any value, and the schema
  // judges; a point the other side refuses (access logs on a bus, api.delivery on an API...) is skipped
  // with the schema's reason, as compare skips a type, while the file itself stays valid
  const parsed = (these: readonly Assignment[]) => {
    const loaded = parseScenarioText(text, file, these);
    return { scenario: loaded.scenario, raw: loaded.raw, notes: [] };
  };
  const plain = () => {
    try {
      return parsed(assignments);
    } catch (error) {
      if (!type || !(error instanceof ScenarioError)) throw error;
      parsed(assignments.filter((a) => a !== type)); // the file and the other values are at fault: say so
      const reasons = error.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ');
      return { skipped: `api.type=${String(type.value)}: skipped, ${reasons}` };
    }
  };
  // a value that is no front door (a lesson's `set` is not checked like --set) is set as written, for the schema to refuse
  if (!type || !(FRONT_DOOR_TYPES as readonly unknown[]).includes(type.value)) return plain();
  const loaded = parseScenarioText(text, file, assignments.filter((a) => a !== type));
  // from an asynchronous entry point (an event bus, an SDK call to a queue or a topic) the schema judges too:
  // a REST API in front of the same queue is then the same scenario with api.type changed
  if (ENTRY_POINTS[loaded.scenario.api.type].mode === 'async') return plain();
  const adapted = adaptToFrontDoor(loaded.scenario, type.value as Scenario['api']['type']);
  return 'skipped' in adapted ? adapted : { scenario: adapted.scenario, raw: loaded.raw, notes: adapted.notes };
}
