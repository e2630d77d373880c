/**
 * Amazon DynamoDB tables as a back end (src/model/dynamodb/): the capacity
 * modes' limits and defaults, how an item's size becomes request units, and
 * how the AWS SDK retries a throttled call, each with the AWS document
 * behind it. Validation, the model and the bill read them here; this folder
 * imports nothing.
 *
 * A table is reached two ways: straight from a REST API's AWS service
 * integration (`integration.type: dynamodb`, a mapping template turns the
 * request into GetItem or PutItem, no function in between), or from a Lambda
 * function with the AWS SDK (`integration.dynamodb` on a Lambda integration).
 * HTTP APIs have no DynamoDB integration: their first-class integrations are
 * EventBridge-PutEvents, SQS-SendMessage/ReceiveMessage/DeleteMessage/
 * PurgeQueue, AppConfig-GetConfiguration, Kinesis-PutRecord and
 * StepFunctions-StartExecution/StartSyncExecution/StopExecution
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html).
 */

export type TableMode = 'on-demand' | 'provisioned';
export type TableOperation = 'read' | 'write';
export type ReadConsistency = 'eventual' | 'strong';

const KB = 1024;

/**
 * Request units (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html,
 * "Read request units and write request units"): "One read request unit
 * represents one strongly consistent read operation per second, or two
 * eventually consistent read operations per second, for an item up to 4 KB
 * in size"; "One write request unit represents one write operation per
 * second, for an item up to 1 KB in size." Larger items take one more unit
 * per started 4 KB (reads) or 1 KB (writes); provisioned capacity units are
 * the same sizes (https://aws.amazon.com/dynamodb/pricing/provisioned/).
 * Transactions (two units) are not modelled.
 */
export const TABLE_UNITS = { readUnitBytes: 4 * KB, writeUnitBytes: 1 * KB, eventualReadShare: 0.5 } as const;

/** "The maximum item size in DynamoDB is 400 KB" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
export const MAX_ITEM_BYTES = 400 * KB;

/** Request (or capacity) units one call takes for an item of `itemBytes`. */
export function unitsPerCall(operation: TableOperation, itemBytes: number, consistency: ReadConsistency): number {
  if (operation === 'write') return Math.max(1, Math.ceil(itemBytes / TABLE_UNITS.writeUnitBytes));
  const units = Math.max(1, Math.ceil(itemBytes / TABLE_UNITS.readUnitBytes));
  return consistency === 'strong' ? units : units * TABLE_UNITS.eventualReadShare;
}

/**
 * On-demand scaling (on-demand-capacity-mode.html, "Initial throughput and
 * scaling properties", and https://repost.aws/knowledge-center/on-demand-table-throttling-dynamodb):
 * "On-demand capacity mode instantly accommodates up to double the previous
 * peak traffic on a table"; a sustained new peak "becomes your new previous
 * peak"; "If you exceed double your previous traffic's peak within 30
 * minutes, then you might experience throttling"; "For new on-demand tables,
 * you can immediately drive up to 4,000 write request units or 12,000 read
 * request units". So a new table's previous peak is half of those. The
 * default table quota is 40,000 read and 40,000 write request units a second
 * (same knowledge-center page), the most a scenario may ask for.
 */
export const ON_DEMAND = {
  peakFactor: 2,
  peakTrackingMs: 30 * 60_000,
  newTablePeakPerS: { read: 12_000 / 2, write: 4_000 / 2 },
  tableQuotaPerS: 40_000,
  /**
   * ASSUMPTION: the peak is measured over one-second windows (the unit of
   * request units per second); AWS does not say how long a peak must last.
   */
  windowMs: 1000,
} as const;

/**
 * Provisioned mode: burst capacity, "DynamoDB currently retains up to 5
 * minutes (300 seconds) of unused read and write capacity"; "a DynamoDB table
 * has its capacity provisioned at 150 RCUs and has no usage in the last 5
 * minutes ... the table has 45,000 read units of burst capacity (150 * 300)"
 * (https://repost.aws/knowledge-center/dynamodb-spiky-workloads-short-intervals).
 * ASSUMPTION: the run starts with the burst capacity full (an idle table).
 * Auto scaling (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html
 * and https://repost.aws/knowledge-center/dynamodb-auto-scaling): target
 * utilisation 20 % to 90 % (70 % the console's default); it "increases
 * provisioned capacity when utilization exceeds" the target "for at least 2
 * consecutive minutes" and "decreases provisioned capacity when utilization
 * is 20% or more below the target for 15 consecutive minutes"; "the
 * CloudWatch alarm might have a short delay of up to a few minutes", then
 * UpdateTable takes "several minutes" during which "any requests that exceed
 * the previous provisioned capacity of the table are throttled".
 * ASSUMPTION: two minutes from the alarm to the new capacity in all (the
 * scenario may change it).
 */
export const PROVISIONED = {
  burstSeconds: 300,
  minTargetUtilization: 0.2,
  maxTargetUtilization: 0.9,
  defaultTargetUtilization: 0.7,
  scaleUpMinutes: 2,
  scaleDownMinutes: 15,
  scaleDownMargin: 0.2,
  defaultScalingDelayMs: 2 * 60_000,
  /** Provisioned capacity is 1 to the table quota, 40,000 units a second by default. */
  maxUnits: 40_000,
} as const;

/**
 * The AWS SDK's standard retry mode (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html):
 * "The default maximum number of attempts with this mode is three"; it uses
 * exponential backoff with jitter and a retry quota. The JavaScript SDK v3's
 * StandardRetryStrategy waits a full-jitter share of 100 ms × 2^attempt
 * (DEFAULT_RETRY_DELAY_BASE 100 ms; 500 ms after a throttling error,
 * THROTTLING_RETRY_DELAY_BASE), at most 20 s (MAXIMUM_RETRY_DELAY), and its
 * quota is 500 tokens, 5 a retry, 10 after a time-out, 1 back per success
 * (@smithy/util-retry constants). ProvisionedThroughputExceededException is
 * a throttling error, so the throttle base applies.
 */
export const SDK_STANDARD_RETRY = {
  attempts: 3,
  throttleBaseMs: 500,
  capMs: 20_000,
  quota: { tokens: 500, cost: 5, timeoutCost: 10, refund: 1 },
} as const;

/**
 * DynamoDB answers a throttled request with HTTP 400 and
 * ProvisionedThroughputExceededException (or ThrottlingException)
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
 * Behind a REST API's AWS service integration the integration response maps
 * it; ASSUMPTION: to 500, the issue's and most templates' choice (an
 * unmapped error would pass as the default response's 200). API Gateway
 * does not retry an integration call.
 */
export const TABLE_THROTTLE_STATUS = 400;

/**
 * ASSUMPTION: AWS publishes "single-digit millisecond" latency for DynamoDB
 * (on-demand-capacity-mode.html) and no distribution; p50 4 ms, p99 15 ms
 * in-Region, a common measurement of GetItem and PutItem from Lambda.
 */
export const TABLE_LATENCY = { p50: 4, p99: 15 } as const;
