/**
 * Route 53's health check and the DNS failover record, driven by hand:
 * detection is the threshold-th failed check of the checker that makes the
 * healthy share 18 % or less (worked out below from the checkers' phases),
 * a partial brownout that leaves more than 18 % of checkers healthy moves
 * nobody, and the clients move evenly over the TTL, then back. The record
 * honours the component contract.
 */
import { describe, expect, it } from 'vitest';
import type { EventCallback } from '../../../src/engine/simulator.js';
import type { Attempt, ComponentContext, Hop, ReplyTarget } from '../../../src/model/component.js';
import { DnsFailover } from '../../../src/model/failover/dns-failover.js';
import { Route53HealthCheck, type HealthCheckOptions } from '../../../src/model/failover/route53-health-check.js';
import { componentContract, driven, startComponent } from '../../contract/component-contract.js';

/** An endpoint that answers at once: 500 while `failing(now)` says so, else 200 (or never, to test the deadline). */
function endpoint(getCtx: () => ComponentContext, failing: (nowMs: number) => boolean | 'silent'): Hop {
  return {
    receive(attempt: Attempt, back: ReplyTarget) {
      const state = failing(getCtx().sim.now);
      if (state === 'silent') return;
      const answer: EventCallback<Attempt> = (a) => back.onReply(a, state ? 500 : 200, state ? 'backend-error' : 'ok');
      getCtx().sim.schedule(0, answer, attempt);
    },
  };
}

/** The times Route 53's view changed, for an endpoint failing as `failing` says, over `untilMs`. */
function changes(options: HealthCheckOptions, failing: (nowMs: number) => boolean | 'silent', untilMs: number): Array<[boolean, number]> {
  let ctx!: ComponentContext;
  const check = new Route53HealthCheck('healthCheck', options, endpoint(() => ctx, failing), untilMs);
  const seen: Array<[boolean, number]> = [];
  check.notify({ healthChanged: (healthy, atMs) => seen.push([healthy, atMs]) });
  const { sim } = startComponent({ id: 'probe', kind: 'load', start: (c: ComponentContext) => (ctx = c), usage: () => ({}) }, 3);
  check.start(ctx);
  sim.run({ untilMs: untilMs + 10_000 });
  return seen;
}

describe('Route53HealthCheck', () => {
  const options = { intervalMs: 30_000, failureThreshold: 3, checkers: 8 };

  it('calls the endpoint unhealthy at the threshold-th failure of the 7th checker of 8, and healthy again at the 2nd', () => {
    // checkers at phases 0, 3.75 ... 26.25 s; failing from 100 s to 400 s. Checker i's checks fall at
    // 3.75 i + 30 k s; its first failed one is the first at or after 100 s: 90 + 3.75 i if 3.75 i >= 10,
    // else 120 + 3.75 i; it turns unhealthy 2 checks (60 s) later.
    const first = (i: number) => (3.75 * i >= 10 ? 90 + 3.75 * i : 120 + 3.75 * i) * 1000;
    const unhealthyAt = [...Array(8).keys()].map((i) => first(i) + 2 * 30_000).sort((a, b) => a - b);
    // healthy when at most 1 of 8 (12.5 % <= 18 %) still says healthy: at the 7th checker's turn
    const back = (i: number) => (3.75 * i >= 10 ? 390 + 3.75 * i : 420 + 3.75 * i) * 1000 + 2 * 30_000;
    const healthyAt = [...Array(8).keys()].map(back).sort((a, b) => a - b);
    const seen = changes(options, (t) => t >= 100_000 && t < 400_000, 1_000_000);
    expect(seen).toEqual([
      [false, unhealthyAt[6]],
      [true, healthyAt[1]], // 2 of 8 healthy is 25 %, more than 18 %
    ]);
  });

  it('a check unanswered for 2 seconds fails', () => {
    const seen = changes({ intervalMs: 10_000, failureThreshold: 1, checkers: 3 }, (t) => (t >= 50_000 ? 'silent' : false), 200_000);
    // 3 checkers at 0, 3.33, 6.67 s: the first silent checks at 50, 53.33, 56.67 s fail 2 s later; unhealthy when
    // at most 18 % of 3 (none) say healthy: at the third, 58.67 s
    expect(seen[0][0]).toBe(false);
    expect(seen[0][1]).toBeCloseTo(50_000 + 20_000 / 3 + 2_000, 6);
  });

  it('a brownout half the checkers see leaves more than 18 % of them healthy: nobody moves', () => {
    let n = 0;
    // every other check fails; 8 checkers take their turns in order, so checkers 0, 2, 4, 6 fail every check
    // and 1, 3, 5, 7 pass every one: 50 % healthy, more than 18 %
    const seen = changes(options, (t) => t >= 100_000 && n++ % 2 === 0, 1_000_000);
    expect(seen).toEqual([]);
  });
});

describe('DnsFailover', () => {
  it('moves the share of clients on the standby evenly over the TTL, after the client cache, and back from where it is', () => {
    const router = new DnsFailover('failover', { ttlMs: 60_000, clientCacheMs: 10_000 }, { receive: () => undefined }, { receive: () => undefined });
    expect(router.standbyShare(5_000)).toBe(0);
    router.healthChanged(false, 100_000);
    expect(router.standbyShare(110_000)).toBe(0);
    expect(router.standbyShare(140_000)).toBeCloseTo(0.5, 12);
    expect(router.standbyShare(170_000)).toBe(1);
    router.healthChanged(true, 130_000); // healthy again mid-move, at a third: back from there
    expect(router.standbyShare(140_000)).toBeCloseTo(1 / 3, 12);
    expect(router.standbyShare(170_000)).toBeCloseTo(1 / 6, 12);
    expect(router.standbyShare(200_000)).toBe(0);
  });

  const contract = () => {
    let ctx!: ComponentContext;
    const region = (status: number): Hop => ({ receive: (a, back) => ctx.sim.schedule(5, (x: Attempt) => back.onReply(x, status, 'ok'), a) });
    const router = new DnsFailover('failover', { ttlMs: 1_000, clientCacheMs: 0 }, region(200), region(201));
    return driven(
      router,
      (c) => {
        ctx = c;
        c.sim.schedule(2_000, () => router.healthChanged(false, c.sim.now), null);
      },
      (attempt, replyTo) => router.receive(attempt, replyTo),
    );
  };
  componentContract('a record that fails over after 2 s', { create: contract, attempts: 1_000, meanGapMs: 5 });
});
