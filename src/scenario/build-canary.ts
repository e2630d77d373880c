/**
 * A canary release on the stage (`api.canary`): the canary's integration
 * version, built as the integration is (./build-integration.ts) from its
 * spec with the canary's changes, with ids of its own (`canary.lambda`,
 * `canary.backend`) so its random streams, environments and counters are
 * its own; and the release between the front door and the two versions
 * (src/model/canary/). The new Lambda version shares the account's
 * concurrency, starts with no warm and no provisioned environment
 * (provisioned concurrency is configured per version or alias).
 */
import type { Component, Hop } from '../model/component.js';
import { CanaryRelease } from '../model/canary/canary-release.js';
import type { LambdaAccount } from '../model/lambda/lambda-account.js';
import type { BuiltRoles } from './build.js';
import { buildBackend, buildLambda } from './build-integration.js';
import * as D from './defaults.js';
import { durationAtMemory, type HttpIntegrationSpec, type LambdaIntegrationSpec, type Scenario } from './schema.js';

export interface BuiltCanary {
  /** What the front door (or its VPC link) calls: the release, which calls a version. */
  readonly router: CanaryRelease;
  /** In start order: the release, the canary's version. */
  readonly components: readonly Component[];
  readonly roles: BuiltRoles;
}

/** `base`: the integration the stage calls today. */
export function buildCanary(scenario: Scenario, base: Hop, account: LambdaAccount): BuiltCanary | null {
  const spec = scenario.api.canary;
  if (!spec) return null;
  const changes = spec.integration;
  const version = canaryVersion(scenario, changes, account);
  const alarm = spec.rollback?.alarm;
  const router = new CanaryRelease(
    'canary',
    {
      share: spec.percentTraffic / 100,
      promoteAtMs: spec.promoteAt ?? null,
      rollback: alarm
        ? { alarm: { threshold: alarm.threshold, evaluationPeriods: alarm.evaluationPeriods, datapointsToAlarm: alarm.datapointsToAlarm ?? alarm.evaluationPeriods }, periodMs: alarm.period, delayMs: spec.rollback?.delay ?? D.CANARY_ROLLBACK_DELAY_MS }
        : null,
      durationMs: scenario.duration,
    },
    base,
    version.component,
  );
  return { router, components: [router, version.component], roles: { canary: router, ...version.roles } };
}

type Changes = NonNullable<Scenario['api']['canary']>['integration'];

function canaryVersion(scenario: Scenario, changes: Changes, account: LambdaAccount): { component: Component & Hop; roles: BuiltRoles } {
  const errorRate = changes.errorRate !== undefined ? { errorRate: changes.errorRate } : {};
  if (scenario.integration.type === 'lambda') {
    const spec: LambdaIntegrationSpec = { ...scenario.integration, ...errorRate, concurrency: { provisioned: 0 } };
    const fn = buildLambda('canary.lambda', { ...spec, duration: changes.duration ?? durationAtMemory(spec), ...(changes.coldStart ? { coldStart: changes.coldStart } : {}) }, account, undefined);
    return { component: fn, roles: { canaryFunction: fn } };
  }
  const spec: HttpIntegrationSpec = { ...(scenario.integration as HttpIntegrationSpec), ...errorRate, ...(changes.service ? { service: changes.service } : {}) };
  const service = buildBackend('canary.backend', spec, undefined);
  return { component: service, roles: { canaryService: service } };
}
