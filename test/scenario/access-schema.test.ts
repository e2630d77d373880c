/**
 * Bad input about authorizers, usage plans and API keys: each is one problem
 * at the field to change, with its line and a hint. And how callers are
 * shared out between plans.
 */
import { describe, expect, it } from 'vitest';
import { assignPlans } from '../../src/model/throttle/usage-plan-chain.js';
import { problemsOf } from './problems-of.js';

const base = (api: string, load = 'load: { rate: 10/s }') => `name: t
duration: 1m
${load}
clients: { count: 10 }
api:
  type: rest
${api}
integration: { type: lambda, duration: { p50: 50ms, p99: 200ms } }
`;
const lambdaAuthorizer = (fields: string, type = 'rest') =>
  base(`  authorizer:\n    type: lambda\n    function: { duration: { constant: 5ms } }\n${fields.split('\n').map((l) => `    ${l}`).join('\n')}`).replace('type: rest', `type: ${type}`);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('usage plans and API keys', () => {
  it('an API key assigned to a plan that does not exist: the plan named, its line, the plans there are', () => {
    const text = base('  throttle:\n    usagePlans:\n      gold: { rate: 10/s, burst: 10 }\n      free: { rate: 1/s, burst: 1 }\n  apiKeys:\n    plans: { gold: 0.5, silver: 0.5 }');
    const problems = problemsOf(text);
    const silver = problems.find((p) => p.path === 'api.apiKeys.plans.silver');
    expect(silver?.message).toBe('assigns API keys to the plan "silver", which api.throttle.usagePlans does not have');
    expect(silver?.hint).toBe('the plans are: gold, free');
    expect(silver?.line).toBe(lineOf(text, 'silver'));
    // and free, which no key is on, is said once at its own line
    expect(problems.find((p) => p.path === 'api.throttle.usagePlans.free')?.message).toBe('has no API keys');
  });

  it.each([
    ['shares that do not add up to 1', '  throttle:\n    usagePlans:\n      a: { rate: 10/s, burst: 10 }\n      b: { quota: 10/day }\n  apiKeys: { plans: { a: 0.5, b: 0.4 } }', 'api.apiKeys.plans', 'shares add up to 0.9, not 1'],
    ['several plans and no shares', '  throttle:\n    usagePlans:\n      a: { rate: 10/s, burst: 10 }\n      b: { quota: 10/day }', 'api.apiKeys.plans', 'is required with several usage plans'],
    ['a share too small for one key of ten', '  throttle:\n    usagePlans:\n      a: { rate: 10/s, burst: 10 }\n      b: { quota: 10/day }\n  apiKeys: { plans: { a: 0.99, b: 0.01 } }', 'api.apiKeys.plans.b', 'gives the plan no API key: 0.01 of 10 callers is less than one'],
    ['API keys without a usage plan', '  apiKeys: { invalidRatio: 0.1 }', 'api.apiKeys', 'needs a usage plan'],
    ['both usagePlan and usagePlans', '  throttle:\n    usagePlan: { rate: 10/s, burst: 10 }\n    usagePlans: { a: { rate: 10/s, burst: 10 } }', 'api.throttle.usagePlans', 'is given with usagePlan'],
    ['a method limit on a route there is not', '  throttle:\n    usagePlans: { a: { methods: { "GET /x": { rate: 1/s, burst: 1 } } } }', 'api.throttle.usagePlans.a.methods.GET /x', 'is not one of load.routes'],
    ['a plan that limits nothing', '  throttle:\n    usagePlans: { a: {} }', 'api.throttle.usagePlans.a', 'limits nothing'],
    ['an invalid-key share over 100 %', '  throttle:\n    usagePlan: { quota: 10/day }\n  apiKeys: { invalidRatio: 1.5 }', 'api.apiKeys.invalidRatio', '1.5 is too large: it must be at most 1'],
  ])('%s', (_, api, path, message) => {
    const problems = problemsOf(base(api));
    expect(problems.map((p) => [p.path, p.message])).toContainEqual([path, message]);
    expect(problems.find((p) => p.path === path)?.line).toBeGreaterThan(0);
  });

  it('usage plans on an HTTP API name the type that offers them', () => {
    const problems = problemsOf(base('  throttle:\n    usagePlans: { a: { quota: 10/day } }').replace('type: rest', 'type: http'));
    expect(problems.map((p) => p.hint)).toContain('only REST APIs offer usage plans and API keys; remove it or set api.type: rest');
  });

  it('callers go to plans in order by share, the counts adding up', () => {
    expect([...assignPlans([0.2, 0.8], 10)]).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect([...assignPlans([1 / 3, 1 / 3, 1 / 3], 10)]).toEqual([0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
    expect([...assignPlans([1], 3)]).toEqual([0, 0, 0]);
  });
});

describe('authorizer fields', () => {
  it.each([
    ['a missing-identity share over 100 %', 'missingIdentityRatio: 1.5', 'rest', 'api.authorizer.missingIdentityRatio', '1.5 is too large: it must be at most 1'],
    ['a TOKEN authorizer on an HTTP API', 'payload: token', 'http', 'api.authorizer.payload', 'HTTP APIs have no TOKEN authorizers'],
    ['identity sources on a TOKEN authorizer', 'identitySources: [caller, route]', 'rest', 'api.authorizer.identitySources', 'does not apply to a TOKEN authorizer'],
    ['a cache with no identity source', 'payload: request\nidentitySources: []\ncacheTtl: 60s', 'rest', 'api.authorizer.cacheTtl', 'caches a REQUEST authorizer with no identity source'],
    ['simple responses on a REST API', 'simpleResponses: true', 'rest', 'api.authorizer.simpleResponses', 'is an HTTP API feature'],
    ['a policy for one route with simple responses', 'simpleResponses: true\npolicyCovers: route', 'http', 'api.authorizer.policyCovers', 'cannot be route with simple responses'],
    ['deny and unauthorized shares over 1', 'denyRatio: 0.6\nunauthorizedRatio: 0.6', 'rest', 'api.authorizer.unauthorizedRatio', 'adds up with denyRatio to 1.2, more than 1'],
  ])('%s', (_, fields, type, path, message) => {
    const text = lambdaAuthorizer(fields, type);
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.path, p.message])).toContainEqual([path, message]);
    expect(problems.find((p) => p.path === path)?.line).toBeGreaterThan(0);
  });

  it('a missing identity share on an IAM authorizer says which authorizers read an identity source', () => {
    const problems = problemsOf(base('  authorizer: { type: iam, missingIdentityRatio: 0.1 }'));
    expect(problems.map((p) => p.path)).toEqual(['api.authorizer.missingIdentityRatio']);
  });
});
