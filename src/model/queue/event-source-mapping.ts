/**
 * Lambda's event source mapping for an SQS queue: the pollers that receive
 * batches and invoke the consumer function synchronously
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html,
 * limits in src/catalog/queues.ts).
 *
 * - Pollers long-poll: an empty queue costs one ReceiveMessage per poller
 *   every 20 s; a message wakes a waiting poller at once.
 * - A poller takes up to `batchSize` messages; with a batching window it
 *   keeps receiving until the batch is full (or 6 MB) or the window ends.
 * - Scaling: five pollers to start; while messages wait and every poller
 *   is busy, up to 300 more a minute (5 a second), up to 1,000 or the
 *   mapping's maximum concurrency. A poller whose long poll comes back
 *   empty retires when there are more than five.
 * - The consumer's answer: success deletes the batch; a function error or
 *   time-out leaves it to come back when its visibility timeout ends; a
 *   throttle is retried by the same poller with a back-off (1 s, doubling,
 *   at most 30 s: ASSUMPTION, AWS publishes no schedule) until the batch's
 *   visibility timeout would pass. Errors and throttles each take one
 *   poller off the mapping's target ("Lambda gradually backs off ...
 *   reducing the amount of concurrency allocated to your Amazon SQS event
 *   source mapping", services-sqs-errorhandling.html), never below five,
 *   and no poller is added for the next 10 s (ASSUMPTION).
 *
 * - Partial batch responses: a successful invocation whose handler reported
 *   failed messages (./batch-work.ts) deletes the others only; the failed
 *   ones come back when the visibility timeout ends. ASSUMPTION: such an
 *   invocation counts as a success for the pollers' scaling (AWS describes
 *   the back-off for function errors and throttles only).
 *
 * Left out: the scale-down to two pollers on an idle queue (AWS says "can
 * optimize to as few as 2", not when), provisioned mode and filtering.
 */
