/**
 * Handler work an invocation does beyond the function's own duration draw,
 * decided per attempt: an SQS batch's per-message work and per-message
 * failures (../queue/batch-work.ts). A function is given one only when the
 * scenario configures such work, so a function without it does nothing more
 * per invocation than test that it has none.
 */
import type { Attempt, ComponentContext } from '../component.js';

export interface InvocationWork {
  /** Takes its random streams (called once, from the function's start). */
  start(ctx: ComponentContext): void;
  /** Called as the handler starts: the extra run time for this attempt, ms. */
  extraMs(attempt: Attempt): number;
  /** After `extraMs`: whether the handler ends in a function error (it throws). */
  throws(attempt: Attempt): boolean;
}
