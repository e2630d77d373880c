/**
 * Builds a DynamoDB table (src/model/dynamodb/) from a scenario's call
 * fields and the catalog's limits (src/catalog/tables.ts): the direct REST
 * integration (`integration.type: dynamodb`, the `table` role on the bill),
 * and the table a Lambda function calls with the AWS SDK, behind a
 * dependency client retrying as the SDK's standard mode does.
 */
import { ON_DEMAND, PROVISIONED, SDK_STANDARD_RETRY, TABLE_LATENCY, TABLE_THROTTLE_STATUS, unitsPerCall } from '../catalog/tables.js';
import { DependencyClient } from '../model/client/dependency-client.js';
import { DynamoDbTable } from '../model/dynamodb/dynamodb-table.js';
import type { CapacityOptions } from '../model/dynamodb/table-capacity.js';
import type { Environment } from '../model/lambda/lambda-function.js';
import { createDistribution } from '../model/shared/distribution.js';
import { internJitter } from '../model/shared/backoff.js';
import type { RetryPolicy } from '../model/shared/retry-policy.js';
import type { BuiltIntegration } from './build-integration.js';
import type { DynamoDbIntegrationSpec, Scenario } from './schema.js';

type TableCall = Omit<DynamoDbIntegrationSpec, 'type'>;

/**
 * ASSUMPTION: behind API Gateway the integration response maps DynamoDB's
 * 400 throttle to 500 (src/catalog/tables.ts); the client sees that.
 */
const DIRECT_THROTTLE_STATUS = 500;

export function buildTable(id: string, call: TableCall, throttleStatus: number, measureUntilMs: number): DynamoDbTable {
  const t = call.table;
  const read = call.operation === 'read';
  const provisioned = read ? t.readCapacity : t.writeCapacity;
  const capacity: CapacityOptions =
    t.mode === 'on-demand'
      ? { mode: 'on-demand', previousPeakPerS: t.previousPeak?.value ?? ON_DEMAND.newTablePeakPerS[call.operation], peakFactor: ON_DEMAND.peakFactor, peakTrackingMs: ON_DEMAND.peakTrackingMs, windowMs: ON_DEMAND.windowMs, quotaPerS: ON_DEMAND.tableQuotaPerS }
      : { mode: 'provisioned', provisionedPerS: provisioned?.value ?? 1, burstSeconds: PROVISIONED.burstSeconds };
  const scaling = t.mode === 'provisioned' ? t.autoScaling : undefined;
  return new DynamoDbTable(id, {
    operation: call.operation,
    unitsPerCall: unitsPerCall(call.operation, call.item, call.consistency),
    capacity,
    autoScaling: scaling
      ? {
          targetUtilization: scaling.targetUtilization,
          minPerS: provisioned?.value ?? 1,
          maxPerS: scaling.max?.value ?? PROVISIONED.maxUnits,
          scaleUpMinutes: PROVISIONED.scaleUpMinutes,
          scaleDownMinutes: PROVISIONED.scaleDownMinutes,
          scaleDownMargin: PROVISIONED.scaleDownMargin,
          delayMs: scaling.delay,
        }
      : null,
    latency: createDistribution(t.latency ?? { kind: 'percentiles', ...TABLE_LATENCY }),
    throttleStatus,
    measureUntilMs,
  });
}

/** `integration.type: dynamodb`: API Gateway calls the table itself, once per request. */
export function buildDirectTable(scenario: Scenario): BuiltIntegration {
  const table = buildTable('table', scenario.integration as DynamoDbIntegrationSpec, DIRECT_THROTTLE_STATUS, scenario.duration);
  return { integration: table, extras: [], downstream: null, roles: { table } };
}

/** The AWS SDK's standard retry mode for a DynamoDB client: every throttle retried, full jitter from 500 ms, a 500-token quota. */
export function sdkRetryPolicy(attempts: number): RetryPolicy {
  return {
    attempts,
    statuses: new Set([TABLE_THROTTLE_STATUS]),
    on4xx: false,
    on5xx: true,
    onTimeout: true,
    backoff: { baseMs: SDK_STANDARD_RETRY.throttleBaseMs, capMs: SDK_STANDARD_RETRY.capMs, jitter: internJitter('full') },
    throttleDelayMs: 0,
  };
}

/** A function's table, called through an SDK client with the standard retry mode. */
export function buildSdkTable(call: TableCall & { attempts: number }, measureUntilMs: number): { table: DynamoDbTable; caller: DependencyClient<Environment> } {
  const table = buildTable('table', call, TABLE_THROTTLE_STATUS, measureUntilMs);
  const caller = new DependencyClient<Environment>('dependency', { timeoutMs: Infinity, retry: sdkRetryPolicy(call.attempts), budget: SDK_STANDARD_RETRY.quota }, table);
  return { table, caller };
}
