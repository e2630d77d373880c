/**
 * The summary printed at the end of a run: latency percentiles, every
 * outcome, throttles, cold starts and peaks, as aligned tables. Colour only
 * when the caller says the terminal takes it (TTY and no NO_COLOR).
 */
import { formatMs } from './number-format.js';
import { createColors } from 'picocolors';
import { collapseLine } from './collapse-text.js';
import { canaryLine } from './canary-text.js';
import { formatCostEstimate } from './cost-tables.js';
import { renderTable, wrapText } from './fit-table.js';
import type { LatencySummary } from '../metrics/summary.js';
import { FAILURE_PARTS, failedRequests } from './failed-requests.js';
import type { ThresholdResult } from '../metrics/thresholds.js';
import { keyFigureRows, replicatedCaption } from './replicated-tables.js';
import type { ReplicatedSummary } from '../metrics/replicated-summary.js';
import type { ReportInput } from './report-input.js';

const ms = formatMs;
const int = (v: number) => Math.round(v).toLocaleString('en-US');
/** `coldStarts` -> `cold starts` */
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(2)} %` : '–');

export function formatTerminalSummary(input: ReportInput, options: { color: boolean }): string {
  const c = createColors(options.color);
  const s = input.summary;
  const table = (head: string[]) => {
    const rows: string[][] = [];
    return { rows, push: (...added: string[][]) => void rows.push(...added), toString: () => renderTable({ head: head.map((h) => c.bold(h)), rows }) };
  };

  const overview = table(['requests', 'count', 'share']);
  const r = s.requests;
  const failed = failedRequests(r);
  const finished = r.ok + failed;
  const bad = (label: string, n: number, colour: (t: string) => string) => [n > 0 ? colour(label) : label, int(n), pct(n, finished)];
  overview.push(
    ['offered', int(r.offered), `${r.offeredPerSecond.toFixed(1)} /s`],
    [c.green('succeeded'), int(r.ok), pct(r.ok, finished)],
    bad('failed', failed, c.red),
    ...FAILURE_PARTS.map(([key, label]) => bad(`  ${label}`, r[key], c.red)),
    ['still in flight at end', int(r.inFlight), ''],
    ['goodput', `${r.goodputPerSecond.toFixed(1)} /s`, ''],
    ['attempts per request', s.attempts.amplification.toFixed(3), ''],
  );

  const latency = table(['latency', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max']);
  const row = (name: string, l: LatencySummary) => [name, ms(l.p50), ms(l.p90), ms(l.p95), ms(l.p99), ms(l.p999), ms(l.max)];
  // a run.json from before latencyMs.all has no such row to show
  // labels of at most 24 columns: with six cells of at most 9 (formatMs), the table fits in 100
  if (s.latencyMs.all) latency.push(row('all requests, end to end', s.latencyMs.all));
  latency.push(row('ok requests, end to end', s.latencyMs.ok));
  if (s.latencyMs.failed.count > 0) latency.push(row('error answers (attempts)', s.latencyMs.failed));
  if (s.deliveryMs) latency.push(row('events, until processed', s.deliveryMs));

  const stages = table(['where the time goes (ok attempts)', 'mean', 'p50', 'p99']);
  const inside = new Set(['queue', 'coldStart']);
  for (const [stage, l] of Object.entries(s.stagesMs)) stages.push([inside.has(stage) ? `  of which ${words(stage)}` : words(stage), ms(l.mean), ms(l.p50), ms(l.p99)]);

  const outcomes = table(['attempt outcome', 'count', 'share']);
  const labels = Object.entries(s.attempts.outcomes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [label, count] of labels) {
    const colour = label === '2xx' ? c.green : label.startsWith('4') ? c.yellow : c.red;
    outcomes.push([colour(label), int(count), pct(count, s.attempts.ended)]);
  }

  const extras = table(['events, means and peaks', 'value']);
  // an event in ms is a sum of times (backendWaitMs): a total of nobody's wait, so it is shown as a mean below
  for (const [name, value] of Object.entries(s.events)) if (!name.endsWith('Ms')) extras.push([words(name), int(value)]);
  for (const [label, meanMs] of waitMeans(input.usage)) extras.push([label, ms(meanMs)]);
  const edgeHits = s.events['cloudfront.hits'];
  if (edgeHits !== undefined || s.events['cloudfront.misses'] !== undefined) {
    const misses = s.events['cloudfront.misses'] ?? 0;
    extras.push(['cloudfront hit ratio (cached routes)', pct(edgeHits ?? 0, (edgeHits ?? 0) + misses)], ['cloudfront origin requests', int(misses + (s.events['cloudfront.uncached'] ?? 0))]);
  }
  const preflights = s.events['cors.preflights'];
  if (preflights !== undefined) {
    const billed = input.usage.gateway?.billedRequests;
    if (billed !== undefined) extras.push(['cors preflights, share of billed requests', pct(preflights, billed)]);
    extras.push(['cors preflight, mean time added to the request', ms((s.events['cors.preflightMs'] ?? 0) / preflights)]);
  }
  for (const [name, value] of Object.entries(s.peaks)) extras.push([`peak ${name}`, int(value)]);

  const title = wrapText(c.bold(`${input.scenario.name}`) + c.dim(`  seed ${input.seed}, ${s.measuredSeconds} s measured after warm-up`));
  const parts = [title];
  if (input.replicated) parts.push(formatReplicatedTable(input.replicated.summary, options), c.dim(`the tables below are replication 1 (seed ${input.seed}):`));
  parts.push(overview.toString());
  if (s.collapse) parts.push(s.collapse.collapsed === 1 ? c.red(wrapText(collapseLine(s.collapse), undefined, '  ')) : wrapText(collapseLine(s.collapse), undefined, '  '));
  if (s.canary) parts.push(wrapText(canaryLine(s.canary), undefined, '  '));
  parts.push(latency.toString());
  if (stages.rows.length > 0 && s.latencyMs.ok.count > 0) parts.push(stages.toString());
  parts.push(outcomes.toString());
  if (extras.rows.length > 0) parts.push(extras.toString());
  for (const estimate of input.cost) parts.push(formatCostEstimate(estimate, options));
  return `${parts.join('\n')}\n`;
}

/**
 * Each service's mean queue wait per attempt it served (the summed
 * `waitMsTotal` over the `waited` attempts of its usage), the wasted work's
 * included: what the queue did to every attempt, not only the successful ones.
 */
export function waitMeans(usage: ReportInput['usage']): Array<[label: string, meanMs: number]> {
  return Object.entries(usage).flatMap(([id, u]): Array<[string, number]> => (u.waited > 0 && Number.isFinite(u.waitMsTotal) ? [[`${id} queue wait, mean per attempt served`, u.waitMsTotal / u.waited]] : []));
}

/** One line per SLO threshold, ✓ in green or ✗ in red, under a heading that says how many held. */
export function formatThresholdLines(results: readonly ThresholdResult[], options: { color: boolean }): string {
  const c = createColors(options.color);
  const failed = results.filter((r) => !r.pass).length;
  const head = failed === 0 ? c.green(`thresholds: all ${results.length} held`) : c.red(`thresholds: ${failed} of ${results.length} failed`);
  return [c.bold(head), ...results.map((r) => `  ${r.pass ? c.green(r.message) : c.red(r.message)}`)].join('\n');
}

/** The key figures across replications as a terminal table, under its caption. */
export function formatReplicatedTable(summary: ReplicatedSummary, options: { color: boolean }): string {
  const c = createColors(options.color);
  const head = ['figure', 'mean', `${Math.round(summary.confidence * 100)} % interval`, 'pooled'];
  const rows = keyFigureRows(summary).map((row) => [row.label, row.mean, row.interval, row.pooled]);
  return `${c.dim(wrapText(replicatedCaption(summary), undefined, '  '))}\n${renderTable({ head: head.map((h) => c.bold(h)), rows })}`;
}
