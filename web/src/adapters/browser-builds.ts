/**
 * The browser twin of src/report/browser-builds.ts (web/vite.config.ts
 * swaps it in): the same Chart.js and chartjs-chart-matrix builds, taken as
 * text by the bundler, so the report.html the playground offers is the one
 * the CLI writes, byte for byte.
 */
import chartUmd from '../../../node_modules/chart.js/dist/chart.umd.min.js?raw';

export function chartJs(): string {
  return chartUmd;
}

/** Sweep pages only (the playground draws none). */
export function chartJsMatrix(): string {
  throw new Error('the playground writes no sweep page');
}
