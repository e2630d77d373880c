/**
 * An Amazon SQS queue (standard or FIFO) between a producer and a consumer
 * Lambda function: the integration behind API Gateway's AWS service
 * integration (`integration.type: sqs`), an EventBridge rule's target, or
 * the queue a producer's SDK sends to (`api.type: sqs`, ../sdk/sdk-entry.ts).
 * The front door calls SendMessage
 * and answers its client once the queue accepts the message; Lambda's event
 * source mapping (./event-source-mapping.ts) receives batches later and
 * invokes the consumer (`../lambda/`).
 *
 * SendMessage: its latency from a distribution; a message over 1 MiB is
 * refused (400, `payload-too-large`); a FIFO queue takes 300 calls a second
 * (a token bucket, burst one second: ASSUMPTION) and refuses the rest with
 * ThrottlingException (`queue-throttle`, 500 to the client: ASSUMPTION, the
 * integration response maps SQS's error to a server error). Billed per 64 KB
 * chunk (https://aws.amazon.com/sqs/pricing/), as are the pollers'
 * ReceiveMessage calls (at most 10 messages each; an empty long poll is one
 * request) and DeleteMessageBatch (10 messages a call).
 *
 * A received message is invisible for the visibility timeout. Deleted when
 * its batch succeeds in time; otherwise (a function error, a throttle the
 * pollers gave up on, or a batch that outlives the timeout) it becomes
 * visible again when the timeout ends, and a success that comes later
 * deletes nothing: the message is processed again (a duplicate). After
 * `maxReceiveCount` receives a message that comes back goes to the
 * dead-letter queue instead (redriven; ASSUMPTION: at the end of its last
 * visibility timeout, where SQS moves it at the next receive). A message
 * older than the retention period expires (found at a receive, or when the
 * levels are sampled). FIFO: ./message-store.ts.
 *
 * Conservation, checked when the run ends: every message sent for the
 * window's requests is processed, redriven, expired or still in the queue.
 * Figures: depth (visible, in flight) and the age of the oldest message as
 * gauges; from send to first successful processing as the delivery latency
 * (from the event's publication when an event bus sends the messages).
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { QueueType } from '../../catalog/queues.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, ReplyCause, ReplyTarget, RunEndListener } from '../component.js';
import type { FailureEffects, FailureTarget } from '../failure/failure-effects.js';
import type { Distribution } from '../shared/distribution.js';
import { TokenBucket } from '../shared/token-bucket.js';
import { EventSourceMapping, type Batch, type EventSourceOptions, type PolledQueue } from './event-source-mapping.js';
import { FifoStore, StandardStore, type MessageStore, type QueueMessage } from './message-store.js';

export interface SqsQueueOptions {
  type: QueueType;
  sendLatency: Distribution;
  /** SendMessage calls a second (Infinity: no limit). */
  sendsPerSecond: number;
  maxMessageBytes: number;
  /** Billing unit: a request counts as ceil(payload / chunkBytes) requests. */
  chunkBytes: number;
  /** Messages one ReceiveMessage (and one DeleteMessageBatch) handles. */
  messagesPerReceive: number;
  visibilityTimeoutMs: number;
  retentionMs: number;
  /** Receives before a returning message goes to the dead-letter queue (null: no redrive policy). */
  maxReceiveCount: number | null;
  /** FIFO message groups, each message in one drawn uniformly (1 for a standard queue). */
  groups: number;
  eventSource: EventSourceOptions;
}

