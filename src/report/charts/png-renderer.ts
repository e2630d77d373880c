/**
 * Charts to PNG through chartjs-node-canvas, which needs node-canvas, an
 * optional dependency: where it did not install (no prebuilt binary and no
 * cairo to build against), the renderer is unavailable and says how to get
 * it; every other output is written as usual.
 */
import type { ChartSpec } from './chart-spec.js';
import { heatmapPlugin } from './heatmap-plugin.js';
import { lineLegendPlugin } from './line-legend-plugin.js';
import { windowPlugin } from './window-plugin.js';

export const CHART_WIDTH_PX = 1200;
export const CHART_HEIGHT_PX = 600;

export const ENABLE_PNG_HINT =
  'PNG charts need node-canvas: on Debian/Ubuntu run `sudo apt-get install build-essential libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev`, then `npm install` (README: PNG charts)';

export interface PngRenderer {
  render(chart: ChartSpec): Promise<Buffer>;
}

/**
 * The part of chartjs-node-canvas used here, typed locally: the package is an
 * optional dependency, so neither the build nor the type check may need it
 * installed (where node-canvas cannot compile, npm removes both packages and
 * `npm install` must still succeed, `prepare` build included).
 */
interface ChartJsNodeCanvasModule {
  ChartJSNodeCanvas: new (options: {
    width: number;
    height: number;
    backgroundColour: string;
    plugins?: { requireChartJSLegacy?: string[] };
    chartCallback: (chartJs: { register(plugin: never): void; defaults: { font: { size: number } } }) => void;
  }) => { renderToBuffer(config: unknown, mimeType: 'image/png'): Promise<Buffer> };
}

/** Held in a variable so that TypeScript does not resolve the optional package. */
const CHARTJS_NODE_CANVAS = 'chartjs-node-canvas';

let loaded: Promise<PngRenderer | { unavailable: string }> | undefined;

/** The renderer, or why there is none. `APIGW_SIM_NO_CANVAS=1` behaves as if node-canvas were missing. */
export function pngRenderer(): Promise<PngRenderer | { unavailable: string }> {
  // read on every call, not once with the renderer: a process that sets it after its first chart
  // (the fuzz suite, in a test worker that drew charts for an earlier file) is heard
  if (process.env.APIGW_SIM_NO_CANVAS === '1') return Promise.resolve({ unavailable: `no PNG charts (APIGW_SIM_NO_CANVAS=1); ${ENABLE_PNG_HINT}` });
  loaded ??= load();
  return loaded;
}

async function load(): Promise<PngRenderer | { unavailable: string }> {
  try {
    const { ChartJSNodeCanvas } = (await import(CHARTJS_NODE_CANVAS)) as ChartJsNodeCanvasModule;
    const canvas = new ChartJSNodeCanvas({
      width: CHART_WIDTH_PX,
      height: CHART_HEIGHT_PX,
      backgroundColour: 'white',
      // the heatmaps' cells: required right after the canvas's own Chart.js, so it registers with that one
      plugins: { requireChartJSLegacy: ['chartjs-chart-matrix'] },
      chartCallback: (ChartJS) => {
        ChartJS.register(windowPlugin as never);
        ChartJS.register(lineLegendPlugin as never);
        ChartJS.register(heatmapPlugin as never);
        ChartJS.defaults.font.size = 14;
      },
    });
    return { render: (chart) => canvas.renderToBuffer(chart.config, 'image/png') };
  } catch {
    return { unavailable: `no PNG charts: node-canvas is not installed. ${ENABLE_PNG_HINT}` };
  }
}
