/**
 * A comparison's own outputs beside each entry point's run folder: its
 * `report.html` (one self-contained page like a run's: the key figures side
 * by side, latency by percentile, the bill by service, the crossover table,
 * the charts with the run report's palette, links to each run's report) and
 * the document `compare --json` prints. Pure: text in, text out; every
 * string from the scenario is escaped. `compare --designs` writes the same
 * page with a column per design (synchronous, queue, topic, bus): what the
 * caller saw beside what became of the work (designTable).
 */
import type { ChartConfiguration } from 'chart.js';
import { ENTRY_POINTS, type ApiType } from '../catalog/entry-points.js';
import { usdByService, type CostEstimate } from '../cost/cost-estimate.js';
import type { Crossover, CrossoverRow } from '../cost/crossover.js';
import type { RunSummary } from '../metrics/summary.js';
import type { ChartSpec } from './charts/chart-spec.js';
import { compareCharts, designCharts, designColor, typeColor, type DesignPoint } from './charts/compare-charts.js';
import { chartCanvases, chartScriptsAndEnd, escapeHtml, htmlTable, pageStart } from './html-page.js';
import { formatMs, money } from './number-format.js';

export interface ComparedRun {
  type: ApiType;
  summary: RunSummary;
  cost: CostEstimate;
  /** `compare --designs`: the design this run is (its column, folder and label); absent for `--types`. */
  design?: DesignFigures;
}

/** A design's own figures beside its summary (src/experiment/designs.ts). */
export interface DesignFigures {
  name: string;
  label: string;
  mode: 'sync' | 'async';
  /** What the caller's 2xx means: "processed", "queued"... */
  accepted: string;
  /** Accepted messages that failed later (dead-lettered, expired, discarded): the caller never saw them. */
  failedLater: number;
  /** Accepted messages neither processed nor failed when the run stopped. */
  pending: number;
}

export interface CompareReportInput {
  tool: { name: string; version: string };
  scenario: { name: string; file: string };
  seed: number;
  runs: readonly ComparedRun[];
  crossover: { rows: readonly CrossoverRow<string>[]; crossovers: readonly Crossover<string>[] };
  notes: readonly string[];
}

const PERCENTILES = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
] as const;

