/**
 * `run --replications N`: the first replication here, on the main thread,
 * with everything a report needs (time series, histograms); the others on
 * worker threads meanwhile, reduced to their figures and histograms; then
 * the figures across all of them.
 */
import type { CostEstimate } from '../cost/cost-estimate.js';
import type { PriceTable } from '../cost/price-table.js';
import type { ReplicatedSummary } from '../metrics/replicated-summary.js';
import { runScenario, type ProgressListener, type RunResult } from '../scenario/run.js';
import { costOfRun } from '../cost/run-cost.js';
import type { Scenario } from '../scenario/schema.js';
import { aggregateReplications } from './aggregate.js';
import { figuresOf, replicationOf, replicationSeeds, type ReplicationResult } from './replication.js';
import { runReplications } from './replication-pool.js';

export interface ReplicatedRun {
  /** The first replication (the scenario's own seed), whole. */
  first: RunResult;
  firstCost: CostEstimate;
  /** The first replication's figures (its summary's and its bill's). */
  figures: Array<[string, number]>;
  /** With more than one replication: every one, the first included, in order, and the figures across them. */
  replicated?: { runs: ReplicationResult[]; summary: ReplicatedSummary };
}

export async function runReplicated(
  scenario: Scenario,
  prices: PriceTable,
  options: { seed?: number; replications: number; workers: number; progress?: ProgressListener; onReplicationDone?: () => void },
): Promise<ReplicatedRun> {
  const seeds = replicationSeeds(options.seed ?? scenario.seed, options.replications);
  // handed to the workers first, so they run while this thread runs the first
  const others = runReplications(
    seeds.slice(1).map((seed, i) => ({ index: i + 1, seed, scenario, prices })),
    options.workers,
    options.onReplicationDone,
  );
  const first = runScenario(scenario, { seed: seeds[0], progress: options.progress });
  options.onReplicationDone?.();
  const firstCost = costOfRun(first, prices);
  // a plain run has nothing to merge: no histogram is encoded or decoded for it
  if (seeds.length === 1) return { first, firstCost, figures: figuresOf(first.summary, firstCost) };
  const runs = [replicationOf(0, first, firstCost), ...(await others)];
  return { first, firstCost, figures: runs[0].figures, replicated: { runs, summary: aggregateReplications(runs) } };
}
