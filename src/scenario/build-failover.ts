/**
 * A multi-Region active-passive failover (`failover`): the standby Region's
 * front door and integration, the Route 53 health check on the primary's
 * integration, and the DNS failover record the clients resolve
 * (src/model/failover/). The standby is built as the primary is, with ids
 * of its own (`standby.gateway`, `standby.lambda`...) so its random streams
 * and counters are its own, and its own Lambda account: concurrency is per
 * Region.
 */
import type { FrontDoorProfile } from '../catalog/front-doors.js';
import { ENTRY_POINTS } from '../catalog/entry-points.js';
import type { Component, Hop, ReplyTarget } from '../model/component.js';
import { DnsFailover } from '../model/failover/dns-failover.js';
import { Route53HealthCheck } from '../model/failover/route53-health-check.js';
import { FrontDoor } from '../model/gateway/front-door.js';
import { LambdaAccount } from '../model/lambda/lambda-account.js';
import type { BuiltRoles } from './build.js';
import { frontDoorOptions } from './build-entry.js';
import { buildBackend, buildLambda } from './build-integration.js';
import { durationAtMemory, type HttpIntegrationSpec, type LambdaIntegrationSpec, type Scenario } from './schema.js';

export interface BuiltFailover {
  /** Where the clients (or their network) send every attempt. */
  readonly router: DnsFailover;
  /** In start order: the health check, the router, the standby's front door and integration. */
  readonly components: readonly Component[];
  readonly roles: BuiltRoles;
}

/** `primary`: the primary Region's front door; `endpoint`: what the health check probes (its integration); `upstream`: where both front doors answer. */
export function buildFailover(scenario: Scenario, primary: Hop, endpoint: Hop, upstream: ReplyTarget, network: boolean): BuiltFailover | null {
  const spec = scenario.failover;
  if (!spec) return null;
  const standbySpec = spec.standby === 'copy' ? (scenario.integration as LambdaIntegrationSpec | HttpIntegrationSpec) : spec.standby;
  const fn = standbySpec.type === 'lambda' ? buildLambda('standby.lambda', { ...standbySpec, duration: durationAtMemory(standbySpec) }, new LambdaAccount(scenario.account.lambdaConcurrency), undefined) : null;
  const service = standbySpec.type === 'http' ? buildBackend('standby.backend', standbySpec, undefined) : null;
  const standby = (fn ?? service) as NonNullable<typeof fn> | NonNullable<typeof service>;
  const door = ENTRY_POINTS[scenario.api.type] as FrontDoorProfile;
  const standbyScenario = { ...scenario, integration: standbySpec } as Scenario;
  const gateway = new FrontDoor('standby.gateway', frontDoorOptions(standbyScenario, door, { integration: standby, upstream, authorizer: null, network }), upstream, standby);
  const check = new Route53HealthCheck('healthCheck', { intervalMs: spec.healthCheck.interval, failureThreshold: spec.healthCheck.failureThreshold, checkers: spec.healthCheck.checkers }, endpoint, scenario.duration);
  const router = new DnsFailover('failover', { ttlMs: spec.dnsTtl, clientCacheMs: spec.clientCache }, primary, gateway);
  check.notify(router);
  const roles: BuiltRoles = { failover: check, standbyFrontDoor: gateway, ...(fn ? { standbyFunction: fn } : {}), ...(service ? { standbyService: service } : {}) };
  return { router, components: [check, router, gateway, standby], roles };
}
