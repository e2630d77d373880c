/**
 * The CloudFront distribution: the component contract; a hit answered at the
 * edge location without reaching the origin, a miss taking the way to the
 * origin and back, the TTL counted from when the answer reached the edge,
 * uncached routes and edge locations with caches of their own (times worked
 * by hand); and its hit ratio against Che's approximation for an LRU cache,
 * as the REST cache's is (test/validation/che-approximation.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { Simulator, type EventCallback } from '../../../src/engine/simulator.js';
import { Recorder } from '../../../src/metrics/recorder.js';
import { blankRequest, newAttempt } from '../../../src/model/attempt-lifecycle.js';
import { CACHE_POLICIES } from '../../../src/model/cache/cache-policies.js';
import { CloudFront, type CloudFrontOptions } from '../../../src/model/cdn/cloudfront.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyTarget } from '../../../src/model/component.js';
import { MeasurementWindow } from '../../../src/model/measurement-window.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { ZipfSampler } from '../../../src/model/shared/zipf-sampler.js';
import { STAGE_CACHE, STAGE_NETWORK, stageMs } from '../../../src/model/stage-timing.js';
import { componentContract, driven } from '../../contract/component-contract.js';
import { cheHitRatio } from '../../validation/che-approximation.js';

const constant = (value: number) => createDistribution({ kind: 'constant', value });
const lru = (keyCount: number, capacity: number, ttlMs: number) => CACHE_POLICIES.lru({ keyCount, capacity, ttlMs, primedEntries: 0 });

/** An origin that answers `status` after `serviceMs` (0: inside receive), counting what reaches it. */
function origin(serviceMs: number, status = 200) {
  let ctx!: ComponentContext;
  const seen: Attempt[] = [];
  const hop: Hop = {
    receive(attempt: Attempt, back: ReplyTarget) {
      seen.push(attempt);
      if (serviceMs === 0) return back.onReply(attempt, status, 'ok');
      const answer: EventCallback<Attempt> = (a) => back.onReply(a, status, 'ok');
      ctx.sim.schedule(serviceMs, answer, attempt);
    },
  };
  return { hop, seen, bind: (c: ComponentContext) => (ctx = c) };
}

function distribution(options: Partial<CloudFrontOptions>, upstream: ReplyTarget, serviceMs = 10, status = 200) {
  const o = origin(serviceMs, status);
  const cf = new CloudFront('cloudfront', { caches: [lru(10, 10, 60_000)], latency: constant(2), originRtt: null, cachedRoutes: null, ...options }, upstream);
  cf.connect(o.hop);
  return { cf, origin: o };
}

describe('CloudFront contract', () => {
  const subject = (options: Partial<CloudFrontOptions>) => (): Component & Hop => {
    let replyTo!: ReplyTarget;
    const { cf, origin: o } = distribution({ latency: createDistribution({ kind: 'percentiles', p50: 2, p99: 8 }), originRtt: { rtt: createDistribution({ kind: 'percentiles', p50: 80, p99: 200 }), lessMs: 20 }, ...options }, { onReply: (a, s, c) => replyTo.onReply(a, s, c) });
    return driven(cf, o.bind, (attempt, r) => {
      replyTo = r;
      cf.receive(attempt);
    });
  };
  componentContract('a distribution caching every route', { create: subject({}), attempts: 1_000, meanGapMs: 5 });
  componentContract('a distribution caching no route', { create: subject({ cachedRoutes: [false] }), attempts: 1_000, meanGapMs: 5 });
});

interface Sent {
  atMs: number;
  key?: number;
  route?: number;
  caller?: number;
}

