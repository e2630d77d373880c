/**
 * An SQS queue as a user runs it: `apigw-sim run` on the shipped lesson
 * scenario writes the queue's figures (messages sent and processed, the
 * send-to-processed delay, depth and oldest-message age over time) and an
 * Amazon SQS line on the bill, the same bytes for the same seed; `lessons
 * run` checks the lesson's claims; a queue the event source mapping could
 * not take is one clear error naming the file, the field and the line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tableWords } from './run-cli.js';

const LESSON = join(ROOT, 'scenarios/lessons/queue-flattens-spike.yaml');

describe('apigw-sim with an SQS queue', () => {
  const work = mkdtempSync(join(tmpdir(), 'apigw-sim-queue-'));

  it('run writes the queue figures, its time series and its bill, the same bytes twice', () => {
    const [a, b] = [join(work, 'a'), join(work, 'b')];
    const r = runCli(['run', LESSON, '--out', a]);
    expect(r.status, r.stderr).toBe(0);
    // the bill's labels wrap inside their column (100 columns): read the table as words
    expect(tableWords(r.stdout)).toMatch(/Amazon SQS: standard queue\s.*requests/);
    expect(runCli(['run', LESSON, '--out', b, '--quiet']).status).toBe(0);
    const summary = readFileSync(join(a, 'summary.csv'), 'utf8');
    const figure = (name: string) => Number(new RegExp(`^${name.replace(/\./g, '\\.')},(.*)$`, 'm').exec(summary)?.[1]);
    // every message sent was processed or is left at the end, none redriven or expired
    expect(figure('events.queue.sent')).toBeGreaterThan(15_000);
    expect(figure('events.queue.processed') + (figure('events.queue.remaining') || 0)).toBe(figure('events.queue.sent'));
    expect(figure('deliveryMs.p99')).toBeGreaterThan(figure('deliveryMs.p50'));
    const header = readFileSync(join(a, 'timeseries.csv'), 'utf8').split('\n')[0].split(',');
    for (const column of ['queue.visible', 'queue.inFlight', 'queue.oldestAgeSeconds', 'queue.pollers']) expect(header).toContain(column);
    expect(readFileSync(join(a, 'cost.csv'), 'utf8')).toMatch(/Amazon SQS,"standard queue requests \(64 KB units\), first 100B"/);
    for (const file of ['summary.csv', 'timeseries.csv', 'cost.csv', 'run.json']) expect(readFileSync(join(b, file), 'utf8'), file).toBe(readFileSync(join(a, file), 'utf8'));
  });

  it('lessons run checks the lesson against its synchronous twin', () => {
    const r = runCli(['lessons', 'run', 'queue-flattens-spike', '--out', join(work, 'lesson')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('A queue flattens the spike');
    expect(r.stdout).not.toContain('✗');
  });

  it('refuses a FIFO queue fed past 300/s and a batch size above the limit: one error with the file, the line, the field and a hint, no stack trace', () => {
    const file = join(work, 'bad-queue.yaml');
    const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const fifo = readFileSync(LESSON, 'utf8').replace('queue: { type: standard,', 'queue: { type: fifo,');
    // 50/s with a 250/s spike peaks at 300/s, which a FIFO queue takes; 50 + 400 does not
    writeFileSync(file, fifo.replace('rate: 250/s', 'rate: 400/s'));
    const over = runCli(['run', file, '--quiet', '--out', join(work, 'never')]);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain(`${file}:${lineOf(fifo, '  rate: 50/s')}: load.rate: feeds the FIFO queue at up to 450/s, more than the 300 SendMessage calls a second it takes without batching`);
    expect(over.stderr).toMatch(/hint: .*standard/);
    expect(over.stderr).not.toMatch(/\n\s+at /);
    const big = readFileSync(LESSON, 'utf8').replace('eventSource: { batchSize: 1 }', 'eventSource: { batchSize: 20000, batchWindow: 5s }');
    writeFileSync(file, big);
    const batch = runCli(['run', file, '--quiet', '--out', join(work, 'never')]);
    expect(batch.status).toBe(2);
    expect(batch.stderr).toContain(`${file}:${lineOf(big, 'batchSize: 20000')}: integration.eventSource.batchSize: 20000 is above the SQS standard queue's limit (10,000)`);
    expect(batch.stderr).toContain('hint: Lambda takes batches of 1 to 10,000 messages');
    expect(batch.stderr).not.toMatch(/\n\s+at /);
  });
});
