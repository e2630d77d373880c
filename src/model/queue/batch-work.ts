/**
 * What the consumer function does with each message of an SQS batch, when
 * the scenario says (`consumer.durationPerMessage`, `consumer.messageErrorRate`):
 * the handler works through the batch in order, each message taking a
 * time drawn for it (added to the invocation's fixed `duration`, so billed
 * too) and failing with the given share, drawn per message and per
 * delivery (a transient failure), or on every delivery for the share of
 * messages that are poison (`consumer.poisonMessageRate`, decided once per
 * message at its first delivery).
 *
 * What a failed message does (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html):
 * - Without partial batch responses the handler throws at the first failed
 *   message (ASSUMPTION: the messages after it are not worked on): a
 *   function error: "When your Lambda function encounters an error while
 *   processing a batch, all messages in that batch become visible in the
 *   queue again by default, including messages that Lambda processed
 *   successfully", once the visibility timeout ends, their receive counts
 *   up, toward maxReceiveCount and the dead-letter queue.
 * - With `reportBatchItemFailures` (the mapping's `FunctionResponseTypes:
 *   ["ReportBatchItemFailures"]`) the handler notes the failure and goes on;
 *   the invocation succeeds ("Lambda function invocations usually succeed
 *   regardless of the processing result", AWS Prescriptive Guidance,
 *   best-practices-partial-batch-responses.html), Lambda deletes the other
 *   messages and only the failed ones come back after the visibility
 *   timeout. On a FIFO queue
 *   "your function should stop processing messages after the first failure
 *   and return all failed and unprocessed messages in batchItemFailures":
 *   the failed message and every one after it in the batch come back.
 *
 * Figures: `<queue>.messageFailures` (failed messages, per delivery),
 * `<queue>.redeliveries` (messages the consumer is handed again: each
 * delivery after a message's first receive) and `<queue>.poisonMessages`.
 * Random streams: `<queue>.perMessage`, `<queue>.messageErrors`,
 * `<queue>.poison`.
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, ComponentContext } from '../component.js';
import type { InvocationWork } from '../lambda/invocation-work.js';
import type { Distribution } from '../shared/distribution.js';
import type { BatchAttempt } from './event-source-mapping.js';
import type { QueueMessage } from './message-store.js';

export interface BatchWorkOptions {
  /** Handler time per message (null: the batch's `duration` only). */
  perMessage: Distribution | null;
  /** Share of message deliveries that fail, 0 to 1. */
  messageErrorRate: number;
  /** Share of messages that fail on every delivery (poison), 0 to 1. */
  poisonMessageRate: number;
  /** The mapping reports batch item failures (partial batch responses). */
  reportBatchItemFailures: boolean;
  /** A FIFO queue: with partial responses, the handler stops at the first failure. */
  fifo: boolean;
}

export class BatchWork implements InvocationWork {
  private durationStream!: RandomStream;
  private errorStream!: RandomStream;
  private poisonStream!: RandomStream;
  /** Whether each message delivered so far is poison (drawn at its first delivery). */
  private readonly poison = new WeakMap<QueueMessage, boolean>();
  private poisonCounter = -1;
  private ctx!: ComponentContext;
  private failureCounter = -1;
  private redeliveryCounter = -1;
  private readonly stopAtFirstFailure: boolean;

  /** `queueId` names its streams and figures (`queue`, `topic.orders.queue`). */
  constructor(
    private readonly queueId: string,
    private readonly options: BatchWorkOptions,
  ) {
    this.stopAtFirstFailure = !options.reportBatchItemFailures || options.fifo;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.durationStream = ctx.streams.get(`${this.queueId}.perMessage`);
    this.errorStream = ctx.streams.get(`${this.queueId}.messageErrors`);
    this.failureCounter = ctx.metrics.counterId(`${this.queueId}.messageFailures`);
    this.redeliveryCounter = ctx.metrics.counterId(`${this.queueId}.redeliveries`);
    if (this.options.poisonMessageRate > 0) {
      this.poisonStream = ctx.streams.get(`${this.queueId}.poison`);
      this.poisonCounter = ctx.metrics.counterId(`${this.queueId}.poisonMessages`);
    }
  }

  extraMs(attempt: Attempt): number {
    const a = attempt as BatchAttempt;
    const { perMessage, messageErrorRate, poisonMessageRate } = this.options;
    const messages = a.batch.messages;
    const nowMs = this.ctx.sim.now;
    let failed: QueueMessage[] | null = null;
    for (const m of messages) if (m.receiveCount > 1) this.ctx.metrics.countById(this.redeliveryCounter, nowMs, m.counted);
    let ms = 0;
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      if (perMessage !== null) ms += perMessage.sample(this.durationStream);
      const transient = messageErrorRate > 0 && this.errorStream.next() < messageErrorRate;
      if (!transient && !(poisonMessageRate > 0 && this.isPoison(m, nowMs))) continue;
      this.ctx.metrics.countById(this.failureCounter, nowMs, m.counted);
      if (this.stopAtFirstFailure) {
        // the rest of the batch is not worked on: back with the failed one (partial responses on FIFO) or with the whole batch (the handler throws)
        a.failed = messages.slice(i);
        return ms;
      }
      (failed ??= []).push(m);
    }
    a.failed = failed;
    return ms;
  }

  private isPoison(m: QueueMessage, nowMs: number): boolean {
    let poison = this.poison.get(m);
    if (poison === undefined) {
      poison = this.poisonStream.next() < this.options.poisonMessageRate;
      this.poison.set(m, poison);
      if (poison) this.ctx.metrics.countById(this.poisonCounter, nowMs, m.counted);
    }
    return poison;
  }

  throws(attempt: Attempt): boolean {
    return !this.options.reportBatchItemFailures && (attempt as BatchAttempt).failed !== null;
  }
}
