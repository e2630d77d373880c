/**
 * What calibrate writes and prints about simulated against observed: the
 * overlay charts (one per figure with values per period: observed dashed,
 * simulated solid), the error table (terminal, CSV, JSON) and the HTML page
 * (src/report's page machinery: self-contained, Chart.js inlined). Pure
 * apart from nothing: every function returns text or data.
 */
import type { ChartConfiguration } from 'chart.js';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { ChartSpec } from '../report/charts/chart-spec.js';
import { lineLegendPluginSource } from '../report/charts/line-legend-plugin.js';
import { OKABE_ITO } from '../report/charts/palette.js';
import { chartCanvases, chartScriptsAndEnd, escapeHtml, htmlTable, pageStart } from '../report/html-page.js';
import { formatNumber, jsonSafe } from '../report/number-format.js';
import type { Comparison, FigureComparison } from './comparison.js';
import type { Calibration } from './fit.js';

/** A figure's value for people: ms with one decimal, shares as per cent, counts whole. */
export function formatValue(f: FigureComparison, value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (f.unit === 'ms') return `${value.toFixed(1)} ms`;
  if (f.unit === 'share') return `${(value * 100).toFixed(2)} %`;
  return Math.round(value).toLocaleString('en-US');
}

const percent = (e: number) => (Number.isFinite(e) ? `${e >= 0 ? '+' : ''}${(e * 100).toFixed(1)} %` : '–');

export const TABLE_HEAD = ['figure', 'observed', 'simulated', 'error', 'mean error per period'];

export function tableRows(c: Comparison): string[][] {
  return c.figures.map((f) => [f.figure, formatValue(f, f.observed), formatValue(f, f.simulated), percent(f.relativeError), Number.isFinite(f.meanPeriodError) ? `${(f.meanPeriodError * 100).toFixed(1)} %` : '–']);
}

