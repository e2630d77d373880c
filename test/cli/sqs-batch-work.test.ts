/**
 * Per-message work and partial batch responses as a user meets them:
 * `apigw-sim run` on the shipped lesson writes the per-message figures
 * (failed messages, redeliveries, redrives) and every message sent is
 * accounted for, the same bytes for the same seed; `validate` refuses a
 * message error rate outside 0..1 and a per-message duration on a function
 * that is no queue's consumer, each with the file, the line, the path and a
 * hint, and no stack trace; `price --per-message` prices the consumer's
 * time per message.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const LESSON = join(ROOT, 'scenarios/lessons/sqs-partial-batch.yaml');

describe('apigw-sim with per-message work in SQS batches', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-batch-'));

  it('run writes the per-message figures, every message accounted for, the same bytes twice', () => {
    const [a, b] = [join(work, 'a'), join(work, 'b')];
    for (const out of [a, b]) expect(runCli(['run', LESSON, '--out', out, '--quiet']).status).toBe(0);
    const summary = readFileSync(join(a, 'summary.csv'), 'utf8');
    const figure = (name: string) => Number(new RegExp(`^${name.replace(/\./g, '\\.')},(.*)$`, 'm').exec(summary)?.[1] ?? 0);
    const sent = figure('events.queue.sent');
    expect(sent).toBeGreaterThan(1_000);
    expect(figure('events.queue.processed') + figure('events.queue.redriven') + figure('events.queue.expired') + figure('events.queue.remaining')).toBe(sent);
    // 5 % of the deliveries fail; without partial responses each failure sends its batch back
    expect(figure('events.queue.messageFailures')).toBeGreaterThan(0.02 * sent);
    expect(figure('events.queue.redeliveries')).toBeGreaterThan(3 * figure('events.queue.messageFailures'));
    expect(figure('events.queue.pollers.failedInvocations')).toBeGreaterThan(0);
    for (const file of ['summary.csv', 'timeseries.csv', 'cost.csv', 'run.json']) expect(readFileSync(join(b, file), 'utf8'), file).toBe(readFileSync(join(a, file), 'utf8'));
  });

  it("price --per-message adds the consumer's time per message to each batch's invocation, and wants a queue", () => {
    const r = runCli(['price', '--requests', '40M/month', '--type', 'rest', '--queue', 'standard', '--batch', '10', '--batch-window', '1s', '--lambda', '512MB:20ms', '--per-message', '5ms', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const lines = JSON.parse(r.stdout).estimates[0].lines as Array<{ item: string; quantity: number }>;
    // 40M messages a month is 15 a second: a 1 s window fills batches of 10, 4M invocations of 20 + 10 x 5 = 70 ms at 0.5 GB
    expect(lines.find((l) => l.item === 'integration requests')?.quantity).toBe(4_000_000);
    expect(lines.find((l) => /^integration duration/.test(l.item))?.quantity).toBeCloseTo(4_000_000 * 0.07 * 0.5, 3);
    const alone = runCli(['price', '--requests', '40M/month', '--type', 'rest', '--lambda', '512MB:20ms', '--per-message', '5ms']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--per-message needs --queue');
    expect(alone.stderr).toMatch(/hint: .*--queue standard/);
  });

  it('refuses a message error rate above 1 and a per-message duration outside a queue consumer: the file, the line, the path and a hint', () => {
    const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const rateText = readFileSync(LESSON, 'utf8').replace('messageErrorRate: 0.05', 'messageErrorRate: 1.5');
    const lambdaText = ['name: not-a-queue', 'duration: 10s', 'load: { rate: 10/s }', 'api: { type: rest }', 'integration:', '  type: lambda', '  duration: 20ms', '  durationPerMessage: 5ms', ''].join('\n');
    const [rate, lambda] = [join(work, 'rate.yaml'), join(work, 'lambda.yaml')];
    writeFileSync(rate, rateText);
    writeFileSync(lambda, lambdaText);
    const r = runCli(['validate', rate, lambda]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${rate}:${lineOf(rateText, 'messageErrorRate')}: integration.consumer.messageErrorRate: 1.5 is too large: it must be at most 1`);
    expect(r.stderr).toContain(`${lambda}:8: integration.durationPerMessage: unknown key "durationPerMessage"`);
    expect(r.stderr).toMatch(/hint: durationPerMessage is the per-message time of an SQS queue's consumer: put it in integration\.consumer with integration\.type: sqs/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
