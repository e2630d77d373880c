/**
 * SLO thresholds as a pipeline uses them: exit 0 when every check holds, 3
 * when one fails (the reports are still written), 2 for a check that does
 * not parse; lines in the terminal, in --json, in run.json and the page;
 * checked on the interval when replicated; kept by report and merge.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// a Lambda of constant 50 ms behind an HTTP API: p99 a little over 50 ms, no errors
const scenario = (thresholds: string) => `
name: gated
seed: 4
duration: 20s
load: { rate: 100/s }
api: { type: http }
integration: { type: lambda, duration: { constant: 50ms }, concurrency: { provisioned: 20 } }
${thresholds}
`;

let work: string;
const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-thresholds-'));
});

describe('thresholds', () => {
  it('exit 0 when every check holds, with a line each', () => {
    const r = runCli(['run', file('ok.yaml', scenario('thresholds: { p99: "< 100ms", errorRate: "< 1%" }')), '--out', join(work, 'ok')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/thresholds: all 2 held\n {2}✓ p99 < 100ms \(observed 5\d(\.\d+)? ms, successful requests\)\n {2}✓ errorRate < 1% \(observed 0 %\)/);
  });

  it('exit 3 when one fails, the reports still written, the failure in run.json, --json and the page', () => {
    const path = file('fail.yaml', scenario('thresholds: { p99: "< 100ms" }'));
    const out = join(work, 'fail');
    const r = runCli(['run', path, '--threshold', 'p50<20ms', '--out', out]);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/thresholds: 1 of 2 failed\n {2}✓ p99 < 100ms .*\n {2}✗ p50 < 20ms \(observed 5\d(\.\d+)? ms, successful requests\)/);
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(json.thresholds.map((t: { message: string; pass: boolean }) => t.pass)).toEqual([true, false]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('SLO thresholds: 1 of 2 failed');
    const piped = runCli(['run', path, '--threshold', 'p50<20ms', '--out', out, '--json']);
    expect(piped.status).toBe(3);
    expect(JSON.parse(piped.stdout).thresholds[1].threshold).toEqual({ metric: 'p50', text: '< 20ms', operator: '<', value: 20 });
    const quiet = runCli(['run', path, '--threshold', 'p50<20ms', '--out', out, '--quiet']);
    expect(quiet).toMatchObject({ status: 3, stdout: '' });
    expect(quiet.stderr).toMatch(/^✗ p50 < 20ms \(observed 5\d(\.\d+)? ms, successful requests\)\n$/);
  });

  it('on a replicated run, passes only when the whole interval passes', () => {
    const path = file('rep.yaml', scenario(''));
    const r = runCli(['run', path, '--replications', '4', '--threshold', 'p99<1s', '--out', join(work, 'rep'), '--json']);
    expect(r.status).toBe(0);
    const [check] = JSON.parse(r.stdout).thresholds;
    expect(check.replicated).toBe(true);
    expect(check.message).toMatch(/^✓ p99 < 1s \(observed 5\d(\.\d+)? ms, 95 % CI 5\d(\.\d+)? ms – 5\d(\.\d+)? ms, successful requests\)$/);
    // a bound between the interval's ends fails, though the mean is on the right side
    const low = check.observed.low;
    const mean = check.observed.mean;
    const between = ((low + mean) / 2).toFixed(3);
    expect(runCli(['run', path, '--replications', '4', '--threshold', `p99>${between}ms`, '--out', join(work, 'rep2'), '--quiet']).status).toBe(3);
  });

  it('a check that does not parse is one clear error (exit 2), from the file with its line or from the flag', () => {
    const bad = runCli(['run', file('bad.yaml', scenario('thresholds:\n  p99: "< 1%"')), '--out', join(work, 'never')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:9: thresholds\.p99: "%" is not a unit of time\n  hint: p99 is a latency/);
    const flag = runCli(['run', file('plain.yaml', scenario('')), '--threshold', 'latency<1s', '--out', join(work, 'never')]);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/^error: --threshold latency<1s: no metric "latency"\n  hint: did you mean/);
  });

  it('report keeps the checks on the page; merge checks the scenario’s on the merged intervals', () => {
    const path = file('kept.yaml', scenario('thresholds: { p50: "< 20ms" }'));
    const direct = join(work, 'kept');
    expect(runCli(['run', path, '--replications', '2', '--out', direct, '--quiet']).status).toBe(3);
    expect(runCli(['report', direct, '--out', join(work, 'redrawn'), '--quiet']).status).toBe(0);
    expect(readFileSync(join(work, 'redrawn', 'report.html'), 'utf8')).toBe(readFileSync(join(direct, 'report.html'), 'utf8'));
    for (const i of ['0', '1']) expect(runCli(['shard', path, '--replications', '2', '--shards', '2', '--index', i, '--out', join(work, `s${i}`), '--quiet']).status).toBe(0);
    const merged = runCli(['merge', join(work, 's0'), join(work, 's1'), '--out', join(work, 'merged'), '--quiet']);
    expect(merged.status).toBe(3);
    expect(readFileSync(join(work, 'merged', 'run.json'), 'utf8')).toBe(readFileSync(join(direct, 'run.json'), 'utf8'));
  });
});