export function toTerminalText(c: Comparison, fit: Calibration): string {
  const table = new Table({ head: TABLE_HEAD, style: { head: [], border: [] }, colAligns: ['left', 'right', 'right', 'right', 'right'] });
  for (const row of tableRows(c)) table.push(row);
  const lines = [`simulated against observed (${fit.periods} periods of ${fit.periodS} s)`, table.toString()];
  for (const note of [...fit.notes, ...c.notes]) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** calibration.csv: one row per figure, raw numbers (4 decimals) for a spreadsheet. */
export function toCsv(c: Comparison): string {
  return stringify([
    ['figure', 'unit', 'observed', 'simulated', 'relative_error', 'mean_period_error'],
    ...c.figures.map((f) => [f.figure, f.unit, formatNumber(f.observed), formatNumber(f.simulated), formatNumber(f.relativeError), formatNumber(f.meanPeriodError)]),
  ]);
}

/** overlay.csv: per period, each figure's observed and simulated values. */
export function toOverlayCsv(c: Comparison): string {
  const figures = c.figures.filter((f) => f.perPeriod);
  const periods = figures[0]?.perPeriod?.observed.length ?? 0;
  const head = ['start', ...figures.flatMap((f) => [`${f.figure} observed`, `${f.figure} simulated`])];
  const rows = Array.from({ length: periods }, (_, i) => [new Date(c.startMs + i * c.periodS * 1000).toISOString(), ...figures.flatMap((f) => [formatNumber(f.perPeriod?.observed[i] ?? NaN), formatNumber(f.perPeriod?.simulated[i] ?? NaN)])]);
  return stringify([head, ...rows]);
}

/** What --json prints: the fitted values and the comparison (NaN as null). */
export function toJson(c: Comparison, fit: Calibration, files: { scenario: string; outDir: string }): unknown {
  return jsonSafe({
    scenario: files.scenario,
    outDir: files.outDir,
    periodSeconds: fit.periodS,
    periods: fit.periods,
    fitted: {
      requestsPerPeriod: fit.requestsPerPeriod?.value ?? null,
      latencyMs: fit.latency ? Object.fromEntries(fit.latency.value.quantiles.map(([p, v]) => [`p${p}`, v])) : null,
      coldStartMs: fit.coldStart ? Object.fromEntries(fit.coldStart.value.quantiles.map(([p, v]) => [`p${p}`, v])) : null,
      errorRate: fit.errorRate?.value ?? null,
      cacheHitRatio: fit.cacheHitRatio?.value ?? null,
    },
    figures: c.figures.map((f) => ({ figure: f.figure, unit: f.unit, observed: f.observed, simulated: f.simulated, relativeError: f.relativeError, meanPeriodError: f.meanPeriodError })),
    notes: [...fit.notes, ...c.notes],
  });
}

/** An overlay chart per figure with values per period. */
export function overlayCharts(c: Comparison): ChartSpec[] {
  const byGroup = new Map<string, FigureComparison[]>();
  for (const f of c.figures.filter((x) => x.perPeriod)) {
    const group = f.figure.startsWith('Latency') ? 'latency' : f.figure.startsWith('Count') || f.figure.startsWith('RequestCount') ? 'requests' : f.figure.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '').toLowerCase();
    byGroup.set(group, [...(byGroup.get(group) ?? []), f]);
  }
  const colors = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.vermilion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple];
  return [...byGroup].map(([group, figures]) => {
    const unit = figures[0].unit;
    const scale = unit === 'share' ? 100 : 1;
    const yTitle = unit === 'ms' ? 'ms' : unit === 'share' ? '% of requests' : `per ${c.periodS} s period`;
    const x = (i: number) => ((i + 1) * c.periodS) / 60;
    const datasets = figures.flatMap((f, k) => {
      const data = (values: number[]) => values.map((v, i) => ({ x: x(i), y: Number.isFinite(v) ? Number((v * scale).toFixed(4)) : null }));
      const color = colors[k % colors.length];
      const per = f.perPeriod as { observed: number[]; simulated: number[] };
      return [
        { label: `${f.figure} observed`, data: data(per.observed), borderColor: color, backgroundColor: color, borderDash: [6, 4], pointStyle: 'line', spanGaps: false },
        { label: `${f.figure} simulated`, data: data(per.simulated), borderColor: color, backgroundColor: color, pointStyle: 'line', spanGaps: false },
      ];
    });
    const title = group === 'latency' ? 'Latency per period: observed (dashed) and simulated' : group === 'requests' ? 'Requests per period: observed (dashed) and simulated' : `${figures[0].figure} per period: observed (dashed) and simulated`;
    const config = {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        parsing: false,
        plugins: { title: { display: true, text: title, font: { size: 18 } }, legend: { position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: 40 } } },
        scales: { x: { type: 'linear', min: 0, max: x((figures[0].perPeriod as { observed: number[] }).observed.length - 1), title: { display: true, text: 'minutes from the export\'s start (period ends)' } }, y: { beginAtZero: true, title: { display: true, text: yTitle } } },
        elements: { point: { radius: 0 }, line: { borderWidth: 2 } },
      },
    } as unknown as ChartConfiguration;
    return { name: `calibration-${group}`, title, config };
  });
}

export function toHtml(c: Comparison, fit: Calibration, info: { scenario: string; export: string; calibrated: string; tool: string }): string {
  const charts = overlayCharts(c);
  const notes = [...fit.notes, ...c.notes];
  return `${pageStart(
    `calibration: ${info.scenario}`,
    `.chart { margin: 2rem 0; height: 500px; position: relative; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; } th, td { border-bottom: 1px solid #eee; padding: 0.25rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }`,
  )}<h1>Calibration: simulated against observed</h1>
<p class="meta">${escapeHtml(`${info.scenario} fitted to ${info.export} (${fit.periods} periods of ${fit.periodS} s from ${new Date(c.startMs).toISOString()}) · calibrated scenario: ${info.calibrated} · ${info.tool}`)}</p>
<h2>Error per figure</h2>
<p class="note">error: (simulated − observed) / observed over the whole export; mean error per period: the mean of |simulated − observed| / observed over the periods.</p>
${htmlTable(TABLE_HEAD, tableRows(c))}
${notes.map((n) => `<p class="note">note: ${escapeHtml(n)}</p>`).join('\n')}
${chartCanvases(charts)}
${chartScriptsAndEnd(charts, [], [lineLegendPluginSource()])}`;
}
