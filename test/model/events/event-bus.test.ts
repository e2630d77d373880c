/**
 * The event bus honours the component contract as the producer sees it
 * (PutEvents answered once per call, never into the past, the same way for
 * the same seed, usage >= 0), built as a scenario builds it (the entry
 * factory's buildEventBus) in front of a fake consumer: one that answers 200
 * after a delay, and ones that fail or throttle a share of deliveries, so
 * retries, the throttle back-off, the dead-letter queue and expiry all run.
 * And its own conservation: every accepted event's delivery to each target
 * ends exactly once, whenever the run stops:
 * published x targets = delivered + dead-lettered + expired + undelivered,
 * each figure matching what the producer and the consumer saw.
 */
import { describe, expect, it } from 'vitest';
import type { EventCallback } from '../../../src/engine/simulator.js';
import { newAttempt } from '../../../src/model/attempt-lifecycle.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../../../src/model/component.js';
import type { EventBus, EventBusUsage } from '../../../src/model/events/event-bus.js';
import { ENTRY_FACTORIES } from '../../../src/scenario/build-entry.js';
import { parseScenario } from '../../../src/scenario/loader.js';
import { componentContract, driven, newRequest, startComponent } from '../../contract/component-contract.js';

/** How the consumer (the integration function) answers a delivery: shares of failures and throttles (the rest succeed), and its mean run time. */
interface ConsumerMix {
  error: number;
  throttled: number;
  meanMs: number;
}

/** What the consumer did: deliveries it received, and how it answered them. */
interface ConsumerTally {
  received: number;
  ok: number;
  failed: number;
  throttled: number;
}

const NOBODY: ReplyTarget = {
  onReply() {
    throw new Error('the bus answers whoever called PutEvents, not the entry wiring');
  },
};

/** A bus built from this `api:` (type eventbridge) in front of a consumer answering with `mix`. */
function rig(api: string, mix: ConsumerMix) {
  const scenario = parseScenario(
    `
name: bus
duration: 10m
load: { rate: 200/s }
api: { type: eventbridge, ${api} }
integration: { type: lambda, duration: 10ms }
`,
    'inline.yaml',
  );
  const tally: ConsumerTally = { received: 0, ok: 0, failed: 0, throttled: 0 };
  let ctx!: ComponentContext;
  const answer: EventCallback<{ attempt: Attempt; replyTo: ReplyTarget; status: number; cause: ReplyCause }> = (r) => {
    if (r.status === 200) tally.ok++;
    else if (r.cause === 'lambda-throttle') tally.throttled++;
    else tally.failed++;
    r.replyTo.onReply(r.attempt, r.status, r.cause);
  };
  const consumer: Hop = {
    receive(attempt: Attempt, replyTo: ReplyTarget) {
      tally.received++;
      const stream = ctx.streams.get('consumer');
      const u = stream.next();
      const runMs = -mix.meanMs * Math.log1p(-stream.next());
      const [status, cause]: [number, ReplyCause] = u < mix.error ? [502, 'lambda-error'] : u < mix.error + mix.throttled ? [429, 'lambda-throttle'] : [200, 'ok'];
      // a throttled invocation is refused at once; the others run first
      ctx.sim.schedule(cause === 'lambda-throttle' ? 0 : runMs, answer, { attempt, replyTo, status, cause });
    },
  };
  const bus = ENTRY_FACTORIES.async(scenario, { integration: consumer, upstream: NOBODY, authorizer: null, network: false }).component as EventBus;
  const component: Component<EventBusUsage> & Hop = driven(bus, (c) => (ctx = c), (attempt, replyTo) => bus.receive(attempt, replyTo));
  return { bus, component, tally, targets: scenario.api.delivery?.targets ?? 1 };
}

const ANSWERS: ConsumerMix = { error: 0, throttled: 0, meanMs: 30 };
/** Out of retries: dead-lettered (one retry, events may wait 6 h). */
const DEAD_LETTERS = { api: 'delivery: { targets: 2, retries: 1, maxEventAge: 6h }', mix: { error: 0.3, throttled: 0, meanMs: 30 } };
/** The second retry would come 3 minutes after publication, past a 2-minute maximum age: expired. */
const EXPIRES = { api: 'delivery: { targets: 3, retries: 2, maxEventAge: 2m }', mix: { error: 0.5, throttled: 0, meanMs: 30 } };
/** Throttled deliveries back off; PutEvents itself throttles (150/s for 200/s offered). */
const THROTTLED = { api: 'throttle: { account: { rate: 150/s, burst: 20 } }, delivery: { targets: 2, retries: 2 }', mix: { error: 0.1, throttled: 0.3, meanMs: 30 } };

