/** `apigw-sim calibrate` as a user runs it: a scenario and a CloudWatch export in, a calibrated scenario, its run and the comparison out. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/loader.js';
import { chartFiles, expectedCharts, expectQuietStderr, runCli } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'apigw-sim-calibrate-'));
const scenario = join(work, 'api.yaml');
writeFileSync(scenario, 'name: api\nduration: 1m\nload: { rate: 10/s }\napi: { type: http }\nintegration: { type: lambda, duration: { p50: 10ms, p99: 50ms }, concurrency: { provisioned: 50 } }\n');
const at = (minute: number) => `2025-03-01T12:0${minute}:00Z`;
const series = (label: string, values: number[]) => ({ Id: label.replace(/\W+/g, '_').toLowerCase(), Label: label, Timestamps: values.map((_, i) => at(i)).reverse(), Values: [...values].reverse() });
const metrics = join(work, 'metrics.json');
writeFileSync(
  metrics,
  JSON.stringify({ MetricDataResults: [series('Count', [600, 1200, 900]), series('Duration p50', [20, 22, 21]), series('Duration p99', [80, 90, 85]), series('5xx', [30, 60, 45]), series('Latency p50', [25, 27, 26])] }, null, 2),
);

describe('apigw-sim calibrate', () => {
  it('writes the calibrated scenario, runs it and prints simulated against observed', () => {
    const out = join(work, 'out');
    const result = runCli(['calibrate', scenario, '--metrics', metrics, '--out', out], { charts: true });
    expect(result.status).toBe(0);
    expectQuietStderr(result.stderr);
    expect(result.stdout).toMatch(/simulated against observed \(3 periods of 60 s\)/);
    expect(result.stdout).toMatch(/│ Count \(Sum\)\s+│\s+2,700 │/);
    expect(result.stdout).toMatch(/│ Duration p99\s+│\s+86\.1 ms │/);
    expect(result.stdout).toMatch(/│ 5XXError share\s+│\s+5\.00 % │/);
    const yaml = readFileSync(join(out, 'calibrated.yaml'), 'utf8');
    expect(yaml).toContain('rate: 1200/min');
    expect(yaml).toContain('duration: { p50: 21.22ms, p99: 86.11ms } # from AWS/Lambda Duration');
    expect(yaml).toContain('errorRate: 0.05 # from 5XXError (Sum) over Count (Sum): 135 of 2700 requests');
    // what it wrote validates and runs as it is
    expect(parseScenarioText(yaml, 'calibrated.yaml').scenario.duration).toBe(180_000);
    expect(runCli(['validate', join(out, 'calibrated.yaml')]).status).toBe(0);
    const csv = readFileSync(join(out, 'calibration.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('figure,unit,observed,simulated,relative_error,mean_period_error');
    expect(csv[1]).toMatch(/^Count \(Sum\),requests,2700,\d+,/);
    expect(readFileSync(join(out, 'overlay.csv'), 'utf8').split('\n')[1]).toMatch(/^2025-03-01T12:00:00.000Z,600,\d+,/);
    const html = readFileSync(join(out, 'calibration.html'), 'utf8');
    expect(html).toContain('<h1>Calibration: simulated against observed</h1>');
    expect(html).toContain('Latency per period: observed (dashed) and simulated');
    expect(chartFiles(out)).toEqual(expectedCharts(['calibration-latency.png', 'calibration-requests.png', 'calibration-5xxerror-share.png']));
    expect(readFileSync(join(out, 'run', 'summary.csv'), 'utf8').length).toBeGreaterThan(0);
  });

  it('prints the fitted values and the error table as JSON, and the same bytes twice', () => {
    const a = runCli(['calibrate', scenario, '--metrics', metrics, '--out', join(work, 'a'), '--json']);
    const b = runCli(['calibrate', scenario, '--metrics', metrics, '--out', join(work, 'b'), '--json']);
    expect(a.status).toBe(0);
    const json = JSON.parse(a.stdout);
    expect(json.fitted).toEqual({ requestsPerPeriod: [600, 1200, 900], latencyMs: { p50: 21.22, p99: 86.11 }, coldStartMs: null, errorRate: 0.05, cacheHitRatio: null });
    expect(json.figures.map((f: { figure: string }) => f.figure)).toEqual(['Count (Sum)', 'Duration p50', 'Duration p99', '5XXError share', 'Latency p50']);
    expect(JSON.parse(b.stdout).figures).toEqual(json.figures);
    for (const file of ['calibrated.yaml', 'calibration.csv', 'overlay.csv']) expect(readFileSync(join(work, 'b', file), 'utf8')).toBe(readFileSync(join(work, 'a', file), 'utf8'));
  });

  it.each([
    ['an unknown metric', 'Time,Count,CPUUtilization\n2025-03-01T12:00:00Z,1,2\n', /^error: .*bad\.csv:1: column 3 "CPUUtilization": unknown metric: "CPUUtilization" is none that calibrate reads\n  hint: calibrate reads Count, Latency, .*--map/],
    ['an empty export', '', /^error: .*bad\.csv:1: the export is empty\n  hint: /],
    ['mismatched periods', 'Time,Count,Latency p99\n2025-03-01T12:00:00Z,1,5\n2025-03-01T12:01:00Z,1,\n2025-03-01T12:01:30Z,,5\n2025-03-01T12:03:00Z,1,5\n', /^error: .*bad\.csv:1: column 3 "Latency p99": its points are 90 s apart, not whole periods of 60 s like the others'\n  hint: mismatched periods/],
  ])('%s: one clear error with the file and the line, exit code 2, no stack', (_, text, message) => {
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, text);
    const result = runCli(['calibrate', scenario, '--metrics', bad, '--out', join(work, 'never')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('a --map that names no metric is refused with the names it takes', () => {
    const result = runCli(['calibrate', scenario, '--metrics', metrics, '--map', 'x=Latencies:p99']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: --map "x=Latencies:p99": no metric "Latencies"\n  hint: one of Count, Latency, IntegrationLatency, 4XXError, 5XXError, CacheHitCount, CacheMissCount, Duration, Throttles, ConcurrentExecutions, InitDuration, RequestCount, TargetResponseTime\n');
  });
});
