/**
 * `--json` on every command, as a script runs it (issue 31 point 5): on
 * success stdout is one JSON document and nothing else, with the shape
 * docs/commands.md (JSON output) gives, and no progress or note on stderr;
 * on failure stdout is empty, the same clear error is on stderr, and the
 * exit code is not 0.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.js';
import { expectQuietStderr, ROOT, runCli } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'apigw-sim-json-'));
const scenario = join(work, 'small.yaml');
const broken = join(work, 'broken.yaml');

beforeAll(() => {
  writeFileSync(scenario, 'name: small\nseed: 4\nduration: 20s\nwarmup: 5s\nload: { rate: 50/s }\napi: { type: rest }\nintegration: { type: lambda, duration: { p50: 30ms, p99: 90ms } }\n');
  writeFileSync(broken, 'name: broken\nduration: 20s\nload: { rate: 50 }\napi: { type: rest }\nintegration: { type: lambda }\n');
});

/** Runs a command with --json: exit 0, stdout parses as one JSON document, stderr quiet. */
function json(args: string[]): Record<string, any> {
  const r = runCli([...args, '--json']);
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  expectQuietStderr(r.stderr);
  return JSON.parse(r.stdout);
}

describe('every command takes --json', () => {
  it('each command and subcommand of the program declares it', () => {
    const program = createProgram();
    const all = program.commands.flatMap((c) => [c, ...c.commands]);
    const without = all.filter((c) => !c.options.some((o) => o.long === '--json')).map((c) => c.name());
    expect(without).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(14);
  });
});

