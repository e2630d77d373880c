/**
 * `apigw-sim run scenarios/retry-storm.yaml` as a user runs it: the storm
 * fails most requests, and the terminal summary, summary.csv and run.json
 * say so with the same numbers: failed > 0 with its parts beneath it, the
 * latency of all requests beside the successful ones', and no sum of
 * milliseconds in the terminal; all of it in 100 columns.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth, TERMINAL_COLUMNS } from '../../src/report/fit-table.js';
import { runCli, type CliResult } from './run-cli.js';

let out: string;
let r: CliResult;
beforeAll(() => {
  out = join(mkdtempSync(join(tmpdir(), 'apigw-sim-storm-summary-')), 'storm');
  r = runCli(['run', 'scenarios/retry-storm.yaml', '--out', out]);
});

/** The cells after the label of the terminal table row whose first cell is `label`. */
function cells(label: string): string[] {
  const line = r.stdout.split('\n').find((l) => l.split('│')[1]?.trim() === label);
  expect(line, `a row "${label}" in:\n${r.stdout}`).toBeDefined();
  return (line as string)
    .split('│')
    .slice(2, -1)
    .map((c) => c.trim());
}
const count = (cell: string) => Number(cell.replace(/,/g, ''));

describe('run scenarios/retry-storm.yaml', () => {
  it('prints failed > 0, most of the requests, with the four ways to fail beneath it adding up to it', () => {
    expect(r.status).toBe(0);
    const [failed, share] = cells('failed');
    expect(count(failed)).toBeGreaterThan(0);
    // the storm outlives its trigger: most requests fail (the lesson claims > 50 %)
    expect(Number(share.replace(' %', ''))).toBeGreaterThan(50);
    const parts = ['error answer, not retried', 'client time-out, not retried', 'gave up after retries', 'refused by circuit breaker'].map((label) => count(cells(label)[0]));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(count(failed));
    expect(count(cells('succeeded')[0]) + count(failed) + count(cells('still in flight at end')[0])).toBe(count(cells('offered')[0]));
  });

  it('prints the percentiles of all requests and of the successful ones, the failures making the first far slower', () => {
    const ms = (cell: string) => Number(cell.replace(' ms', ''));
    const all = cells('all requests, end to end').map(ms);
    const ok = cells('ok requests, end to end').map(ms);
    expect(all).toHaveLength(6);
    expect(ok).toHaveLength(6);
    // p99: a request that gave up waited through its time-outs (1 s each)
    expect(all[3]).toBeGreaterThan(1000);
    expect(all[3]).toBeGreaterThan(ok[3]);
  });

  it('fits in 100 columns: the summary, the bill (once 132 columns wide) and the wrote line, every cell kept', () => {
    const tooWide = r.stdout.split('\n').filter((line) => displayWidth(line) > TERMINAL_COLUMNS);
    expect(tooWide).toEqual([]);
    const words = r.stdout.split(/[\s│┌┬┐├┼┤└┴┘─]+/);
    for (const word of ['Data', 'transfer', 'quantity', 'rate', '$16,751.77', 'total', 'wrote']) expect(words).toContain(word);
  });

  it('prints no sum of milliseconds', () => {
    expect(r.stdout).not.toMatch(/wait ms/);
    expect(r.stdout).toMatch(/backend queue wait, mean per attempt served/);
  });

  it('writes the same counts to summary.csv and run.json', () => {
    const rows = parse(readFileSync(join(out, 'summary.csv'), 'utf8'), { columns: true }) as Array<{ metric: string; value: string }>;
    const csv = new Map(rows.map((row) => [row.metric, Number(row.value)]));
    const failed = csv.get('requests.failed') as number;
    expect(failed).toBe(count(cells('failed')[0]));
    expect(failed).toBe(['error', 'timeout', 'gaveUp', 'circuitOpen'].reduce((s, k) => s + (csv.get(`requests.${k}`) as number), 0));
    expect(csv.get('requests.errorRatio')).toBeCloseTo(failed / (failed + (csv.get('requests.ok') as number)), 4);
    expect(csv.get('latencyMs.all.count')).toBe(failed + (csv.get('requests.ok') as number));
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(json.summary.requests.failed).toBe(failed);
    expect(json.summary.latencyMs.all.p99).toBeCloseTo(csv.get('latencyMs.all.p99') as number, 3);
  });
});
