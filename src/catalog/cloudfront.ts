/**
 * Amazon CloudFront in front of an API (src/model/cdn/): the cache policy's
 * TTL defaults and the model's own bounds, each with the AWS document
 * behind it or ASSUMPTION and why. Validation, the build and the docs read
 * them here; this folder imports nothing.
 */

/**
 * DefaultTTL: "The default value for this field is 86400 seconds (one day)";
 * used "only when the origin does not send Cache-Control or Expires headers"
 * (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CachePolicyConfig.html).
 */
export const CLOUDFRONT_DEFAULT_TTL_MS = 86_400_000;
/** MaxTTL: "The default value for this field is 31536000 seconds (one year)" (API_CachePolicyConfig, above). */
export const CLOUDFRONT_MAX_TTL_MS = 31_536_000_000;
/** MinTTL: 0 by default (API_CachePolicyConfig, above); above 0 it overrides even no-cache. */
export const CLOUDFRONT_MIN_TTL_MS = 0;
/**
 * Edge locations a scenario spreads its callers over: apigw-sim's bound
 * (each holds a cache table over every key). CloudFront has hundreds of
 * points of presence, but one audience reaches a handful of them.
 */
export const CLOUDFRONT_MAX_LOCATIONS = 100;
/**
 * ASSUMPTION: an edge location spends a few ms on a request (p50 2 ms,
 * p99 8 ms), the figure the model takes for the edge hop of an
 * edge-optimized endpoint; AWS publishes none.
 */
export const CLOUDFRONT_EDGE_LATENCY = { kind: 'percentiles', p50: 2, p99: 8 } as const;
