/**
 * The figures across replications as people read them: the key figures
 * with their mean, 95 % interval and (for latency) the value pooled from
 * every replication's requests, for the terminal and the HTML report; and
 * as CSV, every figure (`summary.csv`) and every replication's (`replications.csv`).
 */
import { stringify } from 'csv-stringify/sync';
import { absentFigure, pooledFigure, type Estimate, type ReplicatedSummary } from '../metrics/replicated-summary.js';
import { formatMs, formatNumber, money } from './number-format.js';

interface KeyFigure {
  label: string;
  format: (v: number) => string;
  /** Figure names it shows: one, or every figure the test accepts (one row each). */
  names: (all: readonly string[]) => string[];
}

const ms = formatMs;
const perSecond = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} /s` : '–');
const percent = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(2)} %` : '–');
const plain = (digits: number) => (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const usd = (v: number) => (Number.isFinite(v) ? money(v) : '–');
const one = (name: string) => () => [name];
/** A recovery time: seconds, or never (Infinity). */
const recovery = (v: number) => (v === Infinity ? 'never' : Number.isFinite(v) ? `${(v / 1000).toFixed(1)} s` : '–');

const KEY_FIGURES: readonly KeyFigure[] = [
  { label: 'offered', format: perSecond, names: one('requests.offeredPerSecond') },
  { label: 'goodput', format: perSecond, names: one('requests.goodputPerSecond') },
  { label: 'requests that failed', format: percent, names: one('requests.errorRatio') },
  { label: 'attempts per request', format: plain(3), names: one('attempts.amplification') },
  { label: 'latency p99 (all requests)', format: ms, names: one('latencyMs.all.p99') },
  ...(['p50', 'p90', 'p99', 'p999'] as const).map((p): KeyFigure => ({ label: `latency ${p === 'p999' ? 'p99.9' : p} (ok requests)`, format: ms, names: one(`latencyMs.ok.${p}`) })),
  { label: '', format: plain(0), names: (all) => all.filter((n) => /^events\..*coldStarts$/.test(n)) },
  { label: 'P(collapse)', format: percent, names: one('collapse.probability') },
  { label: 'recovery time (median)', format: recovery, names: one('collapse.recoveryMs.median') },
  { label: 'monthly cost', format: usd, names: one('cost.totalUsd') },
];

export interface KeyFigureRow {
  label: string;
  mean: string;
  interval: string;
  pooled: string;
}

/** The key figures' rows: label, mean, interval, pooled value (latency only). */
export function keyFigureRows(summary: ReplicatedSummary): KeyFigureRow[] {
  const byName = new Map(summary.figures);
  const all = [...byName.keys()];
  return KEY_FIGURES.flatMap((key) =>
    key.names(all).flatMap((name) => {
      const e = byName.get(name);
      if (!e) return [];
      const pooled = pooledFigure(summary, name);
      return [{ label: key.label || name.replace(/^events\./, ''), mean: key.format(e.mean), interval: interval(e, key.format), pooled: pooled === undefined ? '' : key.format(pooled) }];
    }),
  );
}

const interval = (e: Estimate, format: (v: number) => string) => (Number.isFinite(e.low) ? `${format(e.low)} – ${format(e.high)}` : '–');

/** One line that says what the interval is. */
export function replicatedCaption(summary: ReplicatedSummary): string {
  const seeds = summary.seeds;
  return `across ${summary.replications} replications (seeds ${seeds[0]}..${seeds[seeds.length - 1]}): mean and ${Math.round(summary.confidence * 100)} % confidence interval, ${summary.method}; pooled = every replication's requests together`;
}

/** `summary.csv` of a replicated run: every figure's mean, interval, standard deviation, count, and pooled value (latency). */
export function toReplicatedSummaryCsv(summary: ReplicatedSummary): string {
  const rows = summary.figures.map(([name, e]) => [name, e.mean, e.low, e.high, e.sd, e.n, pooledFigure(summary, name) ?? NaN].map((v) => (typeof v === 'number' ? formatNumber(v) : v)));
  return stringify([['metric', 'mean', 'ci_low', 'ci_high', 'sd', 'n', 'pooled'], ...rows]);
}

/** `replications.csv`: one row per replication, one column per figure (a count that did not happen is 0). */
export function toReplicationsCsv(summary: ReplicatedSummary, runs: ReadonlyArray<{ seed: number; figures: ReadonlyArray<readonly [string, number]> }>): string {
  const names = summary.figures.map(([name]) => name);
  const rows = runs.map((run, i) => {
    const figures = new Map(run.figures);
    return [String(i + 1), String(run.seed), ...names.map((name) => formatNumber(figures.get(name) ?? absentFigure(name)))];
  });
  return stringify([['replication', 'seed', ...names], ...rows]);
}
