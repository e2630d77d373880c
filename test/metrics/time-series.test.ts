import { describe, expect, it } from 'vitest';
import { TimeSeries, type IntervalRow } from '../../src/metrics/time-series.js';

const row = (i: number, extra: Partial<IntervalRow> = {}): IntervalRow => ({
  startMs: i * 1000,
  endMs: (i + 1) * 1000,
  arrivals: 10 + i,
  attemptsStarted: 11 + i,
  finals: { ok: i, error: 1, timeout: 0, 'gave-up': 2, 'circuit-open': 0 },
  outcomes: {},
  requestsOk: i,
  p50Ms: 5.5,
  p90Ms: Number.NaN,
  p99Ms: Number.NaN,
  events: {},
  gauges: {},
  ...extra,
});

describe('TimeSeries', () => {
  it('gives back every row as it was appended, across column growth, keys only where they were set', () => {
    const series = new TimeSeries();
    const rows: IntervalRow[] = [];
    for (let i = 0; i < 300; i++) {
      const r = row(i, {
        outcomes: i % 3 === 0 ? { '2xx': i, '429 stage': 1 } : { '2xx': i },
        events: i === 150 ? { coldStarts: 0 } : {}, // a count of 0 still marks the event as present
        gauges: i >= 100 ? { 'lambda.concurrency': i / 2 } : {},
      });
      rows.push(r);
      series.append(r);
    }
    expect(series.length).toBe(300);
    expect(series.toArray()).toEqual(rows);
    expect(series.row(150).events).toEqual({ coldStarts: 0 });
    expect(series.row(99).gauges).toEqual({});
    expect(series.names()).toEqual({ outcomes: ['2xx', '429 stage'], events: ['coldStarts'], gauges: ['lambda.concurrency'] });
    expect(() => series.row(300)).toThrow(RangeError);
  });
});
