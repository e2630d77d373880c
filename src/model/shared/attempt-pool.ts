/**
 * The client's finished attempts, handed out again instead of allocating new
 * ones. In a retry storm tens of thousands of attempts wait seconds in a back
 * end's queue: each lived long enough to be copied by V8's young-generation
 * collector and promoted to the old one, where it died, and the garbage
 * collector took 28 % of the storm benchmark (CPU profile of
 * bench/retry-storm-5k.yaml). Reused attempts stay where they are; the
 * collector's share fell to 8 % and the storm ran 1.3x as fast (README:
 * Performance).
 *
 * An attempt is reused only once nothing in the model holds it (`holds`, see
 * ../component.ts): the client from the start until it has the outcome, the
 * front door until it has answered, an integration while it works on it
 * (also after the client or the front door gave up on it), the network while
 * the answer travels back. Reuse never changes a result: a test runs every
 * shipped scenario with and without it and compares the records.
 */
import { newAttempt, resetAttempt, type Attempt, type AttemptRecycler, type LogicalRequest } from '../component.js';

export class AttemptPool implements AttemptRecycler {
  private readonly free: Attempt[] = [];

  /** `reuse: false` makes every attempt new (for the test that reuse changes nothing). */
  constructor(private readonly reuse = true) {}

  acquire(request: LogicalRequest, number: number, startMs: number): Attempt {
    const attempt = this.free.pop();
    if (attempt === undefined) return newAttempt(request, number, startMs, this);
    resetAttempt(attempt, request, number, startMs);
    return attempt;
  }

  recycle(attempt: Attempt): void {
    // the request is not touched: the attempt carries what its late readers need
    // (../component.ts), so a recycled attempt in the storm costs no cold load of it
    if (this.reuse) this.free.push(attempt);
  }

  /** Attempts waiting to be reused. */
  get size(): number {
    return this.free.length;
  }
}
