/**
 * The closed form (`price --queue`, `price --topic`) against a simulated run
 * of the same workload (`run`): the same bill, line for line, within what
 * the closed form leaves out. A short run priced at a month's volume
 * (`cost.monthlyRequests`) scales every count by month / messages; what
 * the run has and the closed form does not is its edges: the batches still
 * open or in flight when the run stops (no receive, delete or invocation
 * for them), the first batches' cold starts before the warm-up ends (not in
 * the window), and the empty long polls of the pollers the mapping started
 * (the closed form estimates none at this rate). The tolerance is those
 * edges' size over the run's messages.
 */
import { describe, expect, it } from 'vitest';
import { estimateMonthlyCost, type CostEstimate } from '../../src/cost/cost-estimate.js';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { workloadUsage, type Workload } from '../../src/cost/workload.js';
import { testWorkload } from './workload-fixture.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const prices = bundledPriceTable('us-east-1')!;
const MONTH = 40e6;
const KB = 1024;

const workload = (extra: Partial<Workload>): Workload =>
  testWorkload({ monthlyRequests: MONTH, requestBytes: 100 * KB, responseBytes: 200, lambda: { memoryMb: 512, durationMs: 100, architecture: 'arm64', provisioned: 0 }, ...extra });

const scenario = (integration: string) => `
name: agree-async
seed: 7
duration: 40s
warmup: 10s
load: { arrivals: uniform, rate: 50/s, payload: { request: 100KB, response: 200B } }
api: { type: rest }
integration:
${integration}
cost: { monthlyRequests: 40M }
`;

const byLine = (e: CostEstimate) => new Map(e.lines.map((l) => [`${l.service}: ${l.item}`, l]));

/** Every line of one bill is on the other, quantities within `tolerance` (relative), and the totals too. */
function expectSameBill(simulated: CostEstimate, closed: CostEstimate, tolerance: number): void {
  const run = byLine(simulated);
  const form = byLine(closed);
  expect([...run.keys()].sort()).toEqual([...form.keys()].sort());
  for (const [key, line] of form) {
    const other = run.get(key)!;
    expect(Math.abs(other.quantity - line.quantity), `${key}: run ${other.quantity}, closed form ${line.quantity}`).toBeLessThanOrEqual(tolerance * line.quantity);
  }
  expect(Math.abs(simulated.totalUsd - closed.totalUsd)).toBeLessThanOrEqual(tolerance * closed.totalUsd);
}

describe('price --queue agrees with run', () => {
  it('a REST API sending 100 KB requests to a standard queue, batches of 10 filled within a 1 s window, 512 MB x 100 ms arm64: the same lines', () => {
    const result = runScenario(
      parseScenario(
        scenario(`  type: sqs
  queue: { type: standard }
  eventSource: { batchSize: 10, batchWindow: 1s }
  consumer: { memory: 512MB, architecture: arm64, duration: { constant: 100ms }, timeout: 10s }`),
        'agree-sqs.yaml',
      ),
    );
    const simulated = costOfRun(result, prices);
    const closed = estimateMonthlyCost(workloadUsage(workload({ queue: { type: 'standard', batchSize: 10, batchWindowMs: 1000 } }), 'rest').usage, prices, { freeTier: false, basis: 'closed form' });
    // 1,500 messages measured; at the end at most one batch per poller (5 pollers x 10 messages) is unfinished,
    // and a few empty polls at most (5): (50 + 5) / 1,500 = 3.7 %
    const messages = result.summary.requests.offered;
    expect(messages).toBeGreaterThan(1400);
    expectSameBill(simulated, closed, (5 * 10 + 5) / messages);
    // the closed form's SQS requests by hand: per message 2 chunks to send, 2 to receive, a tenth of a delete (batches of 10)
    expect(closed.lines.find((l) => l.service === 'Amazon SQS')!.quantity).toBeCloseTo(MONTH * (2 + 2 + 0.1), -2);
  });
});

