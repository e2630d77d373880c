/**
 * Who gets in, in the scenario file: the fields of a Lambda authorizer that
 * say what its identity is made of (TOKEN or REQUEST, identity sources, a
 * policy for one route, requests that lack the identity, HTTP APIs' simple
 * responses), several usage plans (`api.throttle.usagePlans`) and the API
 * keys on them (`api.apiKeys`), with the rules that tie them to the front
 * door and the load. The model: src/model/authorizer/scoped-authorizer.ts and
 * src/model/throttle/usage-plan-chain.ts.
 */
import { z } from 'zod';
import type { ApiType } from '../catalog/entry-points.js';
import { assignPlans } from '../model/throttle/usage-plan-chain.js';
import { burst, quota, rate, real } from './unit-schema.js';

const methodBucket = z.strictObject({
  rate: rate().describe('steady-state requests per second for each API key on this method'),
  burst: burst().describe('bucket capacity for each API key on this method'),
});

/** Fields of `api.authorizer` this file adds. */
export const authorizerAccessFields = {
  payload: z.enum(['token', 'request']).optional().describe('lambda: TOKEN (the identity is the caller\'s token) or REQUEST (its identity sources); REST default token, HTTP APIs request only'),
  identitySources: z
    .array(z.enum(['caller', 'route', 'key']))
    .max(3)
    .optional()
    .describe('lambda REQUEST: what the cache key is made of: caller (a header), route ($context.httpMethod and resourcePath), key (a path or query parameter); [] does not cache (default [caller])'),
  policyCovers: z.enum(['api', 'route']).default('api').describe("lambda: what an Allow policy covers: every route (a wildcard resource) or only the route it was made for"),
  missingIdentityRatio: real(0, 1).prefault(0).describe('share of requests without the identity source: 401 without calling the authorizer (lambda, jwt, cognito)'),
  unauthorizedRatio: real(0, 1).prefault(0).describe('lambda: share of evaluations the function answers "Unauthorized": 401, not cached'),
  simpleResponses: z.boolean().default(false).describe('HTTP APIs, lambda: the function answers {isAuthorized} (payload format 2.0), which allows or denies every route'),
};

export const usagePlansSchema = () =>
  z
    .record(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a plan name is letters, digits, _ . - (it names the plan\'s events)'),
      z.strictObject({
        rate: rate().optional().describe("each API key's steady rate on this plan"),
        burst: burst().optional().describe("each API key's burst on this plan"),
        quota: quota().optional().describe('requests per API key per day, week or month'),
        methods: z.record(z.string(), methodBucket).optional().describe('per-method limits for each API key, keyed by the names in load.routes; the plan\'s own limit still applies'),
      }),
    )
    .optional()
    .describe('several usage plans by name (REST only); api.apiKeys.plans says which share of the API keys each has');

export const apiKeysSchema = () =>
  z
    .strictObject({
      plans: z.record(z.string(), real(0, 1, { above: true })).optional().describe('share of the callers (API keys) on each plan of api.throttle.usagePlans, in order, the busiest callers on the first; the shares add up to 1'),
      invalidRatio: real(0, 1).prefault(0).describe('share of requests with a missing or unknown API key: 403, before any throttle, never reaching the integration'),
    })
    .optional()
    .describe('REST APIs with a usage plan: which plan each API key is on, and requests without a valid key');

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

interface Bucket {
  rate: number;
  burst: number;
}
interface PlanSpec {
  rate?: number;
  burst?: number;
  quota?: unknown;
  methods?: Record<string, Bucket>;
}
interface AuthorizerSpec {
  type: string;
  cacheTtl?: number;
  denyRatio: number;
  payload?: 'token' | 'request';
  identitySources?: Array<'caller' | 'route' | 'key'>;
  policyCovers: 'api' | 'route';
  missingIdentityRatio: number;
  unauthorizedRatio: number;
  simpleResponses: boolean;
}
/** What the checks read of a scenario. */
export interface AccessScenario {
  api: {
    type: ApiType;
    authorizer?: AuthorizerSpec;
    throttle: { usagePlan?: PlanSpec; usagePlans?: Record<string, PlanSpec> };
    apiKeys?: { plans?: Record<string, number>; invalidRatio: number };
  };
  load: { routes?: Array<{ name: string }>; keys: { count: number }; virtualUsers?: number };
  clients: { count: number };
}

const AT = ['api', 'authorizer'];

/** The payload a Lambda authorizer has: the scenario's, or its front door's only or default one. */
export function authorizerPayload(type: ApiType, spec: { payload?: 'token' | 'request' }): 'token' | 'request' {
  return spec.payload ?? (type === 'rest' ? 'token' : 'request');
}

