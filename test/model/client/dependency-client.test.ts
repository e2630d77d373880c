/**
 * A function's dependency client honours the caller contract
 * (../../contract/caller-contract.ts): against a downstream that answers 200,
 * 500 or 429 after a random delay, late or never, the same seed sends the same
 * attempts, nothing is scheduled in the past, every call made ends in exactly
 * one dependencyDone (calls made = results received + calls in flight, none
 * left at the end), its attempts are the ones the downstream saw (time-outs
 * and late replies included), and usage is >= 0. Built as
 * buildLambdaIntegration builds it, from a scenario's `downstream:`.
 */
import { describe, expect, it } from 'vitest';
import { newAttempt } from '../../../src/model/attempt-lifecycle.js';
import type { Component, ComponentContext, DependencyListener, Hop } from '../../../src/model/component.js';
import { DependencyClient, type DependencyUsage } from '../../../src/model/client/dependency-client.js';
import { retryPolicy } from '../../../src/scenario/build-load.js';
import { parseScenario } from '../../../src/scenario/loader.js';
import type { LambdaIntegrationSpec } from '../../../src/scenario/schema.js';
import { driven, newRequest } from '../../contract/component-contract.js';
import { callerContract, driveCaller, type Caller, type CallerSubject } from '../../contract/caller-contract.js';

/** A dependency client with this scenario `downstream:` (its time-out and retries), its calls made for parent attempts of requests 0, 1, 2... */
function dependency(settings: string): CallerSubject {
  const scenario = parseScenario(
    `
name: dependency
duration: 1m
load: { rate: 200/s }
api: { type: rest }
integration:
  type: lambda
  duration: 10ms
  downstream: { servers: 4, service: { mean: 5ms }, ${settings} }
`,
    'inline.yaml',
  );
  const spec = (scenario.integration as LambdaIntegrationSpec).downstream!;
  return {
    timeoutMs: spec.timeout,
    requests: 2_000,
    meanGapMs: 5,
    create(downstream: Hop): Caller {
      const client = new DependencyClient<number>('dependency', { timeoutMs: spec.timeout, retry: retryPolicy(spec.retry), budget: spec.retry?.budget ?? null }, downstream);
      let ctx!: ComponentContext;
      let calls = 0;
      let results = 0;
      const ended = new Set<number>();
      const listener: DependencyListener<number> = {
        dependencyDone(token: number) {
          results++;
          ended.add(token);
        },
      };
      const component: Component<DependencyUsage> = driven(client, (c) => (ctx = c), () => {
        throw new Error('a dependency client is called, not sent attempts');
      });
      return {
        component,
        arrive() {
          const id = calls++;
          const nowMs = ctx.sim.now;
          client.call(newAttempt(newRequest(id, nowMs), 1, nowMs), listener, id, 0);
        },
        ledger() {
          const usage = client.usage();
          return {
            requestsArrived: usage.calls,
            // a call reported twice counts twice here and once below: the books then fail to balance
            requestsFinished: results,
            requestsInFlight: calls - ended.size,
            attemptsStarted: usage.attempts,
            attemptsEnded: null,
            attemptsInFlight: null,
            timeouts: usage.timeouts,
            lateReplies: usage.lateReplies,
          };
        },
      };
    },
  };
}

const RETRIES = 'timeout: 100ms, retry: { attempts: 3, on: [429, 5xx, timeout], backoff: { base: 10ms, cap: 500ms, jitter: full } }';
const MANY_RETRIES = 'timeout: 50ms, retry: { attempts: 5, on: [5xx, timeout], backoff: { base: 5ms, cap: 200ms, jitter: decorrelated } }';

const BUDGETED = 'timeout: 100ms, retry: { attempts: 3, on: [429, 5xx, timeout], backoff: { base: 10ms, cap: 500ms, jitter: full }, budget: { tokens: 20, cost: 5, timeoutCost: 10, refund: 1 } }';

describe('DependencyClient caller contract', () => {
  callerContract('retries with a time-out', dependency(RETRIES));
  callerContract('retries paid from a small budget', dependency(BUDGETED));
  callerContract('more retries, a shorter time-out, decorrelated jitter, 429 not retried', dependency(MANY_RETRIES));
});

describe('DependencyClient contract runs exercise what they are for', () => {
  it('retries, time-outs, late replies and failed calls all happen', () => {
    const usage = driveCaller(dependency(RETRIES), 1).usage as DependencyUsage;
    expect(usage.retries).toBeGreaterThan(0);
    expect(usage.timeouts).toBeGreaterThan(0);
    expect(usage.lateReplies).toBeGreaterThan(0);
    expect(usage.failed).toBeGreaterThan(0);
  });
});

describe("a dependency retry budget (the AWS SDKs' retry quota)", () => {
  it('refuses retries it cannot pay for: fewer retries than the same calls without it, each refusal counted', () => {
    const free = driveCaller(dependency(RETRIES), 3).usage as DependencyUsage;
    const paid = driveCaller(dependency(BUDGETED), 3).usage as DependencyUsage;
    expect(free.budgetDenied).toBeUndefined(); // no budget, no such figure
    expect(paid.budgetDenied).toBeGreaterThan(0);
    expect(paid.retries).toBeLessThan(free.retries);
    // a refused retry is a call that fails sooner: the refusals and the retries made account for the retries the free client made
    expect(paid.retries + paid.budgetDenied!).toBeGreaterThanOrEqual(0.8 * free.retries);
  });
});
