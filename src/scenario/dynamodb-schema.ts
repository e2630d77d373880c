/**
 * A DynamoDB table in a scenario: the direct REST integration
 * (`integration.type: dynamodb`) and the table a Lambda function calls with
 * the AWS SDK (`integration.dynamodb`), with their units (capacity `100WCU`,
 * a peak `500WRU/s`) and the rules that tie them together, each with the
 * limit it enforces (src/catalog/tables.ts).
 */
import { z } from 'zod';
import { MAX_ITEM_BYTES, ON_DEMAND, PROVISIONED, SDK_STANDARD_RETRY } from '../catalog/tables.js';
import { valueOrDistribution } from './distribution-schema.js';
import { duration, DURATION_PATTERN, real, size, whole } from './unit-schema.js';
import { describeValue, parseDuration, UnitError } from './units.js';

/** Capacity (`100RCU`, `25WCU`) or a rate of request units (`500RRU/s`, `200WRU/s`). */
export type CapacityUnit = 'RCU' | 'WCU' | 'RRU/s' | 'WRU/s';
export interface CapacityValue {
  readonly value: number;
  readonly unit: CapacityUnit;
}

const CAPACITY_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(RCU|WCU|RRU\s*\/\s*s|WRU\s*\/\s*s)$/;
const CAPACITY_PATTERN = String.raw`^\d*\.?\d+\s*(RCU|WCU|RRU\s*/\s*s|WRU\s*/\s*s)$`;

/** `100RCU`, `25 WCU`, `500RRU/s`: the number and its unit; a plain number is refused with the unit to add. */
export function parseCapacity(value: unknown, units: readonly CapacityUnit[]): CapacityValue {
  const example = (n: string) => units.map((u) => `${n}${u}`).join(' or ');
  const match = typeof value === 'string' ? CAPACITY_RE.exec(value.trim()) : null;
  if (!match) {
    if (typeof value === 'number') throw new UnitError(`${describeValue(value)} has no unit`, `add the unit: ${example(String(value))} (read capacity units for reads, write capacity units for writes)`);
    throw new UnitError(`${describeValue(value)} is not a capacity`, `write it like ${example('100')}`);
  }
  const unit = match[2].replace(/\s+/g, '') as CapacityUnit;
  if (!units.includes(unit)) throw new UnitError(`"${value as string}" is in ${unit}, not ${units.join(' or ')}`, `write it like ${example(match[1])}`);
  const n = Number(match[1]);
  if (!(n > 0) || n > PROVISIONED.maxUnits) throw new UnitError(`"${value as string}" is outside 1 to 40,000`, 'DynamoDB tables take up to 40,000 read and 40,000 write units a second by default (the table quota)');
  return { value: n, unit };
}

const capacity = (units: readonly CapacityUnit[], description: string) =>
  z
    .unknown()
    .transform((v, ctx) => {
      try {
        return parseCapacity(v, units);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message, params: { hint: error.hint } });
        return z.NEVER;
      }
    })
    .meta({ type: 'string', pattern: CAPACITY_PATTERN, description });

const table = z
  .strictObject({
    mode: z.enum(['on-demand', 'provisioned']).default('on-demand').describe('on-demand (pay per request, up to twice the previous peak at once) or provisioned (capacity units, with burst capacity and optional auto scaling)'),
    previousPeak: capacity(['RRU/s', 'WRU/s'], 'request units a second').optional().describe('on-demand: the highest traffic the table has served, e.g. 500WRU/s (default a new table\'s: 6000RRU/s, 2000WRU/s)'),
    readCapacity: capacity(['RCU'], 'read capacity units, e.g. 100RCU').optional().describe('provisioned: read capacity units, e.g. 100RCU (one strongly consistent 4 KB read a second each)'),
    writeCapacity: capacity(['WCU'], 'write capacity units, e.g. 50WCU').optional().describe('provisioned: write capacity units, e.g. 50WCU (one 1 KB write a second each)'),
    autoScaling: z
      .strictObject({
        targetUtilization: real(0, 1).prefault(PROVISIONED.defaultTargetUtilization).describe('consumed over provisioned capacity the policy aims at, 0.2 to 0.9'),
        max: capacity(['RCU', 'WCU'], 'capacity units').optional().describe('the most it scales to (default 40000, the table quota), in the operation\'s unit'),
        delay: duration().prefault(`${PROVISIONED.defaultScalingDelayMs / 60_000}m`).describe('from the alarm to the new capacity in service (the alarm\'s delay and UpdateTable\'s)'),
      })
      .optional()
      .describe('provisioned: auto scaling by target tracking (its minimum is the provisioned capacity)'),
    latency: valueOrDistribution(parseDuration, '5ms', DURATION_PATTERN).optional().describe('latency of a call (default p50 4 ms, p99 15 ms)'),
  })
  .prefault({});

