/**
 * The same workload on another front door, for `compare`: the scenario with
 * `api.type` changed and every setting the new type does not have taken
 * out, each with a note saying what was dropped (DESIGN §5). Nothing is
 * added: the new type's defaults (overhead, time-out, statuses) apply. The
 * result is checked with the rules validate runs (checkScenario): a type it
 * still breaks is skipped with their reasons.
 */
import { ENTRY_POINTS, frontDoorProfile, type ApiType, type AuthorizerType, type Feature } from '../catalog/entry-points.js';
import { checkScenario, type Scenario } from './schema.js';

export type Adapted = { scenario: Scenario; notes: string[] } | { skipped: string };

/**
 * Cognito user pools are checked by an HTTP API's JWT authorizer; an HTTP
 * API's JWT authorizer on a REST API is a Cognito authorizer when the
 * issuer is a user pool. Other kinds have no counterpart and are dropped.
 */
/** How a skip note names the workload's integration. */
const INTEGRATION_NAMES: Readonly<Partial<Record<Scenario['integration']['type'], string>>> = {
  lambda: 'a Lambda function',
  http: 'an HTTP service',
  sqs: 'an SQS queue',
  dynamodb: 'a DynamoDB table called directly',
  stepfunctions: 'a Step Functions workflow',
};

const COUNTERPART: Partial<Record<ApiType, Partial<Record<AuthorizerType, AuthorizerType>>>> = {
  http: { cognito: 'jwt' },
  rest: { jwt: 'cognito' },
  alb: { jwt: 'oidc' },
};

