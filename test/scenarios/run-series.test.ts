/** The time series covers the run to its end, when the duration is not a whole number of intervals too. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const SCENARIO = `
name: series
seed: 4
duration: 20s
interval: 7s
warmup: 0s
load: { rate: 300/s }
api: { type: http }
integration: { type: lambda, duration: { p50: 30ms, p99: 90ms } }
`;

describe('the time series', () => {
  it('ends a row at every interval and a last, shorter one at the duration; its arrivals are every request', () => {
    const result = runScenario(parseScenario(SCENARIO, 'series.yaml'));
    const rows = result.records.series.toArray();
    expect(rows.map((r) => [r.startMs, r.endMs])).toEqual([
      [0, 7_000],
      [7_000, 14_000],
      [14_000, 20_000],
    ]);
    const arrivals = rows.reduce((sum, r) => sum + r.arrivals, 0);
    const started = rows.reduce((sum, r) => sum + r.attemptsStarted, 0);
    expect(arrivals).toBe(result.records.requestsArrived);
    expect(started).toBe(result.records.attemptsStarted); // no retries: every attempt starts before the end
    // the short row's rate is its own count over its own 6 s, about the offered 300/s
    const last = rows[2];
    expect(last.arrivals / 6).toBeGreaterThan(300 - 4 * Math.sqrt(300 / 6));
    expect(last.arrivals / 6).toBeLessThan(300 + 4 * Math.sqrt(300 / 6));
  });

  it('with a whole number of intervals, ends exactly at the duration (no empty row after it)', () => {
    const rows = runScenario(parseScenario(SCENARIO.replace('interval: 7s', 'interval: 5s'), 'series.yaml')).records.series.toArray();
    expect(rows.map((r) => r.endMs)).toEqual([5_000, 10_000, 15_000, 20_000]);
  });
});

describe('the summary\'s peaks', () => {
  it('are the highest levels reached, not the highest an interval end saw: concurrency reaches the reserved 20 it is throttled at', () => {
    const result = runScenario(
      parseScenario(
        `
name: peaks
seed: 9
duration: 30s
interval: 5s
warmup: 0s
load: { rate: 150/s }
api: { type: rest }
integration: { type: lambda, duration: { p50: 60ms, p99: 400ms }, concurrency: { reserved: 20 } }
`,
        'peaks.yaml',
      ),
    );
    const summary = result.summary;
    expect(summary.events['lambda.throttles.reserved']).toBeGreaterThan(0); // it did hit the limit...
    expect(summary.peaks['lambda.concurrency']).toBe(20); // ...so its peak is the limit
    expect(summary.peaks['lambda.concurrency']).toBe(result.usage.lambda.peakConcurrency);
    const levels = result.records.series.toArray().map((r) => r.gauges['lambda.concurrency']);
    expect(Math.max(...levels)).toBeLessThanOrEqual(20);
    expect(summary.peaks['lambda.warm']).toBeGreaterThanOrEqual(summary.peaks['lambda.concurrency']);
    expect(summary.peaks['lambda.warm']).toBe(result.usage.lambda.coldStarts); // no environment expired in 30 s: each cold start added one
  });
});

