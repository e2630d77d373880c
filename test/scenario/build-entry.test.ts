/**
 * The front door a scenario builds: its stages, in the profile's order, less
 * the checks no request can fail (a payload limit above the largest body the
 * callers send).
 */
import { describe, expect, it } from 'vitest';
import type { FrontDoor, FrontDoorUsage } from '../../src/model/gateway/front-door.js';
import { buildSimulation } from '../../src/scenario/build.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const base = loadScenario('scenarios/rest-lambda-basic.yaml');
const withRequests = (request: typeof base.load.payload.request) => ({ ...base, load: { ...base.load, payload: { ...base.load.payload, request } } });
const stagesOf = (scenario: typeof base) => (buildSimulation(scenario).roles.frontDoor as FrontDoor).stageNames;

describe('the front door a scenario builds', () => {
  it('leaves out the payload check when no body the callers send can exceed the limit', () => {
    expect(stagesOf(withRequests({ kind: 'constant', value: 1024 }))).not.toContain('payloadLimit');
    expect(stagesOf(withRequests({ kind: 'uniform', min: 0, max: 6 * 1024 * 1024 }))).not.toContain('payloadLimit'); // Lambda's 6 MB, exactly
  });

  it('keeps it where a body may exceed the limit, and those bodies are refused 413', () => {
    expect(stagesOf(withRequests({ kind: 'uniform', min: 0, max: 6 * 1024 * 1024 + 1 }))).toContain('payloadLimit');
    // half the bodies over Lambda's 6 MB synchronous limit
    const run = runScenario({ ...withRequests({ kind: 'uniform', min: 4 * 1024 * 1024, max: 8 * 1024 * 1024 }), duration: 20_000, warmup: 0 });
    const door = run.usage.gateway as FrontDoorUsage;
    // a uniform draw is over the limit with probability 1/2: within 5 standard errors of half the requests
    const sd = Math.sqrt(door.requests * 0.25);
    expect(Math.abs(door.tooLarge - door.requests / 2)).toBeLessThan(5 * sd);
  });
});
