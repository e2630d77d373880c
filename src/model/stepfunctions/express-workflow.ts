/**
 * An AWS Step Functions Express workflow started synchronously
 * (StartSyncExecution) by the front door: its duration, states and
 * overhead together, drawn from a distribution; a share of executions fail;
 * one still running at the Express limit (5 minutes) times out there. Both
 * reach the client as `failedStatus` (cause `workflow-failed`; the
 * integration response's mapping, an assumption: StartSyncExecution itself
 * answers 200 with the status in its body). Limits and their AWS pages:
 * src/catalog/step-functions.ts.
 *
 * Billed per execution started and per GB-second, the duration rounded up
 * to 100 ms and the memory to 64 MB chunks; an execution the client or the
 * front door gave up on runs, and is billed, to its end. Left out: the
 * states themselves and the services they call (their latency is in the
 * duration, their bills are not priced), StartSyncExecution's throttling
 * quotas, Standard workflows (they cannot run synchronously).
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyTarget } from '../component.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';
import type { Distribution } from '../shared/distribution.js';

export interface ExpressWorkflowOptions {
  readonly duration: Distribution;
  /** Memory an execution uses, bytes (billed in `billedMemoryChunkBytes` chunks). */
  readonly memoryBytes: number;
  readonly errorRate: number;
  readonly maxDurationMs: number;
  readonly billedStepMs: number;
  readonly billedMemoryChunkBytes: number;
  readonly failedStatus: number;
}

/** What the workflow did for the window's requests: executions, their billed GB-seconds, failures and time-outs. */
export type WorkflowUsage = {
  readonly executions: number;
  readonly billedGbSeconds: number;
  readonly failed: number;
  readonly timedOut: number;
};

const GB = 1024 ** 3;

export class ExpressWorkflow implements Component<WorkflowUsage>, Hop, FailureTarget {
  readonly kind = 'backend' as const;
  private ctx!: ComponentContext;
  private durationStream!: RandomStream;
  private errorStream!: RandomStream;
  private caller!: ReplyTarget;
  private failure: FailureEffects = NO_FAILURE;
  private readonly counters = { executions: 0, billedGbSeconds: 0, failed: 0, timedOut: 0 };
  private readonly onOk: EventCallback<Attempt> = (a) => this.caller.onReply(a, 200, 'ok');
  private readonly onFailed: EventCallback<Attempt> = (a) => this.caller.onReply(a, this.options.failedStatus, 'workflow-failed');
  private readonly billedGb: number;

  constructor(
    readonly id: string,
    private readonly options: ExpressWorkflowOptions,
  ) {
    this.billedGb = (Math.max(1, Math.ceil(options.memoryBytes / options.billedMemoryChunkBytes)) * options.billedMemoryChunkBytes) / GB;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.durationStream = ctx.streams.get(`${this.id}.duration`);
    this.errorStream = ctx.streams.get(`${this.id}.errors`);
  }

  usage(): WorkflowUsage {
    return { ...this.counters };
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    this.caller = replyTo;
    const o = this.options;
    // the service is down: StartSyncExecution fails at once and starts nothing to bill
    if (this.failure.outage) return void this.ctx.sim.schedule(0, this.onFailed, attempt);
    let runMs = o.duration.sample(this.durationStream);
    for (const extra of this.failure.addLatency) runMs += extra.sample(this.durationStream);
    const errorRate = o.errorRate + this.failure.errorRate - o.errorRate * this.failure.errorRate;
    const failing = errorRate > 0 && this.errorStream.next() < errorRate;
    const timedOut = runMs >= o.maxDurationMs;
    this.end(attempt, Math.min(runMs, o.maxDurationMs), timedOut, failing || timedOut);
  }

  private end(attempt: Attempt, runMs: number, timedOut: boolean, failed: boolean): void {
    if (attempt.counted) {
      const c = this.counters;
      c.executions++;
      c.billedGbSeconds += ((Math.max(1, Math.ceil(runMs / this.options.billedStepMs)) * this.options.billedStepMs) / 1000) * this.billedGb;
      if (failed) c.failed++;
      if (timedOut) c.timedOut++;
    }
    this.ctx.sim.schedule(runMs, failed ? this.onFailed : this.onOk, attempt);
  }
}
