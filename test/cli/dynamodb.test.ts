/**
 * DynamoDB as a user runs it: `apigw-sim run` on a direct REST integration
 * whose spike passes twice the table's previous peak (the throttles, the
 * 500s and an Amazon DynamoDB line on the bill, the same bytes twice);
 * `price --dynamodb` worked by hand; `lessons run` on the on-demand lesson;
 * and bad input as one clear error with the file, the line, the field and a
 * hint, no stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const DIRECT = `name: ddb-direct
seed: 5
duration: 20s
load: { rate: 300/s, arrivals: uniform }
api: { type: rest }
integration:
  type: dynamodb
  operation: write
  item: 1KB
  table: { mode: on-demand, previousPeak: 100WRU/s }
`;

describe('apigw-sim with a DynamoDB table', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-dynamodb-'));
  const file = join(work, 'direct.yaml');
  writeFileSync(file, DIRECT);

  it('run: 300 writes a second against twice a 100 WRU/s peak serves 200 a second; the rest are 500s, the same bytes twice', () => {
    const [a, b] = [join(work, 'a'), join(work, 'b')];
    const r = runCli(['run', file, '--out', a]);
    expect(r.status, r.stderr).toBe(0);
    const summary = readFileSync(join(a, 'summary.csv'), 'utf8');
    const figure = (name: string) => Number(new RegExp(`^${name.replace(/\./g, '\\.')},(.*)$`, 'm').exec(summary)?.[1]);
    // 6,000 requests evenly spaced, 200 of each second's 300 taken: 4,000 served, 2,000 throttled; the front door's latency (drawn
    // per request) moves a few calls across a second's edge, at most one or so per second of the 20
    expect(Math.abs(figure('events.table.throttled') - 2000)).toBeLessThanOrEqual(20);
    expect(figure('requests.failed')).toBe(figure('events.table.throttled'));
    expect(readFileSync(join(a, 'cost.csv'), 'utf8')).toMatch(/Amazon DynamoDB,on-demand write request units/);
    expect(runCli(['run', file, '--out', b, '--quiet']).status).toBe(0);
    for (const f of ['summary.csv', 'timeseries.csv', 'cost.csv', 'run.json']) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
  });

  it('price --dynamodb read:1KB: 100M REST requests = $350 + 50M RRU x $0.125/M ($6.25) + 95.37 GB out x $0.09 ($8.58) = $364.83', () => {
    const r = runCli(['price', '--requests', '100M/month', '--type', 'rest', '--dynamodb', 'read:1KB', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const { estimates } = JSON.parse(r.stdout) as { estimates: Array<{ totalUsd: number; lines: Array<{ service: string; usd: number }> }> };
    expect(estimates[0].lines.find((l) => l.service === 'Amazon DynamoDB')?.usd).toBeCloseTo(6.25, 6);
    expect(estimates[0].totalUsd).toBeCloseTo(364.83, 2);
  });

  it('price --dynamodb with a Lambda proxy adds the function, and notes an HTTP API has no direct integration', () => {
    const r = runCli(['price', '--requests', '100M/month', '--type', 'rest,http', '--dynamodb', 'write:2KB']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/note: http: no direct DynamoDB integration \(rest only\)/); // the note may wrap
    const bad = runCli(['price', '--requests', '1M', '--dynamodb', 'write:1KB:strong']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/a write has no read consistency/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('compare runs the direct integration on a REST API and skips an HTTP API, naming what it lacks', () => {
    const r = runCli(['compare', file, '--types', 'rest,http', '--out', join(work, 'compare')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/HTTP API: skipped, it takes [a-z ]+ only, and this workload's integration is a DynamoDB table called directly/);
  });

  it('lessons run on-demand-double-peak: every claim holds', () => {
    const r = runCli(['lessons', 'run', 'on-demand-double-peak', '--out', join(work, 'lesson')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('On-demand tables throttle on a spike beyond twice the previous peak');
    expect(r.stdout).not.toContain('✗');
  }, 120_000);

  it('refuses a read capacity without its unit: one error with the file, the line, the field and a hint, no stack trace', () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, DIRECT.replace('table: { mode: on-demand, previousPeak: 100WRU/s }', 'table: { mode: provisioned, writeCapacity: 100 }'));
    const r = runCli(['run', bad, '--quiet', '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:10: integration.table.writeCapacity: 100 has no unit`);
    expect(r.stderr).toMatch(/hint: add the unit: 100WCU/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