export function adaptToFrontDoor(scenario: Scenario, type: ApiType): Adapted {
  const from = ENTRY_POINTS[scenario.api.type];
  const to = ENTRY_POINTS[type];
  if (type === scenario.api.type) return { scenario, notes: [] };
  if (scenario.api.type === 'websocket') return { skipped: `${to.label}: skipped, a WebSocket workload (connections sending messages) has no request/response counterpart` };
  if (type === 'websocket') return { skipped: `${to.label}: skipped, the scenario has no connection workload (load.connection); write a WebSocket scenario to price one` };
  const toDoor = frontDoorProfile(type);
  if (toDoor === null || from.mode !== 'sync') return { skipped: `${to.label}: skipped, an event bus and a front door answer different questions; compare them with a lesson or sweep --set api.type=${toDoor === null ? type : scenario.api.type}` };

  if (!toDoor.integrations.includes(scenario.integration.type)) return { skipped: `${to.label}: skipped, it takes ${toDoor.integrations.join(' or ')} only, and this workload's integration is ${INTEGRATION_NAMES[scenario.integration.type] ?? `a ${scenario.integration.type} integration`}` };
  const notes: string[] = [];
  const api = structuredClone(scenario.api);
  api.type = type;
  if (api.overhead !== undefined) {
    api.overhead = undefined;
    notes.push(`${to.label}: api.overhead was given for a ${from.label}; the ${to.label} default applies`);
  }
  if (api.integrationTimeout !== undefined && !toDoor.features.has('integrationTimeout')) {
    api.integrationTimeout = undefined;
    notes.push(`${to.label} has no integration time-out of its own (the function's time-out applies): api.integrationTimeout removed`);
  } else if (api.integrationTimeout !== undefined && (api.integrationTimeout > toDoor.maxIntegrationTimeoutMs || api.integrationTimeout < toDoor.minIntegrationTimeoutMs)) {
    api.integrationTimeout = undefined;
    notes.push(`${to.label}: api.integrationTimeout is outside what it allows; its default applies`);
  }
  const endpoint = typeof api.endpoint === 'string' ? api.endpoint : api.endpoint.type;
  if ((endpoint === 'edge' && !to.features.has('edgeEndpoint')) || (endpoint === 'private' && !to.features.has('privateEndpoint'))) {
    api.endpoint = 'regional';
    notes.push(`${to.label} has no ${endpoint === 'edge' ? 'edge-optimized' : 'private'} endpoint: Regional instead`);
  }
  const t = api.throttle;
  const settings: Array<[Feature, boolean, () => void, string]> = [
    ['cache', api.cache !== undefined, () => (api.cache = undefined), 'cache'],
    ['waf', api.waf !== undefined, () => (api.waf = undefined), 'AWS WAF'],
    ['gatewayResponses', api.responses !== undefined, () => (api.responses = undefined), 'customisable gateway responses'],
    ['usagePlan', t.usagePlan !== undefined, () => (t.usagePlan = undefined), 'usage plan'],
    ['usagePlan', t.usagePlans !== undefined, () => (t.usagePlans = undefined), 'usage plans'],
    ['usagePlan', api.apiKeys !== undefined, () => (api.apiKeys = undefined), 'API keys (nor requests refused for a missing or unknown key)'],
    ['canary', api.canary !== undefined, () => (api.canary = undefined), "canary release (the canary's version, its errors and its Lambda function)"],
    ['routeThrottle', t.routes !== undefined, () => (t.routes = undefined), 'route throttling'],
    ['stageThrottle', t.stage !== undefined, () => (t.stage = undefined), 'stage throttling'],
    ['accountThrottle', t.account !== undefined, () => (t.account = undefined), 'account-level request throttle'],
    ['requestValidation', api.validation !== undefined, () => (api.validation = undefined), 'request validation'],
    ['cors', api.cors !== undefined, () => (api.cors = undefined), 'CORS preflights answered by the front door'],
    ['mappingTemplates', api.mappingTemplates !== undefined, () => (api.mappingTemplates = undefined), 'mapping templates'],
    ['resourcePolicy', api.resourcePolicy !== undefined, () => (api.resourcePolicy = undefined), 'resource policy'],
  ];
  for (const [feature, present, remove, what] of settings) {
    if (present && !to.features.has(feature)) {
      remove();
      notes.push(`${to.label} has no ${what}: removed`);
    }
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
  if (api.authorizer) api.authorizer = adaptedAuthorizer(api.authorizer, type, to.label, notes);
  const failures = scenario.failures.filter((f) => {
    if (!f.throttle) return true;
    const kept = f.throttle.bucket === 'usagePlan' ? t.usagePlan?.rate !== undefined : f.throttle.bucket === 'route' ? t.routes !== undefined : f.throttle.bucket === 'stage' ? t.stage !== undefined : to.features.has('accountThrottle');
    if (!kept) notes.push(`${to.label}: the failure window at ${f.at / 1000}s changes the ${f.throttle.bucket} bucket, which it does not have: removed`);
    return kept;
  });
  const initialState = keptInitialState(scenario.initialState, api, to.label, notes);
  let integration = scenario.integration;
  if (integration.type === 'http' && integration.vpcLink && (type === 'alb' || (integration.vpcLink.target === 'cloudmap' && type !== 'http'))) {
    integration = { ...integration, vpcLink: undefined };
    notes.push(`${to.label}: the VPC link is removed (${type === 'alb' ? 'an ALB reaches its targets in the VPC itself' : 'only HTTP APIs reach AWS Cloud Map'})`);
  }
  const cost = { ...scenario.cost };
  if (cost.accessLogs && !to.features.has('accessLogs')) {
    cost.accessLogs = undefined;
    notes.push(`${to.label} writes no access logs to CloudWatch Logs (an ALB writes them to S3): removed`);
  }
  if (cost.executionLogs && !to.features.has('executionLogs')) {
    cost.executionLogs = undefined;
    notes.push(`${to.label} has no execution logging: removed`);
  }
  if (cost.logs && !cost.accessLogs && !cost.executionLogs) {
    cost.logs = undefined;
    notes.push(`${to.label}: no logs left to store: log storage removed`);
  }
  const adapted = { ...scenario, api, failures, initialState, integration, cost };
  const problems: string[] = [];
  checkScenario(adapted, (path, message) => problems.push(`${path.join('.')}: ${message}`));
  if (problems.length > 0) return { skipped: `${to.label}: skipped, ${problems.join('; ')}` };
  return { scenario: adapted, notes };
}

type AuthorizerSpec = NonNullable<Scenario['api']['authorizer']>;

/**
 * A Lambda authorizer's REST-only or HTTP-only settings on the new type: an HTTP API has no TOKEN
 * authorizers (its REQUEST authorizer reads the same header: the caller), a REST API no simple
 * responses, and an ALB (its authorizer an OIDC login) no routes or identity sources.
 */
function adaptedAuthorizer(spec: AuthorizerSpec, type: ApiType, label: string, notes: string[]): AuthorizerSpec {
  const a = { ...spec };
  if (a.type === 'lambda' && type !== 'rest' && a.payload === 'token') {
    a.payload = 'request';
    a.identitySources = ['caller'];
    notes.push(`${label} has no TOKEN authorizers: a REQUEST authorizer with the token's header (the caller) as its identity source`);
  }
  if (a.simpleResponses && type !== 'http') {
    a.simpleResponses = false;
    notes.push(`${label}: the authorizer's simple responses are an HTTP API feature: it returns a policy`);
  }
  if (type !== 'rest' && type !== 'http') {
    if (a.policyCovers !== 'api') notes.push(`${label} has no routes for the authorizer's policy to cover: policyCovers removed`);
    if (a.identitySources !== undefined) notes.push(`${label}: the authorizer's identity sources removed`);
    if (a.missingIdentityRatio > 0) notes.push(`${label}: requests without the identity source (missingIdentityRatio) are not modelled for its ${a.type} authorizer: removed`);
    a.policyCovers = 'api';
    a.identitySources = undefined;
    a.missingIdentityRatio = 0;
  } else if (a.missingIdentityRatio > 0 && !['lambda', 'jwt', 'cognito'].includes(a.type)) {
    a.missingIdentityRatio = 0;
    notes.push(`${label}: its ${a.type} authorizer reads no identity source: missingIdentityRatio removed`);
  }
  return a;
}

/** A primed cache or warm authorizer environments go with the cache or the authorizer function they were for. */
function keptInitialState(init: Scenario['initialState'], api: Scenario['api'], label: string, notes: string[]): Scenario['initialState'] {
  if (!init) return init;
  const kept = { ...init };
  if (kept.cache && !api.cache) {
    delete kept.cache;
    notes.push(`${label}: initialState.cache primes a cache it does not have: removed`);
  }
  if (kept.authorizer && !api.authorizer?.function) {
    delete kept.authorizer;
    notes.push(`${label}: initialState.authorizer warms an authorizer function it does not have: removed`);
  }
  return kept;
}
