/**
 * A comparison's own outputs beside each entry point's run folder: its
 * `report.html` (one self-contained page like a run's: the key figures side
 * by side, latency by percentile, the bill by service, the crossover table,
 * the charts with the run report's palette, links to each run's report) and
 * the document `compare --json` prints. Pure: text in, text out; every
 * string from the scenario is escaped.
 */
import type { ChartConfiguration } from 'chart.js';
import { ENTRY_POINTS, type ApiType } from '../catalog/entry-points.js';
import { usdByService, type CostEstimate } from '../cost/cost-estimate.js';
import type { Crossover, CrossoverRow } from '../cost/crossover.js';
import type { RunSummary } from '../metrics/summary.js';
import type { ChartSpec } from './charts/chart-spec.js';
import { compareCharts, typeColor } from './charts/compare-charts.js';
import { chartCanvases, chartScriptsAndEnd, escapeHtml, htmlTable, pageStart } from './html-page.js';
import { formatMs, money } from './number-format.js';

export interface ComparedRun {
  type: ApiType;
  summary: RunSummary;
  cost: CostEstimate;
}

export interface CompareReportInput {
  tool: { name: string; version: string };
  scenario: { name: string; file: string };
  seed: number;
  runs: readonly ComparedRun[];
  crossover: { rows: readonly CrossoverRow[]; crossovers: readonly Crossover[] };
  notes: readonly string[];
}

const PERCENTILES = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
] as const;

const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(2)} %` : '–');

/** Each entry point's p50 to p99.9 of its successful requests, as grouped bars in its own colour. */
export function compareLatencyChart(input: CompareReportInput): ChartSpec {
  return {
    name: 'latency',
    title: 'Latency of successful requests by entry point',
    config: {
      type: 'bar',
      data: {
        labels: PERCENTILES.map(([, label]) => label),
        datasets: input.runs.map((run) => ({
          label: ENTRY_POINTS[run.type].shortLabel,
          data: PERCENTILES.map(([key]) => (Number.isFinite(run.summary.latencyMs.ok[key]) ? Number(run.summary.latencyMs.ok[key].toFixed(1)) : null)),
          backgroundColor: typeColor(run.type),
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
  return [compareLatencyChart(input), ...compareCharts(input.scenario.name, input.runs.map((r) => r.cost), rows, crossovers)];
}

export function toCompareHtml(input: CompareReportInput): string {
  const charts = compareHtmlCharts(input);
  const head = ['', ...input.runs.map((r) => ENTRY_POINTS[r.type].label)];
  const each = (value: (run: ComparedRun) => string) => input.runs.map(value);
  const figures = [
    ['requests that succeeded', ...each((r) => percent(r.summary.requests.ok, r.summary.requests.ok + r.summary.requests.failed))],
    ['p99, all requests', ...each((r) => formatMs(r.summary.latencyMs.all?.p99 ?? NaN))],
    ...PERCENTILES.map(([key, label]) => [`${label}, successful requests`, ...each((r) => formatMs(r.summary.latencyMs.ok[key]))]),
    ['attempts per request', ...each((r) => r.summary.attempts.amplification.toFixed(3))],
    ['monthly cost', ...each((r) => money(r.cost.totalUsd))],
  ];
  const byService = input.runs.map((r) => usdByService(r.cost));
  const services = [...new Set(byService.flatMap((s) => Object.keys(s)))];
  const bill = [...services.map((service) => [service, ...byService.map((s) => (s[service] === undefined ? '–' : money(s[service])))]), ['total', ...each((r) => money(r.cost.totalUsd))]];
  const types = input.runs.map((r) => r.type);
  const crossoverRows = input.crossover.rows.map((row) => [row.monthlyRequests.toLocaleString('en-US'), ...types.map((t) => money(row.usdByType[t] ?? NaN)), ENTRY_POINTS[row.cheapest].shortLabel]);
  const crossings = input.crossover.crossovers.map((c) => `above ${Math.round(c.monthlyRequests).toLocaleString('en-US')} requests a month, ${ENTRY_POINTS[c.to].label} is cheaper than ${ENTRY_POINTS[c.from].label}`);
  const first = input.runs[0].cost;
  const links = input.runs.map((r) => `<a href="${encodeURIComponent(r.type)}/report.html">${escapeHtml(ENTRY_POINTS[r.type].label)}</a>`).join(' · ');
  return `${pageStart(
    `${input.scenario.name}: apigw-sim compare`,
    `.chart { margin: 2rem 0; height: 480px; position: relative; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; } th, td { border-bottom: 1px solid #eee; padding: 0.25rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }`,
  )}<h1>${escapeHtml(input.scenario.name)}: compare</h1>
<p class="meta">${escapeHtml(`${input.scenario.file} · seed ${input.seed} · the same workload through ${input.runs.length} entry point${input.runs.length === 1 ? '' : 's'} · ${input.tool.name} ${input.tool.version}`)}</p>
<p>Each run's own report: ${links}</p>
${input.notes.map((note) => `<p class="note">note: ${escapeHtml(note)}</p>`).join('\n')}
<h2>Key figures</h2>
${htmlTable(head, figures)}
<h2>Monthly cost by service</h2>
<p class="note">${escapeHtml(`month: ${first.basis}; prices: ${first.region}, ${first.effectiveDate}`)}</p>
${htmlTable(['USD / month', ...head.slice(1)], bill)}
${chartCanvases(charts)}
<h2>Cost against monthly volume</h2>
<p>${escapeHtml(crossings.length === 0 ? 'The same entry point is cheapest over the whole range.' : crossings.join('; '))}</p>
${htmlTable(['requests a month', ...input.runs.map((r) => `${ENTRY_POINTS[r.type].shortLabel} (USD)`), 'cheapest'], crossoverRows)}
${chartScriptsAndEnd(charts, [], [])}`;
}

/** What `compare --json` prints: each entry point's figures and bill, the crossover table, the notes. */
export function compareJson(input: CompareReportInput, out: { folder: string; files: readonly string[] }): object {
  return {
    tool: input.tool,
    scenario: input.scenario,
    seed: input.seed,
    out: out.folder,
    files: out.files,
    runs: input.runs.map((r) => ({
      type: r.type,
      label: ENTRY_POINTS[r.type].label,
      requests: r.summary.requests,
      latencyMs: { all: r.summary.latencyMs.all, ok: r.summary.latencyMs.ok },
      amplification: r.summary.attempts.amplification,
      cost: { totalUsd: r.cost.totalUsd, basis: r.cost.basis, region: r.cost.region, effectiveDate: r.cost.effectiveDate, lines: r.cost.lines },
    })),
    crossover: input.crossover,
    notes: input.notes,
  };
}
