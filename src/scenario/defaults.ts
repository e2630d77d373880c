/**
 * Defaults the scenario takes when a field is left out, each with the
 * document that sets it. Values AWS does not publish (gateway overhead, cold
 * start, keep-alive) are marked as assumptions with the observation they
 * rest on; override them with your own measurements.
 */

import { API_GATEWAY_ACCOUNT_BUCKET } from '../catalog/front-doors.js';

/** API Gateway's account quota in a Region (the catalog cites it). */
export const ACCOUNT_THROTTLE_RATE_PER_S = API_GATEWAY_ACCOUNT_BUCKET.rate;
export const ACCOUNT_THROTTLE_BURST = API_GATEWAY_ACCOUNT_BUCKET.burst;

/*
 * Front-door defaults (overhead, integration time-out, payload limits,
 * statuses) are per type, in src/catalog/front-doors.ts.
 */

/** REST API cache sizes in GB ("Enable API caching", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html). */
export const REST_CACHE_SIZES_GB = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237] as const;
/** REST API cache: "The default TTL value for API caching is 300 seconds. The maximum TTL value is 3600 seconds. TTL=0 means caching is disabled." (api-gateway-caching.html) */
export const REST_CACHE_TTL_MS = 300_000;
export const REST_CACHE_MAX_TTL_MS = 3_600_000;
/** REST API cache quota: "Maximum size of a cached response: 1048576 Bytes" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html). */
export const REST_CACHE_MAX_ENTRY_BYTES = 1_048_576;
/**
 * ASSUMPTION: AWS publishes no latency for a cache hit; it is served by the
 * gateway without the integration. p50 2 ms, p99 8 ms on top of the overhead.
 */
export const REST_CACHE_HIT_LATENCY = { kind: 'percentiles', p50: 2, p99: 8 } as const;

/**
 * ASSUMPTION: AWS publishes no latency for AWS WAF's inspection; it runs in
 * the request path of the REST API or ALB before anything else. p50 1 ms,
 * p99 3 ms on top of the front door's overhead (more rules, or rules that
 * inspect the body, take longer: set `api.waf.latency`).
 */
export const WAF_LATENCY = { kind: 'percentiles', p50: 1, p99: 3 } as const;
/** A web ACL's rules when the scenario does not say: the count billed per month (each rule or rule group counts once, https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/). */
export const WAF_RULES = 5;

/**
 * Lambda authorizer result caching: at most "3600 seconds"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization-with-console.html);
 * each front door's default is in its catalog profile (`authorizerCacheTtlMs`).
 */
export const AUTHORIZER_MAX_TTL_MS = 3_600_000;
/**
 * ASSUMPTION: checks the gateway does itself (JWT signature, SigV4, a
 * Cognito token) take about a millisecond; AWS publishes no figure.
 */
export const AUTHORIZER_CHECK_LATENCY = { kind: 'percentiles', p50: 1, p99: 4 } as const;
/**
 * ASSUMPTION: an OIDC login (redirect to the identity provider, sign-in
 * already remembered there, token exchange) takes a few hundred ms.
 */
export const OIDC_LOGIN_LATENCY = { kind: 'percentiles', p50: 300, p99: 1200 } as const;
/** ASSUMPTION: a small authorizer function's run time (a token check and a policy). */
export const AUTHORIZER_FUNCTION_DURATION = { kind: 'percentiles', p50: 15, p99: 60 } as const;

/** WebSocket APIs: "Connection duration for WebSocket API: 2 hours", "Idle Connection Timeout: 10 minutes", "New connections per second per account (across all WebSocket APIs) per Region: 500" (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html). */
export const WEBSOCKET_MAX_CONNECTION_MS = 2 * 3_600_000;
export const WEBSOCKET_IDLE_TIMEOUT_MS = 10 * 60_000;
export const WEBSOCKET_CONNECT_RATE_PER_S = 500;
/** ASSUMPTION: the connection bucket's burst is one second of its rate (AWS publishes the rate only). */
export const WEBSOCKET_CONNECT_BURST = 500;
/** WebSocket APIs: "Message payload size: 128 KB" (same quotas page), a PostToConnection body included. */
export const WEBSOCKET_MESSAGE_BYTES = 128 * 1024;
/** ASSUMPTION: AWS publishes no latency for PostToConnection; a batch of posts made at once, from a function in the API's Region. */
export const BROADCAST_POST_LATENCY = { kind: 'percentiles', p50: 8, p99: 40 } as const;

