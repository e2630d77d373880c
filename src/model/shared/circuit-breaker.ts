/**
 * A circuit breaker (closed / open / half-open), as described in Michael
 * Nygard's "Release It!" and the AWS Builders' Library's "Timeouts, retries
 * and backoff with jitter": while closed it counts attempt outcomes over a
 * sliding time window; when at least `minRequests` attempts in the window
 * failed at `failureRatio` or more, it opens and rejects calls at once for
 * `openMs`; then it lets `probes` calls through (half-open): if they all
 * succeed it closes, the first failure opens it again.
 *
 * The window is kept as `WINDOW_BUCKETS` time buckets, so recording is O(1).
 */
export interface CircuitBreakerOptions {
  failureRatio: number;
  windowMs: number;
  minRequests: number;
  openMs: number;
  probes: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

const WINDOW_BUCKETS = 10;

export class CircuitBreaker {
  private stateValue: CircuitState = 'closed';
  private openedAtMs = 0;
  private probesSent = 0;
  private probesOk = 0;
  private readonly bucketMs: number;
  private readonly totals = new Float64Array(WINDOW_BUCKETS);
  private readonly failures = new Float64Array(WINDOW_BUCKETS);
  private currentBucket = 0; // absolute bucket number of the newest bucket
  private opens = 0;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.bucketMs = options.windowMs / WINDOW_BUCKETS;
  }

  /** Times the breaker opened so far. */
  get timesOpened(): number {
    return this.opens;
  }

  state(nowMs: number): CircuitState {
    if (this.stateValue === 'open' && nowMs >= this.openedAtMs + this.options.openMs) {
      this.stateValue = 'half-open';
      this.probesSent = 0;
      this.probesOk = 0;
    }
    return this.stateValue;
  }

  /** May a call go out now? (In half-open, only `probes` calls may.) */
  allow(nowMs: number): boolean {
    const state = this.state(nowMs);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    if (this.probesSent >= this.options.probes) return false;
    this.probesSent++;
    return true;
  }

  record(nowMs: number, ok: boolean): void {
    const state = this.state(nowMs);
    if (state === 'half-open') {
      if (!ok) this.open(nowMs);
      else if (++this.probesOk >= this.options.probes) this.close();
      return;
    }
    if (state === 'open') return; // a late reply of a call made before opening
    this.advance(nowMs);
    const i = this.currentBucket % WINDOW_BUCKETS;
    this.totals[i]++;
    if (!ok) this.failures[i]++;
    let total = 0;
    let failed = 0;
    for (let b = 0; b < WINDOW_BUCKETS; b++) {
      total += this.totals[b];
      failed += this.failures[b];
    }
    if (total >= this.options.minRequests && failed >= this.options.failureRatio * total) this.open(nowMs);
  }

  private open(nowMs: number): void {
    this.stateValue = 'open';
    this.openedAtMs = nowMs;
    this.opens++;
  }

  private close(): void {
    this.stateValue = 'closed';
    this.totals.fill(0);
    this.failures.fill(0);
  }

  /** Moves the window so its newest bucket contains `nowMs`, clearing buckets that fell out. */
  private advance(nowMs: number): void {
    const bucket = Math.floor(nowMs / this.bucketMs);
    const steps = Math.min(bucket - this.currentBucket, WINDOW_BUCKETS);
    for (let s = 1; s <= steps; s++) {
      const i = (this.currentBucket + s) % WINDOW_BUCKETS;
      this.totals[i] = 0;
      this.failures[i] = 0;
    }
    if (bucket > this.currentBucket) this.currentBucket = bucket;
  }
}
