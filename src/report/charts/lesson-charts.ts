/**
 * A lesson's comparison: one figure (the lesson's `chart`, when it names a
 * figure rather than a run chart) for each of its variants, as bars, each
 * claim's story at a glance.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ChartSpec } from './chart-spec.js';
import { SERIES } from './palette.js';

export interface LessonBar {
  variant: string;
  value: number;
}

export function lessonCompareChart(title: string, figureLabel: string, unit: string, bars: readonly LessonBar[]): ChartSpec {
  const values = bars.map((b) => b.value).filter((v) => Number.isFinite(v) && v > 0);
  // bills at 1M and 10B requests a month differ ten-thousandfold: a log axis keeps both visible
  const logY = values.length === bars.length && Math.max(...values) / Math.min(...values) > 100;
  return {
    name: 'compare',
    title: `${figureLabel} by variant`,
    config: {
      type: 'bar',
      data: {
        labels: bars.map((b) => b.variant),
        datasets: [{ label: figureLabel, data: bars.map((b) => (Number.isFinite(b.value) ? Number(b.value.toFixed(4)) : null)), backgroundColor: bars.map((_, i) => SERIES[i % SERIES.length]) }],
      },
      options: {
        animation: false,
        plugins: { title: { display: true, text: `${title}: ${figureLabel}`, font: { size: 18 } }, legend: { display: false } },
        scales: { y: logY ? { type: 'logarithmic', title: { display: true, text: `${unit} (log scale)` } } : { beginAtZero: true, title: { display: true, text: unit } } },
      },
    } as ChartConfiguration,
  };
}
