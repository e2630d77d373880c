/**
 * The gateway's request handling as a user runs it: one run shows the 400s
 * of request validation and the 403s of the resource policy under their own
 * labels, the preflights in the terminal with their share of the billed
 * requests; one `validate` of two files notes a max-age above Chromium's cap
 * for the first and refuses request validation on an HTTP API in the second
 * (the file, the line, the field and the types that have it, no stack trace).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SCENARIO = `name: requests-cli
seed: 5
duration: 5s
load: { rate: 200/s }
clients: { count: 20, network: { rtt: { constant: 30ms } } }
api:
  type: rest
  validation: { invalidRatio: 0.1 }
  resourcePolicy: { deniedRatio: 0.05 }
  mappingTemplates: { on: [request] }
  cors: { browsers: 0.5, maxAge: 3h }
integration: { type: lambda, duration: { constant: 5ms } }
`;

describe('apigw-sim with request validation, a resource policy, CORS and mapping templates', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-requests-'));

  it('labels the 400s and the resource policy 403s, and shows the preflights with their share of the billed requests', () => {
    const file = join(work, 'requests.yaml');
    writeFileSync(file, SCENARIO);
    const out = join(work, 'out');
    const r = runCli(['run', file, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const { summary, usage } = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    const outcomes = summary.attempts.outcomes;
    expect(outcomes['400']).toBeGreaterThan(0);
    expect(outcomes['403 resource-policy']).toBe(summary.events.resourcePolicyDenied);
    // 10 browsers x 1 route, the answer kept longer than the run: one preflight each, and one more for each
    // request a browser sends while its preflight is still on its way (a few at 10 requests a second each)
    const preflights = summary.events['cors.preflights'];
    expect(preflights).toBeGreaterThanOrEqual(10);
    expect(preflights).toBeLessThan(20);
    // billed: every request but the denied ones, and the preflights
    expect(usage.gateway.billedRequests).toBe(summary.requests.offered - outcomes['403 resource-policy'] + preflights);
    const share = ((100 * preflights) / usage.gateway.billedRequests).toFixed(2);
    expect(r.stdout).toMatch(new RegExp(`cors preflights, share of billed requests\\s*│\\s*${share.replace('.', '\\.')} %`));
    expect(r.stdout).toMatch(/cors preflight, mean time added to the request\s*│\s*\d+\.\d ms/);
  });

  it('validate: a note for a max-age above the cap, and one clear error for validation on an HTTP API', () => {
    const good = join(work, 'good.yaml');
    writeFileSync(good, SCENARIO);
    const text = SCENARIO.replace('type: rest', 'type: http').replace('  resourcePolicy: { deniedRatio: 0.05 }\n  mappingTemplates: { on: [request] }\n', '');
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, text);
    const r = runCli(['validate', good, bad]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain(`${good}: ok`);
    expect(r.stdout).toContain("note: api.cors.maxAge: 10800s is above Chromium's cap of 7200s");
    const line = text.split('\n').findIndex((l) => l.includes('validation:')) + 1;
    expect(r.stderr).toContain(`${bad}:${line}`);
    expect(r.stderr).toContain('api.validation');
    expect(r.stderr).toContain('HTTP APIs do not have request validation');
    expect(r.stderr).toContain('only REST API and WebSocket API offer it');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
