/**
 * `apigw-sim sweep <scenario> --map` as a user runs it, on the shipped
 * scenarios/metastability-map.yaml: one cell per (spike height, retry
 * policy), P(collapse) in [0, 1] inside its Wilson interval, the largest
 * spike with immediate retries more often collapsed than the smallest, the
 * heatmaps as PNG and in report.html (drawn in a real browser, nothing
 * fetched); and each misuse one clear error.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, openReport } from '../report/browser-page.js';
import { chartFiles, expectedCharts, ROOT, runCli } from './run-cli.js';

const MAP = join(ROOT, 'scenarios', 'metastability-map.yaml');
const REPLICATIONS = 2; // enough for the command's cells and intervals: 80/s collapses both times, 20/s neither

let work: string;
let out: string;
let run: ReturnType<typeof runCli>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-map-'));
  out = join(work, 'map');
  run = runCli(['sweep', MAP, '--map', '--replications', String(REPLICATIONS), '--out', out], { charts: true });
});

describe('sweep --map', () => {
  it('writes one cell per trigger size and policy, each with P(collapse) in [0, 1] inside its interval', () => {
    expect(run.stderr).not.toMatch(/error/);
    expect(run.status).toBe(0);
    const rows: Array<Record<string, string>> = parse(readFileSync(join(out, 'sweep.csv'), 'utf8'), { columns: true });
    const spikes = ['20/s', '40/s', '50/s', '60/s', '80/s'];
    const policies = ['immediate', 'backoff-jitter', 'two-attempts', 'budget'];
    expect(rows.map((r) => `${r['load.spikes.0.rate']} ${r.policy}`)).toEqual(spikes.flatMap((s) => policies.map((p) => `${s} ${p}`)));
    for (const row of rows) {
      const [p, low, high] = ['collapse.probability_mean', 'collapse.probability_ci_low', 'collapse.probability_ci_high'].map((c) => Number(row[c]));
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(low).toBeLessThanOrEqual(p);
      expect(high).toBeGreaterThanOrEqual(p);
      expect(high).toBeGreaterThan(low); // Wilson's interval is no point, even at 0 or 2 of 2
      expect(Number.isInteger(p * REPLICATIONS)).toBe(true);
    }
    const at = (spike: string, policy: string) => Number(rows.find((r) => r['load.spikes.0.rate'] === spike && r.policy === policy)?.['collapse.probability_mean']);
    expect(at('80/s', 'immediate')).toBeGreaterThan(at('20/s', 'immediate'));
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(json.map).toEqual({ trigger: 'load.spikes.0.rate', policies });
    expect(json.replications).toBe(REPLICATIONS);
    expect(run.stdout).toMatch(/P\(collapse\)/);
    expect(chartFiles(out)).toEqual(expectedCharts(['map-p-collapse.png', 'map-recovery-time.png', 'sweep-collapse-probability.png']));
  });

  it.runIf(CHROMIUM)('draws both heatmaps in report.html, offline, with no error', async () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    const page = await openReport(join(out, 'report.html'), { screenshot: join(work, 'map.png') });
    expect(page.errors).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.drawn.map((d) => d.label)).toEqual(['P(collapse)', 'median recovery time', 'P(collapse) against load.spikes.0.rate']);
    for (const d of page.drawn) expect(d.painted, d.label ?? '').toBeGreaterThan(5000);
    expect(page.text).toContain('metastability map');
  });

  it('is refused on a scenario without a map section, beside --set, and a sweep with neither', () => {
    const plain = join(ROOT, 'scenarios', 'rest-lambda-sweep.yaml');
    const none = runCli(['sweep', plain, '--map', '--out', join(work, 'none')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^error: .*rest-lambda-sweep\.yaml: no map section\n  hint: add map: .*scenarios\/metastability-map\.yaml\n$/);
    const both = runCli(['sweep', MAP, '--map', '--set', 'load.rate=10/s', '--out', join(work, 'both')]);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--map takes its axes from the scenario's map section/);
    const neither = runCli(['sweep', MAP, '--out', join(work, 'neither')]);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toMatch(/^error: sweep needs --set \(or --map\)\n  hint: /);
    for (const dir of ['none', 'both', 'neither']) expect(existsSync(join(work, dir))).toBe(false);
  });

  it('a policy that sets a misspelt path is one error naming the policy, with the key it meant', () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, readFileSync(MAP, 'utf8').replace('clients.retry.attempts: 2', 'clients.retry.attemps: 2'));
    const r = runCli(['sweep', bad, '--map', '--replications', '2', '--out', join(work, 'bad')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/clients\.retry\.attemps: unknown key "attemps" \(from map policy "two-attempts": clients\.retry\.attemps\)/);
    expect(r.stderr).toMatch(/did you mean "attempts"/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
