/**
 * The client's back-off as it schedules retries (not only the formula in
 * ../shared/retry-primitives.test.ts): each attempt of a request against a
 * front door that refuses everything at once, timed. Decorrelated jitter
 * draws each wait from [base, 3 × the previous wait], so the client must
 * remember the previous one; the other kinds must not depend on it.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { Simulator } from '../../../src/engine/simulator.js';
import { Recorder } from '../../../src/metrics/recorder.js';
import type { Attempt, Hop, ReplyTarget } from '../../../src/model/component.js';
import { releaseAttempt } from '../../../src/model/attempt-lifecycle.js';
import { buildClientPool } from '../../../src/scenario/build-load.js';
import { parseScenario } from '../../../src/scenario/loader.js';
import { MeasurementWindow } from '../../../src/model/measurement-window.js';

/** The gaps between successive attempts of each of `requests` requests, in ms. */
function gaps(jitter: string, requests: number): number[][] {
  const scenario = parseScenario(
    `
name: backoff
duration: 1s
load: { rate: 1/s }
clients: { timeout: 60s, retry: { attempts: 6, on: [5xx], backoff: { base: 100ms, cap: 100s, jitter: ${jitter} } } }
api: { type: http }
integration: { type: http, servers: 1, service: { constant: 1ms } }
`,
    'inline.yaml',
  );
  const sim = new Simulator();
  const pool = buildClientPool(scenario);
  const starts = new Map<number, number[]>();
  const refuseAll: Hop = {
    receive(attempt: Attempt, replyTo: ReplyTarget) {
      const id = attempt.request.id;
      starts.set(id, [...(starts.get(id) ?? []), sim.now]);
      sim.schedule(0, () => {
        replyTo.onReply(attempt, 503, 'backend-down');
        releaseAttempt(attempt); // the front door's hold
      }, null);
    },
  };
  pool.connect(refuseAll);
  pool.start({ sim, streams: new RandomStreams(3), metrics: new Recorder({ intervalMs: 1000, warmupMs: 0 }), window: new MeasurementWindow(0) });
  for (let i = 0; i < requests; i++) sim.scheduleAt(i, () => pool.arrive(sim.now, -1), null);
  sim.run();
  return [...starts.values()].map((times) => times.slice(1).map((t, i) => t - times[i]));
}

describe('client back-off between attempts', () => {
  it('decorrelated jitter: each wait lies in [base, 3 × the previous wait], and waits grow past 3 × base', () => {
    const all = gaps('decorrelated', 200);
    for (const waits of all) {
      expect(waits).toHaveLength(5);
      let previous = 100; // the first wait is drawn from [base, 3 × base]
      for (const wait of waits) {
        expect(wait).toBeGreaterThanOrEqual(100);
        expect(wait).toBeLessThanOrEqual(3 * previous + 1e-9);
        previous = wait;
      }
    }
    // a client that forgot the previous wait would draw every wait from [100, 300] ms
    const lastWaits = all.map((waits) => waits[4]);
    expect(lastWaits.filter((w) => w > 300).length).toBeGreaterThan(100);
  });

  it('no jitter: the waits double from the base, whatever came before', () => {
    for (const waits of gaps('none', 20)) expect(waits).toEqual([100, 200, 400, 800, 1600]);
  });
});

describe('client time-outs', () => {
  it('an attempt that times out lasted exactly the time-out, first try and retries alike (also at fractional start times)', () => {
    const scenario = parseScenario(
      `
name: timeouts
duration: 1s
load: { rate: 1/s }
clients: { timeout: 40ms, retry: { attempts: 3, on: [timeout], backoff: { base: 10ms, cap: 1s, jitter: none } } }
api: { type: http }
integration: { type: http, servers: 1, service: { constant: 1ms } }
`,
      'inline.yaml',
    );
    const sim = new Simulator();
    const pool = buildClientPool(scenario);
    const ended: Array<[number, number, string]> = [];
    class Spy extends Recorder {
      override attemptEnded(atMs: number, latencyMs: number, status: number, cause: string, counted: boolean): void {
        ended.push([atMs, latencyMs, cause]);
        super.attemptEnded(atMs, latencyMs, status, cause, counted);
      }
    }
    const starts: number[] = [];
    const neverAnswers: Hop = { receive: (attempt: Attempt) => void starts.push(attempt.startMs) };
    pool.connect(neverAnswers);
    pool.start({ sim, streams: new RandomStreams(3), metrics: new Spy({ intervalMs: 1000, warmupMs: 0 }), window: new MeasurementWindow(0) });
    for (const at of [0.3, 7.125, 20]) sim.scheduleAt(at, () => pool.arrive(sim.now, -1), null);
    sim.run();
    expect(ended).toHaveLength(9); // three requests, three attempts each
    expect(ended.map(([, latencyMs]) => latencyMs)).toEqual(ended.map(([atMs], i) => atMs - starts[i]));
    for (const [, latencyMs, cause] of ended) {
      expect(cause).toBe('client-timeout');
      expect(latencyMs).toBeCloseTo(40, 9);
    }
  });
});