const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(2)} %` : '–');

/** A run's column: its design's name, or its entry point's type. */
export const columnOf = (run: ComparedRun): string => run.design?.name ?? run.type;
const labelOf = (run: ComparedRun): string => run.design?.label ?? ENTRY_POINTS[run.type].label;
const shortLabelOf = (run: ComparedRun): string => run.design?.label ?? ENTRY_POINTS[run.type].shortLabel;

/** From send to processed: the work's latency (an asynchronous design's delivery; the synchronous request's own). */
export function endToEndMs(run: ComparedRun): { p50: number; p99: number } {
  const s = run.summary;
  const async = run.design?.mode === 'async';
  return { p50: async ? (s.deliveryMs?.p50 ?? NaN) : s.latencyMs.ok.p50, p99: async ? (s.deliveryMs?.p99 ?? NaN) : s.latencyMs.ok.p99 };
}

/** Under the design table, so nobody reads "accepted" as "done". */
export const ACCEPTED_CAVEAT =
  'accepted is not processed: an asynchronous design answers its caller once the message is queued, published or put on the bus; what fails later, or is still waiting when the run stops, the caller never sees (send to processed, and the Lambda lines of the bill, count only the work done in the run)';

/**
 * The designs side by side: what the caller saw (its 2xx share, the time to
 * the front door's answer, its errors) beside what became of the work (from
 * send to processed, failed later, not processed yet) and the month's bill.
 */
export function designTable(runs: readonly ComparedRun[]): { head: string[]; rows: string[][] } {
  const each = (value: (run: ComparedRun, design: DesignFigures) => string) => runs.map((r) => (r.design ? value(r, r.design) : '–'));
  const count = (n: number) => Math.round(n).toLocaleString('en-US');
  const later = (d: DesignFigures, n: number) => (d.mode === 'sync' ? '–' : count(n));
  const requests = (r: ComparedRun) => r.summary.requests;
  return {
    head: ['', ...runs.map(labelOf)],
    rows: [
      ["the caller's 2xx means", ...each((_, d) => d.accepted)],
      ['accepted', ...each((r) => percent(requests(r).ok, requests(r).ok + requests(r).failed))],
      ["caller's p50", ...each((r) => formatMs(r.summary.latencyMs.ok.p50))],
      ["caller's p99", ...each((r) => formatMs(r.summary.latencyMs.ok.p99))],
      ['send to processed p50', ...each((r) => formatMs(endToEndMs(r).p50))],
      ['send to processed p99', ...each((r) => formatMs(endToEndMs(r).p99))],
      ['errors the caller saw', ...each((r) => `${count(requests(r).failed)} (${percent(requests(r).failed, requests(r).ok + requests(r).failed)})`)],
      ['failed later, unseen', ...each((_, d) => later(d, d.failedLater))],
      ['not processed at the end', ...each((_, d) => later(d, d.pending))],
      ['monthly cost', ...each((r) => money(r.cost.totalUsd))],
    ],
  };
}

/** Each design's point on the design chart. */
export function designPoints(runs: readonly ComparedRun[]): DesignPoint[] {
  return runs.map((r) => ({ name: columnOf(r), label: labelOf(r), usd: r.cost.totalUsd, endToEndP99Ms: endToEndMs(r).p99, failedRatio: r.summary.requests.errorRatio, notProcessedRatio: notProcessedRatio(r) }));
}

/** An asynchronous design's accepted requests whose work failed later or was still waiting at the end, as a share of them (0 without any). */
function notProcessedRatio(run: ComparedRun): number {
  const d = run.design;
  const accepted = run.summary.requests.ok;
  return d && d.mode === 'async' && accepted > 0 ? Math.min(1, (d.failedLater + d.pending) / accepted) : 0;
}

/** Each entry point's p50 to p99.9 of its successful requests, as grouped bars in its own colour. */
export function compareLatencyChart(input: CompareReportInput): ChartSpec {
  return {
    name: 'latency',
    title: `Latency of successful requests by ${input.runs.some((r) => r.design) ? 'design (the caller\'s wait)' : 'entry point'}`,
    config: {
      type: 'bar',
      data: {
        labels: PERCENTILES.map(([, label]) => label),
        datasets: input.runs.map((run) => ({
          label: shortLabelOf(run),
          data: PERCENTILES.map(([key]) => (Number.isFinite(run.summary.latencyMs.ok[key]) ? Number(run.summary.latencyMs.ok[key].toFixed(1)) : null)),
          backgroundColor: run.design ? designColor(run.design.name) : typeColor(run.type),
        })),
      },
      options: {
        animation: false,
        plugins: { title: { display: true, text: `${input.scenario.name}: latency of successful requests`, font: { size: 18 } }, legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, title: { display: true, text: 'ms' } } },
      },
    } as ChartConfiguration,
  };
}

/** The HTML page's charts: latency, the bills by service, cost against volume. */
export function compareHtmlCharts(input: CompareReportInput): ChartSpec[] {
  const { rows, crossovers } = input.crossover;
  if (input.runs.some((r) => r.design)) return [...designCharts(input.scenario.name, designPoints(input.runs), input.runs.map((r) => r.cost), rows, crossovers), compareLatencyChart(input)];
  return [compareLatencyChart(input), ...compareCharts(input.scenario.name, input.runs.map((r) => r.cost), rows as readonly CrossoverRow[], crossovers as readonly Crossover[])];
}

export function toCompareHtml(input: CompareReportInput): string {
  const charts = compareHtmlCharts(input);
  const designs = input.runs.some((r) => r.design);
  const head = ['', ...input.runs.map(labelOf)];
  const each = (value: (run: ComparedRun) => string) => input.runs.map(value);
  const figures = designs ? designTable(input.runs).rows : [
    ['requests that succeeded', ...each((r) => percent(r.summary.requests.ok, r.summary.requests.ok + r.summary.requests.failed))],
    ['p99, all requests', ...each((r) => formatMs(r.summary.latencyMs.all?.p99 ?? NaN))],
    ...PERCENTILES.map(([key, label]) => [`${label}, successful requests`, ...each((r) => formatMs(r.summary.latencyMs.ok[key]))]),
    ['attempts per request', ...each((r) => r.summary.attempts.amplification.toFixed(3))],
    ['monthly cost', ...each((r) => money(r.cost.totalUsd))],
  ];
  const byService = input.runs.map((r) => usdByService(r.cost));
  const services = [...new Set(byService.flatMap((s) => Object.keys(s)))];
  const bill = [...services.map((service) => [service, ...byService.map((s) => (s[service] === undefined ? '–' : money(s[service])))]), ['total', ...each((r) => money(r.cost.totalUsd))]];
  const columns = input.runs.map(columnOf);
  const byColumn = new Map(input.runs.map((r) => [columnOf(r), r]));
  const label = (column: string) => labelOf(byColumn.get(column) as ComparedRun);
  const shortLabel = (column: string) => shortLabelOf(byColumn.get(column) as ComparedRun);
  const crossoverRows = input.crossover.rows.map((row) => [row.monthlyRequests.toLocaleString('en-US'), ...columns.map((t) => money(row.usdByType[t] ?? NaN)), shortLabel(row.cheapest)]);
  const crossings = input.crossover.crossovers.map((c) => `above ${Math.round(c.monthlyRequests).toLocaleString('en-US')} requests a month, ${label(c.to)} is cheaper than ${label(c.from)}`);
  const first = input.runs[0].cost;
  const links = input.runs.map((r) => `<a href="${encodeURIComponent(columnOf(r))}/report.html">${escapeHtml(labelOf(r))}</a>`).join(' · ');
  const what = designs ? `the same workload in ${input.runs.length} design${input.runs.length === 1 ? '' : 's'}` : `the same workload through ${input.runs.length} entry point${input.runs.length === 1 ? '' : 's'}`;
  return `${pageStart(
    `${input.scenario.name}: apigw-sim compare`,
    `.chart { margin: 2rem 0; height: 480px; position: relative; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; } th, td { border-bottom: 1px solid #eee; padding: 0.25rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }`,
  )}<h1>${escapeHtml(input.scenario.name)}: compare</h1>
