/**
 * AWS WAF's web ACL in front of the API (REST APIs and ALBs): its inspection
 * adds latency to every request, and it blocks a share of them with 403
 * (WAF's default Block response). A blocked request is still billed by API
 * Gateway (ASSUMPTION, no AWS source: the requests AWS staff say are not
 * charged — authorization failures, missing or invalid API keys, quota and
 * throttle refusals — do not include WAF blocks,
 * https://repost.aws/questions/QUY2x146iORPmsJHpff8u0eA/will-i-get-charged-for-these-invalid-api-key-quota-exceeded-or-throttled-request-errors).
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt } from '../component.js';
import type { Distribution } from '../shared/distribution.js';
import { Stage, type StageHost } from './front-door-stage.js';

export interface WafOptions {
  latency: Distribution;
  /** Share of requests its rules block. */
  blockRatio: number;
}

export class WafStage extends Stage {
  readonly name = 'waf';
  private stream!: RandomStream;

  constructor(
    private readonly doorId: string,
    private readonly options: WafOptions,
  ) {
    super();
  }

  override start(host: StageHost): void {
    super.start(host);
    this.stream = host.ctx.streams.get(`${this.doorId}.waf`);
  }

  addedLatencyMs(): number {
    return this.options.latency.sample(this.stream);
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    const steady = attempt.counted;
    const counters = this.host.counters;
    if (steady) counters.wafRequests++;
    if (!(this.options.blockRatio > 0 && this.stream.next() < this.options.blockRatio)) return this.pass(attempt, nowMs, delayMs);
    if (steady) counters.wafBlocked++;
    this.host.bill(attempt);
    this.host.answer(attempt, delayMs, 'waf-blocked');
  }
}
