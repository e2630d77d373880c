/**
 * The synchronous front doors side by side (DESIGN §4.3): what each one
 * offers, its limits and defaults, and the status a client sees for each
 * failure. Everything that differs between REST, HTTP and WebSocket APIs and
 * the Application Load Balancer is data in this file; the model
 * (src/model/gateway/front-door.ts) is one pipeline whose stages a profile
 * turns on.
 *
 * Every figure cites the AWS document it comes from. Latencies AWS does not
 * publish are marked ASSUMPTION. This folder imports nothing: scenario
 * validation, the model, cost and the CLI all read it.
 */
import type { ReplyCause } from './reply-causes.js';

export type FrontDoorType = 'rest' | 'http' | 'websocket' | 'alb' | 'function-url';

export type AuthorizerType = 'lambda' | 'jwt' | 'iam' | 'cognito' | 'oidc';

/** What an integration behind an entry point may be (./integrations.ts). */
export type IntegrationType = 'lambda' | 'http' | 'sqs' | 'dynamodb' | 'stepfunctions' | 'sns';

/** Where a VPC link's traffic goes: a Network or Application Load Balancer, or AWS Cloud Map (no load balancer). */
export type VpcLinkTarget = 'nlb' | 'alb' | 'cloudmap';

/** A feature a scenario can ask for, and the entry points that offer it. */
export type Feature = 'cache' | 'usagePlan' | 'stageThrottle' | 'routeThrottle' | 'accountThrottle' | 'gatewayResponses' | 'connections' | 'waf' | 'edgeEndpoint' | 'privateEndpoint' | 'executionLogs' | 'accessLogs' | 'integrationTimeout' | 'canary' | 'requestValidation' | 'cors' | 'mappingTemplates' | 'resourcePolicy';

/**
 * The checks a request meets in a front door before its integration, each a
 * stage of the pipeline (src/model/gateway/front-door-stage.ts): a browser's
 * CORS preflight, AWS WAF, the resource policy, the payload limit, the
 * throttles, the authorizer, request validation, the response cache and the
 * mapping templates; and `meter`, the position from which requests are
 * billed. A stage the scenario does not configure is left out.
 */
export type FrontDoorStageName = 'cors' | 'waf' | 'resourcePolicy' | 'payloadLimit' | 'throttle' | 'authorizer' | 'meter' | 'validation' | 'cache' | 'mapping';

/**
 * The order they apply in:
 * - a browser sends its CORS preflight (OPTIONS) before the request it
 *   precedes, so that stage comes first;
 * - AWS WAF inspects a request before API Gateway handles it;
 * - "Before calling the Lambda authorizer, API Gateway first evaluates the
 *   [resource] policy and checks for any explicit denials. If found, the
 *   caller is denied access immediately"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html).
 *   ASSUMPTION: before the throttles too (AWS does not say; a denied caller
 *   then takes no token);
 * - throttled and unauthorised requests are not billed
 *   (https://aws.amazon.com/api-gateway/pricing/), so metering follows the
 *   throttles and the authorizer;
 * - request validation runs "before proceeding with the integration request"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html).
 *   ASSUMPTION: after the authorizer, as a REST API's execution log shows it
 *   (the authorizer's result, then the method request and its validation);
 *   AWS's documents give no order. A request refused by validation is
 *   billed: "You are only charged for requests that are valid and sent to
 *   the integration, or requests that failed request validation" (AWS
 *   expert answer, https://repost.aws/questions/QU5y4fo-e3RWyU5r4VmyPIzA/pricing-clarification-for-api-gateway);
 * - ASSUMPTION: the cache is looked up after authorization, as it stands in
 *   for the integration, which only an authorised request reaches;
 * - mapping templates transform the integration request and response, so
 *   only what goes to the integration meets them (ASSUMPTION: a cache hit
 *   skips them).
 */
export const STANDARD_STAGES: readonly FrontDoorStageName[] = ['cors', 'waf', 'resourcePolicy', 'payloadLimit', 'throttle', 'authorizer', 'meter', 'validation', 'cache', 'mapping'];

