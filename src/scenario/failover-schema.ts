/**
 * The scenario's multi-Region active-passive failover (`failover`): a
 * standby Region with its own front door and integration, a Route 53
 * health check on the primary and the DNS record's TTL, with the limits
 * Route 53 enforces (docs/model.md: Multi-Region failover).
 */
import { z } from 'zod';
import { ENTRY_POINTS, pluralLabel } from '../catalog/entry-points.js';
import * as D from './defaults.js';
import { duration, whole } from './unit-schema.js';

/** The section's schema; `integrations` are the lambda and http integrations' schemas (the standby's). */
export function failoverSchema<L extends z.ZodTypeAny, H extends z.ZodTypeAny>(lambda: L, http: H) {
  return z
    .strictObject({
      standby: z
        // the integrations first: a standby object that is none of them is reported against them (the loader reports the first of equally close branches)
        .union([z.discriminatedUnion('type', [lambda as never, http as never]) as z.ZodType<z.output<L> | z.output<H>>, z.literal('copy')])
        .default('copy')
        .describe("the standby Region's integration: copy (the primary's, its Lambda cold, its service as big) or an integration of its own ({type: lambda, ...} or {type: http, ...}, e.g. a service at a smaller warm capacity)"),
      healthCheck: z
        .strictObject({
          interval: duration().prefault(`${D.ROUTE53_INTERVAL_MS / 1000}s`).describe('time between one checker\'s checks: 10s (fast, billed as an optional feature) or 30s'),
          failureThreshold: z.number().int().prefault(D.ROUTE53_FAILURE_THRESHOLD).describe('consecutive checks that change a checker\'s view, 1 to 10'),
          checkers: z.number().int().prefault(D.ROUTE53_CHECKERS).describe('health-checking Regions, one checker each, 3 to 8'),
          https: z.boolean().default(true).describe('an HTTPS check (billed as an optional feature); API Gateway endpoints serve HTTPS only'),
        })
        .prefault({})
        .describe('the Route 53 health check on the primary Region'),
      dnsTtl: duration().prefault(`${D.ROUTE53_FAILOVER_TTL_MS / 1000}s`).describe("the failover record's TTL: clients move to the other Region over it"),
      clientCache: duration().prefault('0s').describe('how long clients keep an answer beyond its TTL (JVMs, proxies) before they move'),
    })
    .optional()
    .describe('multi-Region active-passive failover: Route 53 health checks on the primary, DNS failover to a standby Region');
}

type Problem = (path: PropertyKey[], message: string, hint: string) => void;

/** What the section needs of the rest of the scenario. */
interface FailoverScenario {
  readonly api: { readonly type: keyof typeof ENTRY_POINTS; readonly authorizer?: unknown };
  readonly integration: { readonly type: string; readonly downstream?: unknown; readonly dynamodb?: unknown };
  readonly failover?: {
    readonly standby: 'copy' | { readonly type: string };
    readonly healthCheck: { readonly interval: number; readonly failureThreshold: number; readonly checkers: number };
    readonly dnsTtl: number;
    readonly clientCache: number;
  };
}

/** Route 53's ranges, and what the model's standby can be; `checkFunction` checks a standby Lambda as the integration's. */
export function checkFailover(s: FailoverScenario, problem: Problem, checkFunction: (standby: never, at: PropertyKey[]) => void): void {
  const f = s.failover;
  if (!f) return;
  const at = (...path: PropertyKey[]) => ['failover', ...path];
  const door = ENTRY_POINTS[s.api.type];
  if (door.mode !== 'sync' || s.api.type === 'websocket') problem(at(), `is not modelled for ${pluralLabel(s.api.type)}`, 'failover moves request/response traffic: use a REST or HTTP API, an ALB or a function URL (a WebSocket connection stays where it was opened)');
  if (s.api.authorizer !== undefined) problem(at(), 'is not modelled with an authorizer yet', "the standby Region's authorizer is left out: remove api.authorizer to run the failover");
  const hc = f.healthCheck;
  if (!D.ROUTE53_INTERVALS_MS.includes(hc.interval)) problem(at('healthCheck', 'interval'), `${hc.interval / 1000}s is not a Route 53 request interval`, 'Route 53 checks every 10 seconds (fast) or every 30 seconds');
  if (hc.failureThreshold < 1 || hc.failureThreshold > 10) problem(at('healthCheck', 'failureThreshold'), `${hc.failureThreshold} is outside 1 to 10`, 'Route 53 takes a failure threshold of 1 to 10 consecutive checks');
  if (hc.checkers < D.ROUTE53_MIN_CHECKERS || hc.checkers > D.ROUTE53_CHECKERS) problem(at('healthCheck', 'checkers'), `${hc.checkers} is outside ${D.ROUTE53_MIN_CHECKERS} to ${D.ROUTE53_CHECKERS}`, `Route 53 checks from at least ${D.ROUTE53_MIN_CHECKERS} of its ${D.ROUTE53_CHECKERS} health-checking Regions`);
  if (!(f.dnsTtl > 0)) problem(at('dnsTtl'), 'must be longer than 0', 'a TTL of 0 asks resolvers not to cache, which many do not honour; give the record\'s TTL, e.g. 60s (Route 53 advises 60 s or less with health checks)');
  if (f.clientCache < 0) problem(at('clientCache'), 'must not be negative', 'e.g. clientCache: 30s, or leave it out');
  const standby = f.standby;
  if (standby === 'copy') {
    if (s.integration.type !== 'lambda' && s.integration.type !== 'http') problem(at('standby'), `cannot copy ${s.integration.type === 'sqs' ? 'an SQS' : `a ${s.integration.type}`} integration`, 'the standby Region is modelled for a Lambda function or an HTTP service: give standby: {type: lambda, ...} or {type: http, ...}');
    else if (s.integration.downstream !== undefined || s.integration.dynamodb !== undefined) problem(at('standby'), "cannot copy a function's dependency", "the standby's function is modelled without its dependency: give standby: {type: lambda, ...} without downstream or dynamodb");
    return;
  }
  if (!door.integrations.includes(standby.type as never)) problem(at('standby', 'type'), `${pluralLabel(s.api.type)} do not call a ${standby.type} integration`, `a ${door.label} takes ${door.integrations.join(' or ')}`);
  if (standby.type === 'lambda') {
    const fn = standby as { downstream?: unknown; dynamodb?: unknown };
    if (fn.downstream !== undefined || fn.dynamodb !== undefined) problem(at('standby'), 'has a dependency, which the standby does not model', 'remove downstream or dynamodb from the standby');
    checkFunction(standby as never, at('standby'));
  }
}
