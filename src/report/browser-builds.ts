/**
 * The browser builds a self-contained page inlines (Chart.js and the
 * chartjs-chart-matrix controller), read from node_modules once. The
 * Node side of ./html-page.ts: the browser playground's bundler swaps this
 * file for web/src/adapters/browser-builds.ts, which has the same exports
 * and imports the same files as text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const sources = new Map<string, string>();

/** A browser build from node_modules (`file` next to the package's entry point), read once. */
function packageFile(name: string, file: string): string {
  let source = sources.get(name);
  if (source === undefined) {
    // the packages' exports hide their dist/ folders, so find the file next to the entry point
    source = readFileSync(join(dirname(createRequire(import.meta.url).resolve(name)), file), 'utf8');
    sources.set(name, source);
  }
  return source;
}

/** Chart.js's UMD build. */
export function chartJs(): string {
  return packageFile('chart.js', 'chart.umd.min.js');
}

/** chartjs-chart-matrix's browser build (it registers itself with the page's Chart). */
export function chartJsMatrix(): string {
  return packageFile('chartjs-chart-matrix', 'chartjs-chart-matrix.min.js');
}