/** A token bucket: its steady rate per second and its capacity. */
export interface BucketQuota {
  readonly rate: number;
  readonly burst: number;
}

/** API Gateway quotas: "Throttle quota per account, per Region across HTTP APIs, REST APIs, WebSocket APIs, and WebSocket callback APIs: 10,000 requests per second (RPS) with an additional burst capacity provided by the token bucket algorithm, using a maximum bucket capacity of 5,000 requests." https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
export const API_GATEWAY_ACCOUNT_BUCKET: BucketQuota = { rate: 10_000, burst: 5_000 };

/** What every entry point has, synchronous or not (./entry-points.ts). */
export interface EntryPointBase {
  /** As AWS names it. */
  readonly label: string;
  /** For narrow table columns. */
  readonly shortLabel: string;
  readonly features: ReadonlySet<Feature>;
  readonly authorizers: readonly AuthorizerType[];
  /** The integrations it can call. */
  readonly integrations: readonly IntegrationType[];
  /** The targets it can reach through a VPC link (none: it cannot use one). */
  readonly vpcLinkTargets: readonly VpcLinkTarget[];
  /** Added latency when the scenario gives none (percentiles of a log-normal). */
  readonly overhead: { readonly p50: number; readonly p99: number };
  /** The account's request bucket in the Region when the scenario sets none; null: it has none (feature `accountThrottle`). */
  readonly accountBucket: BucketQuota | null;
  /** Largest request it accepts (→ 413, or 400 on an event bus). */
  readonly requestLimitBytes: number;
  /**
   * Billing unit size: a request (HTTP API), message (WebSocket, each way) or
   * event (EventBridge) counts as ceil(bytes / unit) billed units; Infinity:
   * one per request.
   */
  readonly meteringBytes: number;
  /** Status the client sees, by cause (a cause not listed passes the integration's status through). */
  readonly statusByCause: Readonly<Partial<Record<ReplyCause, number>>>;
}

export interface FrontDoorProfile extends EntryPointBase {
  /** The client waits for the integration's answer through it. */
  readonly mode: 'sync';
  readonly type: FrontDoorType;
  /** How long the front door waits for the integration by default, and the range a user may set. */
  readonly integrationTimeoutMs: number;
  readonly maxIntegrationTimeoutMs: number;
  readonly minIntegrationTimeoutMs: number;
  /** In front of a Lambda function it waits for the function's own time-out instead (an ALB). */
  readonly waitsForLambda: boolean;
  /** Largest response it passes (→ a response error). */
  readonly responseLimitBytes: number;
  /** The answer is metered too (a WebSocket reply is a message, billed like the request). */
  readonly meterResponses: boolean;
  /** The stages a request goes through, in order. */
  readonly stages: readonly FrontDoorStageName[];
  /** How long an authorizer's decision is cached when the scenario does not say, by authorizer type (absent: not cached). */
  readonly authorizerCacheTtlMs: Readonly<Partial<Record<AuthorizerType, number>>>;
  /** Authentication opens a session for this long (an ALB's listener), instead of each request being checked; null: none. */
  readonly authorizerSessionMs: number | null;
  /** Its WebSocket connections are authorized on \$connect, not each message. */
  readonly authorizesConnections: boolean;
}

const MB = 1024 ** 2;
const KB = 1024;

/**
 * Statuses every front door shares: throttling is "429 Too Many Requests";
 * a request body over the limit is 413 (API Gateway's REQUEST_TOO_LARGE
 * gateway response, https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 * A request AWS WAF blocks gets 403 (Forbidden), WAF's default Block
 * response (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-action-block.html).
 * AWS WAF protects REST APIs and Application Load Balancers, not HTTP or
 * WebSocket APIs (https://docs.aws.amazon.com/waf/latest/APIReference/API_WebACL.html).
 */
export const COMMON_STATUSES: Readonly<Partial<Record<ReplyCause, number>>> = {
  'waf-blocked': 403,
  'throttle-account': 429,
  'throttle-stage': 429,
  'throttle-route': 429,
  'throttle-usage-plan': 429,
  'throttle-quota': 429,
  'throttle-connection': 429,
  'payload-too-large': 413,
  'auth-unauthorized': 401,
  'auth-denied': 403,
};