/** Route 53 health checks: "every 10 seconds or every 30 seconds" (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html); "If you don't specify a value for RequestInterval, the default value is 30 seconds" (https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html). */
export const ROUTE53_INTERVALS_MS: readonly number[] = [10_000, 30_000];
export const ROUTE53_INTERVAL_MS = 30_000;
/** The 10 s interval is "fast", billed as an optional feature (https://aws.amazon.com/route53/pricing/). */
export const ROUTE53_FAST_INTERVAL_MS = 10_000;
/** FailureThreshold: "Valid values are integers between 1 and 10"; "If you don't specify a value for FailureThreshold, the default value is three health checks" (API_HealthCheckConfig, above). */
export const ROUTE53_FAILURE_THRESHOLD = 3;
/** HealthCheckConfig.Regions: eight health-checking Regions (us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1), at least three when you choose (API_HealthCheckConfig, above). ASSUMPTION: one checker per Region. */
export const ROUTE53_CHECKERS = 8;
export const ROUTE53_MIN_CHECKERS = 3;
/** "If you're associating this record with a health check, we recommend that you specify a TTL of 60 seconds or less" (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-failover.html). */
export const ROUTE53_FAILOVER_TTL_MS = 60_000;

/** "Amazon API Gateway sends metric data to CloudWatch every minute" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html): an alarm on a canary's errors takes whole minutes. */
export const APIGW_METRIC_PERIOD_MS = 60_000;
/** PutMetricAlarm: "Period multiplied by EvaluationPeriods can't be more than 604,800 seconds. For alarms with a period of less than one hour (3,600 seconds), the total evaluation period can't be longer than one day" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html). */
export const ALARM_MAX_RANGE_MS = 604_800_000;
export const ALARM_MAX_RANGE_SHORT_PERIOD_MS = 86_400_000;
/** One day of one-minute periods: the most evaluation periods the limits above allow an alarm on API Gateway's metrics. */
export const ALARM_MAX_EVALUATION_PERIODS = 1_440;
/**
 * From a canary's alarm period's end to its rollback taking effect: CloudWatch's publish-and-evaluate lag.
 * API Gateway's "metric data is automatically sent to CloudWatch in one-minute periods"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/monitoring-cloudwatch.html), and an alarm
 * with a period of a minute or more is evaluated once a minute, only sub-minute periods every 10 seconds
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html). ASSUMPTION: AWS
 * publishes no figure for the lag; one minute, the evaluation interval, with the alarm's action (a function
 * that removes the canary settings) taking a few seconds within it.
 */
export const CANARY_ROLLBACK_DELAY_MS = 60_000;
/** ASSUMPTION: AWS sets no objective for you; 99.9 % over 30 days is a common availability SLO, for the canary's error-budget figure. */
export const CANARY_SLO = 0.999;
export const CANARY_SLO_WINDOW_MS = 30 * 86_400_000;

/** Lambda quotas: "Concurrent executions: 1,000". https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const LAMBDA_ACCOUNT_CONCURRENCY = 1_000;
/** Lambda: "The default timeout value is 3 seconds". https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html */
export const LAMBDA_TIMEOUT_MS = 3_000;
/** Lambda: "Lambda allocates ... default 128 MB". https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html */
export const LAMBDA_MEMORY_MB = 128;
export const LAMBDA_MIN_MEMORY_MB = 128;
/** Lambda: synchronous invocation payload, "6 MB each for request and response" (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const LAMBDA_SYNC_PAYLOAD_BYTES = 6 * 1024 ** 2;
/** Lambda: "The maximum timeout value is 900 seconds (15 minutes)" (configuration-timeout.html). */
export const LAMBDA_MAX_TIMEOUT_MS = 900_000;
/** Lambda keeps at least 100 units of concurrency unreserved (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html). */
export const LAMBDA_MIN_UNRESERVED = 100;
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

/** The Region whose prices a scenario uses when it names none. */
export const COST_REGION = 'us-east-1';
/** ALB: "By default, Elastic Load Balancing sets the idle timeout value for your load balancer to 60 seconds" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout). */
export const ALB_IDLE_TIMEOUT_MS = 60_000;

/** Drain: after the load stops, the run goes on at most this long for requests in flight to finish. */
export const DRAIN_LIMIT_MS = 5 * 60_000;

/*
 * Where the clients are (docs/model.md: Network and endpoint types). Nothing here
 * applies unless the scenario gives clients.network or an edge-optimized
 * endpoint: a scenario without them is an in-Region call, as before.
 */

/**
 * ASSUMPTION: a client reaches its nearest CloudFront edge location in
 * about 20 ms round trip; AWS publishes no figure ("routes requests to the
 * nearest CloudFront Point of Presence", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html).
 */
export const EDGE_RTT_MS = 20;
/**
 * ASSUMPTION: a request passing through the API's managed CloudFront
 * distribution spends a few ms at the edge location (p50 2 ms, p99 8 ms);
 * AWS publishes no figure.
 */
export const EDGE_HOP_LATENCY = { kind: 'percentiles', p50: 2, p99: 8 } as const;
/** A new connection's handshakes before the request is sent: TCP (1 round trip) and TLS 1.3 (1; TLS 1.2 takes 2), RFC 8446 §2. */
export const HANDSHAKE_RTTS = 2;
/** A private API is reached through an interface VPC endpoint, billed per hour in each Availability Zone it is in (https://aws.amazon.com/privatelink/pricing/); two AZs is the least AWS recommends for availability. */
export const PRIVATE_ENDPOINT_AZS = 2;

