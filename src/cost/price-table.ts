/**
 * The price table's definition: one zod schema that checks a table (the
 * bundled ones in ./prices/ and a user's own `--prices file.json`) and
 * gives its type.
 *
 * Every figure is an object that carries the AWS page it comes from and the
 * date it was checked, so a figure cannot be added without its source.
 * Figures are stored as the pricing page prints them (`3.50` per million
 * requests, `0.0000166667` per GB-second), with the unit spelled out in
 * `per`, which the schema pins for each figure: a table that bills Lambda
 * per GB-hour is an error, not a silent factor of 3,600.
 *
 * Tier bounds (`upTo`) are in the figure's counted unit (requests, messages,
 * GB-seconds, GB) over the month, cumulative; the last tier has `upTo: null`.
 */
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = () => z.string().regex(ISO_DATE, 'a date like 2026-11-25');

const cited = {
  source: z.url({ protocol: /^https$/ }).describe('the page the figure was read from'),
  checked: isoDate().describe('when the figure was last checked against the page'),
  note: z.string().optional(),
};

/** A flat rate: `usd` per `per`. */
const rate = <P extends string>(per: P) => z.strictObject({ usd: z.number().min(0), per: z.literal(per), ...cited });

/**
 * A rate no source was found for in a Region (`usd: null`, and a `note`
 * that says so): the table can still price everything else, and a
 * workload that needs the figure is refused with a clear error
 * (./price-coverage.ts) instead of priced at a guess.
 */
const rateOrUnknown = <P extends string>(per: P) =>
  z
    .strictObject({ usd: z.number().min(0).nullable(), per: z.literal(per), ...cited })
    .refine((f) => f.usd !== null || (f.note ?? '').length > 0, { message: 'a figure with usd: null needs a note saying why', path: ['note'] });

const tier = z.strictObject({ upTo: z.number().positive().nullable(), usd: z.number().min(0) });

/** A rate that falls with the month's volume: each tier prices the volume up to its `upTo`; `tiers: null` when no source was found (see rateOrUnknown). */
const tiered = <P extends string, C extends string>(per: P, counted: C) =>
  z
    .strictObject({ per: z.literal(per), counted: z.literal(counted), tiers: z.array(tier).min(1).nullable(), ...cited })
    .superRefine((figure, ctx) => {
      if (figure.tiers === null) {
        if (!figure.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a figure with tiers: null needs a note saying why' });
        return;
      }
      const tiers = figure.tiers;
      tiers.forEach((t, i) => {
        const last = i === tiers.length - 1;
        const tierHint = { hint: 'tiers go up in volume: each upTo is the volume where the next tier starts, and the last tier has upTo: null' };
        if (last !== (t.upTo === null)) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'upTo'], message: last ? 'must be null in the last tier' : 'must be a number (only the last tier is open-ended)', params: tierHint });
        const before = i > 0 ? tiers[i - 1].upTo : 0;
        if (t.upTo !== null && before !== null && t.upTo <= before) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'upTo'], message: `must be above the previous tier's (${before})`, params: tierHint });
      });
    });

/** A quantity that is not a price: a metering increment, an LCU dimension, a free allowance. */
const quantity = <U extends string>(unit: U) => z.strictObject({ value: z.number().min(0), unit: z.literal(unit), ...cited });
/** A quantity the bill divides by (a metering increment, what one LCU covers): 0 would make every count infinite. */
const divisor = <U extends string>(unit: U) => z.strictObject({ value: z.number().positive(), unit: z.literal(unit), ...cited });

export const REST_CACHE_SIZE_KEYS = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;

