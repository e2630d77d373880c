/**
 * The four front doors side by side (DESIGN §4.3): what each one offers,
 * its limits and defaults, and the status a client sees for each failure.
 * Everything that differs between REST, HTTP and WebSocket APIs and the
 * Application Load Balancer is data in this file; the model itself
 * (./front-door.ts) is one pipeline.
 *
 * Every figure cites the AWS document it comes from. Latencies AWS does not
 * publish are marked ASSUMPTION.
 */
import type { ReplyCause } from '../component.js';

export type FrontDoorType = 'rest' | 'http' | 'websocket' | 'alb' | 'eventbridge';
/** What a scenario's api.type may be: the four front doors, and an event bus for the asynchronous path. */
export const FRONT_DOOR_TYPES: readonly FrontDoorType[] = ['rest', 'http', 'websocket', 'alb', 'eventbridge'];
/** The synchronous front doors, which `compare` and `price` set side by side. */
export const SYNC_FRONT_DOOR_TYPES: readonly FrontDoorType[] = ['rest', 'http', 'websocket', 'alb'];

export type AuthorizerType = 'lambda' | 'jwt' | 'iam' | 'cognito' | 'oidc';

/** A feature a scenario can ask for, and the front doors that offer it. */
export type Feature = 'cache' | 'usagePlan' | 'stageThrottle' | 'routeThrottle' | 'accountThrottle' | 'gatewayResponses' | 'connections' | 'waf' | 'edgeEndpoint' | 'privateEndpoint' | 'executionLogs' | 'accessLogs';