/**
 * The statuses of the REST API's gateway responses (below), which WebSocket APIs share. A missing
 * or unknown API key on a method that requires one is INVALID_API_KEY, 403 (usage plans: REST only).
 */
const API_GATEWAY_STATUSES: Readonly<Partial<Record<ReplyCause, number>>> = {
  ...COMMON_STATUSES,
  'api-key-invalid': 403,
  // BAD_REQUEST_PARAMETERS and BAD_REQUEST_BODY, 400 (supported-gateway-response-types.html);
  // "When the validation fails, API Gateway immediately fails the request, returns a 400 error response"
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html)
  'request-invalid': 400,
  // a resource policy's explicit deny: ACCESS_DENIED, 403, "the gateway response for authorization failure"
  // (supported-gateway-response-types.html; apigateway-authorization-flow.html)
  'policy-denied': 403,
  'integration-timeout': 504,
  'lambda-throttle': 500,
  'lambda-error': 502,
  'lambda-timeout': 502,
  'response-too-large': 502,
  'auth-failure': 500,
  'gateway-error': 500,
};

/**
 * REST APIs. Gateway response types and default codes
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html):
 * INTEGRATION_TIMEOUT 504, INTEGRATION_FAILURE 504, AUTHORIZER_FAILURE 500,
 * ACCESS_DENIED 403, UNAUTHORIZED 401, THROTTLED 429, QUOTA_EXCEEDED 429,
 * REQUEST_TOO_LARGE 413. A Lambda function error or a malformed proxy
 * response is 502 (https://repost.aws/knowledge-center/malformed-502-api-gateway);
 * a throttled Lambda (429 TooManyRequestsException) reaches the client as
 * 500 (https://repost.aws/knowledge-center/api-gateway-internal-server-error).
 * Quotas: integration timeout 50 ms to 29 s, payload 10 MB
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html).
 * AWS raised the 29 s ceiling for Regional and private REST APIs through a
 * quota request in June 2024 (https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/);
 * the scenario accepts up to 300 s for that case.
 */
const REST: FrontDoorProfile = {
  mode: 'sync',
  type: 'rest',
  label: 'REST API',
  shortLabel: 'REST API',
  // endpoint types: edge-optimized (the default AWS gives a REST API), Regional or private
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html);
  // HTTP APIs are Regional only (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html), and so are WebSocket APIs;
  // execution logging to CloudWatch Logs: https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-execution-logging.html
  // canary release deployments are stage settings of REST APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html);
  // HTTP APIs have none ("Canary deployments", REST only: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html)
  // request validators (api-gateway-method-request-validation.html), mapping templates
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html), resource policies
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html): REST only among the
  // request-response APIs (http-api-vs-rest.html); CORS through an OPTIONS method, usually a mock integration
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html)
  features: new Set(['cache', 'usagePlan', 'stageThrottle', 'routeThrottle', 'accountThrottle', 'gatewayResponses', 'waf', 'edgeEndpoint', 'privateEndpoint', 'executionLogs', 'accessLogs', 'integrationTimeout', 'canary', 'requestValidation', 'cors', 'mappingTemplates', 'resourcePolicy']),
  authorizers: ['lambda', 'cognito', 'iam'],
  // sns: the AWS service integration's Publish (src/catalog/topics.ts)
  integrations: ['lambda', 'http', 'sqs', 'dynamodb', 'stepfunctions', 'sns'], // sqs: the AWS service integration's SendMessage (src/catalog/queues.ts); dynamodb: its GetItem/PutItem with a mapping template (src/catalog/tables.ts); stepfunctions: StartSyncExecution (src/catalog/step-functions.ts)
  // VPC link v1 to an NLB; v2 to an ALB or NLB (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-private-integration.html)
  vpcLinkTargets: ['nlb', 'alb'],
  // ASSUMPTION: AWS publishes no overhead figure for REST APIs; HTTP APIs
  // are "up to 60%" faster (see HTTP below), and REST APIs typically add
  // 10-30 ms at the median in-Region (CloudWatch Latency minus IntegrationLatency).
  // Checked against AWS's own figures (issue 33): "up to 60% reduction" from
  // HTTP's p50 of 4 ms gives a REST median of about 10 ms, and the p99 under
  // 10 ms that AWS gives for HTTP APIs against REST's 40 ms keeps that ratio
  // or more (https://aws.amazon.com/blogs/compute/building-better-apis-http-apis-now-generally-available/).
  // No published benchmark isolates the REST overhead from the network and
  // the integration, so the figure stays an assumption.
  overhead: { p50: 12, p99: 40 },
  accountBucket: API_GATEWAY_ACCOUNT_BUCKET,
  integrationTimeoutMs: 29_000,
  minIntegrationTimeoutMs: 50,
  maxIntegrationTimeoutMs: 300_000,
  waitsForLambda: false,
  requestLimitBytes: 10 * MB,
  responseLimitBytes: 10 * MB,
  meteringBytes: Infinity,
  meterResponses: false,
  stages: STANDARD_STAGES,
  // "The default TTL value is 300 seconds" for a Lambda authorizer's policy
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization-with-console.html)
  authorizerCacheTtlMs: { lambda: 300_000 },
  authorizerSessionMs: null,
  authorizesConnections: false,
  statusByCause: API_GATEWAY_STATUSES,
};

