/**
 * Collapse across replications: P(collapse) with its Wilson score interval,
 * and the distribution of recovery times (median with a distribution-free
 * interval, range, how many never recovered).
 *
 * Each replication is a Bernoulli trial (collapsed or not), so P(collapse)
 * is k of n and gets the Wilson score interval of a binomial proportion
 * (Wilson 1927; Brown, Cai and DasGupta, "Interval Estimation for a Binomial
 * Proportion", Statistical Science 2001): unlike the t interval it stays in
 * [0, 1] and is not a point at 0 of 10 or 10 of 10. (The replicated
 * summary's `wilson` is for a share averaged over a run, at an effective
 * sample size; this one counts trials.)
 *
 * Recovery time has no mean when a run never recovers (Infinity), so it is
 * told by order statistics: the median (never when half or more never
 * recovered), its interval from the binomial distribution of the order
 * statistics (the largest j with P(Bin(n, ½) < j) ≤ α/2 gives [x(j),
 * x(n+1−j)]; with fewer than 6 runs no pair reaches 95 % and the interval is
 * the range), the fastest and the slowest.
 */
import jStat from 'jstat';
import type { Estimate } from './replicated-summary.js';

/** Per-run figures (summary.csv) that the figures across replications replace. */
const PER_RUN = ['collapse.collapsed', 'collapse.recovered', 'collapse.recoveryMs', 'collapse.probability', 'collapse.recoveryMs.median'];

/** The Wilson score interval of `k` successes in `n` trials. */
export function wilsonInterval(k: number, n: number, confidence: number): { low: number; high: number } {
  if (!(n > 0)) return { low: NaN, high: NaN };
  const z = jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The median of sorted values (Infinity counts as the largest). */
export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const upper = sorted[Math.floor(n / 2)];
  if (n % 2 === 1 || !Number.isFinite(upper)) return upper;
  return (sorted[n / 2 - 1] + upper) / 2;
}

/** A distribution-free interval of the median of sorted values: order statistics x(j), x(n+1−j); the range when n is too small. */
export function medianInterval(sorted: readonly number[], confidence: number): { low: number; high: number } {
  const n = sorted.length;
  if (n === 0) return { low: NaN, high: NaN };
  let j = 1;
  // P(Bin(n, ½) <= j - 1) is the chance that x(j) lies above the median
  while (j + 1 <= n / 2 && jStat.binomial.cdf(j, n, 0.5) <= (1 - confidence) / 2) j++;
  return { low: sorted[j - 1], high: sorted[n - j] };
}

const point = (value: number, n: number): Estimate => ({ mean: value, low: NaN, high: NaN, sd: NaN, n });

/**
 * The collapse figures across replications from each replication's figures
 * (`collapse.collapsed`, `collapse.recoveryMs` with Infinity for never):
 * none when no replication was judged (no trigger in the scenario).
 */
export function collapseEstimates(perReplication: ReadonlyArray<ReadonlyArray<readonly [string, number]>>, confidence: number): Array<readonly [string, Estimate]> {
  const judged = perReplication.map((figures) => new Map(figures)).filter((m) => m.has('collapse.collapsed'));
  const n = judged.length;
  if (n === 0) return [];
  const k = judged.filter((m) => m.get('collapse.collapsed') === 1).length;
  const p = k / n;
  const recoveries = judged.map((m) => m.get('collapse.recoveryMs') ?? Infinity).sort((a, b) => a - b);
  const never = recoveries.filter((r) => !Number.isFinite(r)).length;
  return [
    ['collapse.probability', { mean: p, ...wilsonInterval(k, n, confidence), sd: n > 1 ? Math.sqrt((n * p * (1 - p)) / (n - 1)) : NaN, n }],
    ['collapse.neverRecovered', point(never, n)],
    ['collapse.recoveryMs.median', { ...point(median(recoveries), n), ...medianInterval(recoveries, confidence) }],
    ['collapse.recoveryMs.min', point(recoveries[0], n)],
    ['collapse.recoveryMs.max', point(recoveries[n - 1], n)],
  ];
}

/**
 * The figures across replications with the collapse figures put right: the
 * per-run flags' t intervals replaced by P(collapse) with its Wilson
 * interval and the recovery times' order statistics, where the other
 * collapse figures are.
 */
export function withCollapseEstimates(
  figures: ReadonlyArray<readonly [string, Estimate]>,
  perReplication: ReadonlyArray<ReadonlyArray<readonly [string, number]>>,
  confidence: number,
): Array<readonly [string, Estimate]> {
  const kept = figures.filter(([name]) => !PER_RUN.includes(name));
  const added = collapseEstimates(perReplication, confidence);
  if (added.length === 0) return kept;
  const last = kept.map(([name]) => name.startsWith('collapse.')).lastIndexOf(true);
  const at = last === -1 ? kept.length : last + 1;
  return [...kept.slice(0, at), ...added, ...kept.slice(at)];
}
