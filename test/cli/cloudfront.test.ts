/**
 * CloudFront in front of an HTTP API as a user runs it: the summary shows
 * the edge's hit ratio and the origin requests; the bill has CloudFront's
 * requests for every request and API Gateway's for the origin requests
 * only, and no data transfer out from API Gateway; bad input is one clear
 * error naming the file, the line and the field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SCENARIO = `name: cloudfront-http
seed: 3
duration: 40s
warmup: 10s
load:
  rate: 200/s
  keys: { count: 500, zipf: 1 }
  routes: [{ name: GET /items, weight: 4 }, { name: POST /orders, weight: 1 }]
clients:
  network: { rtt: 60ms, edgeRtt: 20ms }
api:
  type: http
  cloudfront: { defaultTtl: 60s }
integration: { type: lambda, duration: 20ms, concurrency: { provisioned: 10 } }
`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const figure = (csv: string, name: string) => Number(new RegExp(`^${name.replace(/\./g, '\\.')},(.*)$`, 'm').exec(csv)?.[1]);
/** The quantities of cost.csv's lines for a service whose item matches, summed (a quoted cell may hold commas). */
const quantity = (csv: string, service: string, item: RegExp) =>
  csv
    .split('\n')
    .map((line) => line.match(/"[^"]*"|[^,]+/g) ?? [])
    .filter((cells) => cells[3] === service && item.test(cells[4]))
    .reduce((sum, cells) => sum + Number(cells[5]), 0);

describe('apigw-sim with CloudFront in front of the API', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-cloudfront-'));
  const file = join(work, 'cloudfront.yaml');
  writeFileSync(file, SCENARIO);

  it('shows the edge hit ratio and origin requests, and bills CloudFront for every request and API Gateway for the origin requests only', () => {
    const out = join(work, 'run');
    const r = runCli(['run', file, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const summary = readFileSync(join(out, 'summary.csv'), 'utf8');
    const [hits, misses, uncached] = ['hits', 'misses', 'uncached'].map((e) => figure(summary, `events.cloudfront.${e}`));
    const offered = figure(summary, 'requests.offered');
    expect(hits + misses + uncached).toBe(offered); // no retries: one viewer request each
    // a fifth of the requests are POSTs, never cached; 500 keys for 60 s at 160 GETs a second mostly hit
    expect(uncached / offered).toBeGreaterThan(0.2 - 4 * Math.sqrt(0.16 / offered));
    expect(uncached / offered).toBeLessThan(0.2 + 4 * Math.sqrt(0.16 / offered));
    expect(hits / (hits + misses)).toBeGreaterThan(0.8);
    const words = r.stdout.replace(/[│┌┐└┘├┤┬┴┼─]/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain(`cloudfront hit ratio (cached routes) ${((100 * hits) / (hits + misses)).toFixed(2)} %`);
    expect(words).toContain(`cloudfront origin requests ${(misses + uncached).toLocaleString('en-US')}`);
    const cost = readFileSync(join(out, 'cost.csv'), 'utf8');
    const viewer = quantity(cost, 'Amazon CloudFront', /HTTPS requests/);
    const origin = quantity(cost, 'API Gateway', /HTTP API requests/);
    expect(viewer).toBeGreaterThan(0);
    expect(origin / viewer).toBeCloseTo((misses + uncached) / offered, 6);
    expect(cost).toMatch(/Amazon CloudFront,"data transfer out to the internet, first 10,240 GB"/);
    expect(cost).toMatch(/Data transfer,"data transfer out to the internet, first 10,240 GB",0,GB/);
  });

  it.each([
    ['a default TTL above the maximum', 'cloudfront: { defaultTtl: 60s }', 'cloudfront: { defaultTtl: 2d, maxTtl: 1d }', 'api.cloudfront.defaultTtl: 172800s is above maxTtl (86400s)', /hint: a cache policy keeps minTtl <= defaultTtl <= maxTtl/],
    ['CloudFront on a WebSocket API', 'type: http', 'type: websocket', 'api.cloudfront: cannot cache a WebSocket API', /hint: CloudFront passes a WebSocket connection through/],
  ])('refuses %s: the file, the line, the field and a hint, no stack trace', (_, from, to, message, hint) => {
    const bad = join(work, 'bad.yaml');
    const text = SCENARIO.replace(from, to).replace('rate: 200/s', 'rate: 200/s\n  connection: { duration: 1m, messages: 1/s }');
    writeFileSync(bad, to.includes('websocket') ? text : SCENARIO.replace(from, to));
    const r = runCli(['run', bad, '--quiet', '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(hint);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain(`${bad}:${lineOf(readFileSync(bad, 'utf8'), 'cloudfront:')}`);
  });
});
