/**
 * The queue chart: a run with an SQS queue draws its depth (visible, in
 * flight) on the left axis and its oldest message's age on the right, one
 * point per interval from the time series; a run without a queue has no
 * such chart.
 */
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { reportInputOf } from '../../src/cli/report-input-of.js';
import { runCharts } from '../../src/report/charts/run-charts.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

function chartsOf(integration: string) {
  const text = `name: chart\nduration: 20s\nload: { rate: 100/s }\napi: { type: http }\nintegration: ${integration}\n`;
  const scenario = parseScenario(text, 'chart.yaml');
  const result = runScenario(scenario);
  return runCharts(reportInputOf('chart.yaml', {}, scenario, result, costOfRun(result, bundledPriceTable('us-east-1')!)));
}

describe('queue chart', () => {
  it('shows depth and the oldest message age per interval, the age on its own axis', () => {
    const chart = chartsOf('{ type: sqs, eventSource: { batchSize: 1 }, consumer: { duration: 300ms, concurrency: { reserved: 5 } } }').find((c) => c.name === 'queue')!;
    expect(chart).toBeDefined();
    const datasets = chart.config.data.datasets as Array<{ label: string; data: Array<{ x: number; y: number }>; yAxisID?: string }>;
    expect(datasets.map((d) => d.label)).toEqual(['queue visible messages', 'queue messages in flight', "queue oldest message's age (s)"]);
    expect(datasets.every((d) => d.data.length === 20)).toBe(true);
    expect(datasets[2].yAxisID).toBe('age');
    // 5 environments of 300 ms, one message each, serve ~17 a second of the 100 offered: the backlog and its age grow
    expect(datasets[0].data[19].y).toBeGreaterThan(datasets[0].data[5].y);
    expect(datasets[2].data[19].y).toBeGreaterThan(5);
    expect((chart.config.options as { scales: Record<string, { position?: string }> }).scales.age.position).toBe('right');
  });

  it('is not drawn without a queue', () => {
    expect(chartsOf('{ type: lambda, duration: 20ms }').map((c) => c.name)).not.toContain('queue');
  });
});
