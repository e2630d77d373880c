/**
 * `report.html`: one self-contained file that opens from disk with no
 * network: Chart.js and the data are inlined, every chart is interactive,
 * and the key figures, the outcome, stage and cost tables, the scenario as
 * written, the seed and the version are on the page.
 *
 * Every string that comes from a scenario is escaped for HTML, and the
 * chart data is embedded safely (./html-page.ts), so a scenario named
 * `<script>alert(1)</script>` renders as text.
 *
 * Text only, no files: ./file-reporters.ts writes it into a run's folder,
 * the browser playground offers it as a download.
 */
import { formatMs, money } from './number-format.js';
import { stringify as toYaml } from 'yaml';
import { collapseCard } from './collapse-text.js';
import { canaryCard } from './canary-text.js';
import { runCharts } from './charts/run-charts.js';
import { lineLegendPluginSource } from './charts/line-legend-plugin.js';
import { chartCanvases, chartScriptsAndEnd, escapeHtml, htmlTable as table, pageStart } from './html-page.js';
import { windowPluginSource } from './charts/window-plugin.js';
import type { ChartSpec } from './charts/chart-spec.js';
import type { LatencySummary } from '../metrics/summary.js';
import type { ReplicatedSummary } from '../metrics/replicated-summary.js';
import type { ThresholdResult } from '../metrics/thresholds.js';
import { keyFigureRows, replicatedCaption } from './replicated-tables.js';
import type { LessonCard, ReportInput } from './report-input.js';
import { FAILURE_PARTS, failedRequests } from './failed-requests.js';

const ms = formatMs;
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(2)} %` : '–');

/** A lesson's card: the question, the explanation, the exam signal, its claims checked, links to its other variants. */
function lessonSection(lesson: LessonCard): string {
  const links = lesson.variants.map((v) => (v === lesson.variant ? `<strong>${escapeHtml(v)}</strong>` : `<a href="../${encodeURIComponent(v)}/report.html">${escapeHtml(v)}</a>`)).join(' · ');
  const claims = lesson.claims.map((c) => `<li class="${c.pass ? 'pass' : 'fail'}">${c.pass ? '✓' : '✗'} ${escapeHtml(c.says)} <span class="note">(${escapeHtml(c.detail)})</span></li>`).join('');
  return `<section class="lesson">
<h2>${escapeHtml(lesson.title)}</h2>
<p><strong>${escapeHtml(lesson.question)}</strong></p>
<p>${escapeHtml(lesson.explanation)}</p>
<p class="note">Exam signal: ${escapeHtml(lesson.examSignal)}</p>
${claims ? `<ul class="thresholds">${claims}</ul>` : ''}
<p class="note">Variants: ${links}</p>
</section>`;
}

/** The SLO thresholds, each held or failed. */
function thresholdSection(results: readonly ThresholdResult[]): string {
  const failed = results.filter((r) => !r.pass).length;
  const items = results.map((r) => `<li class="${r.pass ? 'pass' : 'fail'}">${escapeHtml(r.message)}</li>`).join('');
  return `<h2>${failed === 0 ? `SLO thresholds: all ${results.length} held` : `SLO thresholds: ${failed} of ${results.length} failed`}</h2><ul class="thresholds">${items}</ul>`;
}

/** The key figures across replications, and what the rest of the page then shows. */
function replicatedSection(summary: ReplicatedSummary, seed: number): string {
  const rows = keyFigureRows(summary).map((r) => [r.label, r.mean, r.interval, r.pooled]);
  return `<h2>Across ${summary.replications} replications</h2>
