/**
 * From a run to a month's usage, in the units AWS bills (../cost/
 * monthly-usage.ts), and its price. The run's usage covers the measured
 * window (after the warm-up); a month is either that rate held for 730
 * hours, or the volume the scenario gives (`cost.monthlyRequests`), by
 * which every per-request quantity is scaled. Hourly charges (cache, ALB
 * hours, provisioned concurrency) are for the whole month either way.
 */
import { albConnections } from '../cost/alb-connections.js';
import { estimateMonthlyCost, type CostEstimate } from '../cost/cost-estimate.js';
import { BYTES_PER_GB, HOURS_PER_MONTH, SECONDS_PER_MONTH, type LambdaUsage, type LogStorage, type MonthlyUsage, type VpcLinkUsage } from '../cost/monthly-usage.js';
import type { PriceTable } from '../cost/price-table.js';
import type { RunSummary } from '../metrics/summary.js';
import type { Usage } from '../model/component.js';
import * as D from './defaults.js';
import { endpointOf, type Scenario } from './schema.js';

export interface RunUsage {
  readonly summary: RunSummary;
  readonly usage: Readonly<Record<string, Usage>>;
}

/** The month's usage of a run, and one sentence on how the month was reckoned. */
export function monthlyUsageOfRun(scenario: Scenario, run: RunUsage): { usage: MonthlyUsage; basis: string } {
  const { summary } = run;
  const get = (id: string): Usage => run.usage[id] ?? {};
  const offered = summary.requests.offered;
  const monthly = scenario.cost.monthlyRequests;
  const scale = monthly !== undefined ? (offered > 0 ? monthly / offered : 0) : SECONDS_PER_MONTH / summary.measuredSeconds;
  const basis =
    monthly !== undefined
      ? `${fmt(monthly)} requests a month (cost.monthlyRequests), every per-request figure scaled from the ${fmt(offered)} simulated after the warm-up`
      : `the rate measured over ${fmt(summary.measuredSeconds)} s after the warm-up (${fmt(offered / summary.measuredSeconds)} requests/s), held for ${HOURS_PER_MONTH} h`;

  const gateway = get('gateway');
  const lambdas: LambdaUsage[] = [];
  if (scenario.integration.type === 'lambda') lambdas.push(lambdaUsage('integration', scenario.integration, get('lambda'), scale));
  const authorizerFunction = scenario.api.authorizer?.type === 'lambda' ? scenario.api.authorizer.function : undefined;
  if (authorizerFunction) lambdas.push(lambdaUsage('authorizer', authorizerFunction, get('authorizer.function'), scale));

  const requests = (gateway.requests ?? 0) * scale;
  const endpoint = endpointOf(scenario.api);
  const usage: MonthlyUsage = {
    apiType: scenario.api.type,
    hours: HOURS_PER_MONTH,
    billedRequests: (gateway.billedRequests ?? 0) * scale,
    meteredUnits: (gateway.meteredUnits ?? 0) * scale,
    connectionMinutes: (get('connections').connectionMinutes ?? 0) * scale,
    cacheBytes: scenario.api.cache?.size ?? 0,
    alb: scenario.api.type === 'alb' ? albUsage(scenario, summary, requests, ((gateway.requestBytes ?? 0) + (gateway.processedResponseBytes ?? gateway.responseBytes ?? 0)) * scale) : null,
    lambdas,
    // a private API sends nothing to the internet: its bytes go through the VPC endpoint
    dataTransferOutBytes: endpoint.type === 'private' ? 0 : (gateway.responseBytes ?? 0) * scale,
    accessLogBytes: scenario.cost.accessLogs ? requests * scenario.cost.accessLogs.bytesPerRequest : 0,
    executionLogBytes: executionLogBytes(scenario, requests, (get('gateway.errors').errorResponses ?? 0) * scale),
    logStorage: logStorage(scenario),
    waf: scenario.api.waf ? { rules: scenario.api.waf.rules, requests: (gateway.wafRequests ?? 0) * scale } : null,
    privateEndpoint: endpoint.type === 'private' ? { azs: endpoint.azs, processedBytes: ((gateway.requestBytes ?? 0) + (gateway.responseBytes ?? 0)) * scale } : null,
    vpcLink: vpcLinkUsage(scenario, get('vpcLink'), scale),
    ...(scenario.api.type === 'eventbridge' ? { eventBridgeEvents: (get('bus').billedEvents ?? 0) * scale } : {}),
  };
  return { usage, basis };
}

