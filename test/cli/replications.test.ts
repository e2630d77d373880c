/**
 * `run --replications` as a user runs it: figures with intervals in the
 * terminal, summary.csv, replications.csv, run.json and --json; the same
 * bytes on no worker thread or two; each replication the same as a plain
 * run with its seed; and a redraw that matches.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectQuietStderr, folderBytes, runCli } from './run-cli.js';

const SCENARIO = `
name: replicated
seed: 5
duration: 20s
warmup: 2s
load: { rate: 200/s }
api: { type: http }
integration: { type: lambda, memory: 512MB, duration: { p50: 40ms, p99: 200ms } }
`;

let work: string;
let scenario: string;
const csv = (path: string): Array<Record<string, string>> => parse(readFileSync(path, 'utf8'), { columns: true });
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-replications-'));
  scenario = join(work, 'replicated.yaml');
  writeFileSync(scenario, SCENARIO);
});

describe('apigw-sim run --replications', () => {
  it('prints the key figures with 95 % intervals and writes every figure with its interval', () => {
    const out = join(work, 'two-workers');
    const r = runCli(['run', scenario, '--replications', '4', '--workers', '2', '--out', out], { charts: true });
    expectQuietStderr(r.stderr);
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\n +/g, ' ')).toContain('across 4 replications (seeds 5..8): mean and 95 % confidence interval, Student t over 4 independent replications (3 degrees of freedom)');
    expect(r.stdout).toMatch(/latency p99 \(ok requests\)\s+│\s+[\d.]+ ms\s+│\s+[\d.]+ ms – [\d.]+ ms\s+│\s+[\d.]+ ms/);
    expect(r.stdout).toContain('the tables below are replication 1 (seed 5)');

    const summary = csv(join(out, 'summary.csv'));
    expect(Object.keys(summary[0])).toEqual(['metric', 'mean', 'ci_low', 'ci_high', 'sd', 'n', 'pooled']);
    const p99 = summary.find((row) => row.metric === 'latencyMs.ok.p99')!;
    expect(Number(p99.ci_low)).toBeLessThan(Number(p99.mean));
    expect(Number(p99.ci_high)).toBeGreaterThan(Number(p99.mean));
    expect(p99.pooled).not.toBe('');
    const runs = csv(join(out, 'replications.csv'));
    expect(runs.map((row) => row.seed)).toEqual(['5', '6', '7', '8']);
    // the mean in summary.csv is the mean of the replications' values
    const offered = runs.map((row) => Number(row['requests.offered']));
    expect(Number(summary.find((row) => row.metric === 'requests.offered')!.mean)).toBeCloseTo(offered.reduce((a, b) => a + b) / 4, 3);
    expect(new Set(offered).size).toBeGreaterThan(1); // independent seeds, different arrivals

    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(json.replicated.seeds).toEqual([5, 6, 7, 8]);
    expect(json.replicated.figures['cost.totalUsd'].n).toBe(4);
  });

  it('writes the same bytes on no worker thread, one or two', () => {
    const outs = ['0', '1', '2'].map((workers) => {
      const out = join(work, `workers-${workers}`);
      expect(runCli(['run', scenario, '--replications', '3', '--workers', workers, '--out', out, '--quiet']).status).toBe(0);
      return folderBytes(out);
    });
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
  });

  it('each replication is the plain run with its seed, which run --seed repeats', () => {
    const out = join(work, 'three');
    expect(runCli(['run', scenario, '--replications', '3', '--out', out, '--quiet']).status).toBe(0);
    const third = csv(join(out, 'replications.csv'))[2];
    const plain = runCli(['run', scenario, '--seed', third.seed, '--out', join(work, 'plain'), '--json']);
    const summary = JSON.parse(plain.stdout);
    expect(Number(third['requests.offered'])).toBe(summary.requests.offered);
    expect(Number(third['latencyMs.ok.p99'])).toBeCloseTo(summary.latencyMs.ok.p99, 3);
    expect(Number(third['cost.totalUsd'])).toBeCloseTo(summary.cost.totalUsd, 3);
  });

  it('prints the intervals in --json and redraws the same report', () => {
    const out = join(work, 'json');
    const r = runCli(['run', scenario, '--replications', '3', '--out', out, '--json']);
    expect(r.status).toBe(0);
    const figures = JSON.parse(r.stdout).replicated.figures;
    expect(figures['latencyMs.ok.p99'].low).toBeLessThan(figures['latencyMs.ok.p99'].high);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Across 3 replications');
    expect(runCli(['report', out, '--out', join(work, 'redrawn'), '--quiet']).status).toBe(0);
    expect(folderBytes(join(work, 'redrawn'))).toEqual(folderBytes(out));
  });

  it('refuses a count that is not one', () => {
    for (const [flag, value] of [['--replications', '0'], ['--replications', 'ten'], ['--workers', '-1']]) {
      const r = runCli(['run', scenario, flag, value, '--out', join(work, 'never')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: ${flag} ${value} is not a whole number from \\d+ to \\d+\\n  hint: e\\.g\\. ${flag} \\d+\\n$`));
    }
  });
});
