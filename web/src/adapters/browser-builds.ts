/**
 * The browser twin of src/report/browser-builds.ts (web/vite.config.ts
 * swaps it in): the same Chart.js build, taken as text by the bundler, so
 * the report.html the playground offers inlines what the CLI's does. It is
 * a chunk of its own, fetched when a report is first asked for
 * (`loadBrowserBuilds`), so the page's first run does not wait for it.
 */
let chartUmd: string | null = null;

export async function loadBrowserBuilds(): Promise<void> {
  chartUmd ??= (await import('../../../node_modules/chart.js/dist/chart.umd.min.js?raw')).default;
}

export function chartJs(): string {
  if (chartUmd === null) throw new Error('Chart.js is not loaded yet: await loadBrowserBuilds() first');
  return chartUmd;
}

/** Sweep pages only (the playground draws none). */
export function chartJsMatrix(): string {
  throw new Error('the playground writes no sweep page');
}
