/**
 * Mapping templates (REST and WebSocket APIs): a VTL template transforms the
 * integration request on its way in and the integration response on its way
 * out (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html),
 * each adding the time it takes to render (ASSUMPTION, no AWS figure:
 * src/catalog/gateway-requests.ts). Only what goes to the integration meets
 * them (the stage is the last before it; a cache hit skips them).
 *
 * Both times are drawn when the request passes and added before the
 * integration is called, and counted as the front door's own latency (its
 * `overhead` stage), as CloudWatch's `Latency` less `IntegrationLatency`
 * counts them. The response template's time thus comes before the
 * integration, not after: the same latency for every answered request; the
 * integration time-out starts that much later (a millisecond or two).
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt } from '../component.js';
import { recordStage, STAGE_OVERHEAD } from '../stage-timing.js';
import type { Distribution } from '../shared/distribution.js';
import { afterDelay, Stage, type StageHost } from './front-door-stage.js';

export interface MappingOptions {
  /** The request template's time (null: none). */
  request: Distribution | null;
  /** The response template's time (null: none). */
  response: Distribution | null;
}

export class MappingStage extends Stage {
  readonly name = 'mapping';
  private stream!: RandomStream;

  constructor(
    private readonly doorId: string,
    private readonly options: MappingOptions,
  ) {
    super();
  }

  override start(host: StageHost): void {
    super.start(host);
    this.stream = host.ctx.streams.get(`${this.doorId}.mapping`);
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    const { request, response } = this.options;
    const templatesMs = (request ? request.sample(this.stream) : 0) + (response ? response.sample(this.stream) : 0);
    recordStage(attempt, STAGE_OVERHEAD, attempt.overheadMs + templatesMs);
    this.pass(attempt, nowMs, afterDelay(delayMs, templatesMs));
  }
}
