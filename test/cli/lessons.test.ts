/**
 * `apigw-sim lessons` as a classroom uses it: the list, one lesson run with
 * its card and reports, the site of all of them, a lesson whose claim no
 * longer holds (exit 3), and a bad lesson section (exit 2, with its line).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-lessons-'));
});

const LESSON = (claim: string) => `
name: tiny-lesson
seed: 2
duration: 30s
load: { rate: 50/s }
api: { type: rest }
integration: { type: lambda, duration: { constant: 40ms }, concurrency: { provisioned: 5 } }
lesson:
  title: A tiny lesson
  question: Is an HTTP API faster than a REST API in front of the same function?
  explanation: The same function behind both; the HTTP API adds less.
  examSignal: HTTP API for the lowest latency
  chart: p50
  variants:
    - name: http
      set: { api.type: http }
  claims:
    - says: ${claim}
`;

describe('apigw-sim lessons', () => {
  it('lists the bundled lessons with their questions', () => {
    const r = runCli(['lessons']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/cold-starts\s+│ Why is my p99 bad when traffic is bursty/);
    expect(r.stdout).toMatch(/retry-storm-jitter/);
    expect(r.stdout).toContain('apigw-sim lessons run <lesson>');
  });

  // one spawn of the retry storm's lesson for the card, the pages and the table's figures
  it("runs one: the card with its variants side by side and its claims, a report per variant that opens with the lesson, each variant's p99 of all requests beside its successful requests' p99", () => {
    const out = join(work, 'storm');
    const r = runCli(['lessons', 'run', 'retry-storm-jitter', '--out', out]);
    expect(r.stderr.replace(/^note: .*\n/m, '')).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^== A retry storm, and what stops it \(retry-storm-jitter\)\nQ: /);
    expect(r.stdout).toMatch(/│\s+│\s+base │\s+mitigated │\s+jitter-only │/);
    expect(r.stdout.replace(/\n +/g, ' ')).toMatch(/✓ Full jitter alone does not stop the storm \(/);
    const page = readFileSync(join(out, 'retry-storm-jitter', 'base', 'report.html'), 'utf8');
    expect(page).toMatch(/<section class="lesson">\n<h2>A retry storm, and what stops it<\/h2>/);
    expect(page).toContain('<a href="../mitigated/report.html">mitigated</a>');
    expect(existsSync(join(out, 'retry-storm-jitter', 'jitter-only', 'run.json'))).toBe(true);
    const row = (label: string) => {
      const line = r.stdout.split('\n').find((l) => l.split('│')[1]?.trim() === label);
      expect(line, label).toBeDefined();
      return (line as string).split('│').slice(2, -1).map((cell) => Number.parseFloat(cell.trim()));
    };
    const [stormFailed, mitigatedFailed] = row('requests that failed');
    const [stormAll, mitigatedAll] = row('p99 (all requests)');
    expect(stormFailed).toBeGreaterThan(mitigatedFailed);
    // the storm's requests wait through their time-outs (1 s each) before they give up
    expect(stormAll).toBeGreaterThan(1000);
    expect(stormAll).toBeGreaterThan(mitigatedAll);
    expect(row('p99 (ok requests)')).toHaveLength(3); // base, mitigated, jitter-only
  });

  it('runs a lesson file of your own, and exits 3 with the claim that no longer holds', () => {
    const ok = join(work, 'ok.yaml');
    writeFileSync(ok, LESSON(`The HTTP API answers faster\n      compare: { metric: p50, variant: http, is: lower, than: base }`));
    expect(runCli(['lessons', 'run', ok, '--out', join(work, 'ok'), '--quiet']).status).toBe(0);
    const wrong = join(work, 'wrong.yaml');
    writeFileSync(wrong, LESSON(`The REST API answers faster\n      compare: { metric: p50, variant: base, is: lower, than: http }`));
    const r = runCli(['lessons', 'run', wrong, '--out', join(work, 'wrong'), '--quiet']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^wrong: ✗ The REST API answers faster \(p50: base [\d.]+ is not lower than http [\d.]+\)\n$/);
  });

  it('refuses a claim about a variant that is not there, with the line, and an unknown lesson with the list', () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, LESSON(`About nothing\n      variant: grpc\n      expect: { p99: "< 1s" }`));
    const r = runCli(['lessons', 'run', bad, '--out', join(work, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:19: lesson\.claims\[0\]\.variant: no variant "grpc"\n  hint: variants: base, http/);
    // a claim on an outcome nothing in the variant answers with could never fail: refused before anything runs
    const never = join(work, 'never.yaml');
    writeFileSync(never, LESSON(`No stage throttle acts\n      expect: { "attempts.outcomes.429 stage": "<= 0" }`));
    const refused = runCli(['lessons', 'run', never, '--out', join(work, 'never-out')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^error: \S*never\.yaml:19: lesson\.claims\[0\]\.expect\.attempts\.outcomes\.429 stage: "429 stage" cannot happen in this variant: it needs a stage throttle \(api\.throttle\.stage\) \(variant base\)\n  hint: /m);
    expect(refused.stderr).not.toMatch(/at .*\.js/);
    const unknown = runCli(['lessons', 'run', 'cold-start']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error: no lesson "cold-start"\n  hint: lessons: .*cold-starts/);
  });

  it('refuses `lessons run` with neither a lesson nor --all, listing the lessons (it crashed with an internal error), and with both', () => {
    const none = runCli(['lessons', 'run']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^error: give a lesson name, or --all for every one\n  hint: lessons: [^\n]*cold-starts, [^\n]*retry-storm-jitter/);
    expect(none.stderr).not.toMatch(/internal error|at .*\.js/);
    const both = runCli(['lessons', 'run', 'cold-starts', '--all']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^error: give a lesson name or --all, not both/);
  });

  it('--all writes the classroom index linking every lesson of the folder', () => {
    const dir = join(work, 'library');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), LESSON(`The HTTP API answers faster\n      compare: { metric: p50, variant: http, is: lower, than: base }`));
    writeFileSync(join(dir, 'b.yaml'), LESSON(`Nothing fails\n      expect: { errorRate: "< 1%" }`).replace('name: tiny-lesson', 'name: tiny-b').replace('title: A tiny lesson', 'title: Another tiny lesson'));
    writeFileSync(join(dir, 'not-a-lesson.yaml'), 'name: plain\nduration: 10s\nload: { rate: 1/s }\napi: { type: http }\nintegration: { type: lambda, duration: { constant: 1ms } }\n');
    const out = join(work, 'all');
    expect(runCli(['lessons', '--dir', dir]).stdout).toMatch(/│ a\s+│ Is an HTTP API faster[^\n]*\n│ b\s+│/);
    const r = runCli(['lessons', '--dir', dir, 'run', '--all', '--out', out, '--quiet'], { env: { APIGW_SIM_NO_CANVAS: '1' } });
    expect(r.status).toBe(0);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index.match(/<li><a href="[a-z0-9-]+\/base\/report\.html">/g)).toEqual(['<li><a href="a/base/report.html">', '<li><a href="b/base/report.html">']);
    expect(index).toContain('1 of 1 claims hold');
    expect(existsSync(join(out, 'b', 'http', 'report.html'))).toBe(true);
  });
});
