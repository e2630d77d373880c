/**
 * An SNS topic as a user runs it: `apigw-sim run` writes each
 * subscription's figures (delivered, retries, dead-lettered, discarded, in
 * flight, which add up to the messages published) and the SNS lines of the
 * bill, the same bytes for the same seed; a mistake in a subscription is
 * one clear error naming the file, the field and the line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SCENARIO = `name: fan-out
seed: 5
duration: 1m
warmup: 5s
load: { rate: 20/s }
api: { type: rest }
integration:
  type: sns
  subscriptions:
    - { name: down, protocol: http, servers: 4, service: 10ms, errorRate: 1, deadLetterQueue: standard, deliveryPolicy: { retries: 2, minDelay: 1s, maxDelay: 1s } }
    - { name: lost, protocol: http, servers: 4, service: 10ms, errorRate: 1, deliveryPolicy: { retries: 2, minDelay: 1s, maxDelay: 1s } }
    - { name: busy, protocol: http, servers: 1, service: 200ms, queue: { capacity: 0 }, rejectStatus: 403 }
    - { name: fn, protocol: lambda, function: { duration: 20ms } }
`;

describe('apigw-sim with an SNS topic', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-sns-'));
  const file = join(work, 'fan-out.yaml');
  writeFileSync(file, SCENARIO);

  it('run writes every subscription\'s fates, which add up to the messages, and the SNS bill; the same bytes twice', () => {
    const [a, b] = [join(work, 'a'), join(work, 'b')];
    const r = runCli(['run', file, '--out', a]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Amazon SNS: HTTP/S deliveries');
    expect(r.stdout).toContain('Amazon SNS: Lambda deliveries');
    expect(runCli(['run', file, '--out', b, '--quiet']).status).toBe(0);
    // the topic's usage in run.json: each subscription's messages and their fates
    const usage = (JSON.parse(readFileSync(join(a, 'run.json'), 'utf8')) as { usage: { topic: Record<string, number> } }).usage.topic;
    const figure = (name: string) => usage[name] ?? NaN;
    const published = figure('published');
    expect(published).toBeGreaterThan(900);
    const fates = (sub: string) => figure(`${sub}.delivered`) + figure(`${sub}.deadLettered`) + figure(`${sub}.discarded`) + figure(`${sub}.inFlight`);
    for (const sub of ['down', 'lost', 'busy', 'fn']) {
      expect(figure(`${sub}.messages`), sub).toBe(published);
      expect(fates(sub), sub).toBe(published);
    }
    // an endpoint that always fails: every message is tried 3 times, then dead-lettered (or still waiting for a retry at the end)
    expect(figure('down.delivered')).toBe(0);
    expect(figure('down.deadLettered')).toBeGreaterThan(0.9 * published);
    expect(figure('down.retries')).toBeGreaterThanOrEqual(2 * figure('down.deadLettered'));
    expect(figure('down.retries')).toBeLessThanOrEqual(2 * published);
    // without a dead-letter queue SNS discards what it gives up on
    expect(figure('lost.discarded')).toBeGreaterThan(0.9 * published);
    expect(figure('lost.deadLettered')).toBe(0);
    // a 4xx is neither retried nor a failure: delivered, counted as rejected
    expect(figure('busy.rejected')).toBeGreaterThan(0);
    expect(figure('busy.retries')).toBe(0);
    expect(figure('fn.delivered')).toBe(published);
    // the summary names the figures per subscription
    expect(readFileSync(join(a, 'summary.csv'), 'utf8')).toMatch(/^events\.topic\.down\.deadLettered,/m);
    for (const f of ['summary.csv', 'timeseries.csv', 'cost.csv', 'run.json']) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
  });

  it.each([
    ['an unknown protocol', 'protocol: lambda, function', 'protocol: email, function', 'integration.subscriptions[3].protocol'],
    ['a FIFO dead-letter queue', 'deadLetterQueue: standard', 'deadLetterQueue: fifo', 'integration.subscriptions[0].deadLetterQueue'],
  ])('refuses %s: one error with the file, the line and the field, no stack trace', (_, from, to, path) => {
    const bad = join(work, 'bad.yaml');
    const text = SCENARIO.replace(from, to);
    writeFileSync(bad, text);
    const r = runCli(['run', bad, '--out', join(work, 'never')]);
    expect(r.status).not.toBe(0);
    const line = text.split('\n').findIndex((l) => l.includes(to)) + 1;
    expect(r.stderr).toContain(`bad.yaml:${line}`);
    expect(r.stderr).toContain(path);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