/** What a queue did: its requests by kind (billed per 64 KB chunk) and its messages' fates. */
export type QueueUsage = {
  /** Messages accepted from the window's requests, and refused (FIFO throttle, too large). */
  readonly sent: number;
  readonly refused: number;
  /** Every billed request (64 KB chunks): sends, receives (empty ones included), deletes. */
  readonly billedRequests: number;
  readonly sendRequests: number;
  readonly receiveRequests: number;
  readonly emptyReceives: number;
  readonly deleteRequests: number;
  readonly processed: number;
  readonly redriven: number;
  readonly expired: number;
  /** Still visible or in flight when the run stopped. */
  readonly remaining: number;
  /** Messages processed again after a success that came too late to delete them. */
  readonly duplicates: number;
  readonly invocations: number;
  readonly throttledInvocations: number;
  readonly failedInvocations: number;
  /** The time-integral of the depth (visible + in flight) over the measured window, message-ms. */
  readonly depthMessageMs: number;
  /** Time in the queue (send to deletion, redrive or expiry) summed over the counted messages that left, and their number. */
  readonly sojournMs: number;
  readonly departed: number;
};

type Counters = { -readonly [K in keyof QueueUsage]: QueueUsage[K] };

export class SqsQueue implements Component<QueueUsage>, Hop, Gauged, FailureTarget, RunEndListener, PolledQueue {
  readonly kind = 'events' as const; // an asynchronous path, as an event bus (ComponentKind has no queue yet)
  private ctx!: ComponentContext;
  private sendStream!: RandomStream;
  private groupStream!: RandomStream;
  private readonly store: MessageStore;
  private readonly sendBucket: TokenBucket | null;
  readonly mapping: EventSourceMapping;
  private producer!: ReplyTarget;
  private seq = 0;
  private inFlight = 0;
  private inFlightPeak = 0;
  private visiblePeak = 0;
  private readonly batches = new Set<Batch>();
  private pendingCounted = 0;
  private depthChangedMs = 0;
  private readonly counters: Counters = { sent: 0, refused: 0, billedRequests: 0, sendRequests: 0, receiveRequests: 0, emptyReceives: 0, deleteRequests: 0, processed: 0, redriven: 0, expired: 0, remaining: 0, duplicates: 0, invocations: 0, throttledInvocations: 0, failedInvocations: 0, depthMessageMs: 0, sojournMs: 0, departed: 0 };
  private readonly onAccepted: EventCallback<Attempt>;
  private readonly onVisibilityEnd: EventCallback<Batch>;
  private readonly visibilityEvents = new Map<Batch, number>();
  private readonly answerAfterCall = new Map<ReplyCause, EventCallback<Attempt>>();
  private readonly onExpired = (m: QueueMessage) => this.depart(m, 'expired');
  /** Event counters by id (`queue.sent`, `queue.processed`): one per message, so looked up once. */
  private sentCounter = -1;
  /** Delivery delays count from the SendMessage attempt's start (an event bus's publication), not from the send. */
  private delayFromAttemptStart = false;
  private processedCounter = -1;

  constructor(
    readonly id: string,
    private readonly options: SqsQueueOptions,
    private readonly consumer: Hop & FailureTarget,
  ) {
    this.store = options.type === 'fifo' ? new FifoStore() : new StandardStore();
    this.sendBucket = Number.isFinite(options.sendsPerSecond) ? new TokenBucket(options.sendsPerSecond, options.sendsPerSecond) : null;
    this.mapping = new EventSourceMapping(`${id}.pollers`, options.eventSource, this, consumer);
    this.onAccepted = (attempt) => this.accepted(attempt);
    this.onVisibilityEnd = (batch) => this.visibilityEnded(batch);
  }

  /** An event bus sends the messages: each one's delivery delay counts from its SendMessage attempt's start, the event's publication. */
  countDelayFromAttemptStart(): void {
    this.delayFromAttemptStart = true;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.sendStream = ctx.streams.get(`${this.id}.send`);
    this.groupStream = ctx.streams.get(`${this.id}.groups`);
    this.sentCounter = ctx.metrics.counterId(`${this.id}.sent`);
    this.processedCounter = ctx.metrics.counterId(`${this.id}.processed`);
    // the ways a message can be lost exist from the start (records.eventNames), so a lesson's "none lost" is checked
    ctx.metrics.counterId(`${this.id}.expired`);
    if (this.options.maxReceiveCount !== null) ctx.metrics.counterId(`${this.id}.redriven`);
    this.mapping.start(ctx);
  }

