/** A request body over the entry point's limit (its profile's, and Lambda's own synchronous limit in front of a function) is refused: 413. */
import type { Attempt } from '../component.js';
import type { FrontDoorStage, StageHost, StageLink } from './front-door-stage.js';

export class PayloadLimitStage implements FrontDoorStage {
  next!: StageLink;
  readonly name = 'payloadLimit';
  private host!: StageHost;

  constructor(private readonly limitBytes: number) {}

  start(host: StageHost): void {
    this.host = host;
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    if (attempt.requestBytes <= this.limitBytes) return this.next.enter(attempt, nowMs, delayMs);
    if (attempt.counted) this.host.counters.tooLarge++;
    this.host.answer(attempt, delayMs, 'payload-too-large');
  }
}
