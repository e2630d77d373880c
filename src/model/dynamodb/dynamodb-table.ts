/**
 * An Amazon DynamoDB table serving one kind of call (GetItem or PutItem of
 * items of one size), in on-demand or provisioned mode: the integration
 * behind a REST API's AWS service integration (`integration.type:
 * dynamodb`), or the dependency a Lambda function calls with the AWS SDK
 * (`integration.dynamodb`). Limits and their AWS sources:
 * src/catalog/tables.ts.
 *
 * A call takes its request units (4 KB reads, half for an eventually
 * consistent one; 1 KB writes) from the table's capacity (./table-capacity.ts)
 * when it arrives, and is answered after a latency drawn from a
 * distribution. A call the capacity cannot take is throttled
 * (ProvisionedThroughputExceededException): answered with `throttleStatus`
 * (400, DynamoDB's, to an SDK that retries it; the integration response's
 * mapping behind API Gateway) and cause `table-throttle`, after the same
 * latency (ASSUMPTION), consuming and billing nothing. Provisioned tables
 * may auto scale (./auto-scaling.ts), checked every minute.
 *
 * Left out: partitions and hot keys (3,000 RCU / 1,000 WCU each), item
 * collections, transactions, global tables, streams, storage. Failure
 * windows: errorRate answers 500 (InternalServerError), addLatency adds,
 * outage answers 500 at once; a capacity cut does not apply.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Gauged, Hop, ReplyCause, ReplyTarget } from '../component.js';
import { NO_FAILURE, type FailureEffects, type FailureTarget } from '../failure/failure-effects.js';
import type { Distribution } from '../shared/distribution.js';
import { AutoScaling, type AutoScalingOptions } from './auto-scaling.js';
import { createTableCapacity, ProvisionedCapacity, type CapacityOptions } from './table-capacity.js';

export interface DynamoDbTableOptions {
  readonly operation: 'read' | 'write';
  /** Request units one call takes (./table-capacity.ts; catalog's unitsPerCall). */
  readonly unitsPerCall: number;
  readonly capacity: CapacityOptions;
  /** Provisioned tables only; null: capacity stays as provisioned. */
  readonly autoScaling: (AutoScalingOptions & { readonly delayMs: number }) | null;
  readonly latency: Distribution;
  /** The status a throttled call is answered with. */
  readonly throttleStatus: number;
  /** The end of the measured window (the run's duration): capacity held after it is not billed. */
  readonly measureUntilMs: number;
}

/** What a table did for the window's requests: calls, throttles, billed units, and a provisioned table's capacity over time. */
export type TableUsage = {
  readonly calls: number;
  readonly throttled: number;
  readonly errors: number;
  /** Request units consumed, in either mode (0.5 per eventually consistent 4 KB read). */
  readonly consumedUnits: number;
  /** Request units billed: an on-demand table's consumed units (0 on a provisioned table, billed for its capacity). */
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Provisioned read or write capacity held over the measured window, units × seconds (0 on demand). */
  readonly readCapacityUnitSeconds: number;
  readonly writeCapacityUnitSeconds: number;
  /** Auto scaling's changes of the provisioned capacity in the run. */
  readonly scalingChanges: number;
};

type Counters = { -readonly [K in keyof TableUsage]: TableUsage[K] };

const MINUTE_MS = 60_000;

export class DynamoDbTable implements Component<TableUsage>, Hop, Gauged, FailureTarget {
  readonly kind = 'backend' as const;
  private ctx!: ComponentContext;
  private latencyStream!: RandomStream;
  private errorStream!: RandomStream;
  private readonly capacity;
  private readonly scaling: AutoScaling | null;
  private failure: FailureEffects = NO_FAILURE;
  private readonly counters: Counters = { calls: 0, throttled: 0, errors: 0, consumedUnits: 0, readUnits: 0, writeUnits: 0, readCapacityUnitSeconds: 0, writeCapacityUnitSeconds: 0, scalingChanges: 0 };
  private consumedThisMinute = 0;
  private capacityNotedMs = 0;
  /** Who calls it: the front door, or the function's SDK client (one caller per table, as the SQS queue's producer). */
  private caller!: ReplyTarget;
  private readonly replies = new Map<string, EventCallback<Attempt>>();
  private readonly onMinute: EventCallback<null> = () => this.minuteEnded();
  private readonly onScaled: EventCallback<number> = (perS) => this.scaled(perS);

