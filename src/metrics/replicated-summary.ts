/**
 * Figures across independent replications: each figure's mean with a
 * Student-t confidence interval over the replications' values, and the
 * latency percentiles of all replications' requests together, from their
 * merged histograms (exact, not an average of percentiles).
 *
 * Why Student t: each replication's figure is an average over a long run,
 * so by the central limit theorem it is close to normal, and its variance is
 * unknown and estimated from the replications themselves (Law, Simulation
 * Modeling and Analysis, ch. 9: the fixed-sample-size procedure).
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { LatencySummary } from './summary.js';

/** One figure across replications. */
export interface Estimate {
  mean: number;
  /** The confidence interval of the mean; NaN with fewer than two finite values. */
  low: number;
  high: number;
  /** Sample standard deviation across replications. */
  sd: number;
  /** Replications with a finite value (a p99 with no successful request is not one). */
  n: number;
}

export interface ReplicatedSummary {
  replications: number;
  /** The seed of each replication, in order (the first is the scenario's). */
  seeds: readonly number[];
  /** 0.95 for a 95 % interval. */
  confidence: number;
  method: string;
  /** Every figure of the summary (flattened: `latencyMs.ok.p99`, `cost.totalUsd`...), in a stable order. */
  figures: ReadonlyArray<readonly [name: string, estimate: Estimate]>;
  /** Latency of every replication's requests together, from the merged histograms. */
  pooled: { latencyMs: { ok: LatencySummary; failed: LatencySummary } };
}

export const CONFIDENCE = 0.95;

/** Counts that did not happen in a replication are 0 there; a level or percentile it lacks has no value. */
const COUNTED = ['attempts.outcomes.', 'attempts.perRequest.', 'events.', 'cost.'];
export const absentFigure = (name: string): number => (COUNTED.some((prefix) => name.startsWith(prefix)) ? 0 : NaN);

/** The pooled (merged-histogram) value of a latency figure such as `latencyMs.ok.p99`; undefined for any other figure. */
export function pooledFigure(summary: ReplicatedSummary, name: string): number | undefined {
  const match = /^latencyMs\.(ok|failed)\.(\w+)$/.exec(name);
  return match ? summary.pooled.latencyMs[match[1] as 'ok' | 'failed'][match[2] as keyof LatencySummary] : undefined;
}

/** Mean and two-sided Student-t interval of the finite values. */
export function estimate(values: readonly number[], confidence = CONFIDENCE): Estimate {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { mean: NaN, low: NaN, high: NaN, sd: NaN, n };
  const m = mean(finite);
  if (n < 2) return { mean: m, low: NaN, high: NaN, sd: NaN, n };
  const sd = sampleStandardDeviation(finite);
  const half = (tQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean: m, low: m - half, high: m + half, sd, n };
}

/**
 * Each figure across replications, given each replication's figures as
 * `[name, value]` pairs. A figure one replication lacks is `absent(name)`
 * there: 0 for a count that simply did not happen (an outcome label, an
 * event), NaN for a level that has no value.
 */
export function estimateFigures(
  perReplication: ReadonlyArray<ReadonlyArray<readonly [string, number]>>,
  absent: (name: string) => number,
  confidence = CONFIDENCE,
): Array<readonly [string, Estimate]> {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const figures of perReplication) {
    for (const [name] of figures) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  const maps = perReplication.map((figures) => new Map(figures));
  return names.map((name) => [name, estimate(maps.map((m) => m.get(name) ?? absent(name)), confidence)] as const);
}
