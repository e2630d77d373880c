/**
 * A front-door check that refuses a share of requests, drawn per attempt
 * from the stage's own stream (`<door>.<stage name>`): a resource policy's
 * denial, a failed request validation, a WAF block. Each subclass says
 * which cause the client is answered with, which event counts it, whether
 * the refusal is billed and which of the front door's counters it adds to;
 * the AWS behaviour and its sources are in each subclass's header.
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, ReplyCause } from '../component.js';
import { Stage, type FrontDoorCounters, type StageHost } from './front-door-stage.js';

export interface ShareRefusal {
  /** The answer's cause (its status comes from the front door's table). */
  readonly cause: ReplyCause;
  /** The event counted per refusal (warm-up included, as every event); null: none. */
  readonly event: string | null;
  /** The front-door counter a refusal in the measurement window adds to. */
  readonly counter: 'refused' | 'wafBlocked';
  /** Billed by API Gateway though refused (a stage before metering bills it itself). */
  readonly billed: boolean;
}

export abstract class ShareRefusalStage extends Stage {
  protected stream!: RandomStream;
  private eventId = -1;

  constructor(
    private readonly doorId: string,
    /** Share of requests refused. */
    private readonly refusedRatio: number,
    private readonly refusal: ShareRefusal,
  ) {
    super();
  }

  override start(host: StageHost): void {
    super.start(host);
    this.stream = host.ctx.streams.get(`${this.doorId}.${this.name}`);
    if (this.refusal.event !== null) this.eventId = host.ctx.metrics.counterId(this.refusal.event);
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    // no draw at a share of 0: the stream may serve the stage for something else (WAF's latency)
    if (!(this.refusedRatio > 0 && this.stream.next() < this.refusedRatio)) return this.pass(attempt, nowMs, delayMs);
    const host = this.host;
    const counter: keyof FrontDoorCounters = this.refusal.counter;
    if (attempt.counted) host.counters[counter]++;
    if (this.eventId >= 0) host.ctx.metrics.countById(this.eventId, nowMs, attempt.counted);
    if (this.refusal.billed) host.bill(attempt);
    host.answer(attempt, delayMs, this.refusal.cause);
  }
}