/** What the VPC link's load balancer processes in an hour of the month. */
function vpcLinkUsage(scenario: Scenario, used: Usage, scale: number): VpcLinkUsage | null {
  const target = scenario.integration.type === 'http' ? scenario.integration.vpcLink?.target : undefined;
  if (!target || target === 'cloudmap') return null; // no load balancer to bill (Cloud Map's own charges are not priced)
  return {
    target,
    processedGbPerHour: ((used.processedBytes ?? 0) * scale) / BYTES_PER_GB / HOURS_PER_MONTH,
    requestsPerSecond: ((used.requests ?? 0) * scale) / SECONDS_PER_MONTH,
  };
}

/** The run's month, priced. */
export function costOfRun(scenario: Scenario, run: RunUsage, prices: PriceTable): CostEstimate {
  const { usage, basis } = monthlyUsageOfRun(scenario, run);
  return estimateMonthlyCost(usage, prices, { freeTier: scenario.cost.freeTier, basis });
}

/** Execution logs: every request the front door handled writes one at `info`, only those answered with an error at `errors`. */
function executionLogBytes(scenario: Scenario, monthlyRequests: number, monthlyErrorResponses: number): number {
  const logs = scenario.cost.executionLogs;
  if (!logs) return 0;
  return (logs.level === 'info' ? monthlyRequests : monthlyErrorResponses) * logs.bytesPerRequest;
}

function logStorage(scenario: Scenario): LogStorage | null {
  const logs = scenario.cost.logs;
  if (!logs) return null;
  return { retentionDays: logs.retention === 'never' ? 'never' : logs.retention / 86_400_000, compressionRatio: logs.compression };
}

interface LambdaSpec {
  memory: number;
  architecture: 'x86_64' | 'arm64';
  concurrency: { provisioned: number };
}

function lambdaUsage(name: string, spec: LambdaSpec, used: Usage, scale: number): LambdaUsage {
  const billedMs = used.billedMs ?? 0;
  const provisionedBilledMs = used.provisionedBilledMs ?? 0;
  return {
    name,
    architecture: spec.architecture,
    memoryMb: spec.memory / 1024 ** 2,
    requests: (used.invocations ?? 0) * scale,
    onDemandBilledMs: (billedMs - provisionedBilledMs) * scale,
    provisionedBilledMs: provisionedBilledMs * scale,
    provisioned: spec.concurrency.provisioned,
  };
}

/** The ALB's LCU dimensions for a month at a steady rate (one kind of hour, 730 of them). */
function albUsage(scenario: Scenario, summary: RunSummary, monthlyRequests: number, monthlyProcessedBytes: number): MonthlyUsage['alb'] {
  const requestsPerSecond = monthlyRequests / SECONDS_PER_MONTH;
  const callers = scenario.load.virtualUsers ?? scenario.clients.count;
  const exponent = scenario.load.virtualUsers !== undefined ? 0 : scenario.clients.zipf;
  const connections = albConnections({
    mode: scenario.cost.alb.connections,
    requestsPerSecond,
    callerShares: zipfShares(callers, exponent),
    idleTimeoutSeconds: D.ALB_IDLE_TIMEOUT_MS / 1000,
    meanRequestSeconds: summary.latencyMs.ok.count > 0 ? summary.latencyMs.ok.mean / 1000 : 0,
  });
  return {
    lambdaTargets: scenario.integration.type === 'lambda',
    hourly: [
      {
        hours: HOURS_PER_MONTH,
        newConnectionsPerSecond: connections.newPerSecond,
        activeConnectionsPerMinute: connections.active,
        processedGbPerHour: monthlyProcessedBytes / BYTES_PER_GB / HOURS_PER_MONTH,
        requestsPerSecond,
        rulesPerRequest: scenario.cost.alb.rules,
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
