/**
 * A REST API's resource policy that denies some sources (an IP range, a VPC
 * endpoint): "Before calling the Lambda authorizer, API Gateway first
 * evaluates the policy and checks for any explicit denials. If found, the
 * caller is denied access immediately"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html),
 * with 403, ACCESS_DENIED, "the gateway response for authorization failure"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 * A denied request is not billed: API Gateway does not charge for
 * authorization failures (an AWS expert: "You do not pay for requests which
 * are not authorized",
 * https://repost.aws/questions/QU5y4fo-e3RWyU5r4VmyPIzA/pricing-clarification-for-api-gateway).
 * ASSUMPTION: a resource policy's denial is such a failure; no AWS page
 * names resource policies.
 *
 * Which requests come from a denied source is drawn per attempt (the share
 * of traffic from those sources), from its own stream.
 */
import type { RandomStream } from '../../engine/random.js';
import type { Attempt } from '../component.js';
import { Stage, type StageHost } from './front-door-stage.js';

export class ResourcePolicyStage extends Stage {
  readonly name = 'resourcePolicy';
  private stream!: RandomStream;
  private deniedCounter = 0;

  constructor(
    private readonly doorId: string,
    /** Share of requests from a source the policy denies. */
    private readonly deniedRatio: number,
  ) {
    super();
  }

  override start(host: StageHost): void {
    super.start(host);
    this.stream = host.ctx.streams.get(`${this.doorId}.resourcePolicy`);
    this.deniedCounter = host.ctx.metrics.counterId('resourcePolicyDenied');
  }

  enter(attempt: Attempt, nowMs: number, delayMs: number): void {
    if (!(this.stream.next() < this.deniedRatio)) return this.pass(attempt, nowMs, delayMs);
    if (attempt.counted) this.host.counters.refused++;
    this.host.ctx.metrics.countById(this.deniedCounter, nowMs, attempt.counted);
    this.host.answer(attempt, delayMs, 'policy-denied');
  }
}
