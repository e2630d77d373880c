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
import { ShareRefusalStage } from './share-refusal-stage.js';

export class ValidationStage extends ShareRefusalStage {
  readonly name = 'validation';

  constructor(doorId: string, /** Share of requests that fail validation. */ invalidRatio: number) {
    // billed by the meter before it (STANDARD_STAGES), so not here
    super(doorId, invalidRatio, { cause: 'request-invalid', event: null, counter: 'refused', billed: false });
  }
}
