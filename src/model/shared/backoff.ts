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

const JITTERS: readonly Jitter[] = ['none', 'full', 'equal', 'decorrelated'];

/** The jitter's name as this module's own string literal, so the per-retry compares are by pointer, not by characters. */
export function internJitter(jitter: Jitter): Jitter {
  const literal = JITTERS.find((j) => j === jitter);
  if (literal === undefined) throw new RangeError(`unknown jitter ${jitter}`);
  return literal;
}

/** base * 2^(retry - 1), the exponential step: 2^k by a shift while it fits (Math.pow is a call into C++; both give the same double). */
function step(baseMs: number, retry: number): number {
  const k = retry - 1;
  return baseMs * (k >= 0 && k < 31 ? 1 << k : 2 ** k);
}

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
      return Math.min(capMs, step(baseMs, retry));
    case 'full':
      return u * Math.min(capMs, step(baseMs, retry));
    case 'equal': {
      const temp = Math.min(capMs, step(baseMs, retry));
      return temp / 2 + u * (temp / 2);
    }
    case 'decorrelated': {
      const previous = previousMs > 0 ? previousMs : baseMs;
      return Math.min(capMs, baseMs + u * (previous * 3 - baseMs));
    }
  }
}
