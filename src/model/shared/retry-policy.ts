/**
 * When a client retries: how many attempts in all (the first included),
 * which failures (`429`, `503`, a class like `5xx`, `timeout`), the back-off,
 * and the least wait after a 429. A Retrier (./retrier.ts) applies it.
 */
import type { BackoffOptions } from './backoff.js';

export interface RetryPolicy {
  /** Attempts in all, first try included (1 = no retries). */
  attempts: number;
  statuses: ReadonlySet<number>;
  /** Retry every 4xx, every 5xx (flags, not a set: `retries` runs once per failed attempt). */
  on4xx: boolean;
  on5xx: boolean;
  onTimeout: boolean;
  backoff: BackoffOptions;
  /** Least wait before retrying a 429 (what a Retry-After header would ask); 0 = none. */
  throttleDelayMs: number;
}

export const NO_RETRIES: RetryPolicy = {
  attempts: 1,
  statuses: new Set(),
  on4xx: false,
  on5xx: false,
  onTimeout: false,
  backoff: { baseMs: 0, capMs: 0, jitter: 'none' },
  throttleDelayMs: 0,
};

/** Does the policy retry this failure? (`status` is ignored for a time-out.) */
export function retries(policy: RetryPolicy, status: number, timedOut: boolean): boolean {
  if (policy.attempts <= 1) return false;
  if (timedOut) return policy.onTimeout;
  if (policy.statuses.size > 0 && policy.statuses.has(status)) return true; // most policies list none: skip the hash lookup
  if (status >= 400 && status < 500) return policy.on4xx;
  if (status >= 500 && status < 600) return policy.on5xx;
  return false;
}
