/**
 * The bounds every number a scenario (or a command-line flag) gives must
 * keep: AWS's own quota where AWS sets one, else apigw-sim's bound, each
 * with its reason. A value past its bound is refused before anything runs,
 * with the bound and the reason (docs/scenario-reference.md: Limits); a
 * value too large for a double (`1e400`, `.inf`) or not a number (`.nan`) is
 * refused in words. What a whole run may cost, events and memory, is
 * checked on top of these (./run-estimate.ts).
 */

/**
 * The longest duration any field takes: 3653 days, the longest retention
 * CloudWatch Logs offers (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html),
 * the longest period in the model.
 */
export const MAX_DURATION_MS = 3653 * 86_400_000;
/**
 * The highest rate any field takes: 1e9 per second, 100,000 times API
 * Gateway's default account quota of 10,000 requests per second
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 * apigw-sim's bound: past it the number is a typo.
 */
export const MAX_RATE_PER_S = 1e9;
/** The largest size any field takes: 1 TB, the largest unit (the largest AWS size in the model is the 237 GB REST cache). apigw-sim's bound. */
export const MAX_SIZE_BYTES = 1024 ** 4;
/** The largest count (a quota's requests, a month's volume): 1e15, a thousand times a trillion. apigw-sim's bound. */
export const MAX_COUNT = 1e15;
/** The largest token-bucket burst: 1e9 requests, 200,000 times API Gateway's account burst of 5,000 (limits.html). apigw-sim's bound. */
export const MAX_BURST = 1e9;

/**
 * Lambda concurrency: "Concurrent executions: 1,000", which "can be increased
 * up to tens of thousands" (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html):
 * an account's limit, and so every function's reserved, provisioned and warm
 * environments, is at most 100,000.
 */
export const MAX_LAMBDA_CONCURRENCY = 100_000;
/**
 * "API keys per account per Region: 10000", not adjustable
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html):
 * behind a usage plan each caller is an API key.
 */
export const MAX_API_KEYS = 10_000;
/** Distinct callers without a usage plan: 10 million, apigw-sim's bound (each costs memory: ./run-estimate.ts). */
export const MAX_CALLERS = 10_000_000;
/** Closed-loop virtual users: 1 million, apigw-sim's bound. */
export const MAX_VIRTUAL_USERS = 1_000_000;
/** Cache keys: 100 million, apigw-sim's bound (a key costs about 50 bytes of tables). */
export const MAX_KEYS = 100_000_000;
/** Servers of an HTTP service: 1 million, apigw-sim's bound. */
export const MAX_SERVERS = 1_000_000;
/** Places in an HTTP service's queue (or requests waiting in it at the start): 1 billion, apigw-sim's bound; the queue holds only what arrives. */
export const MAX_QUEUE = 1e9;
/**
 * Routes: 10,000. AWS's default is 300 per API, adjustable ("Resources per
 * API: 300" for REST APIs, api-gateway-execution-service-limits-table.html;
 * "Routes per API: 300" for HTTP APIs, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
 */
export const MAX_ROUTES = 10_000;
/** Members of a WebSocket room (api.broadcast.roomSize): 100,000, apigw-sim's bound (each message costs a step per member); AWS limits the posts a second, not the room (the account's throttle quota). */
export const MAX_ROOM_SIZE = 100_000;
/** Entries of any other list (profile phases, spikes, failure windows, statuses to retry): 10,000, apigw-sim's bound. */
export const MAX_LIST = 10_000;
/**
 * A log line: "Each log event can be no larger than 1 MB"
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html);
 * apigw-sim takes the same bound for a request's execution log.
 */
export const MAX_LOG_BYTES_PER_REQUEST = 1024 ** 2;
/**
 * ALB listener rules evaluated per request: 1,000. AWS's default quota is
 * "Rules per Application Load Balancer (excluding default rules): 100",
 * adjustable (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html).
 */
export const MAX_ALB_RULES = 1_000;
/** A weight, a retry budget's tokens or cost, a slow-down factor: 1e6, apigw-sim's bound (they are relative or small). */
export const MAX_FACTOR = 1e6;
/**
 * A log-normal's sigma (of ln ms): at most 20, whether given or fitted to
 * p50 and p99 (p99 up to e^46 times p50); past it a draw can overflow a
 * double. Its mu: at most ln of the longest duration, so the median fits.
 */
export const MAX_LOGNORMAL_SIGMA = 20;
export const MAX_LOGNORMAL_MU = Math.log(MAX_DURATION_MS);
export const MIN_LOGNORMAL_MU = -50;
