/**
 * The charts of a run: which are drawn and which skipped, colours that
 * follow the outcome, failure windows passed to the shading plugin,
 * configurations that are plain JSON (the HTML report embeds them), and
 * PNGs of the promised size that are not blank.
 */
import { describe, expect, it } from 'vitest';
import { costOfRun } from '../../src/cost/run-cost.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import { reportInputOf } from '../../src/cli/report-input-of.js';
import { runCharts } from '../../src/report/charts/run-charts.js';
import { outcomeColor } from '../../src/report/charts/palette.js';
import { lineLegendPlugin } from '../../src/report/charts/line-legend-plugin.js';
import { CHART_HEIGHT_PX, CHART_WIDTH_PX, pngRenderer } from '../../src/report/charts/png-renderer.js';

const inputOf = (yaml: string) => {
  const scenario = parseScenario(yaml, 'inline.yaml');
  const result = runScenario(scenario);
  return reportInputOf('inline.yaml', {}, scenario, result, costOfRun(result, bundledPriceTable('us-east-1')!));
};

const STORM = `
name: small-storm
seed: 3
duration: 60s
load: { rate: 300/s }
clients: { timeout: 500ms, retry: { attempts: 3, on: [5xx, timeout], backoff: { base: 50ms, jitter: none } } }
api: { type: rest }
integration: { type: http, servers: 4, service: { mean: 10ms }, queue: { capacity: 200 } }
failures: [{ at: 20s, for: 10s, target: integration, addLatency: { constant: 30ms } }]
`;

const CACHED_LAMBDA = `
name: cached-lambda
duration: 20s
load: { rate: 200/s, keys: { count: 100 } }
api: { type: rest, cache: { size: 0.5GB } }
integration: { type: lambda, duration: { p50: 30ms, p99: 120ms } }
`;

describe('which charts a run gets', () => {
  it('an HTTP back end without a cache: no Lambda chart, no cache chart', () => {
    expect(runCharts(inputOf(STORM)).map((c) => c.name)).toEqual(['outcomes', 'load', 'latency', 'latency-cdf', 'stages', 'cost']);
  });

  it('a cached Lambda integration: the Lambda and cache charts too', () => {
    expect(runCharts(inputOf(CACHED_LAMBDA)).map((c) => c.name)).toEqual(['outcomes', 'load', 'latency', 'latency-cdf', 'lambda', 'cache', 'stages', 'cost']);
  });
});

describe('chart contents', () => {
  const charts = runCharts(inputOf(STORM));
  const chart = (name: string) => charts.find((c) => c.name === name)!;

  it('stacks outcomes per second with each outcome in its own colour, 2xx first', () => {
    const datasets = chart('outcomes').config.data.datasets;
    const labels = datasets.map((d) => d.label);
    expect(labels[0]).toBe('2xx');
    expect(labels).toEqual(expect.arrayContaining(['2xx', 'timeout']));
    for (const d of datasets) if (d.label !== 'gave up (requests)') expect(d.borderColor).toBe(outcomeColor(d.label as string));
    // per second: a 1 s interval's count is its rate; before the brownout the 2xx rate is the offered 300/s
    const early = (datasets[0].data as Array<{ x: number; y: number }>).filter((p) => p.x > 5 && p.x <= 15);
    expect(early.reduce((s, p) => s + p.y, 0) / early.length).toBeGreaterThan(270);
  });

  it('hands the failure window to the shading plugin, in seconds', () => {
    expect((chart('outcomes').config.options?.plugins as Record<string, unknown>).windows).toEqual({ windows: [{ fromS: 20, toS: 30, label: 'integration: added latency' }] });
  });

  it('is plain JSON, so the HTML report can embed it as is', () => {
    for (const c of charts) expect(JSON.parse(JSON.stringify(c.config))).toEqual(c.config);
  });

  it('draws the latency CDF from the run\'s histogram: rising to 100 %, p50 and p99 where the summary has them', () => {
    const input = inputOf(STORM);
    const cdf = runCharts(input).find((c) => c.name === 'latency-cdf')!;
    const [ok, failed] = cdf.config.data.datasets.map((d) => d.data as Array<{ x: number; y: number }>);
    expect(failed).toBeDefined(); // the brownout's time-outs and errors
    for (const curve of [ok, failed]) {
      for (let i = 1; i < curve.length; i++) {
        expect(curve[i].x).toBeGreaterThanOrEqual(curve[i - 1].x);
        expect(curve[i].y).toBeGreaterThan(curve[i - 1].y);
      }
      expect(curve.at(-1)!.y).toBe(100);
    }
    const at = (percent: number) => ok.find((p) => p.y === percent)!.x;
    expect(at(50)).toBeCloseTo(input.summary.latencyMs.ok.p50, 3);
    expect(at(99)).toBeCloseTo(input.summary.latencyMs.ok.p99, 3);
    expect(at(100)).toBeCloseTo(input.summary.latencyMs.ok.max, 3);
    // retries put the storm's tail two orders of magnitude past its body: a log axis
    expect(at(100) / at(0)).toBeGreaterThan(100);
    expect((cdf.config.options?.scales?.x as { type: string }).type).toBe('logarithmic');
  });

  it('skips the CDF of a run with no request measured', () => {
    const input = inputOf(STORM);
    expect(runCharts({ ...input, latencyCdf: { ok: [], failed: [] } }).map((c) => c.name)).not.toContain('latency-cdf');
  });

  it('spans the whole run on every time-series chart: x from 0 to the duration, whatever the lines hold', () => {
    const timeCharts = charts.filter((c) => !['latency-cdf', 'stages', 'cost'].includes(c.name));
    expect(timeCharts.map((c) => c.name)).toEqual(['outcomes', 'load', 'latency']);
    for (const c of timeCharts) expect(c.config.options?.scales?.x, c.name).toMatchObject({ type: 'linear', min: 0, max: 60 });
  });

  it('draws a dashed line with a dashed line in the legend, and an area with a box', () => {
    const datasets = chart('outcomes').config.data.datasets as unknown as Array<Record<string, unknown>>;
    const gaveUp = datasets.find((d) => d.label === 'gave up (requests)')!;
    expect(gaveUp.borderDash).toEqual([6, 4]);
    expect(gaveUp.pointStyle).toBe('line');
    expect(datasets.find((d) => d.label === '2xx')!.pointStyle).toBe('rect');
    for (const c of charts.filter((x) => x.config.type === 'line')) expect((c.config.options?.plugins?.legend?.labels as Record<string, unknown>).usePointStyle, c.name).toBe(true);
    // what the legend then draws: Chart.js takes the item's style from the first point, which has no dash; the plugin gives it the line's
    const legendItems: Array<Record<string, unknown>> = datasets.map((d, i) => ({ text: d.label, datasetIndex: i, pointStyle: d.pointStyle, lineWidth: 1 }));
    lineLegendPlugin.afterUpdate({ legend: { legendItems }, data: { datasets: datasets as never } });
    expect(legendItems.find((item) => item.text === 'gave up (requests)')).toMatchObject({ pointStyle: 'line', lineDash: [6, 4], lineWidth: 2 });
    expect(legendItems.find((item) => item.text === '2xx')).not.toHaveProperty('lineDash');
  });

  it('colours are distinct for the statuses a storm mixes', () => {
    const colours = ['2xx', '429 stage', '500', '502', '503', '504', 'timeout'].map(outcomeColor);
    expect(new Set(colours).size).toBe(colours.length);
  });
});