/** The parts of a request its cache key is made of: a TOKEN authorizer's token is the caller's. */
export function identityParts(type: ApiType, spec: { payload?: 'token' | 'request'; identitySources?: ReadonlyArray<'caller' | 'route' | 'key'> }): { caller: boolean; route: boolean; key: boolean } {
  const sources = authorizerPayload(type, spec) === 'token' ? ['caller'] : (spec.identitySources ?? ['caller']);
  return { caller: sources.includes('caller'), route: sources.includes('route'), key: sources.includes('key') };
}

export function checkAuthorizerAccess(s: AccessScenario, problem: Problem): void {
  const a = s.api.authorizer;
  if (!a) return;
  const lambda = a.type === 'lambda';
  const lambdaOnly: Array<[string, boolean]> = [
    ['payload', a.payload !== undefined],
    ['identitySources', a.identitySources !== undefined],
    ['policyCovers', a.policyCovers !== 'api'],
    ['unauthorizedRatio', a.unauthorizedRatio > 0],
    ['simpleResponses', a.simpleResponses],
  ];
  for (const [field, given] of lambdaOnly) if (given && !lambda) problem([...AT, field], 'only applies to a Lambda authorizer', 'remove it, or use type: lambda');
  if (a.missingIdentityRatio > 0 && !['lambda', 'jwt', 'cognito'].includes(a.type)) problem([...AT, 'missingIdentityRatio'], `does not apply to a ${a.type} authorizer`, 'lambda, jwt and cognito authorizers read an identity source (a header); an IAM signature or an ALB login is another matter');
  const routed = s.api.type === 'rest' || s.api.type === 'http';
  if (!routed && (a.missingIdentityRatio > 0 || a.identitySources !== undefined || a.policyCovers !== 'api')) {
    const field = a.missingIdentityRatio > 0 ? 'missingIdentityRatio' : a.identitySources !== undefined ? 'identitySources' : 'policyCovers';
    problem([...AT, field], `is modelled for REST and HTTP APIs only`, s.api.type === 'websocket' ? 'a WebSocket API authorizes each connection once, on $connect' : 'remove it');
  }
  if (!lambda) return;
  if (a.payload === 'token' && s.api.type !== 'rest') problem([...AT, 'payload'], `${s.api.type === 'http' ? 'HTTP' : 'WebSocket'} APIs have no TOKEN authorizers`, 'their Lambda authorizers are REQUEST authorizers (CreateAuthorizer: "Specify REQUEST for a Lambda function using incoming request parameters"); write payload: request');
  const payload = authorizerPayload(s.api.type, a);
  if (a.identitySources !== undefined && payload === 'token') problem([...AT, 'identitySources'], 'does not apply to a TOKEN authorizer', 'a TOKEN authorizer caches by its token (the caller); set payload: request to choose identity sources');
  if (a.identitySources && new Set(a.identitySources).size !== a.identitySources.length) problem([...AT, 'identitySources'], 'names a source twice', 'name each of caller, route and key at most once');
  if (a.identitySources?.length === 0 && a.cacheTtl !== undefined && a.cacheTtl > 0) {
    problem([...AT, 'cacheTtl'], 'caches a REQUEST authorizer with no identity source', 'API Gateway requires an identity source when authorization caching is enabled (its values are the cache key): add identitySources, or set cacheTtl: 0s');
  }
  if (a.simpleResponses && s.api.type !== 'http') problem([...AT, 'simpleResponses'], 'is an HTTP API feature', 'REST Lambda authorizers return an IAM policy; remove it');
  if (a.simpleResponses && a.policyCovers === 'route') problem([...AT, 'policyCovers'], 'cannot be route with simple responses', 'a simple response ({isAuthorized}) allows or denies every route for the cached identity; drop simpleResponses to return a policy');
  if (a.denyRatio + a.unauthorizedRatio > 1) problem([...AT, 'unauthorizedRatio'], `adds up with denyRatio to ${a.denyRatio + a.unauthorizedRatio}, more than 1`, 'each evaluation is one answer: Allow, Deny or Unauthorized; make the two shares add up to 1 at most');
  const parts = identityParts(s.api.type, a);
  const callers = s.load.virtualUsers ?? s.clients.count;
  const space = (parts.caller ? callers : 1) * (parts.route ? (s.load.routes?.length ?? 1) : 1) * (parts.key ? s.load.keys.count : 1);
  if (space > Number.MAX_SAFE_INTEGER) problem([...AT, 'identitySources'], 'make more cache keys than apigw-sim can count', 'give fewer callers or keys, or fewer identity sources');
}

