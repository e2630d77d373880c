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
import { ShareRefusalStage } from './share-refusal-stage.js';

export class ResourcePolicyStage extends ShareRefusalStage {
  readonly name = 'resourcePolicy';

  constructor(doorId: string, /** Share of requests from a source the policy denies. */ deniedRatio: number) {
    super(doorId, deniedRatio, { cause: 'policy-denied', event: 'resourcePolicyDenied', counter: 'refused', billed: false });
  }
}