describe('price --queue agrees with run without a batching window', () => {
  it('the same workload with batches of up to 10 and no window: a poller takes each message as it comes, so each is a receive, a delete and an invocation', () => {
    const result = runScenario(
      parseScenario(
        scenario(`  type: sqs
  queue: { type: standard }
  eventSource: { batchSize: 10 }
  consumer: { memory: 512MB, architecture: arm64, duration: { constant: 100ms }, timeout: 10s }`),
        'agree-sqs-nowindow.yaml',
      ),
    );
    const closed = estimateMonthlyCost(workloadUsage(workload({ queue: { type: 'standard', batchSize: 10, batchWindowMs: 0 } }), 'rest').usage, prices, { freeTier: false, basis: 'closed form' });
    // at the end at most one message per poller is in flight (5), and a few empty polls (5): 10 / 1,500
    expectSameBill(costOfRun(result, prices), closed, 10 / result.summary.requests.offered);
    expect(closed.lines.find((l) => l.service === 'Amazon SQS')!.quantity).toBeCloseTo(MONTH * (2 + 2 + 1), -2);
  });
});

describe('price --queue --per-message agrees with run', () => {
  it("the consumer's duration per batch plus 8 ms a message (batches of 10 in a 1 s window): 180 ms an invocation on both bills", () => {
    const result = runScenario(
      parseScenario(
        scenario(`  type: sqs
  queue: { type: standard }
  eventSource: { batchSize: 10, batchWindow: 1s }
  consumer: { memory: 512MB, architecture: arm64, duration: { constant: 100ms }, durationPerMessage: { constant: 8ms }, timeout: 10s }`),
        'agree-sqs-per-message.yaml',
      ),
    );
    const closed = estimateMonthlyCost(workloadUsage(workload({ queue: { type: 'standard', batchSize: 10, batchWindowMs: 1000, perMessageMs: 8 } }), 'rest').usage, prices, { freeTier: false, basis: 'closed form' });
    // the same edges as without per-message work: (5 pollers x 10 messages + 5 empty polls) / 1,500
    expectSameBill(costOfRun(result, prices), closed, (5 * 10 + 5) / result.summary.requests.offered);
    // by hand: 4M invocations (batches of 10) x (100 + 10 x 8) ms x 0.5 GB
    expect(closed.lines.find((l) => l.service === 'Lambda' && /duration/.test(l.item))!.quantity).toBeCloseTo((MONTH / 10) * 0.18 * 0.5, -2);
  });
});

describe('price --topic agrees with run', () => {
  it('a REST API publishing 100 KB to two Lambda subscriptions and an HTTP one: publishes and deliveries exactly, the functions within their cold starts', () => {
    const fn = '{ memory: 512MB, architecture: arm64, duration: { constant: 100ms } }';
    const result = runScenario(
      parseScenario(
        scenario(`  type: sns
  subscriptions:
    - { name: lambda-1, protocol: lambda, function: ${fn} }
    - { name: lambda-2, protocol: lambda, function: ${fn} }
    - { name: http-1, protocol: http, servers: 10, service: 10ms }`),
        'agree-sns.yaml',
      ),
    );
    const simulated = costOfRun(result, prices);
    const closed = estimateMonthlyCost(workloadUsage(workload({ topic: { lambda: 2, sqs: 0, http: 1, batchSize: 10, batchWindowMs: 0 } }), 'rest').usage, prices, { freeTier: false, basis: 'closed form' });
    // SNS: every message published once (2 chunks) and delivered once to each subscription, as in the closed form
    const sns = (e: CostEstimate) => e.lines.filter((l) => l.service === 'Amazon SNS').map((l) => [l.item, Math.round(l.quantity)]);
    expect(sns(simulated)).toEqual(sns(closed));
    // the deliveries still in flight when the run stops (delivery latency, p99 100 ms: 50/s x 0.1 s = 5 a subscription)
    // are the only difference on the Lambda lines: 10 / 1,500
    expectSameBill(simulated, closed, 10 / result.summary.requests.offered);
  });
});