  usage(): QueueUsage {
    return { ...this.counters, ...this.mapping.counters };
  }

  /** A failure window on the integration is one on the consumer function. */
  setFailure(effects: FailureEffects): void {
    this.consumer.setFailure(effects);
  }

  flushWarm(): void {
    this.consumer.flushWarm?.();
  }

  gauges(nowMs: number): Record<string, number> {
    this.sweepExpired(nowMs);
    const oldest = Math.min(this.store.oldestSentMs(), this.oldestInFlightMs());
    return {
      [`${this.id}.visible`]: this.store.visible,
      [`${this.id}.inFlight`]: this.inFlight,
      [`${this.id}.oldestAgeSeconds`]: Number.isFinite(oldest) ? (nowMs - oldest) / 1000 : 0,
      [`${this.id}.pollers`]: this.mapping.activePollers,
    };
  }

  peaks(nowMs: number): Record<string, number> {
    const now = this.gauges(nowMs);
    const peaks = { ...now, [`${this.id}.visible`]: Math.max(this.visiblePeak, this.store.visible), [`${this.id}.inFlight`]: Math.max(this.inFlightPeak, this.inFlight) };
    this.visiblePeak = this.store.visible;
    this.inFlightPeak = this.inFlight;
    return peaks;
  }

  /** Checks conservation and reports what is still queued. */
  runEnded(nowMs: number): void {
    this.noteDepth(nowMs);
    const c = this.counters;
    c.remaining = this.pendingCounted;
    if (c.remaining > 0) this.ctx.metrics.count(`${this.id}.remaining`, nowMs, true, c.remaining);
    const accounted = c.processed + c.redriven + c.expired + c.remaining;
    if (accounted !== c.sent) throw new Error(`queue ${this.id}: conservation law broken (a model bug): ${c.sent} messages sent, ${c.processed} processed + ${c.redriven} redriven + ${c.expired} expired + ${c.remaining} remaining`);
  }

