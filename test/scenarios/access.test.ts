/**
 * Who gets in (issue 30 items 4 and 5), on short inline runs: each status an
 * authorizer or an API key check answers, named with the AWS document that
 * says which status it is; the authorizer's cache key (TOKEN by token,
 * REQUEST by its identity sources) and a policy for one route, against the
 * hit ratios worked out from the number of distinct keys; several usage
 * plans, their 429s counted by plan.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const run = (yaml: string) => runScenario(parseScenario(yaml, 'inline.yaml'));
const outcomes = (r: ReturnType<typeof run>) => r.records.attemptOutcomes;
const events = (r: ReturnType<typeof run>) => r.records.events;
const total = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A REST API with a Lambda authorizer whose function is quick and starts quick: few requests wait on an evaluation in flight. */
const withAuthorizer = (authorizer: string, extra = '', type = 'rest') => `
name: access
seed: 4
duration: 10s
load: { rate: 200/s${extra} }
clients: { count: 20 }
api:
  type: ${type}
  authorizer:
    type: lambda
${authorizer
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
    function: { duration: { constant: 2ms }, coldStart: { constant: 5ms } }
integration: { type: lambda, duration: { constant: 5ms }, coldStart: { constant: 5ms } }
`;

describe('the statuses an authorizer answers', () => {
  it('a request without the identity source is 401 and the function is not called (API reference, Authorizer.identitySource: "returns a 401 Unauthorized response without calling the Lambda function")', () => {
    const r = run(withAuthorizer('cacheTtl: 0s\nmissingIdentityRatio: 0.2'));
    const o = outcomes(r);
    const requests = total(o);
    // every request without its identity is a 401, and every other one was evaluated, none of them twice
    expect(o['401']).toBe(events(r).authorizerMissingIdentity);
    expect(r.usage.authorizer.evaluations).toBe(requests - o['401']);
    expect(r.usage['authorizer.function'].invocations).toBe(requests - o['401']);
    // a share of 0.2 of about 2,000 requests: 4 standard deviations of a binomial count
    expect(Math.abs(o['401'] / requests - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / requests));
  });

  it('a Deny policy is 403, an "Unauthorized" answer 401 (gateway responses ACCESS_DENIED 403 and UNAUTHORIZED 401, supported-gateway-response-types.html)', () => {
    const r = run(withAuthorizer('cacheTtl: 0s\ndenyRatio: 0.1\nunauthorizedRatio: 0.3'));
    const o = outcomes(r);
    const n = total(o);
    expect(o['2xx'] + o['401'] + o['403']).toBe(n);
    expect(Math.abs(o['403'] / n - 0.1)).toBeLessThan(4 * Math.sqrt((0.1 * 0.9) / n));
    expect(Math.abs(o['401'] / n - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
    expect(r.usage.lambda.invocations).toBe(o['2xx']);
  });

  it('a function error or time-out is 500 (AUTHORIZER_FAILURE, default status 500, supported-gateway-response-types.html)', () => {
    const failing = run(withAuthorizer('cacheTtl: 0s').replace('function: { duration: { constant: 2ms }', 'function: { errorRate: 1, duration: { constant: 2ms }'));
    expect(outcomes(failing)).toEqual({ '500': total(outcomes(failing)) });
    // an authorizer's failure is a request never authorized: API Gateway bills none of them (docs/costs.md, ASSUMPTION)
    expect(failing.usage.gateway.billedRequests).toBe(0);
    const slow = run(withAuthorizer('cacheTtl: 0s').replace('function: { duration: { constant: 2ms }', 'function: { timeout: 1s, duration: { constant: 2s }'));
    expect(Object.keys(outcomes(slow))).toEqual(['500']);
    expect(slow.usage.lambda.invocations).toBe(0);
  });

  it('an HTTP API simple response {isAuthorized: false} is 403 (http-api-lambda-authorizer.html) and, cached, answers for every route', () => {
    const r = run(withAuthorizer('cacheTtl: 300s\nsimpleResponses: true\ndenyRatio: 0.25', ', routes: [{ name: a }, { name: b }]', 'http'));
    const o = outcomes(r);
    expect(Object.keys(o).sort()).toEqual(['2xx', '403']);
    // one decision per caller, whatever the route: no 403 for a route the decision was not made on
    expect(r.usage.authorizer.evaluations).toBeLessThanOrEqual(20 + 10);
    expect(events(r).authorizerRouteNotCovered).toBeUndefined();
  });
});

describe("the authorizer's cache key", () => {
  // 20 callers, 4 routes, 100 keys; the TTL outlasts the run, so an identity misses once (plus the
  // few requests that arrive while its first evaluation, 7 ms at most, is in flight: 10/s × 7 ms each)
  const routes = ', routes: [{ name: a }, { name: b }, { name: c }, { name: d }], keys: { count: 100 }';
  const hitRatio = (r: ReturnType<typeof run>) => r.usage.authorizer.cacheHits / total(outcomes(r));
  const missBounds = (distinct: number, n: number) => [1 - (distinct * 1.1 + 5) / n, 1 - distinct / n];

  it('TOKEN caches by token: one miss per caller', () => {
    const r = run(withAuthorizer('cacheTtl: 3600s', routes));
    const [low, high] = missBounds(20, total(outcomes(r)));
    expect(hitRatio(r)).toBeGreaterThanOrEqual(low);
    expect(hitRatio(r)).toBeLessThanOrEqual(high);
  });

  it('REQUEST with the route among its identity sources misses once per caller and route: a lower hit ratio than TOKEN', () => {
    const r = run(withAuthorizer('payload: request\nidentitySources: [caller, route]\ncacheTtl: 3600s', routes));
    const n = total(outcomes(r));
    const [low, high] = missBounds(80, n);
    expect(hitRatio(r)).toBeGreaterThanOrEqual(low);
    expect(hitRatio(r)).toBeLessThanOrEqual(high);
  });

  it("REQUEST keyed by caller and a query parameter misses once per pair seen: 2,000 pairs, 1 - e^(-n/2000) of them seen", () => {
    const r = run(withAuthorizer('payload: request\nidentitySources: [caller, key]\ncacheTtl: 3600s', routes));
    const n = total(outcomes(r));
    const pairs = 2000;
    const seen = pairs * (1 - Math.exp(-n / pairs));
    // the count of pairs seen varies by about sqrt(pairs · e^-1 · (1 - e^-1)) ≈ 22: 5 of those, and the in-flight misses
    expect(r.usage.authorizer.evaluations).toBeGreaterThan(seen - 5 * 22);
    expect(r.usage.authorizer.evaluations).toBeLessThan(seen + 5 * 22 + 20);
  });

  it('REQUEST with no identity source does not cache at all (an identity source "is required when authorization caching is enabled")', () => {
    const r = run(withAuthorizer('payload: request\nidentitySources: []', routes));
    expect(r.usage.authorizer.cacheHits).toBe(0);
    expect(r.usage.authorizer.evaluations).toBe(total(outcomes(r)));
  });

  it('a TOKEN policy for one route answers 403 from the cache on the other routes (knowledge center: "User is not authorized to access this resource")', () => {
    const r = run(withAuthorizer('cacheTtl: 3600s\npolicyCovers: route', routes));
    const o = outcomes(r);
    const n = total(o);
    // a request the authorizer did not evaluate meets a cached policy for one route, its own route drawn
    // independently of it among 4: 403 with probability 3/4, a binomial count over those requests
    const fromCache = n - r.usage.authorizer.evaluations;
    expect(Math.abs(o['403'] - 0.75 * fromCache)).toBeLessThan(4 * Math.sqrt(fromCache * 0.75 * 0.25));
    expect(events(r).authorizerRouteNotCovered).toBe(o['403']);
    expect(r.usage.authorizer.evaluations).toBeLessThan(20 + 15);
  });

  it('with the route in the key, a policy for one route makes the other routes miss the cache instead: no 403', () => {
    const r = run(withAuthorizer('payload: request\nidentitySources: [caller, route]\ncacheTtl: 3600s\npolicyCovers: route', routes));
    expect(outcomes(r)['403']).toBeUndefined();
    expect(r.usage.authorizer.evaluations).toBeGreaterThanOrEqual(80);
  });
});

describe('several usage plans', () => {
  const plans = (apiKeys: string, extra = '') => `
name: plans
seed: 9
duration: 10s
load: { rate: 400/s, routes: [{ name: "GET /items", weight: 3 }, { name: "POST /orders", weight: 1 }] }
clients: { count: 10 }
api:
  type: rest
  throttle:
    usagePlans:
      gold: { rate: 1000/s, burst: 1000${extra} }
      free: { rate: 10/s, burst: 10, quota: 50/day }
  apiKeys: ${apiKeys}
integration: { type: lambda, duration: { constant: 5ms }, coldStart: { constant: 5ms } }
`;

  it('a missing or unknown API key is 403 and never reaches the integration (INVALID_API_KEY, default status 403, supported-gateway-response-types.html)', () => {
    const r = run(plans('{ plans: { gold: 1 }, invalidRatio: 0.1 }').replace('      free: { rate: 10/s, burst: 10, quota: 50/day }\n', ''));
    const o = outcomes(r);
    const n = total(o);
    expect(o['403 api-key']).toBe(events(r).apiKeyInvalid);
    expect(r.usage.lambda.invocations).toBe(n - o['403 api-key']);
    expect(Math.abs(o['403 api-key'] / n - 0.1)).toBeLessThan(4 * Math.sqrt((0.1 * 0.9) / n));
    // refused before the buckets: nothing throttled, nothing billed for them
    expect(r.usage.gateway.throttled).toBe(0);
    expect(r.usage.gateway.billedRequests).toBe(n - o['403 api-key']);
  });

  it('each plan throttles its own keys, and the 429s are counted by plan', () => {
    const r = run(plans('{ plans: { gold: 0.2, free: 0.8 } }'));
    const o = outcomes(r);
    const e = events(r);
    // gold's 2 keys never reach 1,000/s; free's 8 keys send about 40/s each against 10/s and a quota of 50
    expect(e['usagePlan.gold.throttled']).toBeUndefined();
    expect(e['usagePlan.free.throttled']).toBeGreaterThan(0);
    expect(e['usagePlan.free.quota']).toBeGreaterThan(0);
    expect(o['429 usage-plan']).toBe(e['usagePlan.free.throttled']);
    expect(o['429 quota']).toBe(e['usagePlan.free.quota']);
    // each free key is served its quota and no more: 8 keys × 50, beside all of gold's requests, 2 callers
    // in 10 drawn per request: a binomial count of 0.2 of the requests
    const n = total(o);
    const gold = r.usage.lambda.invocations - 8 * 50;
    expect(Math.abs(gold - 0.2 * n)).toBeLessThan(4 * Math.sqrt(n * 0.2 * 0.8));
  });

  it("a per-method limit inside a plan throttles that method for each key, and the plan's own limit still holds", () => {
    const r = run(plans('{ plans: { gold: 1 } }', ', methods: { "POST /orders": { rate: 2/s, burst: 2 } }').replace('      free: { rate: 10/s, burst: 10, quota: 50/day }\n', ''));
    // 10 keys × about 10 POSTs/s against 2/s, burst 2, each: a key's bucket serves its burst and 2 a second
    // (it is almost never full to waste a token), 10 × (2 + 2 × 10 s) = 220 POSTs; the rest of the POSTs,
    // a binomial count of a quarter of the requests, are refused
    const o = outcomes(r);
    const n = total(o);
    expect(Math.abs(o['429 usage-plan'] - (0.25 * n - 220))).toBeLessThan(4 * Math.sqrt(n * 0.25 * 0.75));
    expect(events(r)['usagePlan.gold.throttled']).toBe(o['429 usage-plan']);
  });
});
