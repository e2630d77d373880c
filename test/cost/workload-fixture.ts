/** A closed-form workload for tests: nothing but the requests and their sizes, every option off, with the fields a test sets on top. */
import type { Workload } from '../../src/cost/workload.js';

export function testWorkload(overrides: Partial<Workload>): Workload {
  return {
    monthlyRequests: 40e6,
    requestBytes: 1024,
    responseBytes: 1024,
    lambda: null,
    authorizer: null,
    cacheBytes: 0,
    cacheHitRatio: 0,
    connectionMinutes: 0,
    alb: { connections: 'keep-alive', callers: 1, rules: 1, idleTimeoutSeconds: 60 },
    accessLogBytesPerRequest: 0,
    executionLogs: null,
    logStorage: null,
    waf: null,
    ...overrides,
  };
}
