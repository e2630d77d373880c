/**
 * `charts/*.png`: every chart of the run that has something to show, at
 * 1200 x 600. Without node-canvas nothing is written (the CLI says how to
 * enable it; the CSV, JSON and HTML outputs do not need it).
 */
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { pngRenderer } from './charts/png-renderer.js';
import type { ChartSpec } from './charts/chart-spec.js';
import { runCharts } from './charts/run-charts.js';
import type { Reporter } from './report-input.js';

/** Writes `charts/<name>.png` for each chart; nothing without node-canvas. */
export async function writeCharts(charts: readonly ChartSpec[], outDir: string): Promise<string[]> {
  const renderer = await pngRenderer();
  if ('unavailable' in renderer) return [];
  const written: string[] = [];
  for (const chart of charts) {
    const path = join(outDir, 'charts', `${chart.name}.png`);
    await writeFileAtomic(path, await renderer.render(chart));
    written.push(path);
  }
  return written;
}

export const chartReporter: Reporter = {
  name: 'charts',
  write: (input, outDir) => writeCharts(runCharts(input), outDir),
};
