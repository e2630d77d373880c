/**
 * What every self-contained HTML page apigw-sim writes is made of (a run's
 * report.html, a sweep's): escaping, tables, the page's head, and its
 * charts with Chart.js and their data inlined, so a page opens from disk
 * with no network. Chart data is embedded as JSON in a non-executable
 * script element with `<` written as \u003c, so no string from a scenario
 * can close it. Chart.js's own source comes from ./browser-builds.ts
 * (node_modules for the CLI; the browser playground swaps in the copy its
 * bundler inlines).
 */
import { chartJs } from './browser-builds.js';
import type { ChartSpec } from './charts/chart-spec.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** JSON that is safe inside a <script> element: no `<`, so no `</script>` can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A table of escaped cells. */
export function htmlTable(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const cells = (row: ReadonlyArray<string>, tag: string) => `<tr>${row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${cells(head, 'th')}</thead><tbody>${rows.map((r) => cells(r, 'td')).join('')}</tbody></table>`;
}

/** The page up to its body: the title, and the page's own style rules after the ones every page shares. */
export function pageStart(title: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1240px; padding: 0 1rem; color: #222; }
h1 { margin-bottom: 0.2rem; } .meta, .note { color: #666; font-size: 0.9rem; }
${css}
</style>
</head>
<body>
`;
}

/** A canvas for each chart, in order. */
export function chartCanvases(charts: readonly ChartSpec[]): string {
  return charts.map((c, i) => `<div class="chart"><canvas id="chart-${i}" aria-label="${escapeHtml(c.title)}" role="img"></canvas></div>`).join('\n');
}

/**
 * The charts' data, Chart.js and `libraries` (browser builds that extend it)
 * inlined, the `plugins` (sources of Chart.js plugin objects) registered,
 * and each canvas drawn; then the page's end.
 */
export function chartScriptsAndEnd(charts: readonly ChartSpec[], libraries: readonly string[], plugins: readonly string[]): string {
  return `<script id="chart-data" type="application/json">${scriptJson(charts.map((c) => c.config))}</script>
<script>${chartJs()}</script>
${libraries.map((source) => `<script>${source}</script>\n`).join('')}<script>
Chart.register(${plugins.join(', ')});
Chart.defaults.maintainAspectRatio = false;
JSON.parse(document.getElementById('chart-data').textContent).forEach(function (config, i) {
  new Chart(document.getElementById('chart-' + i), config);
});
</script>
</body>
</html>
`;
}
