/**
 * `apigw-sim init` as a new user runs it: the templates listed, each one
 * written, valid and runnable as it stands, its modeline pointing at a
 * schema that exists; an existing file kept unless --force; and the error
 * for a scenario without `api:` showing an example and the way to a
 * template.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const TEMPLATES = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-init-'));
});

describe('apigw-sim init', () => {
  it('ships the five starters the issue asks for', () => {
    expect(TEMPLATES).toEqual(['alb', 'eventbridge', 'http-container', 'rest-lambda', 'websocket']);
  });

  it('--list names every template with what it starts from', () => {
    const r = runCli(['init', '--list']);
    expect(r.status).toBe(0);
    for (const name of TEMPLATES) expect(r.stdout).toMatch(new RegExp(`│ ${name}\\s+│ \\S`));
    expect(r.stdout).toContain('apigw-sim init <template>');
  });

  it.each(TEMPLATES)('writes %s, named after its file, pointing at a schema that exists, and it validates and runs', (template) => {
    const out = join(work, template, `my-${template}.yaml`);
    const r = runCli(['init', template, '--out', out], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${out} (from the ${template} template)`);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(new RegExp(`^name: my-${template}$`, 'm'));
    const schema = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
    expect(schema).toBeDefined();
    expect(existsSync(resolve(dirname(out), schema as string)), schema).toBe(true);
    // apart from its name and modeline, the user gets the template as shipped, comments and all
    const shipped = readFileSync(join(ROOT, 'templates', `${template}.yaml`), 'utf8');
    const body = (t: string) => t.split('\n').filter((l) => !/^name: |^# yaml-language-server: /.test(l));
    expect(body(text)).toEqual(body(shipped));
    // run checks the file as validate does first (the same loader), and exits 2 if it is not valid
    const reports = join(work, template, 'report');
    const ran = runCli(['run', out, '--out', reports, '--quiet'], { cwd: work });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const summary = parse(readFileSync(join(reports, 'summary.csv'), 'utf8'), { columns: true }) as Array<{ metric: string; value: string }>;
    const figure = (name: string) => Number(summary.find((row) => row.metric === name)?.value);
    expect(figure('requests.offered')).toBeGreaterThan(100);
    expect(figure('requests.ok') / figure('requests.offered')).toBeGreaterThan(0.9);
  });

  it('refuses to replace a file unless --force, and leaves it as it was', () => {
    const out = join(work, 'mine.yaml');
    writeFileSync(out, 'my own work\n');
    const r = runCli(['init', 'alb', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: ${out} already exists\n  hint: pass --force to replace it, or give another --out\n`);
    expect(readFileSync(out, 'utf8')).toBe('my own work\n');
    expect(readdirSync(work).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(runCli(['init', 'alb', '--out', out, '--force']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^name: mine$/m);
  });

  it('writes rest-lambda.yaml here by default, prints a template with --out -, and names the templates for an unknown one', () => {
    const here = mkdtempSync(join(work, 'here-'));
    expect(runCli(['init'], { cwd: here }).status).toBe(0);
    expect(readdirSync(here)).toEqual(['rest-lambda.yaml']);
    const printed = runCli(['init', 'websocket', '--out', '-']);
    expect(printed.stdout).toBe(readFileSync(join(ROOT, 'templates', 'websocket.yaml'), 'utf8'));
    const unknown = runCli(['init', 'grpc']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(new RegExp(`^error: command-argument value 'grpc' is invalid for argument 'template'\\. Allowed choices are ${TEMPLATES.join(', ')}\\.\n`));
  });
});

describe('a scenario without api:', () => {
  it('gets a hint with a minimal example and apigw-sim init, and the example works', () => {
    const file = join(work, 'blank.yaml');
    writeFileSync(file, 'name: blank\nduration: 1m\nload: { rate: 10/s }\nintegration: { type: lambda, duration: { p50: 60ms, p99: 400ms } }\n');
    const r = runCli(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: \S+blank\.yaml:\d+: api: is required\n  hint: add the front door, e.g. api: \{ type: rest \} \(rest, http, [^)]*\); or start from a complete, commented scenario: apigw-sim init --list\n$/);
    writeFileSync(file, `${readFileSync(file, 'utf8')}api: { type: rest }\n`);
    expect(runCli(['validate', file]).status).toBe(0);
  });

  it('and one without integration: gets both kinds of integration as examples', () => {
    const file = join(work, 'no-integration.yaml');
    writeFileSync(file, 'name: n\nduration: 1m\nload: { rate: 10/s }\napi: { type: http }\n');
    const r = runCli(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/integration: is required\n  hint: add what answers the requests, e.g. integration: \{ type: lambda, [^\n]* or \{ type: http, [^\n]*apigw-sim init --list/);
  });
});
