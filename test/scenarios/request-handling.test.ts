/**
 * The gateway's request handling on runs: request validation (400, billed,
 * after the authorizer), a resource policy's denial (403, before the
 * authorizer, not billed), browsers' CORS preflights (billed, a round trip
 * each, cached for max-age) and mapping templates (their time). Each status
 * is checked against the AWS document that gives it, written here from the
 * document, not read from the catalog.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';

const run = (yaml: string) => runScenario(parseScenario(yaml, 'inline.yaml'));
const FN = '{ type: lambda, duration: { constant: 5ms }, coldStart: { constant: 0ms } }';
const scenario = (api: string, more = '', load = 'load: { rate: 200/s }', duration = '10s') => `
name: requests
seed: 7
duration: ${duration}
${load}
${more}
api: ${api}
integration: ${FN}
`;
/** Four standard deviations of a share p of n draws: a bound a correct model crosses about once in 16,000 runs. */
const tolerance = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);
const gateway = (r: ReturnType<typeof run>) => r.usage.gateway as Record<string, number>;

describe('request validation', () => {
  // "When the validation fails, API Gateway immediately fails the request, returns a 400 error response to the caller"
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html);
  // BAD_REQUEST_PARAMETERS and BAD_REQUEST_BODY default to 400 (supported-gateway-response-types.html)
  it('answers 400 to the share that fails, bills them, and never calls the integration for them', () => {
    const r = run(scenario('{ type: rest, validation: { invalidRatio: 0.2 } }'));
    const offered = r.summary.requests.offered;
    const refused = r.summary.attempts.outcomes['400'];
    expect(Math.abs(refused / offered - 0.2)).toBeLessThan(tolerance(0.2, offered));
    expect(r.summary.attempts.outcomes['2xx']).toBe(offered - refused);
    // "You are only charged for requests that are valid and sent to the integration, or requests that failed request validation"
    expect(gateway(r).billedRequests).toBe(offered);
    expect((r.usage.lambda as Record<string, number>).invocations).toBe(offered - refused);
  });

  it('is made after the authorizer: every request is authorized, valid or not', () => {
    const r = run(scenario('{ type: rest, validation: { invalidRatio: 0.3 }, authorizer: { type: lambda, cacheTtl: 0s, function: { duration: { constant: 2ms } } } }'));
    expect(r.summary.attempts.outcomes['400']).toBeGreaterThan(0);
    expect((r.usage.authorizer as Record<string, number>).evaluations).toBe(r.summary.requests.offered);
  });
});

describe('resource policy', () => {
  // an explicit deny in the resource policy is evaluated "before calling the Lambda authorizer ... the caller is denied access
  // immediately" (apigateway-authorization-flow.html), with ACCESS_DENIED, 403 (supported-gateway-response-types.html)
  it('answers 403 to the share from denied sources, before the authorizer, and does not bill them', () => {
    const r = run(scenario('{ type: rest, resourcePolicy: { deniedRatio: 0.1 }, authorizer: { type: lambda, cacheTtl: 0s, function: { duration: { constant: 2ms } } } }'));
    const offered = r.summary.requests.offered;
    const denied = r.summary.attempts.outcomes['403 resource-policy'];
    expect(Math.abs(denied / offered - 0.1)).toBeLessThan(tolerance(0.1, offered));
    expect(r.summary.events.resourcePolicyDenied).toBe(denied);
    expect((r.usage.authorizer as Record<string, number>).evaluations).toBe(offered - denied);
    // API Gateway does not charge for authorization failures (https://aws.amazon.com/api-gateway/pricing/)
    expect(gateway(r).billedRequests).toBe(offered - denied);
  });
});

