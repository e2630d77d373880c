/**
 * The summary's "failed" and the latency of all requests, from records fed
 * by hand: failed is every request that did not succeed (its four parts add
 * up to it), ok + failed are the finished requests, and latencyMs.all is
 * every counted request's arrival-to-final-outcome latency, whatever its
 * outcome, beside the successful ones' (latencyMs.ok).
 */
import { describe, expect, it } from 'vitest';
import { disposeRecords, Recorder } from '../../src/metrics/recorder.js';
import type { FinalOutcome } from '../../src/metrics/record-sink.js';
import { summarizeRun } from '../../src/metrics/summary.js';

/** Ends one counted request per entry, `[outcome, latency ms]`, plus what the warm-up ends (not counted). */
function summaryOf(ended: ReadonlyArray<readonly [FinalOutcome, number]>, warmup: ReadonlyArray<readonly [FinalOutcome, number]> = []) {
  const recorder = new Recorder({ intervalMs: 1000, warmupMs: 0 });
  for (const [outcome, latencyMs] of ended) {
    recorder.requestArrived(0, true);
    recorder.requestEnded(latencyMs, latencyMs, outcome, 1, true);
  }
  for (const [outcome, latencyMs] of warmup) {
    recorder.requestArrived(0, false);
    recorder.requestEnded(latencyMs, latencyMs, outcome, 1, false);
  }
  recorder.closeInterval(1000, {});
  const records = recorder.finish();
  try {
    return summarizeRun(records, 1000);
  } finally {
    disposeRecords(records);
  }
}

describe('failed requests in the summary', () => {
  const ended: Array<[FinalOutcome, number]> = [
    ['ok', 10],
    ['ok', 10],
    ['ok', 10],
    ['error', 1000],
    ['timeout', 1000],
    ['gave-up', 1000],
    ['gave-up', 1000],
    ['circuit-open', 1000],
    ['circuit-open', 1000],
  ];
  const s = summaryOf(ended, [['gave-up', 60_000]]);

  it('counts every request that did not succeed as failed, and its parts add up to it', () => {
    expect(s.requests).toMatchObject({ offered: 9, ok: 3, failed: 6, error: 1, timeout: 1, gaveUp: 2, circuitOpen: 2, inFlight: 0 });
    expect(s.requests.error + s.requests.timeout + s.requests.gaveUp + s.requests.circuitOpen).toBe(s.requests.failed);
    expect(s.requests.ok + s.requests.failed + s.requests.inFlight).toBe(s.requests.offered);
  });

  it('gives the failed share as errorRatio: failed over finished', () => {
    expect(s.requests.errorRatio).toBeCloseTo(6 / 9, 12);
  });

  it('reports the latency of all requests beside the successful ones: two thirds waited a second, so the median of all is a second', () => {
    expect(s.latencyMs.all.count).toBe(9);
    expect(s.latencyMs.ok.count).toBe(3);
    expect(s.latencyMs.ok.p99).toBeCloseTo(10, 1);
    for (const p of ['p50', 'p90', 'p99', 'max'] as const) expect(s.latencyMs.all[p], p).toBeCloseTo(1000, 0);
    expect(s.latencyMs.all.mean).toBeCloseTo((3 * 10 + 6 * 1000) / 9, 0);
  });

  it('leaves out what ended for requests of the warm-up', () => {
    expect(s.latencyMs.all.max).toBeLessThan(60_000);
  });

  it('a run where every request succeeds: the two latencies are the same and nothing failed', () => {
    const healthy = summaryOf([
      ['ok', 5],
      ['ok', 50],
      ['ok', 500],
    ]);
    expect(healthy.requests).toMatchObject({ failed: 0, errorRatio: 0 });
    expect(healthy.latencyMs.all).toEqual(healthy.latencyMs.ok);
  });

  it('a run where nothing succeeds: no successful latency (NaN), and all requests still have theirs', () => {
    const down = summaryOf([
      ['timeout', 3000],
      ['timeout', 3000],
    ]);
    expect(down.requests).toMatchObject({ ok: 0, failed: 2, timeout: 2, errorRatio: 1 });
    expect(down.latencyMs.ok.p99).toBeNaN();
    expect(down.latencyMs.all.p99).toBeCloseTo(3000, 0);
  });
});
