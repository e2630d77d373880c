/**
 * A Lambda function URL as a front door (issue 26's extensibility check):
 * no throttles of its own (the function's concurrency answers 429), no
 * time-out of its own (the function's applies, up to 15 minutes), 6 MB
 * buffered payloads, IAM or no auth, and no charge but the function's and
 * the bytes out. Each fact is written from AWS's documents (catalog/
 * front-doors.ts cites them), not read from the profile.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import { runCli } from '../cli/run-cli.js';

const prices = bundledPriceTable('us-east-1')!;
const scenario = (api: string, integration: string, load = 'load: { rate: 200/s }', duration = '1m') => `
name: url
duration: ${duration}
${load}
api: ${api}
integration: ${integration}
`;
const run = (yaml: string) => runScenario(parseScenario(yaml, 'inline.yaml'));

describe('Lambda function URL', () => {
  it("is throttled only by the function's concurrency, and answers 429 for it (API Gateway answers 500)", () => {
    const fn = '{ type: lambda, duration: { constant: 100ms }, concurrency: { reserved: 5 } }';
    const url = run(scenario('{ type: function-url }', fn));
    const outcomes = url.summary.attempts.outcomes;
    // 200/s of 100 ms work needs 20 environments; 5 serve 50/s at most
    expect(outcomes['429 lambda']).toBeGreaterThan(0.6 * url.summary.requests.offered);
    expect(outcomes['2xx']).toBeLessThan(0.3 * url.summary.requests.offered);
    expect(outcomes['500'] ?? 0).toBe(0);
    const rest = run(scenario('{ type: rest }', fn));
    expect(rest.summary.attempts.outcomes['500']).toBeGreaterThan(0.6 * rest.summary.requests.offered);
    expect(rest.summary.attempts.outcomes['429 lambda'] ?? 0).toBe(0);
  });

  it("waits as long as the function runs: 40-second work succeeds where a REST API times out at 29 s", () => {
    const fn = '{ type: lambda, duration: { constant: 40s }, timeout: 60s }';
    const slow = (type: string) => run(scenario(`{ type: ${type} }`, fn, 'load: { rate: 1/s }', '2m'));
    const url = slow('function-url');
    expect(url.summary.attempts.outcomes['2xx']).toBeGreaterThan(50);
    expect(url.summary.attempts.outcomes['504'] ?? 0).toBe(0);
    expect(url.summary.latencyMs.ok.p50).toBeGreaterThan(40_000);
    const rest = slow('rest');
    expect(rest.summary.attempts.outcomes['2xx'] ?? 0).toBe(0);
    expect(rest.summary.attempts.outcomes['504']).toBeGreaterThan(50);
  });

  it('refuses a request over 6 MB (413) and passes one under it', () => {
    const fn = '{ type: lambda, duration: { constant: 10ms } }';
    const sized = (bytes: string) => run(scenario('{ type: function-url }', fn, `load: { rate: 10/s, payload: { request: ${bytes}, response: 1KB } }`, '30s'));
    expect(sized('7MB').summary.attempts.outcomes['413']).toBeGreaterThan(200);
    expect(sized('5MB').summary.attempts.outcomes['413'] ?? 0).toBe(0);
  });

  it('bills no request charge of its own: only the function and the bytes out, against API Gateway on a REST API', () => {
    const fn = '{ type: lambda, memory: 512MB, duration: { constant: 50ms } }';
    const bill = (type: string) => {
      const r = run(`${scenario(`{ type: ${type} }`, fn)}cost: { monthlyRequests: 100M }\n`);
      return costOfRun(r, prices);
    };
    const url = bill('function-url');
    const services = new Set(url.lines.map((l) => l.service));
    expect(services).toEqual(new Set(['Lambda', 'Data transfer']));
    const rest = bill('rest');
    const apiGateway = rest.lines.filter((l) => l.service === 'API Gateway').reduce((sum, l) => sum + l.usd, 0);
    // 100 million requests a month at $3.50 per million (REST's first tier, https://aws.amazon.com/api-gateway/pricing/)
    expect(apiGateway).toBeCloseTo(100 * 3.5, 0); // all but the few still in flight at the end are billed
    expect(rest.totalUsd - url.totalUsd).toBeCloseTo(apiGateway, 1);
  });

  it.each([
    ['a cache', '{ type: function-url, cache: { size: 0.5GB, ttl: 60s } }', '{ type: lambda, duration: 10ms }', /api\.cache: Lambda function URLs do not have a response cache/],
    ['a stage throttle', '{ type: function-url, throttle: { stage: { rate: 10/s, burst: 5 } } }', '{ type: lambda, duration: 10ms }', /api\.throttle\.stage: Lambda function URLs do not have stage throttling/],
    ['an HTTP service behind it', '{ type: function-url }', '{ type: http, servers: 2, service: 10ms }', /integration\.type: Lambda function URLs do not call an HTTP service/],
    ['an integration time-out', '{ type: function-url, integrationTimeout: 10s }', '{ type: lambda, duration: 10ms }', /api\.integrationTimeout: Lambda function URLs do not have an integration time-out of their own/],
    ['a Lambda authorizer', '{ type: function-url, authorizer: { type: lambda, function: { duration: 5ms } } }', '{ type: lambda, duration: 10ms }', /api\.authorizer\.type: Lambda function URLs do not offer a lambda authorizer/],
  ])('refuses %s, naming what it offers instead', (_, api, integration, message) => {
    expect(() => parseScenario(scenario(api, integration), 'x.yaml')).toThrow(message);
  });

  it('takes IAM auth', () => {
    const r = run(scenario('{ type: function-url, authorizer: { type: iam, denyRatio: 0.1 } }', '{ type: lambda, duration: 10ms }', 'load: { rate: 100/s }', '30s'));
    expect(r.summary.attempts.outcomes['403']).toBeGreaterThan(100);
  });

  it('is in compare and price', () => {
    const dir = mkdtempSync(join(tmpdir(), 'url-'));
    const compared = runCli(['compare', 'scenarios/rest-lambda-basic.yaml', '--types', 'rest,function-url', '--out', join(dir, 'cmp'), '--quiet']);
    expect(compared.status, compared.stderr).toBe(0);
    const priced = runCli(['price', '--requests', '40M/month', '--type', 'http,function-url', '--lambda', '512MB:120ms', '--json']);
    expect(priced.status, priced.stderr).toBe(0);
    const estimates = JSON.parse(priced.stdout).estimates as Array<{ apiType: string; lines: Array<{ service: string }> }>;
    const url = estimates.find((e) => e.apiType === 'function-url')!;
    expect(url.lines.some((l) => l.service === 'API Gateway')).toBe(false);
    expect(url.lines.some((l) => l.service === 'Lambda')).toBe(true);
  });
});

describe('Lambda function URL in compare and failures', () => {
  it("compare takes a REST scenario's integration time-out away on a function URL, which waits for the function", async () => {
    const { adaptToFrontDoor } = await import('../../src/scenario/adapt-front-door.js');
    const rest = parseScenario(scenario('{ type: rest, integrationTimeout: 5s }', '{ type: lambda, duration: { constant: 10s }, timeout: 20s }', 'load: { rate: 1/s }', '1m'), 'x.yaml');
    const adapted = adaptToFrontDoor(rest, 'function-url');
    if ('skipped' in adapted) throw new Error(adapted.skipped);
    expect(adapted.scenario.api.integrationTimeout).toBeUndefined();
    expect(adapted.notes.join('\n')).toMatch(/no integration time-out of its own/);
    const r = runScenario(adapted.scenario);
    expect(r.summary.attempts.outcomes['504'] ?? 0).toBe(0);
    expect(r.summary.attempts.outcomes['2xx']).toBeGreaterThan(40);
  });

  it('refuses a failure window on an account bucket it does not have', () => {
    const yaml = `${scenario('{ type: function-url }', '{ type: lambda, duration: 10ms }')}failures:\n  - { at: 10s, for: 10s, target: gateway, throttle: { bucket: account, rate: 1/s } }\n`;
    expect(() => parseScenario(yaml, 'x.yaml')).toThrow(/failures\[0\]\.throttle: names the account bucket, which this API does not have/);
  });
});
