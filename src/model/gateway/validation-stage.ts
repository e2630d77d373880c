/**
 * Request validation (REST API request validators, WebSocket API route
 * validation): a share of requests fail the validator — a required
 * parameter missing or blank, or a body that does not match the method's
 * model — and "API Gateway immediately fails the request, returns a 400
 * error response to the caller" before the integration request
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html;
 * gateway responses BAD_REQUEST_PARAMETERS and BAD_REQUEST_BODY, 400:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 * It sits after metering: a refused request is billed (src/catalog/front-doors.ts,
 * STANDARD_STAGES). Each attempt is drawn on its own: a client that retries
 * a 400 (a scenario must list 4xx in `retry.on`) may pass the second time.
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt } from '../component.js';
import { Stage, type StageHost } from './front-door-stage.js';

export class ValidationStage extends Stage {
  readonly name = 'validation';
  private stream!: RandomStream;

  constructor(
    private readonly doorId: string,
    /** Share of requests that fail validation. */
    private readonly invalidRatio: number,
  ) {
    super();
  }

  override start(host: StageHost): void {
    super.start(host);
    this.stream = host.ctx.streams.get(`${this.doorId}.validation`);
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    if (!(this.stream.next() < this.invalidRatio)) return this.pass(attempt, nowMs, delayMs);
    if (attempt.counted) this.host.counters.refused++;
    this.host.answer(attempt, delayMs, 'request-invalid');
  }
}