export function checkUsagePlans(s: AccessScenario, offersUsagePlans: boolean, maxApiKeys: number, problem: Problem): void {
  const t = s.api.throttle;
  const plans = t.usagePlans;
  const keys = s.api.apiKeys;
  const door = 'only REST APIs offer usage plans and API keys; remove it or set api.type: rest';
  if (plans && !offersUsagePlans) problem(['api', 'throttle', 'usagePlans'], 'is not offered by this API type', door);
  if (keys && !offersUsagePlans) problem(['api', 'apiKeys'], 'is not offered by this API type', door);
  if (!offersUsagePlans) return;
  if (plans && t.usagePlan) problem(['api', 'throttle', 'usagePlans'], 'is given with usagePlan', 'usagePlan is the one plan every key is on; put it under usagePlans with a name, or use it alone');
  if (keys && !plans && !t.usagePlan) problem(['api', 'apiKeys'], 'needs a usage plan', 'API Gateway checks API keys for the usage plans on the stage: add api.throttle.usagePlan or usagePlans');
  if (keys?.plans && t.usagePlan) problem(['api', 'apiKeys', 'plans'], 'assigns keys to plans, but usagePlan is the one plan every key is on', 'name several plans under api.throttle.usagePlans, or remove apiKeys.plans');
  if (!plans) return;
  const names = Object.keys(plans);
  if (names.length === 0) problem(['api', 'throttle', 'usagePlans'], 'has no plan', 'give at least one: usagePlans: {free: {rate: 5/s, burst: 10, quota: 10K/day}}');
  const routeNames = new Set((s.load.routes ?? []).map((r) => r.name));
  for (const [name, plan] of Object.entries(plans)) {
    const at = ['api', 'throttle', 'usagePlans', name];
    if ((plan.rate === undefined) !== (plan.burst === undefined)) problem(at, 'gives only one of rate and burst', 'give both (a token bucket per API key), or neither');
    if (plan.rate === undefined && plan.quota === undefined && plan.methods === undefined) problem(at, 'limits nothing', 'give rate and burst, a quota, or methods');
    for (const route of Object.keys(plan.methods ?? {})) {
      if (!routeNames.has(route)) problem([...at, 'methods', route], 'is not one of load.routes', routeNames.size > 0 ? `the routes are: ${[...routeNames].slice(0, 10).join(', ')}` : 'add load.routes: [{name: "GET /items", weight: 1}, ...]');
    }
  }
  const callers = s.load.virtualUsers ?? s.clients.count;
  if (callers > maxApiKeys) problem(s.load.virtualUsers !== undefined ? ['load', 'virtualUsers'] : ['clients', 'count'], `makes ${callers.toLocaleString('en-US')} API keys on the usage plans, more than an account may have (${maxApiKeys.toLocaleString('en-US')})`, 'API Gateway allows 10,000 API keys per account and Region, a quota that cannot be raised: give fewer callers');
  const shares = keys?.plans;
  if (!shares) {
    if (names.length > 1) problem(['api', 'apiKeys', 'plans'], 'is required with several usage plans', `say which share of the API keys each plan has, e.g. apiKeys: {plans: {${names[0]}: 0.1, ${names[1]}: 0.9}}`);
    return;
  }
  for (const name of Object.keys(shares)) {
    if (!(name in plans)) problem(['api', 'apiKeys', 'plans', name], `assigns API keys to the plan "${name}", which api.throttle.usagePlans does not have`, `the plans are: ${names.join(', ')}`);
  }
  for (const name of names) if (!(name in shares)) problem(['api', 'throttle', 'usagePlans', name], 'has no API keys', `give it a share in api.apiKeys.plans, or remove it`);
  const total = Object.values(shares).reduce((sum, share) => sum + share, 0);
  if (Math.abs(total - 1) > 1e-9) problem(['api', 'apiKeys', 'plans'], `shares add up to ${Number(total.toPrecision(6))}, not 1`, 'every API key is on one plan: make the shares add up to 1');
  else if (callers <= maxApiKeys) {
    const planOf = assignPlans(Object.values(shares), callers);
    Object.entries(shares).forEach(([name, share], plan) => {
      if (!planOf.includes(plan)) problem(['api', 'apiKeys', 'plans', name], `gives the plan no API key: ${share} of ${callers} callers is less than one`, 'give it a larger share, or more callers (clients.count)');
    });
  }
}
