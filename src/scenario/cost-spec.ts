/**
 * A scenario's cost settings as plain data for the bill (cost/run-usage.ts):
 * the functions' memory and architecture, the cache size, the endpoint, the
 * logs, WAF, the VPC link's target and an ALB's connection settings. The
 * scenario is read here once; cost/ never sees a Scenario.
 */
import { snapStartBilling } from '../catalog/snapstart.js';
import type { FunctionSpec, RunCostSpec } from '../cost/run-usage.js';
import * as D from './defaults.js';
import { endpointOf, type Scenario } from './schema.js';

export function costSpecOf(scenario: Scenario): RunCostSpec {
  const { api, integration, cost } = scenario;
  const authorizerFunction = api.authorizer?.type === 'lambda' ? api.authorizer.function : undefined;
  return {
    apiType: api.type,
    ...(cost.monthlyRequests !== undefined ? { monthlyRequests: cost.monthlyRequests } : {}),
    freeTier: cost.freeTier,
    integrationFunction: integration.type === 'lambda' ? functionSpec(integration) : integration.type === 'sqs' ? functionSpec(integration.consumer) : null,
    authorizerFunction: authorizerFunction ? functionSpec(authorizerFunction) : null,
    // a canary's new version has no provisioned environment (./build-canary.ts)
    canaryFunction: api.canary && integration.type === 'lambda' ? { ...functionSpec(integration), provisioned: 0 } : null,
    failover: failoverCostOf(scenario),
    cloudfront: api.cloudfront !== undefined,
    cacheBytes: api.cache?.size ?? 0,
    endpoint: endpointOf(api),
    accessLogBytesPerRequest: cost.accessLogs ? cost.accessLogs.bytesPerRequest : null,
    executionLogs: cost.executionLogs ? { level: cost.executionLogs.level, bytesPerRequest: cost.executionLogs.bytesPerRequest } : null,
    logStorage: cost.logs ? { retentionDays: cost.logs.retention === 'never' ? 'never' : cost.logs.retention / 86_400_000, compressionRatio: cost.logs.compression } : null,
    wafRules: api.waf ? api.waf.rules : null,
    vpcLinkTarget: integration.type === 'http' ? (integration.vpcLink?.target ?? null) : null,
    queueType: integration.type === 'sqs' ? integration.queue.type : null,
    subscriberFunctions: subscriberFunctionsOf(scenario),
    alb: {
      connections: cost.alb.connections,
      rules: cost.alb.rules,
      callers: scenario.load.virtualUsers ?? scenario.clients.count,
      callerZipf: scenario.load.virtualUsers !== undefined ? 0 : scenario.clients.zipf,
      idleTimeoutSeconds: D.ALB_IDLE_TIMEOUT_MS / 1000,
    },
  };
}

/** An SNS topic's subscribed functions in the subscriptions' order (a Lambda subscription's, an SQS subscription's consumer), as the topic's bill lists them. */
export function subscriberFunctionsOf(scenario: Scenario): Array<FunctionSpec & { name: string }> {
  if (scenario.integration.type !== 'sns') return [];
  return scenario.integration.subscriptions.flatMap((sub) => (sub.protocol === 'lambda' ? [{ name: sub.name, ...functionSpec(sub.function) }] : sub.protocol === 'sqs' ? [{ name: sub.name, ...functionSpec(sub.consumer) }] : []));
}

/** A failover's bill settings: the standby's function, and the health check's optional features (HTTPS, a 10 s interval). */
function failoverCostOf(scenario: Scenario): RunCostSpec['failover'] {
  const f = scenario.failover;
  if (!f) return null;
  const standby = f.standby === 'copy' ? scenario.integration : f.standby;
  const optionalFeatures = (f.healthCheck.https ? 1 : 0) + (f.healthCheck.interval === D.ROUTE53_FAST_INTERVAL_MS ? 1 : 0);
  return { standbyFunction: standby.type === 'lambda' ? functionSpec(standby) : null, optionalFeatures };
}

function functionSpec(f: { memory: number; architecture: 'x86_64' | 'arm64'; concurrency: { provisioned: number }; runtime?: string; snapStart?: object }): FunctionSpec {
  const snapStart = f.snapStart && f.runtime !== undefined ? snapStartBilling(f.runtime) : null;
  return { memoryMb: f.memory / 1024 ** 2, architecture: f.architecture, provisioned: f.concurrency.provisioned, ...(snapStart ? { snapStart } : {}) };
}
