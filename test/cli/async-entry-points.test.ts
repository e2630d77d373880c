/**
 * SQS and SNS as entry points, and EventBridge feeding a queue, as a user
 * runs them: `apigw-sim run` on each new shape (one spawn each, one of them
 * twice for the same bytes) writes the producer's figures, every message's
 * fate and a bill without an API Gateway line; `price --type` takes the new
 * entry points and skips the one the workload does not fit; a front-door
 * feature on a queue is one clear error naming the file, the field and the
 * line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tableWords } from './run-cli.js';

/** The runs' PNG charts are not what these tests are about: skipped, which halves a run's time. */
const NO_PNG = { env: { APIGW_SIM_NO_CANVAS: '1' } };

const QUEUE = `
integration:
  type: sqs
  queue: { type: standard, visibilityTimeout: 30s, maxReceiveCount: 3 }
  eventSource: { batchSize: 10, batchWindow: 1s }
  consumer: { memory: 512MB, duration: { p50: 40ms, p99: 120ms } }
`;
const head = (name: string, api: string) => `name: ${name}
seed: 9
duration: 20s
warmup: 2s
load: { rate: 50/s, payload: { request: 1KB, response: 100B } }
api: ${api}`;
const SHAPES = {
  sqs: head('sdk-queue', '{ type: sqs }') + QUEUE,
  bus: head('bus-queue', '{ type: eventbridge }') + QUEUE,
  sns: `${head('sdk-topic', '{ type: sns }')}
integration:
  type: sns
  subscriptions:
    - { name: orders, protocol: sqs, consumer: { duration: 30ms } }
    - { name: audit, protocol: lambda, function: { duration: 20ms } }
`,
};

describe('apigw-sim with SQS, SNS and EventBridge-to-SQS entry points', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-async-entry-'));
  const fileOf = (name: keyof typeof SHAPES) => {
    const file = join(work, `${name}.yaml`);
    writeFileSync(file, SHAPES[name]);
    return file;
  };
  const figures = (dir: string) => {
    const summary = readFileSync(join(dir, 'summary.csv'), 'utf8');
    return (name: string) => Number(new RegExp(`^${name.replace(/\./g, '\\.')},(.*)$`, 'm').exec(summary)?.[1] ?? 0);
  };

  it('api.type: sqs: the producer waits for SendMessage, every message is processed or left, the bill has no API Gateway line; the same bytes twice', () => {
    const file = fileOf('sqs');
    const [a, b] = [join(work, 'sqs-a'), join(work, 'sqs-b')];
    const r = runCli(['run', file, '--out', a], NO_PNG);
    expect(r.status, r.stderr).toBe(0);
    const words = tableWords(r.stdout);
    expect(words).toMatch(/Amazon SQS: standard queue\s.*requests/);
    expect(words).not.toMatch(/API Gateway/);
    const f = figures(a);
    expect(f('events.queue.sent')).toBeGreaterThan(700);
    expect(f('events.queue.processed') + f('events.queue.remaining') + f('events.queue.redriven') + f('events.queue.expired')).toBe(f('events.queue.sent'));
    // the producer's wait is the send latency (p50 8 ms, an assumption), far below any front door's
    expect(f('latencyMs.ok.p50')).toBeLessThan(15);
    expect(readFileSync(join(a, 'cost.csv'), 'utf8')).not.toMatch(/API Gateway/);
    expect(runCli(['run', file, '--out', b, '--quiet'], NO_PNG).status).toBe(0);
    for (const name of ['summary.csv', 'timeseries.csv', 'cost.csv', 'run.json']) expect(readFileSync(join(b, name), 'utf8'), name).toBe(readFileSync(join(a, name), 'utf8'));
  });

  it('api.type: sns: each subscription gets every publish, the bill is SNS and the subscribers', () => {
    const out = join(work, 'sns');
    const r = runCli(['run', fileOf('sns'), '--out', out], NO_PNG);
    expect(r.status, r.stderr).toBe(0);
    const words = tableWords(r.stdout);
    expect(words).toMatch(/Amazon SNS: publishes/);
    expect(words).not.toMatch(/API Gateway/);
    const f = figures(out);
    const published = f('events.topic.published');
    expect(published).toBeGreaterThan(700);
    for (const sub of ['orders', 'audit']) {
      const fates = ['delivered', 'deadLettered', 'discarded', 'expired', 'inFlight'].reduce((n, fate) => n + f(`events.topic.${sub}.${fate}`), 0);
      expect(fates, sub).toBe(published);
    }
  });

  it('eventbridge with an SQS integration: events, then the queue, then the consumer; all three billed', () => {
    const out = join(work, 'bus');
    const r = runCli(['run', fileOf('bus'), '--out', out], NO_PNG);
    expect(r.status, r.stderr).toBe(0);
    const words = tableWords(r.stdout);
    for (const service of [/Amazon EventBridge: custom events/, /Amazon SQS: standard queue\s.*requests/, /Lambda: integration requests/]) expect(words).toMatch(service);
    const f = figures(out);
    expect(f('events.bus.delivered')).toBe(f('events.queue.sent'));
    expect(f('events.queue.processed') + f('events.queue.remaining')).toBe(f('events.queue.sent'));
    // from the event's publication: EventBridge's delivery (p50 40 ms) comes before the queue
    expect(f('deliveryMs.p50')).toBeGreaterThan(40);
  });

  it('price --type takes sqs and eventbridge with --queue, and skips sns without a topic', () => {
    const r = runCli(['price', '--requests', '100M/month', '--type', 'rest,sqs,sns,eventbridge', '--queue', 'standard', '--lambda', '512MB:100ms']);
    expect(r.status, r.stderr).toBe(0);
    const words = tableWords(r.stdout);
    expect(words).toMatch(/USD \/ month REST API SQS EventBridge/);
    // 100 M REST requests at $3.50 a million; no API Gateway line for the SDK or the bus
    expect(words).toMatch(/API Gateway \$350\.00 – –/);
    expect(words).toMatch(/Amazon EventBridge – – \$100\.00/);
    expect(words).toMatch(/note: sns: skipped, the producer publishes each request to a topic/);
  });

  it('refuses a front-door feature on a queue: one error with the file, the line, the field and a hint, no stack trace', () => {
    const file = join(work, 'bad.yaml');
    const text = SHAPES.sqs.replace('api: { type: sqs }', 'api: { type: sqs, cache: { size: 0.5GB } }');
    writeFileSync(file, text);
    const r = runCli(['validate', file]);
    expect(r.status).toBe(2);
    const line = text.split('\n').findIndex((l) => l.startsWith('api:')) + 1;
    expect(r.stderr).toContain(`${file}:${line}: api.cache: SQS queues (SDK) do not have a response cache`);
    expect(r.stderr).toContain('hint: only REST API offers it');
    expect(r.stderr.split('\n').filter((l) => l.includes(file))).toHaveLength(1); // one problem
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
