/**
 * A metastability map (`sweep --map`): the scenario's `map` section as a
 * sweep of two axes, the trigger's size (one scenario path and its values)
 * across and the named retry policies (each a set of paths and values, as
 * a lesson variant sets them) down. Every cell is a point of the sweep,
 * replicated like any other, so its figures include P(collapse) and the
 * recovery times (metrics/collapse-across.ts) that the heatmaps show.
 */
import type { Scenario } from '../scenario/schema.js';
import { scenarioWith, type Assignment, type PlannedPoint, type SweepPlan } from './sweep.js';
import { sweepGrid, type SweepParameter } from './sweep-spec.js';

/** The name of the policies' axis in sweep.csv, sweep.json and the charts. */
export const POLICY_AXIS = 'policy';

export type MapSpec = NonNullable<Scenario['map']>;

/** Every (trigger value, policy) cell, each checked by the scenario schema (an error names the map entry it comes from). */
export function planMap(text: string, file: string, map: MapSpec): SweepPlan {
  const trigger: SweepParameter = { name: map.trigger.path, path: map.trigger.path.split('.'), values: map.trigger.values, log: false };
  const policies: SweepParameter = { name: POLICY_AXIS, path: [], values: map.policies.map((p) => p.name), log: false };
  const notes = new Set<string>();
  const points: PlannedPoint[] = [];
  for (const point of sweepGrid([trigger, policies])) {
    const [value, name] = point.values;
    const policy = map.policies.find((p) => p.name === name) as MapSpec['policies'][number];
    const assignments: Assignment[] = [
      { name: trigger.name, path: trigger.path, value, given: `map.trigger: ${trigger.name}=${String(value)}` },
      ...Object.entries(policy.set).map(([path, v]): Assignment => ({ name: path, path: path.split('.'), value: v, given: `map policy "${policy.name}": ${path}` })),
    ];
    const at = scenarioWith(text, file, assignments);
    if ('skipped' in at) {
      notes.add(at.skipped);
      continue;
    }
    at.notes.forEach((n) => notes.add(n));
    points.push({ index: point.index, values: point.values, scenario: at.scenario });
  }
  return { parameters: [trigger, policies], points, notes: [...notes] };
}
