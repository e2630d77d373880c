/**
 * The terminal summary tells the truth about a run whose requests fail:
 * "failed" counts every request that did not succeed, with its four parts
 * beneath it adding up to it; latency is shown for all requests and for the
 * successful ones, each row named; and no sum of milliseconds is printed
 * (a queue's total wait becomes its mean per attempt served).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportInput } from '../../src/report/report-input.js';
import { formatTerminalSummary } from '../../src/report/terminal-summary.js';
import { formatMs } from '../../src/report/number-format.js';
import { runInput } from './report-inputs.js';

/** A brownout that tips a small service into time-outs and retries: requests give up. */
const STORM = `
name: small-storm
seed: 3
duration: 60s
warmup: 5s
load: { rate: 300/s }
clients: { timeout: 500ms, retry: { attempts: 3, on: [5xx, timeout], backoff: { base: 50ms, jitter: none } } }
api: { type: rest }
integration: { type: http, servers: 4, service: { mean: 10ms }, queue: { capacity: 200 } }
failures: [{ at: 20s, for: 10s, target: integration, addLatency: { constant: 30ms } }]
`;

/** The cells of the table row whose first cell is `label` (cli-table3's `│ a │ b │` lines). */
function row(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.split('│')[1]?.trim() === label);
  expect(line, `a row "${label}"`).toBeDefined();
  return (line as string)
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

const count = (cell: string) => Number(cell.replace(/,/g, ''));

let input: ReportInput;
let text: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-sim-terminal-'));
  const file = join(dir, 'storm.yaml');
  writeFileSync(file, STORM);
  input = await runInput(file);
  text = formatTerminalSummary(input, { color: false });
});

describe('the requests table', () => {
  it('counts as failed every request that did not succeed, and its parts beneath it add up to it', () => {
    const r = input.summary.requests;
    const failed = count(row(text, 'failed')[1]);
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBe(r.offered - r.ok - r.inFlight);
    const parts = ['error answer, not retried', 'client time-out, not retried', 'gave up after retries', 'refused by circuit breaker'].map((label) => count(row(text, label)[1]));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(failed);
    expect(count(row(text, 'gave up after retries')[1])).toBe(input.usage.client.gaveUp);
  });

  it('gives succeeded and failed shares that add up to 100 %', () => {
    const share = (label: string) => Number(row(text, label)[2].replace(' %', ''));
    expect(share('succeeded') + share('failed')).toBeCloseTo(100, 1);
  });
});

describe('the latency table', () => {
  it('has a row for all requests and one for the successful ones, with their own p99', () => {
    const all = row(text, 'all requests, end to end');
    const ok = row(text, 'ok requests, end to end');
    expect(all[4]).toBe(formatMs(input.summary.latencyMs.all.p99));
    expect(ok[4]).toBe(formatMs(input.summary.latencyMs.ok.p99));
    // a request that gave up waited through its time-outs: the tail of all requests is the longer
    expect(input.summary.latencyMs.all.max).toBeGreaterThan(input.summary.latencyMs.ok.max);
  });
});

describe('events, means and peaks', () => {
  it('prints no sum of milliseconds: the queue wait is a mean per attempt served', () => {
    expect(input.summary.events.backendWaitMs).toBeGreaterThan(0); // summed in summary.csv
    expect(text).not.toMatch(/wait ms/);
    const u = input.usage.backend;
    expect(row(text, 'backend queue wait, mean per attempt served')[1]).toBe(formatMs(u.waitMsTotal / u.waited));
  });
});
