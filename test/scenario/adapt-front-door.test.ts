import { describe, expect, it } from 'vitest';
import { adaptToFrontDoor } from '../../src/scenario/adapt-front-door.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { REST_ONLY_SCENARIO } from './rest-only-scenario.js';

const WARM_REST = `
name: warm-rest
duration: 10s
load: { rate: 50/s }
api: { type: rest, cache: { size: 0.5GB }, authorizer: { type: lambda, function: { duration: 10ms } } }
integration: { type: lambda, duration: 20ms }
initialState: { integration: { warm: 5 }, authorizer: { warm: 2 }, cache: { primed: full } }
`;

describe('adaptToFrontDoor and initialState', () => {
  it('drops the priming of a cache, and the warming of an authorizer function, the new type does not have, and says so', () => {
    const adapted = adaptToFrontDoor(parseScenario(WARM_REST, 'f.yaml'), 'alb');
    if ('skipped' in adapted) throw new Error(adapted.skipped);
    expect(adapted.scenario.initialState).toEqual({ integration: { warm: 5 } });
    expect(adapted.notes).toContain('Application Load Balancer: initialState.cache primes a cache it does not have: removed');
    expect(adapted.notes).toContain('Application Load Balancer: initialState.authorizer warms an authorizer function it does not have: removed');
  });

  it('keeps what the new type still has', () => {
    const adapted = adaptToFrontDoor(parseScenario(WARM_REST, 'f.yaml'), 'http');
    if ('skipped' in adapted) throw new Error(adapted.skipped);
    expect(adapted.scenario.initialState).toEqual({ integration: { warm: 5 }, authorizer: { warm: 2 } });
  });
});

describe('adaptToFrontDoor and execution logs', () => {
  const logged = `
name: logged
duration: 10s
load: { rate: 50/s }
api: { type: rest }
integration: { type: lambda, duration: 20ms }
cost: { accessLogs: { bytesPerRequest: 1KB }, executionLogs: { level: info }, logs: { retention: 30d } }
`;
  it.each([['http', 'HTTP API has no execution logging: removed']] as const)('drops them on a front door that does not write them (%s), and keeps the access logs and their storage', (type, note) => {
    const adapted = adaptToFrontDoor(parseScenario(logged, 'f.yaml'), type);
    if ('skipped' in adapted) throw new Error(adapted.skipped);
    expect(adapted.notes).toContain(note);
    expect(adapted.scenario.cost.executionLogs).toBeUndefined();
    expect(adapted.scenario.cost.accessLogs).toEqual({ bytesPerRequest: 1024 });
    expect(adapted.scenario.cost.logs).toEqual({ retention: 30 * 86_400_000, compression: 0.15 });
  });

  it('drops every log on an ALB (its access logs go to S3), and with them their storage', () => {
    const adapted = adaptToFrontDoor(parseScenario(logged, 'f.yaml'), 'alb');
    if ('skipped' in adapted) throw new Error(adapted.skipped);
    expect(adapted.notes).toContain('Application Load Balancer has no execution logging: removed');
    expect(adapted.notes).toContain('Application Load Balancer writes no access logs to CloudWatch Logs (an ALB writes them to S3): removed');
    expect(adapted.scenario.cost.accessLogs).toBeUndefined();
    expect(adapted.scenario.cost.logs).toBeUndefined();
  });
});

describe('adaptToFrontDoor and what only a REST API has: usage plans, API keys, canary releases, TOKEN authorizers', () => {
  const KEYED = REST_ONLY_SCENARIO;
  it.each([
    ['http', 'HTTP API'],
    ['alb', 'Application Load Balancer'],
  ] as const)('drops the usage plans, the API keys and the canary on %s, each with a note', (type, label) => {
    const adapted = adaptToFrontDoor(parseScenario(KEYED, 'f.yaml'), type);
    if ('skipped' in adapted) throw new Error(adapted.skipped);
    const { api } = adapted.scenario;
    expect([api.throttle.usagePlans, api.apiKeys, api.canary]).toEqual([undefined, undefined, undefined]);
    expect(adapted.notes).toContain(`${label} has no usage plans: removed`);
    expect(adapted.notes).toContain(`${label} has no API keys (nor requests refused for a missing or unknown key): removed`);
    expect(adapted.notes).toContain(`${label} has no canary release (the canary's version, its errors and its Lambda function): removed`);
  });

  it("makes a TOKEN authorizer an HTTP API's REQUEST authorizer on the same header (HTTP APIs have no TOKEN authorizers)", () => {
    const adapted = adaptToFrontDoor(parseScenario(KEYED, 'f.yaml'), 'http');
    if ('skipped' in adapted) throw new Error(adapted.skipped);
    expect(adapted.scenario.api.authorizer).toMatchObject({ type: 'lambda', payload: 'request', identitySources: ['caller'] });
    expect(adapted.notes).toContain("HTTP API has no TOKEN authorizers: a REQUEST authorizer with the token's header (the caller) as its identity source");
  });

  it("drops an HTTP API's simple responses on a REST API, and a route-scoped policy and missing identities on an ALB's login", () => {
    const http = parseScenario(
      `name: h
duration: 10s
load: { rate: 20/s, routes: [{ name: GET /a, weight: 1 }, { name: GET /b, weight: 1 }] }
api: { type: http, authorizer: { type: lambda, simpleResponses: true, missingIdentityRatio: 0.1, function: { duration: 5ms } } }
integration: { type: lambda, duration: 20ms }
`,
      'h.yaml',
    );
    const rest = adaptToFrontDoor(http, 'rest');
    if ('skipped' in rest) throw new Error(rest.skipped);
    expect(rest.scenario.api.authorizer?.simpleResponses).toBe(false);
    expect(rest.notes).toContain('REST API: the authorizer\'s simple responses are an HTTP API feature: it returns a policy');
    const jwt = parseScenario('name: j\nduration: 10s\nload: { rate: 20/s }\napi: { type: http, authorizer: { type: jwt, missingIdentityRatio: 0.1 } }\nintegration: { type: lambda, duration: 20ms }\n', 'j.yaml');
    const alb = adaptToFrontDoor(jwt, 'alb');
    if ('skipped' in alb) throw new Error(alb.skipped);
    expect(alb.scenario.api.authorizer).toMatchObject({ type: 'oidc', missingIdentityRatio: 0 });
    expect(alb.notes).toContain('Application Load Balancer: requests without the identity source (missingIdentityRatio) are not modelled for its oidc authorizer: removed');
  });

  it('checks the adapted scenario with the rules validate runs: a setting the new type refuses skips it with the reason', () => {
    // a REST API's CORS max-age may be a day and more; an HTTP API's is 86400 s at most
    const cors = parseScenario('name: c\nduration: 10s\nload: { rate: 20/s }\napi: { type: rest, cors: { browsers: 0.5, maxAge: 100000s } }\nintegration: { type: lambda, duration: 20ms }\n', 'c.yaml');
    const adapted = adaptToFrontDoor(cors, 'http');
    expect(adapted).toEqual({ skipped: 'HTTP API: skipped, api.cors.maxAge: 100000s is above what an HTTP API accepts (86400s)' });
  });
});
