/**
 * What a heatmap needs beside chartjs-chart-matrix's cells: each cell sized
 * to its share of the chart area, and its value written in it.
 *
 * The matrix controller draws a cell `width` by `height` pixels, which must
 * be functions of the chart area to fill a grid (its documentation's own
 * example); a chart spec holds only JSON (./chart-spec.ts), so the spec
 * says `options.plugins.heatmap: { columns, rows }` and this plugin puts
 * those functions on each matrix dataset before the chart is built. Each
 * data point's `label` is written at its cell's centre in its `textColor`.
 * Written without closures over module state, so its source can be inlined
 * in the HTML report as it is (`heatmapPluginSource`), like ./window-plugin.ts.
 */
interface HeatmapOptions {
  columns?: number;
  rows?: number;
}

interface CellContext {
  chart: { chartArea?: { width: number; height: number } };
}

interface ChartLike {
  ctx: CanvasRenderingContext2D;
  config: { options?: { plugins?: { heatmap?: HeatmapOptions } } };
  data: { datasets: Array<{ type?: string; width?: unknown; height?: unknown; data: unknown[] }> };
  getDatasetMeta(index: number): { data: Array<{ getCenterPoint(): { x: number; y: number } }> };
}

export const heatmapPlugin = {
  id: 'heatmap',
  beforeInit(chart: ChartLike): void {
    const options = (chart.config.options && chart.config.options.plugins && chart.config.options.plugins.heatmap) || {};
    if (!options.columns || !options.rows) return; // not a heatmap
    const columns = options.columns;
    const rows = options.rows;
    for (const dataset of chart.data.datasets) {
      dataset.width = function (context: CellContext) {
        const area = context.chart.chartArea;
        return area ? Math.max(1, area.width / columns - 2) : 0;
      };
      dataset.height = function (context: CellContext) {
        const area = context.chart.chartArea;
        return area ? Math.max(1, area.height / rows - 2) : 0;
      };
    }
  },
  afterDatasetsDraw(chart: ChartLike): void {
    const options = (chart.config.options && chart.config.options.plugins && chart.config.options.plugins.heatmap) || {};
    if (!options.columns) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = '15px sans-serif';
    chart.data.datasets.forEach(function (dataset, i) {
      const cells = chart.getDatasetMeta(i).data;
      dataset.data.forEach(function (point, j) {
        const cell = cells[j];
        const p = point as { label?: string; textColor?: string };
        if (!cell || !p.label) return;
        const centre = cell.getCenterPoint();
        ctx.fillStyle = p.textColor || '#000000';
        const lines = p.label.split('\n');
        lines.forEach(function (line, k) {
          ctx.fillText(line, centre.x, centre.y + (k - (lines.length - 1) / 2) * 18);
        });
      });
    });
    ctx.restore();
  },
};

/** The plugin as JavaScript source, for the HTML report. */
export function heatmapPluginSource(): string {
  const method = (f: { toString(): string }, name: string) => `function ${f.toString().replace(new RegExp(`^${name}`), '')}`;
  return `{ id: 'heatmap', beforeInit: ${method(heatmapPlugin.beforeInit, 'beforeInit')}, afterDatasetsDraw: ${method(heatmapPlugin.afterDatasetsDraw, 'afterDatasetsDraw')} }`;
}