const callFields = {
  operation: z.enum(['read', 'write']).default('read').describe('read (GetItem) or write (PutItem), one per request'),
  item: size().prefault('1KB').describe('item size: reads take a unit per 4 KB, writes per 1 KB (at most 400KB)'),
  consistency: z.enum(['eventual', 'strong']).default('eventual').describe('reads: eventual (half a unit per 4 KB) or strong'),
  table: table.describe('the DynamoDB table'),
};

/** `integration.type: dynamodb`: a REST API's AWS service integration to the table, no function in between. */
export const dynamodbIntegrationSchema = z.strictObject({ type: z.literal('dynamodb'), ...callFields });

/** A Lambda function's calls to a table with the AWS SDK (standard retry mode). */
export const sdkTableSchema = z
  .strictObject({
    ...callFields,
    attempts: whole(1, 100).prefault(SDK_STANDARD_RETRY.attempts).describe("the SDK's max_attempts (standard mode: 3, the first included)"),
  })
  .describe('a DynamoDB table the function calls with the AWS SDK after its own work, retrying throttles as the SDK does');

type Problem = (path: PropertyKey[], message: string, hint: string) => void;
type TableCall = z.output<typeof dynamodbIntegrationSchema> | z.output<typeof sdkTableSchema>;

/** The table's rules for one call, at `at` (the path to the call's fields). */
export function checkTableCall(call: TableCall, at: PropertyKey[], problem: Problem): void {
  const t = call.table;
  const tableAt = [...at, 'table'];
  if (call.item > MAX_ITEM_BYTES) problem([...at, 'item'], 'is above 400KB', 'the maximum item size in DynamoDB is 400 KB');
  if (call.operation === 'write' && call.consistency === 'strong') problem([...at, 'consistency'], 'only applies to reads', 'a write has no read consistency; remove it');
  const wantRate = call.operation === 'read' ? 'RRU/s' : 'WRU/s';
  const wantCapacity = call.operation === 'read' ? 'readCapacity' : 'writeCapacity';
  const otherCapacity = call.operation === 'read' ? 'writeCapacity' : 'readCapacity';
  if (t.mode === 'on-demand') {
    for (const key of ['readCapacity', 'writeCapacity', 'autoScaling'] as const) {
      if (t[key] !== undefined) problem([...tableAt, key], 'only applies to provisioned mode', 'an on-demand table has no capacity to set: remove it, or set mode: provisioned');
    }
    if (t.previousPeak && t.previousPeak.unit !== wantRate) problem([...tableAt, 'previousPeak'], `is in ${t.previousPeak.unit}, but the calls are ${call.operation}s`, `give the peak in ${wantRate}, e.g. 500${wantRate}`);
    if (t.previousPeak && t.previousPeak.value * ON_DEMAND.peakFactor > ON_DEMAND.tableQuotaPerS) problem([...tableAt, 'previousPeak'], 'is above half the table quota (20,000 units a second)', 'the table quota (40,000 units a second) caps what on-demand serves');
    return;
  }
  if (t.previousPeak) problem([...tableAt, 'previousPeak'], 'only applies to on-demand mode', 'a provisioned table serves its capacity: remove it, or set mode: on-demand');
  if (t[wantCapacity] === undefined) problem([...tableAt, wantCapacity], `is required for ${call.operation}s on a provisioned table`, `give it with its unit, e.g. ${wantCapacity}: 100${call.operation === 'read' ? 'RCU' : 'WCU'}`);
  if (t[otherCapacity] !== undefined) problem([...tableAt, otherCapacity], `is not used: the calls are ${call.operation}s`, `remove it (the model sends one kind of call), or give ${wantCapacity}`);
  const scaling = t.autoScaling;
  if (!scaling) return;
  if (scaling.targetUtilization < PROVISIONED.minTargetUtilization || scaling.targetUtilization > PROVISIONED.maxTargetUtilization) {
    problem([...tableAt, 'autoScaling', 'targetUtilization'], `${scaling.targetUtilization} is outside 0.2 to 0.9`, 'DynamoDB auto scaling takes a target utilization of 20 % to 90 %');
  }
  const capacityUnit = call.operation === 'read' ? 'RCU' : 'WCU';
  if (scaling.max && scaling.max.unit !== capacityUnit) problem([...tableAt, 'autoScaling', 'max'], `is in ${scaling.max.unit}, but the calls are ${call.operation}s`, `give it in ${capacityUnit}, e.g. 1000${capacityUnit}`);
  const provisioned = t[wantCapacity];
  if (scaling.max && provisioned && scaling.max.value < provisioned.value) problem([...tableAt, 'autoScaling', 'max'], `is below the provisioned ${wantCapacity} (${provisioned.value}${capacityUnit})`, 'auto scaling starts from the provisioned capacity: give a max at least that');
}
