/**
 * `sweep`: the scenario at every point of a grid of `--set` values, each
 * point replicated with the same seeds (common random numbers: two points
 * differ by what was swept, not by luck), all on worker threads, and each
 * point's figures across its replications.
 *
 * A swept `api.type` is not set in the file but applied the way `compare`
 * does, so what a front door lacks is dropped with a note rather than
 * refused.
 */
import type { PriceTable } from '../cost/price-table.js';
import type { ReplicatedSummary } from '../metrics/replicated-summary.js';
import { adaptToFrontDoor } from '../scenario/adapt-front-door.js';
import { parseScenarioText } from '../scenario/loader.js';
import type { Scenario } from '../scenario/schema.js';
import { aggregateReplications } from './aggregate.js';
import { replicationSeeds, type ReplicationJob, type ReplicationResult } from './replication.js';
import { runReplications } from './replication-pool.js';
import { sweepGrid, type SweepParameter } from './sweep-spec.js';

const API_TYPE = 'api.type';

export interface PlannedPoint {
  index: number;
  /** The value of each parameter, as given. */
  values: unknown[];
  scenario: Scenario;
}

export interface SweepPlan {
  parameters: SweepParameter[];
  points: PlannedPoint[];
  /** What was dropped or skipped for a front door, once each. */
  notes: string[];
}

/** Every point's scenario, checked by the scenario schema (an error names the `--set` it comes from). */
export function planSweep(text: string, file: string, parameters: SweepParameter[]): SweepPlan {
  const notes = new Set<string>();
  const points: PlannedPoint[] = [];
  for (const point of sweepGrid(parameters)) {
    const overrides = parameters.flatMap((p, i) => (p.name === API_TYPE ? [] : [{ path: p.path, value: point.values[i], given: `--set ${p.name}=${String(point.values[i])}` }]));
    let scenario = parseScenarioText(text, file, overrides).scenario;
    const typeAt = parameters.findIndex((p) => p.name === API_TYPE);
    if (typeAt >= 0) {
      const adapted = adaptToFrontDoor(scenario, point.values[typeAt] as Scenario['api']['type']);
      if ('skipped' in adapted) {
        notes.add(adapted.skipped);
        continue;
      }
      adapted.notes.forEach((n) => notes.add(n));
      scenario = adapted.scenario;
    }
    points.push({ index: point.index, values: point.values, scenario });
  }
  return { parameters, points, notes: [...notes] };
}

/** Every (point, replication) as a job, in order: point by point, replication by replication. */
export function sweepJobs(plan: SweepPlan, prices: PriceTable, options: { seed?: number; replications: number }): ReplicationJob[] {
  return plan.points.flatMap((point) =>
    replicationSeeds(options.seed ?? point.scenario.seed, options.replications).map((seed, index) => ({ index, point: point.index, seed, scenario: point.scenario, prices })),
  );
}

export interface SweptPoint {
  index: number;
  values: unknown[];
  summary: ReplicatedSummary;
}

/** Each point's replications together, in the plan's order. */
export function summarizeSweep(plan: SweepPlan, results: readonly ReplicationResult[]): SweptPoint[] {
  return plan.points.map((point) => ({
    index: point.index,
    values: point.values,
    summary: aggregateReplications(results.filter((r) => r.point === point.index)),
  }));
}

export async function runSweep(plan: SweepPlan, prices: PriceTable, options: { seed?: number; replications: number; workers: number }): Promise<SweptPoint[]> {
  return summarizeSweep(plan, await runReplications(sweepJobs(plan, prices, options), options.workers));
}
