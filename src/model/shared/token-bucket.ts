/**
 * A token bucket as API Gateway describes its throttling: tokens refill at
 * `ratePerSecond` up to `burst`; each request takes one token or is refused.
 * The bucket starts full. Refill is computed lazily from the time elapsed, so
 * the bucket schedules no events.
 * Source: "Throttle requests to your REST APIs for better throughput in API
 * Gateway", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
export class TokenBucket {
  private tokens: number;
  private lastMs = 0;
  private currentRatePerMs: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
  ) {
    if (!(ratePerSecond >= 0) || !(burst >= 0)) throw new RangeError('token bucket rate and burst must be >= 0');
    this.currentRatePerMs = ratePerSecond / 1000;
    this.tokens = burst;
  }

  /** Takes one token if there is one at `nowMs`. */
  tryTake(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Changes the refill rate from `nowMs` on (a throttle change during a failure window). */
  setRate(nowMs: number, ratePerSecond: number): void {
    this.refill(nowMs);
    this.currentRatePerMs = ratePerSecond / 1000;
  }

  /** Tokens available at `nowMs` (for tests and gauges). */
  available(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  private refill(nowMs: number): void {
    const elapsedMs = nowMs - this.lastMs;
    if (elapsedMs > 0) {
      this.tokens = Math.min(this.burst, this.tokens + elapsedMs * this.currentRatePerMs);
      this.lastMs = nowMs;
    }
  }
}
