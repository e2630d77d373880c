/**
 * Defaults the scenario takes when a field is left out, each with the
 * document that sets it. Values AWS does not publish (gateway overhead, cold
 * start, keep-alive) are marked as assumptions with the observation they
 * rest on; override them with your own measurements.
 */

/** API Gateway quotas: "Throttle quota per account, per Region across HTTP APIs, REST APIs, WebSocket APIs, and WebSocket callback APIs: 10,000 requests per second (RPS) with an additional burst capacity provided by the token bucket algorithm, using a maximum bucket capacity of 5,000 requests." https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
export const ACCOUNT_THROTTLE_RATE_PER_S = 10_000;
export const ACCOUNT_THROTTLE_BURST = 5_000;

/** API Gateway quotas for REST APIs: "Integration timeout: 50 milliseconds - 29 seconds for all integration types". https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html */
export const REST_INTEGRATION_TIMEOUT_MS = 29_000;

/**
 * What a REST API client sees when Lambda throttles the integration: API
 * Gateway maps Lambda's 429 TooManyRequestsException to 500 Internal Server
 * Error unless a gateway response or integration response remaps it.
 * https://repost.aws/knowledge-center/api-gateway-500-error-vpc (and the Lambda Invoke API errors:
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors)
 */
export const REST_LAMBDA_THROTTLE_STATUS = 500;
/** A Lambda function error or malformed proxy response: 502 Bad Gateway. https://repost.aws/knowledge-center/malformed-502-api-gateway */
export const REST_LAMBDA_ERROR_STATUS = 502;

/**
 * ASSUMPTION: AWS publishes no figure for API Gateway's own latency. REST APIs
 * typically add ~10-30 ms at the median in the same Region (the difference
 * between CloudWatch Latency and IntegrationLatency); p50 12 ms, p99 40 ms.
 */
export const REST_OVERHEAD = { kind: 'percentiles', p50: 12, p99: 40 } as const;

/** Lambda quotas: "Concurrent executions: 1,000". https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const LAMBDA_ACCOUNT_CONCURRENCY = 1_000;
/** Lambda: "The default timeout value is 3 seconds". https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html */
export const LAMBDA_TIMEOUT_MS = 3_000;
/** Lambda: "Lambda allocates ... default 128 MB". https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html */
export const LAMBDA_MEMORY_MB = 128;
export const LAMBDA_MIN_MEMORY_MB = 128;
export const LAMBDA_MAX_MEMORY_MB = 10_240;

/**
 * ASSUMPTION: INIT time depends on runtime, package size and VPC; AWS's
 * "Operating Lambda: Performance optimization" post describes typical cold
 * starts "from under 100 ms to over 1 second". p50 250 ms, p99 900 ms.
 * https://aws.amazon.com/blogs/compute/operating-lambda-performance-optimization-part-1/
 */
export const LAMBDA_COLD_START = { kind: 'percentiles', p50: 250, p99: 900 } as const;

/**
 * ASSUMPTION: AWS does not document how long an idle execution environment
 * is kept; observations put it between 5 and 15 minutes (uniform here).
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html (no figure given)
 */
export const LAMBDA_KEEP_ALIVE = { kind: 'uniform', min: 5 * 60_000, max: 15 * 60_000 } as const;

/** RFC 9110 §15.6.4: 503 Service Unavailable, "the server is currently unable to handle the request due to a temporary overload". */
export const BACKEND_REJECT_STATUS = 503;

/** Drain: after the load stops, the run goes on at most this long for requests in flight to finish. */
export const DRAIN_LIMIT_MS = 5 * 60_000;
