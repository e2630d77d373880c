/**
 * Figures across independent replications: each figure's mean with a
 * confidence interval over the replications' values, and the latency
 * percentiles of all replications' requests together, from their merged
 * histograms (exact, not an average of percentiles).
 *
 * Why Student t: each replication's figure is an average over a long run,
 * so by the central limit theorem it is close to normal, and its variance is
 * unknown and estimated from the replications themselves (Law, Simulation
 * Modeling and Analysis, ch. 9: the fixed-sample-size procedure).
 *
 * Why not Student t alone: its interval is symmetric, so for a figure near a
 * bound it crosses it (an error ratio of 0.47 % ± 1.1 % went from −0.63 %).
 * So (docs/validation.md#trusting-the-numbers-replications-and-confidence-intervals):
 * - a share (a figure named `...Ratio`, between 0 and 1) gets the Wilson
 *   score interval at its effective sample size n* = p(1 − p) / (s² / n),
 *   the number of independent trials that would show the spread the
 *   replications show, with the t quantile for n − 1 degrees of freedom
 *   (Korn and Graubard's adjustment, 1998). It stays inside [0, 1], holds
 *   the mean, and equals the t interval where p is far from 0 and 1;
 * - every other figure is a count, a rate, a time, a level or dollars, none
 *   of which can be below 0: the t interval is cut at 0. Cutting loses no
 *   coverage (the true mean is not below 0), keeps the interval about the
 *   mean that is reported, and leaves every interval clear of 0 as it was;
 *   a log transform would give an interval for the geometric mean instead,
 *   and cannot take the zeros a count has in most replications.
 */
import jStat from 'jstat';
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

/**
 * The p-quantile of Student's t with `dof` degrees of freedom: jStat's, one
 * package of 1.2 MB (it agrees with @stdlib's to 5·10⁻⁸, which pulled 232
 * packages and 27 MB).
 */
export function tQuantile(p: number, dof: number): number {
  return jStat.studentt.inv(p, dof);
}

/** Counts that did not happen in a replication are 0 there; a level or percentile it lacks has no value. */
const COUNTED = ['attempts.outcomes.', 'attempts.perRequest.', 'events.', 'cost.'];
export const absentFigure = (name: string): number => (COUNTED.some((prefix) => name.startsWith(prefix)) ? 0 : NaN);

/** The pooled (merged-histogram) value of a latency figure such as `latencyMs.ok.p99`; undefined for any other figure. */
export function pooledFigure(summary: ReplicatedSummary, name: string): number | undefined {
  const match = /^latencyMs\.(ok|failed)\.(\w+)$/.exec(name);
  return match ? summary.pooled.latencyMs[match[1] as 'ok' | 'failed'][match[2] as keyof LatencySummary] : undefined;
}

/**
 * What a figure's values can be, which decides its interval: `share` a
 * proportion in [0, 1] (Wilson), `nonNegative` a quantity that cannot be
 * below 0 (t, cut at 0), `real` any number (t).
 */
export type FigureKind = 'share' | 'nonNegative' | 'real';

/** Every figure of a run is a share (`requests.errorRatio`, `cache.hitRatio`...) or a quantity that cannot be below 0. */
export function figureKind(name: string): FigureKind {
  return /Ratio$/.test(name) ? 'share' : 'nonNegative';
}

/** Mean and two-sided interval of the finite values: Student t, or Wilson for a share, cut at 0 for a quantity (see the header). */
export function estimate(values: readonly number[], confidence = CONFIDENCE, kind: FigureKind = 'real'): Estimate {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { mean: NaN, low: NaN, high: NaN, sd: NaN, n };
  const m = mean(finite);
  if (n < 2) return { mean: m, low: NaN, high: NaN, sd: NaN, n };
  const sd = sampleStandardDeviation(finite);
  const t = tQuantile(1 - (1 - confidence) / 2, n - 1);
  if (kind === 'share') return { ...wilson(m, (sd * sd) / n, t), mean: m, sd, n };
  const half = (t * sd) / Math.sqrt(n);
  return { mean: m, low: kind === 'nonNegative' ? Math.max(0, m - half) : m - half, high: m + half, sd, n };
}

/**
 * The Wilson score interval of a proportion `p` whose mean has variance
 * `variance`, at quantile `q`: Wilson at the effective sample size
 * n* = p(1 − p) / variance. No spread (every replication alike, a share of
 * 0 or 1 among them) is a point.
 */
export function wilson(p: number, variance: number, q: number): { low: number; high: number } {
  const spread = p * (1 - p);
  if (!(variance > 0) || !(spread > 0)) return { low: p, high: p };
  const z2n = (q * q * variance) / spread; // q² / n*
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (q / (1 + z2n)) * Math.sqrt(variance + (z2n * z2n) / (4 * q * q));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
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
  return names.map((name) => [name, estimate(maps.map((m) => m.get(name) ?? absent(name)), confidence, figureKind(name))] as const);
}
