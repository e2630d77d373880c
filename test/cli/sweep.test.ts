/**
 * `apigw-sim sweep` as a user runs it: a range of load against a fixed
 * back end shows what queueing theory says it should (the wait grows with
 * the load), replicated points carry intervals, the output is the same on
 * any number of workers, and a typo is one clear error.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { mmcMeanWaitMs } from '../validation/queueing-formulas.js';
import { chartFiles, expectedCharts, runCli } from './run-cli.js';

// M/M/4 with 10 ms service: capacity 400/s
const SCENARIO = `
name: swept
seed: 11
duration: 30s
warmup: 5s
load: { arrivals: poisson, rate: 100/s }
clients: { timeout: none }
api: { type: rest, overhead: 0ms }
integration: { type: http, servers: 4, service: { mean: 10ms }, queue: { capacity: unbounded } }
`;

let work: string;
let scenario: string;
const csv = (path: string): Array<Record<string, string>> => parse(readFileSync(path, 'utf8'), { columns: true });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-sweep-'));
  scenario = join(work, 'swept.yaml');
  writeFileSync(scenario, SCENARIO);
});

describe('apigw-sim sweep', () => {
  it('runs every point: the offered rate follows --set, and the queue wait grows with the load as M/M/c says', () => {
    const out = join(work, 'rates');
    const r = runCli(['sweep', scenario, '--set', 'load.rate=100/s..350/s:3', '--replications', '3', '--workers', '2', '--metrics', 'requests.offeredPerSecond,stagesMs.queue.mean,p99', '--out', out], { charts: true });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('sweeping 3 points × 3 replications on 2 worker threads');
    expect(r.stdout).toMatch(/load\.rate\s+│\s+p99\s+│\s+failed\s+│\s+USD \/ month/);
    const rows = csv(join(out, 'sweep.csv'));
    expect(Object.keys(rows[0])).toEqual([
      'load.rate',
      'requests.offeredPerSecond_mean', 'requests.offeredPerSecond_ci_low', 'requests.offeredPerSecond_ci_high',
      'stagesMs.queue.mean_mean', 'stagesMs.queue.mean_ci_low', 'stagesMs.queue.mean_ci_high',
      'latencyMs.ok.p99_mean', 'latencyMs.ok.p99_ci_low', 'latencyMs.ok.p99_ci_high',
    ]);
    expect(rows.map((row) => row['load.rate'])).toEqual(['100/s', '225/s', '350/s']);
    for (const row of rows) expect(Number(row['requests.offeredPerSecond_mean']) / Number.parseFloat(row['load.rate'])).toBeCloseTo(1, 1);
    // Erlang C (c = 4, 10 ms): 0.068 ms at 100/s, 1.38 ms at 225/s, 14.8 ms at 350/s; the
    // seeds are fixed, so this is one draw of three 95 % intervals, and each covers its value
    const expected = [100, 225, 350].map((rate) => mmcMeanWaitMs(4, rate, 100));
    expect(expected[2]).toBeCloseTo(14.76, 1);
    rows.forEach((row, i) => {
      expect(Number(row['stagesMs.queue.mean_ci_low'])).toBeLessThan(expected[i]);
      expect(Number(row['stagesMs.queue.mean_ci_high'])).toBeGreaterThan(expected[i]);
    });
    const waits = rows.map((row) => Number(row['stagesMs.queue.mean_mean']));
    expect(waits[0]).toBeLessThan(waits[1]);
    expect(waits[1]).toBeLessThan(waits[2]);
    expect(chartFiles(out)).toEqual(expect.arrayContaining(expectedCharts(['sweep-latencyMs-ok-p99.png'])));
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(json.points[2].seeds).toEqual([11, 12, 13]); // the same seeds at every point
    expect(json.points[0].seeds).toEqual([11, 12, 13]);
  });

  it('writes the same bytes on one worker or two', () => {
    const outs = ['1', '2'].map((workers) => {
      const out = join(work, `w${workers}`);
      expect(runCli(['sweep', scenario, '--set', 'integration.servers=4,5', '--set', 'load.rate=200/s,300/s', '--workers', workers, '--out', out, '--quiet']).status).toBe(0);
      return readFileSync(join(out, 'sweep.csv'), 'utf8') + readFileSync(join(out, 'sweep.json'), 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    expect(outs[0].split('\n')[0]).toMatch(/^integration\.servers,load\.rate,requests\.offeredPerSecond,/);
  });

  it('sweeps front doors as compare does, dropping what a type lacks with a note', () => {
    const r = runCli(['sweep', scenario, '--set', 'api.type=rest,alb', '--out', join(work, 'types')]);
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\n +/g, ' ')).toMatch(/note: Application Load Balancer: api\.overhead was given for a REST API; the Application Load Balancer default applies/);
    expect(csv(join(work, 'types', 'sweep.csv')).map((row) => row['api.type'])).toEqual(['rest', 'alb']);
  });

  it('takes a mapping in braces as one value: the comma inside {p50: ..., p99: ...} does not split it', () => {
    const out = join(work, 'mappings');
    const r = runCli(['sweep', scenario, '--set', 'load.rate=20/s', '--set', 'integration.service={constant: 5ms},{p50: 60ms, p99: 400ms}', '--metrics', 'p50', '--out', out]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    const rows = csv(join(out, 'sweep.csv'));
    expect(rows.map((row) => row['integration.service'])).toEqual(['{constant: 5ms}', '{p50: 60ms, p99: 400ms}']);
    const p50s = rows.map((row) => Number(row['latencyMs.ok.p50']));
    expect(p50s[0]).toBeGreaterThanOrEqual(5);
    expect(p50s[0]).toBeLessThan(6);
    // 4 servers at 20/s are a fifth busy: the median stays near the service's own 60 ms
    expect(p50s[1]).toBeGreaterThan(50);
    expect(p50s[1]).toBeLessThan(80);
    const unitless = runCli(['sweep', scenario, '--set', 'integration.service={p50: 60ms, p99: 400}', '--out', join(work, 'never-unitless')]);
    expect(unitless.status).toBe(2);
    expect(unitless.stderr).toMatch(/integration\.service\.p99: 400 is not a duration \(from --set integration\.service=\{p50: 60ms, p99: 400\}\)/);
    const open = runCli(['sweep', scenario, '--set', 'integration.service={p50: 60ms', '--out', join(work, 'never-open')]);
    expect(open.status).toBe(2);
    expect(open.stderr).toMatch(/^error: --set integration\.service=\{p50: 60ms: not a list of values as a scenario file writes them \(.*\}\)\n  hint: [^\n]*a mapping in braces is one value/);
  });

  it('says which --set is wrong, with the key it meant, and writes nothing', () => {
    const out = join(work, 'never');
    const typo = runCli(['sweep', scenario, '--set', 'integration.servres=2,3', '--out', out]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/integration\.servres: unknown key "servres" \(from --set integration\.servres=2\)\n  hint: did you mean "servers"\?/);
    expect(typo.stderr).not.toMatch(/\n\s+at /);
    const metric = runCli(['sweep', scenario, '--set', 'load.rate=10/s,20/s', '--metrics', 'p98', '--out', out]);
    expect(metric.status).toBe(2);
    expect(metric.stderr).toMatch(/--metrics: no figure "p98"\n  hint: did you mean "p9\d"\?/);
    const type = runCli(['sweep', scenario, '--set', 'api.type=rest,soap', '--out', out]);
    expect(type.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('apigw-sim sweep: prices and names per point', () => {
  it('prices each point with its own cost.region: Ireland bills the REST tier past 333M at $3.19, us-east-1 at $2.80', () => {
    const path = join(work, 'regions.yaml');
    writeFileSync(path, SCENARIO.replace('name: swept', 'name: regions') + 'cost: { monthlyRequests: 1B }\n');
    const r = runCli(['sweep', path, '--set', 'cost.region=eu-west-1,us-east-1', '--out', join(work, 'regions'), '--json']);
    expect(r.status).toBe(0);
    const [eu, us] = JSON.parse(r.stdout).points.map((p: { figures: Record<string, { mean: number }> }) => p.figures['cost.API Gateway'].mean);
    expect(eu).toBeCloseTo(333 * 3.5 + 667 * 3.19, 6);
    expect(us).toBeCloseTo(333 * 3.5 + 667 * 2.8, 6);
  });

  it('refuses a point whose Region has no price it needs before running any, and a figure name that is no alias', () => {
    const path = join(work, 'arm.yaml');
    writeFileSync(path, `name: arm
duration: 10s
load: { rate: 10/s }
api: { type: http }
integration: { type: lambda, architecture: arm64, duration: { constant: 10ms } }
cost: { region: eu-west-1 }
`);
    const r = runCli(['sweep', path, '--set', 'integration.concurrency.provisioned=0,5', '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: arm: the eu-west-1 price table has no price for Lambda provisioned concurrency \(arm64\)/);
    expect(r.stderr).not.toContain('sweeping');
    const alias = runCli(['sweep', scenario, '--set', 'load.rate=10/s', '--charts', 'p99,montlyCost', '--out', join(work, 'never')]);
    expect(alias.status).toBe(2);
    expect(alias.stderr).toMatch(/^error: --charts: no figure "montlyCost"\n  hint: did you mean "monthlyCost"\?/);
  });
});
