/**
 * An Amazon SNS delivery policy as a schedule: the wait before each retry
 * of a failed delivery, phase by phase (immediate, pre-backoff, backoff,
 * post-backoff; src/catalog/topics.ts gives the AWS-managed policy and the
 * HTTP/S defaults, https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html).
 *
 * ASSUMPTION: AWS names the backoff functions without formulas. Here the
 * backoff phase's n waits go from its first delay to its last, evenly
 * (linear) or by a constant factor (exponential). SNS "applies jittering
 * to delivery retries" without saying how much: a wait is drawn between
 * half and all of its value (as the event bus's throttle back-off), an
 * immediate retry stays immediate.
 */
import type { HttpBackoff, RetryPhase } from '../../catalog/topics.js';

export interface HttpDeliveryPolicy {
  readonly retries: number;
  readonly noDelayRetries: number;
  readonly minDelayRetries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxDelayRetries: number;
  readonly backoff: HttpBackoff;
}

/** The phases of an HTTP/S delivery policy: no-delay, min-delay, backoff (what the others leave of `retries`), max-delay. */
export function httpPhases(p: HttpDeliveryPolicy): RetryPhase[] {
  const backoffRetries = Math.max(0, p.retries - p.noDelayRetries - p.minDelayRetries - p.maxDelayRetries);
  return [
    { retries: p.noDelayRetries, delayMs: 0 },
    { retries: p.minDelayRetries, delayMs: p.minDelayMs },
    { retries: backoffRetries, delayMs: p.minDelayMs, toMs: p.maxDelayMs, backoff: p.backoff },
    { retries: p.maxDelayRetries, delayMs: p.maxDelayMs },
  ].filter((phase) => phase.retries > 0);
}

/** The wait (ms, before jitter) before retry number `retry` (1 for the first retry), or null when the policy is used up. */
export function retryDelayMs(phases: readonly RetryPhase[], retry: number): number | null {
  let left = retry;
  for (const phase of phases) {
    if (left <= phase.retries) return phaseDelayMs(phase, left - 1);
    left -= phase.retries;
  }
  return null;
}

/** Every retry's wait in order (before jitter): for the docs, the checks and the 3,600 s rule. */
export function retryDelaysMs(phases: readonly RetryPhase[]): number[] {
  const delays: number[] = [];
  for (const phase of phases) for (let i = 0; i < phase.retries; i++) delays.push(phaseDelayMs(phase, i));
  return delays;
}

/** The total of a policy's waits (ms): an HTTP/S policy's must be at most 3,600 s. */
export function totalRetryMs(phases: readonly RetryPhase[]): number {
  return retryDelaysMs(phases).reduce((a, b) => a + b, 0);
}

function phaseDelayMs(phase: RetryPhase, index: number): number {
  if (phase.toMs === undefined || phase.retries <= 1) return phase.delayMs;
  const t = index / (phase.retries - 1);
  if (phase.backoff === 'exponential' && phase.delayMs > 0) return phase.delayMs * (phase.toMs / phase.delayMs) ** t;
  return phase.delayMs + (phase.toMs - phase.delayMs) * t;
}