/** node-canvas is optional: typed here and named in a variable, so the type check runs without it. */
const NODE_CANVAS = 'canvas';
interface NodeCanvasModule {
  loadImage(png: Buffer): Promise<{ width: number; height: number }>;
  createCanvas(widthPx: number, heightPx: number): {
    getContext(kind: '2d'): {
      drawImage(image: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
    };
  };
}

describe('PNG rendering (node-canvas)', async () => {
  const renderer = await pngRenderer();
  const available = !('unavailable' in renderer);
  it.runIf(process.env.CI)('is available on CI, where .ci/run installs the libraries node-canvas builds against', () => {
    expect(renderer).not.toHaveProperty('unavailable');
  });
  it.runIf(available)('draws every chart at 1200 x 600 and none is blank', async () => {
    const { loadImage, createCanvas } = (await import(NODE_CANVAS)) as NodeCanvasModule;
    if ('unavailable' in renderer) return;
    for (const chart of runCharts(inputOf(CACHED_LAMBDA))) {
      const png = await renderer.render(chart);
      const image = await loadImage(png);
      expect([image.width, image.height]).toEqual([CHART_WIDTH_PX, CHART_HEIGHT_PX]);
      const canvas = createCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, 0);
      const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
      let coloured = 0;
      for (let i = 0; i < pixels.length; i += 4) if (Math.abs(pixels[i] - pixels[i + 1]) > 30 || Math.abs(pixels[i + 1] - pixels[i + 2]) > 30) coloured++;
      // more than axes and text: the data is drawn in colour
      expect(coloured, chart.name).toBeGreaterThan(2000);
    }
  });
});

describe('intervals with no value', () => {
  // the service is down from 10 s to 20 s and nobody retries: no request succeeds then
  const OUTAGE = `
name: outage
seed: 4
duration: 30s
load: { rate: 100/s }
api: { type: rest }
integration: { type: http, servers: 10, service: { mean: 10ms } }
failures: [{ at: 10s, for: 10s, target: integration, outage: true }]
`;
  const latency = runCharts(inputOf(OUTAGE)).find((c) => c.name === 'latency')!;

  it('leave a gap in the latency of successful requests (null, not joined across), and the axis still spans the run', () => {
    expect(latency.config.options?.scales?.x).toMatchObject({ min: 0, max: 30 });
    for (const dataset of latency.config.data.datasets) {
      expect((dataset as { spanGaps?: unknown }).spanGaps).toBe(false);
      const points = dataset.data as Array<{ x: number; y: number | null }>;
      expect(points.map((p) => p.x)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      // an interval is (x - 1, x]: those wholly inside the outage have no successful request
      for (const p of points) {
        if (p.x > 11 && p.x <= 20) expect(p.y, `${dataset.label} at ${p.x} s`).toBeNull();
        if (p.x <= 10 || p.x > 21) expect(p.y, `${dataset.label} at ${p.x} s`).toBeGreaterThan(0);
      }
    }
  });
});

describe('chart configurations, snapshot', () => {
  it('are the same for the same scenario and seed (values rounded to 4 decimals, as the CSVs print them)', () => {
    const tiny = `
name: tiny
seed: 11
duration: 5s
load: { rate: 50/s }
api: { type: http }
integration: { type: lambda, duration: { p50: 20ms, p99: 80ms } }
failures: [{ at: 2s, for: 1s, target: integration, errorRate: 0.5 }]
`;
    expect(runCharts(inputOf(tiny)).map((c) => ({ name: c.name, title: c.title, config: c.config }))).toMatchSnapshot();
  });
});