  /** SendMessage from the front door. */
  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    this.producer = replyTo;
    const o = this.options;
    const callMs = o.sendLatency.sample(this.sendStream);
    if (attempt.requestBytes > o.maxMessageBytes) return this.refuse(attempt, callMs, 'payload-too-large', 400);
    if (this.sendBucket && !this.sendBucket.tryTake(this.ctx.sim.now)) return this.refuse(attempt, callMs, 'queue-throttle', 500);
    this.ctx.sim.schedule(callMs, this.onAccepted, attempt);
  }

  available(): boolean {
    return this.store.available();
  }

  receiveBatch(maxCount: number, maxBytes: number): Batch | null {
    const nowMs = this.ctx.sim.now;
    this.noteDepth(nowMs);
    const messages = this.store.take(maxCount, maxBytes, nowMs - this.options.retentionMs, this.onExpired);
    if (messages.length === 0) return null;
    const batch: Batch = { messages, receivedMs: nowMs, bytes: 0, live: true, counted: messages[0].counted };
    this.batches.add(batch);
    this.visibilityEvents.set(batch, this.ctx.sim.scheduleCancellable(this.options.visibilityTimeoutMs, this.onVisibilityEnd, batch));
    this.addToBatch(batch, messages);
    return batch;
  }

  topUp(batch: Batch, maxCount: number, maxBytes: number): void {
    const room = maxCount - batch.messages.length;
    if (room <= 0 || !batch.live) return;
    this.noteDepth(this.ctx.sim.now);
    const more = this.store.take(room, Math.max(1, maxBytes - batch.bytes), this.ctx.sim.now - this.options.retentionMs, this.onExpired);
    if (more.length === 0) return;
    batch.messages.push(...more);
    this.addToBatch(batch, more);
  }

  visibleAgainMs(batch: Batch): number {
    return batch.receivedMs + this.options.visibilityTimeoutMs;
  }

  /** The consumer succeeded: the batch is deleted if it is still invisible; else its messages were handed out again. */
  processed(batch: Batch, failed: readonly QueueMessage[] | null = null): void {
    if (failed !== null) return this.partlyProcessed(batch, failed);
    const nowMs = this.ctx.sim.now;
    for (const m of batch.messages) this.handled(m, nowMs);
    if (!batch.live) return; // the visibility timeout ended first: the delete finds a stale receipt handle
    this.noteDepth(nowMs);
    this.ctx.sim.cancel(this.visibilityEvents.get(batch) as number);
    this.visibilityEvents.delete(batch);
    this.endBatch(batch);
    if (batch.counted) {
      const deletes = Math.ceil(batch.messages.length / this.options.messagesPerReceive);
      this.counters.deleteRequests += deletes;
      this.counters.billedRequests += deletes;
    }
    for (const m of batch.messages) this.depart(m, 'processed');
    this.store.release(batch.messages);
    this.mapping.messagesVisible();
  }

  private handled(m: QueueMessage, nowMs: number): void {
    if (m.processed) {
      if (m.counted) this.counters.duplicates++;
      this.ctx.metrics.count(`${this.id}.duplicates`, nowMs, m.counted);
    } else {
      m.processed = true;
      this.ctx.metrics.eventDelivered(nowMs - m.originMs, m.counted);
    }
  }

  /** A partial batch response (./batch-work.ts): the others are deleted, the failed messages stay in flight until the visibility timeout ends, their FIFO groups held. */
  private partlyProcessed(batch: Batch, failed: readonly QueueMessage[]): void {
    const nowMs = this.ctx.sim.now;
    const back = new Set(failed);
    const done = batch.messages.filter((m) => !back.has(m));
    for (const m of done) this.handled(m, nowMs);
    if (!batch.live) return;
    this.noteDepth(nowMs);
    batch.messages.length = 0;
    batch.messages.push(...failed);
    this.inFlight -= done.length;
    if (batch.counted && done.length > 0) {
      const deletes = Math.ceil(done.length / this.options.messagesPerReceive);
      this.counters.deleteRequests += deletes;
      this.counters.billedRequests += deletes;
    }
    for (const m of done) this.depart(m, 'processed');
    const held = new Set(failed.map((m) => m.group));
    this.store.release(done.filter((m) => !held.has(m.group)));
    this.mapping.messagesVisible();
  }

  /** An empty long poll is work for no message: it counts by when it was made. */
  emptyReceive(startedMs: number): void {
    if (!this.inWindow(startedMs)) return;
    this.counters.emptyReceives++;
    this.counters.receiveRequests++;
    this.counters.billedRequests++;
  }

  private inWindow(nowMs: number): boolean {
    return this.ctx.window.includes(nowMs) && nowMs < this.options.eventSource.pollUntilMs;
  }

  private refuse(attempt: Attempt, delayMs: number, cause: ReplyCause, status: number): void {
    if (attempt.counted) this.counters.refused++;
    this.ctx.metrics.count(`${this.id}.refused`, this.ctx.sim.now, attempt.counted);
    this.answer(attempt, delayMs, cause, status);
  }

  private answer(attempt: Attempt, delayMs: number, cause: ReplyCause, status: number): void {
    let callback = this.answerAfterCall.get(cause);
    if (!callback) {
      callback = (a: Attempt) => this.producer.onReply(a, status, cause);
      this.answerAfterCall.set(cause, callback);
    }
    this.ctx.sim.schedule(delayMs, callback, attempt);
  }

  /** SendMessage succeeded: the message is in the queue, and the producer hears 200. */
  private accepted(attempt: Attempt): void {
    const nowMs = this.ctx.sim.now;
    const o = this.options;
    const counted = attempt.counted;
    const group = o.groups > 1 ? Math.min(o.groups - 1, Math.floor(this.groupStream.next() * o.groups)) : 0;
    const originMs = this.delayFromAttemptStart ? attempt.startMs : nowMs;
    const message: QueueMessage = { seq: this.seq++, sentMs: nowMs, originMs, counted, bytes: attempt.requestBytes, group, receiveCount: 0, processed: false };
    if (counted) {
      this.counters.sent++;
      this.counters.sendRequests++;
      this.counters.billedRequests += this.chunks(message.bytes);
      this.pendingCounted++;
    }
    this.ctx.metrics.countById(this.sentCounter, nowMs, counted);
    this.noteDepth(nowMs);
    this.store.add(message, false);
    if (this.store.visible > this.visiblePeak) this.visiblePeak = this.store.visible;
    this.producer.onReply(attempt, 200, 'ok');
    this.mapping.messagesVisible();
  }

  private addToBatch(batch: Batch, messages: readonly QueueMessage[]): void {
    let bytes = 0;
    for (const m of messages) {
      m.receiveCount++;
      bytes += m.bytes;
    }
    batch.bytes += bytes;
    this.inFlight += messages.length;
    if (this.inFlight > this.inFlightPeak) this.inFlightPeak = this.inFlight;
    if (!batch.counted) return;
    // one ReceiveMessage per 10 messages, each billed per 64 KB chunk of what it returned
    const per = this.options.messagesPerReceive;
    for (let i = 0; i < messages.length; i += per) {
      let callBytes = 0;
      for (let j = i; j < Math.min(messages.length, i + per); j++) callBytes += messages[j].bytes;
      this.counters.receiveRequests++;
      this.counters.billedRequests += this.chunks(callBytes);
    }
  }

  private chunks(bytes: number): number {
    return Math.max(1, Math.ceil(bytes / this.options.chunkBytes));
  }

  /** The batch's visibility timeout ended before a success deleted it: its messages come back, or go to the dead-letter queue. */
  private visibilityEnded(batch: Batch): void {
    this.noteDepth(this.ctx.sim.now);
    this.visibilityEvents.delete(batch);
    this.endBatch(batch);
    const o = this.options;
    const expiredBeforeMs = this.ctx.sim.now - o.retentionMs;
    for (const m of batch.messages) {
      if (o.maxReceiveCount !== null && m.receiveCount >= o.maxReceiveCount) this.depart(m, 'redriven');
      else if (m.sentMs < expiredBeforeMs) this.depart(m, 'expired');
      else this.store.add(m, true);
    }
    if (this.store.visible > this.visiblePeak) this.visiblePeak = this.store.visible;
    this.store.release(batch.messages);
    this.mapping.messagesVisible();
  }

  private endBatch(batch: Batch): void {
    batch.live = false;
    this.batches.delete(batch);
    this.inFlight -= batch.messages.length;
  }

  /** A message leaves the queue for good. */
  private depart(m: QueueMessage, why: 'processed' | 'redriven' | 'expired'): void {
    const nowMs = this.ctx.sim.now;
    if (why === 'processed') this.ctx.metrics.countById(this.processedCounter, nowMs, m.counted);
    else this.ctx.metrics.count(`${this.id}.${why}`, nowMs, m.counted);
    if (!m.counted) return;
    this.counters[why]++;
    this.pendingCounted--;
    this.counters.sojournMs += nowMs - m.sentMs;
    this.counters.departed++;
  }

  /** Adds the depth since its last change to the window's integral (call before the depth changes). */
  private noteDepth(nowMs: number): void {
    const from = Math.max(this.depthChangedMs, this.ctx.window.fromMs);
    const to = Math.min(nowMs, this.options.eventSource.pollUntilMs);
    if (to > from) this.counters.depthMessageMs += (this.store.visible + this.inFlight) * (to - from);
    this.depthChangedMs = nowMs;
  }

  /** Expired messages at the head of the line leave (SQS deletes them whether or not anyone receives). */
  private sweepExpired(nowMs: number): void {
    this.noteDepth(nowMs);
    this.store.dropExpired(nowMs - this.options.retentionMs, this.onExpired);
  }

  private oldestInFlightMs(): number {
    let oldest = Infinity;
    for (const batch of this.batches) for (const m of batch.messages) oldest = Math.min(oldest, m.sentMs);
    return oldest;
  }
}
