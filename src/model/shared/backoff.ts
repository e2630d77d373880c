/**
 * Retry back-off with jitter, exactly as in Marc Brooker's "Exponential
 * Backoff And Jitter" (AWS Architecture Blog, 2015),
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/ :
 *
 *   none ("Exponential"): sleep = min(cap, base * 2^n)
 *   full:                 sleep = random_between(0, min(cap, base * 2^n))
 *   equal:                temp = min(cap, base * 2^n); sleep = temp/2 + random_between(0, temp/2)
 *   decorrelated:         sleep = min(cap, random_between(base, previous_sleep * 3)), previous starts at base
 *
 * where n counts retries from 0 (the first retry waits up to `base`).
 */
export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  jitter: Jitter;
}

/**
 * Delay before retry number `retry` (1 for the first retry). `previousMs` is
 * the delay before the previous retry (0 for the first), used by
 * decorrelated jitter; `u` is one uniform draw in [0, 1) (ignored by `none`).
 */
export function backoffDelayMs(options: BackoffOptions, retry: number, previousMs: number, u: number): number {
  const { baseMs, capMs } = options;
  switch (options.jitter) {
    case 'none':
      return Math.min(capMs, baseMs * 2 ** (retry - 1));
    case 'full':
      return u * Math.min(capMs, baseMs * 2 ** (retry - 1));
    case 'equal': {
      const temp = Math.min(capMs, baseMs * 2 ** (retry - 1));
      return temp / 2 + u * (temp / 2);
    }
    case 'decorrelated': {
      const previous = previousMs > 0 ? previousMs : baseMs;
      return Math.min(capMs, baseMs + u * (previous * 3 - baseMs));
    }
  }
}