/**
 * HTTP APIs. Quotas: integration timeout 30 s at most, payload 10 MB
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
 * A Lambda integration that fails or answers badly gives
 * {"message":"Internal Server Error"}, 500
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html);
 * a throttled one 500 too (https://repost.aws/knowledge-center/api-gateway-5xx-error).
 * ASSUMPTION: AWS does not document the status of an HTTP API integration
 * time-out; users observe 503 {"message":"Service Unavailable"} at 30 s.
 * HTTP APIs have no usage plans, API keys or cache, and no customisable
 * gateway responses (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html).
 */
const HTTP: FrontDoorProfile = {
  mode: 'sync',
  type: 'http',
  label: 'HTTP API',
  shortLabel: 'HTTP API',
  // no execution logs, access logs only (Monitoring table of https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html)
  // CORS: "API Gateway automatically sends a response to preflight OPTIONS requests, even if there isn't an
  // OPTIONS route configured" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html);
  // no request validation, mapping templates or resource policies (http-api-vs-rest.html)
  features: new Set(['stageThrottle', 'routeThrottle', 'accountThrottle', 'accessLogs', 'integrationTimeout', 'cors']),
  authorizers: ['jwt', 'lambda', 'iam'],
  // no sns: the first-class integrations are EventBridge, SQS, AppConfig, Kinesis and Step Functions (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html)
  integrations: ['lambda', 'http', 'sqs', 'stepfunctions'], // sqs: SQS-SendMessage; stepfunctions: StepFunctions-StartSyncExecution, first-class integrations (src/catalog/step-functions.ts)
  // VPC link v2 to an ALB, an NLB or AWS Cloud Map (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-private-integration.html)
  vpcLinkTargets: ['nlb', 'alb', 'cloudmap'],
  // AWS: "99% of all requests (p99) have less than 10 ms of additional latency
  // from HTTP API", and "up to 60% reduction in latency" against REST APIs
  // (https://aws.amazon.com/blogs/compute/building-better-apis-http-apis-now-generally-available/).
  overhead: { p50: 4, p99: 9 },
  accountBucket: API_GATEWAY_ACCOUNT_BUCKET,
  integrationTimeoutMs: 30_000,
  minIntegrationTimeoutMs: 50,
  maxIntegrationTimeoutMs: 30_000,
  waitsForLambda: false,
  requestLimitBytes: 10 * MB,
  responseLimitBytes: 10 * MB,
  // "Requests are metered in 512 KB increments" (https://aws.amazon.com/api-gateway/pricing/)
  meteringBytes: 512 * KB,
  meterResponses: false,
  stages: STANDARD_STAGES,
  // a Lambda authorizer caches only when authorizerResultTtlInSeconds is set ("If it equals 0,
  // authorization caching is disabled", https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html)
  authorizerCacheTtlMs: { lambda: 0 },
  authorizerSessionMs: null,
  authorizesConnections: false,
  statusByCause: {
    ...COMMON_STATUSES,
    'integration-timeout': 503,
    'lambda-throttle': 500,
    'lambda-error': 500,
    'lambda-timeout': 500,
    'response-too-large': 500,
    'auth-failure': 500,
    'gateway-error': 500,
  },
};

