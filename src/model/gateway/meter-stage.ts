/**
 * Where billing starts: API Gateway bills the requests that passed the
 * payload check, the throttles and the authorizer (throttled and
 * unauthorised requests are not billed, https://aws.amazon.com/api-gateway/pricing/),
 * cache hits included.
 */
import type { Attempt } from '../component.js';
import type { FrontDoorStage, StageHost, StageLink } from './front-door-stage.js';

export class MeterStage implements FrontDoorStage {
  next!: StageLink;
  readonly name = 'meter';
  private host!: StageHost;

  start(host: StageHost): void {
    this.host = host;
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    this.host.bill(attempt);
    this.next.enter(attempt, nowMs, delayMs);
  }
}
