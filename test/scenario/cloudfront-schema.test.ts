/**
 * `api.cloudfront`: CloudFront's TTL rules (the origin's max-age kept between
 * the policy's minimum and maximum, the default TTL without one, AWS's
 * defaults), the methods it caches, and one problem at the field to change
 * for each thing it cannot do.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { cachedRoutes, cloudfrontTtlMs, type CloudFrontSpec } from '../../src/scenario/cloudfront-schema.js';
import { problemsOf } from './problems-of.js';

function scenario(cloudfront: string, api = 'type: http', extra = ''): string {
  return `name: t
duration: 1m
load: { rate: 10/s }
api:
  ${api}
  cloudfront: ${cloudfront}
integration: { type: lambda, duration: 40ms }
${extra}`;
}

const spec = (cloudfront: string) => parseScenario(scenario(cloudfront), 't.yaml').api.cloudfront as CloudFrontSpec;

describe('api.cloudfront', () => {
  it("takes CloudFront's defaults: a day without a max-age, a year at most, 0 at least, one edge location, GET and HEAD", () => {
    expect(spec('{}')).toMatchObject({ defaultTtl: 86_400_000, maxTtl: 31_536_000_000, minTtl: 0, locations: 1, cacheOptions: false });
    expect(cloudfrontTtlMs(spec('{}'))).toBe(86_400_000);
  });

  it.each([
    ['no max-age: the default TTL', '{ defaultTtl: 300s }', 300_000],
    ['a max-age between the minimum and the maximum: the max-age', '{ defaultTtl: 300s, maxAge: 60s }', 60_000],
    ['a max-age above the maximum: cut to the maximum', '{ maxTtl: 600s, defaultTtl: 300s, maxAge: 1h }', 600_000],
    ['a max-age below the minimum: raised to the minimum', '{ minTtl: 30s, defaultTtl: 300s, maxAge: 5s }', 30_000],
  ])('keeps an answer for the TTL CloudFront works out: %s', (_, given, ttlMs) => {
    expect(cloudfrontTtlMs(spec(given))).toBe(ttlMs);
  });

  it('caches GET, HEAD and routes without a method, never POST, PUT, PATCH or DELETE; OPTIONS only when asked', () => {
    const routes = ['GET /items', 'head /items', 'items', 'POST /orders', 'PUT /x', 'PATCH /x', 'DELETE /x', 'OPTIONS /items'].map((name) => ({ name }));
    expect(cachedRoutes(spec('{}'), routes)).toEqual([true, true, true, false, false, false, false, false]);
    expect(cachedRoutes(spec('{ cacheOptions: true }'), routes)?.at(-1)).toBe(true);
    expect(cachedRoutes(spec('{}'), [{ name: 'GET /a' }])).toBeNull(); // every route cached: no per-request check
    expect(cachedRoutes(spec('{}'), undefined)).toBeNull();
  });

  it.each([
    ['a default TTL above the maximum', scenario('{ defaultTtl: 2d, maxTtl: 1d }'), 'api.cloudfront.defaultTtl', /172800s is above maxTtl \(86400s\)/, /minTtl <= defaultTtl <= maxTtl/],
    ['the default TTL of a day above a lower maximum', scenario('{ maxTtl: 1h }'), 'api.cloudfront.defaultTtl', /86400s is above maxTtl \(3600s\)/, /lower defaultTtl or raise maxTtl/],
    ['a minimum TTL above the default', scenario('{ minTtl: 10m, defaultTtl: 5m }'), 'api.cloudfront.minTtl', /600s is above defaultTtl \(300s\)/, /lower minTtl/],
    ['a WebSocket API', scenario('{}', 'type: websocket').replace('load: { rate: 10/s }', 'load: { rate: 10/s, connection: { duration: 1m, messages: 1/s } }'), 'api.cloudfront', /cannot cache a WebSocket API/, /passes a WebSocket connection through/],
    ['an event bus', scenario('{}', 'type: eventbridge'), 'api.cloudfront', /is not modelled in front of/, /REST or HTTP API, an ALB or a function URL/],
    ['an edge-optimized endpoint', scenario('{}', 'type: rest\n  endpoint: edge'), 'api.cloudfront', /already goes through a CloudFront distribution/, /endpoint: regional/],
    ['a private endpoint', scenario('{}', 'type: rest\n  endpoint: private'), 'api.cloudfront', /cannot reach a private API/, /inside a VPC/],
    ['a multi-Region failover', scenario('{}', 'type: http', 'failover: {}'), 'api.cloudfront', /not modelled with a multi-Region failover/, /remove failover/],
    ['more edge locations than the model takes', scenario('{ locations: 101 }'), 'api.cloudfront.locations', /./, /./],
  ])('refuses %s: one problem at the field, with a hint', (_, text, path, message, hint) => {
    const problems = problemsOf(text).filter((p) => p.path.startsWith('api.cloudfront'));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].hint).toMatch(hint);
  });
});
