/**
 * Where billing starts: API Gateway bills the requests that passed the
 * payload check, the throttles and the authorizer (throttled and
 * unauthorised requests are not billed, https://aws.amazon.com/api-gateway/pricing/),
 * cache hits included.
 */
import type { Attempt } from '../component.js';
import { NEXT, type FrontDoorStage, type StageHost, type StageVerdict } from './front-door-stage.js';

export class MeterStage implements FrontDoorStage {
  readonly name = 'meter';
  private host!: StageHost;

  start(host: StageHost): void {
    this.host = host;
  }

  enter(attempt: Attempt): StageVerdict {
    this.host.bill(attempt);
    return NEXT;
  }
}
