/**
 * What a failure window does to its target while it is open (DESIGN §4.7),
 * and how overlapping windows combine. Targets implement `FailureTarget`
 * (found by a type guard, so the base Component interface does not grow).
 */
import type { Distribution } from '../shared/distribution.js';

export interface FailureEffects {
  /** Share of requests that fail (after doing their work). */
  errorRate: number;
  /** Extra latency drawn per request from each of these (summed). */
  addLatency: readonly Distribution[];
  /** Nothing is served: requests fail at once. */
  outage: boolean;
  /** Fraction of servers / concurrency left (1 = all). */
  capacity: number;
  /** New steady rate of a gateway throttle bucket, by bucket name. */
  throttleRates: Readonly<Record<string, number>>;
}

export const NO_FAILURE: FailureEffects = { errorRate: 0, addLatency: [], outage: false, capacity: 1, throttleRates: {} };

export interface FailureWindowEffects {
  errorRate?: number;
  addLatency?: Distribution;
  outage?: boolean;
  capacity?: number;
  throttle?: { bucket: string; ratePerSecond: number };
}

/**
 * Combines the windows open at one time: error rates as independent causes
 * (1 - Π(1 - e)), latencies added, any outage wins, the smallest capacity
 * wins, and for a throttle bucket the window opened last wins.
 */
export function combineEffects(windows: readonly FailureWindowEffects[]): FailureEffects {
  let survive = 1;
  const addLatency: Distribution[] = [];
  let outage = false;
  let capacity = 1;
  const throttleRates: Record<string, number> = {};
  for (const w of windows) {
    if (w.errorRate !== undefined) survive *= 1 - w.errorRate;
    if (w.addLatency) addLatency.push(w.addLatency);
    if (w.outage) outage = true;
    if (w.capacity !== undefined) capacity = Math.min(capacity, w.capacity);
    if (w.throttle) throttleRates[w.throttle.bucket] = w.throttle.ratePerSecond;
  }
  return { errorRate: 1 - survive, addLatency, outage, capacity, throttleRates };
}

export interface FailureTarget {
  setFailure(effects: FailureEffects): void;
  /** A deployment: drop every warm environment (Lambda only). */
  flushWarm?(): void;
}

export function isFailureTarget(component: object): component is FailureTarget {
  return typeof (component as Partial<FailureTarget>).setFailure === 'function';
}
