/**
 * The client pool honours the caller contract (../../contract/caller-contract.ts):
 * against a downstream that answers 200, 500 or 429 after a random delay, late
 * or never, the same seed sends the same attempts, nothing is scheduled in the
 * past, requests and attempts are conserved (its totals() against what its
 * records say ended and what the downstream saw), and usage is >= 0. Built as
 * a scenario builds it (buildClientPool), with retries and back-off, with a
 * retry budget, and with a circuit breaker.
 */
import { describe, expect, it } from 'vitest';
import type { FinalOutcome } from '../../../src/metrics/record-sink.js';
import { Recorder } from '../../../src/metrics/recorder.js';
import type { Component, ComponentContext, Hop } from '../../../src/model/component.js';
import type { ClientUsage } from '../../../src/model/client/client-pool.js';
import { buildClientPool } from '../../../src/scenario/build-load.js';
import { parseScenario } from '../../../src/scenario/loader.js';
import { callerContract, driveCaller, type Caller, type CallerSubject, type DownstreamMix } from '../../contract/caller-contract.js';

/** What the pool's records say: requests and attempts ended, and attempts that ended at its time-out. */
class Tally extends Recorder {
  requestsEnded = 0;
  attemptsEnded = 0;
  timeouts = 0;

  override attemptEnded(atMs: number, latencyMs: number, status: number, cause: string, counted: boolean): void {
    this.attemptsEnded++;
    if (cause === 'client-timeout') this.timeouts++;
    super.attemptEnded(atMs, latencyMs, status, cause, counted);
  }

  override requestEnded(atMs: number, latencyMs: number, outcome: FinalOutcome, attempts: number, counted: boolean): void {
    this.requestsEnded++;
    super.requestEnded(atMs, latencyMs, outcome, attempts, counted);
  }
}

/** A client pool with these `clients:` settings, as buildClientPool makes it. */
function pool(clients: string, downstream: Partial<DownstreamMix> = {}): CallerSubject {
  const scenario = parseScenario(
    `
name: callers
duration: 1m
load: { rate: 200/s }
clients: ${clients}
api: { type: http }
integration: { type: http, servers: 1, service: { constant: 1ms } }
`,
    'inline.yaml',
  );
  return {
    timeoutMs: scenario.clients.timeout,
    requests: 2_000,
    meanGapMs: 5,
    downstream,
    create(frontDoor: Hop): Caller {
      const client = buildClientPool(scenario);
      client.connect(frontDoor);
      const tally = new Tally({ intervalMs: 1000, warmupMs: 0 });
      let ctx!: ComponentContext;
      const component: Component<ClientUsage> = {
        id: client.id,
        kind: client.kind,
        start(c: ComponentContext) {
          ctx = c;
          client.start({ ...c, metrics: tally });
        },
        usage: () => client.usage(),
      };
      return {
        component,
        arrive: () => client.arrive(ctx.sim.now, -1),
        ledger() {
          const t = client.totals();
          return {
            requestsArrived: t.requests,
            requestsFinished: tally.requestsEnded,
            requestsInFlight: t.requestsInFlight,
            attemptsStarted: t.attempts,
            attemptsEnded: tally.attemptsEnded,
            attemptsInFlight: t.attemptsInFlight,
            timeouts: tally.timeouts,
            lateReplies: client.usage().lateReplies,
          };
        },
      };
    },
  };
}

const RETRIES = '{ count: 5, timeout: 200ms, retry: { attempts: 3, on: [429, 5xx, timeout], backoff: { base: 20ms, cap: 1s, jitter: full }, throttleDelay: 50ms } }';
const BUDGET = '{ timeout: 200ms, retry: { attempts: 4, backoff: { base: 10ms, jitter: decorrelated }, budget: { tokens: 30, cost: 5, timeoutCost: 10, refund: 1 } } }';
const BREAKER = '{ count: 2, timeout: 150ms, retry: { attempts: 2, backoff: { base: 10ms } }, circuitBreaker: { failureRatio: 0.5, window: 1s, minRequests: 20, open: 300ms, probes: 2 } }';
/** Failing often enough to open the breaker now and then. */
const FLAKY: Partial<DownstreamMix> = { ok: 0.55, error: 0.25 };

describe('ClientPool caller contract', () => {
  callerContract('retries with back-off (429 waits, time-outs retried)', pool(RETRIES));
  callerContract('a retry budget', pool(BUDGET));
  callerContract('a circuit breaker', pool(BREAKER, FLAKY));
});

describe('ClientPool contract runs exercise what they are for', () => {
  it('retries happen, some replies come after the time-out, the budget runs dry, the breaker opens and refuses requests', () => {
    const retried = driveCaller(pool(RETRIES), 1).usage as ClientUsage;
    expect(retried.retries).toBeGreaterThan(0);
    expect(retried.lateReplies).toBeGreaterThan(0);
    expect(retried.gaveUp).toBeGreaterThan(0);
    expect((driveCaller(pool(BUDGET), 1).usage as ClientUsage).budgetDenied).toBeGreaterThan(0);
    const broken = driveCaller(pool(BREAKER, FLAKY), 1).usage as ClientUsage;
    expect(broken.breakerOpened).toBeGreaterThan(0);
    expect(broken.circuitOpen).toBeGreaterThan(0);
  });
});
