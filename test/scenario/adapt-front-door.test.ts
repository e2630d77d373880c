import { describe, expect, it } from 'vitest';
import { adaptToFrontDoor } from '../../src/scenario/adapt-front-door.js';
import { parseScenario } from '../../src/scenario/loader.js';

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
