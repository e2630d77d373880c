/**
 * Multi-Region failover as a user runs it: the clients are all on the
 * standby Region once the health check has failed `failureThreshold` times
 * in a row on enough checkers and the record's TTL has passed, the time
 * worked by hand below; the bill has the health check; the same bytes for
 * the same seed; bad input is one clear error naming the file, the line and
 * the field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SCENARIO = `name: failover-timing
seed: 5
duration: 9m
interval: 1s
load: { rate: 100/s }
api: { type: rest }
integration:
  type: http
  servers: 20
  service: { constant: 10ms }
failures:
  - { at: 120500ms, for: 300s, target: integration, errorRate: 1 }
failover:
  healthCheck: { interval: 10s, failureThreshold: 3 }
  dnsTtl: 60s
`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** The time series' standby share at each row's end (rows are [t, t + 1 s)). */
function standbyShare(dir: string): Array<[endS: number, share: number]> {
  const [header, ...rows] = readFileSync(join(dir, 'timeseries.csv'), 'utf8').trim().split('\n');
  const column = header.split(',').indexOf('failover.standbyShare');
  expect(column).toBeGreaterThan(0);
  return rows.map((r) => r.split(',')).map((c) => [Number(c[0]) + 1, Number(c[column])]);
}

describe('apigw-sim with a multi-Region failover', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-failover-'));
  const file = join(work, 'failover.yaml');
  writeFileSync(file, SCENARIO);

  it('moves the clients in detection plus the TTL, worked by hand, and back after the brownout; the same bytes twice', () => {
    const [a, b] = [join(work, 'a'), join(work, 'b')];
    expect(runCli(['run', file, '--out', a, '--quiet']).status).toBe(0);
    expect(runCli(['run', file, '--out', b, '--quiet']).status).toBe(0);
    // 8 checkers, 10 s apart, their phases 1.25 s apart (0, 1.25 ... 8.75 s). The brownout starts at
    // 120.5 s: checker i (i >= 1) fails first at 120 + 1.25 i and turns unhealthy 2 checks later; checker 0
    // fails first at 130, unhealthy at 150. Route 53 calls the endpoint unhealthy when at most 18 % (1 of 8)
    // still say healthy: when the 7th turns, checker 7 at 120 + 8.75 + 20 = 148.75 s (plus the probe's 10 ms).
    const detectedS = 120 + 8.75 + 20 + 0.01;
    const movedS = detectedS + 60; // every client's cached answer has expired a TTL later
    const share = standbyShare(a);
    const at = (endS: number) => share.find(([s]) => s === endS)?.[1] as number;
    expect(at(148)).toBe(0);
    expect(at(179)).toBeCloseTo((179 - detectedS) / 60, 3);
    const first = share.find(([, s]) => s === 1)?.[0] as number;
    expect(first - 1).toBeLessThan(movedS); // within the run's granularity: the row where it completes
    expect(first).toBeGreaterThanOrEqual(movedS);
    // the brownout ends at 420.5 s: checkers 1 and 2 pass three checks in a row at 421.25 + 20 and 422.5 + 20;
    // 2 of 8 healthy is more than 18 %, so the record moves back from 442.51 s over the TTL
    const backS = 422.5 + 20 + 0.01;
    expect(at(460)).toBeCloseTo(1 - (460 - backS) / 60, 3);
    expect(share.find(([s, v]) => s > 442 && v === 0)?.[0]).toBe(Math.ceil(backS + 60));
    const summary = readFileSync(join(a, 'summary.csv'), 'utf8');
    expect(summary).toMatch(/^events\.healthCheck\.unhealthy,1$/m);
    expect(summary).toMatch(/^events\.healthCheck\.healthy,1$/m);
    // the bill: one health check ($0.50) with HTTPS ($1.00); the 30 s default interval would not be fast
    const cost = readFileSync(join(a, 'cost.csv'), 'utf8');
    expect(cost).toMatch(/Amazon Route 53,health checks \(AWS endpoints\),1,health check-months,0\.5,health check-month,0\.5000/);
    expect(cost).toMatch(/Amazon Route 53,"health check optional features \(HTTPS, fast interval\)",2,feature-months,1,feature-month,2\.0000/);
    for (const f of ['summary.csv', 'timeseries.csv', 'cost.csv', 'run.json']) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
  });

  it.each([
    ['a TTL of 0', 'dnsTtl: 60s', 'dnsTtl: 0s', 'failover.dnsTtl: must be longer than 0', /hint: a TTL of 0 asks resolvers not to cache/],
    ['a failure threshold above 10', 'failureThreshold: 3', 'failureThreshold: 11', 'failover.healthCheck.failureThreshold: 11 is outside 1 to 10', /hint: Route 53 takes a failure threshold of 1 to 10/],
    ['a failure threshold of 0', 'failureThreshold: 3', 'failureThreshold: 0', 'failover.healthCheck.failureThreshold: 0 is outside 1 to 10', /hint: Route 53/],
    ['an interval Route 53 does not have', 'interval: 10s', 'interval: 20s', 'failover.healthCheck.interval: 20s is not a Route 53 request interval', /hint: Route 53 checks every 10 seconds/],
    ['a standby that is not an integration', 'dnsTtl: 60s', 'dnsTtl: 60s\n  standby: { type: sqs }', 'failover.standby.type: must be one of "lambda", "http"', /hint: the type decides/],
    ['a standby Lambda without a duration', 'dnsTtl: 60s', 'dnsTtl: 60s\n  standby: { type: lambda }', 'failover.standby.duration: is required', /hint: give duration/],
  ])('refuses %s: the file, the line, the field and a hint, no stack trace', (_, from, to, message, hint) => {
    const bad = join(work, 'bad.yaml');
    const text = SCENARIO.replace(from, to);
    writeFileSync(bad, text);
    const r = runCli(['run', bad, '--quiet', '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:`);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(hint);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain(`${bad}:${lineOf(text, to.split('\n').at(-1) as string)}`);
  });
});
