/**
 * `apigw-sim compare --designs` as a user runs it: a REST API in front of a
 * function with a reserved concurrency of 5 meets a spike. The synchronous
 * design throttles; the queue, topic, bus and the SDK straight to a queue
 * accept everything and do the work later. One run prints the table and writes the files, a second with
 * --json prints the document and writes the same bytes; bad input is one
 * clear error.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { costOfRun } from '../../src/cost/run-cost.js';
import { designChart } from '../../src/report/charts/compare-charts.js';
import { compareJson, toCompareHtml, type CompareReportInput } from '../../src/report/compare-report.js';
import { parseScenarioText } from '../../src/scenario/scenario-text.js';
import { runScenario } from '../../src/scenario/run.js';
import { pngRenderer } from '../../src/report/charts/png-renderer.js';
import { DRAWS_PNG, folderBytes, runCli, type CliResult } from './run-cli.js';

// 20 requests a second with 60 more for 5 s; 5 environments of ~110 ms serve about 45 a second
const ORDERS = `name: orders
seed: 7
duration: 25s
warmup: 5s
load: { rate: 20/s, spikes: [{ at: 10s, for: 5s, rate: 60/s }] }
clients: { timeout: 3s }
api: { type: rest, throttle: { stage: { rate: 1000/s, burst: 500 } } }
integration:
  type: lambda
  memory: 512MB
  duration: { p50: 100ms, p99: 300ms }
  concurrency: { reserved: 5 }
  timeout: 2s
  errorRate: 0.02
`;

const NO_PNG = { env: { APIGW_SIM_NO_CANVAS: '1' } };
const DESIGNS = ['sync', 'queue', 'topic', 'bus', 'sdk'];

let work: string;
let file: string;
let table: CliResult;
let json: CliResult;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-designs-'));
  file = join(work, 'orders.yaml');
  writeFileSync(file, ORDERS);
  table = runCli(['compare', file, '--designs', 'sync,queue,topic,bus,sdk', '--out', join(work, 'a')], NO_PNG);
  json = runCli(['compare', file, '--designs', '--json', '--out', join(work, 'b')], NO_PNG);
});

/** compare.csv as `metric -> [sync, queue, topic, bus, sdk]`. */
function compareCsv(dir: string): Map<string, string[]> {
  const rows = parse(readFileSync(join(dir, 'compare.csv'), 'utf8')) as string[][];
  return new Map(rows.map(([metric, ...values]) => [metric, values]));
}