/**
 * ASSUMPTION: a Network Load Balancer forwards at layer 4 in well under a
 * millisecond ("ultra-low latencies", https://aws.amazon.com/elasticloadbalancing/network-load-balancer/);
 * p50 0.3 ms, p99 1 ms. An ALB behind a VPC link takes the ALB front door's
 * assumption (src/catalog/front-doors.ts).
 */
export const NLB_LATENCY = { kind: 'percentiles', p50: 0.3, p99: 1 } as const;

/*
 * The asynchronous path (api.type: eventbridge; src/model/events/event-bus.ts).
 */

/**
 * ASSUMPTION: from an accepted event to its target's invocation. AWS
 * publishes no figure; the Amazon Key team reports "80ms p90 end-to-end
 * latency" on EventBridge (AWS Architecture Blog, "Mastering millisecond
 * latency and millions of events", 2026-02-04). p50 40 ms, p99 150 ms.
 */
export const EVENT_DELIVERY_LATENCY = { kind: 'percentiles', p50: 40, p99: 150 } as const;
/**
 * Lambda's asynchronous invocation: "If the function returns an error, by
 * default Lambda attempts to run it two more times, with a one-minute wait
 * between the first two attempts, and two minutes between the second and
 * third attempts. ... For throttling errors (429) and system errors
 * (500-series), Lambda returns the event to the queue and attempts to run
 * the function again for up to 6 hours by default. The retry interval
 * increases exponentially from 1 second after the first attempt to a
 * maximum of 5 minutes." (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html);
 * "Retry attempts ... between 0 and 2", "Maximum age of event ... up to 6
 * hours" (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html).
 */
export const LAMBDA_ASYNC_RETRIES = 2;
export const LAMBDA_ASYNC_RETRY_WAIT_MS = 60_000;
export const LAMBDA_ASYNC_MAX_EVENT_AGE_MS = 6 * 3_600_000;
export const LAMBDA_ASYNC_MIN_EVENT_AGE_MS = 60_000;
export const LAMBDA_ASYNC_THROTTLE_FIRST_MS = 1_000;
export const LAMBDA_ASYNC_THROTTLE_MAX_MS = 300_000;
/** "a hard limit of 5 targets per rule" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html); several rules may match one event. */
export const EVENT_TARGETS_PER_RULE = 5;
/** The most targets a scenario (`api.delivery.targets`) or `price --targets` may give an event: the model's bound, not an AWS quota. */
export const EVENT_TARGETS_MAX = 100;

/**
 * ASSUMPTION: bytes of execution log API Gateway writes per request. AWS
 * publishes no figure, only that each log event is "truncated at 1 KB"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-execution-logging.html)
 * and that a request writes several. How the defaults were chosen: the
 * execution log of a Lambda proxy request, as the console's test call
 * prints it, has 17 events ("Starting execution for request: <id>", "HTTP
 * Method: GET, Resource Path: /items", "Endpoint request URI: ...",
 * "Received response. Status: 200, Integration latency: 388 ms", "Method
 * completed with status: 200"...): most of 60 to 250 bytes, the header and
 * body events cut at the 1 KB cap, about 4 KB in all. Without data tracing
 * (request and response bodies not logged: "We recommend that you do not
 * use Full request and response logs for production APIs",
 * https://docs.aws.amazon.com/solutions/latest/amazon-marketing-cloud-uploader-from-aws/secure-logging-in-api-gateway-for-aws-service-apis.html)
 * about a dozen events are left: `info`, 2 KB. At ERROR level only the
 * events of a request that fails are written (e.g. "Execution failed due
 * to configuration error: Malformed Lambda proxy response" and "Method
 * completed with status: 502"): `errors`, 512 B. Measure yours with the
 * log group's IncomingBytes metric divided by the requests, and set
 * `cost.executionLogs.bytesPerRequest`.
 */
export const EXECUTION_LOG_BYTES_PER_REQUEST = { info: 2 * 1024, errors: 512 } as const;

/**
 * CloudWatch Logs bills storage on compressed bytes; 0.15 stored bytes per
 * ingested byte is the ratio the CloudWatch pricing page and the AWS Pricing
 * Calculator assume ("0.15 compression ratio for each uncompressed byte";
 * "Storage compression factor" 0.15), as third-party copies of both show.
 * Real ratios depend on the logs: repetitive lines compress better.
 */
export const LOG_COMPRESSION_RATIO = 0.15;
/**
 * CloudWatch Logs retention: "Possible values are: 1, 3, 5, 7, 14, 30, 60,
 * 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
 * and 3653" days; without a retention policy a log group's events never
 * expire (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
 */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The most rows a time series may have (duration / interval): a day at 0.1 s; apigw-sim's bound, so a typo cannot fill the memory with rows. */
export const MAX_SERIES_ROWS = 1_000_000;

/**
 * The largest monthly volume `price --requests` and `cost.monthlyRequests` take:
 * 1e15, a thousand times a trillion (a trillion a month is 380,000 requests/s all
 * month). apigw-sim's bound: past it the number is a typo, not a workload.
 */
export const MAX_MONTHLY_VOLUME = 1e15;