import type { EventCallback, EventId } from '../../engine/simulator.js';
import type { Attempt, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';
import { blankRequest, newAttempt } from '../attempt-lifecycle.js';
import type { QueueMessage } from './message-store.js';

/** ASSUMPTION: after a throttle or a function error the mapping adds no poller for 10 s (AWS describes the back-off, not its pace). */
const SCALE_UP_PAUSE_MS = 10_000;

export interface EventSourceOptions {
  batchSize: number;
  batchWindowMs: number;
  maxBatchBytes: number;
  /** The mapping's maximum concurrency (pollers with a batch at once). */
  maxPollers: number;
  initialPollers: number;
  pollersAddedPerSecond: number;
  longPollMs: number;
  throttleFirstMs: number;
  throttleMaxMs: number;
  /** No poll starts from then on (the end of the measured window). */
  pollUntilMs: number;
}

/** Messages received together, in flight until deleted or their visibility timeout ends. */
export interface Batch {
  readonly messages: QueueMessage[];
  readonly receivedMs: number;
  bytes: number;
  /** Still invisible to other consumers: a success can delete it. */
  live: boolean;
  /** Counted in the figures (its oldest message is). */
  readonly counted: boolean;
}

/** What the mapping needs of its queue (./sqs-queue.ts). */
export interface PolledQueue {
  /** Whether a receive would return a message now. */
  available(): boolean;
  /** A new batch of up to `maxCount` messages, or null. */
  receiveBatch(maxCount: number, maxBytes: number): Batch | null;
  /** More messages for a batch being filled (its batching window). */
  topUp(batch: Batch, maxCount: number, maxBytes: number): void;
  /** The consumer processed the batch; with a partial batch response, all but `failed` (null: none failed). */
  processed(batch: Batch, failed: readonly QueueMessage[] | null): void;
  /** A long poll begun at `startedMs` came back empty. */
  emptyReceive(startedMs: number): void;
  /** When the batch's messages become visible again. */
  visibleAgainMs(batch: Batch): number;
}

/** A batch handed to the consumer function: one invocation. */
export interface BatchAttempt extends Attempt {
  readonly batch: Batch;
  readonly poller: Poller;
  /** The messages the handler reports failed (./batch-work.ts; null: none, or no per-message work). */
  failed: QueueMessage[] | null;
}

interface Poller {
  state: 'idle' | 'collecting' | 'busy' | 'retired';
  batch: Batch | null;
  wait: EventId;
  throttleWaitMs: number;
  /** When its current long poll began. */
  pollStartedMs: number;
}

/** Counted per batch or poll: how the consumer answered the pollers. */
export interface EventSourceCounters {
  invocations: number;
  throttledInvocations: number;
  failedInvocations: number;
}

export class EventSourceMapping {
  private ctx!: ComponentContext;
  private pollers = 0;
  private target = 0;
  /** No scale-up before then: a throttle or an error just took a poller off. */
  private calmUntilMs = 0;
  private readonly idle: Poller[] = [];
  private readonly collecting: Poller[] = [];
  readonly counters: EventSourceCounters = { invocations: 0, throttledInvocations: 0, failedInvocations: 0 };
  private readonly onLongPollEnd: EventCallback<Poller>;
  private readonly onWindowEnd: EventCallback<Poller>;
  private readonly onRetry: EventCallback<Poller>;
  private readonly onTick: EventCallback<null>;
  private readonly onPollAgain: EventCallback<Poller>;
  private readonly onReply: ReplyTarget;

  constructor(
    private readonly id: string,
    private readonly options: EventSourceOptions,
    private readonly queue: PolledQueue,
    private readonly consumer: Hop,
  ) {
    this.onLongPollEnd = (p) => this.longPollEnded(p);
    this.onWindowEnd = (p) => this.windowEnded(p);
    this.onRetry = (p) => this.invoke(p, p.batch as Batch);
    this.onTick = () => this.tick();
    this.onPollAgain = (p) => this.poll(p);
    this.onReply = { onReply: (attempt, status, cause) => this.answered(attempt as BatchAttempt, status, cause) };
  }

  get activePollers(): number {
    return this.pollers;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    // exists from the start (records.eventNames), so a lesson's "no invocation fails" is checked
    ctx.metrics.counterId(`${this.id}.failedInvocations`);
    this.target = this.minPollers();
    this.spawn(this.target);
    ctx.sim.schedule(1000, this.onTick, null);
  }

  /** Messages became visible (sent, back from a visibility timeout, or a FIFO group freed). */
  messagesVisible(): void {
    const o = this.options;
    while (this.collecting.length > 0 && this.queue.available()) {
      const p = this.collecting[0];
      this.queue.topUp(p.batch as Batch, o.batchSize, o.maxBatchBytes);
      if (!this.isFull(p.batch as Batch)) return;
      this.collecting.shift();
      this.ctx.sim.cancel(p.wait);
      this.invoke(p, p.batch as Batch);
    }
    while (this.idle.length > 0 && this.queue.available()) {
      const p = this.idle.shift() as Poller;
      this.ctx.sim.cancel(p.wait);
      this.poll(p);
    }
  }

  private minPollers(): number {
    return Math.min(this.options.initialPollers, this.options.maxPollers);
  }

  private spawn(count: number): void {
    for (let i = 0; i < count; i++) {
      this.pollers++;
      this.poll({ state: 'idle', batch: null, wait: -1, throttleWaitMs: 0, pollStartedMs: 0 });
    }
  }

  private poll(p: Poller): void {
    const o = this.options;
    const nowMs = this.ctx.sim.now;
    if (nowMs >= o.pollUntilMs) return this.retire(p);
    const batch = this.queue.receiveBatch(o.batchSize, o.maxBatchBytes);
    if (batch === null) {
      p.state = 'idle';
      p.pollStartedMs = nowMs;
      this.idle.push(p);
      p.wait = this.ctx.sim.scheduleCancellable(o.longPollMs, this.onLongPollEnd, p);
      return;
    }
    if (o.batchWindowMs > 0 && !this.isFull(batch)) {
      p.state = 'collecting';
      p.batch = batch;
      this.collecting.push(p);
      p.wait = this.ctx.sim.scheduleCancellable(Math.min(o.batchWindowMs, Math.max(0, o.pollUntilMs - nowMs)), this.onWindowEnd, p);
      return;
    }
    this.invoke(p, batch);
  }

  private isFull(batch: Batch): boolean {
    return batch.messages.length >= this.options.batchSize || batch.bytes >= this.options.maxBatchBytes;
  }

  private longPollEnded(p: Poller): void {
    this.idle.splice(this.idle.indexOf(p), 1);
    this.queue.emptyReceive(p.pollStartedMs);
    if (this.pollers > this.minPollers()) {
      this.target = Math.max(this.minPollers(), this.target - 1);
      return this.retire(p);
    }
    this.poll(p);
  }

  private windowEnded(p: Poller): void {
    this.collecting.splice(this.collecting.indexOf(p), 1);
    this.invoke(p, p.batch as Batch);
  }

  private invoke(p: Poller, batch: Batch): void {
    p.state = 'busy';
    p.batch = batch;
    if (batch.counted) this.counters.invocations++;
    const request = blankRequest();
    request.counted = batch.counted;
    request.arrivalMs = batch.receivedMs;
    request.requestBytes = batch.bytes;
    const attempt: BatchAttempt = Object.assign(newAttempt(request, 1, this.ctx.sim.now), { batch, poller: p, failed: null });
    this.consumer.receive(attempt, this.onReply);
  }

  private answered(attempt: BatchAttempt, status: number, cause: ReplyCause): void {
    const { batch, poller: p } = attempt;
    const nowMs = this.ctx.sim.now;
    if (status >= 200 && status < 300) {
      p.throttleWaitMs = 0;
      this.queue.processed(batch, attempt.failed);
      return this.next(p);
    }
    this.target = Math.max(this.minPollers(), this.target - 1);
    this.calmUntilMs = nowMs + SCALE_UP_PAUSE_MS;
    if (cause === 'lambda-throttle') {
      if (batch.counted) this.counters.throttledInvocations++;
      this.ctx.metrics.count(`${this.id}.throttledInvocations`, nowMs, batch.counted);
      const o = this.options;
      p.throttleWaitMs = p.throttleWaitMs === 0 ? o.throttleFirstMs : Math.min(o.throttleMaxMs, p.throttleWaitMs * 2);
      const retryMs = nowMs + p.throttleWaitMs;
      if (batch.live && retryMs < this.queue.visibleAgainMs(batch) && retryMs < o.pollUntilMs) {
        p.state = 'busy';
        this.ctx.sim.schedule(p.throttleWaitMs, this.onRetry, p);
        return;
      }
      p.throttleWaitMs = 0;
      return this.backOff(p); // the batch comes back when its visibility timeout ends
    }
    if (batch.counted) this.counters.failedInvocations++;
    this.ctx.metrics.count(`${this.id}.failedInvocations`, nowMs, batch.counted);
    this.backOff(p);
  }

  private next(p: Poller): void {
    p.batch = null;
    if (this.pollers > this.target) return this.retire(p);
    this.poll(p);
  }

  /** After a failed batch the poller waits before its next receive (ASSUMPTION: the first throttle back-off, 1 s). */
  private backOff(p: Poller): void {
    p.batch = null;
    if (this.pollers > this.target) return this.retire(p);
    this.ctx.sim.schedule(this.options.throttleFirstMs, this.onPollAgain, p);
  }

  private retire(p: Poller): void {
    p.state = 'retired';
    p.batch = null;
    this.pollers--;
  }

  /** Once a second: more pollers while messages wait and none is idle. */
  private tick(): void {
    const o = this.options;
    const nowMs = this.ctx.sim.now;
    if (nowMs >= o.pollUntilMs) return;
    if (nowMs >= this.calmUntilMs && this.idle.length === 0 && this.collecting.length === 0 && this.queue.available() && this.pollers < o.maxPollers) {
      const add = Math.min(o.pollersAddedPerSecond, o.maxPollers - this.pollers);
      this.target = Math.max(this.target, this.pollers + add);
      this.spawn(add);
    }
    this.ctx.sim.schedule(1000, this.onTick, null);
  }
}