describe('apigw-sim compare --designs', () => {
  it('prints one column per design: what the caller saw, what became of the work, and the caveat that accepted is not processed', () => {
    expect(table.status, table.stderr).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^\s+synchronous\s+SQS queue\s+SNS topic\s+EventBridge bus\s+SQS queue \(SDK\)$/);
    const row = (label: string) => lines.find((l) => l.startsWith(label))?.slice(label.length).trim().split(/\s{2,}/);
    expect(row("the caller's 2xx means")).toEqual(['processed', 'queued', 'published', 'put on the bus', 'queued']);
    // the spike's excess is throttled on the synchronous design only
    const accepted = row('accepted')?.map((p) => Number(p.replace(' %', '')));
    expect(accepted?.[0]).toBeLessThan(95);
    expect(accepted?.slice(1)).toEqual([100, 100, 100, 100]);
    expect(row('failed later, unseen')?.[0]).toBe('–');
    expect(table.stdout).toMatch(/^\* accepted is not processed: an asynchronous design answers its caller once the message is queued,/m);
    expect(table.stdout).toMatch(/│ USD \/ month\s+│ synchronous │ SQS queue │ SNS topic │ EventBridge bus │ SQS queue \(SDK\) │/);
    const notes = table.stdout.replace(/\n +/g, ' ');
    expect(notes).toContain("note: queue: the event source mapping's maximum concurrency is 5, the function's reserved concurrency, as AWS advises");
    expect(notes).toContain('note: queue: the REST API sends each request to an SQS standard queue; the function takes batches of 1, visibility timeout 12s (6 times its time-out)');
    expect(notes).toContain('note: bus: an event bus has no front door: removed the throttles');
  });

  it('writes compare.csv, cost.csv, crossover.csv, report.html and a run folder per design, in the shapes --types writes', () => {
    const out = join(work, 'a');
    expect(readdirSync(out).sort()).toEqual(['.apigw-sim', 'bus', 'compare.csv', 'cost.csv', 'crossover.csv', 'queue', 'report.html', 'sdk', 'sync', 'topic']);
    const csv = compareCsv(out);
    expect(csv.get('metric')).toEqual(DESIGNS);
    expect(csv.get('design.accepted_means')).toEqual(['processed', 'queued', 'published', 'put on the bus', 'queued']);
    // the same arrivals in every design; the caller sees errors only on the synchronous one
    expect(new Set(csv.get('requests.offered')).size).toBe(1);
    expect(Number(csv.get('requests.error')?.[0])).toBeGreaterThan(0);
    expect(csv.get('requests.error')?.slice(1)).toEqual(['0', '0', '0', '0']);
    // the work of an asynchronous design takes longer from send to processed than its caller waits
    const p99 = csv.get('design.end_to_end_ms.p99')?.map(Number) ?? [];
    const callerP99 = csv.get('latency_ms.ok.p99')?.map(Number) ?? [];
    expect(p99[0]).toBe(callerP99[0]);
    for (const i of [1, 2, 3, 4]) expect(p99[i]).toBeGreaterThan(callerP99[i]);
    expect(csv.get('cost_usd.Amazon SQS: standard queue requests (64 KB units), first 100B')?.map((v) => v !== '')).toEqual([false, true, false, false, true]);
    const gateway = [...csv.keys()].filter((k) => k.startsWith('cost_usd.') && k.includes('API Gateway'));
    expect(gateway.length).toBeGreaterThan(0);
    for (const line of gateway) expect(csv.get(line)?.[4]).toBe('');
    expect(readFileSync(join(out, 'crossover.csv'), 'utf8').split('\n')[0]).toBe('monthly_requests,sync_usd,queue_usd,topic_usd,bus_usd,sdk_usd,cheapest');
    // each design's run folder echoes its own scenario
    const echoed = (design: string) => JSON.parse(readFileSync(join(out, design, 'run.json'), 'utf8')).scenario.echo;
    expect(echoed('queue').integration).toMatchObject({ type: 'sqs', eventSource: { batchSize: 1, maxConcurrency: 5 } });
    expect(echoed('topic').integration).toMatchObject({ type: 'sns', subscriptions: [{ name: 'consumer', protocol: 'lambda' }] });
    expect(echoed('bus').api).toEqual({ type: 'eventbridge' });
    // the SDK's producer sends to the queue design's queue, with no front door: no API Gateway line on its bill
    expect(echoed('sdk')).toMatchObject({ api: { type: 'sqs' }, integration: echoed('queue').integration });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const label of ['synchronous', 'SQS queue', 'SNS topic', 'EventBridge bus', 'SQS queue (SDK)']) expect(html).toContain(`<th>${label}</th>`);
    expect(html).toContain('accepted is not processed');
    expect(html).toContain('aria-label="Monthly cost against the p99 from send to processed"');
    for (const design of DESIGNS) expect(html).toContain(`<a href="${design}/report.html">`);
  });

  it('--json prints the designs with the figures the table shows, and the run writes the same bytes', () => {
    expect(json.status, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.runs.map((r: { design: string }) => r.design)).toEqual(DESIGNS);
    expect(doc.runs.map((r: { mode: string }) => r.mode)).toEqual(['sync', 'async', 'async', 'async', 'async']);
    const csv = compareCsv(join(work, 'a'));
    doc.runs.forEach((r: { failedLater: number; pending: number; endToEndMs: { p99: number }; cost: { totalUsd: number } }, i: number) => {
      expect(String(r.failedLater)).toBe(csv.get('design.failed_later')?.[i]);
      expect(String(r.pending)).toBe(csv.get('design.not_processed_at_end')?.[i]);
      expect(r.cost.totalUsd.toFixed(4)).toBe(csv.get('cost_usd.total')?.[i]);
    });
    expect(doc.files).toEqual(expect.arrayContaining(['compare.csv', 'report.html', 'sync/', 'queue/', 'topic/', 'bus/', 'sdk/']));
    expect(folderBytes(join(work, 'b'))).toEqual(folderBytes(join(work, 'a')));
  });

  it('draws the design chart as PNG where node-canvas is available', async () => {
    const spec = designChart('orders', [
      { name: 'sync', label: 'synchronous', usd: 352, endToEndP99Ms: 315, failedRatio: 0.28, notProcessedRatio: 0 },
      { name: 'queue', label: 'SQS queue', usd: 475, endToEndP99Ms: 5_079, failedRatio: 0, notProcessedRatio: 0 },
      { name: 'topic', label: 'SNS topic', usd: 416, endToEndP99Ms: 13_100, failedRatio: 0, notProcessedRatio: 0.25 },
    ]);
    expect(spec?.config.data.datasets.map((d) => d.label)).toEqual(['synchronous ($352, p99 315 ms, 28.0 % failed)', 'SQS queue ($475, p99 5.1 s)', 'SNS topic ($416, p99 13 s, 25.0 % not processed)']);
    const renderer = await pngRenderer();
    if (!DRAWS_PNG || 'unavailable' in renderer) return;
    const png = await renderer.render(spec!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('compare --types carries none of it', () => {
  it("an entry point's column has no design fields in --json, and the page has the front doors' figures, not the design table", () => {
    const scenario = parseScenarioText(ORDERS.replace('duration: 25s', 'duration: 12s').replace('warmup: 5s', 'warmup: 2s'), 'orders.yaml').scenario;
    const result = runScenario(scenario);
    const cost = costOfRun(result, bundledPriceTable('us-east-1')!);
    const input: CompareReportInput = {
      tool: { name: 'apigw-sim', version: 'test' },
      scenario: { name: 'orders', file: 'orders.yaml' },
      seed: 7,
      runs: [{ type: 'rest', summary: result.summary, cost }],
      crossover: { rows: [], crossovers: [] },
      notes: [],
    };
    const doc = compareJson(input, { folder: 'out', files: [] }) as { runs: object[] };
    expect(Object.keys(doc.runs[0])).toEqual(['type', 'label', 'requests', 'latencyMs', 'amplification', 'cost']);
    const html = toCompareHtml(input);
    expect(html).toContain('<td>requests that succeeded</td>');
    expect(html).not.toContain('accepted is not processed');
    expect(html).toContain('the same workload through 1 entry point');
  });
});

describe('apigw-sim compare --designs: bad input', () => {
  it('an unknown design, --designs with --types, and a file that is no Lambda function behind a front door are each one clear error', () => {
    const unknown = runCli(['compare', file, '--designs', 'sync,kinesis']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('error: --designs sync,kinesis: unknown design "kinesis"\n  hint: give some of sync, queue, topic, bus, sdk, comma-separated (or --designs alone for all of them)\n');
    // the batch size is the queue's consumer's: the queue and sdk designs take it, the others have no queue
    const batch = runCli(['compare', file, '--designs', 'sync,bus', '--batch', '10']);
    expect(batch.status).toBe(2);
    expect(batch.stderr).toBe('error: --batch applies to the queue and sdk designs only\n  hint: add queue or sdk to --designs (sync,bus)\n');
    const both = runCli(['compare', file, '--designs', 'sync,queue', '--types', 'rest,http']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^error: --designs and --types cannot be given together\n  hint: /);
    const service = join(work, 'service.yaml');
    writeFileSync(service, ORDERS.replace(/integration:\n(  .*\n)+/, 'integration:\n  type: http\n  servers: 4\n  service: { p50: 10ms, p99: 40ms }\n'));
    const http = runCli(['compare', service, '--designs']);
    expect(http.status).toBe(2);
    expect(http.stderr).toContain(`${service}:9: integration.type: is http: compare --designs starts from a Lambda function`);
    expect(http.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const closed = join(work, 'closed.yaml');
    writeFileSync(closed, ORDERS.replace('load: { rate: 20/s, spikes: [{ at: 10s, for: 5s, rate: 60/s }] }', 'load: { virtualUsers: 20, thinkTime: { constant: 100ms } }'));
    const users = runCli(['compare', closed, '--designs']);
    expect(users.status).toBe(2);
    expect(users.stderr).toMatch(new RegExp(`^error: ${closed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: load.virtualUsers: is a closed loop: each user waits for its answer`));
    expect(users.stderr).toContain('hint: compare --designs gives every design the same arrivals');
  });
});