/** Sends requests at the given times and records when each is answered, with its status and its stage times. */
function runRequests(options: Partial<CloudFrontOptions>, sent: readonly Sent[], serviceMs = 10, status = 200) {
  const sim = new Simulator();
  const replies: Array<{ id: number; atMs: number; status: number; networkMs: number; cacheMs: number }> = [];
  const { cf, origin: o } = distribution(options, { onReply: (a, s) => replies.push({ id: a.request.id, atMs: sim.now, status: s, networkMs: stageMs(a, STAGE_NETWORK), cacheMs: stageMs(a, STAGE_CACHE) }) }, serviceMs, status);
  const ctx: ComponentContext = { sim, streams: new RandomStreams(1), metrics: new Recorder({ intervalMs: 1000, warmupMs: 0 }), window: new MeasurementWindow(0) };
  o.bind(ctx);
  cf.start(ctx);
  sent.forEach((s, id) => {
    const request = Object.assign(blankRequest(), { id, counted: true, key: s.key ?? 0, route: s.route ?? 0, caller: s.caller ?? 0, requestBytes: 100, responseBytes: 1000 });
    const send: EventCallback<null> = () => cf.receive(newAttempt(request, 1, sim.now));
    sim.schedule(s.atMs, send, null);
  });
  sim.run({ untilMs: 1e9 });
  return { replies: replies.sort((a, b) => a.id - b.id), originSaw: o.seen.map((a) => a.request.id), usage: cf.usage() };
}

describe('CloudFront: hits, misses and the way to the origin', () => {
  // edge 2 ms; the clients are 80 ms from the Region and 20 ms from the edge, so the edge is 30 ms each way
  // from the origin, which answers 10 ms after the request reaches it
  // (a function: each run gets caches of its own)
  const far = () => ({ latency: constant(2), originRtt: { rtt: constant(80), lessMs: 20 }, caches: [lru(10, 10, 1_000)] });

  it('a miss goes to the origin and back (2 + 30 + 10 + 30 ms), a hit is answered at the edge in 2 ms and never reaches the origin', () => {
    const run = runRequests(far(), [{ atMs: 0 }, { atMs: 100 }]);
    expect(run.replies).toEqual([
      { id: 0, atMs: 72, status: 200, networkMs: 62, cacheMs: 0 },
      { id: 1, atMs: 102, status: 200, networkMs: 0, cacheMs: 2 },
    ]);
    expect(run.originSaw).toEqual([0]);
    expect(run.usage).toEqual({ requests: 2, hits: 1, misses: 1, uncached: 0, responseBytes: 2000, originRequestBytes: 100 });
  });

  it('keeps an answer for the TTL from when it reached the edge location (72 ms), not from when it was asked', () => {
    // stored at 72 ms for 1 s: a request at 1,071 ms still hits, one at 1,073 ms misses
    expect(runRequests(far(), [{ atMs: 0 }, { atMs: 1_071 }]).originSaw).toEqual([0]);
    expect(runRequests(far(), [{ atMs: 0 }, { atMs: 1_073 }]).originSaw).toEqual([0, 1]);
  });

  it('sends a route it does not cache to the origin every time, and counts it apart', () => {
    const run = runRequests({ ...far(), cachedRoutes: [true, false] }, [{ atMs: 0 }, { atMs: 100, route: 1 }, { atMs: 200, route: 1 }, { atMs: 300 }]);
    expect(run.originSaw).toEqual([0, 1, 2]);
    expect(run.usage).toMatchObject({ hits: 1, misses: 1, uncached: 2 });
  });

  it('stores no error answer: the next request for the key goes to the origin again', () => {
    expect(runRequests(far(), [{ atMs: 0 }, { atMs: 100 }], 10, 503).originSaw).toEqual([0, 1]);
  });

  it('gives each edge location a cache of its own: callers 0 and 1 each miss once, then hit', () => {
    const run = runRequests({ ...far(), caches: [lru(10, 10, 60_000), lru(10, 10, 60_000)] }, [{ atMs: 0, caller: 0 }, { atMs: 100, caller: 1 }, { atMs: 200, caller: 0 }, { atMs: 300, caller: 1 }]);
    expect(run.originSaw).toEqual([0, 1]);
  });

  it('with callers in the cache key, a hit answers only the caller whose request filled the entry', () => {
    // 3 callers over one edge location: caller 0 fills key 5; caller 1 asking for key 5 must go to the origin
    // (its Authorization header differs), then hits its own entry; caller 0 still hits its own
    const sent = [
      { atMs: 0, caller: 0, key: 5 },
      { atMs: 100, caller: 1, key: 5 },
      { atMs: 200, caller: 1, key: 5 },
      { atMs: 300, caller: 0, key: 5 },
      { atMs: 400, caller: 2, key: 5 },
    ];
    const run = runRequests({ ...far(), caches: [lru(10 * 3, 30, 60_000)], callers: 3 }, sent);
    expect(run.originSaw).toEqual([0, 1, 4]);
    expect(run.usage).toMatchObject({ hits: 2, misses: 3 });
    // shared entries (no credentials in the key): only the first request goes to the origin
    expect(runRequests(far(), sent).originSaw).toEqual([0]);
  });

  it('with callers in the cache key over two edge locations, each location holds its own callers: 4 callers, 2 each', () => {
    // callers 0 and 2 at location 0, 1 and 3 at location 1; each cache holds 10 keys x 2 callers
    const caches = [lru(20, 20, 60_000), lru(20, 20, 60_000)];
    const sent = [0, 1, 2, 3, 0, 1, 2, 3].map((caller, i) => ({ atMs: 100 * i, caller, key: 9 }));
    expect(runRequests({ ...far(), caches, callers: 4 }, sent).originSaw).toEqual([0, 1, 2, 3]);
  });

  it('does not store a refusal: a caller refused at the origin goes to the origin again', () => {
    const run = runRequests({ ...far(), caches: [lru(20, 20, 60_000)], callers: 2 }, [{ atMs: 0, caller: 1 }, { atMs: 100, caller: 1 }], 10, 401);
    expect(run.originSaw).toEqual([0, 1]);
    expect(run.replies.map((r) => r.status)).toEqual([401, 401]);
  });

  it('without a network to place the clients, a miss costs the edge and the origin only (2 + 10 ms)', () => {
    expect(runRequests({ latency: constant(2) }, [{ atMs: 0 }]).replies[0].atMs).toBe(12);
  });
});