export const priceTableSchema = z.strictObject({
  region: z.string().min(1).describe('AWS Region code, e.g. us-east-1'),
  regionName: z.string().min(1),
  currency: z.literal('USD'),
  effectiveDate: isoDate().describe('the date the table as a whole was checked'),
  apiGateway: z.strictObject({
    restRequests: tiered('million requests', 'requests'),
    httpRequests: tiered('million requests', 'requests'),
    httpMeteringIncrement: divisor('KB'),
    websocketMessages: tiered('million messages', 'messages'),
    websocketMeteringIncrement: divisor('KB'),
    websocketConnectionMinutes: rateOrUnknown('million connection minutes'),
    restCache: z.strictObject({ per: z.literal('hour'), usdBySizeGb: z.strictObject(Object.fromEntries(REST_CACHE_SIZE_KEYS.map((k) => [k, z.number().min(0)])) as Record<(typeof REST_CACHE_SIZE_KEYS)[number], z.ZodNumber>), ...cited }),
  }),
  lambda: z.strictObject({
    requests: rate('million requests'),
    durationX86: tiered('GB-second', 'GB-seconds'),
    durationArm64: tiered('GB-second', 'GB-seconds'),
    provisionedConcurrencyX86: rateOrUnknown('GB-second'),
    provisionedConcurrencyArm64: rateOrUnknown('GB-second'),
    provisionedDurationX86: rateOrUnknown('GB-second'),
    provisionedDurationArm64: rateOrUnknown('GB-second'),
    /** SnapStart (Python and .NET; Java is not charged): the snapshot cached while the version is active, on the function's memory. */
    snapStartCache: rateOrUnknown('GB-second').optional(),
    /** SnapStart: each restore of a new environment, on the function's memory. */
    snapStartRestore: rateOrUnknown('GB').optional(),
  }),
  alb: z.strictObject({
    hour: rate('ALB-hour'),
    lcuHour: rate('LCU-hour'),
    lcuNewConnections: divisor('new connections per second'),
    lcuActiveConnections: divisor('active connections per minute'),
    lcuProcessedBytesEc2: divisor('GB per hour'),
    lcuProcessedBytesLambda: divisor('GB per hour'),
    lcuRuleEvaluations: divisor('rule evaluations per second'),
    freeRules: quantity('rules per request'),
  }),
  waf: z.strictObject({ webAcl: rate('web ACL-month'), rule: rate('rule-month'), requests: rate('million requests') }),
  // The sections below came later (issue 9): a price file without them still loads, and a
  // scenario that needs one of their figures is refused as a missing price (./price-coverage.ts).
  nlb: z
    .strictObject({
      hour: rateOrUnknown('NLB-hour'),
      nlcuHour: rateOrUnknown('NLCU-hour'),
      nlcuNewConnections: divisor('new connections per second'),
      nlcuActiveConnections: divisor('active connections per minute'),
      nlcuProcessedBytes: divisor('GB per hour'),
    })
    .optional()
    .describe('Network Load Balancer, behind a VPC link'),
  privateLink: z
    .strictObject({ endpointHour: rateOrUnknown('endpoint-AZ-hour'), dataProcessed: tiered('GB', 'GB') })
    .optional()
    .describe('interface VPC endpoints, in front of a private API'),
  eventBridge: z
    .strictObject({ customEvents: rateOrUnknown('million events'), eventChunk: divisor('KB') })
    .optional()
    .describe('EventBridge custom events, for the asynchronous path'),
  sqs: z
    .strictObject({ standardRequests: tiered('million requests', 'requests'), fifoRequests: tiered('million requests', 'requests'), requestChunk: divisor('KB') })
    .optional()
    .describe('Amazon SQS requests, for a queue in front of a function'),
  sns: z
    .strictObject({
      publishes: rateOrUnknown('million requests'),
      publishChunk: divisor('KB'),
      httpDeliveries: rateOrUnknown('million deliveries'),
      lambdaDeliveries: rate('million deliveries'),
      sqsDeliveries: rate('million deliveries'),
    })
    .optional()
    .describe('Amazon SNS standard topics: publishes (64 KB chunks) and deliveries by protocol'),
  dynamodb: z
    .strictObject({
      readRequestUnits: rate('million read request units'),
      writeRequestUnits: rate('million write request units'),
      readCapacityUnitHour: rate('RCU-hour'),
      writeCapacityUnitHour: rate('WCU-hour'),
    })
    .optional()
    .describe('Amazon DynamoDB (Standard table class): on-demand request units, provisioned capacity-unit hours'),
  stepFunctions: z
    .strictObject({ expressRequests: rateOrUnknown('million requests'), expressDuration: tiered('GB-hour', 'GB-hours') })
    .optional()
    .describe('AWS Step Functions Express workflows: requests and duration (GB-hours, tiered)'),
  route53: z
    .strictObject({ healthCheck: rate('health check-month'), healthCheckOptionalFeature: rate('feature-month') })
    .optional()
    .describe('Amazon Route 53 health checks (AWS endpoints), for a multi-Region failover; global prices'),
  cloudfront: z
    .strictObject({
      httpsRequests: rate('10,000 requests'),
      dataTransferOut: tiered('GB', 'GB'),
      dataTransferToOrigin: rate('GB'),
      freeRequests: quantity('requests per month'),
      freeDataTransferOutGb: quantity('GB per month'),
    })
    .optional()
    .describe("Amazon CloudFront in front of the API: HTTPS requests and data transfer out at the edge locations of the Region's own geography, data transfer to the origin, its always-free allowance"),
  dataTransferOut: tiered('GB', 'GB'),
  // storage came later (issue 9): a price file without it still loads, and a scenario that stores logs is refused (./price-coverage.ts)
  cloudWatchLogs: z.strictObject({ ingestion: rate('GB'), storage: rate('GB-month').optional().describe('archived logs, billed on their compressed size') }),
  freeTier: z.strictObject({
    restRequests: quantity('requests per month'),
    httpRequests: quantity('requests per month'),
    websocketMessages: quantity('messages per month'),
    websocketConnectionMinutes: quantity('connection minutes per month'),
    lambdaRequests: quantity('requests per month'),
    lambdaGbSeconds: quantity('GB-seconds per month'),
    albHours: quantity('ALB-hours per month'),
    albLcuHours: quantity('LCU-hours per month'),
    dataTransferOutGb: quantity('GB per month'),
    cloudWatchLogsGb: quantity('GB per month'),
    cloudWatchLogsStorageGbMonths: quantity('GB-months per month').optional(),
    sqsRequests: quantity('requests per month').optional(),
    snsPublishes: quantity('requests per month').optional(),
    snsHttpDeliveries: quantity('deliveries per month').optional(),
    dynamodbCapacityUnits: quantity('RCU and WCU each, all month').optional(),
  }),
});

export type PriceTable = z.output<typeof priceTableSchema>;
/** Any tiered figure, whatever its unit. */
export interface TieredFigure {
  readonly per: string;
  readonly counted: string;
  readonly tiers: ReadonlyArray<{ readonly upTo: number | null; readonly usd: number }> | null;
  readonly note?: string;
}
export type RestCacheSizeKey = (typeof REST_CACHE_SIZE_KEYS)[number];

/** The cache size key (`"1.6"`) of a size in bytes, or undefined when API Gateway has no such size. */
export function restCacheSizeKey(bytes: number): RestCacheSizeKey | undefined {
  const gb = bytes / 1024 ** 3;
  return REST_CACHE_SIZE_KEYS.find((k) => Math.abs(Number(k) - gb) < 1e-9);
}
