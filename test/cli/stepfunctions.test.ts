/**
 * A Step Functions Express workflow as a user runs it: an HTTP API's
 * StepFunctions-StartSyncExecution integration, its failures as 500s and
 * its AWS Step Functions lines on the bill; a Standard workflow asked to run
 * synchronously, and the workflow behind an ALB, each one clear error with
 * the file, the line and a hint, no stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SCENARIO = `name: sfn
seed: 3
duration: 30s
load: { rate: 40/s }
api: { type: http }
integration:
  type: stepfunctions
  duration: { p50: 200ms, p99: 900ms }
  errorRate: 0.1
`;

describe('apigw-sim with a Step Functions Express workflow', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-sfn-'));
  const file = join(work, 'sfn.yaml');
  writeFileSync(file, SCENARIO);

  it('run: a tenth of the executions fail as 500s; requests and GB-hours on the bill', () => {
    const r = runCli(['run', file, '--out', join(work, 'a')]);
    expect(r.status, r.stderr).toBe(0);
    const summary = readFileSync(join(work, 'a', 'summary.csv'), 'utf8');
    const figure = (name: string) => Number(new RegExp(`^${name.replace(/\./g, '\\.')},(.*)$`, 'm').exec(summary)?.[1]);
    const share = figure('attempts.outcomes.500') / figure('requests.offered');
    expect(share).toBeGreaterThan(0.06);
    expect(share).toBeLessThan(0.14);
    const cost = readFileSync(join(work, 'a', 'cost.csv'), 'utf8');
    expect(cost).toMatch(/AWS Step Functions,Express workflow requests/);
    expect(cost).toMatch(/AWS Step Functions,"Express workflow duration, first 1,000 GB-hours"/);
  });

  it.each([
    ['a Standard workflow asked to run synchronously', (s: string) => s.replace('  type: stepfunctions\n', '  type: stepfunctions\n  workflow: standard\n'), 8, 'integration.workflow: a Standard workflow cannot be started synchronously', /StartSyncExecution runs Express workflows only/],
    ['a workflow behind an ALB, which has no such integration', (s: string) => s.replace('api: { type: http }', 'api: { type: alb }'), 7, 'integration.type: Application Load Balancers do not call a Step Functions workflow here', /takes lambda or http/],
  ])('refuses %s: one error with the file, the line and a hint, no stack trace', (_, change, line, message, hint) => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, change(SCENARIO));
    const r = runCli(['run', bad, '--quiet', '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:${line}: ${message}`);
    expect(r.stderr).toMatch(hint);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
