/**
 * A CloudFront distribution in front of the API (`api.cloudfront`,
 * src/model/cdn/): one LRU cache per edge location from the response-cache
 * policies (the REST cache's model), the TTL its cache policy gives, and the
 * way from the edge location to the origin's Region. The clients' own
 * network then ends at the edge location (`clients.network.edgeRtt`,
 * ./build.ts); the rest of their round trip to the Region (`rtt` less
 * `edgeRtt`) is the distribution's, taken only by what goes to the origin.
 * In front of an authorizer or API keys, each caller's credentials are in
 * the cache key (./cloudfront-schema.ts, edgeCallers).
 */
import { CLOUDFRONT_EDGE_LATENCY } from '../catalog/cloudfront.js';
import { CACHE_POLICIES } from '../model/cache/cache-policies.js';
import { CloudFront } from '../model/cdn/cloudfront.js';
import type { ReplyTarget } from '../model/component.js';
import { createDistribution } from '../model/shared/distribution.js';
import { cachedRoutes, cloudfrontTtlMs, edgeCallers } from './cloudfront-schema.js';
import type { Scenario } from './schema.js';

/** `upstream`: where the distribution's answers go (the clients' network). */
export function buildCloudFront(scenario: Scenario, upstream: ReplyTarget): CloudFront | null {
  const spec = scenario.api.cloudfront;
  if (!spec) return null;
  const callers = edgeCallers(scenario);
  const keyCount = scenario.load.keys.count * Math.ceil(callers / spec.locations);
  const capacity = Math.min(spec.entries ?? keyCount, keyCount);
  const ttlMs = cloudfrontTtlMs(spec);
  const caches = Array.from({ length: spec.locations }, () => CACHE_POLICIES.lru({ keyCount, capacity, ttlMs, primedEntries: 0 }));
  const net = scenario.clients.network;
  return new CloudFront(
    'cloudfront',
    {
      caches,
      latency: createDistribution(spec.latency ?? CLOUDFRONT_EDGE_LATENCY),
      originRtt: net ? { rtt: createDistribution(net.rtt), lessMs: net.edgeRtt } : null,
      cachedRoutes: cachedRoutes(spec, scenario.load.routes),
      callers,
    },
    upstream,
  );
}
