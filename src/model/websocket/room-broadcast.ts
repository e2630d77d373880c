/**
 * Server push to a room on a WebSocket API (docs/model.md: WebSocket
 * broadcast). It sits between the front door and the integration: a
 * message the integration handled (2xx) is then posted to every member of
 * the sender's room, one `PostToConnection` call of the @connections
 * management API per member, as a chat back end does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html).
 *
 * - Billing: each delivery is a message sent to a client, metered in 32 KB
 *   steps like any WebSocket message (https://aws.amazon.com/api-gateway/pricing/).
 * - Limits: the @connections API is a "WebSocket callback API", which
 *   shares the account's throttle quota per Region with the APIs
 *   themselves: 10,000 requests a second, a bucket of 5,000
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 *   The posts take their tokens from the front door's own account bucket,
 *   the one every message passes on its way in: a busy room's posts can
 *   leave none for the messages that follow, which the front door then
 *   throttles (429, `429 account`).
 * - A throttled post is answered 429 (LimitExceededException). ASSUMPTION:
 *   the handler does not catch it, so the sender's message fails as the
 *   function or service failing would (502 behind a Lambda, 500 behind a
 *   service); members whose posts went through got the message, and a
 *   retry by the sender posts to the whole room again.
 * - Time: the posts are made at once, after the handler's own work; the
 *   sender's answer waits for them (one draw of `postLatency` for the
 *   batch). ASSUMPTION: AWS publishes no latency for PostToConnection, and
 *   the function's billed duration does not include this wait.
 * Left out: members that left the room (a post to a gone connection is
 * answered 410 GoneException); rooms are always full.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import { holdAttempt, releaseAttempt } from '../attempt-lifecycle.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';
import type { Distribution } from '../shared/distribution.js';
import type { TokenBucket } from '../shared/token-bucket.js';

export interface RoomBroadcastOptions {
  /** Connections each handled message is posted to. */
  readonly roomSize: number;
  /** Size of each post (null: the sender's message, relayed as it came). */
  readonly messageBytes: number | null;
  /** The batch of posts, made at once. */
  readonly postLatency: Distribution;
  /** The account's throttle quota in the Region: the front door's account bucket, which the callbacks share. */
  readonly accountBucket: TokenBucket;
  /** A message is billed in steps of this many bytes. */
  readonly meteringBytes: number;
  /** What the sender sees when a post was throttled: the integration failing. */
  readonly failure: { readonly status: number; readonly cause: ReplyCause };
}

/** The room deliveries of the window's messages: posts made, posts throttled, messages billed (32 KB steps). */
export type BroadcastUsage = {
  readonly posts: number;
  readonly delivered: number;
  readonly throttled: number;
  readonly billedMessages: number;
};

interface Pending {
  attempt: Attempt;
  status: number;
  cause: ReplyCause;
}

export class RoomBroadcast implements Component<BroadcastUsage>, Hop, ReplyTarget {
  readonly kind = 'connections' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  /** The front door: the one caller. */
  private upstream: ReplyTarget | null = null;
  private readonly counters = { posts: 0, delivered: 0, throttled: 0, billedMessages: 0 };
  private readonly onPosted: EventCallback<Pending>;

  constructor(
    readonly id: string,
    private readonly options: RoomBroadcastOptions,
    private readonly integration: Hop,
  ) {
    this.onPosted = (p) => this.answer(p);
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.latency`);
    // the event exists from the start (records.eventNames), so a lesson's "none throttled" is checked, not read from an absent 0
    ctx.metrics.counterId(`${this.id}.throttled`);
  }

  usage(): BroadcastUsage {
    return { ...this.counters };
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    this.upstream = replyTo;
    this.integration.receive(attempt, this);
  }

  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    if (status < 200 || status >= 300) {
      (this.upstream as ReplyTarget).onReply(attempt, status, cause);
      return;
    }
    const throttled = this.post(attempt);
    const failure = this.options.failure;
    const pending: Pending = throttled > 0 ? { attempt, status: failure.status, cause: failure.cause } : { attempt, status, cause };
    holdAttempt(attempt); // kept until its answer goes up, after the posts
    this.ctx.sim.schedule(this.options.postLatency.sample(this.stream), this.onPosted, pending);
  }

  /** One PostToConnection per member; returns how many were throttled. */
  private post(attempt: Attempt): number {
    const nowMs = this.ctx.sim.now;
    const { roomSize, messageBytes, meteringBytes } = this.options;
    let delivered = 0;
    const bucket = this.options.accountBucket;
    for (let i = 0; i < roomSize; i++) if (bucket.tryTake(nowMs)) delivered++;
    const throttled = roomSize - delivered;
    const units = Math.max(1, Math.ceil((messageBytes ?? attempt.requestBytes) / meteringBytes));
    const counted = attempt.counted;
    if (counted) {
      this.counters.posts += roomSize;
      this.counters.delivered += delivered;
      this.counters.throttled += throttled;
      this.counters.billedMessages += delivered * units;
    }
    this.ctx.metrics.count(`${this.id}.delivered`, nowMs, counted, delivered);
    if (throttled > 0) this.ctx.metrics.count(`${this.id}.throttled`, nowMs, counted, throttled);
    return throttled;
  }

  private answer(p: Pending): void {
    (this.upstream as ReplyTarget).onReply(p.attempt, p.status, p.cause);
    releaseAttempt(p.attempt);
  }
}
