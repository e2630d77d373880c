/**
 * The same workload on another front door, for `compare`: the scenario with
 * `api.type` changed and every setting the new type does not have taken
 * out, each with a note saying what was dropped (DESIGN §5). Nothing is
 * added: the new type's defaults (overhead, time-out, statuses) apply.
 */
import { FRONT_DOORS, type AuthorizerType, type FrontDoorType } from '../model/gateway/front-door-types.js';
import type { Scenario } from './schema.js';

export type Adapted = { scenario: Scenario; notes: string[] } | { skipped: string };

/**
 * Cognito user pools are checked by an HTTP API's JWT authorizer; an HTTP
 * API's JWT authorizer on a REST API is a Cognito authorizer when the
 * issuer is a user pool. Other kinds have no counterpart and are dropped.
 */
const COUNTERPART: Partial<Record<FrontDoorType, Partial<Record<AuthorizerType, AuthorizerType>>>> = {
  http: { cognito: 'jwt' },
  rest: { jwt: 'cognito' },
  alb: { jwt: 'oidc' },
};

export function adaptToFrontDoor(scenario: Scenario, type: FrontDoorType): Adapted {
  const from = FRONT_DOORS[scenario.api.type];
  const to = FRONT_DOORS[type];
  if (type === scenario.api.type) return { scenario, notes: [] };
  if (scenario.api.type === 'websocket') return { skipped: `${to.label}: skipped, a WebSocket workload (connections sending messages) has no request/response counterpart` };
  if (type === 'websocket') return { skipped: `${to.label}: skipped, the scenario has no connection workload (load.connection); write a WebSocket scenario to price one` };

  const notes: string[] = [];
  const drop = (what: string) => notes.push(`${to.label} has no ${what}: removed`);
  const api = structuredClone(scenario.api);
  api.type = type;
  if (api.overhead !== undefined) {
    api.overhead = undefined;
    notes.push(`${to.label}: api.overhead was given for a ${from.label}; the ${to.label} default applies`);
  }
  if (api.integrationTimeout !== undefined && (api.integrationTimeout > to.maxIntegrationTimeoutMs || api.integrationTimeout < to.minIntegrationTimeoutMs)) {
    api.integrationTimeout = undefined;
    notes.push(`${to.label}: api.integrationTimeout is outside what it allows; its default applies`);
  }
  if (api.cache && !to.features.has('cache')) {
    api.cache = undefined;
    drop('cache');
  }
  if (api.responses && !to.features.has('gatewayResponses')) {
    api.responses = undefined;
    drop('customisable gateway responses');
  }
  const t = api.throttle;
  if (t.usagePlan && !to.features.has('usagePlan')) {
    t.usagePlan = undefined;
    drop('usage plan');
  }
  if (t.routes && !to.features.has('routeThrottle')) {
    t.routes = undefined;
    drop('route throttling');
  }
  if (t.stage && !to.features.has('stageThrottle')) {
    t.stage = undefined;
    drop('stage throttling');
  }
  if (t.account && !to.features.has('accountThrottle')) {
    t.account = undefined;
    drop('request throttling (it scales with load)');
  }
  if (api.authorizer && !to.authorizers.includes(api.authorizer.type)) {
    const counterpart = COUNTERPART[type]?.[api.authorizer.type];
    if (counterpart) {
      notes.push(`${to.label}: the ${api.authorizer.type} authorizer becomes its ${counterpart} counterpart`);
      api.authorizer = { ...api.authorizer, type: counterpart, function: undefined };
    } else {
      notes.push(`${to.label} has no ${api.authorizer.type} authorizer: removed`);
      api.authorizer = undefined;
    }
  }
  const failures = scenario.failures.filter((f) => {
    if (!f.throttle) return true;
    const kept = f.throttle.bucket === 'usagePlan' ? t.usagePlan?.rate !== undefined : f.throttle.bucket === 'route' ? t.routes !== undefined : f.throttle.bucket === 'stage' ? t.stage !== undefined : to.features.has('accountThrottle');
    if (!kept) notes.push(`${to.label}: the failure window at ${f.at / 1000}s changes the ${f.throttle.bucket} bucket, which it does not have: removed`);
    return kept;
  });
  return { scenario: { ...scenario, api, failures }, notes };
}
