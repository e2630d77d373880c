/**
 * An SQS queue in front of a fake consumer, for the queue's tests: the
 * consumer answers each batch after a run time it draws, with a share of
 * function errors and throttles (or a rule of the test's own), and tells
 * the test every batch it got.
 */
import type { EventCallback } from '../../../src/engine/simulator.js';
import { SQS_EVENT_SOURCE, SQS_LIMITS } from '../../../src/catalog/queues.js';
import { newAttempt } from '../../../src/model/attempt-lifecycle.js';
import type { Attempt, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../../../src/model/component.js';
import type { FailureEffects, FailureTarget } from '../../../src/model/failure/failure-effects.js';
import type { BatchAttempt } from '../../../src/model/queue/event-source-mapping.js';
import { SqsQueue, type SqsQueueOptions } from '../../../src/model/queue/sqs-queue.js';
import { createDistribution } from '../../../src/model/shared/distribution.js';
import { newRequest, startComponent } from '../../contract/component-contract.js';

export type Verdict = 'ok' | 'error' | 'throttle';

export interface ConsumerRule {
  /** Mean run time of a batch (exponential), ms. */
  meanMs: number;
  /** How the consumer answers a batch (default: always ok). */
  verdict?: (attempt: BatchAttempt, u: number) => Verdict;
  /** At most this many batches at once; more are throttled (Infinity: no limit). */
  concurrency?: number;
}

export interface QueueSettings extends Partial<Omit<SqsQueueOptions, 'eventSource'>> {
  eventSource?: Partial<SqsQueueOptions['eventSource']>;
}

export interface ConsumerLog {
  batches: number;
  ok: number;
  errors: number;
  throttles: number;
  busy: number;
  peakBusy: number;
  /** Every batch as received: its messages' (group, seq), and when. */
  seen: Array<{ atMs: number; messages: Array<{ group: number; seq: number }> }>;
  /** Messages of successful batches, in the order the successes came; `live`: the batch was still invisible, so the success deleted them. */
  succeeded: Array<{ atMs: number; group: number; seq: number; live: boolean }>;
}

export function queueOptions(settings: QueueSettings = {}): SqsQueueOptions {
  return {
    type: 'standard',
    sendLatency: createDistribution({ kind: 'constant', value: 5 }),
    sendsPerSecond: Infinity,
    maxMessageBytes: SQS_LIMITS.maxMessageBytes,
    chunkBytes: SQS_LIMITS.chunkBytes,
    messagesPerReceive: SQS_LIMITS.messagesPerReceive,
    visibilityTimeoutMs: 30_000,
    retentionMs: 4 * 86_400_000,
    maxReceiveCount: null,
    groups: 1,
    ...settings,
    eventSource: {
      batchSize: 10,
      batchWindowMs: 0,
      maxBatchBytes: SQS_EVENT_SOURCE.maxBatchBytes,
      maxPollers: 1000,
      initialPollers: 5,
      pollersAddedPerSecond: 5,
      longPollMs: SQS_LIMITS.longPollMs,
      throttleFirstMs: 1000,
      throttleMaxMs: 30_000,
      pollUntilMs: 3_600_000,
      ...settings.eventSource,
    },
  };
}

/** A queue and its fake consumer; `ctx` once started. */
export function queueRig(settings: QueueSettings, rule: ConsumerRule) {
  const log: ConsumerLog = { batches: 0, ok: 0, errors: 0, throttles: 0, busy: 0, peakBusy: 0, seen: [], succeeded: [] };
  let ctx!: ComponentContext;
  const finish: EventCallback<{ attempt: BatchAttempt; replyTo: ReplyTarget; verdict: Verdict }> = ({ attempt, replyTo, verdict }) => {
    log.busy--;
    if (verdict === 'ok') {
      log.ok++;
      for (const m of attempt.batch.messages) log.succeeded.push({ atMs: ctx.sim.now, group: m.group, seq: m.seq, live: attempt.batch.live });
      replyTo.onReply(attempt, 200, 'ok');
    } else {
      log.errors++;
      replyTo.onReply(attempt, 500, 'lambda-error');
    }
  };
  const consumer: Hop & FailureTarget = {
    setFailure(_effects: FailureEffects) {},
    receive(a: Attempt, replyTo: ReplyTarget) {
      const attempt = a as BatchAttempt;
      log.batches++;
      log.seen.push({ atMs: ctx.sim.now, messages: attempt.batch.messages.map((m) => ({ group: m.group, seq: m.seq })) });
      const stream = ctx.streams.get('consumer');
      const u = stream.next();
      const verdict = rule.verdict?.(attempt, u) ?? 'ok';
      if (verdict === 'throttle' || log.busy >= (rule.concurrency ?? Infinity)) {
        log.throttles++;
        replyTo.onReply(attempt, 429, 'lambda-throttle' satisfies ReplyCause);
        return;
      }
      log.busy++;
      log.peakBusy = Math.max(log.peakBusy, log.busy);
      ctx.sim.schedule(-rule.meanMs * Math.log1p(-stream.next()), finish, { attempt, replyTo, verdict });
    },
  };
  const queue = new SqsQueue('queue', queueOptions(settings), consumer);
  const start = queue.start.bind(queue);
  queue.start = (c: ComponentContext) => {
    ctx = c;
    start(c);
  };
  return { queue, log, ctx: () => ctx };
}

/** Sends `count` messages (Poisson at `ratePerSecond`, or `bytes` each), runs until `stopAtMs` and ends the run. */
export function sendAndRun(rig: ReturnType<typeof queueRig>, send: { count: number; ratePerSecond: number; bytes?: number; seed?: number }, stopAtMs: number) {
  const { sim } = startComponent(rig.queue, send.seed ?? 7);
  const heard = { accepted: 0, refused: 0 };
  const producer: ReplyTarget = { onReply: (_a: Attempt, status: number) => void (status === 200 ? heard.accepted++ : heard.refused++) };
  const gaps = rig.ctx().streams.get('test.arrivals');
  let sent = 0;
  const next: EventCallback<null> = () => {
    const request = newRequest(sent, sim.now);
    if (send.bytes !== undefined) Object.assign(request, { requestBytes: send.bytes });
    rig.queue.receive(newAttempt(request, 1, sim.now), producer);
    sent++;
    if (sent < send.count) sim.schedule(-1000 / send.ratePerSecond * Math.log1p(-gaps.next()), next, null);
  };
  if (send.count > 0) sim.schedule(0, next, null);
  sim.run({ untilMs: stopAtMs });
  const gauges = rig.queue.gauges(sim.now);
  rig.queue.runEnded(sim.now);
  return { usage: rig.queue.usage(), heard, gauges, sim };
}
