import { describe, expect, it } from 'vitest';
import { LAMBDA_SCALING, LambdaFunction, type LambdaFunctionOptions } from '../../../src/model/lambda/lambda-function.js';
import { LambdaAccount } from '../../../src/model/lambda/lambda-account.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { newAttempt } from '../../../src/model/attempt-lifecycle.js';
import { componentContract, driveComponent, newRequest, startComponent } from '../../contract/component-contract.js';

const base: Omit<LambdaFunctionOptions, 'account'> = {
  memoryMb: 512,
  architecture: 'arm64',
  duration: createDistribution({ kind: 'percentiles', p50: 50, p99: 300 }),
  coldStart: createDistribution({ kind: 'percentiles', p50: 200, p99: 800 }),
  keepAlive: createDistribution({ kind: 'constant', value: 60_000 }),
  reserved: 20,
  provisioned: 0,
  scaling: LAMBDA_SCALING,
  timeoutMs: 3_000,
  errorRate: 0,
};
/** A function on an account of its own (1,000 concurrency), unless the overrides give one. */
const make = (overrides: Partial<LambdaFunctionOptions> = {}) => () => new LambdaFunction('fn', { account: new LambdaAccount(1_000), ...base, ...overrides });

describe('LambdaFunction contract', () => {
  componentContract('lambda under load', { create: make(), attempts: 3_000, meanGapMs: 5 });
  componentContract('lambda throttling and timing out', { create: make({ reserved: 3, timeoutMs: 100 }), attempts: 2_000, meanGapMs: 5 });
  componentContract('lambda started warm', { create: make({ warmAtStart: 8, provisioned: 2 }), attempts: 2_000, meanGapMs: 5 });
});

describe('LambdaFunction behaviour', () => {
  it('throttles with 429 once every environment is busy, and never runs more than the limit', () => {
    const run = driveComponent({ create: make({ reserved: 5 }), attempts: 2_000, meanGapMs: 2 }, 1);
    const throttled = run.trace.filter(([, , status, cause]) => status === 429 && cause === 'lambda-throttle').length;
    expect(throttled).toBeGreaterThan(0);
    expect(run.usage.throttles).toBe(throttled);
    expect(run.usage.peakConcurrency).toBe(5);
    expect(run.usage.invocations + run.usage.throttles).toBe(2_000);
  });

  it('starts cold only when no warm environment is idle: a slow trickle reuses one environment', () => {
    // one request every 1 s, each taking ~50 ms, keep-alive 60 s: one cold start, then warm reuse
    const run = driveComponent({ create: make({ duration: createDistribution({ kind: 'constant', value: 50 }) }), attempts: 100, meanGapMs: 1_000, evenly: true }, 2);
    expect(run.usage.coldStarts).toBe(1);
  });

  it('starts cold again after an idle gap longer than the keep-alive', () => {
    const run = driveComponent(
      { create: make({ keepAlive: createDistribution({ kind: 'constant', value: 100 }), duration: createDistribution({ kind: 'constant', value: 10 }) }), attempts: 50, meanGapMs: 10_000 },
      3,
    );
    expect(run.usage.coldStarts).toBe(50);
  });

  it('never starts cold when provisioned environments cover the concurrency', () => {
    const run = driveComponent({ create: make({ provisioned: 20 }), attempts: 1_000, meanGapMs: 50 }, 4);
    expect(run.usage.coldStarts).toBe(0);
  });

  it('bills INIT plus run time, rounded up to the ms, and GB-seconds at the configured memory', () => {
    const run = driveComponent(
      {
        create: make({ duration: createDistribution({ kind: 'constant', value: 10.2 }), coldStart: createDistribution({ kind: 'constant', value: 100 }), keepAlive: createDistribution({ kind: 'constant', value: 1e9 }) }),
        attempts: 10,
        meanGapMs: 1_000,
      },
      5,
    );
    // first invocation cold: ceil(100 + 10.2) = 111; nine warm: ceil(10.2) = 11 each
    expect(run.usage.billedMs).toBe(111 + 9 * 11);
    expect(run.usage.gbSeconds).toBeCloseTo(((111 + 9 * 11) / 1000) * 0.5, 10);
  });

  it('stops a run at the function time-out and reports an error', () => {
    const run = driveComponent({ create: make({ duration: createDistribution({ kind: 'constant', value: 500 }), timeoutMs: 100 }), attempts: 10, meanGapMs: 2_000 }, 6);
    expect(run.trace.every(([, , , cause]) => cause === 'lambda-timeout')).toBe(true);
    expect(run.usage.timeouts).toBe(10);
  });

  it('refuses more provisioned environments than its limit', () => {
    expect(() => make({ provisioned: 30 })()).toThrow(/provisioned concurrency/);
  });

  it('names the limit that throttled: reserved, account or scaling', () => {
    const reasons = (overrides: Partial<LambdaFunctionOptions>) => {
      const u = driveComponent({ create: make(overrides), attempts: 3_000, meanGapMs: 1 }, 7).usage;
      return { reserved: u.throttlesReserved, account: u.throttlesAccount, scaling: u.throttlesScaling, capacity: u.throttlesCapacity, all: u.throttles };
    };
    const byReserved = reasons({ reserved: 5 });
    expect(byReserved.reserved).toBeGreaterThan(0);
    expect(byReserved.reserved).toBe(byReserved.all);
    // no reservation: the account's unreserved pool (150) is the limit
    const byAccount = reasons({ reserved: null, account: new LambdaAccount(150) });
    expect(byAccount.account).toBeGreaterThan(0);
    expect(byAccount.account).toBe(byAccount.all);
    // 10 new environments at once, then 1 a second: the scaling rate binds long before the account
    const byScaling = reasons({ reserved: null, scaling: { burst: 10, ratePerSecond: 1 } });
    expect(byScaling.scaling).toBeGreaterThan(0);
    expect(byScaling.scaling).toBe(byScaling.all);
  });

  it('adds environments no faster than the scaling rate allows', () => {
    // 3 s of arrivals every 1 ms, each holding an environment for 500 ms: demand is ~500 environments
    const run = driveComponent(
      { create: make({ reserved: null, duration: createDistribution({ kind: 'constant', value: 500 }), coldStart: createDistribution({ kind: 'constant', value: 1 }), scaling: { burst: 50, ratePerSecond: 20 } }), attempts: 3_000, meanGapMs: 1, evenly: true },
      8,
    );
    // at most 50 + 20/s * 3 s = 110 environments were ever started
    expect(run.usage.coldStarts).toBeLessThanOrEqual(110);
    expect(run.usage.coldStarts).toBeGreaterThanOrEqual(100);
  });

  it('functions without reserved concurrency share the account: together they never exceed its unreserved pool', () => {
    const account = new LambdaAccount(300);
    const slow = { duration: createDistribution({ kind: 'constant', value: 200 }), reserved: null, account };
    let peak = 0;
    let throttledA = 0;
    const subject = () => {
      const a = make({ ...slow })();
      const b = make({ ...slow })();
      // a third function reserves 100: the others share the remaining 200
      make({ account, reserved: 100 })();
      let turn = 0;
      return {
        id: 'pair',
        kind: 'lambda' as const,
        usage: () => ({ peak, throttledA }),
        start(ctx: Parameters<typeof a.start>[0]) {
          a.start(ctx);
          b.start(ctx);
        },
        receive(attempt: Parameters<typeof a.receive>[0], replyTo: Parameters<typeof a.receive>[1]) {
          (turn++ % 2 === 0 ? a : b).receive(attempt, replyTo);
          peak = Math.max(peak, account.busy);
          throttledA = a.usage().throttlesAccount;
        },
      };
    };
    driveComponent({ create: subject, attempts: 4_000, meanGapMs: 0.5 }, 9);
    expect(peak).toBe(200);
    expect(throttledA).toBeGreaterThan(0);
  });

  it('takes provisioned concurrency of an unreserved function out of the shared pool', () => {
    const account = new LambdaAccount(1_000);
    make({ reserved: null, provisioned: 150, account })();
    make({ reserved: 250, account })();
    expect(account.unreservedLimit()).toBe(600);
    expect(() => make({ reserved: 700, account })()).toThrow(/exceed the account limit/);
  });
});

