/**
 * A token bucket as API Gateway describes its throttling: tokens refill at
 * `ratePerSecond` up to `burst`; each request takes one token or is refused.
 * The bucket starts full. Refill is computed lazily from the time elapsed, so
 * the bucket schedules no events.
 * Source: "Throttle requests to your REST APIs for better throughput in API
 * Gateway", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
/**
 * Refill adds fractions of a token at every request; summed in floating
 * point, ten additions of 0.1 make 0.9999999999999999. Without a tolerance
 * a bucket with a small burst and evenly spaced requests would wait for a
 * whole extra refill step (at 1/s, burst 1, a request every 100 ms: 0.91/s
 * admitted instead of 1/s).
 */
const TOKEN_EPSILON = 1e-9;

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
    if (this.hasToken(nowMs)) {
      this.take();
      return true;
    }
    return false;
  }

  /** Takes one token found by `hasToken` at the same time (no second refill). */
  take(): void {
    this.tokens = Math.max(0, this.tokens - 1);
  }

  /** Whether a request at `nowMs` would get a token (without taking it). */
  hasToken(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= 1 - TOKEN_EPSILON;
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
