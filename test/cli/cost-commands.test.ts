/**
 * `price`, `compare` and the cost side of `run`, as a user runs them, and
 * their bad input: one clear error each, exit 2, no stack trace, nothing
 * written.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartFiles, expectedCharts, expectedEntries, ROOT, runCli } from './run-cli.js';

const AGREE = `
name: agree
seed: 5
duration: 3m
warmup: 1m
load: { arrivals: uniform, rate: 100/s, payload: { request: 1KB, response: 4KB } }
api: { type: rest }
integration: { type: lambda, memory: 512MB, architecture: arm64, duration: { constant: 120ms } }
cost: { monthlyRequests: 40M }
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-cost-'));
  writeFileSync(join(work, 'agree.yaml'), AGREE);
});

const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const csv = (path: string): Array<Record<string, string>> => parse(readFileSync(path, 'utf8'), { columns: true });

describe('apigw-sim price', () => {
  it('prices REST, HTTP and ALB side by side and agrees with run on the same workload', () => {
    const priced = runCli(['price', '--requests', '40M/month', '--type', 'rest', '--lambda', '512MB:120ms:arm64', '--response', '4KB', '--json']);
    expect(priced.stderr).toBe('');
    expect(priced.status).toBe(0);
    const closed = JSON.parse(priced.stdout).estimates[0];
    const out = join(work, 'agree-run');
    expect(runCli(['run', join(work, 'agree.yaml'), '--out', out, '--quiet']).status).toBe(0);
    const simulated = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).cost[0];
    expect(simulated.totalUsd).toBeCloseTo(closed.totalUsd, 2);
    // 40M REST requests at $3.50/M, 40M Lambda requests at $0.20/M, 40M x 0.12 s x 0.5 GB arm64, 40M x 4 KB out at $0.09/GB
    expect(closed.totalUsd).toBeCloseTo(140 + 8 + 40e6 * 0.06 * 0.0000133334 + ((40e6 * 4096) / 1024 ** 3) * 0.09, 2);
    const rows = csv(join(out, 'cost.csv'));
    expect(Object.keys(rows[0])).toEqual(['api_type', 'region', 'price_date', 'service', 'item', 'quantity', 'unit', 'usd_rate', 'rate_unit', 'usd']);
    expect(rows.reduce((sum, r) => sum + Number(r.usd), 0)).toBeCloseTo(simulated.totalUsd, 3);
  });

  it('prints a table per type with the cheapest marked, and notes what a type lacks', () => {
    const r = runCli(['price', '--requests', '40M/month', '--type', 'rest,http,alb', '--lambda', '512MB:120ms:arm64', '--cache', '1.6GB', '--cache-hit', '0.2', '--response', '4KB']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/REST API\s+│\s+HTTP API\s+│\s+ALB/);
    expect(r.stdout).toContain('* cheapest');
    expect(r.stdout).toContain('note: http: no response cache (REST API only)');
  });

  it('writes the lines to --csv', () => {
    const path = join(work, 'price.csv');
    expect(runCli(['price', '--requests', '1B', '--type', 'http', '--csv', path]).status).toBe(0);
    const rows = csv(path);
    // 1B HTTP API requests: 300M at $1.00/M and 700M at $0.90/M
    expect(rows.filter((r) => r.service === 'API Gateway').map((r) => Number(r.usd))).toEqual([300, 630]);
  });

  const bad = (args: string[], message: string, hint?: string) => {
    const r = runCli(['price', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain(message);
    if (hint) expect(r.stderr).toContain(hint);
  };

  it('a volume no workload has is one clear error (it printed a bill of $1.5e27)', () => bad(['--requests', '1e30'], '--requests 1e30 is 1.0e+30 a month', 'at most 1e+15'));
  it('no callers is one clear error (it was taken as one)', () => bad(['--requests', '1M', '--type', 'alb', '--callers', '0'], '--callers 0: there is at least one', '1 or more'));
  it('a negative volume is one clear error', () => bad(['--requests=-5M/month'], '--requests -5M/month is negative', 'hint:'));
  it('an unknown region is one clear error naming the bundled ones', () => bad(['--requests', '1M', '--region', 'mars-1'], '--region "mars-1" has no bundled price table', 'bundled Regions: us-east-1'));
  it('an unsupported cache size is one clear error', () => bad(['--requests', '1M', '--cache', '2GB'], '--cache 2GB is not an API Gateway cache size', '1.6GB'));
  it('an unknown type is one clear error', () => bad(['--requests', '1M', '--type', 'rest,graphql'], 'unknown type "graphql"'));
  it('an option that would change nothing is refused, not ignored', () => {
    bad(['--requests', '1M', '--provisioned', '5'], '--provisioned needs --lambda', '--lambda 512MB:120ms');
    bad(['--requests', '1M', '--authorizer-hit', '0.5'], '--authorizer-hit needs --authorizer', '--authorizer 128MB:20ms');
    bad(['--requests', '1M', '--authorizer-hit', '2'], '--authorizer-hit 2 is not a ratio', 'from 0 to 1'); // checked with or without --authorizer
    bad(['--requests', '1M', '--cache-hit', '0.3'], '--cache-hit needs --cache', '--cache 1.6GB');
  });
  it('a request body over a type\'s payload limit is noted for that type', () => {
    const r = runCli(['price', '--requests', '1M', '--type', 'rest,websocket', '--request', '200KB']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('note: websocket: a 200KB request is over its 128 KB limit');
    expect(r.stdout).not.toContain('note: rest: a 200KB request');
    const toLambda = runCli(['price', '--requests', '1M', '--type', 'rest', '--request', '7MB', '--lambda', '512MB:100ms']);
    expect(toLambda.stdout).toContain('note: rest: a 7MB request is over its 6 MB limit'); // Lambda's synchronous payload, as run checks it
    expect(runCli(['price', '--requests', '1M', '--type', 'rest', '--request', '7MB']).stdout).not.toContain('over its');
  });
  it('a bad function is one clear error', () => bad(['--requests', '1M', '--lambda', '512MB'], '--lambda 512MB is not a function', 'memory:duration'));

  it('a price file with a missing figure names the file, the path and the line', () => {
    const table = JSON.parse(readFileSync(join(ROOT, 'src/cost/prices/us-east-1.json'), 'utf8'));
    delete table.lambda.durationArm64;
    const path = file('missing.json', JSON.stringify(table, null, 2));
    const line = JSON.stringify(table, null, 2).split('\n').findIndex((l) => l.includes('"lambda"')) + 1;
    bad(['--requests', '1M', '--prices', path], `${path}:${line}: lambda.durationArm64: is required`);
  });

  it('a price file in the wrong unit is refused', () => {
    const table = JSON.parse(readFileSync(join(ROOT, 'src/cost/prices/us-east-1.json'), 'utf8'));
    table.lambda.requests.per = 'request';
    bad(['--requests', '1M', '--prices', file('unit.json', JSON.stringify(table, null, 2))], 'lambda.requests.per');
  });

  it('a metering increment of 0 is refused (it priced the month at $∞ and exited 0)', () => {
    const table = JSON.parse(readFileSync(join(ROOT, 'src/cost/prices/us-east-1.json'), 'utf8'));
    table.apiGateway.httpMeteringIncrement.value = 0;
    bad(['--requests', '1M', '--type', 'http', '--prices', file('zero.json', JSON.stringify(table, null, 2))], 'apiGateway.httpMeteringIncrement.value: 0 is too small: it must be above 0', 'price table');
  });

  it('negotiated prices from --prices are used', () => {
    const table = JSON.parse(readFileSync(join(ROOT, 'src/cost/prices/us-east-1.json'), 'utf8'));
    table.apiGateway.httpRequests.tiers = [{ upTo: null, usd: 0.5 }];
    const r = runCli(['price', '--requests', '10M', '--type', 'http', '--prices', file('negotiated.json', JSON.stringify(table)), '--json']);
    expect(r.status).toBe(0);
    const lines = JSON.parse(r.stdout).estimates[0].lines;
    expect(lines.find((l: { service: string }) => l.service === 'API Gateway').usd).toBeCloseTo(5, 9);
  });
});

describe('apigw-sim run: cost problems in the scenario', () => {
  it('a Region with no bundled table is reported at cost.region with its line, before anything runs', () => {
    const path = file('region.yaml', `${AGREE.trimEnd().replace('cost: { monthlyRequests: 40M }', 'cost:\n  region: mars-1')}\n`);
    const out = join(work, 'out-region');
    const r = runCli(['run', path, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${path}:10: cost.region: "mars-1" has no bundled price table`);
    expect(r.stderr).toContain('--prices');
    expect(existsSync(out)).toBe(false);
    const checked = runCli(['validate', path]);
    expect(checked.status).toBe(2);
    expect(checked.stderr).toContain(`${path}:10: cost.region: "mars-1" has no bundled price table`);
  });
});

describe('apigw-sim compare', () => {
  it('a crossover range that runs backwards is one clear error, before anything runs (it wrote an empty table)', () => {
    const out = join(work, 'out-backwards');
    const r = runCli(['compare', file('backwards.yaml', AGREE), '--from', '10B', '--to', '1M', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: --from 10B is not below --to 1M');
    expect(r.stderr).toContain('hint:');
    expect(existsSync(out)).toBe(false);
  });

  it('runs the workload through each front door and writes the files side by side', () => {
    const out = join(work, 'cmp');
    const path = file(
      'cmp.yaml',
      `
name: cmp
duration: 40s
warmup: 10s
load: { rate: 200/s, keys: { count: 50 } }
api:
  type: rest
  cache: { size: 0.5GB }
  throttle: { stage: { rate: 1000/s, burst: 500 } }
integration: { type: lambda, duration: { p50: 40ms, p99: 150ms } }
`,
    );
    const r = runCli(['compare', path, '--out', out, '--types', 'rest,http,alb,websocket'], { charts: true });
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(expectedEntries(['.apigw-sim', 'alb', 'charts', 'compare.csv', 'cost.csv', 'crossover.csv', 'http', 'report.html', 'rest']));
    expect(chartFiles(out)).toEqual(expectedCharts(['cost.png', 'crossover.png']));
    expect(readdirSync(join(out, 'http')).sort()).toEqual(expectedEntries(['charts', 'cost.csv', 'report.html', 'run.json', 'summary.csv', 'timeseries.csv']));
    expect(r.stdout).toContain('note: HTTP API has no cache: removed');
    expect(r.stdout).toContain('note: Application Load Balancer has no stage throttling: removed');
    expect(r.stdout).toMatch(/note: WebSocket API: skipped/);

    const compare = csv(join(out, 'compare.csv'));
    expect(Object.keys(compare[0])).toEqual(['metric', 'rest', 'http', 'alb']);
    const row = (metric: string) => compare.find((m) => m.metric === metric) as Record<string, string>;
    // the cache answers most REST requests: fewer Lambda invocations than on HTTP or ALB
    expect(Number(row('requests.offered').rest)).toBe(Number(row('requests.offered').http));
    expect(row('cost_usd.API Gateway: REST cache 0.5 GB').rest).not.toBe('');
    expect(row('cost_usd.API Gateway: REST cache 0.5 GB').http).toBe('');

    const crossover = csv(join(out, 'crossover.csv'));
    expect(Object.keys(crossover[0])).toEqual(['monthly_requests', 'rest_usd', 'http_usd', 'alb_usd', 'cheapest']);
    expect(crossover[0].monthly_requests).toBe('1000000');
    expect(crossover.at(-1)?.monthly_requests).toBe('10000000000');
    for (const c of crossover) {
      const usd = { rest: Number(c.rest_usd), http: Number(c.http_usd), alb: Number(c.alb_usd) };
      expect(usd[c.cheapest as keyof typeof usd]).toBe(Math.min(usd.rest, usd.http, usd.alb));
    }
    // an ALB's fixed hourly charge loses at small volumes and its LCUs win at large ones
    expect(crossover[0].cheapest).toBe('http');
    expect(crossover.at(-1)?.cheapest).toBe('alb');
    expect(r.stdout).toMatch(/above [\d.]+[MB] requests a month, Application Load Balancer is cheaper than HTTP API/);
  });
});

describe('apigw-sim compare --types eventbridge', () => {
  it('takes every entry point price takes: the event bus runs beside the front doors, and is skipped with the reason where the workload does not fit it', () => {
    const out = join(work, 'cmp-bus');
    const path = file('orders.yaml', 'name: orders\nseed: 3\nduration: 40s\nwarmup: 10s\nload: { rate: 100/s }\nclients: { timeout: 3s }\napi: { type: rest }\nintegration: { type: lambda, memory: 512MB, duration: { p50: 50ms, p99: 150ms } }\n');
    const r = runCli(['compare', path, '--types', 'rest,eventbridge', '--out', out]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/REST API\s+EventBridge event bus/);
    const compare = csv(join(out, 'compare.csv'));
    expect(Object.keys(compare[0])).toEqual(['metric', 'rest', 'eventbridge']);
    const row = (metric: string) => compare.find((m) => m.metric === metric) as Record<string, string>;
    // the same arrivals; custom events at $1.00 per million against REST requests at $3.50
    expect(row('requests.offered').eventbridge).toBe(row('requests.offered').rest);
    expect(row('cost_usd.API Gateway: REST requests, first 333M').eventbridge).toBe('');
    expect(Number(row('cost_usd.total').eventbridge)).toBeLessThan(Number(row('cost_usd.total').rest));
    expect(readdirSync(join(out, 'eventbridge'))).toContain('run.json');

    const throttled = file('throttled.yaml', readFileSync(path, 'utf8').replace('api: { type: rest }', 'api: { type: rest, throttle: { stage: { rate: 500/s, burst: 100 } } }'));
    const skipped = runCli(['compare', throttled, '--types', 'rest,eventbridge', '--out', join(work, 'cmp-bus-skipped')]);
    expect(skipped.status).toBe(0);
    expect(skipped.stdout.replace(/\n +/g, ' ')).toMatch(/note: api\.type=eventbridge: skipped, api\.throttle\.stage: EventBridge event buses do not have stage throttling/);
  });

  it('still names the types it takes for one it does not', () => {
    const r = runCli(['compare', join(work, 'agree.yaml'), '--types', 'rest,sqs-ish']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown type "sqs-ish"\n  hint: give some of rest, http, [^\n]*eventbridge, sqs, sns, comma-separated/);
  });
});

describe('apigw-sim price --waf', () => {
  it('adds the web ACL, its rules and the inspected requests to REST and ALB, and notes that HTTP APIs have no WAF', () => {
    const r = runCli(['price', '--requests', '50M/month', '--type', 'rest,http,alb', '--waf', '10', '--json']);
    expect(r.status).toBe(0);
    const { notes, estimates } = JSON.parse(r.stdout);
    expect(notes).toContain('http: no AWS WAF (REST API and Application Load Balancer only), left out');
    const waf = (type: string) => estimates.find((e: { apiType: string }) => e.apiType === type).lines.filter((l: { service: string }) => l.service === 'AWS WAF').reduce((sum: number, l: { usd: number }) => sum + l.usd, 0);
    expect(waf('rest')).toBeCloseTo(45, 6); // $5 + 10 x $1 + 50 x $0.60
    expect(waf('alb')).toBeCloseTo(45, 6);
    expect(waf('http')).toBe(0);
  });
});

describe('apigw-sim price: private endpoints, VPC links and EventBridge', () => {
  type Line = { service: string; item: string; usd: number; quantity: number };
  const usdOf = (lines: Line[], service: string) => lines.filter((l) => l.service === service).reduce((sum, l) => sum + l.usd, 0);

  it('a private REST API behind an NLB: PrivateLink per AZ-hour and GB, the NLB, no data transfer out; an HTTP API has no private endpoint', () => {
    const r = runCli(['price', '--requests', '100M/month', '--type', 'rest,http', '--endpoint', 'private:3', '--vpc-link', 'nlb', '--request', '2KB', '--response', '8KB', '--json']);
    expect(r.status).toBe(0);
    const { notes, estimates } = JSON.parse(r.stdout);
    const rest: Line[] = estimates.find((e: { apiType: string }) => e.apiType === 'rest').lines;
    const gb = (100e6 * 10 * 1024) / 1024 ** 3;
    expect(usdOf(rest, 'AWS PrivateLink')).toBeCloseTo(3 * 730 * 0.01 + gb * 0.01, 6);
    expect(usdOf(rest, 'Elastic Load Balancing')).toBeCloseTo(730 * 0.0225 + gb * 0.006, 6);
    expect(usdOf(rest, 'Data transfer')).toBe(0);
    expect(notes).toContain('http: no private endpoint (REST API only), priced as a public one');
    const http: Line[] = estimates.find((e: { apiType: string }) => e.apiType === 'http').lines;
    expect(usdOf(http, 'AWS PrivateLink')).toBe(0);
    expect(usdOf(http, 'Data transfer')).toBeCloseTo(((100e6 * 8 * 1024) / 1024 ** 3) * 0.09, 6);
  });

  it('EventBridge bills one event per 64 KB and every target its invocations; an eu-west-1 event bus is refused', () => {
    const r = runCli(['price', '--requests', '10M/month', '--type', 'eventbridge', '--lambda', '512MB:100ms', '--targets', '3', '--request', '100KB', '--json']);
    expect(r.status).toBe(0);
    const lines: Line[] = JSON.parse(r.stdout).estimates[0].lines;
    expect(usdOf(lines, 'Amazon EventBridge')).toBeCloseTo(2 * 10 * 1.0, 6); // 100 KB = 2 chunks of 64 KB
    expect(usdOf(lines, 'Lambda')).toBeCloseTo(3 * (10 * 0.2 + 10e6 * 0.1 * 0.5 * 0.0000166667), 6);
    expect(usdOf(lines, 'API Gateway')).toBe(0);
    const eu = runCli(['price', '--requests', '1M', '--type', 'eventbridge', '--region', 'eu-west-1']);
    expect(eu.status).toBe(2);
    expect(eu.stderr).toContain('no price for Amazon EventBridge');
    expect(eu.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad endpoint or load balancer is one clear error', () => {
    for (const [args, message] of [
      [['--endpoint', 'edge:2'], '--endpoint edge:2 is not an endpoint type'],
      [['--endpoint', 'private:9'], '--endpoint private:9: 9 AZs'],
      [['--vpc-link', 'clb'], '--vpc-link clb is not a VPC link target'],
      // run never has both: a VPC link is on an HTTP integration
      [['--vpc-link', 'nlb', '--lambda', '512MB:100ms'], '--vpc-link needs an HTTP back end, and --lambda prices a Lambda integration'],
      [['--type', 'eventbridge', '--lambda', '512MB:100ms', '--targets', '0'], '--targets 0: an event goes to 1 to 100 rule targets'],
    ] as const) {
      const r = runCli(['price', '--requests', '1M', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain('hint:');
    }
  });
});

describe('apigw-sim price: flags a type does not use', () => {
  it('says so in a note instead of pricing them silently', () => {
    const r = runCli(['price', '--requests', '10M', '--type', 'rest,eventbridge', '--targets', '3', '--json']);
    expect(r.status).toBe(0);
    const { notes, estimates } = JSON.parse(r.stdout);
    expect(notes).toContain('rest: --targets is for an event bus (each request here reaches one integration), left out');
    expect(notes).toContain("eventbridge: an event bus delivers to a Lambda function or a queue's consumer; without --lambda only the events are priced");
    // the event bus bills its 10M events ($1.00 per million) and nothing else; the REST API its 10M
    // requests at $3.50 per million and their 1 KB responses (the default) at $0.09 per GB out
    expect(estimates[1].lines.filter((l: { usd: number }) => l.usd > 0).map((l: { service: string }) => l.service)).toEqual(['Amazon EventBridge']);
    expect(estimates[1].totalUsd).toBeCloseTo(10, 6);
    expect(estimates[0].totalUsd).toBeCloseTo(35 + ((10e6 * 1024) / 1024 ** 3) * 0.09, 6);
  });
});

describe('apigw-sim price: CloudWatch Logs', () => {
  const LOGGED = ['--requests', '40M/month', '--lambda', '512MB:120ms:arm64', '--request', '1KB', '--response', '4KB', '--access-log', '1KB', '--execution-logs', 'info', '--log-retention', '30d'];
  const logLines = (estimate: { lines: Array<{ service: string; item: string; usd: number }> }) => estimate.lines.filter((l) => l.service === 'CloudWatch Logs').map((l) => [l.item, l.usd]);

  it('prices execution logs and the storage of every log, and agrees with run on the same workload', () => {
    const priced = runCli(['price', ...LOGGED, '--type', 'rest', '--json']);
    expect(priced.stderr).toBe('');
    const closed = JSON.parse(priced.stdout).estimates[0];
    // 40M requests x (1 KB access + 2 KB execution) ingested at $0.50/GB; 0.15 of it stored 30 days (720 of 730 h) at $0.03/GB-month
    const gb = (40e6 * 1024) / 1024 ** 3;
    expect(logLines(closed)).toEqual([
      ['access log ingestion', expect.closeTo(gb * 0.5, 6)],
      ['execution log ingestion', expect.closeTo(2 * gb * 0.5, 6)],
      ['log storage, kept 30 days', expect.closeTo(3 * gb * 0.15 * (720 / 730) * 0.03, 6)],
    ]);
    const scenario = file('logged.yaml', AGREE.replace('cost: { monthlyRequests: 40M }', 'cost: { monthlyRequests: 40M, accessLogs: { bytesPerRequest: 1KB }, executionLogs: { level: info }, logs: { retention: 30d } }'));
    const out = join(work, 'logged-run');
    expect(runCli(['run', scenario, '--out', out, '--quiet']).status).toBe(0);
    const simulated = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).cost[0];
    expect(logLines(simulated).map(([item]) => item)).toEqual(logLines(closed).map(([item]) => item));
    logLines(simulated).forEach(([, usd], i) => expect(usd).toBeCloseTo(logLines(closed)[i][1] as number, 2));
    expect(simulated.totalUsd).toBeCloseTo(closed.totalUsd, 2);
  });

  it('leaves execution logs out of HTTP APIs and ALBs with a note, and says the closed form has no errors to log', () => {
    const r = runCli(['price', ...LOGGED, '--type', 'rest,http,alb', '--json']);
    const { notes, estimates } = JSON.parse(r.stdout);
    expect(notes).toContain('http: no execution logs (REST API and WebSocket API only), left out');
    expect(notes).toContain('alb: no execution logs (REST API and WebSocket API only), left out');
    expect(logLines(estimates[1]).map(([item]) => item)).toEqual(['access log ingestion', 'log storage, kept 30 days']);
    const errors = runCli(['price', '--requests', '1M', '--type', 'rest', '--execution-logs', 'errors', '--json']);
    expect(JSON.parse(errors.stdout).notes).toContain('rest: execution logs at the errors level write nothing here, since no request fails in the closed form; run counts the errors');
  });

  it('takes a size per logged request, and prices logs that never expire as a year of them', () => {
    const r = runCli(['price', '--requests', '100M/month', '--type', 'rest', '--execution-logs', 'info:5KB', '--log-retention', 'never', '--log-compression', '0.2', '--json']);
    const gb = (100e6 * 5120) / 1024 ** 3;
    expect(logLines(JSON.parse(r.stdout).estimates[0])).toEqual([
      ['execution log ingestion', expect.closeTo(gb * 0.5, 6)],
      ['log storage, never expires: after a year', expect.closeTo(gb * 0.2 * 12 * 0.03, 6)],
    ]);
  });

  const bad = (args: string[], message: string, hint: string) => {
    const r = runCli(['price', '--requests', '1M', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(hint);
  };
  it.each([
    ['a level API Gateway does not have', ['--execution-logs', 'debug'], '--execution-logs debug is not a logging level', 'info, errors or info:5KB'],
    ['a size without a unit', ['--execution-logs', 'info:5'], '--execution-logs "5" is not a size', '512B, 1KB'],
    ['a retention CloudWatch Logs does not offer', ['--access-log', '1KB', '--log-retention', '45d'], '--log-retention 45d is not a CloudWatch Logs retention', '30d, 60d'],
    ['a retention with no logs to store', ['--log-retention', '30d'], '--log-retention: there are no logs to store', '--access-log'],
    ['a compression without a retention', ['--access-log', '1KB', '--log-compression', '0.2'], '--log-compression needs --log-retention', '--log-retention 30d'],
  ])('%s is one clear error', (_what, args, message, hint) => bad(args, message, hint));
});

describe('eu-west-1', () => {
  it('prices REST and HTTP requests with Ireland\'s tiers: 1B REST requests = 333M x $3.50 + 667M x $3.19; 400M HTTP = 300M x $1.11 + 100M x $1.00', () => {
    const r = runCli(['price', '--region', 'eu-west-1', '--requests', '1B/month', '--type', 'rest', '--json']);
    expect(r.status).toBe(0);
    const gateway = (json: string) => JSON.parse(json).estimates[0].lines.filter((l: { service: string }) => l.service === 'API Gateway').reduce((s: number, l: { usd: number }) => s + l.usd, 0);
    expect(gateway(r.stdout)).toBeCloseTo(333 * 3.5 + 667 * 3.19, 6);
    expect(JSON.parse(r.stdout).estimates[0].region).toBe('eu-west-1');
    const http = runCli(['price', '--region', 'eu-west-1', '--requests', '400M/month', '--type', 'http', '--json']);
    expect(gateway(http.stdout)).toBeCloseTo(300 * 1.11 + 100 * 1.0, 6);
  });

  it('refuses what its table has no source for, before simulating, naming the figure', () => {
    const ws = file('ws-eu.yaml', `
name: ws-eu
duration: 1m
load: { rate: 1/s, connection: { duration: { constant: 30s }, messages: 0.1/s } }
api: { type: websocket }
integration: { type: lambda, duration: { constant: 10ms } }
cost: { region: eu-west-1 }
`);
    const r = runCli(['validate', ws]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ws-eu\.yaml:7: cost\.region: the eu-west-1 price table has no price for WebSocket messages, WebSocket connection minutes\n  hint: no source for it was found/);
    const closedForm = runCli(['price', '--region', 'eu-west-1', '--requests', '1M/month', '--type', 'websocket']);
    expect(closedForm.status).toBe(2);
    expect(closedForm.stderr).toMatch(/^error: the price table has no price for API Gateway: WebSocket messages/);
    expect(closedForm.stderr).not.toMatch(/\n\s+at /);
  });
});
