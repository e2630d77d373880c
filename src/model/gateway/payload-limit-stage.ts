/** A request body over the entry point's limit (its profile's, and Lambda's own synchronous limit in front of a function) is refused: 413. */
import type { Attempt } from '../component.js';
import { NEXT, TAKEN, type FrontDoorStage, type StageHost, type StageVerdict } from './front-door-stage.js';

export class PayloadLimitStage implements FrontDoorStage {
  readonly name = 'payloadLimit';
  private host!: StageHost;

  constructor(private readonly limitBytes: number) {}

  start(host: StageHost): void {
    this.host = host;
  }

  enter(attempt: Attempt, _nowMs: number, delayMs: number): StageVerdict {
    if (attempt.requestBytes <= this.limitBytes) return NEXT;
    if (this.host.ctx.window.counts(attempt)) this.host.counters.tooLarge++;
    this.host.answer(attempt, delayMs, 'payload-too-large');
    return TAKEN;
  }
}
