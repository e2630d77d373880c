/**
 * Issue 27, as a user meets it: no number is trusted (every one finite and
 * within its bound, on the command line too), `validate` makes every check
 * a run would (lesson variants included), and a run too large for one
 * machine is refused before it starts. Each case is a reproducer from the
 * issue; each is exit code 2, one clear message, no "internal error".
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SMALL = `name: small
duration: 5s
load: { rate: 20/s, routes: [{ name: a }, { name: b }] }
api: { type: rest }
integration: { type: lambda, duration: { p50: 20ms, p99: 80ms } }
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-limits-'));
});

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** A user error: exit 2, the message on stderr, nothing on stdout, no stack. */
function refused(args: string[]): string {
  const r = runCli(args);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  return r.stderr;
}

describe('validate catches what run would crash on', () => {
  it('a route burst of -1: refused by validate and run alike, at its line (run exited 1 with "token bucket rate and burst must be >= 0")', () => {
    const path = file('route-burst.yaml', SMALL.replace('api: { type: rest }', 'api:\n  type: rest\n  throttle:\n    routes:\n      a: { rate: 10/s, burst: -1 }'));
    const expected = `error: ${path}:8: api.throttle.routes.a.burst: -1 is too small: it must be 1 or more\n`;
    expect(refused(['validate', path])).toContain(expected);
    const out = join(work, 'route-burst-out');
    expect(refused(['run', path, '--out', out])).toContain(expected);
    expect(existsSync(out)).toBe(false);
  });

  it('a usage-plan burst of 0.5 (every request was answered 429)', () => {
    const path = file('half-burst.yaml', SMALL.replace('api: { type: rest }', 'api: { type: rest, throttle: { usagePlan: { rate: 10/s, burst: 0.5 } } }'));
    expect(refused(['validate', path])).toMatch(/half-burst\.yaml:4: api\.throttle\.usagePlan\.burst: 0\.5 is not a whole number\n {2}hint: write a whole number, e\.g\. 3\n$/);
  });

  it("a lesson variant's set is checked by validate and by lessons run (lessons run exited 1)", () => {
    const lesson = `${SMALL}lesson:\n  title: t\n  question: q\n  explanation: e\n  examSignal: s\n  variants:\n    - name: listed\n      set: { api.type: [http] }\n`;
    const path = file('bad-variant.yaml', lesson);
    const byValidate = refused(['validate', path]);
    expect(byValidate).toMatch(/bad-variant\.yaml:\d+: lesson\.variants\[0\]: api\.type=http: skipped, api\.type: must be one of/);
    expect(refused(['lessons', 'run', path, '--out', join(work, 'lesson-out')])).toBe(byValidate);
  });

  it('a lesson variant too large to run is refused at the variant, naming the field', () => {
    const lesson = `${SMALL}lesson:\n  title: t\n  question: q\n  explanation: e\n  examSignal: s\n  variants:\n    - name: crowd\n      set: { clients.count: 10000000, clients.circuitBreaker: { failureRatio: 0.5 } }\n`;
    const path = file('big-variant.yaml', lesson);
    expect(refused(['validate', path])).toMatch(/big-variant\.yaml:12: lesson\.variants\[0\]: variant "crowd": clients\.count: the run would hold about [\d.]+ GB in memory, more than 2\.0 GB; most of it for 10,000,000 callers with circuit breakers\n {2}hint: .*--force does not lift this limit/);
  });

  it('validate says what a run will take', () => {
    const r = runCli(['validate', file('ok.yaml', SMALL)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok\.yaml: ok \(small; a run: about [\d.]+e\+\d events, \d+ MB\)\n$/);
  });
});

describe('a run too large for one machine is refused before it starts', () => {
  const crowd = `${SMALL}clients: { count: 10000000, circuitBreaker: { failureRatio: 0.5 } }\n`;
  const busy = SMALL.replace('duration: 5s', 'duration: 1d').replace('rate: 20/s', 'rate: 100000/s');

  it('memory: refused by validate, run, compare and sweep alike, and --force does not lift it (8 GB of RSS in 21 s before)', () => {
    const path = file('crowd.yaml', crowd);
    const message = /crowd\.yaml:6: clients\.count: (as rest: )?the run would hold about 10\.\d GB in memory, more than 2\.0 GB; most of it for 10,000,000 callers with circuit breakers/;
    expect(refused(['validate', path])).toMatch(message);
    expect(refused(['run', path, '--out', join(work, 'crowd-run'), '--force'])).toMatch(message);
    expect(refused(['compare', path, '--types', 'rest,http', '--out', join(work, 'crowd-compare')])).toMatch(/crowd\.yaml:6: clients\.count: as rest: the run would hold/);
    expect(refused(['sweep', path, '--set', 'load.rate=10/s,20/s', '--out', join(work, 'crowd-sweep')])).toMatch(/--set load\.rate=10\/s: the run would hold/);
  });

  it('events: refused with the way out, which --force takes (validate --force says ok; a run would take hours)', () => {
    const path = file('busy.yaml', busy);
    expect(refused(['validate', path])).toMatch(/busy\.yaml:3: load\.rate: the run would execute about 5\.2e\+10 events, more than one run takes \(2e\+10, about an hour\); most of them for 8,640,000,000 requests\n {2}hint: .*pass --force to run it anyway/);
    expect(refused(['run', path, '--out', join(work, 'busy-run')])).toMatch(/--force to run it anyway/);
    const forced = runCli(['validate', path, '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/busy\.yaml: ok \(small; a run: about 5\.2e\+10 events/);
  });

  it('replications at once hold memory together', () => {
    const path = file('thousand.yaml', `${SMALL}clients: { count: 1000000, circuitBreaker: { failureRatio: 0.5 } }\n`);
    expect(runCli(['validate', path]).status).toBe(0);
    expect(refused(['run', path, '--replications', '4', '--workers', '3', '--out', join(work, 'thousand-run')])).toMatch(/\(4 runs at once, 1\.\d GB each\)[\s\S]*run fewer at once \(--workers\)/);
  });

  it('--force is taken by the commands that run', () => {
    const r = runCli(['run', file('forced.yaml', SMALL), '--force', '--quiet', '--out', join(work, 'forced-out')]);
    expect(r.status).toBe(0);
  });
});

describe('numbers on the command line are whole numbers in decimal digits, or shares, within their bounds', () => {
  it.each([
    ['0x10', '--seed 0x10 is not a seed'],
    [' 5', '--seed " 5" is not a seed'],
    ['', '--seed "" is not a seed'],
    ['1e3', '--seed 1e3 is not a seed'],
    ['4294967296', '--seed 4294967296 is not a seed'],
  ])('--seed %j is refused (0x10 and " 5" ran as seeds 16 and 5)', (seed, message) => {
    expect(refused(['run', file('seeded.yaml', SMALL), '--seed', seed, '--out', join(work, 'seeded-out')])).toBe(`error: ${message}\n  hint: give a whole number from 0 to 4294967295, in decimal digits\n`);
  });

  it('a sweep range to 1e400 is refused (its points were NaN/s, and said so)', () => {
    expect(refused(['sweep', file('swept.yaml', SMALL), '--set', 'load.rate=1/s..1e400/s:3', '--out', join(work, 'swept-out')])).toBe(
      'error: --set load.rate=1/s..1e400/s:3: "1e400/s" is too large a number\n  hint: a range runs between two finite numbers, e.g. 500/s..5000/s:10\n',
    );
  });

  it('compare --to a 400-digit volume is refused (its crossover grid grew without end)', () => {
    expect(refused(['compare', file('compared.yaml', SMALL), '--to', '9'.repeat(400), '--out', join(work, 'compared-out')])).toMatch(/^error: --to 9+ is not a monthly volume\n {2}hint: give requests a month, from 1 to 1e\+15/);
  });

  it('--replications 0x2 is refused', () => {
    expect(refused(['run', file('reps.yaml', SMALL), '--replications', '0x2'])).toMatch(/^error: --replications 0x2 is not a whole number from 1 to 1000/);
  });

  it.each([
    [['--callers', '1000000000', '--type', 'alb'], /^error: --callers 1000000000 is more than 10,000,000\n/], // it aborted V8
    [['--callers', '1e3', '--type', 'alb'], /^error: --callers 1e3 is not a whole number\n/],
    [['--lambda', '512MB:1e400ms'], /^error: --lambda "1e400ms" is above 3653d, the most a duration may be\n/], // every type was $∞ and the cheapest
    [['--lambda', '512MB:16m'], /^error: --lambda 512MB:16m: 16m is longer than a Lambda function runs\n {2}hint: a function times out after at most 900 s/],
    [['--provisioned', '0x10', '--lambda', '512MB:100ms'], /^error: --provisioned 0x10 is not a whole number\n/],
    [['--cache', '0.5GB', '--cache-hit', ''], /^error: --cache-hit "" is not a ratio\n/],
    [['--access-log', '2MB'], /^error: --access-log 2MB is above 1MB\n {2}hint: CloudWatch Logs takes a log event of at most 1 MB\n$/],
  ])('price %j', (args, message) => {
    expect(refused(['price', '--requests', '40M', ...args])).toMatch(message);
  });
});