<p class="note">${escapeHtml(replicatedCaption(summary))}. The charts and tables below are replication 1 (seed ${seed}); summary.csv and run.json hold every figure with its interval, replications.csv each replication's.</p>
${table(['figure', 'mean', `${Math.round(summary.confidence * 100)} % interval`, 'pooled'], rows)}`;
}

/**
 * The key figures, each the worst of what matters: the slower p99 of all
 * requests and of the successful ones (a storm's successes are fast, its
 * failures are not), the share that failed with its largest parts, the
 * retry amplification and the bill.
 */
export function keyFigures(input: ReportInput): Array<[label: string, value: string]> {
  const s = input.summary;
  const r = s.requests;
  const failed = failedRequests(r);
  const finished = r.ok + failed;
  const cost = input.cost[0];
  const parts = FAILURE_PARTS.filter(([key]) => r[key] > 0).map(([key, label]) => `${label} ${pct(r[key], finished)}`);
  return [
    worstP99(s.latencyMs),
    [`requests that failed${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`, pct(failed, finished)],
    ['attempts per request', s.attempts.amplification.toFixed(3)],
    ...(cost ? ([[`monthly cost (${cost.apiType.toUpperCase()})`, money(cost.totalUsd)]] as Array<[string, string]>) : []),
  ];
}

/** The larger p99 of all requests and of the successful ones, labelled with which it is and the other's value. */
function worstP99(latency: ReportInput['summary']['latencyMs']): [string, string] {
  const { all, ok } = latency;
  // a run.json from before latencyMs.all: the successful requests' only
  if (!all) return ['p99, successful requests', ms(ok.p99)];
  if (!(ok.p99 > all.p99)) return [`p99, all requests (successful ones: ${ms(ok.p99)})`, ms(all.p99)];
  return [`p99, successful requests (all requests: ${ms(all.p99)})`, ms(ok.p99)];
}

export function toHtmlReport(input: ReportInput, charts: readonly ChartSpec[] = runCharts(input)): string {
  const s = input.summary;
  const r = s.requests;
  const failed = failedRequests(r);
  const finished = r.ok + failed;
  const figures = [...keyFigures(input), ...(s.collapse ? [collapseCard(s.collapse)] : []), ...(s.canary ? [canaryCard(s.canary)] : [])];
  const count = (n: number) => n.toLocaleString('en-US');
  const requestRows = [
    ['offered', count(r.offered), ''],
    ['succeeded', count(r.ok), pct(r.ok, finished)],
    ['failed', count(failed), pct(failed, finished)],
    ...FAILURE_PARTS.map(([key, label]) => [`\u2003${label}`, count(r[key]), pct(r[key], finished)]),
    ['still in flight at end', count(r.inFlight), ''],
  ];
  const outcomes = Object.entries(s.attempts.outcomes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([label, n]) => [label, n.toLocaleString('en-US'), pct(n, s.attempts.ended)]);
  const percentiles = (l: LatencySummary) => (['p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const).map((p) => ms(l[p]));
  const latencyRows = [
    ...(s.latencyMs.all ? [['all requests, end to end', ...percentiles(s.latencyMs.all)]] : []),
    ['successful requests, end to end', ...percentiles(s.latencyMs.ok)],
    ...(s.latencyMs.failed.count > 0 ? [['attempts answered with an error', ...percentiles(s.latencyMs.failed)]] : []),
    ...(s.deliveryMs ? [['events, published to processed', ...percentiles(s.deliveryMs)]] : []),
  ];
  const stages = Object.entries(s.stagesMs).map(([stage, l]) => [stage, ms(l.mean), ms(l.p50), ms(l.p99)]);
  const bills = input.cost.map(
    (e) =>
      `<h3>${escapeHtml(`Monthly cost, ${e.apiType.toUpperCase()} (${e.region}, prices of ${e.effectiveDate})`)}</h3>` +
      table(
        ['service', 'item', 'quantity', 'rate', 'USD / month'],
        [...e.lines.map((l) => [l.service, l.item, `${Number(l.quantity.toPrecision(6)).toLocaleString('en-US')} ${l.unit}`, `$${l.usdRate} / ${l.rateUnit}`, money(l.usd)]), ['total', '', '', '', money(e.totalUsd)]],
      ) +
      `<p class="note">${escapeHtml(`month: ${e.basis}; ${e.freeTier ? 'free tier taken off' : 'no free tier'}`)}</p>`,
  );
  const title = `${input.scenario.name}: apigw-sim report`;
  return `${pageStart(
    title,
    `.figures { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1.5rem 0; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: 0.8rem 1.2rem; min-width: 12rem; }
.figure .value { font-size: 1.8rem; font-weight: 600; } .figure .label { color: #666; }
.chart { margin: 2rem 0; height: 600px; position: relative; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; } th, td { border-bottom: 1px solid #eee; padding: 0.25rem 0.8rem; text-align: right; }
th:first-child, td:first-child { text-align: left; } pre { background: #f6f6f6; padding: 1rem; overflow: auto; }
.lesson { background: #f4f8fb; border-left: 4px solid #0072B2; padding: 0.5rem 1.2rem; margin: 1rem 0; }
.thresholds { list-style: none; padding: 0; } .thresholds .pass { color: #007a4d; } .thresholds .fail { color: #b00020; font-weight: 600; }`,
  )}<h1>${escapeHtml(input.scenario.name)}</h1>
<p>${escapeHtml(input.scenario.description)}</p>
<p class="meta">${escapeHtml(`${input.scenario.file} · seed ${input.seed} · ${s.measuredSeconds} s measured after warm-up · ${input.tool.name} ${input.tool.version}`)}</p>
<div class="figures">${figures.map(([label, value]) => `<div class="figure"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`).join('')}</div>
${input.lesson ? lessonSection(input.lesson) : ''}
${input.thresholds?.length ? thresholdSection(input.thresholds) : ''}
${input.replicated ? replicatedSection(input.replicated.summary, input.seed) : ''}
${chartCanvases(charts)}
<h2>Requests</h2>
${table(['requests', 'count', 'share'], requestRows)}
<h2>Latency</h2>
${table(['', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max'], latencyRows)}
${stages.length > 0 ? `<h2>Where the time goes</h2>${table(['stage', 'mean', 'p50', 'p99'], stages)}` : ''}
<h2>Attempt outcomes</h2>
${table(['outcome', 'count', 'share'], outcomes)}
${bills.join('\n')}
<h2>Scenario</h2>
<pre>${escapeHtml(toYaml(input.scenario.echo ?? {}))}</pre>
${chartScriptsAndEnd(charts, [], [windowPluginSource(), lineLegendPluginSource()])}`;
}
