/**
 * AWS WAF's web ACL in front of the API (REST APIs and ALBs): its inspection
 * adds latency to every request, and it blocks a share of them with 403
 * (WAF's default Block response). A blocked request is still billed by API
 * Gateway (ASSUMPTION, no AWS source: the requests AWS staff say are not
 * charged — authorization failures, missing or invalid API keys, quota and
 * throttle refusals — do not include WAF blocks,
 * https://repost.aws/questions/QUY2x146iORPmsJHpff8u0eA/will-i-get-charged-for-these-invalid-api-key-quota-exceeded-or-throttled-request-errors).
 */
import type { Attempt } from '../component.js';
import type { Distribution } from '../shared/distribution.js';
import { ShareRefusalStage } from './share-refusal-stage.js';

export interface WafOptions {
  latency: Distribution;
  /** Share of requests its rules block. */
  blockRatio: number;
}

export class WafStage extends ShareRefusalStage {
  readonly name = 'waf';

  constructor(
    doorId: string,
    private readonly options: WafOptions,
  ) {
    super(doorId, options.blockRatio, { cause: 'waf-blocked', event: null, counter: 'wafBlocked', billed: true });
  }

  addedLatencyMs(): number {
    return this.options.latency.sample(this.stream);
  }

  override enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    if (attempt.counted) this.host.counters.wafRequests++;
    super.enter(attempt, nowMs, delayMs);
  }
}
