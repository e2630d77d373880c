/**
 * compare's and sweep's report.html in a real browser (Debian's chromium,
 * as test/report/html-report.test.ts does for a run): written by the CLI as
 * a user runs it, listed in the folder's manifest, opened from disk with no
 * network, no console error, every chart drawn, and a hostile scenario name
 * shown as text.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { CHROMIUM, openReport } from './browser-page.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

const work = mkdtempSync(join(tmpdir(), 'apigw-sim-compare-html-'));
const scenario = join(work, 'small.yaml');
writeFileSync(
  scenario,
  `name: small
description: "${HOSTILE}"
duration: 20s
warmup: 5s
load: { rate: 100/s }
api: { type: rest }
integration: { type: lambda, duration: { p50: 30ms, p99: 120ms } }
`,
);

const manifestFiles = (dir: string): string[] => (JSON.parse(readFileSync(join(dir, '.apigw-sim'), 'utf8')) as { files: Array<{ path: string }> }).files.map((f) => f.path);

describe('compare writes report.html', () => {
  const out = join(work, 'cmp');
  // a scenario's name cannot hold markup, its file's name can
  const hostileFile = join(work, '<b>x.yaml');
  writeFileSync(hostileFile, readFileSync(scenario, 'utf8'));

  it('beside compare.csv, in the manifest, with a table per front door, links to each run and no raw scenario text', () => {
    const r = runCli(['compare', scenario, '--types', 'rest,http,alb', '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    expect(manifestFiles(out)).toEqual(expect.arrayContaining(['report.html', 'compare.csv', 'rest/report.html']));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const link of ['rest/report.html', 'http/report.html', 'alb/report.html']) expect(html).toContain(`href="${link}"`);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain('<th>REST API</th><th>HTTP API</th><th>Application Load Balancer</th>');
  });

  it.runIf(CHROMIUM)('opens offline with no console error and draws its latency, cost and crossover charts', async () => {
    const page = await openReport(join(out, 'report.html'));
    expect(page.errors).toEqual([]);
    expect(page.dialogs).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.drawn.map((d) => d.label)).toEqual(['Latency of successful requests by entry point', 'Monthly cost by service', 'Monthly cost against monthly volume']);
    for (const d of page.drawn) expect(d.painted, d.label ?? '').toBeGreaterThan(5000);
    expect(page.text).toMatch(/Cost against monthly volume/);
  }, 60_000);

  it.runIf(CHROMIUM)('shows a hostile file name as text', async () => {
    const hostileOut = join(work, 'cmp-hostile');
    expect(runCli(['compare', hostileFile, '--types', 'rest,http', '--out', hostileOut, '--quiet']).status).toBe(0);
    const html = readFileSync(join(hostileOut, 'report.html'), 'utf8');
    expect(html).not.toContain('<b>x.yaml');
    const page = await openReport(join(hostileOut, 'report.html'));
    expect(page.errors).toEqual([]);
    expect(page.dialogs).toEqual([]);
    expect(page.text).toContain('<b>x.yaml');
  }, 60_000);
});

describe('sweep writes report.html', () => {
  const out = join(work, 'sweep');

  it.runIf(CHROMIUM)('in the manifest; opens offline with no console error, a chart per charted figure drawn, every point in its table', async () => {
    const r = runCli(['sweep', scenario, '--set', 'integration.memory=256MB,1GB', '--set', 'api.type=rest,http', '--workers', '1', '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    expect(manifestFiles(out)).toEqual(expect.arrayContaining(['report.html', 'sweep.csv', 'sweep.json']));
    const page = await openReport(join(out, 'report.html'));
    expect(page.errors).toEqual([]);
    expect(page.dialogs).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.drawn.length).toBeGreaterThanOrEqual(2); // p99 and monthly cost against memory, a line per front door
    for (const d of page.drawn) expect(d.painted, d.label ?? '').toBeGreaterThan(5000);
    for (const value of ['256MB', '1GB', 'rest', 'http']) expect(page.text).toContain(value);
  }, 120_000);
});
