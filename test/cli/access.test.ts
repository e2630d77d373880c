/**
 * Authorizers and usage plans as a user runs them: one run with --json shows
 * each refusal under its own label (401, 403, 403 api-key, 429 usage-plan)
 * and the 429s by plan; an API key on a plan that does not exist is one
 * clear error naming the file, the line and the field, with a hint.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SCENARIO = `name: access-cli
seed: 3
duration: 5s
load: { rate: 200/s, routes: [{ name: a }, { name: b }] }
clients: { count: 10 }
api:
  type: rest
  throttle:
    usagePlans:
      paid: { rate: 500/s, burst: 500 }
      free: { rate: 2/s, burst: 2 }
  apiKeys: { plans: { paid: 0.5, free: 0.5 }, invalidRatio: 0.05 }
  authorizer:
    type: lambda
    cacheTtl: 300s
    policyCovers: route
    missingIdentityRatio: 0.05
    function: { duration: { constant: 2ms } }
integration: { type: lambda, duration: { constant: 5ms } }
`;

describe('apigw-sim with authorizers and usage plans', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-access-'));

  it('labels each refusal by who answered it, and counts the 429s by plan', () => {
    const file = join(work, 'access.yaml');
    writeFileSync(file, SCENARIO);
    const r = runCli(['run', file, '--out', join(work, 'out'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    const outcomes = summary.attempts.outcomes;
    for (const label of ['2xx', '401', '403', '403 api-key', '429 usage-plan']) expect(outcomes[label], label).toBeGreaterThan(0);
    expect(summary.events['usagePlan.free.throttled']).toBe(outcomes['429 usage-plan']);
    expect(summary.events['usagePlan.paid.throttled']).toBeUndefined();
    expect(summary.events.apiKeyInvalid).toBe(outcomes['403 api-key']);
    expect(summary.events.authorizerMissingIdentity).toBe(outcomes['401']);
    expect(summary.events.authorizerRouteNotCovered).toBe(outcomes['403']);
  });

  it('refuses an API key assigned to a plan that does not exist: the file, the line, the field and a hint, no stack trace', () => {
    const text = SCENARIO.replace('free: 0.5 }', 'gold: 0.5 }');
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, text);
    const r = runCli(['run', bad, '--out', join(work, 'bad-out')]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    const line = text.split('\n').findIndex((l) => l.includes('gold: 0.5')) + 1;
    expect(r.stderr).toContain(`${bad}:${line}`);
    expect(r.stderr).toContain('api.apiKeys.plans.gold');
    expect(r.stderr).toContain('assigns API keys to the plan "gold", which api.throttle.usagePlans does not have');
    expect(r.stderr).toContain('the plans are: paid, free');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
