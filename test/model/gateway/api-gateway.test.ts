import { describe, expect, it } from 'vitest';
import type { EventCallback } from '../../../src/engine/simulator.js';
import type { Attempt, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../../../src/model/component.js';
import { ApiGateway, type ApiGatewayOptions } from '../../../src/model/gateway/api-gateway.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { TokenBucket } from '../../../src/model/shared/token-bucket.js';
import { componentContract, driveComponent } from '../../contract/component-contract.js';

/**
 * A gateway whose upstream is the contract's reply target: the harness calls
 * receive(attempt, replyTo) and the gateway answers its constructor's
 * upstream, so this wrapper forwards replies to whoever sent the attempt.
 */
function gatewayWith(makeOptions: Partial<ApiGatewayOptions> | (() => Partial<ApiGatewayOptions>), integration: (ctx: () => ComponentContext) => Hop) {
  return () => {
    const options = typeof makeOptions === 'function' ? makeOptions() : makeOptions;
    let replyTo: ReplyTarget | null = null;
    let ctxRef: ComponentContext | null = null;
    const upstream: ReplyTarget = { onReply: (a, s, c) => (replyTo as ReplyTarget).onReply(a, s, c) };
    const gateway = new ApiGateway(
      'gw',
      {
        overhead: createDistribution({ kind: 'constant', value: 10 }),
        throttles: [],
        integrationTimeoutMs: 29_000,
        statusByCause: { 'lambda-throttle': 500, 'lambda-error': 502 },
        ...options,
      },
      upstream,
      integration(() => ctxRef as ComponentContext),
    );
    return {
      id: gateway.id,
      kind: gateway.kind,
      usage: () => gateway.usage(),
      start(ctx: ComponentContext) {
        ctxRef = ctx;
        gateway.start(ctx);
      },
      receive(attempt: Attempt, from: ReplyTarget) {
        replyTo = from;
        gateway.receive(attempt);
      },
    };
  };
}

/** An integration that answers after `delayMs` with a fixed status and cause. */
const answering = (delayMs: number, status: number, cause: ReplyCause) => (ctx: () => ComponentContext): Hop => ({
  receive(attempt, replyTo) {
    const done: EventCallback<null> = () => replyTo.onReply(attempt, status, cause);
    ctx().sim.schedule(delayMs, done, null);
  },
});

describe('ApiGateway contract', () => {
  componentContract('gateway with a stage bucket', {
    create: gatewayWith(() => ({ throttles: [{ name: 'stage', bucket: new TokenBucket(100, 10) }] }), answering(20, 200, 'ok')),
    attempts: 2_000,
    meanGapMs: 5,
  });
  componentContract('gateway timing out a slow integration', { create: gatewayWith({ integrationTimeoutMs: 50 }, answering(100, 200, 'ok')), attempts: 500, meanGapMs: 5 });
});

describe('ApiGateway behaviour', () => {
  it('maps integration causes to the configured statuses and passes the rest through', () => {
    const cases: Array<[number, ReplyCause, number]> = [
      [429, 'lambda-throttle', 500],
      [500, 'lambda-error', 502],
      [200, 'ok', 200],
      [503, 'backend-full', 503],
    ];
    for (const [status, cause, expected] of cases) {
      const run = driveComponent({ create: gatewayWith({}, answering(5, status, cause)), attempts: 5, meanGapMs: 10 }, 1);
      expect(run.trace.map(([, , s]) => s)).toEqual(Array(5).fill(expected));
    }
  });

  it('answers 504 at the integration time-out, once, even when the integration replies later', () => {
    const run = driveComponent({ create: gatewayWith({ integrationTimeoutMs: 50 }, answering(100, 200, 'ok')), attempts: 3, meanGapMs: 1_000, evenly: true }, 2);
    expect(run.trace.map(([, , s, c]) => [s, c])).toEqual(Array(3).fill([504, 'integration-timeout']));
    // each 504 comes 10 ms (overhead) + 50 ms (time-out) after its arrival, 1 s apart
    expect(run.trace.map(([t]) => t)).toEqual([60, 1060, 2060]);
  });

  it('throttles with 429 attributed to the refusing bucket, after the overhead, without reaching the integration', () => {
    let reached = 0;
    const counting = (ctx: () => ComponentContext): Hop => ({
      receive(attempt, replyTo) {
        reached++;
        answering(1, 200, 'ok')(ctx).receive(attempt, replyTo);
      },
    });
    const run = driveComponent(
      { create: gatewayWith(() => ({ throttles: [{ name: 'stage', bucket: new TokenBucket(10, 5) }, { name: 'account', bucket: new TokenBucket(1000, 100) }] }), counting), attempts: 1_000, meanGapMs: 1 },
      3,
    );
    const throttled = run.trace.filter(([, , s]) => s === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every(([, , , c]) => c === 'throttle-stage')).toBe(true);
    expect(reached).toBe(1_000 - throttled.length);
  });

  it('attributes 429s to the account bucket when it is the tighter one', () => {
    const run = driveComponent(
      {
        create: gatewayWith(() => ({ throttles: [{ name: 'stage', bucket: new TokenBucket(1000, 100) }, { name: 'account', bucket: new TokenBucket(10, 5) }] }), answering(1, 200, 'ok')),
        attempts: 1_000,
        meanGapMs: 1,
      },
      4,
    );
    const causes = new Set(run.trace.filter(([, , s]) => s === 429).map(([, , , c]) => c));
    expect([...causes]).toEqual(['throttle-account']);
  });
});
