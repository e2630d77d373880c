/**
 * A Chart.js plugin that shades time windows (failure windows) behind the
 * data: `options.plugins.windows: { windows: [{fromS, toS, label}], color }`.
 * Written without closures over module state, so its source can be inlined
 * in the HTML report as it is (`windowPluginSource`).
 */
interface WindowOptions {
  windows?: Array<{ fromS: number; toS: number; label: string }>;
  color?: string;
}

interface ChartLike {
  ctx: CanvasRenderingContext2D;
  chartArea: { left: number; right: number; top: number; bottom: number };
  scales: Record<string, { getPixelForValue(value: number): number }>;
}

export const windowPlugin = {
  id: 'windows',
  beforeDatasetsDraw(chart: ChartLike, _args: unknown, options: WindowOptions): void {
    const windows = options.windows ?? [];
    const x = chart.scales.x;
    if (windows.length === 0 || !x) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.fillStyle = options.color ?? 'rgba(213, 94, 0, 0.12)';
    ctx.font = '12px sans-serif';
    for (const w of windows) {
      const left = Math.max(chartArea.left, x.getPixelForValue(w.fromS));
      const right = Math.min(chartArea.right, x.getPixelForValue(w.toS));
      if (right <= left) continue;
      ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
      ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
      ctx.fillText(w.label, left + 4, chartArea.top + 14);
      ctx.fillStyle = options.color ?? 'rgba(213, 94, 0, 0.12)';
    }
    ctx.restore();
  },
};

/** The plugin as JavaScript source, for the HTML report. */
export function windowPluginSource(): string {
  return `{ id: 'windows', beforeDatasetsDraw: function ${windowPlugin.beforeDatasetsDraw.toString().replace(/^beforeDatasetsDraw/, '')} }`;
}
