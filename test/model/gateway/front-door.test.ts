import { describe, expect, it } from 'vitest';
import type { EventCallback } from '../../../src/engine/simulator.js';
import type { Attempt, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../../../src/model/component.js';
import { FrontDoor, type FrontDoorOptions, type CacheModel } from '../../../src/model/gateway/front-door.js';
import { ENTRY_POINTS as FRONT_DOORS, type FrontDoorType } from '../../../src/catalog/entry-points.js';
import { Authorizer } from '../../../src/model/authorizer/authorizer.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { ThrottleChain, type ThrottleSpec } from '../../../src/model/throttle/throttle-chain.js';
import { UsagePlanChain } from '../../../src/model/throttle/usage-plan-chain.js';
import { componentContract, driveComponent, type ContractSubject } from '../../contract/component-contract.js';

const constant = (value: number) => createDistribution({ kind: 'constant', value });

interface Setup {
  type?: FrontDoorType;
  throttles?: ThrottleSpec;
  callers?: number;
  integrationTimeoutMs?: number;
  requestLimitBytes?: number;
  responseLimitBytes?: number;
  authorizer?: () => Authorizer;
  cache?: () => CacheModel;
  waf?: FrontDoorOptions['waf'];
  /** A throttle chain of its own (usage plans), in place of one made from `throttles`. */
  throttleChain?: () => ThrottleChain;
}

/**
 * A front door whose upstream is the contract's reply target: the harness
 * calls receive(attempt, replyTo) and the front door answers its
 * constructor's upstream, so this wrapper forwards replies to whoever sent
 * the attempt.
 */
function frontDoorWith(setup: Setup, integration: (ctx: () => ComponentContext) => Hop): ContractSubject['create'] {
  return () => {
    const type = setup.type ?? 'rest';
    const authorizer = setup.authorizer?.() ?? null;
    const options: FrontDoorOptions = {
      type,
      overhead: constant(10),
      throttles: setup.throttleChain?.() ?? new ThrottleChain(setup.throttles ?? {}, setup.callers ?? 1),
      integrationTimeoutMs: setup.integrationTimeoutMs ?? FRONT_DOORS[type].integrationTimeoutMs,
      requestLimitBytes: setup.requestLimitBytes ?? FRONT_DOORS[type].requestLimitBytes,
      responseLimitBytes: setup.responseLimitBytes ?? FRONT_DOORS[type].responseLimitBytes,
      meteringBytes: FRONT_DOORS[type].meteringBytes,
      meterResponses: type === 'websocket',
      statusByCause: FRONT_DOORS[type].statusByCause,
      authorizer,
      cache: setup.cache ? { model: setup.cache(), hitLatency: constant(2), maxEntryBytes: 1_048_576 } : null,
      waf: setup.waf ?? null,
      recordStages: true,
    };
    let replyTo: ReplyTarget | null = null;
    let ctxRef: ComponentContext | null = null;
    const upstream: ReplyTarget = { onReply: (a, s, c) => (replyTo as ReplyTarget).onReply(a, s, c) };
    const door = new FrontDoor('gw', options, upstream, integration(() => ctxRef as ComponentContext));
    return {
      id: door.id,
      kind: door.kind,
      usage: () => ({ ...door.usage(), ...(authorizer ? prefixed('authorizer.', authorizer.usage()) : {}) }),
      start(ctx: ComponentContext) {
        ctxRef = ctx;
        door.start(ctx);
        authorizer?.start(ctx);
      },
      receive(attempt: Attempt, from: ReplyTarget) {
        replyTo = from;
        door.receive(attempt);
      },
    };
  };
}

const prefixed = (prefix: string, usage: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(usage).map(([k, v]) => [prefix + k, v]));

/** An integration that answers after `delayMs` with a fixed status and cause, counting the attempts it sees. */
function answering(delayMs: number, status: number, cause: ReplyCause, seen = { count: 0 }) {
  return (ctx: () => ComponentContext): Hop => ({
    receive(attempt, replyTo) {
      seen.count++;
      const done: EventCallback<null> = () => replyTo.onReply(attempt, status, cause);
      ctx().sim.schedule(delayMs, done, null);
    },
  });
}

/** A cache that holds every key after its first successful response, forever. */
function rememberEverything(): CacheModel {
  const held = new Set<number>();
  return { lookup: (key) => held.has(key), insert: (key) => void held.add(key) };
}

/** Statuses each front door returns: the seed's comparison, written out from AWS's documents (not read from the profiles). */
const EXPECTED: Record<FrontDoorType, Partial<Record<ReplyCause, number>>> = {
  rest: { 'lambda-throttle': 500, 'lambda-error': 502, 'lambda-timeout': 502, 'integration-timeout': 504, 'payload-too-large': 413, 'response-too-large': 502, 'backend-down': 503 },
  http: { 'lambda-throttle': 500, 'lambda-error': 500, 'lambda-timeout': 500, 'integration-timeout': 503, 'payload-too-large': 413, 'response-too-large': 500, 'backend-down': 503 },
  websocket: { 'lambda-throttle': 500, 'lambda-error': 502, 'lambda-timeout': 502, 'integration-timeout': 504, 'payload-too-large': 413, 'response-too-large': 502, 'backend-down': 503 },
  alb: { 'lambda-throttle': 502, 'lambda-error': 502, 'lambda-timeout': 502, 'integration-timeout': 504, 'payload-too-large': 413, 'response-too-large': 502, 'backend-down': 502 },
  // a throttled function answers 429 through its URL (Lambda's urls-configuration page); errors as a Lambda proxy's 502 (an assumption)
  'function-url': { 'lambda-throttle': 429, 'lambda-error': 502, 'lambda-timeout': 502, 'payload-too-large': 413, 'response-too-large': 502 },
};

/** What the integration answers (Lambda's or the back end's own status) for each failure kind. */
const RAW: Partial<Record<ReplyCause, number>> = { 'lambda-throttle': 429, 'lambda-error': 500, 'lambda-timeout': 500, 'backend-down': 503 };

describe('FrontDoor contract', () => {
  componentContract('REST API with a stage bucket', {
    create: frontDoorWith({ throttles: { stage: { ratePerSecond: 100, burst: 10 } } }, answering(20, 200, 'ok')),
    attempts: 2_000,
    meanGapMs: 5,
  });
  componentContract('REST API timing out a slow integration', { create: frontDoorWith({ integrationTimeoutMs: 50 }, answering(100, 200, 'ok')), attempts: 500, meanGapMs: 5 });
  componentContract('HTTP API with a JWT authorizer refusing some callers', {
    create: frontDoorWith(
      {
        type: 'http',
        callers: 50,
        authorizer: () => new Authorizer('auth', { kind: 'jwt', lambda: null, latency: constant(1), cacheTtlMs: 0, denyRatio: 0.2, refusal: 'auth-unauthorized', identities: 50 }),
      },
      answering(20, 200, 'ok'),
    ),
    attempts: 1_000,
    meanGapMs: 5,
  });
  componentContract('REST API with a cache', { create: frontDoorWith({ cache: rememberEverything }, answering(20, 200, 'ok')), attempts: 1_000, meanGapMs: 5 });
});

describe('FrontDoor statuses, per type and failure kind', () => {
  for (const type of ['rest', 'http', 'websocket', 'alb', 'function-url'] as const) {
    for (const [cause, expected] of Object.entries(EXPECTED[type]) as Array<[ReplyCause, number]>) {
      it(`${type}: ${cause} reaches the client as ${expected}`, () => {
        let setup: Setup = { type };
        let integration = answering(5, RAW[cause] ?? 200, RAW[cause] ? cause : 'ok');
        if (cause === 'integration-timeout') {
          setup = { type, integrationTimeoutMs: 50 };
          integration = answering(100, 200, 'ok');
        }
        if (cause === 'payload-too-large') setup = { type, requestLimitBytes: 1000 }; // the harness sends 1 KB bodies
        if (cause === 'response-too-large') setup = { type, responseLimitBytes: 1000 };
        const run = driveComponent({ create: frontDoorWith(setup, integration), attempts: 3, meanGapMs: 1_000 }, 1);
        expect(run.trace.map(([, , s, c]) => [s, c])).toEqual(Array(3).fill([expected, cause]));
      });
    }
  }

  it('passes the integration own status through when the type does not map the cause', () => {
    const run = driveComponent({ create: frontDoorWith({}, answering(5, 503, 'backend-full')), attempts: 5, meanGapMs: 10 }, 1);
    expect(run.trace.map(([, , s]) => s)).toEqual(Array(5).fill(503));
  });

  it('stops with an internal error naming the cause and the front door when its type has no status for an answer it makes itself (never a status 0)', () => {
    // an HTTP API has no API keys, so no status for a refused key: a scenario can only get here through a bug
    const keysRefused = () => new UsagePlanChain({}, { plans: [{ name: 'p', bucket: null, quota: null, methods: null }], planOfCaller: [0], invalidKeyRatio: 1 }, 1);
    const drive = () => driveComponent({ create: frontDoorWith({ type: 'http', throttleChain: keysRefused }, answering(5, 200, 'ok')), attempts: 1, meanGapMs: 10 }, 1);
    expect(drive).toThrow(/internal error: the http front door 'gw' has no status for the answer 'api-key-invalid'/);
  });

  it('answers 504 at the integration time-out, once, even when the integration replies later', () => {
    const run = driveComponent({ create: frontDoorWith({ integrationTimeoutMs: 50 }, answering(100, 200, 'ok')), attempts: 3, meanGapMs: 1_000, evenly: true }, 2);
    expect(run.trace.map(([, , s, c]) => [s, c])).toEqual(Array(3).fill([504, 'integration-timeout']));
    // each 504 comes 10 ms (overhead) + 50 ms (time-out) after its arrival, 1 s apart
    expect(run.trace.map(([t]) => t)).toEqual([60, 1060, 2060]);
  });

  it('an answer given inside the integration’s receive arms no time-out: one answer each, and the slow ones still time out', () => {
    // the front door arms the integration time-out only for work not answered before `receive`
    // returns: armed anyway (or armed after the answer), a 504 would follow the 503 50 ms later
    let received = 0;
    const halfAtOnce = (ctx: () => ComponentContext): Hop => ({
      receive(attempt, replyTo) {
        if (received++ % 2 === 0) replyTo.onReply(attempt, 503, 'backend-full');
        else ctx().sim.schedule(100, () => replyTo.onReply(attempt, 200, 'ok'), null);
      },
    });
    const run = driveComponent({ create: frontDoorWith({ integrationTimeoutMs: 50 }, halfAtOnce), attempts: 4, meanGapMs: 1_000, evenly: true }, 2);
    expect(run.trace.map(([t, , s, c]) => [t, s, c])).toEqual([
      [10, 503, 'backend-full'],
      [1060, 504, 'integration-timeout'],
      [2010, 503, 'backend-full'],
      [3060, 504, 'integration-timeout'],
    ]);
  });

  it('refuses a body over the limit with 413 before the throttles and the integration', () => {
    const seen = { count: 0 };
    const run = driveComponent({ create: frontDoorWith({ requestLimitBytes: 512, throttles: { stage: { ratePerSecond: 1, burst: 1 } } }, answering(5, 200, 'ok', seen)), attempts: 20, meanGapMs: 1 }, 3);
    expect(run.trace.every(([, , s, c]) => s === 413 && c === 'payload-too-large')).toBe(true);
    expect(seen.count).toBe(0);
  });
});

describe('FrontDoor throttling', () => {
  it('throttles with 429 attributed to the refusing level, after the overhead, without reaching the integration', () => {
    const seen = { count: 0 };
    const run = driveComponent(
      { create: frontDoorWith({ throttles: { stage: { ratePerSecond: 10, burst: 5 }, account: { ratePerSecond: 1000, burst: 100 } } }, answering(1, 200, 'ok', seen)), attempts: 1_000, meanGapMs: 1 },
      3,
    );
    const throttled = run.trace.filter(([, , s]) => s === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every(([, , , c]) => c === 'throttle-stage')).toBe(true);
    expect(seen.count).toBe(1_000 - throttled.length);
  });

  it('attributes 429s to the account bucket when it is the tighter one', () => {
    const run = driveComponent(
      { create: frontDoorWith({ throttles: { stage: { ratePerSecond: 1000, burst: 100 }, account: { ratePerSecond: 10, burst: 5 } } }, answering(1, 200, 'ok')), attempts: 1_000, meanGapMs: 1 },
      4,
    );
    const causes = new Set(run.trace.filter(([, , s]) => s === 429).map(([, , , c]) => c));
    expect([...causes]).toEqual(['throttle-account']);
  });

  it('a usage plan tighter than the stage: 429s are the usage plan’s; a stage tighter than the plan: the stage’s', () => {
    const causes = (plan: number, stage: number) => {
      const run = driveComponent(
        { create: frontDoorWith({ throttles: { usagePlan: { bucket: { ratePerSecond: plan, burst: 5 } }, stage: { ratePerSecond: stage, burst: 5 } } }, answering(1, 200, 'ok')), attempts: 2_000, meanGapMs: 1 },
        5,
      );
      return new Set(run.trace.filter(([, , s]) => s === 429).map(([, , , c]) => c));
    };
    expect([...causes(20, 500)]).toEqual(['throttle-usage-plan']);
    expect([...causes(500, 20)]).toEqual(['throttle-stage']);
  });

  it('a quota admits exactly its limit per period, then 429 quota until the next period', () => {
    // 1 request every 100 ms for 29.9 s, quota 50 per 10 s: 50 admitted in each of the three periods
    const run = driveComponent({ create: frontDoorWith({ throttles: { usagePlan: { quota: { limit: 50, periodMs: 10_000 } } } }, answering(1, 200, 'ok')), attempts: 299, meanGapMs: 100, evenly: true }, 6);
    const okByPeriod = [0, 0, 0];
    for (const [t, , s] of run.trace) if (s === 200) okByPeriod[Math.floor((t - 11) / 10_000)]++;
    expect(okByPeriod).toEqual([50, 50, 50]);
    expect(new Set(run.trace.filter(([, , s]) => s === 429).map(([, , , c]) => c))).toEqual(new Set(['throttle-quota']));
  });
});

describe('FrontDoor cache and authorizer', () => {
  it('a cache hit answers 200 from the cache without reaching the integration', () => {
    const seen = { count: 0 };
    // one key: the first request misses and fills the cache, every later one hits
    const run = driveComponent({ create: frontDoorWith({ cache: rememberEverything }, answering(30, 200, 'ok', seen)), attempts: 100, meanGapMs: 100, evenly: true }, 7);
    expect(seen.count).toBe(1);
    expect(run.trace.every(([, , s]) => s === 200)).toBe(true);
    expect(run.usage.cacheHits).toBe(99);
    expect(run.usage.cacheMisses).toBe(1);
  });

  it('a cached authorizer decision is evaluated once per identity per TTL; without a cache, once per request', () => {
    const make = (cacheTtlMs: number) =>
      frontDoorWith({ callers: 1, authorizer: () => new Authorizer('auth', { kind: 'jwt', lambda: null, latency: constant(1), cacheTtlMs, denyRatio: 0, refusal: 'auth-unauthorized', identities: 1 }) }, answering(5, 200, 'ok'));
    // 100 requests 100 ms apart from one caller: with a 3 s TTL, a check at 0 s, 3 s, 6 s, 9 s
    expect(driveComponent({ create: make(3_000), attempts: 100, meanGapMs: 100, evenly: true }, 8).usage['authorizer.evaluations']).toBe(4);
    expect(driveComponent({ create: make(0), attempts: 100, meanGapMs: 100, evenly: true }, 8).usage['authorizer.evaluations']).toBe(100);
  });

  it('refuses about denyRatio of checks, with 401 for a JWT and 403 for IAM', () => {
    for (const [kind, refusal, status] of [
      ['jwt', 'auth-unauthorized', 401],
      ['iam', 'auth-denied', 403],
    ] as const) {
      const run = driveComponent(
        { create: frontDoorWith({ type: 'http', authorizer: () => new Authorizer('auth', { kind, lambda: null, latency: constant(1), cacheTtlMs: 0, denyRatio: 0.3, refusal, identities: 1 }) }, answering(5, 200, 'ok')), attempts: 4_000, meanGapMs: 5 },
        9,
      );
      const refused = run.trace.filter(([, , s, c]) => s === status && c === refusal).length;
      // binomial(4000, 0.3): sd = 29; 4.5 sd either side
      expect(Math.abs(refused - 1_200)).toBeLessThan(4.5 * Math.sqrt(4_000 * 0.3 * 0.7));
    }
  });
});

describe('FrontDoor with AWS WAF', () => {
  it('blocks about blockRatio of requests with 403 before the throttles, after its own latency, and counts what it inspected', () => {
    const seen = { count: 0 };
    const n = 4_000;
    const ratio = 0.2;
    const run = driveComponent(
      { create: frontDoorWith({ waf: { latency: constant(2), blockRatio: ratio }, throttles: { stage: { ratePerSecond: 1_000_000, burst: 1_000_000 } } }, answering(5, 200, 'ok', seen)), attempts: n, meanGapMs: 1, evenly: true },
      5,
    );
    const blocked = run.trace.filter(([, , s, c]) => s === 403 && c === 'waf-blocked');
    // binomial: within 4.5 standard errors of n × ratio
    expect(Math.abs(blocked.length - n * ratio)).toBeLessThan(4.5 * Math.sqrt(n * ratio * (1 - ratio)));
    expect(seen.count).toBe(n - blocked.length);
    // request i is sent at i ms: a block comes after the overhead (10 ms) and the inspection (2 ms),
    // an answer after both and the integration's 5 ms
    for (const [t, id, s] of run.trace) expect(t - id).toBeCloseTo(s === 403 ? 12 : 17, 9);
    expect(run.trace.filter(([, , s]) => s === 200).length).toBe(n - blocked.length);
    expect(run.usage).toMatchObject({ wafRequests: n, wafBlocked: blocked.length, billedRequests: n });
  });

  it('is not on by default: no inspection, no block, nothing counted', () => {
    const run = driveComponent({ create: frontDoorWith({}, answering(1, 200, 'ok')), attempts: 100, meanGapMs: 1 }, 6);
    expect(run.trace.every(([, , s]) => s === 200)).toBe(true);
    expect(run.usage).toMatchObject({ wafRequests: 0, wafBlocked: 0 });
  });
});