/** The INIT time of an attempt sent at each of these times (0: it found a warm environment). */
function initTimesAt(fn: LambdaFunction, timesMs: number[]): number[] {
  const { sim } = startComponent(fn, 1);
  const inits: number[] = [];
  const send = (i: number) => {
    const attempt = newAttempt(newRequest(i, sim.now), 1, sim.now);
    fn.receive(attempt, { onReply() {} });
    inits[i] = attempt.coldStartMs;
  };
  timesMs.forEach((atMs, i) => sim.scheduleAt(atMs, send, i));
  sim.run({ untilMs: 1e9 });
  return inits;
}

describe('LambdaFunction warm start', () => {
  it('serves the first N concurrent invocations warm (provisioned ones first), and the next one starts cold', () => {
    const fn = make({ provisioned: 4, warmAtStart: 10 })();
    const inits = initTimesAt(fn, new Array(15).fill(0)); // 15 at once: each holds its environment for tens of ms
    expect(inits.slice(0, 14)).toEqual(new Array(14).fill(0));
    expect(inits[14]).toBeGreaterThan(0);
    expect(fn.usage().coldStarts).toBe(1);
    expect(fn.usage().provisionedBilledMs).toBeGreaterThan(0);
  });

  it('counts the warm environments in the warm gauge from t=0', () => {
    const { component } = startComponent(make({ provisioned: 4, warmAtStart: 10 })(), 1);
    expect(component.gauges(0)).toEqual({ 'fn.concurrency': 0, 'fn.warm': 14 });
  });

  it('reclaims them after their keep-alive, like any idle environment: a later invocation starts cold', () => {
    const keepAlive = createDistribution({ kind: 'constant', value: 100 });
    expect(initTimesAt(make({ warmAtStart: 3, keepAlive })(), [99])).toEqual([0]);
    expect(initTimesAt(make({ warmAtStart: 3, keepAlive })(), [100])[0]).toBeGreaterThan(0);
    const { component } = startComponent(make({ warmAtStart: 3, keepAlive })(), 1);
    expect(component.gauges(99)['fn.warm']).toBe(3);
    expect(component.gauges(100)['fn.warm']).toBe(0);
  });

  it('refuses more provisioned and warm environments than its reserved concurrency', () => {
    expect(() => make({ reserved: 20, provisioned: 5, warmAtStart: 16 })()).toThrow(/exceed reserved concurrency \(20\)/);
  });
});
