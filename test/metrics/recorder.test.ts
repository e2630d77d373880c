import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/metrics/recorder.js';
import { FINAL_OUTCOMES } from '../../src/metrics/record-sink.js';

describe('Recorder counters', () => {
  it('a counter id taken at the start adds no column until something is counted, and columns keep the order first counted', () => {
    const recorder = new Recorder({ intervalMs: 1000, warmupMs: 500 });
    const late = recorder.counterId('lateCounter'); // taken first, counted last
    const never = recorder.counterId('neverCounted');
    // what the caller says counts (the measurement window's rule: here, the two in the warm-up do not)
    recorder.count('byName', 100, false);
    recorder.countById(late, 200, false, 2);
    recorder.closeInterval(1000, {});
    recorder.countById(late, 1500, true);
    recorder.count('byName', 1600, true, 3);
    recorder.closeInterval(2000, {});
    const records = recorder.finish();
    const [first, second] = records.series.toArray();
    expect(Object.keys(first.events)).toEqual(['byName', 'lateCounter']);
    expect(first.events).toEqual({ byName: 1, lateCounter: 2 });
    expect(second.events).toEqual({ byName: 3, lateCounter: 1 });
    // counted ones only: the counts at 100 and 200 ms are in the series, not in the totals
    expect(records.events).toEqual({ byName: 3, lateCounter: 1 });
    expect(Object.keys(records.events)).not.toContain('neverCounted');
    expect(never).not.toBe(late);
  });

  it('counts each final outcome in its own column, in the interval and (after the warm-up) in the run', () => {
    const recorder = new Recorder({ intervalMs: 1000, warmupMs: 0 });
    FINAL_OUTCOMES.forEach((outcome, k) => {
      for (let i = 0; i <= k; i++) recorder.requestEnded(10, 5, outcome, 1, true);
    });
    recorder.requestEnded(10, 5, 'gave-up', 4, false); // not counted: in the interval only
    recorder.closeInterval(1000, {});
    const records = recorder.finish();
    expect(records.requestsEnded).toEqual({ ok: 1, error: 2, timeout: 3, 'gave-up': 4, 'circuit-open': 5 });
    expect(records.series.row(0).finals).toEqual({ ok: 1, error: 2, timeout: 3, 'gave-up': 5, 'circuit-open': 5 });
    expect(records.allRequestsEnded).toBe(16);
  });
});
