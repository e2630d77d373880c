/**
 * EventBridge feeding an SQS queue (api.type: eventbridge, integration.type:
 * sqs): the bus, built as a scenario builds it, in front of a fake queue
 * that refuses a share of SendMessage calls. Its conservation (every
 * accepted event ends once: delivered, dead-lettered, expired or still
 * waiting), and EventBridge's retry policy as AWS documents it: a throttle
 * is retried with a doubling, randomized wait, up to the policy's attempts
 * and within its maximum age; a 400 is not retried.
 */
import { describe, expect, it } from 'vitest';
import type { EventCallback } from '../../../src/engine/simulator.js';
import { newAttempt } from '../../../src/model/attempt-lifecycle.js';
import type { Attempt, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../../../src/model/component.js';
import type { EventBus } from '../../../src/model/events/event-bus.js';
import { ENTRY_FACTORIES } from '../../../src/scenario/build-entry.js';
import { parseScenario } from '../../../src/scenario/loader.js';
import { componentContract, driven, newRequest, startComponent } from '../../contract/component-contract.js';

type Answer = (requestId: number, tries: number) => [number, ReplyCause];

function rig(delivery: string, answerOf: Answer) {
  const scenario = parseScenario(
    `
name: bus
duration: 10m
load: { rate: 200/s }
api: { type: eventbridge, delivery: { latency: { constant: 10ms }${delivery} } }
integration: { type: sqs, queue: { type: standard }, consumer: { duration: 10ms } }
`,
    'inline.yaml',
  );
  let ctx!: ComponentContext;
  const tries = new Map<number, number[]>();
  const answer: EventCallback<{ attempt: Attempt; replyTo: ReplyTarget; status: number; cause: ReplyCause }> = (r) => r.replyTo.onReply(r.attempt, r.status, r.cause);
  const queue: Hop = {
    receive(attempt, replyTo) {
      const id = attempt.request.id;
      const times = tries.get(id) ?? [];
      times.push(ctx.sim.now);
      tries.set(id, times);
      const [status, cause] = answerOf(id, times.length);
      ctx.sim.schedule(8, answer, { attempt, replyTo, status, cause });
    },
  };
  const nobody: ReplyTarget = { onReply: () => undefined };
  const bus = ENTRY_FACTORIES.async(scenario, { integration: queue, upstream: nobody, authorizer: null, network: false }).component as EventBus;
  return { bus, tries, component: driven(bus, (c) => (ctx = c), (attempt, replyTo) => bus.receive(attempt, replyTo)) };
}

const THROTTLE: [number, ReplyCause] = [500, 'queue-throttle'];
const OK: [number, ReplyCause] = [200, 'ok'];
/** A third of the events are throttled on their first two tries, a tenth (of the rest) are too large for the queue. */
const MIXED: Answer = (id, n) => (id % 3 === 0 && n <= 2 ? THROTTLE : id % 10 === 1 ? [400, 'payload-too-large'] : OK);

describe('EventBus with a queue target: contract', () => {
  componentContract('a bus whose queue throttles and refuses a share', { create: () => rig('', MIXED).component, attempts: 1_000, meanGapMs: 5 });
});

function publish(delivery: string, answerOf: Answer, events: number, stopAtMs: number) {
  const r = rig(delivery, answerOf);
  const { sim } = startComponent(r.component, 11);
  const producer: ReplyTarget = { onReply: () => undefined };
  const put: EventCallback<number> = (id) => r.component.receive(newAttempt(newRequest(id, sim.now), 1, sim.now), producer);
  for (let id = 0; id < events; id++) sim.scheduleAt(id * 5, put, id);
  sim.run({ untilMs: stopAtMs });
  r.bus.runEnded(sim.now);
  return { usage: r.bus.usage(), tries: r.tries };
}

describe('EventBus with a queue target: EventBridge retry policy', () => {
  it.each([
    ['1 s in', 1_000],
    ['after a day', 24 * 3_600_000],
  ])('stopped %s, every accepted event ends once, as the queue saw it', (_when, stopAtMs) => {
    const { usage: u, tries } = publish('', MIXED, 300, stopAtMs);
    expect(u.delivered + u.deadLettered + u.expired + u.undelivered).toBe(u.published);
    const sent = [...tries.values()].reduce((n, t) => n + t.length, 0);
    expect(u.deliveries).toBe(sent);
    // every try the queue answered is delivered, throttled or failed; the rest were still with the queue
    const answered = u.delivered + u.throttledTries + u.failedTries;
    expect(answered).toBeLessThanOrEqual(sent);
    expect(sent - answered).toBeLessThanOrEqual(u.undelivered);
    if (stopAtMs > 60_000) expect(answered).toBe(sent);
  });

  it('drained, the throttled events get in on their third try, the oversized ones are dead-lettered after one, never retried', () => {
    const { usage: u, tries } = publish('', MIXED, 300, 24 * 3_600_000);
    const throttled = [...tries.keys()].filter((id) => id % 3 === 0).length;
    // too large whenever they get through the throttle (ids 21, 51... on their third try)
    const oversized = [...tries.keys()].filter((id) => id % 10 === 1).length;
    expect(throttled).toBe(100);
    expect(oversized).toBe(30);
    expect(u.throttledTries).toBe(2 * throttled);
    expect(u.failedTries).toBe(oversized);
    expect(u.deadLettered).toBe(oversized);
    expect(u.delivered).toBe(300 - oversized);
    for (const [id, times] of tries) expect(times.length, `event ${id}`).toBe(id % 3 === 0 ? 3 : 1);
  });

  it('waits between tries double from 1 s, each drawn between half and all of it', () => {
    const { tries } = publish(', retryPolicy: { attempts: 5 }', () => THROTTLE, 50, 24 * 3_600_000);
    for (const times of tries.values()) {
      expect(times.length).toBe(6); // the first try and 5 retries
      // the gap between tries is the wait plus the 8 ms the queue took to answer
      times.slice(1).forEach((t, i) => {
        const waitMs = t - times[i] - 8;
        expect(waitMs).toBeGreaterThanOrEqual(0.5 * 1000 * 2 ** i);
        expect(waitMs).toBeLessThanOrEqual(1000 * 2 ** i);
      });
    }
  });

  it('out of attempts: dead-lettered; past the maximum age first: expired', () => {
    const out = publish(', retryPolicy: { attempts: 2 }', () => THROTTLE, 100, 24 * 3_600_000).usage;
    expect(out.deadLettered).toBe(100);
    expect(out.throttledTries).toBe(300);
    // 185 attempts, but a minute of age: waits of 1, 2, 4 ... 32 s pass 60 s by the sixth or seventh retry
    const old = publish(', retryPolicy: { maxEventAge: 60s }', () => THROTTLE, 100, 24 * 3_600_000);
    expect(old.usage.expired).toBe(100);
    for (const times of old.tries.values()) expect(times[times.length - 1] - times[0]).toBeLessThanOrEqual(60_000);
  });
});
