/**
 * From a run to a month's usage, in the units AWS bills (./monthly-usage.ts),
 * and its price. The run's usage covers the measured window (after the
 * warm-up); a month is either that rate held for 730 hours, or the volume the
 * scenario gives (`cost.monthlyRequests`), by which every per-request
 * quantity is scaled. Hourly charges (cache, ALB hours, provisioned
 * concurrency) are for the whole month either way.
 *
 * Each role of the run is priced by its entry in ROLE_BILLING, or is free
 * for the reason given there: a role with neither fails a test.
 */
import type { Role } from '../catalog/roles.js';
import { ROLES } from '../catalog/roles.js';
import { SNAPSTART_CACHE_MINIMUM_SECONDS } from '../catalog/snapstart.js';
import type { RunSummary } from '../metrics/summary.js';
import { albConnections } from './alb-connections.js';
import { estimateMonthlyCost, type CostEstimate } from './cost-estimate.js';
import { BYTES_PER_GB, HOURS_PER_MONTH, SECONDS_PER_MONTH, type LambdaUsage, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';
import type { FrontDoorRoleUsage, FunctionRoleUsage, FunctionSpec, PricedRole, PricedRoleUsage, RunCostSpec, RunUsageByRole } from './run-usage.js';

/** What pricing a run reads: its summary, its usage by role and its cost settings (scenario/run's RunResult is one). */
export interface PricedRun {
  readonly summary: RunSummary;
  readonly roles: RunUsageByRole;
  readonly costSpec: RunCostSpec;
}

/** What a role adds to the month: its usage scaled to the month, in billed units. */
type MonthOfRole<R extends PricedRole> = (used: PricedRoleUsage[R], month: Month) => Partial<MonthlyUsage>;

interface Month {
  readonly spec: RunCostSpec;
  readonly summary: RunSummary;
  /** Run quantities times this are the month's. */
  readonly scale: number;
}

/** How each role reaches the bill: a pricing function, or why it is free. */
export type RoleBilling = { readonly [R in Role]: R extends PricedRole ? MonthOfRole<R> : { readonly free: string } };

export const ROLE_BILLING: RoleBilling = {
  load: { free: 'arrivals are the workload, not a service' },
  client: { free: "the callers run outside the bill (their retries are billed where they land: the front door's requests)" },
  connections: ({ connectionMinutes }, { scale }) => ({ connectionMinutes: connectionMinutes * scale }),
  // each post to a room's member is a message sent to a client, metered like the front door's own
  broadcast: ({ billedMessages }, { scale }) => ({ meteredUnits: billedMessages * scale }),
  network: { free: "the internet between caller and AWS; the bytes AWS sends out are priced from the front door's responses" },
  frontDoor: frontDoorMonth,
  // the distribution's viewer requests and bytes (cost/cloudfront-cost.ts); its origin fetches are the front door's requests
  cdn: ({ requests, responseBytes, originRequestBytes }, { scale }) => ({ cloudfront: { requests: requests * scale, dataTransferOutBytes: responseBytes * scale, originBytes: originRequestBytes * scale } }),
  bus: ({ billedEvents }, { scale }) => ({ eventBridgeEvents: billedEvents * scale }),
  sdk: { free: "the producer's SDK calls (api.type sqs, sns) are the queue's SendMessage or the topic's Publish, billed there (queue, topic)" },
  queue: ({ billedRequests }, { spec, scale }) => ({ sqsRequests: { type: spec.queueType ?? 'standard', requests: billedRequests * scale } }),
  errorResponses: ({ errorResponses }, { spec, scale }) => ({ executionLogBytes: spec.executionLogs?.level === 'errors' ? errorResponses * scale * spec.executionLogs.bytesPerRequest : 0 }),
  authorizer: { free: 'IAM, JWT, Cognito and OIDC checks carry no charge of their own; a Lambda authorizer is priced as its function (authorizerFunction)' },
  vpcLink: ({ requests, processedBytes }, { spec, scale }) => {
    const target = spec.vpcLinkTarget;
    if (target === null || target === 'cloudmap') return {}; // no load balancer to bill (Cloud Map's own charges are not priced)
    return { vpcLink: { target, processedGbPerHour: (processedBytes * scale) / BYTES_PER_GB / HOURS_PER_MONTH, requestsPerSecond: (requests * scale) / SECONDS_PER_MONTH } };
  },
  integrationFunction: (used, { spec, scale }) => ({ lambdas: [lambdaUsage('integration', spec.integrationFunction, used, scale)] }),
  integrationService: { free: 'an HTTP service runs on servers the scenario does not price' },
  canary: { free: "a stage's canary settings carry no charge: its requests are billed as the front door's" },
  // the canary's Lambda version: the same function, its invocations and duration billed alike (https://aws.amazon.com/lambda/pricing/)
  canaryFunction: (used, { spec, scale }) => ({ lambdas: [lambdaUsage('canary', spec.canaryFunction ?? null, used, scale)] }),
  canaryService: { free: "the canary's HTTP service runs on servers the scenario does not price" },
  authorizerFunction: (used, { spec, scale }) => ({ lambdas: [lambdaUsage('authorizer', spec.authorizerFunction, used, scale)] }),
  dependency: { free: "the function's calls to its dependency: its duration is billed as the function's" },
  downstream: { free: 'the dependency runs on servers the scenario does not price' },
  table: (used, { scale, summary }) => {
    // request units scale with the month's requests; provisioned capacity is held all month at its mean level in the run
    const hours = (unitSeconds: number) => (summary.measuredSeconds > 0 ? (unitSeconds / summary.measuredSeconds) * HOURS_PER_MONTH : 0);
    return { dynamodb: { readUnits: used.readUnits * scale, writeUnits: used.writeUnits * scale, readCapacityUnitHours: hours(used.readCapacityUnitSeconds), writeCapacityUnitHours: hours(used.writeCapacityUnitSeconds) } };
  },
  topic: (used, { spec, scale }) => ({
    sns: { publishes: used.billedPublishes * scale, httpDeliveries: used.httpDeliveries * scale, lambdaDeliveries: used.lambdaDeliveries * scale, sqsDeliveries: used.sqsDeliveries * scale },
    lambdas: used.functions.map((f, i) => {
      const fn = spec.subscriberFunctions?.[i];
      return lambdaUsage(`subscription ${fn?.name ?? i}`, fn ?? null, f, scale);
    }),
    ...(used.queueRequests > 0 ? { sqsRequests: { type: 'standard' as const, requests: used.queueRequests * scale } } : {}),
  }),
  workflow: ({ executions, billedGbSeconds }, { scale }) => ({ stepFunctionsExpress: { requests: executions * scale, gbSeconds: billedGbSeconds * scale } }),
  failover: ({ healthChecks }, { spec }) => ({ route53HealthChecks: { healthChecks, optionalFeatures: healthChecks * (spec.failover?.optionalFeatures ?? 0) } }),
  // the standby Region's requests, priced at the primary's table (docs/costs.md); its fixed charges (a REST cache, an ALB's hours) are left out
  standbyFrontDoor: (used, { scale }) => ({ billedRequests: used.billedRequests * scale, meteredUnits: used.meteredUnits * scale, dataTransferOutBytes: used.responseBytes * scale }),
  standbyFunction: (used, { spec, scale }) => ({ lambdas: [lambdaUsage('standby', spec.failover?.standbyFunction ?? null, used, scale)] }),
  standbyService: { free: "the standby Region's HTTP service runs on servers the scenario does not price" },
  failures: { free: 'failure windows are what happens to the run, not a service' },
};

/** The month's usage of a run, and one sentence on how the month was reckoned. */
export function monthlyUsageOfRun(run: PricedRun): { usage: MonthlyUsage; basis: string } {
  const { summary, costSpec: spec } = run;
  const offered = summary.requests.offered;
  const monthly = spec.monthlyRequests;
  const scale = monthly !== undefined ? (offered > 0 ? monthly / offered : 0) : SECONDS_PER_MONTH / summary.measuredSeconds;
  const basis =
    monthly !== undefined
      ? `${fmt(monthly)} requests a month (cost.monthlyRequests), every per-request figure scaled from the ${fmt(offered)} simulated after the warm-up`
      : `the rate measured over ${fmt(summary.measuredSeconds)} s after the warm-up (${fmt(offered / summary.measuredSeconds)} requests/s), held for ${HOURS_PER_MONTH} h`;
  const month: Month = { spec, summary, scale };
  let usage: MonthlyUsage = {
    apiType: spec.apiType,
    hours: HOURS_PER_MONTH,
    billedRequests: 0,
    meteredUnits: 0,
    connectionMinutes: 0,
    cacheBytes: 0,
    alb: null,
    lambdas: [],
    dataTransferOutBytes: 0,
    accessLogBytes: 0,
    executionLogBytes: 0,
    logStorage: null,
    waf: null,
    privateEndpoint: null,
    vpcLink: null,
  };
  for (const role of ROLES) {
    const used = run.roles[role];
    const billing = ROLE_BILLING[role];
    if (used === undefined || typeof billing !== 'function') continue;
    usage = addToMonth(usage, (billing as MonthOfRole<PricedRole>)(used as PricedRoleUsage[PricedRole], month));
  }
  return { usage, basis };
}

/** The run's month, priced. */
export function costOfRun(run: PricedRun, prices: PriceTable): CostEstimate {
  const { usage, basis } = monthlyUsageOfRun(run);
  return estimateMonthlyCost(usage, prices, { freeTier: run.costSpec.freeTier, basis });
}

/** A role's part added in: quantities add up, functions are listed in the roles' order, the rest is set once. */
function addToMonth(usage: MonthlyUsage, part: Partial<MonthlyUsage>): MonthlyUsage {
  const sum = (a: number, b: number | undefined) => (b === undefined ? a : a + b);
  return {
    ...usage,
    ...part,
    connectionMinutes: sum(usage.connectionMinutes, part.connectionMinutes),
    meteredUnits: sum(usage.meteredUnits, part.meteredUnits),
    billedRequests: sum(usage.billedRequests, part.billedRequests),
    dataTransferOutBytes: sum(usage.dataTransferOutBytes, part.dataTransferOutBytes),
    executionLogBytes: sum(usage.executionLogBytes, part.executionLogBytes),
    lambdas: [...usage.lambdas, ...(part.lambdas ?? [])],
  };
}

/** The front door's requests, bodies, cache hours, logs, WAF inspections, private endpoint and an ALB's LCU dimensions. */
function frontDoorMonth(used: FrontDoorRoleUsage, { spec, summary, scale }: Month): Partial<MonthlyUsage> {
  const requests = used.requests * scale;
  const isPrivate = spec.endpoint.type === 'private';
  return {
    billedRequests: used.billedRequests * scale,
    meteredUnits: used.meteredUnits * scale,
    cacheBytes: spec.cacheBytes,
    alb: spec.apiType === 'alb' ? albUsage(spec, summary, requests, (used.requestBytes + used.processedResponseBytes) * scale) : null,
    // a private API sends nothing to the internet: its bytes go through the VPC endpoint; behind CloudFront they go to the edge, free
    dataTransferOutBytes: isPrivate || spec.cloudfront === true ? 0 : used.responseBytes * scale,
    accessLogBytes: spec.accessLogBytesPerRequest !== null ? requests * spec.accessLogBytesPerRequest : 0,
    // at `info` every request writes an execution log; at `errors` only error answers do (the errorResponses role)
    executionLogBytes: spec.executionLogs?.level === 'info' ? requests * spec.executionLogs.bytesPerRequest : 0,
    logStorage: spec.logStorage,
    waf: spec.wafRules !== null ? { rules: spec.wafRules, requests: used.wafRequests * scale } : null,
    privateEndpoint: isPrivate ? { azs: spec.endpoint.azs, processedBytes: (used.requestBytes + used.responseBytes) * scale } : null,
  };
}

function lambdaUsage(name: string, spec: FunctionSpec | null, used: FunctionRoleUsage, scale: number): LambdaUsage {
  if (spec === null) throw new Error(`the run has a ${name} function the scenario does not describe`);
  return {
    name,
    architecture: spec.architecture,
    memoryMb: spec.memoryMb,
    requests: used.invocations * scale,
    onDemandBilledMs: (used.billedMs - used.provisionedBilledMs) * scale,
    provisionedBilledMs: used.provisionedBilledMs * scale,
    provisioned: spec.provisioned,
    snapStart: spec.snapStart === 'charged' ? snapStartMonth(spec.memoryMb / 1024, used.coldStarts * scale) : null,
  };
}

/**
 * SnapStart's charged use in a month: the version's snapshot cached all
 * month (at least the 3 hours Lambda bills), and one restore of the
 * function's memory per new environment
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html#snapstart-pricing).
 */
function snapStartMonth(gb: number, restores: number): LambdaUsage['snapStart'] {
  return { cachedGbSeconds: gb * Math.max(SECONDS_PER_MONTH, SNAPSTART_CACHE_MINIMUM_SECONDS), restoredGb: gb * restores };
}

/** The ALB's LCU dimensions for a month at a steady rate (one kind of hour, 730 of them). */
function albUsage(spec: RunCostSpec, summary: RunSummary, monthlyRequests: number, monthlyProcessedBytes: number): MonthlyUsage['alb'] {
  const requestsPerSecond = monthlyRequests / SECONDS_PER_MONTH;
  const connections = albConnections({
    mode: spec.alb.connections,
    requestsPerSecond,
    callerShares: zipfShares(spec.alb.callers, spec.alb.callerZipf),
    idleTimeoutSeconds: spec.alb.idleTimeoutSeconds,
    meanRequestSeconds: summary.latencyMs.ok.count > 0 ? summary.latencyMs.ok.mean / 1000 : 0,
  });
  return {
    lambdaTargets: spec.integrationFunction !== null,
    hourly: [
      {
        hours: HOURS_PER_MONTH,
        newConnectionsPerSecond: connections.newPerSecond,
        activeConnectionsPerMinute: connections.active,
        processedGbPerHour: monthlyProcessedBytes / BYTES_PER_GB / HOURS_PER_MONTH,
        requestsPerSecond,
        rulesPerRequest: spec.alb.rules,
      },
    ],
  };
}

/** Each caller's share of the traffic under Zipf popularity (as the client pool draws them). */
function zipfShares(count: number, exponent: number): number[] {
  const weights = Array.from({ length: count }, (_, k) => 1 / (k + 1) ** exponent);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