describe('EventBus contract', () => {
  componentContract('a bus whose consumer answers 200', { create: () => rig('', ANSWERS).component, attempts: 1_000, meanGapMs: 5 });
  componentContract('a bus whose consumer fails a share (retries, dead letters)', { create: () => rig(DEAD_LETTERS.api, DEAD_LETTERS.mix).component, attempts: 1_000, meanGapMs: 5 });
  componentContract('a bus whose events expire', { create: () => rig(EXPIRES.api, EXPIRES.mix).component, attempts: 1_000, meanGapMs: 5 });
  componentContract('a throttled bus with a throttled consumer', { create: () => rig(THROTTLED.api, THROTTLED.mix).component, attempts: 1_000, meanGapMs: 5 });
});

/** `events` PutEvents calls 5 ms apart, the run stopped at `stopAtMs` and told it ended. */
function publish(config: { api: string; mix: ConsumerMix }, events: number, stopAtMs: number, seed: number) {
  const r = rig(config.api, config.mix);
  const { sim } = startComponent(r.component, seed);
  const heard = { accepted: 0, refused: 0 };
  const producer: ReplyTarget = {
    onReply: (_attempt: Attempt, status: number) => void (status === 200 ? heard.accepted++ : heard.refused++),
  };
  const put: EventCallback<number> = (id) => r.component.receive(newAttempt(newRequest(id, sim.now), 1, sim.now), producer);
  for (let id = 0; id < events; id++) sim.scheduleAt(id * 5, put, id);
  sim.run({ untilMs: stopAtMs });
  r.bus.runEnded(sim.now);
  return { usage: r.bus.usage(), consumer: r.tally, heard, targets: r.targets, backlog: r.bus.gauges()['bus.backlog'] };
}

describe('EventBus conservation', () => {
  const configs = { 'dead letters': DEAD_LETTERS, expiry: EXPIRES, throttles: THROTTLED, 'a consumer that answers': { api: '', mix: ANSWERS } };
  const stops: Array<[string, number]> = [
    ['30 s in (first retries waiting)', 30_000],
    ['3 min in (second retries, expiries)', 180_000],
    ['after a day (drained)', 24 * 3_600_000],
  ];
  it.each(Object.entries(configs).flatMap(([name, config]) => stops.map(([when, stopAtMs]) => [name, when, config, stopAtMs] as const)))(
    '%s, stopped %s: each accepted event ends once per target, as the producer and consumer saw it',
    (_name, _when, config, stopAtMs) => {
      const { usage: u, consumer, heard, targets, backlog } = publish(config, 1_000, stopAtMs, 7);
      // every call was answered: accepted (published) or refused (throttled)
      expect(heard.accepted + heard.refused).toBe(1_000);
      expect(u.published).toBe(heard.accepted);
      expect(u.refused).toBe(heard.refused);
      // every delivery has one fate, and the ones still waiting hold the backlog
      expect(u.delivered + u.deadLettered + u.expired + u.undelivered).toBe(u.published * targets);
      expect(u.undelivered).toBe(backlog);
      // the bus's tries are the consumer's invocations, and their outcomes its answers
      expect(u.deliveries).toBe(consumer.received);
      expect(u.delivered).toBe(consumer.ok);
      expect(u.failedTries).toBe(consumer.failed);
      expect(u.throttledTries).toBe(consumer.throttled);
      // a delivery is dropped only after a failed or throttled try
      expect(u.deadLettered + u.expired).toBeLessThanOrEqual(u.failedTries + u.throttledTries);
    },
  );

  it('the configurations reach the fates they are for', () => {
    const day = 24 * 3_600_000;
    expect(publish(DEAD_LETTERS, 1_000, day, 7).usage.deadLettered).toBeGreaterThan(0);
    expect(publish(EXPIRES, 1_000, day, 7).usage.expired).toBeGreaterThan(0);
    const throttled = publish(THROTTLED, 1_000, day, 7).usage;
    expect(throttled.refused).toBeGreaterThan(0);
    expect(throttled.throttledTries).toBeGreaterThan(0);
    expect(publish(DEAD_LETTERS, 1_000, 30_000, 7).usage.undelivered).toBeGreaterThan(0);
    const answered = publish({ api: '', mix: ANSWERS }, 1_000, day, 7).usage;
    expect(answered.delivered).toBe(1_000);
  });
});