export interface FrontDoorProfile {
  readonly type: FrontDoorType;
  /** As AWS names it. */
  readonly label: string;
  readonly features: ReadonlySet<Feature>;
  readonly authorizers: readonly AuthorizerType[];
  /** Added latency when the scenario gives none (percentiles of a log-normal). */
  readonly overhead: { readonly p50: number; readonly p99: number };
  /** How long the front door waits for the integration by default, and the most a user may set. */
  readonly integrationTimeoutMs: number;
  readonly maxIntegrationTimeoutMs: number;
  readonly minIntegrationTimeoutMs: number;
  /** Largest request and response the front door passes (→ 413 / response error). */
  readonly requestLimitBytes: number;
  readonly responseLimitBytes: number;
  /**
   * Billing unit size: a request (HTTP API) or message (WebSocket, each way)
   * counts as ceil(bytes / unit) billed requests; Infinity: one per request.
   */
  readonly meteringBytes: number;
  /** Status the client sees, by cause (a cause not listed passes the integration's status through). */
  readonly statusByCause: Readonly<Partial<Record<ReplyCause, number>>>;
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
const COMMON: Partial<Record<ReplyCause, number>> = {
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
  type: 'rest',
  label: 'REST API',
  // endpoint types: edge-optimized (the default AWS gives a REST API), Regional or private
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html);
  // HTTP APIs are Regional only (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html), and so are WebSocket APIs;
  // execution logging to CloudWatch Logs: https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-execution-logging.html
  features: new Set(['cache', 'usagePlan', 'stageThrottle', 'routeThrottle', 'accountThrottle', 'gatewayResponses', 'waf', 'edgeEndpoint', 'privateEndpoint', 'executionLogs', 'accessLogs']),
  authorizers: ['lambda', 'cognito', 'iam'],
  // ASSUMPTION: AWS publishes no overhead figure for REST APIs; HTTP APIs
  // are "up to 60%" faster (see HTTP below), and REST APIs typically add
  // 10-30 ms at the median in-Region (CloudWatch Latency minus IntegrationLatency).
  overhead: { p50: 12, p99: 40 },
  integrationTimeoutMs: 29_000,
  minIntegrationTimeoutMs: 50,
  maxIntegrationTimeoutMs: 300_000,
  requestLimitBytes: 10 * MB,
  responseLimitBytes: 10 * MB,
  meteringBytes: Infinity,
  statusByCause: {
    ...COMMON,
    'integration-timeout': 504,
    'lambda-throttle': 500,
    'lambda-error': 502,
    'lambda-timeout': 502,
    'response-too-large': 502,
    'auth-failure': 500,
    'gateway-error': 500,
  },
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
  type: 'http',
  label: 'HTTP API',
  // no execution logs, access logs only (Monitoring table of https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html)
  features: new Set(['stageThrottle', 'routeThrottle', 'accountThrottle', 'accessLogs']),
  authorizers: ['jwt', 'lambda', 'iam'],
  // AWS: "99% of all requests (p99) have less than 10 ms of additional latency
  // from HTTP API", and "up to 60% reduction in latency" against REST APIs
  // (https://aws.amazon.com/blogs/compute/building-better-apis-http-apis-now-generally-available/).
  overhead: { p50: 4, p99: 9 },
  integrationTimeoutMs: 30_000,
  minIntegrationTimeoutMs: 50,
  maxIntegrationTimeoutMs: 30_000,
  requestLimitBytes: 10 * MB,
  responseLimitBytes: 10 * MB,
  // "Requests are metered in 512 KB increments" (https://aws.amazon.com/api-gateway/pricing/)
  meteringBytes: 512 * KB,
  statusByCause: {
    ...COMMON,
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
  type: 'websocket',
  label: 'WebSocket API',
  // execution and access logging: https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html
  features: new Set(['stageThrottle', 'routeThrottle', 'accountThrottle', 'connections', 'executionLogs', 'accessLogs']),
  authorizers: ['lambda', 'iam'],
  // ASSUMPTION: a message on an open connection skips the TLS and HTTP
  // request set-up, so less than an HTTP API request.
  overhead: { p50: 5, p99: 20 },
  integrationTimeoutMs: 29_000,
  minIntegrationTimeoutMs: 50,
  maxIntegrationTimeoutMs: 29_000,
  requestLimitBytes: 128 * KB,
  responseLimitBytes: 128 * KB,
  // "messages are metered in 32 KB increments" (https://aws.amazon.com/api-gateway/pricing/)
  meteringBytes: 32 * KB,
  statusByCause: {
    ...COMMON,
    'integration-timeout': 504,
    'lambda-throttle': 500,
    'lambda-error': 502,
    'lambda-timeout': 502,
    'response-too-large': 502,
    'auth-failure': 500,
    'gateway-error': 500,
  },
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
/* An ALB writes its access logs to S3, not CloudWatch Logs (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html): no 'accessLogs' feature. */
const ALB: FrontDoorProfile = {
  type: 'alb',
  label: 'Application Load Balancer',
  // its access logs go to S3, not CloudWatch Logs (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html)
  features: new Set(['waf']),
  authorizers: ['oidc', 'cognito'],
  // ASSUMPTION: an ALB forwards at layer 7 without request transformation;
  // a few milliseconds (TargetResponseTime excludes it).
  overhead: { p50: 3, p99: 10 },
  integrationTimeoutMs: 60_000,
  minIntegrationTimeoutMs: 1_000,
  maxIntegrationTimeoutMs: 4_000_000,
  requestLimitBytes: 1 * MB,
  responseLimitBytes: 1 * MB,
  meteringBytes: Infinity, // billed by LCU (processed bytes, connections, rules), not per request
  statusByCause: {
    ...COMMON,
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
 * The asynchronous alternative (src/model/events/event-bus.ts): the
 * producer calls EventBridge's PutEvents, which answers as soon as the
 * event is accepted; rules deliver it to Lambda later. Quotas
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html):
 * "PutEvents throttle limit in transactions per second", us-east-1 10,000
 * (see defaults.ts); an entry may be up to 1 MB since AWS "raised the
 * maximum payload size from 256 KB to 1 MB for asynchronous AWS Lambda
 * function invocations, Amazon Simple Queue Service (Amazon SQS), and
 * Amazon EventBridge" (AWS Compute Blog, 2026-01-29,
 * https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb);
 * a larger one is refused as a validation error (400). Throttled calls fail with a
 * ThrottlingException, which the AWS SDKs retry as a throttle: counted here
 * as 429 with the front doors' throttles. Custom events are "billed as 1
 * event" per 64 KB chunk (https://aws.amazon.com/eventbridge/pricing/).
 */
const EVENTBRIDGE: FrontDoorProfile = {
  type: 'eventbridge',
  label: 'EventBridge event bus',
  features: new Set(['accountThrottle']),
  authorizers: [], // PutEvents is signed with SigV4 and allowed by IAM, which the model takes as given
  // ASSUMPTION: AWS publishes no PutEvents latency; tens of ms in-Region
  overhead: { p50: 20, p99: 60 },
  integrationTimeoutMs: Infinity, // nobody waits for the consumer
  minIntegrationTimeoutMs: Infinity,
  maxIntegrationTimeoutMs: -Infinity,
  requestLimitBytes: 1 * MB,
  responseLimitBytes: Infinity,
  meteringBytes: 64 * KB,
  statusByCause: { 'throttle-account': 429, 'payload-too-large': 400, 'gateway-error': 500 },
};

export const FRONT_DOORS: Readonly<Record<FrontDoorType, FrontDoorProfile>> = { rest: REST, http: HTTP, websocket: WEBSOCKET, alb: ALB, eventbridge: EVENTBRIDGE };

/** "REST APIs", "EventBridge event buses": a type's label in the plural, for error messages. */
export function pluralLabel(type: FrontDoorType): string {
  const label = FRONT_DOORS[type].label;
  return label.endsWith('s') ? `${label}es` : `${label}s`;
}

/** "REST API" or "REST API and HTTP API": the types that offer a feature, for error messages. */
export function typesOffering(feature: Feature): string {
  return joinLabels(FRONT_DOOR_TYPES.filter((t) => FRONT_DOORS[t].features.has(feature)));
}

export function typesWithAuthorizer(authorizer: AuthorizerType): string {
  return joinLabels(FRONT_DOOR_TYPES.filter((t) => FRONT_DOORS[t].authorizers.includes(authorizer)));
}

function joinLabels(types: readonly FrontDoorType[]): string {
  const labels = types.map((t) => FRONT_DOORS[t].label);
  if (labels.length <= 1) return labels[0] ?? 'no front door';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
