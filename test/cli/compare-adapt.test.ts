/**
 * `compare` from a REST API with usage plans, API keys, a canary release and
 * a TOKEN authorizer, as a user runs it: the HTTP API and ALB columns carry
 * none of them (no `429 usage-plan`, no `403 api-key`, no canary function on
 * the bill, no bad key reported as a time-out), and the notes say what was
 * dropped.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REST_ONLY_SCENARIO } from '../scenario/rest-only-scenario.js';
import { runCli } from './run-cli.js';

const SCENARIO = REST_ONLY_SCENARIO;

describe('apigw-sim compare from a REST API with REST-only features', () => {
  it('drops them on the HTTP API and the ALB with a note each, and their columns show none of them', () => {
    const work = mkdtempSync(join(tmpdir(), 'apigw-sim-compare-adapt-'));
    const file = join(work, 'cmp.yaml');
    writeFileSync(file, SCENARIO);
    const r = runCli(['compare', file, '--out', join(work, 'out')]);
    expect(r.status, r.stderr).toBe(0);
    const words = r.stdout.replace(/\s+/g, ' ');
    for (const label of ['HTTP API', 'Application Load Balancer']) {
      expect(words).toContain(`note: ${label} has no usage plans: removed`);
      expect(words).toContain(`note: ${label} has no API keys (nor requests refused for a missing or unknown key): removed`);
      expect(words).toContain(`note: ${label} has no canary release (the canary's version, its errors and its Lambda function): removed`);
    }
    expect(words).toContain("note: HTTP API has no TOKEN authorizers: a REQUEST authorizer with the token's header (the caller) as its identity source");
    const rows = new Map(
      readFileSync(join(work, 'out', 'compare.csv'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const cells = line.match(/"[^"]*"|[^,]+|(?<=,)(?=,|$)/g) ?? [];
          return [(cells[0] ?? '').replace(/"/g, ''), cells.slice(1)] as const;
        }),
    );
    expect(rows.get('metric')).toEqual(['rest', 'http', 'alb']);
    // the REST API refuses bad keys and throttles the free plan; the others have neither
    for (const metric of ['attempts.outcome.403 api-key', 'attempts.outcome.429 usage-plan', 'cost_usd.Lambda: canary requests']) {
      expect(Number(rows.get(metric)?.[0])).toBeGreaterThan(0);
      expect(rows.get(metric)?.slice(1)).toEqual(['', '']);
    }
    // no request is reported as a time-out (a refused key once fell back to status 0)
    expect(rows.get('requests.timeout')).toEqual(['0', '0', '0']);
  });
});
