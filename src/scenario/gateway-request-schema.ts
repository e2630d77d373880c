/**
 * How the front door handles a request, in the scenario file: request
 * validation (`api.validation`), browsers' CORS preflights (`api.cors`),
 * mapping templates (`api.mappingTemplates`) and a resource policy that
 * denies some sources (`api.resourcePolicy`), with the checks that tie them
 * to the front door (docs/model.md: Request handling). The model:
 * src/model/gateway/{validation,cors,mapping,resource-policy}-stage.ts.
 */
import { z } from 'zod';
import { ENTRY_POINTS, pluralLabel, typesOffering, type ApiType } from '../catalog/entry-points.js';
import type { Feature } from '../catalog/front-doors.js';
import { DEFAULT_PREFLIGHT_MAX_AGE_MS, HTTP_API_CORS_MAX_AGE_MS, PREFLIGHT_CACHE_CAP_MS, type Browser } from '../catalog/gateway-requests.js';
import { valueOrDistribution } from './distribution-schema.js';
import { duration, DURATION_PATTERN, real } from './unit-schema.js';
import { parseDuration } from './units.js';

/** Fields of `api` this file adds. */
export const gatewayRequestFields = {
  validation: z
    .strictObject({
      invalidRatio: real(0, 1).describe('share of requests that fail the request validator (a required parameter missing, or a body that does not match the model): 400, billed, never reaching the integration'),
    })
    .optional()
    .describe('request validation (REST and WebSocket APIs): refused requests get 400 after the authorizer and before the cache and the integration'),
  cors: z
    .strictObject({
      browsers: real(0, 1, { above: true }).describe('share of the callers that are browsers calling from another origin with requests that need a preflight (JSON bodies, an Authorization header)'),
      maxAge: duration().optional().describe('the Access-Control-Max-Age the API answers preflights with (default: none sent, which browsers take as 5s); HTTP APIs: at most 86400s'),
      browser: z.enum(['chromium', 'firefox']).default('chromium').describe("whose cap on max-age applies: chromium (Chrome, Edge: 2 h) or firefox (24 h)"),
    })
    .optional()
    .describe('CORS (REST and HTTP APIs): each browser preflights (OPTIONS, answered by the API, billed) its first request on a route in each max-age window'),
  mappingTemplates: z
    .strictObject({
      on: z.array(z.enum(['request', 'response'])).min(1).max(2).default(['request']).describe('which way templates transform: [request], [response] or [request, response]'),
      latency: valueOrDistribution(parseDuration, '1ms', DURATION_PATTERN).optional().describe('time each template takes to render (default p50 1 ms, p99 4 ms, an ASSUMPTION)'),
    })
    .optional()
    .describe('mapping templates (REST and WebSocket APIs): the time they add to every request that reaches the integration'),
  resourcePolicy: z
    .strictObject({
      deniedRatio: real(0, 1).describe('share of requests from a source IP range or VPC endpoint the policy denies: 403 before the authorizer, not billed'),
    })
    .optional()
    .describe('a resource policy (REST APIs) that denies some sources'),
};

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

/** What the checks read of a scenario. */
export interface GatewayRequestScenario {
  api: {
    type: ApiType;
    validation?: { invalidRatio: number };
    cors?: { browsers: number; maxAge?: number; browser: Browser };
    mappingTemplates?: { on: Array<'request' | 'response'> };
    resourcePolicy?: { deniedRatio: number };
    cloudfront?: unknown;
  };
}

const WHAT: ReadonlyArray<[keyof typeof gatewayRequestFields, Feature, string]> = [
  ['validation', 'requestValidation', 'request validation'],
  ['cors', 'cors', 'CORS preflights answered by the front door'],
  ['mappingTemplates', 'mappingTemplates', 'mapping templates'],
  ['resourcePolicy', 'resourcePolicy', 'resource policies'],
];

export function checkGatewayRequests(s: GatewayRequestScenario, problem: Problem): void {
  const api = s.api;
  const door = ENTRY_POINTS[api.type];
  for (const [field, feature, what] of WHAT) {
    if (api[field] === undefined || door.features.has(feature)) continue;
    const alone = offeringCount(feature) === 1;
    problem(['api', field], `${pluralLabel(api.type)} do not have ${what}`, `only ${typesOffering(feature)} ${alone ? 'offers' : 'offer'} it; remove it or change api.type`);
  }
  const cors = api.cors;
  if (cors && door.features.has('cors')) {
    if (api.type === 'http' && cors.maxAge !== undefined && cors.maxAge > HTTP_API_CORS_MAX_AGE_MS) {
      problem(['api', 'cors', 'maxAge'], `${cors.maxAge / 1000}s is above what an HTTP API accepts (86400s)`, "an HTTP API's CORS maxAge is 86400 seconds at most (and browsers keep a preflight 2 h at most in Chromium, 24 h in Firefox): give 7200s or less");
    }
    if (api.cloudfront !== undefined) problem(['api', 'cors'], 'is not modelled behind CloudFront yet', 'CloudFront can cache the preflights (OPTIONS) itself; remove api.cloudfront or api.cors');
  }
  const on = api.mappingTemplates?.on;
  if (on && new Set(on).size !== on.length) problem(['api', 'mappingTemplates', 'on'], 'names a side twice', 'write [request], [response] or [request, response]');
}

/** How many entry points offer the feature (the verb's number). */
function offeringCount(feature: Feature): number {
  return Object.values(ENTRY_POINTS).filter((p) => p.features.has(feature)).length;
}

/** How long a browser keeps a preflight's answer: the max-age sent (5 s without one), cut to its cap. */
export function preflightKeptMs(cors: { maxAge?: number; browser: Browser }): number {
  return Math.min(cors.maxAge ?? DEFAULT_PREFLIGHT_MAX_AGE_MS, PREFLIGHT_CACHE_CAP_MS[cors.browser]);
}

/**
 * Lines for `validate`: a max-age above the browser's cap. AWS accepts it (a
 * REST API sends any value; an HTTP API up to 86400 s), so it is no error,
 * but the browser keeps the answer only as long as its cap.
 */
export function gatewayRequestNotes(s: GatewayRequestScenario): string[] {
  const cors = s.api.cors;
  if (!cors || cors.maxAge === undefined) return [];
  const capMs = PREFLIGHT_CACHE_CAP_MS[cors.browser];
  if (cors.maxAge <= capMs) return [];
  return [`api.cors.maxAge: ${cors.maxAge / 1000}s is above ${cors.browser === 'chromium' ? 'Chromium' : 'Firefox'}'s cap of ${capMs / 1000}s: its browsers keep a preflight ${capMs / 1000}s (the model does too)`];
}