describe("CloudFront's hit ratio vs Che's approximation (LRU, independent requests, Zipf popularity)", () => {
  // 250 k requests after 50 k of warm-up, one a millisecond, each answered before the next (no latency): a plain
  // LRU cache under the independent reference model. The hit ratio's sampling error is about sqrt(h(1-h)/n) <= 0.001,
  // 20 times smaller than the 2 percentage points the REST cache's check allows Che's approximation.
  const KEYS = 5_000;
  const REQUESTS = 250_000;
  const WARMUP = 50_000;
  it.each([
    [0.8, 0.05],
    [1.1, 0.2],
  ])('Zipf %s, an edge location holding %s of the keys: within 2 percentage points', (exponent, share) => {
    const capacity = Math.round(KEYS * share);
    const zipf = new ZipfSampler(KEYS, exponent);
    const keys = new RandomStreams(7).get('che.keys');
    const sent = Array.from({ length: WARMUP + REQUESTS }, (_, i): Sent => ({ atMs: i, key: zipf.sample(keys) }));
    const warm = runRequests({ latency: constant(0), caches: [lru(KEYS, capacity, Number.MAX_SAFE_INTEGER)] }, sent.slice(0, WARMUP), 0).usage;
    const all = runRequests({ latency: constant(0), caches: [lru(KEYS, capacity, Number.MAX_SAFE_INTEGER)] }, sent, 0).usage;
    const simulated = (all.hits - warm.hits) / REQUESTS;
    const che = cheHitRatio(Array.from({ length: KEYS }, (_, k) => zipf.probability(k)), capacity);
    expect(Math.abs(simulated - che)).toBeLessThan(0.02);
  });
});
