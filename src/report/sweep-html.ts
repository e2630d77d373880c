/**
 * A sweep's `report.html`: one self-contained page like a run's (Chart.js,
 * chartjs-chart-matrix and the data inlined; it opens from disk with no
 * network): for a metastability map its two heatmaps first, then a chart
 * per charted figure, and every point's figures as a table. Every string
 * from the scenario or the command line is escaped.
 */
import { heatmapPluginSource } from './charts/heatmap-plugin.js';
import { mapCharts } from './charts/map-charts.js';
import { formatSweptValue, sweepCharts } from './charts/sweep-charts.js';
import { chartJsMatrix } from './browser-builds.js';
import { chartCanvases, chartScriptsAndEnd, escapeHtml, htmlTable, pageStart } from './html-page.js';
import { formatNumber } from './number-format.js';
import type { SweepReportInput } from './sweep-report.js';

/** A figure's cell: the mean, and its interval when there is one. */
function cell(e: { mean: number; low: number; high: number } | undefined): string {
  if (!e || Number.isNaN(e.mean)) return '–';
  const interval = Number.isFinite(e.low) || Number.isFinite(e.high) ? ` (${formatNumber(e.low)} – ${formatNumber(e.high)})` : '';
  return `${formatNumber(e.mean)}${interval}`;
}

export function toSweepHtml(input: SweepReportInput): string {
  const charts = [...mapCharts(input), ...sweepCharts(input)];
  const kind = input.map ? 'metastability map' : 'sweep';
  const head = [...input.parameters.map((p) => p.name), ...input.metrics];
  const rows = input.points.map((point) => {
    const figures = new Map(point.summary.figures);
    return [...point.values.map(formatSweptValue), ...input.metrics.map((m) => cell(figures.get(m)))];
  });
  const title = `${input.scenario.name}: apigw-sim ${kind}`;
  return `${pageStart(
    title,
    `.chart { margin: 2rem 0; height: 600px; position: relative; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; } th, td { border-bottom: 1px solid #eee; padding: 0.25rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }`,
  )}<h1>${escapeHtml(input.scenario.name)}: ${kind}</h1>
<p class="meta">${escapeHtml(`${input.scenario.file} · ${input.parameters.map((p) => p.name).join(' × ')} · ${input.points.length} points × ${input.replications} replication${input.replications === 1 ? '' : 's'} · ${input.tool.name} ${input.tool.version}`)}</p>
${input.map ? `<p class="note">Each cell ran ${input.replications} replications. P(collapse): the share of runs still degraded after the last trigger (collapse section of the scenario), with its 95 % Wilson interval; recovery: the median time from the trigger's end to the first window back at the recovered share (never when half or more never recovered).</p>` : ''}
${input.notes.map((note) => `<p class="note">note: ${escapeHtml(note)}</p>`).join('\n')}
${chartCanvases(charts)}
<h2>Points</h2>
<p class="note">${escapeHtml(input.replications > 1 ? 'mean (95 % interval) of each figure; P(collapse) with its Wilson interval, recovery times as median (order-statistic interval), Infinity = never' : 'each figure of the one run at each point')}</p>
${htmlTable(head, rows)}
${chartScriptsAndEnd(charts, [chartJsMatrix()], [heatmapPluginSource()])}`;
}