/**
 * WebSocket APIs. Quotas: integration timeout 50 ms to 29 s, message
 * payload 128 KB (frames of 32 KB), connection duration 2 h, idle timeout
 * 10 min, 500 new connections per second per account and Region
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html).
 * A message's outcome reaches the client as an error frame; the codes here
 * are the HTTP equivalents, so outcomes count the same way as for the
 * other types.
 */
const WEBSOCKET: FrontDoorProfile = {
  mode: 'sync',
  type: 'websocket',
  label: 'WebSocket API',
  shortLabel: 'WebSocket API',
  // execution and access logging: https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html
  // request validation of a route's messages (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-request-validation.html)
  // and mapping templates (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html);
  // a browser does not preflight a WebSocket connection, so no CORS
  features: new Set(['stageThrottle', 'routeThrottle', 'accountThrottle', 'connections', 'executionLogs', 'accessLogs', 'integrationTimeout', 'requestValidation', 'mappingTemplates']),
  authorizers: ['lambda', 'iam'],
  integrations: ['lambda', 'http'],
  // through an NLB only (https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/websocket-api.html)
  vpcLinkTargets: ['nlb'],
  // ASSUMPTION: a message on an open connection skips the TLS and HTTP
  // request set-up, so less than an HTTP API request. No AWS document or
  // published benchmark gives a per-message figure (searched for issue 33).
  overhead: { p50: 5, p99: 20 },
  accountBucket: API_GATEWAY_ACCOUNT_BUCKET,
  integrationTimeoutMs: 29_000,
  minIntegrationTimeoutMs: 50,
  maxIntegrationTimeoutMs: 29_000,
  waitsForLambda: false,
  requestLimitBytes: 128 * KB,
  responseLimitBytes: 128 * KB,
  // "messages are metered in 32 KB increments" (https://aws.amazon.com/api-gateway/pricing/)
  meteringBytes: 32 * KB,
  // a reply to a message is a message, metered the same way
  meterResponses: true,
  stages: STANDARD_STAGES,
  // authorizers run on $connect only (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html)
  authorizerCacheTtlMs: { lambda: 0 },
  authorizerSessionMs: null,
  authorizesConnections: true,
  // the same gateway responses as a REST API's, as the HTTP equivalents of its error frames
  statusByCause: API_GATEWAY_STATUSES,
};

/**
 * Application Load Balancer. No request throttling: it scales with load
 * (billed in LCUs). With a Lambda target, request body and response JSON
 * are limited to 1 MB each, and "the load balancer waits until your Lambda
 * function responds or times out"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html).
 * Errors it generates (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html):
 * 413 for a request body over 1 MB to a Lambda target; 502 when "the target
 * is a Lambda function that returned an error or the function was throttled
 * by the Lambda service", timed out, or answered more than 1 MB; 504 when a
 * target does not answer within the idle timeout (60 s by default, 1 to
 * 4000 s: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html).
 * A back end that is down answers 502, not 503: with every target failing
 * its health checks the load balancer "fails open" and keeps sending them
 * requests (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html);
 * 503 is only for a target group with no registered targets, which a
 * scenario cannot describe.
 */