describe('CORS preflights', () => {
  // one browser, one route, a request every 100 ms; a preflight takes the 40 ms round trip and the 10 ms the API takes to answer it
  const corsRun = (cors: string) =>
    run(scenario(`{ type: http, overhead: { constant: 10ms }, cors: ${cors} }`, 'clients: { count: 1, network: { rtt: { constant: 40ms } } }', 'load: { rate: 10/s, arrivals: uniform }', '22s'));

  it('preflights the first request in each max-age window, bills each preflight, and adds its round trip to that request', () => {
    const r = corsRun('{ browsers: 1, maxAge: 1s }');
    const offered = r.summary.requests.offered;
    // by hand: a preflight at t is answered at t + 50 ms and kept until t + 1050 ms, so the requests at t + 100 ... t + 1000 ms
    // reuse it and the one at t + 1100 ms preflights again: one preflight every 11 requests
    const preflights = Math.ceil(offered / 11);
    expect(r.summary.events['cors.preflights']).toBe(preflights);
    expect(r.summary.events['cors.preflightMs']).toBeCloseTo(50 * preflights, 6);
    expect(gateway(r).billedRequests).toBe(offered + preflights);
    // 40 ms round trip + 10 ms front door + 5 ms function = 55 ms; a preflighted request 50 ms more
    expect(r.summary.latencyMs.ok.p50).toBeCloseTo(55, 0);
    expect(r.summary.latencyMs.ok.max).toBeCloseTo(105, 0);
  });

  it('with no max-age the browser keeps the answer 5 s (the Fetch default)', () => {
    const r = corsRun('{ browsers: 1 }');
    // kept until t + 5050 ms: the request at t + 5100 ms preflights, one every 51 requests
    expect(r.summary.events['cors.preflights']).toBe(Math.ceil(r.summary.requests.offered / 51));
  });

  it("a max-age above the browser's cap is kept only as long as the cap: Chromium 2 h, Firefox 24 h", () => {
    // one request a second for 5 h; a preflight takes the API's 10 ms (no network)
    const capped = (browser: string) =>
      run(scenario(`{ type: rest, overhead: { constant: 10ms }, cors: { browsers: 1, maxAge: 3h, browser: ${browser} } }`, 'clients: { count: 1 }', 'load: { rate: 1/s, arrivals: uniform }', '5h'));
    // by hand: Chromium keeps an answer from t + 10 ms to t + 7200.01 s, so the request at t + 7201 s preflights again:
    // one preflight every 7201 requests; Firefox keeps it the 3 h asked (under its cap): one every 10,801
    const chromium = capped('chromium');
    expect(chromium.summary.events['cors.preflights']).toBe(Math.ceil(chromium.summary.requests.offered / 7201));
    expect(chromium.summary.events['cors.preflights']).toBe(3);
    const firefox = capped('firefox');
    expect(firefox.summary.events['cors.preflights']).toBe(Math.ceil(firefox.summary.requests.offered / 10_801));
    expect(firefox.summary.events['cors.preflights']).toBe(2);
  });

  // the Fetch standard's CORS-preflight cache matches on the request's URL (https://fetch.spec.whatwg.org/#cors-preflight-cache):
  // GET /items/{id} is a new URL for every id, GET /items one URL whatever the key
  it('keeps an answer per URL: each id of a route with a path parameter needs its own preflight', () => {
    const keyed = (route: string) =>
      run(scenario(`{ type: http, cors: { browsers: 1, maxAge: 600s } }`, 'clients: { count: 10 }', `load: { rate: 100/s, keys: { count: 10000 }, routes: [{ name: "${route}" }] }`, '5s'));
    const byId = keyed('GET /items/{id}');
    const m = byId.summary.requests.offered;
    // 10 browsers × 10,000 ids: a URL asked twice is a birthday repeat, about m² / (2 × 100,000) ≈ 1.25 of them (Poisson)
    const repeats = m - byId.summary.events['cors.preflights'];
    expect(repeats).toBeGreaterThanOrEqual(0);
    expect(repeats).toBeLessThan(m ** 2 / 200_000 + 4 * Math.sqrt(m ** 2 / 200_000));
    // one URL per browser: one preflight each (ten, none again within the max-age)
    expect(keyed('GET /items').summary.events['cors.preflights']).toBe(10);
  });
});

describe('mapping templates', () => {
  it('add their time to every request that reaches the integration, counted as the front door overhead', () => {
    const base = run(scenario('{ type: rest, overhead: { constant: 10ms } }', '', 'load: { rate: 50/s }'));
    const mapped = run(scenario('{ type: rest, overhead: { constant: 10ms }, mappingTemplates: { on: [request, response], latency: { constant: 3ms } } }', '', 'load: { rate: 50/s }'));
    expect(base.summary.stagesMs.overhead.mean).toBeCloseTo(10, 1);
    expect(mapped.summary.stagesMs.overhead.mean).toBeCloseTo(16, 1);
    expect(mapped.summary.latencyMs.ok.p50 - base.summary.latencyMs.ok.p50).toBeCloseTo(6, 0);
  });
});
