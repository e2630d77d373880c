/**
 * The SDK entry (api.type: sqs or sns) honours the component contract in
 * front of a fake queue, built as a scenario builds it (the entry factory),
 * and does what the SDK sees: the service's causes mapped by the entry
 * point's profile (a FIFO queue's ThrottlingException is 429, an oversized
 * message 400), the whole call as the producer's `overhead` stage, and the
 * Publish quota's 429 for an SNS topic.
 */
import { describe, expect, it } from 'vitest';
import type { EventCallback } from '../../../src/engine/simulator.js';
import { newAttempt } from '../../../src/model/attempt-lifecycle.js';
import type { Attempt, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../../../src/model/component.js';
import type { SdkEntry } from '../../../src/model/sdk/sdk-entry.js';
import { ENTRY_FACTORIES } from '../../../src/scenario/build-entry.js';
import { parseScenario } from '../../../src/scenario/loader.js';
import { componentContract, driven, newRequest, startComponent } from '../../contract/component-contract.js';

const QUEUE = `
name: q
duration: 1m
load: { rate: 100/s }
api: { type: sqs }
integration: { type: sqs, queue: { type: fifo }, consumer: { duration: 10ms } }
`;
const TOPIC = (throttle: string) => `
name: t
duration: 1m
load: { rate: 100/s }
api: { type: sns${throttle} }
integration: { type: sns, subscriptions: [{ name: a, protocol: lambda, function: { duration: 10ms } }] }
`;

/** A fake service answering each call after `callMs`: by request id, 1 in 3 a FIFO throttle, 1 in 5 (of the rest) too large. */
function rig(yaml: string, callMs = 8) {
  const scenario = parseScenario(yaml, 'inline.yaml');
  let ctx!: ComponentContext;
  const calls = { received: 0 };
  const answer: EventCallback<{ attempt: Attempt; replyTo: ReplyTarget; status: number; cause: ReplyCause }> = (r) => r.replyTo.onReply(r.attempt, r.status, r.cause);
  const service: Hop = {
    receive(attempt, replyTo) {
      calls.received++;
      const id = attempt.request.id;
      const [status, cause]: [number, ReplyCause] = id % 3 === 0 ? [500, 'queue-throttle'] : id % 5 === 0 ? [400, 'payload-too-large'] : [200, 'ok'];
      ctx.sim.schedule(callMs, answer, { attempt, replyTo, status, cause });
    },
  };
  const upstream: ReplyTarget = { onReply: () => undefined };
  const entry = ENTRY_FACTORIES.async(scenario, { integration: service, upstream, authorizer: null, network: false }).component as SdkEntry;
  return { entry, calls, component: driven(entry, (c) => (ctx = c), (attempt, replyTo) => entry.receive(attempt, replyTo)) };
}

describe('SdkEntry contract', () => {
  componentContract('an SDK entry in front of a queue that throttles and refuses a share', { create: () => rig(QUEUE).component, attempts: 1_000, meanGapMs: 5 });
  componentContract('an SDK entry with a Publish quota', { create: () => rig(TOPIC(', throttle: { account: { rate: 100/s, burst: 10 } }')).component, attempts: 1_000, meanGapMs: 5 });
});

/** `n` calls 2 ms apart; what the producer heard, by status, and each call's overhead stage. */
function call(yaml: string, n: number) {
  const r = rig(yaml);
  const { sim } = startComponent(r.component, 3);
  const heard = new Map<number, number>();
  const overheads: number[] = [];
  const producer: ReplyTarget = {
    onReply(attempt: Attempt, status: number) {
      heard.set(status, (heard.get(status) ?? 0) + 1);
      overheads.push(attempt.overheadMs);
    },
  };
  const send: EventCallback<number> = (id) => r.component.receive(newAttempt(newRequest(id, sim.now), 1, sim.now), producer);
  for (let id = 0; id < n; id++) sim.scheduleAt(id * 2, send, id);
  sim.run({ untilMs: 60_000 });
  return { heard, overheads, usage: r.entry.usage(), received: r.calls.received };
}

describe('what the SDK sees', () => {
  it("maps a FIFO queue's throttle to 429 (the SDK retries it) and a message too large to 400; the rest is the queue's 200", () => {
    const { heard, received } = call(QUEUE, 300);
    // ids 0..299: 100 are multiples of 3; of the other 200, 40 are multiples of 5 (15, 45... excluded as multiples of 3)
    expect(heard.get(429)).toBe(100);
    expect(heard.get(400)).toBe(40);
    expect(heard.get(200)).toBe(160);
    expect(received).toBe(300);
  });

  it("the producer's overhead stage is the whole call: the service's 8 ms", () => {
    const { overheads } = call(QUEUE, 50);
    expect(new Set(overheads)).toEqual(new Set([8]));
  });

  it('an SNS topic: calls above the Publish quota are 429 and never reach the topic', () => {
    // 500 calls a second (2 ms apart) against 100/s with a burst of 10: over 1 s, 10 + about 100 pass
    const { heard, received, usage } = call(TOPIC(', throttle: { account: { rate: 100/s, burst: 10 } }'), 500);
    expect(usage.throttled).toBe(heard.get(429));
    expect(received + usage.throttled).toBe(500);
    expect(received).toBeGreaterThanOrEqual(105);
    expect(received).toBeLessThanOrEqual(112);
  });

  it("an SNS topic's default quota (30,000 Publish calls a second in us-east-1) throttles none of these", () => {
    const { usage, received } = call(TOPIC(''), 500);
    expect(usage.throttled).toBe(0);
    expect(received).toBe(500);
  });
});
