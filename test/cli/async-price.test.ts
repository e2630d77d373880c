/**
 * `apigw-sim price --queue` and `--topic` as a user runs them: the closed
 * form of an SQS queue or an SNS topic behind the front door, its notes,
 * and bad input as one clear error (exit 2, a hint, no stack trace).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

interface Estimate {
  apiType: string;
  totalUsd: number;
  lines: Array<{ service: string; item: string; quantity: number; usd: number }>;
}

const usdOf = (e: Estimate, service: string) => e.lines.filter((l) => l.service === service).reduce((s, l) => s + l.usd, 0);

describe('apigw-sim price with a queue or a topic', () => {
  it('--queue standard --batch 10 --batch-window 1s: 100M requests of 1 KB = 210M SQS requests ($84.00) and 10M runs of the consumer, on REST and HTTP alike; ALB noted', () => {
    const r = runCli(['price', '--requests', '100M/month', '--type', 'rest,http,alb', '--queue', 'standard', '--batch', '10', '--batch-window', '1s', '--lambda', '512MB:200ms', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const { estimates, notes } = JSON.parse(r.stdout) as { estimates: Estimate[]; notes: string[] };
    for (const e of estimates) {
      // 100M sends + 100M receives (one message each, as pollers fill a batch) + 10M DeleteMessageBatch, x $0.40/M
      expect(usdOf(e, 'Amazon SQS'), e.apiType).toBeCloseTo(84, 6);
      expect(e.lines.find((l) => l.item === 'integration requests')?.quantity, e.apiType).toBeCloseTo(10e6, 3);
    }
    // REST: $350.00 of requests + $84.00 + $2.00 + 1M GB-s x $0.0000166667 ($16.67) + 100M x 1 KB out (95.37 GB x $0.09, $8.58)
    expect(estimates[0].totalUsd).toBeCloseTo(350 + 84 + 2 + 16.6667 + ((100e6 * 1024) / 1024 ** 3) * 0.09, 2);
    expect(notes).toContain('alb: no direct SQS integration (rest, http only): priced as if something in front sent each request on (not priced)');
    expect(notes.filter((n) => n.startsWith('sqs: batches of 10 messages on average'))).toHaveLength(1); // said once, not per type
  });

  it('--topic lambda:4,http:1 prints the SNS line beside the front door, and what it leaves out', () => {
    const r = runCli(['price', '--requests', '100M/month', '--type', 'rest', '--topic', 'lambda:4,http:1', '--lambda', '256MB:40ms', '--detail']);
    expect(r.status, r.stderr).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    // 100M publishes x $0.50/M + 100M HTTP/S deliveries x $0.60/M = $110.00; 400M Lambda deliveries free
    expect(text).toMatch(/│ Amazon SNS │ \$110\.00 │/);
    expect(text).toMatch(/Amazon SNS: Lambda deliveries │ 400M deliveries │ \$0 \/ million deliveries │ \$0\.00/);
    expect(text).toMatch(/Lambda: subscription lambda-4/);
    expect(text).toContain("note: sns: the HTTP/S endpoints' servers and SNS's data transfer out to them are not priced");
  });

  it.each([
    [['--queue', 'fifo', '--batch', '20'], "--batch 20 is above the SQS FIFO queue's limit (10)", 'Lambda takes batches of 1 to 10 messages'],
    [['--batch', '5'], '--batch needs a queue', 'add --queue standard'],
    [['--topic', 'email:2'], '--topic email:2: "email" is not a subscription protocol', 'protocols lambda, sqs, http'],
    // (each spawn costs a start of the CLI: the other refusals, --batch 100 without a window, --batch-window on FIFO,
    // --queue with --topic, --queue lifo, follow the same path)
  ])('%j is one clear error', (args, message, hint) => {
    const r = runCli(['price', '--requests', '1M', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(hint);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