<p class="meta">${escapeHtml(`${input.scenario.file} · seed ${input.seed} · ${what} · ${input.tool.name} ${input.tool.version}`)}</p>
<p>Each run's own report: ${links}</p>
${input.notes.map((note) => `<p class="note">note: ${escapeHtml(note)}</p>`).join('\n')}
<h2>Key figures</h2>
${htmlTable(head, figures)}
${designs ? `<p class="note">${escapeHtml(ACCEPTED_CAVEAT)}</p>\n` : ''}<h2>Monthly cost by service</h2>
<p class="note">${escapeHtml(`month: ${first.basis}; prices: ${first.region}, ${first.effectiveDate}`)}</p>
${htmlTable(['USD / month', ...head.slice(1)], bill)}
${chartCanvases(charts)}
<h2>Cost against monthly volume</h2>
<p>${escapeHtml(crossings.length === 0 ? `The same ${designs ? 'design' : 'entry point'} is cheapest over the whole range.` : crossings.join('; '))}</p>
${htmlTable(['requests a month', ...input.runs.map((r) => `${shortLabelOf(r)} (USD)`), 'cheapest'], crossoverRows)}
${chartScriptsAndEnd(charts, [], [])}`;
}

/** What `compare --json` prints: each entry point's (or design's) figures and bill, the crossover table, the notes. */
export function compareJson(input: CompareReportInput, out: { folder: string; files: readonly string[] }): object {
  return {
    tool: input.tool,
    scenario: input.scenario,
    seed: input.seed,
    out: out.folder,
    files: out.files,
    runs: input.runs.map((r) => ({
      ...(r.design ? { design: r.design.name } : {}),
      type: r.type,
      label: labelOf(r),
      ...(r.design ? { mode: r.design.mode, accepted: r.design.accepted } : {}),
      requests: r.summary.requests,
      latencyMs: { all: r.summary.latencyMs.all, ok: r.summary.latencyMs.ok },
      ...(r.design ? { endToEndMs: endToEndMs(r), deliveryMs: r.summary.deliveryMs ?? null, failedLater: r.design.failedLater, pending: r.design.pending } : {}),
      amplification: r.summary.attempts.amplification,
      cost: { totalUsd: r.cost.totalUsd, basis: r.cost.basis, region: r.cost.region, effectiveDate: r.cost.effectiveDate, lines: r.cost.lines },
    })),
    crossover: input.crossover,
    notes: input.notes,
  };
}
