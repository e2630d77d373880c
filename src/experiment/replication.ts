/**
 * One replication: the scenario run with one seed, reduced to what the
 * figures across replications need (every figure of its summary and bill,
 * and its latency histograms, encoded so they merge exactly). Plain data,
 * so it crosses a worker thread, or a machine (`shard` writes it).
 */
import { usdByService, type CostEstimate } from '../cost/cost-estimate.js';
import type { PriceTable } from '../cost/price-table.js';
import { flattenSummary, type RunSummary } from '../metrics/summary.js';
import { disposeRecords } from '../metrics/recorder.js';
import { runScenario, type RunResult } from '../scenario/run.js';
import { costOfRun } from '../cost/run-cost.js';
import type { Scenario } from '../scenario/schema.js';

export interface ReplicationJob {
  /** The replication's number among its point's (0 is the scenario's own seed). */
  index: number;
  /** The sweep point it belongs to (0 outside a sweep). */
  point?: number;
  seed: number;
  scenario: Scenario;
  prices: PriceTable;
}

export interface ReplicationResult {
  index: number;
  point?: number;
  seed: number;
  /** `[name, value]` for every figure: the summary's (`latencyMs.ok.p99`...) and the bill's (`cost.totalUsd`, `cost.<service>`). */
  figures: Array<[string, number]>;
  /** `LatencyHistogram.encode()` of the successful requests and of the failed attempts. */
  histograms: { ok: string; failed: string };
}

/**
 * Replication i runs with seed (scenario seed + i) mod 2^32: the first is
 * the plain run, and any replication can be run again on its own with
 * `run --seed`.
 */
export function replicationSeeds(seed: number, replications: number): number[] {
  return Array.from({ length: replications }, (_, i) => (seed + i) % 2 ** 32);
}

export function runReplication(job: ReplicationJob): ReplicationResult {
  const result = runScenario(job.scenario, { seed: job.seed });
  try {
    return { ...replicationOf(job.index, result, costOfRun(result, job.prices)), ...(job.point === undefined ? {} : { point: job.point }) };
  } finally {
    // WASM memory is freed by a FinalizationRegistry only when the GC gets to it: a loop of thousands of runs would outgrow it
    disposeRecords(result.records);
  }
}

/** A finished run as a replication (encoding leaves the run's histograms as they read). */
export function replicationOf(index: number, result: RunResult, cost: CostEstimate): ReplicationResult {
  return {
    index,
    seed: result.seed,
    figures: figuresOf(result.summary, cost),
    histograms: { ok: result.records.latencyOk.encode(), failed: result.records.latencyFailed.encode() },
  };
}

/**
 * Every figure of a run: its summary's, the shares of attempts throttled
 * (any 429) and timed out (thresholds read them), the cache's hit ratio,
 * its collapse as a replication of one, and its bill's.
 */
export function figuresOf(summary: RunSummary, cost: CostEstimate): Array<[string, number]> {
  const ended = summary.attempts.ended;
  const share = (test: (label: string) => boolean) => (ended > 0 ? Object.entries(summary.attempts.outcomes).reduce((n, [label, count]) => n + (test(label) ? count : 0), 0) / ended : NaN);
  return [
    ...flattenSummary(summary),
    ['attempts.throttleRatio', share((label) => label.startsWith('429'))],
    ['attempts.timeoutRatio', share((label) => label === 'timeout')],
    ...hitRatio(summary, 'cache.hitRatio', 'cacheHits', 'cacheMisses'),
    ...hitRatio(summary, 'cloudfront.hitRatio', 'cloudfront.hits', 'cloudfront.misses'),
    ...preflightFigures(summary),
    ...collapseAsReplication(summary),
    ['cost.totalUsd', cost.totalUsd],
    ...Object.entries(usdByService(cost)).map(([service, usd]): [string, number] => [`cost.${service}`, usd]),
  ];
}

/**
 * A judged run's collapse as a replication of one: P(collapse) is 0 or 1 and
 * the median recovery time its own (Infinity for never), so the thresholds
 * `pCollapse` and `recoveryTime` read one run as they read many.
 */
function collapseAsReplication(summary: RunSummary): Array<[string, number]> {
  const c = summary.collapse;
  return c ? [['collapse.probability', c.collapsed], ['collapse.recoveryMs.median', c.recovered === 1 ? c.recoveryMs : Infinity]] : [];
}

/** A cache's hits over its lookups (the response cache's, a CloudFront distribution's for the routes it caches), named `figure`, when the run looked it up. */
function hitRatio(summary: RunSummary, figure: string, hits: string, misses: string): Array<[string, number]> {
  const hit = summary.events[hits] ?? 0;
  const lookups = hit + (summary.events[misses] ?? 0);
  return lookups > 0 ? [[figure, hit / lookups]] : [];
}

/** Browsers' CORS preflights: the time each added to the request it preceded, and per request offered, when the run has them. */
function preflightFigures(summary: RunSummary): Array<[string, number]> {
  const preflights = summary.events['cors.preflights'];
  if (preflights === undefined) return [];
  const addedMs = summary.events['cors.preflightMs'] ?? 0;
  return [
    ['cors.preflightMs.mean', preflights > 0 ? addedMs / preflights : NaN],
    ['cors.addedMsPerRequest', summary.requests.offered > 0 ? addedMs / summary.requests.offered : NaN],
  ];
}

