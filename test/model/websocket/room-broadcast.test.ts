/**
 * A room broadcast honours the component contract, posts each handled
 * message once per member, bills each post in 32 KB steps, and shares the
 * account's throttle quota: a throttled post fails the sender's message
 * (the counts below are worked by hand from the token bucket).
 */
import { describe, expect, it } from 'vitest';
import type { EventCallback } from '../../../src/engine/simulator.js';
import { newAttempt } from '../../../src/model/attempt-lifecycle.js';
import type { Attempt, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../../../src/model/component.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { TokenBucket } from '../../../src/model/shared/token-bucket.js';
import { RoomBroadcast, type RoomBroadcastOptions } from '../../../src/model/websocket/room-broadcast.js';
import { componentContract, driven, newRequest, startComponent } from '../../contract/component-contract.js';

const KB = 1024;
const options = (o: Partial<RoomBroadcastOptions> = {}): RoomBroadcastOptions => ({
  roomSize: 5,
  messageBytes: null,
  postLatency: createDistribution({ kind: 'constant', value: 0 }),
  accountBucket: new TokenBucket(10_000, 5_000),
  meteringBytes: 32 * KB,
  failure: { status: 502, cause: 'lambda-error' },
  ...o,
});

/** An integration that answers `status` after `delayMs` (a 500 to every tenth attempt when `flaky`). */
function integration(getCtx: () => ComponentContext, delayMs: number, flaky = false): Hop {
  let n = 0;
  return {
    receive(attempt: Attempt, back: ReplyTarget) {
      const status = flaky && n++ % 10 === 9 ? 500 : 200;
      const answer: EventCallback<Attempt> = (a) => back.onReply(a, status, status === 200 ? 'ok' : 'backend-error');
      getCtx().sim.schedule(delayMs, answer, attempt);
    },
  };
}

/** `bucket` makes each run's own account bucket (the contract runs a subject twice and compares). */
function subject(o: Partial<RoomBroadcastOptions>, bucket = () => new TokenBucket(10_000, 5_000)) {
  return () => {
    let ctx!: ComponentContext;
    const broadcast = new RoomBroadcast('broadcast', options({ postLatency: createDistribution({ kind: 'percentiles', p50: 8, p99: 40 }), ...o, accountBucket: bucket() }), integration(() => ctx, 10, true));
    return driven(broadcast, (c) => (ctx = c), (attempt, replyTo) => broadcast.receive(attempt, replyTo));
  };
}

describe('RoomBroadcast contract', () => {
  componentContract('a room of 20 under its quota', { create: subject({ roomSize: 20 }), attempts: 1_000, meanGapMs: 10 });
  componentContract('a room of 200 over its quota', { create: subject({ roomSize: 200 }, () => new TokenBucket(1_000, 500)), attempts: 1_000, meanGapMs: 5 });
});

/**
 * Sends `count` messages of `bytes`, `gapMs` apart, to a broadcast in front of an instant integration,
 * each first taking a token from the account bucket as the front door's account check does (when it
 * has one); returns the replies and the usage.
 */
function send(o: Partial<RoomBroadcastOptions>, count: number, gapMs: number, bytes = 2 * KB) {
  let ctx!: ComponentContext;
  const opts = options(o);
  const broadcast = new RoomBroadcast('broadcast', opts, integration(() => ctx, 0));
  const { sim } = startComponent({ id: 'probe', kind: 'load', start: (c: ComponentContext) => (ctx = c), usage: () => ({}) }, 1);
  broadcast.start(ctx);
  const replies: Array<[number, number, ReplyCause]> = [];
  const replyTo: ReplyTarget = { onReply: (a, status, cause) => replies.push([a.request.id, status, cause]) };
  for (let i = 0; i < count; i++) {
    const request = Object.assign(newRequest(i, i * gapMs), { requestBytes: bytes });
    sim.scheduleAt(
      i * gapMs,
      () => {
        opts.accountBucket.tryTake(sim.now); // the front door's account level: the message is a request on the quota
        broadcast.receive(newAttempt(request, 1, sim.now), replyTo);
      },
      null,
    );
  }
  sim.run({ untilMs: count * gapMs + 1_000 });
  return { replies, usage: broadcast.usage() };
}

describe('RoomBroadcast posts', () => {
  it('posts each message to every member and bills each post in 32 KB steps (a 40 KB post is 2 messages)', () => {
    const { replies, usage } = send({ roomSize: 7 }, 100, 1_000, 40 * KB);
    expect(usage).toEqual({ posts: 700, delivered: 700, throttled: 0, billedMessages: 1_400 });
    expect(replies.every(([, status]) => status === 200)).toBe(true);
  });

  it('a given post size replaces the sender message size; a 1-byte post is still a whole message', () => {
    expect(send({ roomSize: 3, messageBytes: 1 }, 10, 1_000, 100 * KB).usage.billedMessages).toBe(30);
    expect(send({ roomSize: 3, messageBytes: 64 * KB + 1 }, 10, 1_000).usage.billedMessages).toBe(90);
  });

  it('a failed message is passed up as it came and posts nothing', () => {
    let ctx!: ComponentContext;
    const failing: Hop = { receive: (a, back) => ctx.sim.schedule(5, (x: Attempt) => back.onReply(x, 500, 'backend-error'), a) };
    const broadcast = new RoomBroadcast('broadcast', options(), failing);
    const { sim } = startComponent({ id: 'probe', kind: 'load', start: (c: ComponentContext) => (ctx = c), usage: () => ({}) }, 1);
    broadcast.start(ctx);
    const seen: Array<[number, ReplyCause]> = [];
    broadcast.receive(newAttempt(newRequest(0, 0), 1, 0), { onReply: (_, status, cause) => seen.push([status, cause]) });
    sim.run({ untilMs: 1_000 });
    expect(seen).toEqual([[500, 'backend-error']]);
    expect(broadcast.usage().posts).toBe(0);
  });

  it('shares the account bucket with the messages: throttled posts fail the sender (worked by hand)', () => {
    // bucket 100/s, burst 50; a message every 100 ms to a room of 30:
    // t=0: 50 tokens, the message takes 1, 30 posts go (19 left): 200
    // t=100: 19 + 10 = 29, the message takes 1, 28 posts go, 2 throttled: 502
    // then each 100 ms brings 10 tokens: the message takes 1, 9 posts go, 21 throttled
    const { replies, usage } = send({ roomSize: 30, accountBucket: new TokenBucket(100, 50) }, 10, 100);
    expect(usage.delivered).toBe(30 + 28 + 8 * 9);
    expect(usage.throttled).toBe(300 - usage.delivered);
    expect(usage.billedMessages).toBe(usage.delivered); // a throttled post is not billed
    expect(replies[0]).toEqual([0, 200, 'ok']);
    expect(replies.slice(1).every(([, status, cause]) => status === 502 && cause === 'lambda-error')).toBe(true);
  });
});
