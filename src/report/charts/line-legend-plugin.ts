/**
 * A Chart.js plugin that draws each line's legend swatch as the line is
 * drawn: a short stroke in its colour, width and dash (a dashed series gets
 * a dashed swatch), and a filled area's as a filled box.
 *
 * Chart.js alone cannot: with `labels.usePointStyle` a legend item takes its
 * style from the dataset's first point, which has no dash; without it every
 * swatch is a box filled with the background colour, so a dashed black line
 * shows as a black block. The charts ask for line swatches in their JSON
 * (`legend.labels.usePointStyle`, and `pointStyle: 'line'` or `'rect'` on
 * each dataset, see ./run-charts.ts); this plugin only copies each line dataset's `borderDash` and `borderWidth` onto its legend
 * item once the legend has built its items. Written without closures over
 * module state, so its source can be inlined in the HTML report as it is
 * (`lineLegendPluginSource`), like ./window-plugin.ts.
 */
interface LegendItemLike {
  datasetIndex?: number;
  pointStyle?: unknown;
  lineDash?: number[];
  lineWidth?: number;
}

interface ChartLike {
  legend?: { legendItems?: LegendItemLike[] };
  data: { datasets: Array<{ borderDash?: number[]; borderWidth?: number }> };
}

export const lineLegendPlugin = {
  id: 'lineLegend',
  afterUpdate(chart: ChartLike): void {
    const items = (chart.legend && chart.legend.legendItems) || [];
    for (const item of items) {
      const dataset = item.datasetIndex === undefined ? undefined : chart.data.datasets[item.datasetIndex];
      if (!dataset || item.pointStyle !== 'line') continue;
      item.lineDash = dataset.borderDash || [];
      if (typeof dataset.borderWidth === 'number') item.lineWidth = dataset.borderWidth;
    }
  },
};

/** The plugin as JavaScript source, for the HTML report. */
export function lineLegendPluginSource(): string {
  return `{ id: 'lineLegend', afterUpdate: function ${lineLegendPlugin.afterUpdate.toString().replace(/^afterUpdate/, '')} }`;
}