const ALB: FrontDoorProfile = {
  mode: 'sync',
  type: 'alb',
  label: 'Application Load Balancer',
  shortLabel: 'ALB',
  // its access logs go to S3, not CloudWatch Logs (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html)
  // its idle timeout is the integration time-out a scenario may set
  features: new Set(['waf', 'integrationTimeout']),
  authorizers: ['oidc', 'cognito'],
  integrations: ['lambda', 'http'],
  vpcLinkTargets: [], // it reaches targets in its VPC itself
  // ASSUMPTION: an ALB forwards at layer 7 without request transformation;
  // a few milliseconds (TargetResponseTime excludes it). AWS publishes no
  // figure, and the published ALB-against-API-Gateway comparisons measure
  // end to end from a client, network included (searched for issue 33).
  overhead: { p50: 3, p99: 10 },
  accountBucket: null, // it scales; no request throttling
  integrationTimeoutMs: 60_000,
  minIntegrationTimeoutMs: 1_000,
  maxIntegrationTimeoutMs: 4_000_000,
  // "the load balancer waits until your Lambda function responds or times out" (lambda-functions.html, above)
  waitsForLambda: true,
  requestLimitBytes: 1 * MB,
  responseLimitBytes: 1 * MB,
  meteringBytes: Infinity, // billed by LCU (processed bytes, connections, rules), not per request
  meterResponses: false,
  stages: STANDARD_STAGES,
  // authenticate actions: "The default is 7 days" of session timeout
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html)
  authorizerCacheTtlMs: {},
  authorizerSessionMs: 7 * 86_400_000,
  authorizesConnections: false,
  statusByCause: {
    ...COMMON_STATUSES,
    'integration-timeout': 504,
    'lambda-throttle': 502,
    'lambda-error': 502,
    'lambda-timeout': 502,
    'response-too-large': 502,
    'backend-down': 502,
    'auth-failure': 500,
    'gateway-error': 500,
  },
};

/**
 * A Lambda function URL: an HTTPS endpoint of the function itself
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html).
 * - Auth: AWS_IAM or NONE ("AuthType ... AWS_IAM | NONE",
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-url.html).
 * - No charge of its own: requests and duration are billed as the function's
 *   ("Function URLs are included in Lambda's request and duration pricing",
 *   https://aws.amazon.com/lambda/pricing/); responses leave at the data
 *   transfer rates.
 * - No throttles of its own: the function's concurrency limits it, and a
 *   throttled invocation answers 429 (urls-configuration.html, "Throttles and
 *   function URLs").
 * - The client waits as long as the function runs: its own time-out, up to
 *   900 s (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html).
 * - Payload: "BUFFERED ... The maximum payload size is 6 MB"; RESPONSE_STREAM
 *   "The maximum response payload size is 200 MB"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/config-rs-invoke-furls.html).
 *   The model is BUFFERED; streaming is not modelled yet.
 * ASSUMPTION: AWS documents no status for an unhandled function error, a
 * time-out or an oversized response behind a URL; 502, as API Gateway's
 * Lambda proxy answers them.
 */
const FUNCTION_URL: FrontDoorProfile = {
  mode: 'sync',
  type: 'function-url',
  label: 'Lambda function URL',
  shortLabel: 'Function URL',
  features: new Set([]),
  authorizers: ['iam'],
  integrations: ['lambda'],
  vpcLinkTargets: [],
  // ASSUMPTION: AWS publishes no added latency for a function URL; it routes straight to the function, as little as an ALB
  // (published comparisons say only "no API Gateway overhead", with no figure: searched for issue 33)
  overhead: { p50: 3, p99: 10 },
  accountBucket: null, // the function's concurrency is its only limit
  integrationTimeoutMs: Infinity,
  minIntegrationTimeoutMs: 0,
  maxIntegrationTimeoutMs: Infinity,
  waitsForLambda: true,
  requestLimitBytes: 6 * MB,
  responseLimitBytes: 6 * MB,
  meteringBytes: Infinity, // no per-request charge of its own
  meterResponses: false,
  stages: STANDARD_STAGES,
  authorizerCacheTtlMs: {},
  authorizerSessionMs: null,
  authorizesConnections: false,
  statusByCause: {
    ...COMMON_STATUSES,
    'lambda-throttle': 429,
    'lambda-error': 502,
    'lambda-timeout': 502,
    'response-too-large': 502,
    'integration-timeout': 504, // never armed: the function's own time-out applies
    'auth-failure': 500,
    'gateway-error': 500,
  },
};

/** The synchronous front doors, in the order `compare` and `price` set them side by side. */
export const FRONT_DOOR_PROFILES: readonly FrontDoorProfile[] = [REST, HTTP, WEBSOCKET, ALB, FUNCTION_URL];
