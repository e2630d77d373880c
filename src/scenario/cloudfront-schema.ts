/**
 * A CloudFront distribution in front of the API (`api.cloudfront`): its
 * cache policy's TTLs, the origin's Cache-Control max-age, what each edge
 * location holds, and the front doors it can stand in front of
 * (docs/model.md: CloudFront in front of the API).
 */
import { z } from 'zod';
import { ENTRY_POINTS, pluralLabel } from '../catalog/entry-points.js';
import * as CF from '../catalog/cloudfront.js';
import { distributionOf } from './distribution-schema.js';
import * as L from './limits.js';
import { DURATION_PATTERN, duration, whole } from './unit-schema.js';
import { parseDuration } from './units.js';

const seconds = (ms: number) => `${ms / 1000}s`;

export const cloudfrontSchema = z
  .strictObject({
    defaultTtl: duration()
      .prefault(seconds(CF.CLOUDFRONT_DEFAULT_TTL_MS))
      .describe("the cache policy's default TTL: how long an answer is kept when the origin sends no Cache-Control max-age (CloudFront's default 86400s)"),
    minTtl: duration().prefault(seconds(CF.CLOUDFRONT_MIN_TTL_MS)).describe("the cache policy's minimum TTL (default 0s)"),
    maxTtl: duration()
      .prefault(seconds(CF.CLOUDFRONT_MAX_TTL_MS))
      .describe("the cache policy's maximum TTL (default 31536000s, a year); a max-age above it is cut to it"),
    maxAge: duration().optional().describe("the origin's Cache-Control max-age on its answers (kept between minTtl and maxTtl); without it the default TTL applies"),
    entries: whole(1, L.MAX_KEYS)
      .optional()
      .describe('answers each edge location holds before it evicts the least recently used (default: every key, so only the TTL expires them)'),
    locations: whole(1, CF.CLOUDFRONT_MAX_LOCATIONS).prefault(1).describe('edge locations the callers are spread over (caller by caller), each with its own cache'),
    cacheOptions: z.boolean().default(false).describe('cache OPTIONS answers too (CachedMethods GET, HEAD, OPTIONS); GET and HEAD are always cached'),
    latency: distributionOf(parseDuration, '2ms', DURATION_PATTERN)
      .optional()
      .describe("the edge location's own time for each request, a hit's whole answer (default p50 2 ms, p99 8 ms, an ASSUMPTION)"),
  })
  .optional()
  .describe('an Amazon CloudFront distribution in front of the API: an edge cache by key, its hits never reach the front door');

export type CloudFrontSpec = NonNullable<z.output<typeof cloudfrontSchema>>;

/** The TTL an answer is kept: the origin's max-age between the policy's minimum and maximum, or the default TTL without one. */
export function cloudfrontTtlMs(spec: CloudFrontSpec): number {
  return spec.maxAge === undefined ? spec.defaultTtl : Math.min(spec.maxTtl, Math.max(spec.minTtl, spec.maxAge));
}

/** HTTP methods CloudFront never caches: a route named after one (`POST /orders`) always goes to the origin. */
const UNCACHED_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Whether each route is cached (its name's first word is its method; a route without one is a GET), or null: every route is. */
export function cachedRoutes(spec: CloudFrontSpec, routes: ReadonlyArray<{ readonly name: string }> | undefined): boolean[] | null {
  if (!routes) return null;
  const uncached = spec.cacheOptions ? UNCACHED_METHODS : [...UNCACHED_METHODS, 'OPTIONS'];
  const cached = routes.map((r) => !uncached.includes(r.name.trim().split(/\s+/)[0].toUpperCase()));
  return cached.every(Boolean) ? null : cached;
}

/** What decides whether callers are in the edge's cache key. */
interface CallerScenario {
  readonly api: { readonly authorizer?: unknown; readonly apiKeys?: unknown; readonly throttle: { readonly usagePlan?: unknown; readonly usagePlans?: unknown } };
  readonly load: { readonly virtualUsers?: number };
  readonly clients: { readonly count: number };
}

/**
 * The callers whose credentials are in the edge's cache key: all of them in front of an authorizer
 * or API keys (a usage plan's callers are API keys), since the Authorization header "must be a part
 * of the cache key to prevent the cache from satisfying unauthorized requests"
 * (https://repost.aws/knowledge-center/cloudfront-authorization-header); 1 otherwise (entries shared).
 */
export function edgeCallers(s: CallerScenario): number {
  const { authorizer, apiKeys, throttle } = s.api;
  const credentials = authorizer !== undefined || apiKeys !== undefined || throttle.usagePlan !== undefined || throttle.usagePlans !== undefined;
  return credentials ? (s.load.virtualUsers ?? s.clients.count) : 1;
}

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

/** What the check needs of the rest of the scenario. */
interface CloudFrontScenario {
  readonly api: { readonly type: keyof typeof ENTRY_POINTS; readonly endpoint: string | { readonly type: string }; readonly cloudfront?: CloudFrontSpec };
  readonly failover?: unknown;
}

/** The policy's TTLs in order, and only in front of what CloudFront can cache for. */
export function checkCloudFront(s: CloudFrontScenario, problem: Problem): void {
  const cf = s.api.cloudfront;
  if (!cf) return;
  const at = (...path: PropertyKey[]) => ['api', 'cloudfront', ...path];
  const door = ENTRY_POINTS[s.api.type];
  const endpoint = typeof s.api.endpoint === 'string' ? s.api.endpoint : s.api.endpoint.type;
  if (s.api.type === 'websocket') {
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-working-with.websockets.html
    problem(at(), 'cannot cache a WebSocket API', 'CloudFront passes a WebSocket connection through to the origin and caches none of its messages; remove api.cloudfront, or put it in front of a REST or HTTP API, an ALB or a function URL');
  } else if (door.mode !== 'sync') {
    problem(at(), `is not modelled in front of ${pluralLabel(s.api.type)}`, 'CloudFront caches HTTP answers: put it in front of a REST or HTTP API, an ALB or a function URL');
  }
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html
  if (endpoint === 'edge') problem(at(), 'is in front of an edge-optimized endpoint, which already goes through a CloudFront distribution API Gateway manages', 'use api.endpoint: regional behind your own distribution');
  if (endpoint === 'private') problem(at(), 'cannot reach a private API', 'a private API answers only inside a VPC; use api.endpoint: regional behind CloudFront');
  if (s.failover !== undefined) problem(at(), 'is not modelled with a multi-Region failover yet', 'remove failover or api.cloudfront');
  // CachePolicyConfig: MinTTL <= DefaultTTL <= MaxTTL (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CachePolicyConfig.html)
  if (cf.defaultTtl > cf.maxTtl) problem(at('defaultTtl'), `${cf.defaultTtl / 1000}s is above maxTtl (${cf.maxTtl / 1000}s)`, 'a cache policy keeps minTtl <= defaultTtl <= maxTtl: lower defaultTtl or raise maxTtl');
  if (cf.minTtl > cf.defaultTtl) problem(at('minTtl'), `${cf.minTtl / 1000}s is above defaultTtl (${cf.defaultTtl / 1000}s)`, 'a cache policy keeps minTtl <= defaultTtl <= maxTtl: lower minTtl or raise defaultTtl');
}
