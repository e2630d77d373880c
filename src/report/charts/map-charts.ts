/**
 * A metastability map's two heatmaps (`sweep --map`): the trigger's size
 * across, the retry policies down, one cell per combination, coloured by
 * P(collapse) (white 0 to vermilion 1, the Wilson interval written under
 * the value) and by the median recovery time (white for at once to blue
 * for the slowest of the map; black for never, when half or more of the
 * cell's runs never recovered). Cells are chartjs-chart-matrix's; sizing
 * and labels are ./heatmap-plugin.ts's.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Estimate } from '../../metrics/replicated-summary.js';
import type { SweepReportInput } from '../sweep-report.js';
import type { ChartSpec } from './chart-spec.js';
import { OKABE_ITO } from './palette.js';
import { formatSweptValue } from './sweep-charts.js';

const NO_VALUE = '#DDDDDD';

/** `#RRGGBB` between white (0) and `hex` (1). */
export function shade(hex: string, fraction: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  const channel = (i: number) => Math.round(255 + (parseInt(hex.slice(i, i + 2), 16) - 255) * f);
  return `#${[1, 3, 5].map((i) => channel(i).toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

const percent = (v: number) => `${Math.round(100 * v)} %`;
const seconds = (ms: number) => `${Number((ms / 1000).toPrecision(3))} s`;

interface Cell {
  x: string;
  y: string;
  label: string;
  color: string;
  textColor: string;
}

/** The grid of a map: trigger values across, policies down, in the order given. */
function grid(input: SweepReportInput): { xs: string[]; ys: string[]; at: (x: string, y: string) => Map<string, Estimate> | undefined } {
  const xs = [...new Set(input.points.map((p) => formatSweptValue(p.values[0])))];
  const ys = [...new Set(input.points.map((p) => String(p.values[1])))];
  const figures = new Map(input.points.map((p) => [`${formatSweptValue(p.values[0])}\u0000${String(p.values[1])}`, new Map(p.summary.figures)]));
  return { xs, ys, at: (x, y) => figures.get(`${x}\u0000${y}`) };
}

function heatmap(input: SweepReportInput, name: string, title: string, subtitle: string, cellOf: (figures: Map<string, Estimate> | undefined) => Omit<Cell, 'x' | 'y'>): ChartSpec {
  const { xs, ys, at } = grid(input);
  const cells: Cell[] = ys.flatMap((y) => xs.map((x) => ({ x, y, ...cellOf(at(x, y)) })));
  const axis = (text: string, labels: string[], reverse: boolean) => ({ type: 'category', labels, offset: true, reverse, grid: { display: false }, title: { display: true, text } });
  return {
    name,
    title,
    config: {
      type: 'matrix',
      data: {
        datasets: [
          {
            label: title,
            data: cells.map(({ x, y, label, textColor }) => ({ x, y, label, textColor })),
            backgroundColor: cells.map((c) => c.color),
            borderColor: '#BBBBBB',
            borderWidth: 1,
          },
        ],
      },
      options: {
        animation: false,
        plugins: {
          title: { display: true, text: `${input.scenario.name}: ${title} (${input.replications} replications a cell)`, font: { size: 18 } },
          subtitle: { display: true, text: subtitle },
          legend: { display: false },
          tooltip: { enabled: false },
          heatmap: { columns: xs.length, rows: ys.length },
        },
        // the policies top to bottom in the order the map lists them (the matrix controller reverses y by default)
        scales: { x: axis(input.parameters[0].name, xs, false), y: axis('retry policy', ys, false) },
      },
    } as unknown as ChartConfiguration,
  };
}

/** P(collapse) with its interval in each cell. */
export function collapseMap(input: SweepReportInput): ChartSpec {
  return heatmap(input, 'map-p-collapse', 'P(collapse)', 'share of runs still degraded after the last trigger, 95 % Wilson interval below; white 0 % to vermilion 100 %', (figures) => {
    const p = figures?.get('collapse.probability');
    if (!p || !Number.isFinite(p.mean)) return { label: 'no trigger', color: NO_VALUE, textColor: '#000000' };
    return { label: `${percent(p.mean)}\n${percent(p.low)}–${percent(p.high)}`, color: shade(OKABE_ITO.vermilion, p.mean), textColor: p.mean > 0.6 ? '#FFFFFF' : '#000000' };
  });
}

/** The median recovery time in each cell, and how many of its runs never recovered. */
export function recoveryMap(input: SweepReportInput): ChartSpec {
  const medians = input.points.map((p) => new Map(p.summary.figures).get('collapse.recoveryMs.median')?.mean ?? NaN);
  const slowest = Math.max(1, ...medians.filter(Number.isFinite));
  return heatmap(input, 'map-recovery-time', 'median recovery time', `from the last trigger's end to the first window back at the recovered share; white at once to blue ${seconds(slowest)}, black never`, (figures) => {
    const median = figures?.get('collapse.recoveryMs.median');
    if (!median || Number.isNaN(median.mean)) return { label: 'no trigger', color: NO_VALUE, textColor: '#000000' };
    const never = figures?.get('collapse.neverRecovered');
    const note = never && never.mean > 0 ? `\n${never.mean} of ${never.n} never recovered` : '';
    if (median.mean === Infinity) return { label: `never${note}`, color: OKABE_ITO.black, textColor: '#FFFFFF' };
    const f = median.mean / slowest;
    return { label: `${seconds(median.mean)}${note}`, color: shade(OKABE_ITO.blue, f), textColor: f > 0.6 ? '#FFFFFF' : '#000000' };
  });
}

/** Both heatmaps of a map sweep; none for any other sweep. */
export function mapCharts(input: SweepReportInput): ChartSpec[] {
  if (!input.map || input.parameters.length < 2 || input.points.length === 0) return [];
  return [collapseMap(input), recoveryMap(input)];
}
