/**
 * The integrations by type (catalog's IntegrationType): a name -> factory
 * table. Each builds its components and says which role each plays.
 */
import type { IntegrationType } from '../catalog/front-doors.js';
import type { Component, Hop } from '../model/component.js';
import type { CapacityCurve } from '../model/backend/capacity-curve.js';
import { HttpBackend } from '../model/backend/http-backend.js';
import { DependencyClient } from '../model/client/dependency-client.js';
import type { FailureTarget } from '../model/failure/failure-effects.js';
import { LambdaAccount } from '../model/lambda/lambda-account.js';
import type { InvocationWork } from '../model/lambda/invocation-work.js';
import { LambdaFunction, LAMBDA_SCALING, type Environment } from '../model/lambda/lambda-function.js';
import { SnapStartRestore } from '../model/lambda/snapstart-restore.js';
import { createDistribution } from '../model/shared/distribution.js';
import { retryPolicy } from './build-load.js';
import { buildQueueIntegration } from './build-queue.js';
import { buildDirectTable, buildSdkTable } from './build-dynamodb.js';
import { buildExpressWorkflow } from './build-stepfunctions.js';
import { buildTopicIntegration } from './build-sns.js';
import { coldStartOf } from './lambda-runtime.js';
import type { BuiltRoles } from './build.js';
import * as D from './defaults.js';
import { durationAtMemory, type HttpIntegrationSpec, type LambdaIntegrationSpec, type Scenario } from './schema.js';

export interface BuiltIntegration {
  /** What the front door (or a VPC link, or an event bus) calls. */
  readonly integration: Component & Hop & FailureTarget;
  /** Components behind it (a dependency client and its service), in start order. */
  readonly extras: readonly Component[];
  /** The dependency, for failure windows that target it. */
  readonly downstream: (Component & FailureTarget) | null;
  readonly roles: BuiltRoles;
}

type IntegrationFactory = (scenario: Scenario, account: LambdaAccount) => BuiltIntegration;

export const INTEGRATION_FACTORIES: Readonly<Record<IntegrationType, IntegrationFactory>> = {
  lambda: (scenario, account) => buildLambdaIntegration(scenario.integration as LambdaIntegrationSpec, account, scenario.initialState, scenario.duration),
  http: (scenario) => {
    const service = buildBackend('backend', scenario.integration as HttpIntegrationSpec, scenario.initialState?.integration?.queue);
    return { integration: service, extras: [], downstream: null, roles: { integrationService: service } };
  },
  sqs: (scenario, account) => buildQueueIntegration(scenario, account),
  dynamodb: (scenario) => buildDirectTable(scenario),
  stepfunctions: (scenario) => buildExpressWorkflow(scenario),
  sns: (scenario, account) => buildTopicIntegration(scenario, account),
};

function buildLambdaIntegration(spec: LambdaIntegrationSpec, account: LambdaAccount, initial: Scenario['initialState'], durationMs: number): BuiltIntegration {
  const lambda = buildLambda('lambda', { ...spec, duration: durationAtMemory(spec) }, account, initial?.integration?.warm);
  if (spec.dynamodb) {
    const { table, caller } = buildSdkTable(spec.dynamodb, durationMs);
    lambda.useDependency(caller);
    return { integration: lambda, extras: [caller, table], downstream: table, roles: { integrationFunction: lambda, dependency: caller, table } };
  }
  if (!spec.downstream) return { integration: lambda, extras: [], downstream: null, roles: { integrationFunction: lambda } };
  const downstream = buildBackend('downstream', spec.downstream, initial?.downstream?.queue);
  const caller = new DependencyClient<Environment>('dependency', { timeoutMs: spec.downstream.timeout, retry: retryPolicy(spec.downstream.retry), budget: spec.downstream.retry?.budget ?? null }, downstream);
  lambda.useDependency(caller);
  return { integration: lambda, extras: [caller, downstream], downstream, roles: { integrationFunction: lambda, dependency: caller, downstream } };
}

type LambdaSpec = Omit<LambdaIntegrationSpec, 'type' | 'downstream'>;

/** `warmAtStart`: the scenario's initialState for this function (undefined: only the provisioned ones are warm); `work`: an SQS consumer's per-message work (./build-queue.ts). */
export function buildLambda(id: string, spec: LambdaSpec, account: LambdaAccount, warmAtStart: number | undefined, work?: InvocationWork): LambdaFunction {
  // SnapStart: a new environment is restored from the snapshot, so its restore is drawn where INIT would be
  const snapStart = spec.snapStart ? new SnapStartRestore(createDistribution(spec.snapStart.restore), spec.snapStart.warming) : undefined;
  return new LambdaFunction(id, {
    memoryMb: spec.memory / 1024 ** 2,
    architecture: spec.architecture,
    duration: createDistribution(spec.duration as NonNullable<LambdaSpec['duration']>),
    coldStart: snapStart ?? createDistribution(coldStartOf(spec) ?? D.LAMBDA_COLD_START),
    ...(snapStart ? { snapStart } : {}),
    keepAlive: createDistribution(spec.keepAlive ?? D.LAMBDA_KEEP_ALIVE),
    account,
    reserved: spec.concurrency.reserved ?? null,
    provisioned: spec.concurrency.provisioned,
    warmAtStart,
    scaling: LAMBDA_SCALING,
    timeoutMs: spec.timeout,
    errorRate: spec.errorRate,
    ...(work ? { work } : {}),
  });
}

/** `queuedAtStart`: the scenario's initialState for this service (undefined: it starts idle). */
export function buildBackend(id: string, spec: Omit<HttpIntegrationSpec, 'type'>, queuedAtStart: number | undefined): HttpBackend {
  return new HttpBackend(id, {
    servers: spec.servers,
    queueCapacity: spec.queue.capacity,
    discipline: spec.queue.discipline,
    service: createDistribution(spec.service),
    rejectStatus: spec.rejectStatus,
    errorRate: spec.errorRate,
    slowdown: spec.slowdown ?? null,
    dropExpired: spec.dropExpired,
    sharing: capacityCurve(spec.sharing),
    cancellation: spec.cancellation,
    queuedAtStart,
  });
}

/** The capacity curve of a service's `sharing` (null: none, one request per server). */
export function capacityCurve(sharing: HttpIntegrationSpec['sharing']): CapacityCurve | null {
  if (sharing === undefined) return null;
  if (sharing.cores !== undefined) return { kind: 'cores', cores: sharing.cores };
  if (sharing.linear !== undefined) return { kind: 'linear', slowdown: sharing.linear };
  if (sharing.usl !== undefined) return { kind: 'usl', ...sharing.usl };
  throw new Error('sharing without a capacity curve: the schema refuses it');
}
