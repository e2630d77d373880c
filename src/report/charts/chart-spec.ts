/**
 * A chart as data: a file name, a title and a Chart.js configuration that
 * holds only JSON (no functions), so the same object is rendered to PNG in
 * Node and embedded in the HTML report. Shaded time windows (failures) are
 * drawn by the `windows` plugin (./window-plugin.ts) from
 * `options.plugins.windows`.
 */
import type { ChartConfiguration } from 'chart.js';

export interface ChartSpec {
  /** File name without extension: `outcomes`, `latency`... */
  readonly name: string;
  readonly title: string;
  readonly config: ChartConfiguration;
}

/** A time window to shade, in seconds of simulated time. */
export interface ShadedWindow {
  readonly fromS: number;
  readonly toS: number;
  readonly label: string;
}
