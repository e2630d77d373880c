/**
 * CloudFront in front of an authorizer or API keys, as a scenario builds it:
 * the callers' credentials are in the edge's cache key
 * (https://repost.aws/knowledge-center/cloudfront-authorization-header), so
 * a hit answers only the caller whose own request filled the entry, and the
 * run estimate counts an edge slot per key and caller.
 */
import { describe, expect, it } from 'vitest';
import type { CloudFrontUsage } from '../../src/model/cdn/cloudfront.js';
import { edgeCallers } from '../../src/scenario/cloudfront-schema.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { estimateRun } from '../../src/scenario/run-estimate.js';
import { runScenario } from '../../src/scenario/run.js';

const CALLERS = 20;
const scenario = (api: string) =>
  parseScenario(
    `name: cf-auth
seed: 1
duration: 20s
warmup: 0s
load: { rate: 100/s, keys: { count: 1 } }
clients: { count: ${CALLERS} }
api:
  type: http
  cloudfront: { defaultTtl: 300s }
${api}
integration: { type: lambda, duration: { constant: 20ms } }
`,
    'cf-auth.yaml',
  );

describe('CloudFront in front of an authorizer', () => {
  it('puts the callers in the cache key only where there are credentials', () => {
    expect(edgeCallers(scenario(''))).toBe(1);
    expect(edgeCallers(scenario('  authorizer: { type: jwt }'))).toBe(CALLERS);
    expect(edgeCallers(parseScenario('name: t\nduration: 1s\nload: { rate: 1/s }\nclients: { count: 7 }\napi: { type: rest, throttle: { usagePlan: { rate: 5/s, burst: 10 } } }\nintegration: { type: lambda, duration: 5ms }\n', 't.yaml'))).toBe(7);
  });

  it('sends each caller to the origin until its own request is allowed, and half the origin requests are refused', () => {
    // one key, a TTL longer than the run: a caller's requests go to the origin until one of them is allowed (and
    // while that one is on its way), then hit the caller's own entry. Shared entries would let every caller hit
    // after the first allowed request: a handful of origin requests in all.
    const run = runScenario(scenario('  authorizer: { type: jwt, denyRatio: 0.5 }'));
    const edge = run.usage.cloudfront as CloudFrontUsage;
    const refused = run.summary.attempts.outcomes['401'] ?? 0;
    expect(edge.misses).toBeGreaterThanOrEqual(CALLERS);
    // each caller needs at least one allowed origin request
    expect(refused).toBeLessThanOrEqual(edge.misses - CALLERS);
    // each origin request is refused with probability 1/2: within 4 standard deviations of half of them
    expect(Math.abs(refused - edge.misses / 2)).toBeLessThan(4 * Math.sqrt(edge.misses / 4));
    // every refusal is an origin answer: the edge answered none of them
    expect(run.summary.attempts.outcomes['2xx']).toBe(edge.requests - refused);
  });

  it('counts an edge cache slot per key and caller in the run estimate', () => {
    const slots = (api: string) => estimateRun(scenario(api)).memoryParts.find((m) => m.path.join('.') === 'api.cloudfront.locations')?.what;
    expect(slots('')).toBe('1 edge cache slots');
    expect(slots('  authorizer: { type: jwt }')).toBe(`${CALLERS} edge cache slots`);
  });
});
