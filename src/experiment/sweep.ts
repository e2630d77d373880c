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
import type { Scenario } from '../scenario/schema.js';
import { aggregateReplications } from './aggregate.js';
import { replicationSeeds, type ReplicationJob, type ReplicationResult } from './replication.js';
import { runReplications } from './replication-pool.js';
import { scenarioWith, type Assignment } from './scenario-with.js';
import { sweepGrid, sweptValueText, type SweepParameter } from './sweep-spec.js';

export { scenarioWith, type Assignment } from './scenario-with.js';

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
    const at = scenarioWith(
      text,
      file,
      parameters.map((p, i) => ({ name: p.name, path: p.path, value: point.values[i], given: `--set ${p.name}=${sweptValueText(point.values[i])}` })),
    );
    if ('skipped' in at) {
      notes.add(at.skipped);
      continue;
    }
    at.notes.forEach((n) => notes.add(n));
    points.push({ index: point.index, values: point.values, scenario: at.scenario });
  }
  return { parameters, points, notes: [...notes] };
}

/** The price table a scenario is priced with: its own `cost.region`'s (a sweep may set it), or the user's `--prices`. */
export type PricesFor = (scenario: Scenario) => PriceTable;

/** Every (point, replication) as a job, in order: point by point, replication by replication. */
export function sweepJobs(plan: SweepPlan, pricesFor: PricesFor, options: { seed?: number; replications: number }): ReplicationJob[] {
  return plan.points.flatMap((point) => {
    const prices = pricesFor(point.scenario);
    return replicationSeeds(options.seed ?? point.scenario.seed, options.replications).map((seed, index) => ({ index, point: point.index, seed, scenario: point.scenario, prices }));
  });
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

export async function runSweep(plan: SweepPlan, pricesFor: PricesFor, options: { seed?: number; replications: number; workers: number; onRunDone?: () => void }): Promise<SweptPoint[]> {
  return summarizeSweep(plan, await runReplications(sweepJobs(plan, pricesFor, options), options.workers, options.onRunDone));
}
