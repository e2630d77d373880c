import { describe, expect, it } from 'vitest';
import { LambdaFunction, type LambdaFunctionOptions } from '../../../src/model/lambda/lambda-function.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { componentContract, driveComponent } from '../../contract/component-contract.js';

const base: LambdaFunctionOptions = {
  memoryMb: 512,
  architecture: 'arm64',
  duration: createDistribution({ kind: 'percentiles', p50: 50, p99: 300 }),
  coldStart: createDistribution({ kind: 'percentiles', p50: 200, p99: 800 }),
  keepAlive: createDistribution({ kind: 'constant', value: 60_000 }),
  concurrencyLimit: 20,
  provisioned: 0,
  timeoutMs: 3_000,
  errorRate: 0,
};
const make = (overrides: Partial<LambdaFunctionOptions> = {}) => () => new LambdaFunction('fn', { ...base, ...overrides });

describe('LambdaFunction contract', () => {
  componentContract('lambda under load', { create: make(), attempts: 3_000, meanGapMs: 5 });
  componentContract('lambda throttling and timing out', { create: make({ concurrencyLimit: 3, timeoutMs: 100 }), attempts: 2_000, meanGapMs: 5 });
});

describe('LambdaFunction behaviour', () => {
  it('throttles with 429 once every environment is busy, and never runs more than the limit', () => {
    const run = driveComponent({ create: make({ concurrencyLimit: 5 }), attempts: 2_000, meanGapMs: 2 }, 1);
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
});
