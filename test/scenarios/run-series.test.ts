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
    expect(Math.max(...levels)).toBeLessThan(20); // what the interval ends saw: the old 'peak', below the real one
    expect(summary.peaks['lambda.warm']).toBeGreaterThanOrEqual(summary.peaks['lambda.concurrency']);
    expect(summary.peaks['lambda.warm']).toBe(result.usage.lambda.coldStarts); // no environment expired in 30 s: each cold start added one
  });
});

describe('the time series rows, with an interval that does not divide the run evenly in floating point', () => {
  it('4.8 ms rows over 3 s: every row has a length, and the last one ends at the duration', () => {
    const rows = runScenario(parseScenario(SCENARIO.replace('duration: 20s', 'duration: 3s').replace('interval: 7s', 'interval: 4.8ms'), 'series.yaml')).records.series.toArray();
    expect(rows.at(-1)?.endMs).toBe(3_000);
    expect(rows).toHaveLength(Math.ceil(3_000 / 4.8 - 1e-6));
    for (const r of rows) expect(r.endMs - r.startMs).toBeGreaterThan(4.8 * 1e-6);
    rows.forEach((r, i) => expect(r.startMs).toBe(i === 0 ? 0 : rows[i - 1].endMs));
  });
});

describe('peaks after a warm-up', () => {
  const burst = (warmup: string) =>
    runScenario(
      parseScenario(
        `
name: burst
seed: 2
duration: 40s
interval: 10s
warmup: ${warmup}
load: { rate: 500/s }
api: { type: rest }
integration: { type: lambda, duration: { p50: 60ms, p99: 400ms }, coldStart: { p50: 800ms, p99: 2s }, concurrency: { reserved: 100 } }
`,
        'burst.yaml',
      ),
    ).summary;

  it('leave out what the warm-up reached, also when the warm-up ends inside an interval', () => {
    const cold = burst('0s');
    expect(cold.peaks['lambda.concurrency']).toBe(100); // the cold-start burst fills the reserved concurrency
    expect(cold.events['lambda.throttles.reserved']).toBeGreaterThan(0);
    const afterBurst = burst('5s'); // the interval 0-10 s ends after the warm-up, the burst is in it
    expect(afterBurst.peaks['lambda.concurrency']).toBeLessThan(100);
    expect(afterBurst.events['lambda.throttles.reserved'] ?? 0).toBe(0); // no throttle after the warm-up: nothing reached the limit
  });
});

