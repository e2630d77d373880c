/**
 * How API Gateway handles a request before and around its integration, the
 * figures the scenario's defaults and checks read: browsers' CORS preflight
 * caching, the HTTP API's CORS settings, and the time a mapping template
 * takes (docs/model.md: Request handling). Each figure cites its source;
 * where none publishes one, ASSUMPTION and why. Imports nothing.
 */

/** The browsers whose preflight cache is modelled, each with its cap on `Access-Control-Max-Age`. */
export type Browser = 'chromium' | 'firefox';

/**
 * "Firefox caps this at 24 hours (86400 seconds). ... Chromium (starting in
 * v76) caps at 2 hours (7200 seconds). The default value is 5 seconds."
 * (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Max-Age,
 * after the Fetch standard's "CORS-preflight cache").
 */
export const PREFLIGHT_CACHE_CAP_MS: Readonly<Record<Browser, number>> = { chromium: 7_200_000, firefox: 86_400_000 };

/** A preflight answer without `Access-Control-Max-Age` is cached for 5 s (same MDN page). */
export const DEFAULT_PREFLIGHT_MAX_AGE_MS = 5_000;

/**
 * An HTTP API's CORS `maxAge`: "Minimum value of -1. Maximum value of 86400"
 * seconds (Cors, https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-model-cors).
 * A REST API sends the header its OPTIONS method's mock integration maps,
 * any value (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html).
 */
export const HTTP_API_CORS_MAX_AGE_MS = 86_400_000;

/**
 * ASSUMPTION: the time a mapping template (VTL) takes to render, each way.
 * AWS publishes no figure; a template that renames a few fields is a
 * sub-millisecond job, and a large one that loops over a body takes a few
 * milliseconds. CloudWatch's `Latency` minus `IntegrationLatency` of a REST
 * API with and without templates is how to measure yours.
 */
export const MAPPING_TEMPLATE_LATENCY = { kind: 'percentiles', p50: 1, p99: 4 } as const;