describe('what each command prints with --json', () => {
  it('run: the summary, with the bill', () => {
    const doc = json(['run', scenario, '--out', join(work, 'run')]);
    expect(doc.requests.offered).toBeGreaterThan(500);
    expect(doc.requests.ok + doc.requests.failed + doc.requests.inFlight).toBe(doc.requests.offered);
    expect(doc.cost.totalUsd).toBeGreaterThan(0);
  });

  it('validate: ok, the estimate and the variants checked', () => {
    const doc = json(['validate', scenario]);
    expect(doc).toMatchObject({ file: scenario, ok: true, scenario: 'small', variants: [] });
    expect(doc.estimate.events).toBeGreaterThan(1000);
    expect(doc.estimate.memoryBytes).toBeGreaterThan(0);
    expect(json(['validate', join(ROOT, 'scenarios/lessons/front-door-latency.yaml')]).variants).toEqual(['http', 'alb']);
  });

  it('compare: a run per entry point with its figures and bill, the crossover table, the files written', () => {
    const out = join(work, 'cmp');
    const doc = json(['compare', scenario, '--types', 'rest,http', '--out', out]);
    expect(doc.runs.map((r: { type: string }) => r.type)).toEqual(['rest', 'http']);
    expect(doc.runs[0].requests.offered).toBe(doc.runs[1].requests.offered); // the same arrivals
    expect(doc.runs[0].cost.totalUsd).toBeGreaterThan(doc.runs[1].cost.totalUsd); // REST requests cost more
    expect(doc.crossover.rows[0].monthlyRequests).toBe(1e6);
    expect(doc.files).toContain('report.html');
    for (const f of ['compare.csv', 'report.html', 'rest/run.json']) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('sweep: sweep.json, every point', () => {
    const out = join(work, 'sweep');
    const doc = json(['sweep', scenario, '--set', 'integration.memory=256MB,1GB', '--workers', '1', '--out', out]);
    expect(doc.points).toHaveLength(2);
    expect(doc).toEqual(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')));
  });

  it('price: the estimates and notes', () => {
    const doc = json(['price', '--requests', '10M/month', '--type', 'rest,http']);
    expect(doc.estimates.map((e: { apiType: string }) => e.apiType)).toEqual(['rest', 'http']);
  });

  it('lessons: each lesson with its question and variants', () => {
    const doc = json(['lessons']);
    const lesson = doc.lessons.find((l: { name: string }) => l.name === 'front-door-latency');
    expect(lesson.variants).toEqual(['base', 'http', 'alb']);
    expect(lesson.question).toMatch(/REST API, an HTTP API and an ALB/);
  });

  it('lessons run: each variant\'s report and key figures, the claims checked', () => {
    const doc = json(['lessons', 'run', 'who-answered', '--out', join(work, 'lessons')]);
    const [lesson] = doc.lessons;
    expect(lesson.variants.map((v: { name: string }) => v.name)).toEqual(['base', 'policy-per-route']);
    expect(existsSync(lesson.variants[0].report)).toBe(true);
    // the key figures of every variant: the base's keyless, tokenless and throttled requests fail
    for (const v of lesson.variants) expect(Object.keys(v.figures)).toEqual(['latencyMs.ok.p50', 'latencyMs.ok.p99', 'latencyMs.all.p99', 'requests.errorRatio', 'attempts.amplification', 'cost.totalUsd']);
    expect(lesson.variants[0].figures['requests.errorRatio']).toBeGreaterThan(0);
    expect(lesson.claims.length).toBeGreaterThan(0);
    expect(doc.failedClaims).toBe(lesson.claims.filter((c: { pass: boolean }) => !c.pass).length);
  });

  it('report: what was redrawn, and the summary it was drawn from', () => {
    const doc = json(['report', join(work, 'run')]);
    expect(doc.written).toContain('report.html');
    expect(doc.summary.requests).toEqual(JSON.parse(readFileSync(join(work, 'run', 'run.json'), 'utf8')).summary.requests);
  });

  it('shard and merge: each shard\'s runs, then what one machine would have printed', () => {
    const shards = [0, 1].map((i) => json(['shard', scenario, '--replications', '2', '--shards', '2', '--index', String(i), '--workers', '0', '--out', join(work, `shard-${i}`)]));
    expect(shards.map((s) => [s.shard, s.runs, s.jobs])).toEqual([
      [0, 1, 2],
      [1, 1, 2],
    ]);
    const merged = json(['merge', join(work, 'shard-0'), join(work, 'shard-1'), '--out', join(work, 'merged')]);
    expect(merged).toMatchObject({ kind: 'replications', shards: 2, runs: 2 });
    expect(merged.summary.replicated.replications).toBe(2);
  });

  it('import: the scenario written, as text', () => {
    const doc = json(['import', join(ROOT, 'test/import/fixtures/openapi-http.json')]);
    expect(doc.out).toBeNull();
    expect(doc.scenario).toMatch(/^api:/m);
  });

  it('init --list, init --out -, init --out file', () => {
    expect(json(['init', '--list']).templates.map((t: { name: string }) => t.name)).toContain('rest-lambda');
    expect(json(['init', 'alb', '--out', '-']).scenario).toMatch(/type: alb/);
    const out = join(work, 'starter.yaml');
    expect(json(['init', '--out', out])).toEqual({ template: 'rest-lambda', out, scenario: null });
    expect(existsSync(out)).toBe(true);
  });

  it('schema and completion', () => {
    expect(json(['schema']).$id).toMatch(/scenario\.schema\.json$/);
    const completion = json(['completion', 'bash']);
    expect(completion.shell).toBe('bash');
    expect(completion.script).toMatch(/^complete .*-F __apigw_sim apigw-sim$/m);
  });
});

describe('a failed threshold with --json', () => {
  it('exits 3 and still prints the document, the failed check in it', () => {
    const r = runCli(['run', scenario, '--threshold', 'p99<1ms', '--out', join(work, 'slo'), '--json']);
    expect(r.status).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.thresholds).toHaveLength(1);
    expect(doc.thresholds[0].pass).toBe(false);
  });
});

describe('errors with --json', () => {
  it.each([
    ['run', ['run', broken, '--out', join(work, 'x')], /broken\.yaml:3: load\.rate/],
    ['validate', ['validate', broken], /broken\.yaml:3: load\.rate/],
    ['compare', ['compare', broken, '--out', join(work, 'x')], /broken\.yaml:3: load\.rate/],
    ['sweep', ['sweep', scenario, '--set', 'nope=1,2', '--out', join(work, 'x')], /nope/],
    ['lessons run', ['lessons', 'run', 'no-such-lesson'], /no lesson "no-such-lesson"/],
    ['report', ['report', work], /not a finished run's folder/],
    ['merge', ['merge', work, '--out', join(work, 'y')], /error/],
    ['import', ['import', broken], /broken\.yaml/],
    ['init', ['init', '--list', 'alb'], /--list takes no template/],
    ['price', ['price', '--requests', 'lots'], /--requests/],
  ])('%s: nothing on stdout, the error on stderr, exit 2', (_, args, message) => {
    const r = runCli([...(args as string[]), '--json']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.status).toBe(2);
  });
});