  constructor(
    readonly id: string,
    private readonly options: DynamoDbTableOptions,
  ) {
    this.capacity = createTableCapacity(options.capacity);
    this.scaling = options.autoScaling && this.capacity instanceof ProvisionedCapacity ? new AutoScaling(options.autoScaling) : null;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.latencyStream = ctx.streams.get(`${this.id}.latency`);
    this.errorStream = ctx.streams.get(`${this.id}.errors`);
    // the event exists from the start (records.eventNames), so a lesson's "none throttled" is checked, not read from an absent 0
    ctx.metrics.counterId(`${this.id}.throttled`);
    if (this.scaling) ctx.sim.schedule(MINUTE_MS, this.onMinute, null);
  }

  usage(): TableUsage {
    this.noteCapacity(this.ctx.sim.now);
    return { ...this.counters };
  }

  setFailure(effects: FailureEffects): void {
    this.failure = effects;
  }

  gauges(nowMs: number): Record<string, number> {
    const gauges: Record<string, number> = { [`${this.id}.capacityPerS`]: this.capacity.ratePerS(nowMs) };
    if (this.capacity instanceof ProvisionedCapacity) gauges[`${this.id}.burstUnits`] = Math.floor(this.capacity.burstUnits(nowMs));
    return gauges;
  }

  peaks(nowMs: number): Record<string, number> {
    return this.gauges(nowMs);
  }

  receive(attempt: Attempt, replyTo: ReplyTarget): void {
    const nowMs = this.ctx.sim.now;
    this.caller = replyTo;
    const counted = attempt.counted;
    if (counted) this.counters.calls++;
    let delayMs = this.failure.outage ? 0 : this.options.latency.sample(this.latencyStream);
    for (const extra of this.failure.addLatency) delayMs += extra.sample(this.latencyStream);
    if (this.failure.outage || (this.failure.errorRate > 0 && this.errorStream.next() < this.failure.errorRate)) {
      if (counted) this.counters.errors++;
      return this.answer(attempt, delayMs, 500, 'backend-error');
    }
    const units = this.options.unitsPerCall;
    if (!this.capacity.tryConsume(nowMs, units)) {
      if (counted) this.counters.throttled++;
      this.ctx.metrics.count(`${this.id}.throttled`, nowMs, counted);
      return this.answer(attempt, delayMs, this.options.throttleStatus, 'table-throttle');
    }
    this.consumedThisMinute += units;
    if (counted) {
      this.counters.consumedUnits += units;
      if (this.options.capacity.mode === 'on-demand') this.counters[this.options.operation === 'read' ? 'readUnits' : 'writeUnits'] += units;
    }
    this.answer(attempt, delayMs, 200, 'ok');
  }

  private answer(attempt: Attempt, delayMs: number, status: number, cause: ReplyCause): void {
    const key = `${status} ${cause}`;
    let callback = this.replies.get(key);
    if (!callback) {
      callback = (a: Attempt) => this.caller.onReply(a, status, cause);
      this.replies.set(key, callback);
    }
    this.ctx.sim.schedule(delayMs, callback, attempt);
  }

  private minuteEnded(): void {
    const capacity = this.capacity as ProvisionedCapacity;
    const consumedPerS = this.consumedThisMinute / 60;
    this.consumedThisMinute = 0;
    const wanted = (this.scaling as AutoScaling).minuteEnded(consumedPerS, capacity.ratePerS());
    if (wanted !== null) this.ctx.sim.schedule((this.options.autoScaling as { delayMs: number }).delayMs, this.onScaled, wanted);
    // no check after the run's end, so the event queue drains
    if (this.ctx.sim.now + MINUTE_MS <= this.options.measureUntilMs) this.ctx.sim.schedule(MINUTE_MS, this.onMinute, null);
  }

  private scaled(perS: number): void {
    const nowMs = this.ctx.sim.now;
    this.noteCapacity(nowMs);
    (this.capacity as ProvisionedCapacity).setProvisioned(nowMs, perS);
    (this.scaling as AutoScaling).applied();
    this.counters.scalingChanges++;
    this.ctx.metrics.count(`${this.id}.scaled`, nowMs, true);
  }

  /** Adds the provisioned capacity held since the last change to the window's unit-seconds. */
  private noteCapacity(nowMs: number): void {
    if (this.options.capacity.mode !== 'provisioned') return;
    const from = Math.max(this.capacityNotedMs, this.ctx.window.fromMs);
    const to = Math.min(nowMs, this.options.measureUntilMs);
    if (to > from) this.counters[this.options.operation === 'read' ? 'readCapacityUnitSeconds' : 'writeCapacityUnitSeconds'] += (this.capacity.ratePerS(nowMs) * (to - from)) / 1000;
    this.capacityNotedMs = Math.max(this.capacityNotedMs, to);
  }
}
