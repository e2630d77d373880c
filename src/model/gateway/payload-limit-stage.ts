/** A request body over the entry point's limit (its profile's, and Lambda's own synchronous limit in front of a function) is refused: 413. */
import type { Attempt } from '../component.js';
import { Stage } from './front-door-stage.js';

export class PayloadLimitStage extends Stage {
  readonly name = 'payloadLimit';

  constructor(private readonly limitBytes: number) {
    super();
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    if (attempt.requestBytes <= this.limitBytes) return this.pass(attempt, nowMs, delayMs);
    if (attempt.counted) this.host.counters.tooLarge++;
    this.host.answer(attempt, delayMs, 'payload-too-large');
  }
}
